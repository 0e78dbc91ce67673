#!/usr/bin/env bash
# The identity-check page under Xvfb: a checker signs in, a keyboard-wedge scan of a valid CCCD QR
# payload is typed into the scan field (xdotool, 5 ms between keys, then Enter), and the page must
# show the verdict "Hợp lệ" in its green. A screenshot is kept.
#   idcheck_screenshot.sh BIN_DIR SCREENSHOT.png
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
start_xvfb "$WORK" "$BIN"
DA06_PASSPHRASE='mot hai ba bon nam sau' "$BIN/da06" --store "$WORK/store.da06" init >/dev/null
DA06_PASSPHRASE='mot hai ba bon nam sau' DA06_NEW_PASSPHRASE='mat khau cua minh' \
  "$BIN/da06" --store "$WORK/store.da06" user add minh --role checker >/dev/null

DA06_USER=minh DA06_PASSPHRASE='mat khau cua minh' "$BIN/da06-desk" --store "$WORK/store.da06" >"$WORK/desk.log" 2>&1 &
DESK_PID=$!
for _ in $(seq 1 150); do main_shown && break; sleep 0.2; done
main_shown || gui_fail "no main window"
sleep 1
# Keyboard focus follows the pointer without a window manager.
xdotool mousemove 700 300
wedge_type --delay 5 '072090001234|123456789|Nguyễn Văn An|01021990|Nam|Ấp Trường Đông, Hòa Thành, Tây Ninh|20062021'
xdotool key Return
sleep 2
import -window root "$SHOT"
# The verdict word is drawn in the "valid" green (0,110,40): count its pixels.
green=$(/usr/bin/convert "$SHOT" -fill black +opaque 'rgb(0,110,40)' -fill white -opaque 'rgb(0,110,40)' \
        -format '%[fx:int(mean*w*h)]' info:)
echo "pixels in the valid green: $green"
[ "$green" -gt 200 ] || gui_fail "the page does not show a valid verdict"
kill -TERM "$DESK_PID"
for _ in $(seq 1 50); do kill -0 "$DESK_PID" 2>/dev/null || break; sleep 0.2; done
DESK_PID=""
