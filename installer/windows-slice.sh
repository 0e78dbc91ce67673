#!/usr/bin/env bash
# The portable core proven for Windows on this Linux machine: the standard-library targets (plan
# and deadline rules, identity parsing and cross-checks, chip data structures, report periods, the
# sync protocol codec) cross-compiled with mingw-w64 (-posix), their unit tests run under wine
# through CTest (cmake/toolchains/mingw-w64.cmake), and the PC/SC reader code compiled against
# mingw's winscard.h. Two tests must fail (a failed check, a crash): CTest expects that, so a
# slice that reports a crash as a success fails here.
#   installer/windows-slice.sh [ctest arguments…]
set -euo pipefail
cd "$(dirname "$0")/.."
installer/deps.sh windows-slice
cmake --preset mingw-slice
cmake --build --preset mingw-slice -j "$(nproc)"
export DA06_WINEPREFIX="$PWD/build-mingw/wineprefix"
ctest --preset mingw-slice "$@"
if [ -x client/readers/pcsc/check-mingw.sh ]; then
  client/readers/pcsc/check-mingw.sh
fi
