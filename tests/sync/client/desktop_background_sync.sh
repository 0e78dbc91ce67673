#!/usr/bin/env bash
# The desktop's background synchronization under Xvfb: a desk enrolled with a real da06-hub gets
# a task while the desktop runs; the desktop's scheduler sends it to the hub within seconds, the
# store records the success, the window paints, and the desktop closes cleanly (SIGTERM) with
# its sync thread stopped.
#   desktop_background_sync.sh DA06_CLI DESK_PROGRAM HUB_PROGRAM SCREENSHOT.png
set -euo pipefail
CLI=$1
DESK=$2
HUB=$3
SHOT=$4
WORK=$(mktemp -d)
XVFB_PID=""
DESK_PID=""
HUB_PID=""
cleanup() {
  [ -n "$DESK_PID" ] && kill -9 "$DESK_PID" 2>/dev/null || true
  [ -n "$HUB_PID" ] && kill -9 "$HUB_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export DA06_PASSPHRASE='mot hai ba bon nam sau'
STORE="$WORK/store.da06"
da06() { "$CLI" --store "$STORE" "$@"; }
SRC=$(cd "$(dirname "$0")/../../.." && pwd)
. "$SRC/tests/gui/xwin.sh"

"$HUB" admin --data "$WORK/hub" import-units "$SRC/assets/units/tay-ninh-units.json" >/dev/null
"$HUB" admin --data "$WORK/hub" import-plan "$SRC/assets/plans/tay-ninh-373-2024.json" >/dev/null
"$HUB" --data "$WORK/hub" --listen 127.0.0.1:0 --plain >"$WORK/hub.log" 2>&1 &
HUB_PID=$!
for _ in $(seq 1 100); do grep -q "da06-hub: ready" "$WORK/hub.log" && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/hub.log" | head -n1)
[ -n "$URL" ] || gui_fail "the hub did not start"
CODE=$("$HUB" admin --data "$WORK/hub" code create --unit huyen-tan-bien 2>/dev/null)

da06 init >/dev/null
da06 desk unit set huyen-tan-bien >/dev/null
da06 enroll --server "$URL" --code "$CODE" >/dev/null

start_xvfb "$WORK" "$(dirname "$CLI")"
DA06_SYNC_INTERVAL_SECONDS=2 "$DESK" --store "$STORE" >"$WORK/desk.log" 2>&1 &
DESK_PID=$!
for _ in $(seq 1 150); do
  main_shown && break
  kill -0 "$DESK_PID" 2>/dev/null || gui_fail "the desktop exited early:"
  sleep 0.2
done
main_shown || gui_fail "no main window after 30 s"

# A change made while the desktop runs (the command line writes the same store).
da06 tasks add 1 --unit huyen-tan-bien --title "Việc gửi từ nền" >/dev/null
found=""
for _ in $(seq 1 75); do
  if "$HUB" admin --data "$WORK/hub" state --json 2>/dev/null | grep -q "Việc gửi từ nền"; then found=1; break; fi
  sleep 0.2
done
[ -n "$found" ] || gui_fail "the desktop did not send the task to the hub within 15 s"
echo "the background sync sent the task to the hub"
da06 sync status --json | grep -q '"last_success": "20' || { da06 sync status; gui_fail "no success recorded"; }
sleep 1
import -window root "$SHOT"
colours=$(/usr/bin/convert "$SHOT" -format '%k' info:)
echo "screenshot $SHOT: $colours colours"
[ "$colours" -gt 40 ] || gui_fail "the screenshot looks blank"

kill -TERM "$DESK_PID"
for _ in $(seq 1 50); do kill -0 "$DESK_PID" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$DESK_PID" 2>/dev/null; then gui_fail "the desktop did not close"; fi
rc=0; wait "$DESK_PID" || rc=$?
DESK_PID=""
[ "$rc" -eq 0 ] || gui_fail "the desktop exited with $rc"
echo "the desktop closed cleanly"
