#include "domain/work/ProgressService.h"

#include <algorithm>
#include <map>

#include "domain/work/WorkDb.h"

namespace da06::work {

namespace {

bool moreUrgent(const TaskState& a, const TaskState& b)
{
    const int sa = severity(a.eval.state);
    const int sb = severity(b.eval.state);
    if (sa != sb) {
        return sa < sb;
    }
    if (a.task.due != b.task.due) {
        if (!a.task.due || !b.task.due) {
            return a.task.due.has_value();
        }
        return *a.task.due < *b.task.due;
    }
    return a.task.id < b.task.id;
}

} // namespace

Result<Dashboard> ProgressService::dashboard(const std::string& unitRef, const Date& asOf, const DeadlineThresholds& t)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ReadPlan, "see the dashboard"));
    Dashboard d;
    d.asOf = asOf;
    UnitService units(m_db, m_clock, m_actor);
    DA06_TRY(unit, units.find(unitRef));
    d.unit = std::move(*unit);
    DA06_TRY(planKey, detail::currentPlanKey(m_db));
    DA06_TRY(models, detail::allModels(m_db, *planKey));
    std::map<int, const detail::ModelRow*> modelByNumber;
    for (const auto& m : *models) {
        modelByNumber[m.number] = &m;
    }
    AssignmentService assignments(m_db, m_clock, m_actor);
    DA06_TRY(mine, assignments.forUnit(d.unit.id));

    TaskService tasks(m_db, m_clock, m_actor);
    TaskFilter filter;
    filter.unit = d.unit.id;
    filter.below = true;
    DA06_TRY(all, tasks.list(filter));

    std::map<int, std::vector<TaskTiming>> timingsByModel;
    for (auto& task : *all) {
        timingsByModel[task.modelNumber].push_back(task.timing());
        TaskState s{std::move(task), {}};
        s.eval = evaluateTask(s.task.timing(), asOf, t);
        if (isOpen(s.task.status)) {
            ++d.openTasks;
        } else if (s.task.status == TaskStatus::Done) {
            ++d.doneTasks;
        }
        switch (s.eval.state) {
        case DeadlineState::Overdue:
            d.overdue.push_back(std::move(s));
            break;
        case DeadlineState::DueSoon:
            d.dueSoon.push_back(std::move(s));
            break;
        case DeadlineState::AtRisk:
            d.atRisk.push_back(std::move(s));
            break;
        default:
            break;
        }
    }
    for (auto* list : {&d.overdue, &d.dueSoon, &d.atRisk}) {
        std::sort(list->begin(), list->end(), moreUrgent);
    }
    for (auto& a : *mine) {
        ModelProgress mp;
        const auto it = modelByNumber.find(a.modelNumber);
        if (it != modelByNumber.end()) {
            mp.group = it->second->group;
            mp.deadline = it->second->deadline;
        }
        mp.summary = summarizeModel(mp.deadline, timingsByModel[a.modelNumber], asOf, t);
        mp.assignment = std::move(a);
        d.models.push_back(std::move(mp));
    }
    std::stable_sort(d.models.begin(), d.models.end(), [](const ModelProgress& x, const ModelProgress& y) {
        if (x.assignment.role != y.assignment.role) {
            return x.assignment.role == plan::UnitRole::Lead;
        }
        return x.assignment.modelNumber < y.assignment.modelNumber;
    });
    return d;
}

Result<std::vector<TaskState>> ProgressService::deadlines(const TaskFilter& filter, const Date& asOf,
                                                          const DeadlineThresholds& t)
{
    TaskService tasks(m_db, m_clock, m_actor);
    DA06_TRY(all, tasks.list(filter));
    std::vector<TaskState> out;
    out.reserve(all->size());
    for (auto& task : *all) {
        TaskState s{std::move(task), {}};
        s.eval = evaluateTask(s.task.timing(), asOf, t);
        out.push_back(std::move(s));
    }
    std::stable_sort(out.begin(), out.end(), moreUrgent);
    return out;
}

Result<std::vector<TaskState>> ProgressService::overdue(const std::string& unitRef, const Date& asOf)
{
    TaskFilter filter;
    filter.unit = unitRef;
    filter.below = true;
    filter.openOnly = true;
    filter.dueBefore = asOf;
    DA06_TRY(list, deadlines(filter, asOf));
    std::erase_if(*list, [](const TaskState& s) { return s.eval.state != DeadlineState::Overdue; });
    return list;
}

} // namespace da06::work
