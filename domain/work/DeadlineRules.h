#pragma once
// The deadline rules of tasks and models, as pure functions of dates (the caller passes "today"
// from the injectable clock, or the --as-of date). Standard library only (with da06::core).
//
// A task's state, first match wins:
//   cancelled                                  → Cancelled
//   done, completed on or before its due date  → DoneOnTime  (done without a due date: on time)
//   done, completed after its due date         → DoneLate
//   no due date                                → NoDeadline
//   today after the due date                   → Overdue
//   due within the next 7 days (today..due)    → DueSoon
//   percent done behind the share of time elapsed between start and due → AtRisk
//   otherwise                                  → OnTrack
// "behind" is reported on its own as well, so a due-soon task that is also behind shows both.
#include <optional>
#include <string>
#include <vector>

#include "domain/core/Date.h"
#include "domain/plan/Plan.h"
#include "domain/work/WorkTypes.h"

namespace da06::work {

enum class DeadlineState { NoDeadline, OnTrack, AtRisk, DueSoon, Overdue, DoneOnTime, DoneLate, Cancelled };

const char* deadlineStateName(DeadlineState s); // "no_deadline", "on_track", "at_risk", "due_soon", "overdue",
                                                // "done_on_time", "done_late", "cancelled"

struct DeadlineThresholds {
    int dueSoonDays = 7;         // due today … today + 7 days counts as due soon
    int riskTolerancePoints = 0; // at risk when percent + tolerance < the percent of time elapsed
};

struct TaskTiming {
    TaskStatus status = TaskStatus::NotStarted;
    int percent = 0;           // 0..100
    std::optional<Date> start; // when work was meant to start (defaults to the due date's period start)
    std::optional<Date> due;
    std::optional<Date> completedOn; // the day it was marked done
};

struct DeadlineEvaluation {
    DeadlineState state = DeadlineState::NoDeadline;
    bool behind = false;          // percent done behind the time elapsed (open tasks only)
    std::optional<long> daysLeft; // due − today (negative when overdue); open tasks with a due date
    int expectedPercent = 0;      // the share of time elapsed between start and due, 0..100
};

DeadlineEvaluation evaluateTask(const TaskTiming& task, const Date& today, const DeadlineThresholds& t = {});

// Severity for sorting: overdue first, then due soon, at risk, on track, no deadline, done, cancelled.
int severity(DeadlineState s);

// The due date a new task gets from its model's deadline: month and quarter forms → the last day
// of that period; recurring → the last day of today's month (recurring work has a task per
// month); completed (already done before the plan) → no due date.
std::optional<Date> defaultDueDate(const plan::Deadline& d, const Date& today);
// The start of the period a due date closes for month and quarter forms (first day of that
// month or quarter), the first day of today's month for recurring work; nullopt for completed.
std::optional<Date> defaultStartDate(const plan::Deadline& d, const Date& today);

// Months: "2024-03" ↔ (2024, 3).
std::string monthKey(int year, int month);
std::optional<std::pair<int, int>> parseMonthKey(const std::string& key);
// Every month from first through last inclusive ("2024-01" … "2024-03"); empty when last < first.
std::vector<std::string> monthsBetween(const std::string& first, const std::string& last);

// A model's progress and state from its tasks (cancelled tasks do not count) and its deadline.
struct ModelTaskSummary {
    int tasks = 0; // not cancelled
    int done = 0;
    int overdue = 0;
    int dueSoon = 0;
    int atRisk = 0;
    int percent = 0; // mean percent of the tasks (done counts 100); 100 for a completed model
                     // without tasks
    DeadlineState state = DeadlineState::NoDeadline;
};
// today is the evaluation date; the model's deadline (month/quarter due date, recurring or
// completed) decides the state when no task has one: a model past its due date with open or no
// tasks is overdue; a completed model is DoneOnTime.
ModelTaskSummary summarizeModel(const plan::Deadline& modelDeadline, const std::vector<TaskTiming>& tasks,
                                const Date& today, const DeadlineThresholds& t = {});

} // namespace da06::work
