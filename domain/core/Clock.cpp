#include "domain/core/Clock.h"

#include <cstdio>

namespace da06 {

Date Clock::today() const
{
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
    const long days = static_cast<long>(secs >= 0 ? secs / 86400 : (secs - 86399) / 86400);
    return Date::fromDaysSinceEpoch(days);
}

std::string Clock::nowIso8601() const
{
    return iso8601(now());
}

std::string Clock::iso8601(std::chrono::system_clock::time_point t)
{
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    const long days = static_cast<long>(secs >= 0 ? secs / 86400 : (secs - 86399) / 86400);
    const long rem = static_cast<long>(secs - static_cast<long long>(days) * 86400);
    const Date d = Date::fromDaysSinceEpoch(days);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%sT%02ld:%02ld:%02ldZ", d.toIso().c_str(), rem / 3600, (rem / 60) % 60, rem % 60);
    return buf;
}

FixedClock FixedClock::at(const Date& d)
{
    return FixedClock(std::chrono::system_clock::time_point(
        std::chrono::seconds(static_cast<long long>(d.daysSinceEpoch()) * 86400)));
}

} // namespace da06
