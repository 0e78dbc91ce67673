#!/usr/bin/env bash
# Installs what is missing, builds, and starts the desktop client on the default store
# (your data folder; created with the Tây Ninh plan on first start).
set -euo pipefail
cd "$(dirname "$0")"
installer/deps.sh
installer/build.sh dev
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat <<MSG
No graphical display here (DISPLAY is not set), so da06-desk cannot open its window.
The build is ready; use the command line instead, for example:
  export DA06_PASSPHRASE='a long passphrase'    # or leave it unset to be asked
  build/bin/da06 init                           # create the store with the Tây Ninh plan
  build/bin/da06 plan list                      # the 42 models
  build/bin/da06 plan show 15                   # one model in full
  build/bin/da06 --help
MSG
  exit 0
fi
exec build/bin/da06-desk "$@"
