#include "domain/report/ReportService.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/audit/AuditLog.h"
#include "domain/report/ReportJson.h"
#include "domain/work/AssignmentService.h"
#include "domain/work/ChangeLog.h"
#include "domain/work/Ids.h"
#include "domain/work/TaskService.h"
#include "domain/work/WorkDb.h"

namespace da06::report {

namespace {

using work::detail::UnitRow;

struct PlanInfo {
    std::string key;
    std::string title;
    std::string province;
    std::optional<std::string> start;
    PeriodRule rule;
};

Result<PlanInfo> planInfo(store::Database& db)
{
    DA06_TRY(key, work::detail::currentPlanKey(db));
    DA06_TRY(
        st,
        db.prepare(
            "SELECT title, province, start_month, due_day, cutoff_day, report_lock_days FROM plan WHERE plan_key = ?"));
    st->bind(1, *key);
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound, "the current plan is missing from the store");
    }
    PlanInfo p;
    p.key = *key;
    p.title = st->columnText(0);
    p.province = st->columnText(1);
    p.start = st->columnOptText(2);
    p.rule.dueDay = static_cast<int>(st->columnInt(3));
    p.rule.cutoffDay = static_cast<int>(st->columnInt(4));
    p.rule.lockAfterDays = static_cast<int>(st->columnInt(5));
    if (checkRule(p.rule)) {
        p.rule = PeriodRule{};
    }
    return p;
}

Result<Period> monthOf(const std::string& key, const PeriodRule& rule)
{
    auto p = parsePeriod(key, rule);
    if (!p || p->kind != PeriodKind::Month) {
        return fail(ErrorCode::Usage, "\"" + key + "\" is not a month: write YYYY-MM, e.g. 2024-03");
    }
    return *p;
}

struct StoredReport {
    std::string uid;
    ReportStatus status = ReportStatus::Draft;
    Narrative narrative;
    std::string docNumber;
    std::string signer;
    std::optional<std::string> figures;
    std::optional<std::string> firstSubmittedAt, submittedAt, submittedBy, reviewedAt, reviewedBy, reviewComment;
};

const char* const kStoredColumns =
    "uid, status, results, difficulties, proposals, next_plan, doc_number, signer, figures, "
    "first_submitted_at, submitted_at, submitted_by, reviewed_at, reviewed_by, review_comment";

StoredReport readStored(const store::Statement& st)
{
    StoredReport s;
    s.uid = st.columnText(0);
    s.status = reportStatusFromName(st.columnText(1)).value_or(ReportStatus::Draft);
    s.narrative = {st.columnText(2), st.columnText(3), st.columnText(4), st.columnText(5)};
    s.docNumber = st.columnText(6);
    s.signer = st.columnText(7);
    s.figures = st.columnOptText(8);
    s.firstSubmittedAt = st.columnOptText(9);
    s.submittedAt = st.columnOptText(10);
    s.submittedBy = st.columnOptText(11);
    s.reviewedAt = st.columnOptText(12);
    s.reviewedBy = st.columnOptText(13);
    s.reviewComment = st.columnOptText(14);
    return s;
}

Result<std::optional<StoredReport>> loadStored(store::Database& db, const std::string& planKey, std::int64_t unitRow,
                                               const std::string& period)
{
    DA06_TRY(st, db.prepare(std::string("SELECT ") + kStoredColumns +
                            " FROM report WHERE plan_key = ? AND unit_id = ? AND period = ?"));
    st->bind(1, planKey).bind(2, unitRow).bind(3, period);
    DA06_TRY(row, st->step());
    if (!*row) {
        return std::optional<StoredReport>();
    }
    return std::optional<StoredReport>(readStored(*st));
}

Result<bool> isReopened(store::Database& db, const std::string& planKey, const std::string& period,
                        std::int64_t unitRow)
{
    DA06_TRY(st,
             db.prepare("SELECT COUNT(*) FROM report_reopen WHERE plan_key = ? AND period = ? AND (unit_id IS NULL OR "
                        "unit_id = ?)"));
    st->bind(1, planKey).bind(2, period).bind(3, unitRow);
    DA06_TRY(row, st->step());
    return *row && st->columnInt(0) > 0;
}

json::Value narrativeJson(const Narrative& n)
{
    json::Value o = json::Object{};
    o.set("results", n.results);
    o.set("difficulties", n.difficulties);
    o.set("proposals", n.proposals);
    o.set("next_plan", n.nextPlan);
    return o;
}

std::string objectRef(const UnitReport& r)
{
    return "report:" + r.unitId + "/" + r.period.key();
}

} // namespace

ReportService::ReportService(store::Database& db, const Clock& clock, access::Actor actor,
                             const CheckCountSource* checks)
    : m_db(db), m_clock(clock), m_actor(std::move(actor)), m_checks(checks ? checks : &m_noChecks)
{
}

std::string ReportService::reportUid(const std::string& planKey, const std::string& unitCode, const std::string& period)
{
    return work::derivedId({"report", planKey, unitCode, period});
}

Result<PeriodRule> ReportService::rule()
{
    DA06_CHECK(access::require(m_actor, access::Permission::ReadPlan, "see the reporting rule"));
    DA06_TRY(p, planInfo(m_db));
    return p->rule;
}

Status ReportService::setRule(const PeriodRule& r)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ApproveReports, "change the reporting rule"));
    if (auto problem = checkRule(r)) {
        return fail(ErrorCode::Usage, *problem);
    }
    DA06_TRY(p, planInfo(m_db));
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(st, m_db.prepare("UPDATE plan SET due_day = ?, cutoff_day = ?, report_lock_days = ? WHERE plan_key = ?"));
    st->bind(1, r.dueDay).bind(2, r.cutoffDay).bind(3, r.lockAfterDays).bind(4, p->key);
    DA06_CHECK(st->run());
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "report.rule", "plan:" + p->key));
    DA06_TRY(rec,
             work::recordChange(m_db, m_clock, m_actor, "report_rule", p->key, work::ChangeOp::Update,
                                {{"due_day", r.dueDay}, {"cutoff_day", r.cutoffDay}, {"lock_days", r.lockAfterDays}}));
    return tx.commit();
}

Result<std::vector<PeriodRow>> ReportService::periods(const std::string& unitRef, int count)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ReadPlan, "see the reporting periods"));
    DA06_TRY(p, planInfo(m_db));
    DA06_TRY(unit, work::detail::findUnit(m_db, unitRef));
    const Date today = m_clock.today();
    const Period current = monthPeriodOf(today, p->rule);
    std::map<std::string, StoredReport> stored;
    DA06_TRY(st, m_db.prepare(std::string("SELECT ") + kStoredColumns +
                              ", period FROM report WHERE plan_key = ? AND unit_id = ?"));
    st->bind(1, p->key).bind(2, unit->row);
    DA06_CHECK(
        work::detail::eachRow(*st, [&](const store::Statement& s) { stored[s.columnText(15)] = readStored(s); }));
    std::vector<PeriodRow> out;
    Period m = current;
    for (int i = 0; i < count; ++i) {
        if (p->start && m.key() < *p->start) {
            break;
        }
        PeriodRow row;
        row.period = m;
        const auto it = stored.find(m.key());
        if (it != stored.end()) {
            row.status = it->second.status;
            row.submittedAt = it->second.submittedAt;
            row.reviewComment = it->second.reviewComment;
        }
        DA06_TRY(reopened, isReopened(m_db, p->key, m.key(), unit->row));
        row.state = periodState(m, row.status, today, 5, *reopened);
        row.locked =
            (row.status && (*row.status == ReportStatus::Submitted || *row.status == ReportStatus::Accepted)) ||
            (isLocked(m, today, *reopened) && row.status != ReportStatus::Returned);
        out.push_back(std::move(row));
        m = previousMonth(m, p->rule);
    }
    return out;
}

Result<UnitReport> ReportService::unitReport(const std::string& unitRef, const std::string& periodKey)
{
    DA06_CHECK(access::require(m_actor, access::Permission::CompileReports, "prepare reports"));
    DA06_TRY(p, planInfo(m_db));
    DA06_TRY(period, monthOf(periodKey, p->rule));
    DA06_TRY(unit, work::detail::findUnit(m_db, unitRef));
    UnitReport r;
    r.planKey = p->key;
    r.planTitle = p->title;
    r.province = p->province;
    r.unitId = unit->code;
    r.unitName = unit->name;
    r.period = *period;
    r.uid = reportUid(p->key, unit->code, period->key());
    if (unit->parentRow) {
        DA06_TRY(parent, work::detail::unitByRow(m_db, *unit->parentRow));
        if (*parent) {
            r.parentName = (*parent)->name;
        }
    }
    const Date today = m_clock.today();
    DA06_TRY(stored, loadStored(m_db, p->key, unit->row, period->key()));
    DA06_TRY(reopened, isReopened(m_db, p->key, period->key(), unit->row));
    if (*stored) {
        const auto& s = **stored;
        r.status = s.status;
        r.narrative = s.narrative;
        r.docNumber = s.docNumber;
        r.signer = s.signer;
        r.firstSubmittedAt = s.firstSubmittedAt;
        r.submittedAt = s.submittedAt;
        r.submittedBy = s.submittedBy;
        r.reviewedAt = s.reviewedAt;
        r.reviewedBy = s.reviewedBy;
        r.reviewComment = s.reviewComment;
        if (s.figures && (s.status == ReportStatus::Submitted || s.status == ReportStatus::Accepted)) {
            auto v = json::parse(*s.figures);
            if (!v) {
                return fail(ErrorCode::StoreDamaged,
                            "the stored figures of report " + objectRef(r) + " cannot be read");
            }
            DA06_CHECK(figuresFromJson(*v, r));
            r.frozen = true;
        }
    }
    r.locked = (r.status == ReportStatus::Submitted || r.status == ReportStatus::Accepted) ||
               (isLocked(r.period, today, *reopened) && r.status != ReportStatus::Returned);
    if (r.frozen) {
        return r;
    }

    // Live figures from the work data, as of the cut-off (or today when that is earlier). A unit
    // reports its own tasks: the units below it send their own reports, so that a compilation
    // never counts a task twice. A task completed after the as-of day counts as still open.
    r.asOf = std::min(r.period.dataTo, today);
    work::AssignmentService assignments(m_db, m_clock, m_actor);
    DA06_TRY(mine, assignments.forUnit(unit->code));
    DA06_TRY(planModels, work::detail::allModels(m_db, p->key));
    std::map<int, const work::detail::ModelRow*> modelByNumber;
    for (const auto& m : *planModels) {
        modelByNumber[m.number] = &m;
    }
    // The unit's own tasks (by unit first: "+plan_key" keeps SQLite on the unit index, which a
    // province-sized store needs).
    std::map<int, std::vector<work::TaskTiming>> timings;
    DA06_TRY(tst, m_db.prepare("SELECT model_number, status, percent, start_date, due_date, completed_on FROM task "
                               "WHERE unit_id = ? AND +plan_key = ?"));
    tst->bind(1, unit->row).bind(2, p->key);
    DA06_CHECK(work::detail::eachRow(*tst, [&](const store::Statement& s) {
        work::TaskTiming timing;
        timing.status = work::taskStatusFromName(s.columnText(1)).value_or(work::TaskStatus::NotStarted);
        timing.percent = static_cast<int>(s.columnInt(2));
        timing.start = s.isNull(3) ? std::nullopt : Date::parseIso(s.columnText(3));
        timing.due = s.isNull(4) ? std::nullopt : Date::parseIso(s.columnText(4));
        timing.completedOn = s.isNull(5) ? std::nullopt : Date::parseIso(s.columnText(5));
        if (timing.completedOn && *timing.completedOn > r.asOf) {
            timing.status = work::TaskStatus::InProgress;
            timing.completedOn.reset();
            timing.percent = std::min(timing.percent, 99);
        }
        timings[static_cast<int>(s.columnInt(0))].push_back(timing);
    }));
    std::map<int, std::vector<IndicatorLine>> indicators;
    DA06_TRY(
        ist,
        m_db.prepare(
            "SELECT t.model_number, i.name, i.unit_of_measure, SUM(i.target), SUM(i.actual), COUNT(i.target), "
            "COUNT(i.actual) FROM task t JOIN task_indicator i ON i.task_id = t.id WHERE t.unit_id = ? AND "
            "+t.plan_key = ? AND t.status <> 'cancelled' "
            "GROUP BY t.model_number, i.name, i.unit_of_measure ORDER BY t.model_number, MIN(i.position), i.name"));
    ist->bind(1, unit->row).bind(2, p->key);
    DA06_CHECK(work::detail::eachRow(*ist, [&](const store::Statement& s) {
        IndicatorLine line;
        line.name = s.columnText(1);
        line.unitOfMeasure = s.columnText(2);
        if (s.columnInt(5) > 0) {
            line.target = s.columnDouble(3);
        }
        if (s.columnInt(6) > 0) {
            line.actual = s.columnDouble(4);
        }
        indicators[static_cast<int>(s.columnInt(0))].push_back(std::move(line));
    }));
    std::vector<int> deskModels;
    for (const auto& a : *mine) {
        ModelLine m;
        m.number = a.modelNumber;
        m.title = a.modelTitle;
        m.role = plan::unitRoleName(a.role);
        plan::Deadline deadline;
        if (auto it = modelByNumber.find(a.modelNumber); it != modelByNumber.end()) {
            m.group = it->second->group;
            deadline = it->second->deadline;
        }
        const auto summary = work::summarizeModel(deadline, timings[a.modelNumber], r.asOf);
        m.due = deadline.due;
        m.deadlineKind = plan::deadlineKindName(deadline.kind);
        m.state = summary.state;
        m.percent = summary.percent;
        m.tasks = summary.tasks;
        m.done = summary.done;
        m.overdue = summary.overdue;
        m.atRisk = summary.atRisk;
        m.dueSoon = summary.dueSoon;
        if (auto it = indicators.find(m.number); it != indicators.end()) {
            m.indicators = it->second;
        }
        if (isDeskModel(m.number)) {
            deskModels.push_back(m.number);
        }
        r.models.push_back(std::move(m));
    }
    std::sort(r.models.begin(), r.models.end(),
              [](const ModelLine& a, const ModelLine& b) { return a.number < b.number; });
    std::sort(deskModels.begin(), deskModels.end());
    DA06_TRY(checks, m_checks->counts({unit->code}, deskModels, r.period.dataFrom, r.period.dataTo));
    r.checks = std::move(*checks);
    if (!*stored) {
        r.narrative = draftNarrative(r);
    }
    return r;
}

namespace {

// Writes the report row (insert or update) with its audit entry and change record. Inside a transaction.
Status writeReport(store::Database& db, const Clock& clock, const access::Actor& actor, std::int64_t unitRow,
                   bool exists, const UnitReport& r, const std::optional<std::string>& figures, int meanPercent,
                   int lateModels, const char* action)
{
    const std::string now = clock.nowIso8601();
    const char* status = reportStatusName(r.status.value_or(ReportStatus::Draft));
    if (!exists) {
        DA06_TRY(ins,
                 db.prepare(
                     "INSERT INTO report (uid, plan_key, unit_id, period, status, created_at, updated_at, updated_by) "
                     "VALUES (?,?,?,?,?,?,?,?)"));
        ins->bind(1, r.uid)
            .bind(2, r.planKey)
            .bind(3, unitRow)
            .bind(4, r.period.key())
            .bind(5, status)
            .bind(6, now)
            .bind(7, now);
        ins->bind(8, actor.user);
        DA06_CHECK(ins->run());
    }
    DA06_TRY(up,
             db.prepare(
                 "UPDATE report SET status = ?, results = ?, difficulties = ?, proposals = ?, next_plan = ?, "
                 "doc_number = ?, signer = ?, figures = ?, mean_percent = ?, late_models = ?, first_submitted_at = ?, "
                 "submitted_at = ?, submitted_by = ?, reviewed_at = ?, reviewed_by = ?, review_comment = ?, "
                 "updated_at = ?, updated_by = ? WHERE uid = ?"));
    up->bind(1, status).bind(2, r.narrative.results).bind(3, r.narrative.difficulties).bind(4, r.narrative.proposals);
    up->bind(5, r.narrative.nextPlan).bind(6, r.docNumber).bind(7, r.signer).bind(8, figures);
    if (figures) {
        up->bind(9, meanPercent).bind(10, lateModels);
    } else {
        up->bindNull(9).bindNull(10);
    }
    up->bind(11, r.firstSubmittedAt).bind(12, r.submittedAt).bind(13, r.submittedBy).bind(14, r.reviewedAt);
    up->bind(15, r.reviewedBy).bind(16, r.reviewComment).bind(17, now).bind(18, actor.user).bind(19, r.uid);
    DA06_CHECK(up->run());
    DA06_CHECK(audit::append(db, clock, actor, action, objectRef(r)));
    auto opt = [](const std::optional<std::string>& s) { return s ? json::Value(*s) : json::Value(); };
    work::ChangeFields fields = {{"plan", r.planKey},
                                 {"unit", r.unitId},
                                 {"period", r.period.key()},
                                 {"status", status},
                                 {"narrative", narrativeJson(r.narrative)},
                                 {"doc_number", r.docNumber},
                                 {"signer", r.signer},
                                 {"first_submitted_at", opt(r.firstSubmittedAt)},
                                 {"submitted_at", opt(r.submittedAt)},
                                 {"submitted_by", opt(r.submittedBy)},
                                 {"reviewed_at", opt(r.reviewedAt)},
                                 {"reviewed_by", opt(r.reviewedBy)},
                                 {"review_comment", opt(r.reviewComment)}};
    if (figures) {
        auto v = json::parse(*figures);
        fields.emplace_back("figures", v ? *v : json::Value());
    }
    DA06_TRY(rec, work::recordChange(db, clock, actor, "report", r.uid,
                                     exists ? work::ChangeOp::Update : work::ChangeOp::Insert, std::move(fields)));
    return {};
}

void applyEdit(UnitReport& r, const ReportEdit& e)
{
    if (e.narrative) {
        r.narrative = *e.narrative;
    }
    if (e.docNumber) {
        r.docNumber = *e.docNumber;
    }
    if (e.signer) {
        r.signer = *e.signer;
    }
}

} // namespace

Result<UnitReport> ReportService::save(const std::string& unitRef, const std::string& periodKey, const ReportEdit& edit)
{
    DA06_CHECK(access::require(m_actor, access::Permission::CompileReports, "edit reports"));
    DA06_TRY(unit, work::detail::findUnit(m_db, unitRef));
    DA06_CHECK(work::detail::requireInDeskScope(m_db, *unit, "edit the reports of this unit"));
    DA06_TRY(r, unitReport(unitRef, periodKey));
    if (r->status == ReportStatus::Submitted || r->status == ReportStatus::Accepted) {
        return fail(ErrorCode::InvalidInput, "the report of " + r->unitName + " for " + r->period.key() + " was " +
                                                 reportStatusName(*r->status) +
                                                 " and can no longer be edited (a coordinator may return it)");
    }
    if (r->locked) {
        return fail(ErrorCode::InvalidInput, "the period " + r->period.key() + " locked on " +
                                                 r->period.lockedAfter.toVietnamese() +
                                                 ": ask a coordinator to reopen it");
    }
    const bool exists = r->status.has_value();
    applyEdit(*r, edit);
    if (!r->status) {
        r->status = ReportStatus::Draft;
    }
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_CHECK(writeReport(m_db, m_clock, m_actor, unit->row, exists, *r, std::nullopt, 0, 0, "report.save"));
    DA06_CHECK(tx.commit());
    return r;
}

Result<UnitReport> ReportService::submit(const std::string& unitRef, const std::string& periodKey,
                                         const ReportEdit& edit)
{
    DA06_CHECK(access::require(m_actor, access::Permission::CompileReports, "submit reports"));
    DA06_TRY(unit, work::detail::findUnit(m_db, unitRef));
    DA06_CHECK(work::detail::requireInDeskScope(m_db, *unit, "submit the reports of this unit"));
    DA06_TRY(r, unitReport(unitRef, periodKey));
    if (r->status == ReportStatus::Submitted || r->status == ReportStatus::Accepted) {
        return fail(ErrorCode::InvalidInput, "the report of " + r->unitName + " for " + r->period.key() +
                                                 " was already " + reportStatusName(*r->status));
    }
    if (r->locked) {
        return fail(ErrorCode::InvalidInput, "the period " + r->period.key() + " locked on " +
                                                 r->period.lockedAfter.toVietnamese() +
                                                 ": ask a coordinator to reopen it");
    }
    applyEdit(*r, edit);
    const auto issues = validate(*r, m_clock.today());
    if (hasBlocking(issues)) {
        std::string msg = "the report cannot be submitted yet:";
        for (const auto& i : issues) {
            if (i.blocking) {
                msg += " " + i.message + ";";
            }
        }
        msg.pop_back();
        return fail(ErrorCode::InvalidInput, msg);
    }
    const bool exists = r->status.has_value();
    const std::string now = m_clock.nowIso8601();
    r->status = ReportStatus::Submitted;
    r->submittedAt = now;
    r->submittedBy = m_actor.user;
    if (!r->firstSubmittedAt) {
        r->firstSubmittedAt = now;
    }
    r->reviewedAt.reset();
    r->reviewedBy.reset();
    r->locked = true;
    r->frozen = true;
    const std::string figures = figuresToJson(*r).dump();
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_CHECK(writeReport(m_db, m_clock, m_actor, unit->row, exists, *r, figures, r->meanPercent(),
                           r->countOutcome(ModelOutcome::Late), "report.submit"));
    DA06_CHECK(tx.commit());
    return r;
}

Result<UnitReport> ReportService::accept(const std::string& unitRef, const std::string& periodKey,
                                         const std::string& comment)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ApproveReports, "accept reports"));
    DA06_TRY(unit, work::detail::findUnit(m_db, unitRef));
    DA06_CHECK(work::detail::requireInDeskScope(m_db, *unit, "accept the reports of this unit"));
    DA06_TRY(r, unitReport(unitRef, periodKey));
    if (r->status != ReportStatus::Submitted) {
        return fail(ErrorCode::InvalidInput, "only a submitted report can be accepted; the report of " + r->unitName +
                                                 " for " + r->period.key() + " is " +
                                                 (r->status ? reportStatusName(*r->status) : "not written yet"));
    }
    r->status = ReportStatus::Accepted;
    r->reviewedAt = m_clock.nowIso8601();
    r->reviewedBy = m_actor.user;
    r->reviewComment = comment.empty() ? std::nullopt : std::optional<std::string>(comment);
    const std::string figures = figuresToJson(*r).dump();
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_CHECK(writeReport(m_db, m_clock, m_actor, unit->row, true, *r, figures, r->meanPercent(),
                           r->countOutcome(ModelOutcome::Late), "report.accept"));
    DA06_CHECK(tx.commit());
    return r;
}

Result<UnitReport> ReportService::returnReport(const std::string& unitRef, const std::string& periodKey,
                                               const std::string& comment)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ApproveReports, "return reports"));
    bool blank = true;
    for (unsigned char c : comment) {
        blank = blank && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
    }
    if (blank) {
        return fail(ErrorCode::Usage, "say why the report is returned (a comment is required)");
    }
    DA06_TRY(unit, work::detail::findUnit(m_db, unitRef));
    DA06_CHECK(work::detail::requireInDeskScope(m_db, *unit, "return the reports of this unit"));
    DA06_TRY(r, unitReport(unitRef, periodKey));
    if (r->status != ReportStatus::Submitted && r->status != ReportStatus::Accepted) {
        return fail(ErrorCode::InvalidInput, "only a submitted or accepted report can be returned; the report of " +
                                                 r->unitName + " for " + r->period.key() + " is " +
                                                 (r->status ? reportStatusName(*r->status) : "not written yet"));
    }
    r->status = ReportStatus::Returned;
    r->reviewedAt = m_clock.nowIso8601();
    r->reviewedBy = m_actor.user;
    r->reviewComment = comment;
    r->locked = false;
    r->frozen = false;
    const std::string figures = figuresToJson(*r).dump();
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_CHECK(writeReport(m_db, m_clock, m_actor, unit->row, true, *r, figures, r->meanPercent(),
                           r->countOutcome(ModelOutcome::Late), "report.return"));
    DA06_CHECK(tx.commit());
    return r;
}

Status ReportService::reopen(const std::string& periodKey, const std::string& unitRef)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ApproveReports, "reopen reporting periods"));
    DA06_TRY(p, planInfo(m_db));
    DA06_TRY(period, monthOf(periodKey, p->rule));
    std::optional<UnitRow> unit;
    if (!unitRef.empty()) {
        DA06_TRY(u, work::detail::findUnit(m_db, unitRef));
        DA06_CHECK(work::detail::requireInDeskScope(m_db, *u, "reopen the reports of this unit"));
        unit = *u;
    }
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(st,
             m_db.prepare(
                 "INSERT INTO report_reopen (plan_key, period, unit_id, reopened_by, reopened_at) VALUES (?,?,?,?,?)"));
    st->bind(1, p->key).bind(2, period->key());
    if (unit) {
        st->bind(3, unit->row);
    } else {
        st->bindNull(3);
    }
    st->bind(4, m_actor.user).bind(5, m_clock.nowIso8601());
    DA06_CHECK(st->run());
    const std::string unitCode = unit ? unit->code : std::string("*");
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "report.reopen", "period:" + period->key() + "/" + unitCode));
    DA06_TRY(
        rec,
        work::recordChange(
            m_db, m_clock, m_actor, "report_reopen",
            work::derivedId({"report_reopen", p->key, period->key(), unitCode}), work::ChangeOp::Insert,
            {{"plan", p->key}, {"period", period->key()}, {"unit", unit ? json::Value(unit->code) : json::Value()}}));
    return tx.commit();
}

Result<Compilation> ReportService::compile(const std::string& scopeRef, const std::string& periodKey,
                                           const std::string& level, int trendMonths)
{
    DA06_CHECK(access::require(m_actor, access::Permission::CompileReports, "compile reports"));
    if (level != "district" && level != "province") {
        return fail(ErrorCode::Usage, "the level of a compilation is district or province");
    }
    DA06_TRY(p, planInfo(m_db));
    auto period = parsePeriod(periodKey, p->rule);
    if (!period) {
        return fail(ErrorCode::Usage, "\"" + periodKey + "\" is not a period: write YYYY-MM, YYYY-Qn or YYYY");
    }
    DA06_TRY(scope, work::detail::findUnit(m_db, scopeRef));
    DA06_CHECK(work::detail::requireInDeskScope(m_db, *scope, "compile the reports of this unit"));
    Compilation c;
    c.level = level;
    c.scopeId = scope->code;
    c.scopeName = scope->name;
    c.province = p->province;
    c.planTitle = p->title;
    c.period = *period;
    c.asOf = m_clock.today();
    if (scope->parentRow) {
        DA06_TRY(parent, work::detail::unitByRow(m_db, *scope->parentRow));
        if (*parent) {
            c.parentName = (*parent)->name;
        }
    }

    // The units expected to report: in scope, not a collective, carrying out at least one model.
    DA06_TRY(rows, work::detail::subtree(m_db, scope->row));
    struct Expected {
        std::int64_t row;
        std::string code, name, kind;
    };
    std::vector<Expected> expected;
    DA06_TRY(
        est,
        m_db.prepare(
            "SELECT u.id, u.code, u.name, u.kind FROM unit u WHERE u.id IN " + work::detail::inList(*rows) +
            " AND u.kind <> 'collective' AND (EXISTS (SELECT 1 FROM model_unit mu JOIN model m ON m.id = mu.model_id "
            "JOIN plan p ON p.id = m.plan_id WHERE p.plan_key = ?1 AND (mu.unit_id = u.id OR mu.unit_id = "
            "u.member_of)) "
            "OR EXISTS (SELECT 1 FROM assignment a WHERE a.plan_key = ?1 AND a.unit_id = u.id AND a.removed = 0)) "
            "ORDER BY CASE u.kind WHEN 'district' THEN 1 WHEN 'commune' THEN 2 WHEN 'site' THEN 3 ELSE 0 END, u.name"));
    est->bind(1, p->key);
    DA06_CHECK(work::detail::eachRow(*est, [&](const store::Statement& s) {
        expected.push_back({s.columnInt(0), s.columnText(1), s.columnText(2), s.columnText(3)});
    }));
    std::map<std::int64_t, std::size_t> indexOf;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        indexOf[expected[i].row] = i;
    }

    // Every stored report of these units in the period and the trend months.
    const auto months = monthsOf(*period, p->rule);
    auto trendPeriods = lastMonths(months.back(), std::max(trendMonths, 1), p->rule);
    std::erase_if(trendPeriods, [&](const Period& m) { return p->start && m.key() < *p->start; });
    std::set<std::string> wanted;
    std::string inPeriods = "(";
    for (const std::vector<Period>* list : {&months, static_cast<const std::vector<Period>*>(&trendPeriods)}) {
        for (const auto& m : *list) {
            if (wanted.insert(m.key()).second) {
                inPeriods += (wanted.size() > 1 ? ",'" : "'") + m.key() + "'";
            }
        }
    }
    inPeriods += ")";
    struct Row {
        ReportStatus status;
        std::optional<std::string> first, latest, comment;
        std::optional<int> percent;
    };
    std::map<std::pair<std::int64_t, std::string>, Row> reports;
    DA06_TRY(rst,
             m_db.prepare(
                 "SELECT unit_id, period, status, first_submitted_at, submitted_at, review_comment, mean_percent FROM "
                 "report WHERE plan_key = ? AND period IN " +
                 inPeriods + " AND unit_id IN " + work::detail::inList(*rows)));
    rst->bind(1, p->key);
    DA06_CHECK(work::detail::eachRow(*rst, [&](const store::Statement& s) {
        reports[{s.columnInt(0), s.columnText(1)}] =
            Row{reportStatusFromName(s.columnText(2)).value_or(ReportStatus::Draft), s.columnOptText(3),
                s.columnOptText(4), s.columnOptText(5), s.columnOptInt(6)};
    }));
    auto onTime = [&](const Period& m, const Row& r) {
        const auto day = r.first ? vietnamDayOf(*r.first) : std::nullopt;
        return day && isOnTime(m, *day);
    };

    // Completeness and timeliness per unit and overall; the latest received month's figures.
    std::map<std::int64_t, std::string> figuresMonth;
    for (const auto& e : expected) {
        UnitReporting u;
        u.unitId = e.code;
        u.unitName = e.name;
        u.kind = e.kind;
        for (const auto& m : months) {
            ++u.expected;
            const auto it = reports.find({e.row, m.key()});
            if (it == reports.end()) {
                continue;
            }
            const Row& r = it->second;
            if (&m == &months.back()) {
                u.status = r.status;
                u.submittedAt = r.latest;
                u.reviewComment = r.comment;
            }
            if (isReceived(r.status)) {
                ++u.received;
                u.onTime += onTime(m, r) ? 1 : 0;
                figuresMonth[e.row] = m.key();
            } else if (r.status == ReportStatus::Returned) {
                ++u.returned;
            }
        }
        c.expected += u.expected;
        c.received += u.received;
        c.onTime += u.onTime;
        c.returned += u.returned;
        c.units.push_back(std::move(u));
    }
    c.missing = c.expected - c.received;
    c.completeness = ratePercent(c.received, c.expected);
    c.timeliness = ratePercent(c.onTime, c.expected);

    // Aggregates over the figures of the received reports.
    std::map<int, ModelAggregate> models;
    std::map<int, std::int64_t> percentSums;
    std::map<std::tuple<int, std::string, std::string>, IndicatorTotal> indicators;
    std::vector<std::tuple<int, std::string, std::string>> indicatorOrder;
    std::map<std::tuple<int, std::string, std::string>, std::int64_t> checks;
    bool checksAvailable = false;
    std::string checksNote;
    std::map<int, std::pair<std::vector<std::string>, std::vector<std::string>>> lateUnits; // lead, coordinating
    std::set<int> deskModels;
    if (!figuresMonth.empty()) {
        DA06_TRY(fst, m_db.prepare("SELECT figures FROM report WHERE plan_key = ? AND unit_id = ? AND period = ?"));
        for (const auto& [unitRow, month] : figuresMonth) {
            fst->reset();
            fst->bind(1, p->key).bind(2, unitRow).bind(3, month);
            DA06_TRY(has, fst->step());
            if (!*has || fst->isNull(0)) {
                continue;
            }
            auto v = json::parse(fst->columnText(0));
            if (!v) {
                return fail(ErrorCode::StoreDamaged,
                            "the stored figures of a report of " + expected[indexOf[unitRow]].name + " cannot be read");
            }
            UnitReport fig;
            DA06_CHECK(figuresFromJson(*v, fig));
            auto& ur = c.units[indexOf[unitRow]];
            ur.models = static_cast<int>(fig.models.size());
            ur.overdueModels = fig.countOutcome(ModelOutcome::Late);
            ur.percent = fig.meanPercent();
            for (const auto& m : fig.models) {
                auto& agg = models[m.number];
                agg.number = m.number;
                agg.group = m.group;
                agg.title = m.title;
                ++agg.units;
                percentSums[m.number] += m.percent;
                switch (m.outcome()) {
                case ModelOutcome::Done:
                    ++agg.done;
                    break;
                case ModelOutcome::InProgress:
                    ++agg.inProgress;
                    break;
                case ModelOutcome::Late:
                    ++agg.late;
                    (m.role == "lead" ? lateUnits[m.number].first : lateUnits[m.number].second).push_back(ur.unitName);
                    break;
                case ModelOutcome::NotStarted:
                    ++agg.notStarted;
                    break;
                }
                for (const auto& i : m.indicators) {
                    const auto key = std::make_tuple(m.number, i.name, i.unitOfMeasure);
                    auto [it, added] = indicators.try_emplace(key);
                    if (added) {
                        it->second.model = m.number;
                        it->second.name = i.name;
                        it->second.unitOfMeasure = i.unitOfMeasure;
                        indicatorOrder.push_back(key);
                    }
                    it->second.target += i.target.value_or(0);
                    it->second.actual += i.actual.value_or(0);
                    ++it->second.units;
                }
                if (isDeskModel(m.number)) {
                    deskModels.insert(m.number);
                }
            }
            checksAvailable = checksAvailable || fig.checks.available;
            if (checksNote.empty()) {
                checksNote = fig.checks.note;
            }
            for (const auto& row : fig.checks.rows) {
                checks[{row.model, row.method, row.outcome}] += row.count;
            }
        }
    }
    for (auto& [n, agg] : models) {
        agg.percent = agg.units ? static_cast<int>((percentSums[n] * 2 + agg.units) / (2 * agg.units)) : 0;
        c.models.push_back(agg);
    }
    std::stable_sort(indicatorOrder.begin(), indicatorOrder.end(),
                     [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
    for (const auto& key : indicatorOrder) {
        c.indicators.push_back(indicators[key]);
    }
    c.checks = zeroCheckCounts(std::vector<int>(deskModels.begin(), deskModels.end()),
                               checksAvailable ? "" : kNoCheckRecordsNote);
    c.checks.available = checksAvailable;
    for (auto& row : c.checks.rows) {
        row.count = checks[{row.model, row.method, row.outcome}];
    }
    for (auto& [n, lists] : lateUnits) {
        OverdueModel o;
        o.number = n;
        o.title = models[n].title;
        o.units = lists.first;
        o.units.insert(o.units.end(), lists.second.begin(), lists.second.end());
        c.overdue.push_back(std::move(o));
    }

    // Trends: completeness, timeliness and mean percent done of each month.
    for (const auto& m : trendPeriods) {
        TrendPoint t;
        t.period = m.key();
        t.expected = static_cast<int>(expected.size());
        long sum = 0;
        int withPercent = 0;
        for (const auto& e : expected) {
            const auto it = reports.find({e.row, m.key()});
            if (it == reports.end() || !isReceived(it->second.status)) {
                continue;
            }
            ++t.received;
            t.onTime += onTime(m, it->second) ? 1 : 0;
            if (it->second.percent) {
                sum += *it->second.percent;
                ++withPercent;
            }
        }
        t.completeness = ratePercent(t.received, t.expected);
        t.timeliness = ratePercent(t.onTime, t.expected);
        t.percent = withPercent ? static_cast<int>((sum * 2 + withPercent) / (2 * withPercent)) : 0;
        c.trends.push_back(t);
    }

    DA06_TRY(nst, m_db.prepare(
                      "SELECT narrative FROM report_compilation WHERE plan_key = ? AND unit_id = ? AND period = ?"));
    nst->bind(1, p->key).bind(2, scope->row).bind(3, period->key());
    DA06_TRY(hasNarrative, nst->step());
    if (*hasNarrative) {
        c.narrative = nst->columnText(0);
        c.narrativeEdited = true;
    } else {
        c.narrative = draftCompilationNarrative(c);
    }
    return c;
}

Status ReportService::saveCompilationNarrative(const std::string& scopeRef, const std::string& periodKey,
                                               const std::string& text)
{
    DA06_CHECK(access::require(m_actor, access::Permission::CompileReports, "edit compilations"));
    DA06_TRY(p, planInfo(m_db));
    auto period = parsePeriod(periodKey, p->rule);
    if (!period) {
        return fail(ErrorCode::Usage, "\"" + periodKey + "\" is not a period: write YYYY-MM, YYYY-Qn or YYYY");
    }
    DA06_TRY(scope, work::detail::findUnit(m_db, scopeRef));
    DA06_CHECK(work::detail::requireInDeskScope(m_db, *scope, "edit the compilation of this unit"));
    const std::string uid = work::derivedId({"report_compilation", p->key, scope->code, period->key()});
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(del, m_db.prepare("DELETE FROM report_compilation WHERE uid = ?"));
    del->bind(1, uid);
    DA06_CHECK(del->run());
    if (!text.empty()) {
        DA06_TRY(
            ins,
            m_db.prepare(
                "INSERT INTO report_compilation (uid, plan_key, unit_id, period, narrative, updated_at, updated_by) "
                "VALUES (?,?,?,?,?,?,?)"));
        ins->bind(1, uid)
            .bind(2, p->key)
            .bind(3, scope->row)
            .bind(4, period->key())
            .bind(5, text)
            .bind(6, m_clock.nowIso8601());
        ins->bind(7, m_actor.user);
        DA06_CHECK(ins->run());
    }
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "report.compilation",
                             "compilation:" + scope->code + "/" + period->key()));
    DA06_TRY(rec, work::recordChange(
                      m_db, m_clock, m_actor, "report_compilation", uid,
                      text.empty() ? work::ChangeOp::Delete : work::ChangeOp::Update,
                      {{"plan", p->key}, {"unit", scope->code}, {"period", period->key()}, {"narrative", text}}));
    return tx.commit();
}

} // namespace da06::report
