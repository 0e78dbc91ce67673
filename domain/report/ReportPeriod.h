#pragma once
// Reporting periods (monthly, with quarterly and yearly roll-ups), their data cut-off, due date and
// lock date, and the state a unit's report of a period is in. Standard library only (with
// da06::core), so it cross-compiles with the other portable rules.
//
// Decree 09/2019/NĐ-CP: a monthly report covers the data from the 15th of the previous month to the
// 14th of the reporting month (cutoffDay = 14). Plan 373, Section III: units report before the 15th
// of each month (dueDay = 15: the last day on time is the 14th). Both come from the plan
// (plan.due_day, plan.cutoff_day) and can be changed per plan.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/Date.h"

namespace da06::report {

struct PeriodRule {
    int cutoffDay = 14;     // the data of month M run from (cutoffDay + 1) of M-1 to cutoffDay of M; 1..28
    int dueDay = 15;        // reports are due before this day of the reporting month (1..28)
    int lockAfterDays = 10; // editing locks this many days after the due date (0: at the due date)

    bool operator==(const PeriodRule&) const = default;
};

// Usage error text when a field is out of range, else nullopt.
std::optional<std::string> checkRule(const PeriodRule& r);

enum class PeriodKind { Month, Quarter, Year };
const char* periodKindName(PeriodKind k); // "month", "quarter", "year"

struct Period {
    PeriodKind kind = PeriodKind::Month;
    int year = 1970;
    int index = 1;    // month 1..12, quarter 1..4, 1 for a year
    Date dataFrom;    // first day of data (inclusive)
    Date dataTo;      // last day of data (inclusive): the cut-off
    Date due;         // the last day a report is on time (the day before dueDay)
    Date lockedAfter; // the last day a report may be edited (due + lockAfterDays)

    std::string key() const;            // "2024-03", "2024-Q1", "2024"
    std::string vietnameseName() const; // "tháng 3/2024", "quý I/2024", "năm 2024"
    bool operator==(const Period&) const = default;
};

Period monthPeriod(int year, int month, const PeriodRule& rule = {});
Period quarterPeriod(int year, int quarter, const PeriodRule& rule = {});
Period yearPeriod(int year, const PeriodRule& rule = {});
// "2024-03", "2024-Q1" (or "2024-q1"), "2024"; nullopt for anything else.
std::optional<Period> parsePeriod(std::string_view key, const PeriodRule& rule = {});
// The monthly period whose data range holds the day (the 15th of March 2024 → April 2024 with the
// default rule).
Period monthPeriodOf(const Date& day, const PeriodRule& rule = {});
// The months a period rolls up (one for a month, three for a quarter, twelve for a year).
std::vector<Period> monthsOf(const Period& p, const PeriodRule& rule = {});
// The month before / after.
Period previousMonth(const Period& month, const PeriodRule& rule = {});
Period nextMonth(const Period& month, const PeriodRule& rule = {});
// The last n monthly periods through month (oldest first).
std::vector<Period> lastMonths(const Period& month, int n, const PeriodRule& rule = {});

// Whether a report of the period may still be edited on day: until lockedAfter, or when a
// coordinator reopened the period.
bool isLocked(const Period& p, const Date& day, bool reopened = false);
// A received report is on time when it arrived on or before the due date.
bool isOnTime(const Period& p, const Date& received);

// Status of one unit's report, as stored.
enum class ReportStatus { Draft, Submitted, Accepted, Returned };
const char* reportStatusName(ReportStatus s); // "draft", "submitted", "accepted", "returned"
std::optional<ReportStatus> reportStatusFromName(std::string_view s);
// Received by the compiling level: submitted or accepted (a returned report must be sent again).
bool isReceived(ReportStatus s);

// What a desk shows for a period: the report's status, or for a report not yet sent, where the
// period stands against its due date.
enum class PeriodState { NotStarted, Open, DueSoon, Overdue, Submitted, Accepted, Returned, Locked };
const char* periodStateName(PeriodState s); // "not_started", "open", "due_soon", "overdue", "submitted", "accepted",
                                            // "returned", "locked"
// status: nullopt when the unit has no report of the period yet. Due soon: the due date is within
// dueSoonDays. Not started: the data range has not begun. Locked: not sent and past lockedAfter.
PeriodState periodState(const Period& p, const std::optional<ReportStatus>& status, const Date& today,
                        int dueSoonDays = 5, bool reopened = false);

// "I", "II", "III", "IV".
const char* romanQuarter(int quarter);

} // namespace da06::report
