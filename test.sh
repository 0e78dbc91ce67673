#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (CTest).
#   ./test.sh [ctest arguments…]     e.g. ./test.sh -L unit
set -euo pipefail
cd "$(dirname "$0")"
installer/deps.sh
PRESET=dev
[ "${CI:-}" = "true" ] && PRESET=ci
installer/build.sh "$PRESET"
ctest --preset "$PRESET" "$@"
