#!/usr/bin/env bash
# The build's fence around wx (architecture.md: wx code thin, only in client/app): a source that
# includes <wx/string.h> compiles for da06_app and fails, for want of the header, for every other
# library. The equivalent of Audacity's non-GUI libraries built with wxUSE_GUI=0: ours see no wx.
#   wx_fence.sh BUILD_DIR LIB…      (the probe targets are layering_wx_probe_<LIB>)
set -uo pipefail
BUILD=$1; shift
fails=0
probe() {
    local out
    # Makefiles build the one object with TARGET/fast, without walking the built libraries again.
    out=$(cmake --build "$BUILD" --target "layering_wx_probe_$1/fast" 2>&1) && { echo "$out"; return 0; }
    if grep -q "No rule to make target" <<<"$out"; then
        cmake --build "$BUILD" --target "layering_wx_probe_$1" 2>&1; return
    fi
    echo "$out"; return 1
}
if ! out=$(probe da06_app); then
    echo "wx fence: the probe does not even compile for da06_app:"; echo "$out" | tail -20; exit 1
fi
echo "wx fence: da06_app sees wx (as it must)"
for lib in "$@"; do
    out=$(probe "$lib"); rc=$?
    if [ $rc -eq 0 ]; then
        echo "wx fence: BROKEN: $lib compiles a source that includes <wx/string.h>"; fails=$((fails + 1))
    elif grep -q "wx/string.h" <<<"$out"; then
        echo "wx fence: $lib cannot see wx"
    else
        echo "wx fence: the probe for $lib failed for another reason:"; echo "$out" | tail -20; fails=$((fails + 1))
    fi
done
exit $fails
