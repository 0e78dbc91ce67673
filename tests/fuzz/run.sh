#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang-19 into build-fuzz/ and fuzzes each one in
# turn, on a working copy of its corpus (build-fuzz/corpus/<name>/, seeded from the committed
# tests/fuzz/corpus/<name>/, which is never written), with its dictionary and -max_len.
#   tests/fuzz/run.sh [--seconds N] [--runs N] [TARGET...]
#     --seconds N   fuzz each target for N seconds (default 60 unless --runs is given)
#     --runs N      stop each target after N executions (libFuzzer -runs; with --seconds, whichever first)
#     TARGET...     the targets to run (default: every target of build-fuzz/tests/fuzz/targets.tsv)
# Prints one line per target on stdout:
#   <name> execs=<N> crashes=<0|1> corpus=<files> features=<ft> edges=<cov>
# and exits non-zero if any target crashed, leaked, timed out or ran out of memory (after running
# the others). The input is saved as build-fuzz/crashes/<name>-{crash,leak,timeout,oom}-<sha1>,
# libFuzzer's output as build-fuzz/logs/<name>.log. Installs clang-19 (installer/deps.sh fuzz) when
# it is missing.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BUILD=build-fuzz

SECONDS_EACH=""
RUNS=""
TARGETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_EACH="${2:?--seconds needs a number}"; shift 2 ;;
    --runs) RUNS="${2:?--runs needs a number}"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "tests/fuzz/run.sh: unknown option $1" >&2; exit 2 ;;
    *) TARGETS+=("$1"); shift ;;
  esac
done
if [ -z "$SECONDS_EACH" ] && [ -z "$RUNS" ]; then
  SECONDS_EACH=60
fi

FUZZER_LIB=/usr/lib/llvm-19/lib/clang/19/lib/linux/libclang_rt.fuzzer-x86_64.a
if ! command -v clang++-19 >/dev/null 2>&1 || [ ! -f "$FUZZER_LIB" ]; then
  installer/deps.sh fuzz || exit 1
fi

LAUNCHER=()
if command -v ccache >/dev/null 2>&1; then
  LAUNCHER=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "$BUILD" -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 -DDA06_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "${LAUNCHER[@]}" >"$BUILD.configure.log" 2>&1 \
  || { cat "$BUILD.configure.log" >&2; echo "tests/fuzz/run.sh: configure failed" >&2; exit 1; }
rm -f "$BUILD.configure.log"
cmake --build "$BUILD" --target da06_fuzz_all -j"$(nproc)" >"$BUILD/fuzz-build.log" 2>&1 \
  || { tail -50 "$BUILD/fuzz-build.log" >&2; echo "tests/fuzz/run.sh: build failed ($BUILD/fuzz-build.log)" >&2; exit 1; }

MANIFEST="$BUILD/tests/fuzz/targets.tsv"
declare -A KNOWN=()
while IFS=$'\t' read -r name _; do KNOWN[$name]=1; done <"$MANIFEST"
for t in "${TARGETS[@]}"; do
  if [ -z "${KNOWN[$t]:-}" ]; then
    echo "tests/fuzz/run.sh: no fuzz target $t (known: ${!KNOWN[*]})" >&2
    exit 2
  fi
done

SYMBOLIZER=/usr/lib/llvm-19/bin/llvm-symbolizer
if [ -x "$SYMBOLIZER" ]; then
  export ASAN_SYMBOLIZER_PATH="$SYMBOLIZER"
fi
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
mkdir -p "$BUILD/crashes" "$BUILD/logs"

failed=0
while IFS=$'\t' read -r name binary corpus dict maxlen; do
  if [ ${#TARGETS[@]} -gt 0 ] && [[ ! " ${TARGETS[*]} " == *" $name "* ]]; then
    continue
  fi
  work="$BUILD/corpus/$name"
  mkdir -p "$work"
  if [ -d "$corpus" ]; then
    cp -n "$corpus"/* "$work"/ 2>/dev/null || true
  fi
  args=(-timeout=10 -rss_limit_mb=2048 -max_len="$maxlen" -print_final_stats=1
        -artifact_prefix="$BUILD/crashes/$name-")
  if [ -n "$SECONDS_EACH" ]; then args+=(-max_total_time="$SECONDS_EACH"); fi
  if [ -n "$RUNS" ]; then args+=(-runs="$RUNS"); fi
  if [ -n "$dict" ]; then args+=(-dict="$dict"); fi
  log="$BUILD/logs/$name.log"
  "$binary" "${args[@]}" "$work" </dev/null >"$log" 2>&1
  rc=$?

  execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  if [ -z "$execs" ]; then execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$last"); fi
  features=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  edges=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  files=$(find "$work" -maxdepth 1 -type f | wc -l)
  crashed=0
  if [ $rc -ne 0 ]; then
    crashed=1
    failed=1
  fi
  echo "$name execs=${execs:-0} crashes=$crashed corpus=$files features=${features:-0} edges=${edges:-0}"
  if [ $crashed -eq 1 ]; then
    {
      echo "  $name failed (exit $rc): see $log"
      grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error:|ALARM|artifact_prefix|Test unit written|MS: )' "$log" | head -8 | sed 's/^/  /'
    } >&2
  fi
done <"$MANIFEST"

exit $failed
