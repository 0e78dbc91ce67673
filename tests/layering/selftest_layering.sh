#!/usr/bin/env bash
# Proves that check_layering.sh catches what it must: a copy of the sources with one forbidden
# include added at a time must fail with the rule named, and the copy as it is must pass.
#   selftest_layering.sh [REPO]
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=${1:-$(cd "$HERE/../.." && pwd)}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fails=0

copy() {
    rm -rf "$WORK/tree"; mkdir -p "$WORK/tree"
    for d in domain client sync reports tests; do cp -r "$REPO/$d" "$WORK/tree/$d"; done
    rm -rf "$WORK/tree/tests/layering"   # the probes below are not part of the copy
}

# expect FILE LINE RULE_WORDS: adding LINE at the top of FILE must break the rule
expect() {
    local file=$1 line=$2 words=$3
    copy
    sed -i "1i $line" "$WORK/tree/$file"
    local out
    out=$("$HERE/check_layering.sh" "$WORK/tree" 2>&1)
    local rc=$?
    if [ $rc -ne 1 ] || ! grep -q "$file:1:.*$words" <<<"$out"; then
        echo "selftest: NOT caught: $line in $file (exit $rc)"; echo "$out" | head -5; fails=$((fails + 1))
    else
        echo "selftest: caught: $line in $file"
    fi
}

copy
if ! "$HERE/check_layering.sh" "$WORK/tree" >/dev/null; then
    echo "selftest: the unchanged sources already break a rule"; "$HERE/check_layering.sh" "$WORK/tree"; fails=$((fails + 1))
fi
expect client/presenters/Translate.cpp '#include <wx/string.h>' 'wx headers belong to client/app only'
expect domain/core/Json.cpp '#include <wx/string.h>' 'wx headers belong to client/app only'
expect sync/client/SyncEngine.cpp '#include <wx/string.h>' 'wx headers belong to client/app only'
expect domain/work/TaskService.cpp '#include "client/presenters/Translate.h"' 'domain/ must not depend'
expect domain/work/TaskService.cpp '#include "sync/client/SyncEngine.h"' 'domain/ must not depend'
expect domain/desk/CheckService.cpp '#include <curl/curl.h>' 'curl, PC/SC, Poco or ZXing'
expect domain/desk/CheckService.cpp '#include <PCSC/winscard.h>' 'curl, PC/SC, Poco or ZXing'
expect domain/desk/CheckService.cpp '#include <winscard.h>' 'must not use PC/SC'
expect domain/core/Json.cpp '#include <Poco/Net/HTTPServer.h>' 'curl, PC/SC, Poco or ZXing'
expect domain/store/Store.cpp '#include "domain/work/WorkSchema.h"' 'bottom layer'
expect client/presenters/Translate.cpp '#include "client/app/MainFrame.h"' 'only the desktop'
expect sync/protocol/Protocol.cpp '#include "sync/hub/HubStore.h"' 'shared by both sides'
expect domain/work/TaskService.cpp '#include "../../client/presenters/Translate.h"' 'path from the repository root'
expect domain/work/TaskService.cpp '#include "Translate.h"' 'path from the repository root'
if [ $fails -ne 0 ]; then echo "selftest: $fails problem(s)"; exit 1; fi
echo "selftest: every forbidden include was caught"
