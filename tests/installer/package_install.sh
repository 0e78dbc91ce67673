#!/usr/bin/env bash
# The Debian package, end to end: `cpack -G DEB` from this build, its control data (dependencies
# filled by dpkg-shlibdeps, plus pcscd and the fonts), installed with `dpkg --root` into an empty
# root, then the installed programs run from that root only (not from the build tree): da06
# --version, da06 init, a monthly report as PDF (text extracted and checked); the desktop entry,
# icon, catalogs, man pages and the hub's systemd unit are where Debian expects them.
#   package_install.sh BUILD_DIR
set -euo pipefail
BUILD=$(cd "$1" && pwd)
WORK=$(mktemp -d /tmp/da06-pkg.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== cpack"
(cd "$BUILD" && cpack -G DEB -B "$WORK/out" >"$WORK/cpack.log" 2>&1) || { cat "$WORK/cpack.log"; fail "cpack failed"; }
DEB=$(ls "$WORK"/out/da06_*_amd64.deb 2>/dev/null | head -1)
[ -n "$DEB" ] || fail "no da06_*_amd64.deb made"
echo "package: $(basename "$DEB") ($(du -k "$DEB" | cut -f1) KiB)"

echo "== control data"
dpkg-deb -f "$DEB" Package Version Architecture Depends > "$WORK/control"
cat "$WORK/control"
DEPENDS=$(dpkg-deb -f "$DEB" Depends)
for dep in pcscd fonts-dejavu-core fonts-liberation2 libsqlcipher0 libwx libcurl4 libpcsclite1 libeac3 libpoco; do
  case "$DEPENDS" in *"$dep"*) ;; *) fail "Depends lacks $dep";; esac
done

echo "== dpkg --root into an empty root"
ROOT="$WORK/root"
mkdir -p "$ROOT/var/lib/dpkg/info" "$ROOT/var/lib/dpkg/updates" "$ROOT/var/lib/dpkg/triggers"
touch "$ROOT/var/lib/dpkg/status"
# Only the package's own files: its dependencies are the host's (checked above by name).
dpkg --root="$ROOT" --force-depends --force-script-chrootless -i "$DEB" >"$WORK/dpkg.log" 2>&1 \
  || { cat "$WORK/dpkg.log"; fail "dpkg -i failed"; }
dpkg --root="$ROOT" -s da06 | grep -q "^Status: install ok installed" || fail "dpkg does not list da06 as installed"

for f in usr/bin/da06 usr/bin/da06-desk usr/bin/da06-hub \
         usr/share/applications/da06-desk.desktop \
         usr/share/icons/hicolor/scalable/apps/da06-desk.svg usr/share/icons/hicolor/256x256/apps/da06-desk.png \
         usr/share/locale/vi/LC_MESSAGES/da06.mo \
         usr/share/man/man1/da06.1.gz usr/share/man/man1/da06-hub.1.gz \
         usr/share/da06/plans/tay-ninh-373-2024.json usr/lib/systemd/system/da06-hub.service; do
  [ -e "$ROOT/$f" ] || fail "missing /$f"
done
grep -q '^Exec=da06-desk$' "$ROOT/usr/share/applications/da06-desk.desktop" || fail "desktop entry"
zcat "$ROOT/usr/share/man/man1/da06.1.gz" | grep -q 'idcheck' || fail "da06.1 lacks the command list"
zcat "$ROOT/usr/share/man/man1/da06-hub.1.gz" | grep -q '^\.TH DA06-HUB' || fail "da06-hub.1 header"
if command -v man >/dev/null 2>&1; then
  MANWIDTH=100 man -l "$ROOT/usr/share/man/man1/da06.1.gz" 2>/dev/null | grep -q 'SYNOPSIS' || fail "man cannot format da06.1"
fi
# The unit is shipped disabled: no enablement symlink in the package.
[ ! -e "$ROOT/etc/systemd/system/multi-user.target.wants/da06-hub.service" ] || fail "the hub unit must not be enabled"
# Every library of the installed programs resolves on this system.
for p in da06 da06-desk da06-hub; do
  if ldd "$ROOT/usr/bin/$p" | grep -q 'not found'; then ldd "$ROOT/usr/bin/$p"; fail "$p has unresolved libraries"; fi
done

echo "== the installed programs, from the installed files only"
cd "$WORK"
export PATH="$ROOT/usr/bin:/usr/bin:/bin"
unset DA06_STORE DA06_USER LD_LIBRARY_PATH
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share"
mkdir -p "$HOME"
V=$("$ROOT/usr/bin/da06" --version)
echo "$V"
case "$V" in "da06 "*) ;; *) fail "da06 --version: $V";; esac
"$ROOT/usr/bin/da06-hub" --help >/dev/null || fail "da06-hub --help"
export DA06_PASSPHRASE='gói cài đặt thử nghiệm 2024'
"$ROOT/usr/bin/da06" --store "$WORK/s.da06" init >"$WORK/init.log" 2>&1 || { cat "$WORK/init.log"; fail "da06 init"; }
"$ROOT/usr/bin/da06" --store "$WORK/s.da06" plan list --group B | grep -q 'Mô hình\|15' || fail "plan list"
"$ROOT/usr/bin/da06" --store "$WORK/s.da06" desk unit set cong-an-tinh >/dev/null || fail "desk unit set"
DA06_NEW_PASSPHRASE='cán bộ nhập tiến độ 2024' "$ROOT/usr/bin/da06" --store "$WORK/s.da06" user add lan --role staff >/dev/null \
  || fail "da06 user add"
DA06_PASSPHRASE='cán bộ nhập tiến độ 2024' DA06_FAKE_TODAY=2024-07-20 "$ROOT/usr/bin/da06" --store "$WORK/s.da06" --user lan report unit --period 2024-07 --pdf "$WORK/r.pdf" >"$WORK/report.log" 2>&1 \
  || { cat "$WORK/report.log"; fail "da06 report unit"; }
[ -s "$WORK/r.pdf" ] || fail "no PDF"
pdftotext -enc UTF-8 "$WORK/r.pdf" "$WORK/r.txt" || fail "pdftotext"
grep -q "BÁO CÁO" "$WORK/r.txt" || { head -20 "$WORK/r.txt"; fail "the PDF does not read as a Vietnamese report"; }
echo "PASS: package built, installed into an empty root, and run from it"
