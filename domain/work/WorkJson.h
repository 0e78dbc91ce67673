#pragma once
// The JSON forms printed by `da06 units|assign|tasks|deadlines|desk … --json` (ISO dates, stable
// machine names for kinds, statuses and states).
#include "domain/core/Json.h"
#include "domain/work/ProgressService.h"

namespace da06::work {

json::Value unitToJson(const WorkUnit& u);
json::Value assignmentToJson(const Assignment& a);
json::Value taskToJson(const Task& t);
json::Value taskStateToJson(const TaskState& s); // the task plus "state", "behind", "days_left"
json::Value taskDetailToJson(const TaskDetail& d);
json::Value dashboardToJson(const Dashboard& d);

} // namespace da06::work
