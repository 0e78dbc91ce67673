#!/usr/bin/env bash
# Every user-facing string of the desktop and the presenters has a Vietnamese translation.
set -euo pipefail
cd "$1"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
xgettext --from-code=UTF-8 -k_ -ktr -kN_ -kDA06_N_ --c++ --no-location --sort-output --package-name=da06 \
  -o "$tmp/current.pot" client/app/*.cpp client/presenters/*.cpp domain/identity/*.cpp domain/identity/chip/*.cpp
msgfmt --check -o /dev/null assets/i18n/vi.po
# msgcmp: every msgid of the sources must be in vi.po; untranslated entries count as missing.
msgcmp --use-untranslated assets/i18n/vi.po "$tmp/current.pot" 2>"$tmp/cmp" || true
untranslated=$(msgattrib --untranslated --no-obsolete assets/i18n/vi.po | grep -c '^msgid "' || true)
missing=$(msgcmp assets/i18n/vi.po "$tmp/current.pot" 2>&1 | grep -c 'this message is used but not defined' || true)
echo "vi.po: $missing missing, $untranslated untranslated"
# wx turns _("...") literals into text with the C library's locale, so their msgids stay ASCII
# (the translations in vi.po carry the Vietnamese).
if grep -nP '_\("[^"]*[^\x00-\x7F]' client/app/*.cpp; then
  echo "non-ASCII characters in _() msgids above: write them in ASCII (... for an ellipsis)"; exit 1
fi
if [ "$missing" -ne 0 ] || [ "$untranslated" -gt 1 ]; then
  msgcmp assets/i18n/vi.po "$tmp/current.pot" || true
  echo "run assets/i18n/update-catalog.sh and translate the new entries"; exit 1
fi
