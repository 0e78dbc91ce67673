#include "domain/identity/CccdQr.h"

#include <cstdint>

#include "domain/identity/KeyboardWedge.h"

namespace da06::identity {

namespace {

bool isTrimmed(unsigned char c)
{
    return c <= 0x20 || c == 0x7F;
}

std::string_view trimView(std::string_view s)
{
    while (!s.empty() && isTrimmed(static_cast<unsigned char>(s.front()))) {
        s.remove_prefix(1);
    }
    while (!s.empty() && isTrimmed(static_cast<unsigned char>(s.back()))) {
        s.remove_suffix(1);
    }
    return s;
}

Sex sexFromText(std::string_view s)
{
    if (s == "Nam" || s == "NAM" || s == "nam") {
        return Sex::Male;
    }
    // "Nu" is what a keyboard-wedge scanner delivers for "Nữ"; the diacritics check says so.
    if (s == "Nữ" || s == "NỮ" || s == "nữ" || s == "Nu" || s == "NU" || s == "nu") {
        return Sex::Female;
    }
    return Sex::Unknown;
}

} // namespace

bool isValidUtf8(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07u;
        } else {
            return false;
        }
        if (i + len > s.size()) {
            return false;
        }
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0u) != 0x80u) {
                return false;
            }
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
            return false;
        }
        i += len;
    }
    return true;
}

std::string shortened(std::string_view s, std::size_t maxChars)
{
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0u) != 0x80u) {
            if (chars == maxChars) {
                return std::string(s.substr(0, i)) + "…";
            }
            ++chars;
        }
    }
    return std::string(s);
}

std::vector<std::string> splitFields(std::string_view text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t bar = text.find('|', start);
        const std::string_view field =
            text.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
        out.emplace_back(trimView(field));
        if (bar == std::string_view::npos) {
            break;
        }
        start = bar + 1;
    }
    return out;
}

std::optional<Date> parseCardDate(std::string_view s)
{
    std::string digits;
    if (s.size() == 10 && s[2] == '/' && s[5] == '/') {
        digits = std::string(s.substr(0, 2)) + std::string(s.substr(3, 2)) + std::string(s.substr(6, 4));
    } else {
        digits = std::string(s);
    }
    if (digits.size() != 8 || !isAllDigits(digits)) {
        return std::nullopt;
    }
    auto num = [&](std::size_t pos, std::size_t len) {
        int v = 0;
        for (std::size_t i = pos; i < pos + len; ++i) {
            v = v * 10 + (digits[i] - '0');
        }
        return v;
    };
    const int d = num(0, 2), m = num(2, 2), y = num(4, 4);
    if (!Date::isValid(y, m, d)) {
        return std::nullopt;
    }
    return Date{y, m, d};
}

CccdParse parseCccdQr(std::string_view text)
{
    CccdParse r;
    auto add = [&](Problem p, std::vector<std::string> args = {}) {
        r.findings.push_back(Finding{p, std::move(args)});
    };

    // A UTF-8 byte order mark and the line end or control characters a scanner adds go first.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    text = trimView(text);
    if (text.empty()) {
        add(Problem::EmptyPayload);
        return r;
    }
    if (!isValidUtf8(text)) {
        add(Problem::InvalidUtf8);
        return r;
    }
    const std::vector<std::string> f = splitFields(text);
    CccdIdentity& id = r.identity;
    id.fieldCount = f.size();
    if (f.size() < 6) {
        if (looksLikeSeparatorLoss(text)) {
            add(Problem::SeparatorLost);
        } else {
            add(Problem::NotCccdPayload, {std::to_string(f.size())});
        }
        return r;
    }
    r.isCccd = true;
    if (f.size() != 6 && f.size() != 7 && f.size() != 11) {
        add(Problem::UnexpectedFieldCount, {std::to_string(f.size())});
    }

    // The old-ID slot holds digits or nothing; in the 6-field form the name comes second.
    id.hasOldIdSlot = f[1].empty() || isAllDigits(f[1]);
    const std::size_t base = id.hasOldIdSlot ? 1 : 0;
    auto field = [&](std::size_t i) -> std::string { return i < f.size() ? f[i] : std::string(); };
    id.idNumber = f[0];
    id.oldIdNumber = id.hasOldIdSlot ? f[1] : std::string();
    id.fullName = field(base + 1);
    id.dateOfBirthText = field(base + 2);
    id.sexText = field(base + 3);
    id.address = field(base + 4);
    id.issueDateText = field(base + 5);
    for (std::size_t i = base + 6; i < f.size(); ++i) {
        id.extraFields.push_back(f[i]);
    }

    if (id.idNumber.empty()) {
        add(Problem::IdMissing);
    } else if (id.idNumber.size() != 12 || !isAllDigits(id.idNumber)) {
        add(Problem::IdNotTwelveDigits, {shortened(id.idNumber)});
    }
    if (!id.oldIdNumber.empty() && id.oldIdNumber.size() != 9 && id.oldIdNumber.size() != 12) {
        add(Problem::OldIdMalformed, {shortened(id.oldIdNumber)});
    }
    if (id.fullName.empty()) {
        add(Problem::NameMissing);
    }
    if (id.dateOfBirthText.empty()) {
        add(Problem::DobMissing);
    } else if (!(id.dateOfBirth = parseCardDate(id.dateOfBirthText))) {
        add(Problem::DobInvalid, {shortened(id.dateOfBirthText)});
    }
    id.sex = sexFromText(id.sexText);
    if (id.sex == Sex::Unknown) {
        add(Problem::SexUnrecognized, {shortened(id.sexText)});
    }
    if (id.issueDateText.empty()) {
        add(Problem::IssueDateMissing);
    } else if (!(id.issueDate = parseCardDate(id.issueDateText))) {
        add(Problem::IssueDateInvalid, {shortened(id.issueDateText)});
    }
    return r;
}

} // namespace da06::identity
