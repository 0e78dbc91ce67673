#pragma once
// User-facing strings of the presenters go through tr() (xgettext keyword), so the same
// gettext catalogs serve the presenters and the wx code. The desktop installs wx's translator;
// without one (tests, command line) tr() returns the English source text.
#include <string>

namespace da06::ui {

using TranslateFn = std::string (*)(const char* msgid);

void setTranslator(TranslateFn fn);
std::string tr(const char* msgid);
// Marks a string for the catalog where it is translated later (xgettext keyword N_).
#ifndef N_
#define N_(s) s
#endif

// Replaces the first "%s" of pattern with value (for translated sentences with one slot).
std::string format1(const std::string& pattern, const std::string& value);

} // namespace da06::ui
