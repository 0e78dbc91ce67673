#!/usr/bin/env bash
# Extracts the translatable strings (keywords _ tr N_) into da06.pot and merges them into vi.po.
# Run after adding user-facing strings, then translate the new entries of vi.po.
set -euo pipefail
cd "$(dirname "$0")/../.."
xgettext --from-code=UTF-8 -k_ -ktr -kN_ -kDA06_N_ --c++ --no-location --sort-output \
  --package-name=da06 -o assets/i18n/da06.pot client/app/*.cpp client/presenters/*.cpp domain/identity/*.cpp domain/identity/chip/*.cpp
msgmerge --quiet --update --backup=none --no-fuzzy-matching assets/i18n/vi.po assets/i18n/da06.pot
