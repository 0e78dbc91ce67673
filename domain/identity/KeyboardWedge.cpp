#include "domain/identity/KeyboardWedge.h"

#include "domain/identity/CccdQr.h"

#include <array>
#include <string_view>
#include <vector>

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

// ---- Vietnamese syllables -------------------------------------------------------------------

// A letter of a word, reduced to what spelling rules look at: lower case, tone marks removed, the
// vowel's own mark kept (a ă â e ê i o ô ơ u ư y), đ kept. 0 for a letter outside Vietnamese.
struct VowelForms {
    char32_t base;
    std::u32string_view forms; // the six tones, lower case then upper case
};
constexpr std::array<VowelForms, 12> kVowels{{
    {U'a', U"aàáảãạAÀÁẢÃẠ"},
    {U'ă', U"ăằắẳẵặĂẰẮẲẴẶ"},
    {U'â', U"âầấẩẫậÂẦẤẨẪẬ"},
    {U'e', U"eèéẻẽẹEÈÉẺẼẸ"},
    {U'ê', U"êềếểễệÊỀẾỂỄỆ"},
    {U'i', U"iìíỉĩịIÌÍỈĨỊ"},
    {U'o', U"oòóỏõọOÒÓỎÕỌ"},
    {U'ô', U"ôồốổỗộÔỒỐỔỖỘ"},
    {U'ơ', U"ơờớởỡợƠỜỚỞỠỢ"},
    {U'u', U"uùúủũụUÙÚỦŨỤ"},
    {U'ư', U"ưừứửữựƯỪỨỬỮỰ"},
    {U'y', U"yỳýỷỹỵYỲÝỶỸỴ"},
}};

bool isVowel(char32_t c)
{
    for (const VowelForms& v : kVowels) {
        if (v.base == c) {
            return true;
        }
    }
    return false;
}

char32_t reduceLetter(char32_t c)
{
    for (const VowelForms& v : kVowels) {
        if (v.forms.find(c) != std::u32string_view::npos) {
            return v.base;
        }
    }
    if (c == U'đ' || c == U'Đ') {
        return U'đ';
    }
    if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) {
        return c | 0x20;
    }
    return 0;
}

// The combining marks of a decomposed (NFD) text: tones are dropped, vowel marks applied.
bool isCombining(char32_t c)
{
    return c >= 0x0300 && c <= 0x036F;
}
char32_t applyMark(char32_t base, char32_t mark)
{
    if (mark == 0x0302) { // circumflex
        return base == U'a' ? U'â' : base == U'e' ? U'ê' : base == U'o' ? U'ô' : base;
    }
    if (mark == 0x0306) { // breve
        return base == U'a' ? U'ă' : base;
    }
    if (mark == 0x031B) { // horn
        return base == U'o' ? U'ơ' : base == U'u' ? U'ư' : base;
    }
    return base; // a tone
}

// The code points of s; `starts` gets the byte offset of each, and s.size() after the last.
std::u32string decode(std::string_view s, std::vector<std::size_t>& starts)
{
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        starts.push_back(i);
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
        char32_t cp = len == 1 ? b : b & (0x7F >> len);
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        }
        out.push_back(cp);
        i += len;
    }
    starts.push_back(s.size());
    return out;
}

bool isAsciiLetter(char32_t c)
{
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}
bool isLetterish(char32_t c)
{
    return isAsciiLetter(c) || isCombining(c) || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
}

// Onsets of Vietnamese spelling (q only as "qu", whose u is then part of the vowel group).
bool isOnset(std::u32string_view o)
{
    static constexpr std::array<std::u32string_view, 28> kOnsets{
        U"",  U"b",  U"c",  U"ch",  U"d", U"đ",  U"g", U"gh", U"gi", U"h", U"k",  U"kh", U"l", U"m",
        U"n", U"ng", U"nh", U"ngh", U"p", U"ph", U"q", U"r",  U"s",  U"t", U"th", U"tr", U"v", U"x"};
    for (const auto& k : kOnsets) {
        if (k == o) {
            return true;
        }
    }
    return false;
}

bool contains(std::u32string_view s, std::u32string_view part)
{
    return s.find(part) != std::u32string_view::npos;
}

// Whether one word (its original spelling) is broken the way a keyboard wedge breaks words.
bool wordIsBroken(std::u32string_view word)
{
    std::u32string reduced;
    bool allAsciiCapitals = true;
    for (const char32_t c : word) {
        if (isCombining(c)) {
            if (!reduced.empty()) {
                reduced.back() = applyMark(reduced.back(), c);
            }
            continue;
        }
        const char32_t r = reduceLetter(c);
        if (r == 0) {
            return false; // a letter outside Vietnamese: not ours to judge
        }
        allAsciiCapitals = allAsciiCapitals && c >= U'A' && c <= U'Z';
        reduced.push_back(r);
    }
    if (reduced.size() < 2) {
        return false;
    }
    std::size_t v = 0;
    while (v < reduced.size() && !isVowel(reduced[v])) {
        ++v;
    }
    if (v == reduced.size()) {
        return !(allAsciiCapitals && reduced.size() <= 4); // "Đng", "Trng"; "KP", "TP" are abbreviations
    }
    if (!isOnset(std::u32string_view(reduced).substr(0, v))) {
        return false; // "Ksor", "Mlô": a minority name, not broken Vietnamese
    }
    std::size_t end = v;
    while (end < reduced.size() && isVowel(reduced[end])) {
        ++end;
    }
    const std::u32string_view coda = std::u32string_view(reduced).substr(end);
    for (const char32_t c : coda) {
        if (isVowel(c)) {
            return false; // more than one syllable ("Mohamad"): not Vietnamese spelling
        }
    }
    const std::u32string_view group = std::u32string_view(reduced).substr(v, end - v);
    if (contains(group, U"ie") || contains(group, U"ye") || contains(group, U"uo") || contains(group, U"ưo")) {
        return true; // iê, yê, uô, ươ lost their marks
    }
    return group == U"uy" && (coda == U"n" || coda == U"ng" || coda == U"m");
}

std::optional<std::string> firstBrokenWord(std::string_view text)
{
    std::vector<std::size_t> starts;
    const std::u32string t = decode(text, starts);
    std::size_t i = 0;
    while (i < t.size()) {
        if (!isLetterish(t[i]) || isCombining(t[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < t.size() && isLetterish(t[j])) {
            ++j;
        }
        const bool digitNextTo =
            (i > 0 && t[i - 1] >= U'0' && t[i - 1] <= U'9') || (j < t.size() && t[j] >= U'0' && t[j] <= U'9');
        if (!digitNextTo && wordIsBroken(std::u32string_view(t).substr(i, j - i))) {
            return std::string(text.substr(starts[i], starts[j] - starts[i]));
        }
        i = j;
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> brokenSyllable(const CccdIdentity& id)
{
    if (auto w = firstBrokenWord(id.fullName)) {
        return w;
    }
    return firstBrokenWord(id.address);
}

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
