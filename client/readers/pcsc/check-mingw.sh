#!/usr/bin/env bash
# Proves that the PC/SC sources compile for Windows (WinSCard) with the mingw-w64 cross compiler:
# the same .cpp files, da06::core headers (standard library only) and mingw's winscard.h.
# Includes name headers from the repository root, the one include directory.
# Usage: client/readers/pcsc/check-mingw.sh   (from anywhere; exits non-zero on a compile error)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cxx="${MINGW_CXX:-x86_64-w64-mingw32-g++-posix}"
if ! command -v "$cxx" >/dev/null; then
  echo "check-mingw.sh: $cxx not found (apt-get install g++-mingw-w64-x86-64-posix)" >&2
  exit 2
fi
status=0
# Twice: as an ANSI build and with UNICODE defined (as wx builds are): the sources call the
# ...A entry points explicitly, so both must compile.
for defines in "" "-DUNICODE -D_UNICODE"; do
  for src in "$here"/*.cpp; do
    # shellcheck disable=SC2086
    if "$cxx" -std=c++23 -fsyntax-only -Wall -Wextra -Werror $defines \
        -I"$root" "$src"; then
      echo "ok   $(basename "$src") ${defines:-(ANSI)}"
    else
      echo "FAIL $(basename "$src") ${defines:-(ANSI)}"
      status=1
    fi
  done
done
exit $status
