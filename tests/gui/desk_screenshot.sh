#!/usr/bin/env bash
# Starts da06-desk on a fresh test store under its own Xvfb, waits for the main window, takes a
# screenshot, checks that it is not blank, then closes the program (SIGTERM → normal close) and
# checks that it exited cleanly.   desk_screenshot.sh BIN_DIR SCREENSHOT.png
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
echo "Xvfb on $DISPLAY"

"$BIN/da06-desk" --store "$WORK/store.da06" >"$WORK/desk.log" 2>&1 &
DESK_PID=$!

# Wait for the main window.
for _ in $(seq 1 150); do
  main_shown && break
  kill -0 "$DESK_PID" 2>/dev/null || gui_fail "da06-desk exited early:"
  sleep 0.2
done
main_shown || gui_fail "no DA06 Desk main window after 30 s"
echo "main window: $(viewable | tr '\n' ' ')"
sleep 2   # let it paint

import -window root "$SHOT"
# Not blank: many colours and a real spread of brightness.
colours=$(/usr/bin/convert "$SHOT" -format '%k' info:)
spread=$(/usr/bin/convert "$SHOT" -colorspace Gray -format '%[fx:int(1000*standard_deviation)]' info:)
echo "screenshot $SHOT: $colours colours, brightness spread $spread/1000"
[ "$colours" -gt 40 ] || gui_fail "the screenshot looks blank"
[ "$spread" -gt 30 ] || gui_fail "the screenshot has no contrast"

kill -TERM "$DESK_PID"
for _ in $(seq 1 50); do kill -0 "$DESK_PID" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$DESK_PID" 2>/dev/null; then gui_fail "da06-desk did not close"; fi
rc=0; wait "$DESK_PID" || rc=$?
DESK_PID=""
[ "$rc" -eq 0 ] || gui_fail "da06-desk exited with $rc"
echo "da06-desk closed cleanly"
