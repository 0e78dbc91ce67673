#!/usr/bin/env bash
# The lock screen: da06-desk on a test store with a 3-second idle policy (DA06_IDLE_LOCK_SECONDS)
# must hide its main window and show the lock dialog by itself; a screenshot of the lock screen
# is kept. Then the program is closed.   desk_lock.sh BIN_DIR SCREENSHOT.png
set -euo pipefail
BIN=$1
SHOT=$2
WORK=$(mktemp -d)
XVFB_PID=""
DESK_PID=""
cleanup() {
  [ -n "$DESK_PID" ] && kill -9 "$DESK_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
. "$(dirname "$0")/xwin.sh"
export DA06_PASSPHRASE='mot hai ba bon nam sau'
"$BIN/da06" --store "$WORK/store.da06" init >/dev/null
start_xvfb "$WORK" "$BIN"

DA06_IDLE_LOCK_SECONDS=3 "$BIN/da06-desk" --store "$WORK/store.da06" >"$WORK/desk.log" 2>&1 &
DESK_PID=$!

# The main window appears first …
for _ in $(seq 1 150); do main_shown && break; sleep 0.2; done
main_shown || gui_fail "no main window"
echo "main window shown: $(viewable | tr '\n' ' ')"
# … then, with no input, the lock dialog replaces it.
for _ in $(seq 1 100); do { dialog_shown && ! main_shown; } && break; sleep 0.2; done
if main_shown; then viewable; gui_fail "the main window is still visible: the desk did not lock"; fi
dialog_shown || gui_fail "no lock dialog"
echo "locked: the main window is hidden, the lock dialog is shown: $(viewable | tr '\n' ' ')"
sleep 1
import -window root "$SHOT"
kill -9 "$DESK_PID"; DESK_PID=""
