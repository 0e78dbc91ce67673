#include "client/presenters/TaskListPresenter.h"

#include "client/presenters/Translate.h"
#include "domain/text/Text.h"

namespace da06::ui {

void TaskListPresenter::setUnit(const std::string& unitId)
{
    m_chosenUnit = unitId;
    load();
}

void TaskListPresenter::setModel(int number)
{
    m_model = number;
    load();
}

void TaskListPresenter::setQuery(const std::string& query)
{
    m_query = text::fold(query);
    rebuild();
}

bool TaskListPresenter::canEdit() const
{
    return access::allows(m_actor.role, access::Permission::EditProgress);
}

void TaskListPresenter::load()
{
    m_unitId = m_chosenUnit;
    if (m_unitId.empty()) {
        work::UnitService units(m_db, m_clock, m_actor);
        auto desk = units.deskUnit();
        if (!desk) {
            m_view.showError(workErrorMessage(desk.error()));
            return;
        }
        if (*desk) {
            m_unitId = (*desk)->id;
        }
    }
    // The models of the unit (or of the plan, without a unit) for the filter.
    m_choices = {ModelChoice{0, tr("All models")}};
    if (!m_unitId.empty()) {
        work::AssignmentService assignments(m_db, m_clock, m_actor);
        auto mine = assignments.forUnit(m_unitId);
        if (!mine) {
            m_view.showError(workErrorMessage(mine.error()));
            return;
        }
        for (const auto& a : *mine) {
            m_choices.push_back(ModelChoice{a.modelNumber, std::to_string(a.modelNumber) + ". " + a.modelTitle});
        }
    }
    int selected = 0;
    for (std::size_t i = 0; i < m_choices.size(); ++i) {
        if (m_choices[i].number == m_model) {
            selected = static_cast<int>(i);
        }
    }
    m_view.showModelChoices(m_choices, selected);

    work::TaskFilter filter;
    if (!m_unitId.empty()) {
        filter.unit = m_unitId;
    }
    if (m_model > 0) {
        filter.model = m_model;
    }
    work::ProgressService progress(m_db, m_clock, m_actor);
    auto list = progress.deadlines(filter, m_clock.today());
    if (!list) {
        m_view.showError(workErrorMessage(list.error()));
        return;
    }
    m_tasks = std::move(*list);
    rebuild();
}

void TaskListPresenter::rebuild()
{
    m_rows.clear();
    for (const auto& s : m_tasks) {
        const auto& t = s.task;
        if (!m_query.empty()) {
            const std::string hay =
                text::fold(t.title + " " + t.responsible + " " + t.unitName + " " + t.unitId + " " + t.modelTitle +
                           " " + std::to_string(t.modelNumber) + " #" + std::to_string(t.id));
            if (!text::matchesFolded(hay, m_query)) {
                continue;
            }
        }
        TaskRow r;
        r.id = t.id;
        r.uid = t.uid;
        r.model = t.modelNumber;
        r.title = t.title;
        r.unit = t.unitName;
        r.responsible = t.responsible;
        r.due = dateLabel(t.due);
        r.status = taskStatusLabel(t.status);
        r.percent = t.percent;
        r.state = deadlineStateLabel(s.eval.state);
        r.tone = toneOf(s.eval.state);
        r.done = !work::isOpen(t.status);
        m_rows.push_back(std::move(r));
    }
    m_view.showTasks(m_rows);
    m_view.showStatus(
        format1(format1(tr("%s of %s tasks shown"), std::to_string(m_rows.size())), std::to_string(m_tasks.size())));
}

bool TaskListPresenter::markDone(std::int64_t id)
{
    work::TaskService tasks(m_db, m_clock, m_actor);
    work::TaskChange change;
    change.status = work::TaskStatus::Done;
    auto t = tasks.update(std::to_string(id), change);
    if (!t) {
        m_view.showError(workErrorMessage(t.error()));
        return false;
    }
    load();
    m_view.showStatus(format1(tr("Task #%s marked done."), std::to_string(id)));
    return true;
}

bool TaskListPresenter::attach(std::int64_t id, const std::filesystem::path& file)
{
    work::TaskService tasks(m_db, m_clock, m_actor);
    auto e = tasks.attachFile(std::to_string(id), file);
    if (!e) {
        m_view.showError(workErrorMessage(e.error()));
        return false;
    }
    load();
    m_view.showStatus(format1(format1(tr("%s was attached to task #%s."), e->fileName), std::to_string(id)));
    return true;
}

} // namespace da06::ui
