#include "domain/identity/KeyboardWedge.h"

#include "domain/identity/CccdQr.h"

namespace da06::identity {

namespace {

// Letters needed before the absence of any diacritic means something: Vietnamese full names
// almost always carry one ("Nguyễn", "Văn", "Thị", "Lê", "Trần", …) and addresses always do
// ("Xã", "Phường", "Huyện", "Tỉnh", "Thành phố").
constexpr int kMinLetters = 8;

bool hasQuestionMarkInWord(std::string_view s)
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '?') {
            continue;
        }
        const bool letterBefore = i > 0 && ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z');
        const bool letterAfter = i + 1 < s.size() && ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z');
        if (letterBefore || letterAfter) {
            return true;
        }
    }
    return false;
}

} // namespace

std::optional<std::string> lostDiacriticsSample(const CccdIdentity& id)
{
    const std::string sample = !id.fullName.empty() ? id.fullName : id.address;
    if (hasQuestionMarkInWord(id.fullName) || hasQuestionMarkInWord(id.address)) {
        return shortened(sample);
    }
    int letters = 0;
    for (const std::string* s : {&id.fullName, &id.sexText, &id.address}) {
        for (const char c : *s) {
            if (static_cast<unsigned char>(c) >= 0x80) {
                return std::nullopt; // something outside ASCII came through
            }
            const char lower = static_cast<char>(c | 0x20);
            letters += lower >= 'a' && lower <= 'z' ? 1 : 0;
        }
    }
    if (letters < kMinLetters) {
        return std::nullopt;
    }
    return shortened(sample);
}

bool looksLikeSeparatorLoss(std::string_view p)
{
    if (p.size() <= 13 || p.find('|') != std::string_view::npos) {
        return false;
    }
    for (std::size_t i = 0; i < 12; ++i) {
        if (p[i] < '0' || p[i] > '9') {
            return false;
        }
    }
    // The 13th character is the lost separator: anything but another digit.
    return p[12] < '0' || p[12] > '9';
}

} // namespace da06::identity
