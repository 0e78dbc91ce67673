#!/usr/bin/env bash
# Runs a Windows program under wine as CTest's CMAKE_CROSSCOMPILING_EMULATOR: headless, no debugger
# (WINEDLLOVERRIDES=winedbg.exe=d, so a crash is a failure and never a silent exit 0), quiet, with
# its own prefix under the build folder unless WINEPREFIX is set.
set -euo pipefail
export WINEDEBUG=-all
export WINEDLLOVERRIDES="winedbg.exe=d;mscoree=d;mshtml=d"
export WINEPREFIX="${WINEPREFIX:-${DA06_WINEPREFIX:-$HOME/.cache/da06-wine}}"
export DISPLAY=""
mkdir -p "$WINEPREFIX"
exec wine "$@"
