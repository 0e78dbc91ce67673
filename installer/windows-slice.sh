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
BUILD=build-mingw
cmake -S . -B "$BUILD" -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/toolchains/mingw-w64.cmake" \
  -DDA06_PORTABLE_ONLY=ON -DDA06_WERROR=ON -DCMAKE_BUILD_TYPE=Release
cmake --build "$BUILD" -j "$(nproc)"
export DA06_WINEPREFIX="$PWD/$BUILD/wineprefix"
ctest --test-dir "$BUILD" --output-on-failure "$@"
if [ -x client/readers/pcsc/check-mingw.sh ]; then
  client/readers/pcsc/check-mingw.sh
fi
