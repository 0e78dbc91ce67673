#!/usr/bin/env bash
# The layout check of CI: every C++ source tracked by git is as .clang-format says (clang-format 19,
# Debian's clang-format-19). Prints the files that differ and fails; `--fix` rewrites them instead.
#   installer/check-format.sh [--fix]
set -euo pipefail
cd "$(dirname "$0")/.."
installer/deps.sh format
FORMAT=clang-format-19
mapfile -t files < <(git ls-files '*.cpp' '*.h' '*.hpp' | grep -v '^installer/windows/vcpkg-ports/')
if [ "${1:-}" = "--fix" ]; then
    "$FORMAT" -i "${files[@]}"
    exit 0
fi
bad=()
for f in "${files[@]}"; do
    if ! "$FORMAT" --dry-run --Werror "$f" >/dev/null 2>&1; then bad+=("$f"); fi
done
if [ ${#bad[@]} -ne 0 ]; then
    echo "check-format: ${#bad[@]} file(s) differ from .clang-format (installer/check-format.sh --fix):"
    printf '  %s\n' "${bad[@]}"
    exit 1
fi
echo "check-format: ${#files[@]} files follow .clang-format"
