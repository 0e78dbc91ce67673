#include "client/presenters/PassphraseRules.h"

#include <cmath>
#include <set>

#include "client/presenters/Translate.h"

namespace da06::ui {

PassphraseStrength evaluatePassphrase(std::string_view p)
{
    // Count characters (UTF-8 code points) and character classes; estimate entropy roughly.
    std::size_t chars = 0;
    bool lower = false, upper = false, digit = false, other = false, nonAscii = false, space = false;
    std::set<unsigned char> distinct;
    for (unsigned char c : p) {
        if ((c & 0xC0) != 0x80) {
            ++chars;
        }
        distinct.insert(c);
        if (c >= 'a' && c <= 'z')
            lower = true;
        else if (c >= 'A' && c <= 'Z')
            upper = true;
        else if (c >= '0' && c <= '9')
            digit = true;
        else if (c == ' ')
            space = true;
        else if (c >= 0x80)
            nonAscii = true;
        else
            other = true;
    }
    int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 32 : 0) + (space ? 1 : 0) +
               (nonAscii ? 64 : 0);
    if (pool == 0) {
        pool = 1;
    }
    double bits = static_cast<double>(chars) * std::log2(static_cast<double>(pool));
    // Repetition ("aaaaaaaaaa", "1212121212") is worth little.
    if (distinct.size() < 5) {
        bits = std::min(bits, static_cast<double>(distinct.size()) * 4.0);
    }

    PassphraseStrength s;
    if (chars < kMinPassphraseLength) {
        s.score = 0;
        s.label = tr("Too short");
        s.hint = format1(
            tr("Use at least %s characters; a few words that belong together only for you are easy to remember."),
            std::to_string(kMinPassphraseLength));
    } else if (bits < 45) {
        s.score = 1;
        s.label = tr("Weak");
        s.hint = tr("Add more words, or mix letters with digits and signs.");
    } else if (bits < 60) {
        s.score = 2;
        s.label = tr("Fair");
        s.hint = tr("Acceptable. One or two more words would make it strong.");
    } else if (bits < 80) {
        s.score = 3;
        s.label = tr("Good");
        s.hint = tr("Good. Keep it to yourself: it protects citizens' personal data.");
    } else {
        s.score = 4;
        s.label = tr("Strong");
        s.hint = tr("Strong. Keep it to yourself: it protects citizens' personal data.");
    }
    s.acceptable = s.score >= 2;
    return s;
}

} // namespace da06::ui
