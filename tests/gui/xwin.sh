# Sourced by the GUI tests: the X display (Xvfb), which windows of da06-desk are on it, typing
# like a keyboard-wedge scanner, and what a failing test leaves behind.
#
# The script sets WORK (its scratch folder, holding desk.log and the other logs) and SHOT (the
# screenshot path or prefix in the CTest output folder) before sourcing this file; then
#   start_xvfb "$WORK" BIN_DIR   starts Xvfb, exports DISPLAY and prepares the keymap (da06_wedge)
#   wedge_type [--delay MS] TEXT types TEXT one key per character (default 8 ms between keys)
#   gui_fail MESSAGE             keeps a screenshot and the logs in "${SHOT%.png}-failure/",
#                                prints where they are and the desk's log, and exits 1
# A command that fails under `set -e` goes through gui_fail too.

# Top-level windows of the program that are viewable, as "WIDTHxHEIGHT" lines. (Titles are not
# usable here: without a window manager GTK leaves WM_NAME unset.)
viewable() {
  for id in $(xwininfo -root -children 2>/dev/null | awk '/^ +0x/ && /da06-desk/ {print $1}'); do
    info=$(xwininfo -id "$id" 2>/dev/null) || continue
    echo "$info" | grep -q "Map State: IsViewable" || continue
    w=$(echo "$info" | awk '/Width:/{print $2}'); h=$(echo "$info" | awk '/Height:/{print $2}')
    echo "${w}x${h}"
  done
}
main_shown() { viewable | awk -Fx '$1 >= 900 && $2 >= 500' | grep -q .; }
dialog_shown() { viewable | awk -Fx '$1 < 900 && $1 > 250' | grep -q .; }

# Where a failing test leaves its evidence: beside its screenshots, in the CTest output folder.
GUI_ARTIFACTS="${SHOT%.png}-failure"
rm -rf "$GUI_ARTIFACTS"

gui_fail() {
  trap - ERR
  mkdir -p "$GUI_ARTIFACTS"
  if [ -n "${DISPLAY:-}" ]; then
    import -window root "$GUI_ARTIFACTS/screen.png" 2>/dev/null || true
    viewable >"$GUI_ARTIFACTS/windows.txt" 2>/dev/null || true
  fi
  for f in "$WORK"/*.log; do [ -f "$f" ] && cp "$f" "$GUI_ARTIFACTS/"; done
  for f in "${SHOT%.png}"*.png; do [ -f "$f" ] && cp "$f" "$GUI_ARTIFACTS/"; done
  echo "FAILED: $*"
  echo "artifacts (screenshots, logs): $GUI_ARTIFACTS"
  ls "$GUI_ARTIFACTS" | sed 's/^/  /'
  if [ -f "$WORK/desk.log" ]; then
    echo "--- desk.log (last 100 lines)"
    tail -n 100 "$WORK/desk.log"
  fi
  exit 1
}
trap 'gui_fail "a command failed at line $LINENO: $BASH_COMMAND"' ERR

# Starts Xvfb on a free display (-displayfd), exports DISPLAY, sets XVFB_PID, and binds every
# Vietnamese letter in the keymap once, before any application starts (tests/gui/wedge).
# Xvfb listens on the abstract socket "@/tmp/.X11-unix/XN" too, and -displayfd moves on to the
# next number when that socket is taken: abstract sockets are shared by every root on the machine
# (the host and a fresh-root chroot), so two roots running the GUI tests at once get different
# displays. (Without it, `-nolisten local`, two Xvfb started together both took :0.)
start_xvfb() {
  DA06_WEDGE="$2/da06_wedge"
  [ -x "$DA06_WEDGE" ] || { echo "no keyboard-wedge emulator at $DA06_WEDGE"; exit 1; }
  exec 3>"$1/display"
  Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp >"$1/xvfb.log" 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 1 100); do [ -s "$1/display" ] && break; sleep 0.1; done
  export DISPLAY=":$(head -n1 "$1/display")"
  "$DA06_WEDGE" --prepare
}

# Types like a keyboard-wedge scanner: one key press and release per character, 8 ms apart unless
# --delay says otherwise, on the keymap prepared by start_xvfb (no remapping while keys are sent).
wedge_type() {
  "$DA06_WEDGE" "$@"
}
