#!/usr/bin/env bash
# The dashboard with data under Xvfb: a test store filled with the `da06` commands (units, the
# desk's unit, tasks overdue, due soon, done, with progress and indicators), then the desktop
# started on it as of a fixed day, a screenshot that is not blank, and a clean close (SIGTERM).
#   dashboard_screenshot.sh DA06_CLI DESK_PROGRAM SCREENSHOT.png
set -euo pipefail
CLI=$1
DESK=$2
SHOT=$3
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
export DA06_FAKE_TODAY=2024-03-20
STORE="$WORK/store.da06"
da06() { "$CLI" --store "$STORE" "$@" >/dev/null; }

da06 init
da06 units import --bundled
da06 desk unit set cong-an-tinh
add() {   # MODEL DUE START TITLE RESPONSIBLE [progress options…]
  local model=$1 due=$2 start=$3 title=$4 who=$5
  shift 5
  da06 tasks add "$model" --unit cong-an-tinh --due "$due" --start "$start" --title "$title" --responsible "$who" "$@"
}
add 5 2024-03-15 2024-01-15 "Hướng dẫn người dân nộp hồ sơ DVC trên VNeID" "Nguyễn Văn An" \
  --percent 60 --indicator "DVC trực tuyến đã triển khai=15/25 dịch vụ"
add 9 2024-03-10 2024-01-02 "Cài đặt phần mềm ASM tại 120 cơ sở lưu trú" "Trần Thị Bình" \
  --percent 45 --indicator "Cơ sở lưu trú đã kết nối=54/120 cơ sở"
add 15 2024-03-25 2024-02-01 "Trang bị đầu đọc CCCD cho các tiệm cầm đồ" "Lê Minh Châu" --percent 30
add 22 2024-03-27 2024-03-01 "Kích hoạt tài khoản định danh mức 2" "Phạm Quốc Dũng"
add 11 2024-03-31 2024-01-02 "Kết nối ASM tại bệnh viện tuyến huyện" "Võ Thị Hoa" --percent 80
add 28 2024-01-31 2024-01-02 "Hướng dẫn tố giác tội phạm qua VNeID" "Đặng Văn Giang" --status done
add 42 2024-06-30 2024-03-01 "Tập huấn an toàn thông tin cho cán bộ" "Bùi Thị Lan" --percent 10
da06 tasks monthly --from 2024-03 --through 2024-03

start_xvfb "$WORK" "$(dirname "$CLI")"
echo "Xvfb on $DISPLAY"

"$DESK" --store "$STORE" >"$WORK/desk.log" 2>&1 &
DESK_PID=$!
found=""
for _ in $(seq 1 150); do
  if xwininfo -root -tree 2>/dev/null | grep -q '"DA06 Desk'; then found=1; break; fi
  kill -0 "$DESK_PID" 2>/dev/null || gui_fail "the desktop exited early:"
  sleep 0.2
done
[ -n "$found" ] || gui_fail "no DA06 Desk window after 30 s"
xwininfo -root -tree | grep '"DA06 Desk' | head -n 3
sleep 2   # let it paint

import -window root "$SHOT"
colours=$(/usr/bin/convert "$SHOT" -format '%k' info:)
spread=$(/usr/bin/convert "$SHOT" -colorspace Gray -format '%[fx:int(1000*standard_deviation)]' info:)
# The state words are coloured: red (overdue) must be on the screen.
red=$(/usr/bin/convert "$SHOT" -fx '(r>0.6 && g<0.3 && b<0.3) ? 1 : 0' -format '%[fx:int(w*h*mean)]' info:)
echo "screenshot $SHOT: $colours colours, brightness spread $spread/1000, $red red pixels"
[ "$colours" -gt 40 ] || gui_fail "the screenshot looks blank"
[ "$spread" -gt 30 ] || gui_fail "the screenshot has no contrast"
[ "$red" -gt 50 ] || gui_fail "no overdue task is shown in red"

kill -TERM "$DESK_PID"
for _ in $(seq 1 50); do kill -0 "$DESK_PID" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$DESK_PID" 2>/dev/null; then gui_fail "the desktop did not close"; fi
rc=0; wait "$DESK_PID" || rc=$?
DESK_PID=""
[ "$rc" -eq 0 ] || gui_fail "the desktop exited with $rc"
echo "the desktop closed cleanly"
