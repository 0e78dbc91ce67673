#pragma once
// The JSON forms of the plan printed by `da06 plan list|show --json`.
#include "domain/core/Json.h"
#include "domain/plan/PlanRepository.h"

namespace da06::plan {

json::Value deadlineToJson(const Deadline& d);
// The list form: number, group, title, deadline, lead/coordinating unit names, funding, tools.
json::Value modelSummaryToJson(const StoredModel& m);
// The full form: the list form plus target, objective, forces, unit ids and the original wording.
json::Value modelDetailToJson(const StoredModel& m);

} // namespace da06::plan
