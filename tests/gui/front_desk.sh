#!/usr/bin/env bash
# The front desk under Xvfb, from the keyboard as a notary's clerk works (issue 8): a checker signs
# in, a CCCD QR payload is typed into the scan field (a keyboard-wedge scan), the legal ground is
# chosen (Alt+G: the citizen's consent), the check is saved (Ctrl+S), attached (Ctrl+G) to a new
# notarial case, and its receipt printed (Ctrl+P) to a PDF. The receipt's text is extracted
# (pdftotext) and the store is asked through the command line: the check and the case exist, the
# check belongs to the case. Then da06-desk closes cleanly. The interface runs in English so that
# the mnemonics do not depend on the state of the Vietnamese catalog.
#   front_desk.sh BIN_DIR SHOT_PREFIX
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
CHECKER_PASS='mat khau cua minh'
QR='072201003358|285123456|Đặng Quốc Bảo|15032001|Nam|Ấp Trường Lưu, Xã Trường Tây, Hòa Thành, Tây Ninh|10042021'
CASE_NO='12/2024/HD'
export DA06_FAKE_TODAY=2024-11-05
DA06_PASSPHRASE=$PASS "$BIN/da06" --store "$WORK/store.da06" init >/dev/null
DA06_PASSPHRASE=$PASS "$BIN/da06" --store "$WORK/store.da06" desk unit set huyen-tan-bien >/dev/null
DA06_PASSPHRASE=$PASS DA06_NEW_PASSPHRASE=$CHECKER_PASS \
  "$BIN/da06" --store "$WORK/store.da06" user add minh --role checker >/dev/null

# "Open the receipt" goes to a stand-in for xdg-open that notes the file.
mkdir -p "$WORK/bin"
printf '#!/bin/sh\necho "$@" >> "%s/opened"\n' "$WORK" >"$WORK/bin/xdg-open"
chmod +x "$WORK/bin/xdg-open"

# How many top-level windows of da06-desk are up (the main window, a dialog, the file chooser).
windows() { viewable | wc -l; }
start_xvfb "$WORK" "$BIN"
PATH="$WORK/bin:$PATH" DA06_LANG=en \
  DA06_USER=minh DA06_PASSPHRASE=$CHECKER_PASS "$BIN/da06-desk" --store "$WORK/store.da06" >"$WORK/desk.log" 2>&1 &
DESK_PID=$!
for _ in $(seq 1 150); do main_shown && break; sleep 0.2; done
main_shown || gui_fail "no main window"
sleep 1.5
# Keyboard focus follows the pointer without a window manager; the scan field has the focus.
# The scan arrives while the desk is busy (stopped with SIGSTOP, as a loaded machine or a cold font
# cache would hold it): the key events wait in the X queue and must still give the exact payload.
# (`xdotool type` lost every letter with a diacritic here: it rebinds a scratch key per letter and
# unbinds it before the busy program reads the event.)
xdotool mousemove 700 400
kill -STOP "$DESK_PID"
wedge_type --delay 5 --enter "$QR"
sleep 0.5
kill -CONT "$DESK_PID"
sleep 1.5
xdotool key alt+g      # Consent given by the citizen
sleep 0.5
xdotool key ctrl+s     # Save check
sleep 1.5
import -window root "$SHOT-saved.png"
dialog_shown && gui_fail "a message came up on saving (no consent? refused?)"

xdotool key ctrl+g     # Attach: a new notarial case (no case is open yet)
for _ in $(seq 1 25); do dialog_shown && break; sleep 0.2; done
dialog_shown || gui_fail "no attach dialog"
sleep 0.8
wedge_type --delay 10 "$CASE_NO"
xdotool key Tab Tab    # the kind of act (contract), then the title
wedge_type --delay 40 'Hợp đồng mua bán xe máy'
sleep 0.3
import -window root "$SHOT-attach.png"
xdotool key Return     # Attach
for _ in $(seq 1 25); do dialog_shown || break; sleep 0.2; done
dialog_shown && { import -window root "$SHOT-attach-error.png"; gui_fail "the attach dialog stayed open"; }
sleep 0.8

xdotool key ctrl+p     # Print receipt: the save dialog, the full path typed into its name field
for _ in $(seq 1 25); do [ "$(windows)" -ge 2 ] && break; sleep 0.2; done
[ "$(windows)" -ge 2 ] || { import -window root "$SHOT-print-error.png"; gui_fail "no save dialog for the receipt"; }
sleep 1
import -window root "$SHOT-print.png"
xdotool key ctrl+a
wedge_type --delay 5 "$WORK/receipt.pdf"
xdotool key Return
for _ in $(seq 1 50); do [ -s "$WORK/receipt.pdf" ] && break; sleep 0.2; done
[ -s "$WORK/receipt.pdf" ] || gui_fail "no receipt was written"
sleep 1.5
import -window root "$SHOT-desk.png"
xdotool key ctrl+5     # the notarial cases page
sleep 1
import -window root "$SHOT-cases.png"

for f in saved attach desk cases; do
  colours=$(/usr/bin/convert "$SHOT-$f.png" -format '%k' info:)
  [ "$colours" -gt 20 ] || gui_fail "screenshot $f looks blank"
done
# The saved check's verdict is drawn in the "valid" green.
green=$(/usr/bin/convert "$SHOT-desk.png" -fill black +opaque 'rgb(0,110,40)' -fill white -opaque 'rgb(0,110,40)' \
        -format '%[fx:int(mean*w*h)]' info:)
[ "$green" -gt 200 ] || gui_fail "the page does not show the valid verdict"

kill -TERM "$DESK_PID"
for _ in $(seq 1 50); do kill -0 "$DESK_PID" 2>/dev/null || break; sleep 0.2; done
rc=0; wait "$DESK_PID" || rc=$?
DESK_PID=""
[ "$rc" -eq 0 ] || gui_fail "da06-desk exited with $rc"

# The receipt: its title, the reference of the check, the purpose and the masked number.
text=$(pdftotext -layout "$WORK/receipt.pdf" -)
echo "$text" | grep -q 'BIÊN NHẬN' || gui_fail "the receipt has no title: $text"
ref=$(echo "$text" | grep -o 'KT-20241105-[0-9A-F]\{6\}' | head -1)
[ -n "$ref" ] || gui_fail "the receipt names no check reference: $text"
echo "$text" | grep -q '072\*\*\*\*\*\*358' || gui_fail "the receipt does not show the masked card number"
[ -s "$WORK/opened" ] && grep -q receipt.pdf "$WORK/opened" && echo "the receipt was handed to xdg-open"

# The store, through the command line (as the checker): the check, the case and its party.
export DA06_USER=minh DA06_PASSPHRASE=$CHECKER_PASS
checks=$("$BIN/da06" --store "$WORK/store.da06" checks list --json)
echo "$checks" | grep -q "\"$ref\"" || gui_fail "the check $ref is not in the store: $checks"
echo "$checks" | grep -q '"consent": *"given"' || gui_fail "the check was not saved with the consent: $checks"
case_json=$("$BIN/da06" --store "$WORK/store.da06" case show "$CASE_NO" --json)
echo "$case_json" | grep -q "$ref" || gui_fail "the case has no party checked by $ref: $case_json"
echo "$case_json" | grep -q 'Đặng Quốc Bảo' || gui_fail "the case's party is not the citizen checked: $case_json"
echo "$case_json" | grep -q 'Hợp đồng mua bán xe máy' || gui_fail "the case's title was not typed exactly: $case_json"
echo "front desk: QR scanned, consent given, check $ref saved, attached to case $CASE_NO, receipt printed"
