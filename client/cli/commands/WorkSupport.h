#pragma once
// What the work commands (units, assign, tasks, deadlines, desk) share: dates given as options,
// the words of deadline states, and the one-line form of a task.
#include <optional>
#include <ostream>
#include <string>

#include "client/cli/Runner.h"
#include "domain/work/ProgressService.h"

namespace da06::cli {

// Drops the sub-command word when the caller left it in front (e.g. "units import FILE").
void dropWord(Args& a, const char* word);

// Reads an optional --NAME date; false (after printing the usage error) when it is not a date.
bool dateOption(Args& a, const std::string& name, std::optional<Date>& outDate, std::ostream& err, int& rc);

std::string dateText(const std::optional<Date>& d);

std::string stateLabel(work::DeadlineState s);

void printTaskLine(std::ostream& out, const work::Task& t, const std::optional<work::DeadlineEvaluation>& e);

} // namespace da06::cli
