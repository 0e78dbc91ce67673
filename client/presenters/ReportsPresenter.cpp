#include "client/presenters/ReportsPresenter.h"

#include "client/presenters/Translate.h"
#include "domain/work/UnitService.h"
#include "reports/ReportDocuments.h"

namespace da06::ui {

std::string periodStateLabel(report::PeriodState s)
{
    using report::PeriodState;
    switch (s) {
    case PeriodState::NotStarted:
        return tr(N_("Not started"));
    case PeriodState::Open:
        return tr(N_("Open"));
    case PeriodState::DueSoon:
        return tr(N_("Due soon"));
    case PeriodState::Overdue:
        return tr(N_("Overdue"));
    case PeriodState::Submitted:
        return tr(N_("Submitted"));
    case PeriodState::Accepted:
        return tr(N_("Accepted"));
    case PeriodState::Returned:
        return tr(N_("Returned"));
    case PeriodState::Locked:
        return tr(N_("Locked"));
    }
    return "";
}

ReportTone periodStateTone(report::PeriodState s)
{
    using report::PeriodState;
    switch (s) {
    case PeriodState::Accepted:
    case PeriodState::Submitted:
        return ReportTone::Good;
    case PeriodState::DueSoon:
    case PeriodState::Returned:
        return ReportTone::Warning;
    case PeriodState::Overdue:
    case PeriodState::Locked:
        return ReportTone::Bad;
    default:
        return ReportTone::Neutral;
    }
}

std::string reportStatusLabel(const std::optional<report::ReportStatus>& s)
{
    if (!s) {
        return tr(N_("Not sent"));
    }
    switch (*s) {
    case report::ReportStatus::Draft:
        return tr(N_("Draft"));
    case report::ReportStatus::Submitted:
        return tr(N_("Submitted"));
    case report::ReportStatus::Accepted:
        return tr(N_("Accepted"));
    case report::ReportStatus::Returned:
        return tr(N_("Returned"));
    }
    return "";
}

std::string issueText(const report::ValidationIssue& i)
{
    if (i.code == "results_missing") {
        return tr(N_("Write the results section."));
    }
    if (i.code == "difficulty_missing") {
        return tr(N_("Some models are behind their deadline: state the difficulties and obstacles."));
    }
    if (i.code == "next_plan_missing") {
        return tr(N_("The plan for the next month is empty."));
    }
    if (i.code == "period_not_ended") {
        return tr(N_("The data period has not ended yet: the figures may still change."));
    }
    return i.message;
}

namespace {

std::string monthLabel(const report::Period& p)
{
    return format1(format1(tr(N_("Month %s/%s")), std::to_string(p.index)), std::to_string(p.year));
}

std::string dayOf(const std::optional<std::string>& iso)
{
    if (!iso || iso->size() < 10) {
        return "";
    }
    auto d = Date::parseIso(iso->substr(0, 10));
    return d ? d->toVietnamese() : "";
}

} // namespace

bool ReportsPresenter::isCoordinator() const
{
    return access::allows(m_actor.role, access::Permission::ApproveReports);
}

void ReportsPresenter::load()
{
    if (!access::allows(m_actor.role, access::Permission::CompileReports)) {
        m_view.showError(tr(N_("Your role does not prepare reports.")));
        return;
    }
    work::UnitService units(m_db, m_clock, m_actor);
    auto desk = units.deskUnit();
    if (!desk) {
        m_view.showError(desk.error().message);
        return;
    }
    if (!*desk) {
        m_view.showError(tr(N_("Choose this desk's unit first (Administration, or `da06 desk unit`).")));
        return;
    }
    m_deskUnitId = (*desk)->id;
    if (m_unitId.empty()) {
        m_unitId = m_deskUnitId;
    }
    showUnit(m_unitId == m_deskUnitId ? std::string() : m_unitId);
}

void ReportsPresenter::showUnit(const std::string& unitId)
{
    m_unitId = unitId.empty() ? m_deskUnitId : unitId;
    auto rows = service().periods(m_unitId, 12);
    if (!rows) {
        m_view.showError(rows.error().message);
        return;
    }
    m_periods = std::move(*rows);
    std::vector<ReportPeriodItem> items;
    std::size_t selected = 0;
    bool chosen = false;
    for (std::size_t i = 0; i < m_periods.size(); ++i) {
        const auto& r = m_periods[i];
        items.push_back({r.period.key(), monthLabel(r.period), r.period.due.toVietnamese(), periodStateLabel(r.state),
                         report::periodStateName(r.state), periodStateTone(r.state)});
        // The newest period that needs the unit: overdue, due soon, or returned; else the newest open one.
        const bool needs = r.state == report::PeriodState::Overdue || r.state == report::PeriodState::DueSoon ||
                           r.state == report::PeriodState::Returned;
        if (!chosen && needs) {
            selected = i;
            chosen = true;
        }
    }
    if (!m_periodKey.empty()) {
        for (std::size_t i = 0; i < m_periods.size(); ++i) {
            if (m_periods[i].period.key() == m_periodKey) {
                selected = i;
            }
        }
    }
    m_view.showPeriods(items, selected);
    if (!m_periods.empty()) {
        selectPeriod(m_periods[selected].period.key());
    }
}

void ReportsPresenter::selectPeriod(const std::string& key)
{
    m_periodKey = key;
    auto r = service().unitReport(m_unitId, key);
    if (!r) {
        m_report.reset();
        m_view.showError(r.error().message);
        return;
    }
    m_report = std::move(*r);
    m_unitName = m_report->unitName;
    refreshEditor();
    if (isCoordinator()) {
        refreshCompleteness();
    }
}

void ReportsPresenter::editNarrative(const report::Narrative& n, const std::string& docNumber,
                                     const std::string& signer)
{
    if (!m_report) {
        return;
    }
    m_report->narrative = n;
    m_report->docNumber = docNumber;
    m_report->signer = signer;
    refreshEditor();
}

void ReportsPresenter::refreshEditor()
{
    const auto& r = *m_report;
    ReportEditorModel m;
    m.heading = r.unitName + " — " + r.period.vietnameseName();
    m.dataRange = format1(format1(format1(tr(N_("Data from %s to %s, due %s")), r.period.dataFrom.toVietnamese()),
                                  r.period.dataTo.toVietnamese()),
                          r.period.due.toVietnamese());
    m.status = reportStatusLabel(r.status) + (r.locked ? " · " + tr(N_("Locked")) : std::string());
    m.summary = format1(tr(N_("%s models")), std::to_string(r.models.size())) + ": " +
                format1(tr(N_("%s done")), std::to_string(r.countOutcome(report::ModelOutcome::Done))) + ", " +
                format1(tr(N_("%s in progress")), std::to_string(r.countOutcome(report::ModelOutcome::InProgress))) +
                ", " + format1(tr(N_("%s late")), std::to_string(r.countOutcome(report::ModelOutcome::Late))) + ", " +
                format1(tr(N_("%s not started")), std::to_string(r.countOutcome(report::ModelOutcome::NotStarted)));
    m.narrative = r.narrative;
    m.docNumber = r.docNumber;
    m.signer = r.signer;
    m.editable = !r.locked && r.status != report::ReportStatus::Submitted && r.status != report::ReportStatus::Accepted;
    // Issues matter while the report can still change.
    const auto issues = m.editable ? report::validate(r, m_clock.today()) : std::vector<report::ValidationIssue>{};
    for (bool blocking : {true, false}) {
        for (const auto& i : issues) {
            if (i.blocking == blocking) {
                m.issues.push_back(issueText(i));
            }
        }
    }
    m.canSubmit =
        m.editable && !report::hasBlocking(issues) && access::allows(m_actor.role, access::Permission::CompileReports);
    if (r.reviewComment && r.status == report::ReportStatus::Returned) {
        m.reviewComment = format1(tr(N_("Returned: %s")), *r.reviewComment);
    } else if (r.reviewComment) {
        m.reviewComment = *r.reviewComment;
    }
    m_view.showEditor(m);
}

void ReportsPresenter::refreshCompleteness()
{
    auto c = service().compile(m_deskUnitId, m_periodKey, "district", 6);
    if (!c) {
        m_view.showError(c.error().message);
        return;
    }
    std::vector<CompletenessRow> rows;
    std::vector<std::string> reminders;
    for (const auto& u : c->units) {
        CompletenessRow row;
        row.unitId = u.unitId;
        row.unit = u.unitName;
        row.status = reportStatusLabel(u.status);
        row.submitted = dayOf(u.submittedAt);
        row.onTime = u.onTime > 0;
        row.needsReminder = u.received == 0;
        row.tone = u.received == 0
                       ? (u.status == report::ReportStatus::Returned ? ReportTone::Warning : ReportTone::Bad)
                   : row.onTime ? ReportTone::Good
                                : ReportTone::Warning;
        if (row.needsReminder) {
            reminders.push_back(
                format1(format1(format1(tr(N_("%s: please send the report for %s before %s.")), u.unitName),
                                c->period.vietnameseName()),
                        c->period.due.toVietnamese()));
        }
        rows.push_back(std::move(row));
    }
    const std::string summary = format1(format1(tr(N_("%s of %s reports received")), std::to_string(c->received)),
                                        std::to_string(c->expected)) +
                                " (" + report::vietnameseNumber(c->completeness) + "%), " +
                                format1(tr(N_("%s on time")), std::to_string(c->onTime)) + " (" +
                                report::vietnameseNumber(c->timeliness) + "%)";
    m_compilationDoc = reports::compilationDocument(*c, m_clock.today());
    m_view.showCompleteness(rows, summary, reminders);
}

void ReportsPresenter::save()
{
    if (!m_report) {
        return;
    }
    auto r = service().save(m_unitId, m_periodKey,
                            report::ReportEdit{m_report->narrative, m_report->docNumber, m_report->signer});
    if (!r) {
        m_view.showError(r.error().message);
        return;
    }
    m_report = std::move(*r);
    refreshEditor();
    m_view.showStatus(tr(N_("Draft saved.")));
}

void ReportsPresenter::submit()
{
    if (!m_report) {
        return;
    }
    auto r = service().submit(m_unitId, m_periodKey,
                              report::ReportEdit{m_report->narrative, m_report->docNumber, m_report->signer});
    if (!r) {
        m_view.showError(r.error().message);
        return;
    }
    m_view.showStatus(tr(N_("Report submitted.")));
    showUnit(m_unitId == m_deskUnitId ? std::string() : m_unitId);
}

void ReportsPresenter::accept(const std::string& unitId, const std::string& comment)
{
    auto r = service().accept(unitId, m_periodKey, comment);
    if (!r) {
        m_view.showError(r.error().message);
        return;
    }
    m_view.showStatus(format1(tr(N_("Report of %s accepted.")), r->unitName));
    refreshCompleteness();
}

void ReportsPresenter::returnReport(const std::string& unitId, const std::string& comment)
{
    auto r = service().returnReport(unitId, m_periodKey, comment);
    if (!r) {
        m_view.showError(r.error().message);
        return;
    }
    m_view.showStatus(format1(tr(N_("Report of %s returned.")), r->unitName));
    refreshCompleteness();
}

std::optional<reports::Document> ReportsPresenter::document() const
{
    if (!m_report) {
        return std::nullopt;
    }
    Date issued = m_clock.today();
    if (m_report->submittedAt && m_report->submittedAt->size() >= 10) {
        issued = Date::parseIso(m_report->submittedAt->substr(0, 10)).value_or(issued);
    }
    return reports::unitReportDocument(*m_report, issued);
}

std::string ReportsPresenter::fileStem() const
{
    return "bao-cao-" + m_unitId + "-" + m_periodKey;
}

} // namespace da06::ui
