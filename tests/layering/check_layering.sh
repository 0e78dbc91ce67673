#!/usr/bin/env bash
# The layering of architecture.md, checked on the sources: every quoted include names a header by
# its path from the repository root, so the layer of a header is the first folders of its path.
#   check_layering.sh [REPO]      exit 0: no rule broken; 1: each broken rule printed as file:line
# Rules (arrows point to what a layer may use; tests may use anything but wx outside the GUI ones):
#   - wx headers only in client/app (the desktop) and three tests: the toolchain, BackgroundTask and
#     the wx fence probe;
#   - domain/ includes nothing of client/, sync/client, sync/hub or reports/ (sync/protocol, the shared
#     standard-library codec, it may), and no wx, curl, PC/SC, Poco or ZXing;
#   - domain/store is the bottom: only domain/core, domain/crypto, domain/text and itself;
#   - client/presenters, client/cli, client/readers, reports/ and sync/ include nothing of client/app;
#   - client/readers and reports/ include nothing of client/cli or client/presenters;
#   - sync/protocol includes nothing of sync/client, sync/hub or client/; the hub nothing of client/.
set -uo pipefail
REPO=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$REPO" || exit 2
broken=0

# violation FILE:LINE:TEXT RULE
say() { echo "layering: $1  —  $2"; broken=1; }

# scan DIR REGEX RULE [EXCLUDE_REGEX]: every include line under DIR matching REGEX breaks RULE
scan() {
    local dir=$1 regex=$2 rule=$3 exclude=${4:-}
    [ -d "$dir" ] || return 0
    while IFS= read -r hit; do
        [ -n "$hit" ] || continue
        if [ -n "$exclude" ] && [[ "$hit" =~ $exclude ]]; then continue; fi
        say "$hit" "$rule"
    done < <(grep -rnE --include='*.cpp' --include='*.h' --include='*.hpp' --include='*.cc' \
                 "^[[:space:]]*#[[:space:]]*include[[:space:]]*${regex}" "$dir" 2>/dev/null)
}

# Every quoted include is a path from the repository root (no "../", no bare name).
for d in domain client sync reports tests; do
    scan "$d" '"(\.\.?/|[^/"]*")' "a quoted include names the header by its path from the repository root"
done

WX='<wx/'
scan domain  "$WX" "wx headers belong to client/app only"
scan sync    "$WX" "wx headers belong to client/app only"
scan reports "$WX" "wx headers belong to client/app only"
scan tests   "$WX" "wx headers belong to client/app only" '^tests/(unit/test_(toolchain|background_task)|layering/WxProbe)\.cpp:'
for d in client/*/; do
    [ "$d" = "client/app/" ] && continue
    scan "${d%/}" "$WX" "wx headers belong to client/app only"
done


scan domain '"(client|sync/client|sync/hub|reports)/' "domain/ must not depend on the client, the desk's sync engine, the hub or the reports"
scan domain '<(curl|PCSC|Poco|ZXing)/' "domain/ must not use curl, PC/SC, Poco or ZXing"
scan domain '<(winscard|pcsclite)\.h>' "domain/ must not use PC/SC"
scan domain/store '"domain/' "domain/store is the bottom layer: only domain/core, domain/crypto, domain/text and domain/store" \
    '"domain/(core|crypto|text|store)/'

for d in client/presenters client/cli client/readers client/platform reports sync; do
    scan "$d" '"client/app/' "only the desktop (client/app) may include client/app"
done
for d in client/readers reports; do
    scan "$d" '"client/(cli|presenters)/' "devices and documents must not depend on the command line or the presenters"
done
scan sync/protocol '"(sync/(client|hub)|client)/' "sync/protocol is shared by both sides: no desk or hub code"
scan sync/hub '"(client|sync/client)/' "the hub must not depend on the desk"

if [ $broken -ne 0 ]; then
    echo "layering: broken (see architecture.md, 'Layers')"
    exit 1
fi
echo "layering: every include follows the layers"
