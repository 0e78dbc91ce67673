#pragma once
// Printing the report vocabulary in failed Boost.Test comparisons.
#include <optional>
#include <ostream>

#include "domain/core/Date.h"
#include "domain/report/ReportPeriod.h"

namespace da06 {
inline std::ostream& operator<<(std::ostream& os, const Date& d)
{
    return os << d.toIso();
}
namespace report {
inline std::ostream& operator<<(std::ostream& os, PeriodState s)
{
    return os << periodStateName(s);
}
inline std::ostream& operator<<(std::ostream& os, PeriodKind k)
{
    return os << periodKindName(k);
}
inline std::ostream& operator<<(std::ostream& os, ReportStatus s)
{
    return os << reportStatusName(s);
}
inline std::ostream& operator<<(std::ostream& os, const std::optional<ReportStatus>& s)
{
    return os << (s ? reportStatusName(*s) : "none");
}
inline std::ostream& operator<<(std::ostream& os, const PeriodRule& r)
{
    return os << "{cutoff " << r.cutoffDay << ", due " << r.dueDay << ", lock " << r.lockAfterDays << "}";
}
} // namespace report
} // namespace da06
