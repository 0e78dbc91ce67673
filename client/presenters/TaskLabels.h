#pragma once
// The words the desktop shows for the staff's work (translated with tr()): task statuses,
// deadline states with their tone (results are coloured and named, never colour alone), unit
// roles, dates dd/MM/yyyy and "3 days overdue".
#include <optional>
#include <string>

#include "domain/core/Date.h"
#include "domain/core/Error.h"
#include "domain/plan/Plan.h"
#include "domain/work/DeadlineRules.h"
#include "domain/work/WorkTypes.h"

namespace da06::ui {

enum class Tone { Neutral, Good, Warning, Danger };

std::string taskStatusLabel(work::TaskStatus s);
std::string deadlineStateLabel(work::DeadlineState s);
Tone toneOf(work::DeadlineState s);
std::string unitRoleLabel(plan::UnitRole r);
// "Overdue by 3 days", "Due today", "2 days left" (from DeadlineEvaluation::daysLeft).
std::string daysLeftLabel(const std::optional<long>& daysLeft);
std::string dateLabel(const std::optional<Date>& d); // dd/MM/yyyy or ""
// The sentence shown for a failed action on tasks, units or assignments.
std::string workErrorMessage(const Error& e);
// dd/mm/yyyy, d/m/yyyy or YYYY-MM-DD; nullopt unless it is a day that exists.
std::optional<Date> parseDateInput(const std::string& text);

} // namespace da06::ui
