#include "domain/report/ReportPeriod.h"

#include <charconv>

namespace da06::report {

namespace {

Date addDays(const Date& d, long days)
{
    return Date::fromDaysSinceEpoch(d.daysSinceEpoch() + days);
}

std::optional<int> parseDigits(std::string_view s)
{
    if (s.empty()) {
        return std::nullopt;
    }
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        v = v * 10 + (c - '0');
    }
    return v;
}

} // namespace

std::optional<std::string> checkRule(const PeriodRule& r)
{
    if (r.cutoffDay < 1 || r.cutoffDay > 28) {
        return "the data cut-off day must be between 1 and 28";
    }
    if (r.dueDay < 1 || r.dueDay > 28) {
        return "the due day must be between 1 and 28";
    }
    if (r.lockAfterDays < 0 || r.lockAfterDays > 365) {
        return "the days before a period locks must be between 0 and 365";
    }
    return std::nullopt;
}

const char* periodKindName(PeriodKind k)
{
    switch (k) {
    case PeriodKind::Month:
        return "month";
    case PeriodKind::Quarter:
        return "quarter";
    case PeriodKind::Year:
        return "year";
    }
    return "";
}

const char* romanQuarter(int quarter)
{
    static const char* const names[] = {"I", "II", "III", "IV"};
    return quarter >= 1 && quarter <= 4 ? names[quarter - 1] : "";
}

std::string Period::key() const
{
    const std::string y = std::to_string(year);
    switch (kind) {
    case PeriodKind::Month:
        return y + (index < 10 ? "-0" : "-") + std::to_string(index);
    case PeriodKind::Quarter:
        return y + "-Q" + std::to_string(index);
    case PeriodKind::Year:
        return y;
    }
    return y;
}

std::string Period::vietnameseName() const
{
    const std::string y = std::to_string(year);
    switch (kind) {
    case PeriodKind::Month:
        return "tháng " + std::to_string(index) + "/" + y;
    case PeriodKind::Quarter:
        return std::string("quý ") + romanQuarter(index) + "/" + y;
    case PeriodKind::Year:
        return "năm " + y;
    }
    return y;
}

Period monthPeriod(int year, int month, const PeriodRule& rule)
{
    Period p;
    p.kind = PeriodKind::Month;
    p.year = year;
    p.index = month;
    const int prevYear = month == 1 ? year - 1 : year;
    const int prevMonth = month == 1 ? 12 : month - 1;
    p.dataFrom = addDays(Date{prevYear, prevMonth, rule.cutoffDay}, 1);
    p.dataTo = Date{year, month, rule.cutoffDay};
    p.due = addDays(Date{year, month, rule.dueDay}, -1);
    p.lockedAfter = addDays(p.due, rule.lockAfterDays);
    return p;
}

Period quarterPeriod(int year, int quarter, const PeriodRule& rule)
{
    const Period first = monthPeriod(year, quarter * 3 - 2, rule);
    Period p = monthPeriod(year, quarter * 3, rule);
    p.kind = PeriodKind::Quarter;
    p.index = quarter;
    p.dataFrom = first.dataFrom;
    return p;
}

Period yearPeriod(int year, const PeriodRule& rule)
{
    const Period first = monthPeriod(year, 1, rule);
    Period p = monthPeriod(year, 12, rule);
    p.kind = PeriodKind::Year;
    p.index = 1;
    p.dataFrom = first.dataFrom;
    return p;
}

std::optional<Period> parsePeriod(std::string_view key, const PeriodRule& rule)
{
    if (key.size() < 4) {
        return std::nullopt;
    }
    const auto year = parseDigits(key.substr(0, 4));
    if (!year || *year < 1900 || *year > 2999) {
        return std::nullopt;
    }
    if (key.size() == 4) {
        return yearPeriod(*year, rule);
    }
    if (key[4] != '-') {
        return std::nullopt;
    }
    const std::string_view rest = key.substr(5);
    if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q')) {
        const auto q = parseDigits(rest.substr(1));
        if (q && *q >= 1 && *q <= 4) {
            return quarterPeriod(*year, *q, rule);
        }
        return std::nullopt;
    }
    if (rest.size() == 2) {
        const auto m = parseDigits(rest);
        if (m && *m >= 1 && *m <= 12) {
            return monthPeriod(*year, *m, rule);
        }
    }
    return std::nullopt;
}

Period monthPeriodOf(const Date& day, const PeriodRule& rule)
{
    if (day.day <= rule.cutoffDay) {
        return monthPeriod(day.year, day.month, rule);
    }
    return day.month == 12 ? monthPeriod(day.year + 1, 1, rule) : monthPeriod(day.year, day.month + 1, rule);
}

std::vector<Period> monthsOf(const Period& p, const PeriodRule& rule)
{
    std::vector<Period> out;
    switch (p.kind) {
    case PeriodKind::Month:
        out.push_back(monthPeriod(p.year, p.index, rule));
        break;
    case PeriodKind::Quarter:
        for (int m = p.index * 3 - 2; m <= p.index * 3; ++m) {
            out.push_back(monthPeriod(p.year, m, rule));
        }
        break;
    case PeriodKind::Year:
        for (int m = 1; m <= 12; ++m) {
            out.push_back(monthPeriod(p.year, m, rule));
        }
        break;
    }
    return out;
}

Period previousMonth(const Period& month, const PeriodRule& rule)
{
    return month.index == 1 ? monthPeriod(month.year - 1, 12, rule) : monthPeriod(month.year, month.index - 1, rule);
}

Period nextMonth(const Period& month, const PeriodRule& rule)
{
    return month.index == 12 ? monthPeriod(month.year + 1, 1, rule) : monthPeriod(month.year, month.index + 1, rule);
}

std::vector<Period> lastMonths(const Period& month, int n, const PeriodRule& rule)
{
    std::vector<Period> out;
    Period p = monthPeriod(month.year, month.index, rule);
    for (int i = 0; i < n; ++i) {
        out.insert(out.begin(), p);
        p = previousMonth(p, rule);
    }
    return out;
}

bool isLocked(const Period& p, const Date& day, bool reopened)
{
    return !reopened && day > p.lockedAfter;
}

bool isOnTime(const Period& p, const Date& received)
{
    return received <= p.due;
}

const char* reportStatusName(ReportStatus s)
{
    switch (s) {
    case ReportStatus::Draft:
        return "draft";
    case ReportStatus::Submitted:
        return "submitted";
    case ReportStatus::Accepted:
        return "accepted";
    case ReportStatus::Returned:
        return "returned";
    }
    return "";
}

std::optional<ReportStatus> reportStatusFromName(std::string_view s)
{
    for (auto st : {ReportStatus::Draft, ReportStatus::Submitted, ReportStatus::Accepted, ReportStatus::Returned}) {
        if (s == reportStatusName(st)) {
            return st;
        }
    }
    return std::nullopt;
}

bool isReceived(ReportStatus s)
{
    return s == ReportStatus::Submitted || s == ReportStatus::Accepted;
}

const char* periodStateName(PeriodState s)
{
    switch (s) {
    case PeriodState::NotStarted:
        return "not_started";
    case PeriodState::Open:
        return "open";
    case PeriodState::DueSoon:
        return "due_soon";
    case PeriodState::Overdue:
        return "overdue";
    case PeriodState::Submitted:
        return "submitted";
    case PeriodState::Accepted:
        return "accepted";
    case PeriodState::Returned:
        return "returned";
    case PeriodState::Locked:
        return "locked";
    }
    return "";
}

PeriodState periodState(const Period& p, const std::optional<ReportStatus>& status, const Date& today, int dueSoonDays,
                        bool reopened)
{
    if (status) {
        switch (*status) {
        case ReportStatus::Submitted:
            return PeriodState::Submitted;
        case ReportStatus::Accepted:
            return PeriodState::Accepted;
        case ReportStatus::Returned:
            return PeriodState::Returned;
        case ReportStatus::Draft:
            break;
        }
    }
    if (today < p.dataFrom) {
        return PeriodState::NotStarted;
    }
    if (isLocked(p, today, reopened)) {
        return PeriodState::Locked;
    }
    if (today > p.due) {
        return PeriodState::Overdue;
    }
    if (p.due.daysSinceEpoch() - today.daysSinceEpoch() <= dueSoonDays) {
        return PeriodState::DueSoon;
    }
    return PeriodState::Open;
}

} // namespace da06::report
