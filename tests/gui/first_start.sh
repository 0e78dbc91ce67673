#!/usr/bin/env bash
# The first-start dialog under Xvfb (in Vietnamese, its mnemonics), driven from the keyboard as a clerk would: search the unit
# without diacritics, pick it, Next; "work alone", Next; the reader check (whatever this machine
# has: the advice must be there); Finish. Then the main window is shown, the desk's unit is saved
# in the store, and da06-desk closes cleanly.   first_start.sh BIN_DIR SHOT_PREFIX
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
PASS='mot hai ba bon nam sau'
DA06_PASSPHRASE=$PASS "$BIN/da06" --store "$WORK/store.da06" init >/dev/null
if DA06_PASSPHRASE=$PASS "$BIN/da06" --store "$WORK/store.da06" desk unit | grep -q tan-bien; then
  gui_fail "the desk unit is set before the first start"
fi

start_xvfb "$WORK" "$BIN"
DA06_FIRST_START=1 DA06_PASSPHRASE=$PASS "$BIN/da06-desk" --store "$WORK/store.da06" >"$WORK/desk.log" 2>&1 &
DESK_PID=$!
for _ in $(seq 1 150); do
  dialog_shown && break
  kill -0 "$DESK_PID" 2>/dev/null || gui_fail "da06-desk exited early:"
  sleep 0.2
done
dialog_shown || gui_fail "no first-start dialog"
main_shown && gui_fail "the main window came before the first-start dialog"
sleep 1
WID=$(xdotool search --onlyvisible --pid "$DESK_PID" | head -1)
xdotool windowfocus --sync "$WID"
wedge_type --delay 30 "tan bien"
sleep 0.5
xdotool key Tab Down
sleep 0.3
import -window root "$SHOT-unit.png"
xdotool key alt+t        # Tiếp (Next) → the hub step
sleep 0.8
main_shown && gui_fail "Next closed the dialog"
xdotool key alt+l alt+t  # Làm việc độc lập (work alone), Tiếp → the reader step (probed off the UI thread)
sleep 3
import -window root "$SHOT-readers.png"
# Next (to the summary) and Finish, again until the dialog is gone: under load the probe may
# still run (the buttons are disabled meanwhile), so a key pressed too early is lost.
for i in $(seq 1 20); do
  xdotool key alt+t        # Tiếp
  sleep 1
  [ "$i" -eq 1 ] && import -window root "$SHOT-done.png"
  xdotool key alt+h        # Hoàn tất (Finish)
  sleep 1
  main_shown && break
done
main_shown || gui_fail "no main window after Finish"

for f in unit readers done; do
  colours=$(/usr/bin/convert "$SHOT-$f.png" -format '%k' info:)
  [ "$colours" -gt 20 ] || gui_fail "screenshot $f looks blank"
done

kill -TERM "$DESK_PID"
for _ in $(seq 1 50); do kill -0 "$DESK_PID" 2>/dev/null || break; sleep 0.2; done
rc=0; wait "$DESK_PID" || rc=$?
DESK_PID=""
[ "$rc" -eq 0 ] || gui_fail "da06-desk exited with $rc"
unit=$(DA06_PASSPHRASE=$PASS "$BIN/da06" --store "$WORK/store.da06" desk unit)
echo "desk unit: $unit"
echo "$unit" | grep -q 'huyen-tan-bien' || gui_fail "the unit chosen at first start was not saved"
echo "first start: unit chosen, work alone, readers checked, main window shown"
