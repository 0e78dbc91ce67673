#include "client/presenters/TaskEditorPresenter.h"

#include <cstdio>

#include "client/presenters/Translate.h"
#include "domain/plan/PlanRepository.h"
#include "domain/text/Text.h"
#include "domain/work/AssignmentService.h"
#include "domain/work/UnitService.h"

namespace da06::ui {

namespace {

std::string sizeLabel(std::int64_t bytes)
{
    char buf[32];
    if (bytes < 1024 * 1024) {
        std::snprintf(buf, sizeof buf, "%lld KB", static_cast<long long>((bytes + 1023) / 1024));
    } else {
        std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    }
    return buf;
}

std::string numberText(const std::optional<double>& v)
{
    return v ? work::formatNumber(*v) : std::string();
}

// "" → nullopt; a number (',' or '.' as the decimal mark) → the value; anything else → error.
bool parseNumber(const std::string& textIn, std::optional<double>& out)
{
    const std::string t = text::trim(textIn);
    if (t.empty()) {
        out.reset();
        return true;
    }
    auto v = work::parseIndicatorValue(t);
    if (!v || !v->actual || v->target || v->unitOfMeasure) {
        return false;
    }
    out = v->actual;
    return true;
}

std::string dateText(const std::optional<Date>& d)
{
    return d ? d->toVietnamese() : std::string();
}

} // namespace

bool TaskEditorPresenter::startNew(const std::string& unitId, int model)
{
    m_id.reset();
    m_unitId = unitId;
    m_info = TaskEditorInfo{};
    m_info.isNew = true;
    m_info.heading = tr("New task");
    m_info.canEdit = access::allows(m_actor.role, access::Permission::EditProgress);
    work::UnitService units(m_db, m_clock, m_actor);
    auto unit = units.find(unitId);
    if (!unit) {
        m_view.showError(workErrorMessage(unit.error()));
        return false;
    }
    m_info.unit = unit->name;
    work::AssignmentService assignments(m_db, m_clock, m_actor);
    auto mine = assignments.forUnit(unitId);
    if (!mine) {
        m_view.showError(workErrorMessage(mine.error()));
        return false;
    }
    if (mine->empty()) {
        m_view.showError(format1(tr("%s carries out no model of the plan yet; assign one first."), unit->name));
        return false;
    }
    for (const auto& a : *mine) {
        m_info.models.push_back(ModelChoice{a.modelNumber, std::to_string(a.modelNumber) + ". " + a.modelTitle});
    }
    for (int s = 0; s <= static_cast<int>(work::TaskStatus::Cancelled); ++s) {
        m_info.statuses.push_back(taskStatusLabel(static_cast<work::TaskStatus>(s)));
    }
    m_form = TaskForm{};
    m_form.model = model > 0 ? model : m_info.models.front().number;
    chooseModel(m_form.model);
    return true;
}

void TaskEditorPresenter::chooseModel(int number)
{
    if (!m_info.isNew) {
        return;
    }
    m_info.selectedModel = 0;
    for (std::size_t i = 0; i < m_info.models.size(); ++i) {
        if (m_info.models[i].number == number) {
            m_info.selectedModel = static_cast<int>(i);
        }
    }
    m_form.model = m_info.models.empty() ? 0 : m_info.models[static_cast<std::size_t>(m_info.selectedModel)].number;
    // The due date the model's deadline gives (month, quarter, this month for recurring work).
    plan::PlanRepository repo(m_db, m_clock);
    auto m = repo.model(m_form.model);
    const Date today = m_clock.today();
    m_form.due = m ? dateText(work::defaultDueDate(m->model.deadline, today)) : std::string();
    m_form.start = today.toVietnamese();
    if (auto due = parseDateInput(m_form.due); due && *due < today) {
        m_form.start = m_form.due;
    }
    m_view.showTask(m_info, m_form);
}

bool TaskEditorPresenter::startEdit(std::int64_t id)
{
    work::TaskService tasks(m_db, m_clock, m_actor);
    auto d = tasks.get(std::to_string(id));
    if (!d) {
        m_view.showError(workErrorMessage(d.error()));
        return false;
    }
    m_id = id;
    fillExisting(*d);
    m_view.showTask(m_info, m_form);
    return true;
}

void TaskEditorPresenter::fillExisting(const work::TaskDetail& d)
{
    const auto& t = d.task;
    m_unitId = t.unitId;
    m_info = TaskEditorInfo{};
    m_info.isNew = false;
    m_info.heading = format1(tr("Task #%s"), std::to_string(t.id));
    m_info.unit = t.unitName;
    m_info.model = std::to_string(t.modelNumber) + ". " + t.modelTitle;
    m_info.canEdit = access::allows(m_actor.role, access::Permission::EditProgress);
    for (int s = 0; s <= static_cast<int>(work::TaskStatus::Cancelled); ++s) {
        m_info.statuses.push_back(taskStatusLabel(static_cast<work::TaskStatus>(s)));
    }
    const auto e = work::evaluateTask(t.timing(), m_clock.today());
    m_info.state = deadlineStateLabel(e.state);
    const std::string when = daysLeftLabel(e.daysLeft);
    if (!when.empty() && work::isOpen(t.status)) {
        // "Overdue by 5 days" says it all; "Due soon — 2 days left", "On track — 40 days left".
        m_info.state = e.state == work::DeadlineState::Overdue ? when : m_info.state + " — " + when;
    }
    m_info.tone = toneOf(e.state);
    for (const auto& n : d.notes) {
        const auto day = Date::parseIso(n.at.substr(0, 10));
        m_info.notes.push_back((day ? day->toVietnamese() : n.at) + " " + n.user + ": " + n.text);
    }
    for (const auto& ev : d.evidence) {
        const auto day = Date::parseIso(ev.addedAt.substr(0, 10));
        m_info.evidence.push_back(EvidenceRow{ev.uid, ev.fileName + " (" + sizeLabel(ev.size) + ", " +
                                                          (day ? day->toVietnamese() : "") + ")"});
    }
    m_form = TaskForm{};
    m_form.model = t.modelNumber;
    m_form.title = t.title;
    m_form.responsible = t.responsible;
    m_form.start = dateText(t.start);
    m_form.due = dateText(t.due);
    m_form.status = t.status;
    m_form.percent = t.percent;
    for (const auto& i : d.indicators) {
        m_form.indicators.push_back(
            IndicatorInput{i.name, numberText(i.actual), numberText(i.target), i.unitOfMeasure});
    }
}

bool TaskEditorPresenter::save(const TaskForm& f)
{
    if (!m_info.canEdit) {
        m_view.showError(tr("Your role may look at tasks but not change them."));
        return false;
    }
    // Field by field, before anything is written.
    const std::string title = text::trim(f.title);
    if (title.empty()) {
        m_view.showFieldError(TaskField::Title, tr("Write what is to be done."));
        return false;
    }
    std::optional<Date> start;
    std::optional<Date> due;
    if (!text::trim(f.start).empty()) {
        start = parseDateInput(f.start);
        if (!start) {
            m_view.showFieldError(TaskField::Start, tr("This is not a date that exists. Write it as dd/mm/yyyy."));
            return false;
        }
    }
    if (!text::trim(f.due).empty()) {
        due = parseDateInput(f.due);
        if (!due) {
            m_view.showFieldError(TaskField::Due, tr("This is not a date that exists. Write it as dd/mm/yyyy."));
            return false;
        }
    }
    if (start && due && *start > *due) {
        m_view.showFieldError(TaskField::Start, tr("The start date is after the due date."));
        return false;
    }
    if (f.percent < 0 || f.percent > 100) {
        m_view.showFieldError(TaskField::Percent, tr("The percent done is a number from 0 to 100."));
        return false;
    }
    std::vector<work::IndicatorChange> indicators;
    for (const auto& in : f.indicators) {
        const std::string name = text::trim(in.name);
        work::IndicatorValue v;
        if (!parseNumber(in.actual, v.actual) || !parseNumber(in.target, v.target)) {
            m_view.showFieldError(
                TaskField::Indicators,
                format1(tr("The indicator \"%s\" needs numbers for its actual and target values."), name));
            return false;
        }
        const std::string uom = text::trim(in.unitOfMeasure);
        if (name.empty()) {
            if (v.actual || v.target || !uom.empty()) {
                m_view.showFieldError(TaskField::Indicators, tr("Every indicator needs a name."));
                return false;
            }
            continue; // an empty row
        }
        if (!uom.empty()) {
            v.unitOfMeasure = uom;
        }
        // Only what differs from the stored indicator of that name.
        bool same = false;
        for (const auto& old : m_form.indicators) {
            if (text::fold(old.name) == text::fold(name)) {
                std::optional<double> oa;
                std::optional<double> ot;
                parseNumber(old.actual, oa);
                parseNumber(old.target, ot);
                same = oa == v.actual && ot == v.target && old.unitOfMeasure == uom;
            }
        }
        if (!same) {
            indicators.push_back(work::IndicatorChange{name, v});
        }
    }

    work::TaskService tasks(m_db, m_clock, m_actor);
    work::TaskChange change;
    if (m_info.isNew) {
        work::NewTask nt;
        nt.modelNumber = f.model > 0 ? f.model : m_form.model;
        nt.unit = m_unitId;
        nt.title = title;
        nt.responsible = f.responsible;
        nt.due = due;
        nt.start = start;
        auto added = tasks.add(nt);
        if (!added) {
            m_view.showError(workErrorMessage(added.error()));
            return false;
        }
        m_id = added->id;
        if (f.status != work::TaskStatus::NotStarted) {
            change.status = f.status;
        }
        if (f.percent != 0) {
            change.percent = f.percent;
        }
        if (!due) {
            change.due = std::optional<Date>(); // the form cleared the proposed date: no due date
        }
    } else {
        if (title != m_form.title)
            change.title = title;
        if (f.responsible != m_form.responsible)
            change.responsible = f.responsible;
        if (f.status != m_form.status)
            change.status = f.status;
        if (f.percent != m_form.percent)
            change.percent = f.percent;
        if (due != parseDateInput(m_form.due))
            change.due = due;
        if (start && start != parseDateInput(m_form.start))
            change.start = start;
    }
    change.indicators = std::move(indicators);
    if (!text::trim(f.note).empty()) {
        change.note = f.note;
    }
    if (!change.empty()) {
        auto updated = tasks.update(std::to_string(*m_id), change);
        if (!updated) {
            m_view.showError(workErrorMessage(updated.error()));
            return false;
        }
    }
    auto d = tasks.get(std::to_string(*m_id));
    if (d) {
        fillExisting(*d);
    }
    return true;
}

bool TaskEditorPresenter::attach(const std::filesystem::path& file)
{
    if (!m_id) {
        m_view.showFieldError(TaskField::Evidence, tr("Save the new task first, then attach its evidence."));
        return false;
    }
    work::TaskService tasks(m_db, m_clock, m_actor);
    auto e = tasks.attachFile(std::to_string(*m_id), file);
    if (!e) {
        m_view.showFieldError(TaskField::Evidence, workErrorMessage(e.error()));
        return false;
    }
    auto d = tasks.get(std::to_string(*m_id));
    if (!d) {
        m_view.showError(workErrorMessage(d.error()));
        return false;
    }
    // Keep what the user has typed: only the evidence list changes.
    m_info.evidence.clear();
    for (const auto& ev : d->evidence) {
        const auto day = Date::parseIso(ev.addedAt.substr(0, 10));
        m_info.evidence.push_back(EvidenceRow{ev.uid, ev.fileName + " (" + sizeLabel(ev.size) + ", " +
                                                          (day ? day->toVietnamese() : "") + ")"});
    }
    return true;
}

} // namespace da06::ui
