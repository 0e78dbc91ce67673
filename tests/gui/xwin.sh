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

