#pragma once
// What the staff look at first: a unit's models with their progress, its overdue and due-soon
// tasks, and every task with its deadline state (the rules of DeadlineRules.h, as of a day).
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/store/Database.h"
#include "domain/work/AssignmentService.h"
#include "domain/work/DeadlineRules.h"
#include "domain/work/TaskService.h"
#include "domain/work/UnitService.h"

namespace da06::work {

struct TaskState {
    Task task;
    DeadlineEvaluation eval;
};

struct ModelProgress {
    Assignment assignment; // the model and the unit's role in it
    std::string group;
    plan::Deadline deadline;
    ModelTaskSummary summary; // over the tasks of the unit and of the units below it
};

struct Dashboard {
    WorkUnit unit;
    Date asOf;
    std::vector<ModelProgress> models; // lead first, then coordinating; by model number
    std::vector<TaskState> overdue;    // most overdue first
    std::vector<TaskState> dueSoon;    // soonest first
    std::vector<TaskState> atRisk;
    int openTasks = 0;
    int doneTasks = 0;
};

class ProgressService {
public:
    ProgressService(store::Database& db, const Clock& clock, access::Actor actor)
        : m_db(db), m_clock(clock), m_actor(std::move(actor))
    {
    }

    // Needs Permission::ReadPlan.
    Result<Dashboard> dashboard(const std::string& unitRef, const Date& asOf, const DeadlineThresholds& t = {});
    // Every task the filter selects with its state, most urgent first (severity, then due date).
    Result<std::vector<TaskState>> deadlines(const TaskFilter& filter, const Date& asOf,
                                             const DeadlineThresholds& t = {});
    // The open tasks of the unit and the units below it that are past their due date.
    Result<std::vector<TaskState>> overdue(const std::string& unitRef, const Date& asOf);

private:
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
};

} // namespace da06::work
