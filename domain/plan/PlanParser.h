#pragma once
// Reads a plan file (assets/plans/FORMAT.md) into a Plan, checking every rule of the format.
// Errors name the JSON path and the line and column of the offending value.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "domain/core/Error.h"
#include "domain/plan/Plan.h"

namespace da06::plan {

inline constexpr int kPlanFormatVersion = 1;

Result<Plan> parsePlan(std::string_view jsonText);

// Applies f (for example NFC normalization) to every text of the plan.
void transformTexts(Plan& plan, const std::function<std::string(const std::string&)>& f);

} // namespace da06::plan
