#include "domain/plan/Deadline.h"

#include <cctype>
#include <cstdio>
#include <string>

namespace da06::plan {

namespace {

// Lower-case ASCII letters only; the Vietnamese keywords are matched in their NFC bytes.
std::string lowerAscii(std::string_view s)
{
    std::string out(s);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::optional<int> readInt(std::string_view s, std::size_t& i, std::size_t maxDigits)
{
    std::size_t start = i;
    int v = 0;
    while (i < s.size() && i - start < maxDigits && std::isdigit(static_cast<unsigned char>(s[i]))) {
        v = v * 10 + (s[i] - '0');
        ++i;
    }
    if (i == start) {
        return std::nullopt;
    }
    return v;
}

std::optional<int> romanQuarter(std::string_view s, std::size_t& i)
{
    static constexpr std::string_view forms[] = {"iv", "iii", "ii", "i"};
    static constexpr int values[] = {4, 3, 2, 1};
    for (int k = 0; k < 4; ++k) {
        if (s.substr(i, forms[k].size()) == forms[k]) {
            i += forms[k].size();
            return values[k];
        }
    }
    if (i < s.size() && s[i] >= '1' && s[i] <= '4') {
        return s[i++] - '0';
    }
    return std::nullopt;
}

void skipSpaces(std::string_view s, std::size_t& i)
{
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
        ++i;
    }
}

} // namespace

std::optional<Date> periodEnd(std::string_view p)
{
    if (p.size() == 7 && p[4] == '-') {
        std::size_t i = 0;
        auto y = readInt(p, i, 4);
        if (!y || i != 4 || *y < 1) { // year 0 has no Date (Date::isValid)
            return std::nullopt;
        }
        i = 5;
        if (p[5] == 'Q') {
            if (p[6] < '1' || p[6] > '4') {
                return std::nullopt;
            }
            return Date::lastDayOfQuarter(*y, p[6] - '0');
        }
        auto m = readInt(p, i, 2);
        if (!m || i != 7 || *m < 1 || *m > 12) {
            return std::nullopt;
        }
        return Date::lastDayOfMonth(*y, *m);
    }
    return std::nullopt;
}

std::optional<Deadline> parseDeadlineText(std::string_view vietnamese)
{
    const std::string s = lowerAscii(vietnamese);
    // "Tháng" / "tháng" — 'T'/'t' then "háng" in UTF-8.
    static const std::string thang = "h\xC3\xA1ng";                                 // háng
    static const std::string quy = "qu\xC3\xBD";                                    // quý
    static const std::string thuongXuyen = "th\xC6\xB0\xE1\xBB\x9Dng xuy\xC3\xAAn"; // thường xuyên
    static const std::string xong = "xong n\xC4\x83m";                              // xong năm

    if (s.find(thuongXuyen) != std::string::npos) {
        return Deadline{DeadlineKind::Recurring, std::nullopt, std::nullopt, std::nullopt};
    }
    if (auto pos = s.find(xong); pos != std::string::npos) {
        std::size_t i = pos + xong.size();
        skipSpaces(s, i);
        auto y = readInt(s, i, 4);
        Deadline d{DeadlineKind::Completed, std::nullopt, std::nullopt, std::nullopt};
        if (y) {
            d.year = *y;
        }
        return d;
    }
    if (auto pos = s.find(quy); pos != std::string::npos) {
        std::size_t i = pos + quy.size();
        skipSpaces(s, i);
        auto q = romanQuarter(s, i);
        skipSpaces(s, i);
        if (!q || i >= s.size() || s[i] != '/') {
            return std::nullopt;
        }
        ++i;
        auto y = readInt(s, i, 4);
        if (!y || *y < 1000) {
            return std::nullopt;
        }
        return Deadline{DeadlineKind::Quarter, std::to_string(*y) + "-Q" + std::to_string(*q), std::nullopt,
                        Date::lastDayOfQuarter(*y, *q)};
    }
    if (auto pos = s.find(thang); pos != std::string::npos && pos > 0 && s[pos - 1] == 't') {
        std::size_t i = pos + thang.size();
        skipSpaces(s, i);
        auto m = readInt(s, i, 2);
        if (!m || *m < 1 || *m > 12 || i >= s.size() || s[i] != '/') {
            return std::nullopt;
        }
        ++i;
        auto y = readInt(s, i, 4);
        if (!y || *y < 1000) {
            return std::nullopt;
        }
        char period[24];
        std::snprintf(period, sizeof period, "%04d-%02d", *y, *m);
        return Deadline{DeadlineKind::Month, std::string(period), std::nullopt, Date::lastDayOfMonth(*y, *m)};
    }
    return std::nullopt;
}

} // namespace da06::plan
