#pragma once
// Printing the work vocabulary in failed Boost.Test comparisons.
#include <ostream>

#include "domain/work/AssignmentService.h"
#include "domain/work/ChangeRecord.h"
#include "domain/work/DeadlineRules.h"
#include "domain/work/WorkTypes.h"

namespace da06::work {
inline std::ostream& operator<<(std::ostream& os, DeadlineState s)
{
    return os << deadlineStateName(s);
}
inline std::ostream& operator<<(std::ostream& os, TaskStatus s)
{
    return os << taskStatusName(s);
}
inline std::ostream& operator<<(std::ostream& os, ChangeOp op)
{
    return os << changeOpName(op);
}
inline std::ostream& operator<<(std::ostream& os, AssignmentSource s)
{
    return os << assignmentSourceName(s);
}
} // namespace da06::work

namespace da06::plan {
inline std::ostream& operator<<(std::ostream& os, UnitRole r)
{
    return os << unitRoleName(r);
}
} // namespace da06::plan
