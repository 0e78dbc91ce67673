#include "domain/core/Date.h"

#include <cstdio>

namespace da06 {

bool Date::isLeapYear(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int Date::daysInMonth(int y, int m)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) {
        return 0;
    }
    return m == 2 && isLeapYear(y) ? 29 : days[m - 1];
}

bool Date::isValid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

std::optional<Date> Date::parseIso(std::string_view t)
{
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') {
        return std::nullopt;
    }
    auto num = [&](std::size_t pos, std::size_t len) -> int {
        int v = 0;
        for (std::size_t i = pos; i < pos + len; ++i) {
            if (t[i] < '0' || t[i] > '9') {
                return -1;
            }
            v = v * 10 + (t[i] - '0');
        }
        return v;
    };
    const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (y < 0 || m < 0 || d < 0 || !isValid(y, m, d)) {
        return std::nullopt;
    }
    return Date{y, m, d};
}

Date Date::lastDayOfMonth(int y, int m)
{
    return Date{y, m, daysInMonth(y, m)};
}

Date Date::lastDayOfQuarter(int y, int q)
{
    return lastDayOfMonth(y, q * 3);
}

std::string Date::toIso() const
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string Date::toVietnamese() const
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", day, month, year);
    return buf;
}

// Howard Hinnant's days_from_civil / civil_from_days.
long Date::daysSinceEpoch() const
{
    const int y = month <= 2 ? year - 1 : year;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(month > 2 ? month - 3 : month + 9);
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

Date Date::fromDaysSinceEpoch(long z)
{
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long y = static_cast<long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Date{static_cast<int>(m <= 2 ? y + 1 : y), static_cast<int>(m), static_cast<int>(d)};
}

namespace {

bool twoDigitsAt(std::string_view s, std::size_t i, int& value)
{
    if (s.size() < i + 2 || s[i] < '0' || s[i] > '9' || s[i + 1] < '0' || s[i + 1] > '9') {
        return false;
    }
    value = (s[i] - '0') * 10 + (s[i + 1] - '0');
    return true;
}

constexpr int kVietnamUtcOffsetHours = 7;

} // namespace

std::optional<Date> vietnamDayOf(std::string_view iso)
{
    int hour = 0;
    if (iso.size() < 13 || iso[10] != 'T' || !twoDigitsAt(iso, 11, hour)) {
        return std::nullopt;
    }
    auto d = Date::parseIso(iso.substr(0, 10));
    if (!d) {
        return std::nullopt;
    }
    return hour + kVietnamUtcOffsetHours >= 24 ? Date::fromDaysSinceEpoch(d->daysSinceEpoch() + 1) : *d;
}

std::optional<VietnamTime> vietnamTimeOf(std::string_view iso)
{
    VietnamTime t;
    int hour = 0;
    if (iso.size() < 16 || iso[13] != ':' || !twoDigitsAt(iso, 11, hour) || !twoDigitsAt(iso, 14, t.minute)) {
        return std::nullopt;
    }
    auto day = vietnamDayOf(iso);
    if (!day) {
        return std::nullopt;
    }
    t.day = *day;
    t.hour = (hour + kVietnamUtcOffsetHours) % 24;
    return t;
}

} // namespace da06
