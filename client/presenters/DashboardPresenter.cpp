#include "client/presenters/DashboardPresenter.h"

#include "client/presenters/Translate.h"

namespace da06::ui {

std::string DashboardPresenter::modelDeadlineLabel(const plan::Deadline& d)
{
    switch (d.kind) {
    case plan::DeadlineKind::Month:
    case plan::DeadlineKind::Quarter:
        return dateLabel(d.due);
    case plan::DeadlineKind::Recurring:
        return tr("Recurring");
    case plan::DeadlineKind::Completed:
        return d.year ? format1(tr("Completed (%s)"), std::to_string(*d.year)) : tr("Completed");
    }
    return "";
}

DashboardTaskRow DashboardPresenter::taskRow(const work::TaskState& s)
{
    DashboardTaskRow r;
    r.id = s.task.id;
    r.uid = s.task.uid;
    r.model = s.task.modelNumber;
    r.title = s.task.title;
    r.unit = s.task.unitName;
    r.due = dateLabel(s.task.due);
    r.when = daysLeftLabel(s.eval.daysLeft);
    r.percent = s.task.percent;
    r.state = deadlineStateLabel(s.eval.state);
    if (s.eval.behind && s.eval.state == work::DeadlineState::DueSoon) {
        r.state += " · " + tr("behind schedule");
    }
    r.tone = toneOf(s.eval.state);
    return r;
}

void DashboardPresenter::showUnit(const std::string& unitId)
{
    m_chosenUnit = unitId;
    load();
}

void DashboardPresenter::load()
{
    std::string unit = m_chosenUnit;
    if (unit.empty()) {
        work::UnitService units(m_db, m_clock, m_actor);
        auto desk = units.deskUnit();
        if (!desk) {
            m_view.showError(workErrorMessage(desk.error()));
            return;
        }
        if (!*desk) {
            m_unitId.clear();
            m_unitName.clear();
            m_models.clear();
            m_overdue.clear();
            m_dueSoon.clear();
            m_view.showNoUnit(
                tr("This desk has no unit yet. An administrator chooses it once (the province, a department, "
                   "a district, a commune or a site); the dashboard then shows that unit's models and tasks."));
            return;
        }
        unit = (*desk)->id;
    }
    work::ProgressService progress(m_db, m_clock, m_actor);
    const Date today = m_clock.today();
    auto d = progress.dashboard(unit, today);
    if (!d) {
        m_view.showError(workErrorMessage(d.error()));
        return;
    }
    m_unitId = d->unit.id;
    m_unitName = d->unit.name;
    m_models.clear();
    for (const auto& m : d->models) {
        DashboardModelRow r;
        r.number = m.assignment.modelNumber;
        r.title = m.assignment.modelTitle;
        r.lead = m.assignment.role == plan::UnitRole::Lead;
        r.role = unitRoleLabel(m.assignment.role);
        r.deadline = modelDeadlineLabel(m.deadline);
        r.percent = m.summary.percent;
        r.progress = m.summary.tasks == 0 ? tr("No tasks yet")
                                          : format1(format1(tr("%s of %s tasks done"), std::to_string(m.summary.done)),
                                                    std::to_string(m.summary.tasks));
        r.counts = m.summary.tasks == 0 ? std::string()
                                        : std::to_string(m.summary.done) + "/" + std::to_string(m.summary.tasks);
        r.tasks = m.summary.tasks;
        r.overdue = m.summary.overdue;
        r.state = deadlineStateLabel(m.summary.state);
        r.tone = toneOf(m.summary.state);
        m_models.push_back(std::move(r));
    }
    // The most urgent first; a province-wide list is capped (the totals are in the header).
    m_overdue.clear();
    for (std::size_t i = 0; i < d->overdue.size() && i < kMaxListed; ++i) {
        m_overdue.push_back(taskRow(d->overdue[i]));
    }
    m_dueSoon.clear();
    for (std::size_t i = 0; i < d->dueSoon.size() && i < kMaxListed; ++i) {
        m_dueSoon.push_back(taskRow(d->dueSoon[i]));
    }
    DashboardHeader h;
    h.unitName = d->unit.name;
    h.date = today.toVietnamese();
    h.summary = format1(tr("%s models"), std::to_string(m_models.size())) + " · " +
                format1(tr("%s open tasks"), std::to_string(d->openTasks)) + " · " +
                format1(tr("%s overdue"), std::to_string(d->overdue.size())) + " · " +
                format1(tr("%s due within 7 days"), std::to_string(d->dueSoon.size()));
    h.overdueTotal = d->overdue.size();
    h.dueSoonTotal = d->dueSoon.size();
    m_view.showHeader(h);
    m_view.showModels(m_models);
    m_view.showOverdue(m_overdue);
    m_view.showDueSoon(m_dueSoon);
    m_view.showStatus(h.summary);
}

} // namespace da06::ui
