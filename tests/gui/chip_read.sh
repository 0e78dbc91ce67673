#!/usr/bin/env bash
# The chip on the identity-check page under Xvfb: a checker scans the QR code of a card whose
# printed name was forged, presses F5, and the page reads the virtual CCCD (tests/vcard) through
# the real pcscd off the UI thread: the photo beside the fields, the three verifications, the chip
# and the QR code side by side with the forged name marked. Then da06-desk closes cleanly.
#   chip_read.sh BIN_DIR SCREENSHOT.png
set -euo pipefail
BIN=$1
SHOT=$2
WORK=$(mktemp -d)
XVFB_PID=""
DESK_PID=""
CARD_PID=""
PCSCD_PID=""
cleanup() {
  [ -n "$DESK_PID" ] && kill -9 "$DESK_PID" 2>/dev/null || true
  [ -n "$CARD_PID" ] && kill "$CARD_PID" 2>/dev/null || true
  [ -n "$PCSCD_PID" ] && kill "$PCSCD_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
. "$(dirname "$0")/xwin.sh"
# The vpcd slots are shared with the C++ tests (tests/pcsc/PcscdFixture.cpp holds the same lock).
exec 9>/tmp/da06-vpcd.lock
flock -w 120 9

if ! pgrep -x pcscd >/dev/null; then
  /usr/sbin/pcscd -f >"$WORK/pcscd.log" 2>&1 &
  PCSCD_PID=$!
  sleep 1
fi
"$BIN/da06_vcard_make" --make-pki "$WORK/pki" >/dev/null
"$BIN/da06_vcard_make" --pki "$WORK/pki" --out "$WORK/card" --person 1 >/dev/null
mkdir -p "$WORK/trust" && cp "$WORK/pki/csca.pem" "$WORK/trust/"
"$BIN/da06_vcard" --card "$WORK/card" >"$WORK/card.log" 2>&1 &
CARD_PID=$!

start_xvfb "$WORK" "$BIN"
DA06_PASSPHRASE='mot hai ba bon nam sau' "$BIN/da06" --store "$WORK/store.da06" init >/dev/null
DA06_PASSPHRASE='mot hai ba bon nam sau' DA06_NEW_PASSPHRASE='mat khau cua minh' \
  "$BIN/da06" --store "$WORK/store.da06" user add minh --role checker >/dev/null
DA06_FAKE_TODAY=2024-06-01 DA06_CSCA_DIR="$WORK/trust" DA06_USER=minh DA06_PASSPHRASE='mat khau cua minh' \
  "$BIN/da06-desk" --store "$WORK/store.da06" >"$WORK/desk.log" 2>&1 &
DESK_PID=$!
for _ in $(seq 1 150); do main_shown && break; sleep 0.2; done
main_shown || gui_fail "no main window"
sleep 1.5
xdotool mousemove 700 300
# The QR code with a forged name (the chip says Đặng Quốc Bảo).
wedge_type --delay 5 '072201003358||Đặng Quốc Báu|22082001|Nam|Ấp Trường Đông, Xã Trường Hòa, Thị xã Hòa Thành, Tây Ninh|15072021'
xdotool key Return
sleep 1.5
xdotool key F5
# The reading runs off the UI thread: wait for the photo (skin tones of the drawn face).
found=0
for _ in $(seq 1 40); do
  sleep 0.5
  import -window root "$SHOT"
  skin=$(/usr/bin/convert "$SHOT" -fuzz 6% -fill black +opaque 'rgb(232,150,140)' -fill white -opaque 'rgb(232,150,140)' \
         -format '%[fx:int(mean*w*h)]' info: 2>/dev/null || echo 0)
  if [ "$skin" -gt 2000 ]; then found=1; break; fi
done
echo "photo pixels: $skin"
[ "$found" -eq 1 ] || gui_fail "the chip's photo is not on the page"
# The forged name in the side-by-side table is in the fail red; the verdict too.
red=$(/usr/bin/convert "$SHOT" -fill black +opaque 'rgb(176,0,32)' -fill white -opaque 'rgb(176,0,32)' -format '%[fx:int(mean*w*h)]' info:)
echo "pixels in the fail red: $red"
[ "$red" -gt 300 ] || gui_fail "the difference between chip and QR code is not marked"

kill -TERM "$DESK_PID"
for _ in $(seq 1 50); do kill -0 "$DESK_PID" 2>/dev/null || break; sleep 0.2; done
rc=0; wait "$DESK_PID" || rc=$?
DESK_PID=""
[ "$rc" -eq 0 ] || gui_fail "da06-desk exited with $rc"
echo "chip read on the identity-check page; da06-desk closed cleanly"
