# Sourced by the GUI tests: which windows of da06-desk are on the X display.
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


# Starts Xvfb on a free display (-displayfd) and exports DISPLAY; sets XVFB_PID.
start_xvfb() {
  exec 3>"$1/display"
  Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp >"$1/xvfb.log" 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 1 100); do [ -s "$1/display" ] && break; sleep 0.1; done
  export DISPLAY=":$(head -n1 "$1/display")"
}
