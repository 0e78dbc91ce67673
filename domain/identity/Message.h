#pragma once
// A sentence for a person, kept as an English pattern with "%s" slots plus its arguments, so the
// domain (standard library only) can say what it found while the presenters translate it: the
// pattern is the gettext msgid (marked with DA06_N_ so xgettext --keyword=DA06_N_ finds it).
#include <string>
#include <vector>

// Marks a string literal as a msgid without translating it here.
#define DA06_N_(text) text

namespace da06::identity {

struct Message {
    const char* pattern = "";
    std::vector<std::string> args;

    // The pattern (translated by translate when given) with each "%s" replaced, in order, by the
    // arguments; an argument that itself contains "%s" is not expanded again.
    std::string text(std::string (*translate)(const char*) = nullptr) const;
};

// "%s" slots of pattern replaced in order (missing arguments leave the slot empty).
std::string fillPattern(const std::string& pattern, const std::vector<std::string>& args);

} // namespace da06::identity
