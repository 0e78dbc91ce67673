#pragma once
// Civil dates without time zones (the plan's deadlines, report periods), standard library only.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace da06 {

struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;

    auto operator<=>(const Date&) const = default;

    static bool isLeapYear(int year);
    static int daysInMonth(int year, int month);
    static bool isValid(int year, int month, int day);
    // YYYY-MM-DD, strictly; nullopt for anything else or a day that does not exist.
    static std::optional<Date> parseIso(std::string_view text);
    static Date lastDayOfMonth(int year, int month);
    static Date lastDayOfQuarter(int year, int quarter); // quarter 1..4

    std::string toIso() const;        // 2024-01-31
    std::string toVietnamese() const; // 31/01/2024
    long daysSinceEpoch() const;      // 1970-01-01 = 0
    static Date fromDaysSinceEpoch(long days);
};

// Vietnam keeps UTC+7 all year (no daylight saving). The local day, hour and minute of an ISO 8601
// UTC timestamp as the program writes them ("2024-02-01T18:30:00Z").
struct VietnamTime {
    Date day;
    int hour = 0;
    int minute = 0;
};
// Needs "YYYY-MM-DDTHH:MM"; nullopt otherwise.
std::optional<VietnamTime> vietnamTimeOf(std::string_view isoUtc);
// Needs "YYYY-MM-DDTHH" (the day only depends on the hour); nullopt otherwise.
std::optional<Date> vietnamDayOf(std::string_view isoUtc);

} // namespace da06
