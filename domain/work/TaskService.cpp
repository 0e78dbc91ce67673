#include "domain/work/TaskService.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>

#include "domain/audit/AuditLog.h"
#include "domain/text/Text.h"
#include "domain/work/AssignmentService.h"
#include "domain/work/ChangeLog.h"
#include "domain/work/Ids.h"
#include "domain/work/WorkDb.h"

namespace da06::work {

namespace {

const char* const kTaskColumns =
    "t.id, t.uid, t.model_number, COALESCE(m.title, ''), u.code, u.name, t.title, t.responsible, t.start_date, "
    "t.due_date, "
    "t.period, t.status, t.percent, t.completed_on, t.created_at, t.updated_at, t.search_text";
const char* const kTaskFrom =
    " FROM task t JOIN unit u ON u.id = t.unit_id LEFT JOIN plan p ON p.plan_key = t.plan_key "
    "LEFT JOIN model m ON m.plan_id = p.id AND m.number = t.model_number";

std::optional<Date> optDate(const store::Statement& st, int c)
{
    if (auto s = st.columnOptText(c)) {
        return Date::parseIso(*s);
    }
    return std::nullopt;
}

Task readTask(const store::Statement& st)
{
    Task t;
    t.id = st.columnInt(0);
    t.uid = st.columnText(1);
    t.modelNumber = static_cast<int>(st.columnInt(2));
    t.modelTitle = st.columnText(3);
    t.unitId = st.columnText(4);
    t.unitName = st.columnText(5);
    t.title = st.columnText(6);
    t.responsible = st.columnText(7);
    t.start = optDate(st, 8);
    t.due = optDate(st, 9);
    t.period = st.columnOptText(10);
    t.status = taskStatusFromName(st.columnText(11)).value_or(TaskStatus::NotStarted);
    t.percent = static_cast<int>(st.columnInt(12));
    t.completedOn = optDate(st, 13);
    t.createdAt = st.columnText(14);
    t.updatedAt = st.columnText(15);
    return t;
}

json::Value dateJson(const std::optional<Date>& d)
{
    return d ? json::Value(d->toIso()) : json::Value(nullptr);
}

json::Value numberJson(const std::optional<double>& v)
{
    return v ? json::Value(*v) : json::Value(nullptr);
}

Result<std::string> cleanText(const std::string& s, const char* what, std::size_t maxBytes, bool required)
{
    auto n = text::toNfc(text::trim(s));
    if (!n) {
        return fail(ErrorCode::Usage, std::string("the ") + what + " is not valid UTF-8 text");
    }
    if (required && n->empty()) {
        return fail(ErrorCode::Usage, std::string("the ") + what + " must not be empty");
    }
    if (n->size() > maxBytes) {
        return fail(ErrorCode::Usage,
                    std::string("the ") + what + " is too long (at most " + std::to_string(maxBytes) + " bytes)");
    }
    return *n;
}

std::string mediaTypeFor(const std::string& fileName)
{
    std::string ext;
    if (auto dot = fileName.rfind('.'); dot != std::string::npos) {
        ext = fileName.substr(dot + 1);
        for (auto& c : ext) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    if (ext == "pdf")
        return "application/pdf";
    if (ext == "jpg" || ext == "jpeg")
        return "image/jpeg";
    if (ext == "png")
        return "image/png";
    if (ext == "txt")
        return "text/plain";
    if (ext == "csv")
        return "text/csv";
    if (ext == "doc")
        return "application/msword";
    if (ext == "docx")
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (ext == "xls")
        return "application/vnd.ms-excel";
    if (ext == "xlsx")
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (ext == "zip")
        return "application/zip";
    return "application/octet-stream";
}

std::string megabytes(std::uintmax_t bytes)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

std::string taskSearchText(const std::string& title, const std::string& responsible)
{
    return text::fold(title + " " + responsible);
}

} // namespace

Result<std::int64_t> TaskService::resolve(const std::string& refIn)
{
    std::string ref = text::trim(refIn);
    if (!ref.empty() && ref.front() == '#') {
        ref.erase(0, 1);
    }
    if (ref.empty()) {
        return fail(ErrorCode::Usage, "a task number or id is needed");
    }
    if (std::all_of(ref.begin(), ref.end(), [](char c) { return c >= '0' && c <= '9'; }) && ref.size() <= 12) {
        DA06_TRY(st, m_db.prepare("SELECT id FROM task WHERE id = ?"));
        st->bind(1, static_cast<std::int64_t>(std::stoll(ref)));
        DA06_TRY(row, st->step());
        if (*row) {
            return st->columnInt(0);
        }
        if (ref.size() < 6) {
            return fail(ErrorCode::NotFound, "there is no task " + ref + " (see `da06 tasks list`)");
        }
    }
    const bool hex =
        std::all_of(ref.begin(), ref.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
    if (hex && ref.size() >= 6 && ref.size() <= 32) {
        DA06_TRY(st, m_db.prepare("SELECT id FROM task WHERE uid >= ? AND uid < ? LIMIT 2"));
        st->bind(1, ref).bind(2, ref + "g");
        std::vector<std::int64_t> ids;
        DA06_CHECK(detail::eachRow(*st, [&](const store::Statement& s) { ids.push_back(s.columnInt(0)); }));
        if (ids.size() == 1) {
            return ids.front();
        }
        if (ids.size() > 1) {
            return fail(ErrorCode::Usage, "\"" + ref + "\" is the start of more than one task id; give more digits");
        }
    }
    return fail(ErrorCode::NotFound, "there is no task \"" + ref + "\" (see `da06 tasks list`)");
}

Result<Task> TaskService::load(std::int64_t id)
{
    DA06_TRY(st, m_db.prepare(std::string("SELECT ") + kTaskColumns + kTaskFrom + " WHERE t.id = ?"));
    st->bind(1, id);
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound, "there is no task " + std::to_string(id));
    }
    return readTask(*st);
}

Status TaskService::requireEditable(const Task& t, const char* what)
{
    DA06_CHECK(access::require(m_actor, access::Permission::EditProgress, what));
    DA06_TRY(unit, detail::findUnit(m_db, t.unitId));
    return detail::requireInDeskScope(m_db, *unit, what);
}

Result<Task> TaskService::add(const NewTask& in)
{
    DA06_CHECK(access::require(m_actor, access::Permission::EditProgress, "add tasks"));
    DA06_TRY(planKey, detail::currentPlanKey(m_db));
    DA06_TRY(model, detail::findModel(m_db, *planKey, in.modelNumber));
    DA06_TRY(unit, detail::findUnit(m_db, in.unit));
    DA06_CHECK(detail::requireInDeskScope(m_db, *unit, "add tasks"));
    AssignmentService assignments(m_db, m_clock, m_actor);
    DA06_TRY(assignment, assignments.find(in.modelNumber, unit->code));
    if (!*assignment) {
        return fail(ErrorCode::NotFound, "model " + std::to_string(in.modelNumber) + " is not assigned to " +
                                             unit->name + " (" + unit->code + "); assign it first (`da06 assign " +
                                             std::to_string(in.modelNumber) + " " + unit->code + " --coordinate`)");
    }
    DA06_TRY(title, cleanText(in.title, "task title", 500, true));
    DA06_TRY(responsible, cleanText(in.responsible, "responsible person", 200, false));
    const Date today = m_clock.today();
    const std::optional<Date> due = in.due ? in.due : defaultDueDate(model->deadline, today);
    std::optional<Date> start = in.start ? *in.start : today;
    if (due && start && *start > *due) {
        if (in.start) {
            return fail(ErrorCode::Usage,
                        "the start date " + start->toVietnamese() + " is after the due date " + due->toVietnamese());
        }
        start = due;
    }

    Task t;
    t.uid = randomId();
    const std::string now = m_clock.nowIso8601();
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(ins,
             m_db.prepare(
                 "INSERT INTO task (uid, plan_key, model_number, unit_id, title, responsible, start_date, due_date, "
                 "status, percent, search_text, created_at, created_by, updated_at) "
                 "VALUES (?,?,?,?,?,?,?,?,'not_started',0,?,?,?,?)"));
    ins->bind(1, t.uid)
        .bind(2, *planKey)
        .bind(3, in.modelNumber)
        .bind(4, unit->row)
        .bind(5, *title)
        .bind(6, *responsible);
    ins->bind(7, start ? std::optional<std::string>(start->toIso()) : std::nullopt);
    ins->bind(8, due ? std::optional<std::string>(due->toIso()) : std::nullopt);
    ins->bind(9, taskSearchText(*title, *responsible)).bind(10, now).bind(11, m_actor.user).bind(12, now);
    DA06_CHECK(ins->run());
    const std::int64_t id = m_db.lastInsertId();
    DA06_CHECK(recordChange(m_db, m_clock, m_actor, "task", t.uid, ChangeOp::Insert,
                            {{"plan", *planKey},
                             {"model", in.modelNumber},
                             {"unit", unit->code},
                             {"title", *title},
                             {"responsible", *responsible},
                             {"start", dateJson(start)},
                             {"due", dateJson(due)},
                             {"period", nullptr},
                             {"status", "not_started"},
                             {"percent", 0},
                             {"completed_on", nullptr}}));
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "task.add", "task:" + t.uid));
    DA06_CHECK(tx.commit());
    return load(id);
}

Result<Task> TaskService::update(const std::string& ref, const TaskChange& change)
{
    DA06_CHECK(access::require(m_actor, access::Permission::EditProgress, "change tasks"));
    DA06_TRY(id, resolve(ref));
    DA06_TRY(cur, load(*id));
    DA06_CHECK(requireEditable(*cur, "change tasks"));

    // Check everything before writing anything.
    if (change.percent && (*change.percent < 0 || *change.percent > 100)) {
        return fail(ErrorCode::Usage,
                    "the percent done must be between 0 and 100 (got " + std::to_string(*change.percent) + ")");
    }
    Task next = *cur;
    if (change.title) {
        DA06_TRY(title, cleanText(*change.title, "task title", 500, true));
        next.title = *title;
    }
    if (change.responsible) {
        DA06_TRY(responsible, cleanText(*change.responsible, "responsible person", 200, false));
        next.responsible = *responsible;
    }
    std::optional<std::string> note;
    if (change.note) {
        DA06_TRY(n, cleanText(*change.note, "note", 10000, true));
        note = *n;
    }
    if (change.due) {
        next.due = *change.due;
    }
    if (change.start) {
        next.start = *change.start;
    }
    if (next.start && next.due && *next.start > *next.due) {
        return fail(ErrorCode::Usage, "the start date " + next.start->toVietnamese() + " is after the due date " +
                                          next.due->toVietnamese());
    }
    std::vector<std::pair<std::string, IndicatorChange>> indicatorChanges; // folded name → change
    for (const auto& ic : change.indicators) {
        DA06_TRY(name, cleanText(ic.name, "indicator name", 200, true));
        IndicatorChange c = ic;
        c.name = *name;
        if (c.value.unitOfMeasure) {
            DA06_TRY(uom, cleanText(*c.value.unitOfMeasure, "unit of measure", 50, false));
            c.value.unitOfMeasure = *uom;
        }
        indicatorChanges.emplace_back(text::fold(*name), std::move(c));
    }

    // Status and percent.
    const Date today = m_clock.today();
    if (change.percent) {
        next.percent = *change.percent;
    }
    if (change.status) {
        next.status = *change.status;
    } else if (change.percent && isOpen(cur->status)) {
        if (*change.percent == 100) {
            next.status = TaskStatus::Done;
        } else if (*change.percent > 0 && cur->status == TaskStatus::NotStarted) {
            next.status = TaskStatus::InProgress;
        }
    }
    if (next.status == TaskStatus::Done) {
        next.percent = 100;
        if (cur->status != TaskStatus::Done) {
            next.completedOn = today;
        }
    } else {
        next.completedOn.reset();
    }

    ChangeFields fields;
    if (next.title != cur->title)
        fields.emplace_back("title", next.title);
    if (next.responsible != cur->responsible)
        fields.emplace_back("responsible", next.responsible);
    if (next.start != cur->start)
        fields.emplace_back("start", dateJson(next.start));
    if (next.due != cur->due)
        fields.emplace_back("due", dateJson(next.due));
    if (next.status != cur->status)
        fields.emplace_back("status", taskStatusName(next.status));
    if (next.percent != cur->percent)
        fields.emplace_back("percent", next.percent);
    if (next.completedOn != cur->completedOn)
        fields.emplace_back("completed_on", dateJson(next.completedOn));

    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    bool changed = false;
    const bool rowChanged = !fields.empty();
    const std::string now = m_clock.nowIso8601();
    if (rowChanged) {
        DA06_TRY(up,
                 m_db.prepare("UPDATE task SET title = ?, responsible = ?, start_date = ?, due_date = ?, status = ?, "
                              "percent = ?, completed_on = ?, search_text = ?, updated_at = ? WHERE id = ?"));
        up->bind(1, next.title).bind(2, next.responsible);
        up->bind(3, next.start ? std::optional<std::string>(next.start->toIso()) : std::nullopt);
        up->bind(4, next.due ? std::optional<std::string>(next.due->toIso()) : std::nullopt);
        up->bind(5, taskStatusName(next.status)).bind(6, next.percent);
        up->bind(7, next.completedOn ? std::optional<std::string>(next.completedOn->toIso()) : std::nullopt);
        up->bind(8, taskSearchText(next.title, next.responsible)).bind(9, now).bind(10, *id);
        DA06_CHECK(up->run());
        DA06_CHECK(recordChange(m_db, m_clock, m_actor, "task", cur->uid, ChangeOp::Update, std::move(fields)));
        changed = true;
    }
    if (!indicatorChanges.empty()) {
        DA06_TRY(find, m_db.prepare("SELECT name, unit_of_measure, target, actual FROM task_indicator WHERE uid = ?"));
        DA06_TRY(count, m_db.prepare("SELECT COUNT(*) FROM task_indicator WHERE task_id = ?"));
        DA06_TRY(ins, m_db.prepare(
                          "INSERT INTO task_indicator (uid, task_id, name, unit_of_measure, target, actual, position, "
                          "updated_at) VALUES (?,?,?,?,?,?,?,?)"));
        DA06_TRY(upd,
                 m_db.prepare("UPDATE task_indicator SET unit_of_measure = ?, target = ?, actual = ?, updated_at = ? "
                              "WHERE uid = ?"));
        auto bindNumber = [](store::Statement& st, int i, const std::optional<double>& v) {
            if (v) {
                st.bind(i, *v);
            } else {
                st.bindNull(i);
            }
        };
        for (const auto& [folded, ic] : indicatorChanges) {
            const std::string uid = derivedId({"indicator", cur->uid, folded});
            find->reset();
            find->bind(1, uid);
            DA06_TRY(row, find->step());
            if (!*row) {
                count->reset();
                count->bind(1, *id);
                DA06_TRY(crow, count->step());
                const std::int64_t position = *crow ? count->columnInt(0) : 0;
                ins->reset();
                ins->bind(1, uid).bind(2, *id).bind(3, ic.name).bind(4, ic.value.unitOfMeasure.value_or(""));
                bindNumber(*ins, 5, ic.value.target);
                bindNumber(*ins, 6, ic.value.actual);
                ins->bind(7, position).bind(8, now);
                DA06_CHECK(ins->run());
                DA06_CHECK(recordChange(m_db, m_clock, m_actor, "task_indicator", uid, ChangeOp::Insert,
                                        {{"task", cur->uid},
                                         {"name", ic.name},
                                         {"unit_of_measure", ic.value.unitOfMeasure.value_or("")},
                                         {"target", numberJson(ic.value.target)},
                                         {"actual", numberJson(ic.value.actual)}}));
                changed = true;
                continue;
            }
            const std::string oldUom = find->columnText(1);
            const std::optional<double> oldTarget =
                find->isNull(2) ? std::nullopt : std::optional<double>(find->columnDouble(2));
            const std::optional<double> oldActual =
                find->isNull(3) ? std::nullopt : std::optional<double>(find->columnDouble(3));
            const std::string uom = ic.value.unitOfMeasure.value_or(oldUom);
            const std::optional<double> target = ic.value.target ? ic.value.target : oldTarget;
            const std::optional<double> actual = ic.value.actual ? ic.value.actual : oldActual;
            ChangeFields f;
            if (uom != oldUom)
                f.emplace_back("unit_of_measure", uom);
            if (target != oldTarget)
                f.emplace_back("target", numberJson(target));
            if (actual != oldActual)
                f.emplace_back("actual", numberJson(actual));
            if (f.empty()) {
                continue;
            }
            upd->reset();
            upd->bind(1, uom);
            bindNumber(*upd, 2, target);
            bindNumber(*upd, 3, actual);
            upd->bind(4, now).bind(5, uid);
            DA06_CHECK(upd->run());
            DA06_CHECK(recordChange(m_db, m_clock, m_actor, "task_indicator", uid, ChangeOp::Update, std::move(f)));
            changed = true;
        }
    }
    if (note) {
        const std::string uid = randomId();
        DA06_TRY(ins, m_db.prepare("INSERT INTO task_note (uid, task_id, at, user, text) VALUES (?,?,?,?,?)"));
        ins->bind(1, uid).bind(2, *id).bind(3, now).bind(4, m_actor.user).bind(5, *note);
        DA06_CHECK(ins->run());
        DA06_CHECK(recordChange(m_db, m_clock, m_actor, "task_note", uid, ChangeOp::Insert,
                                {{"task", cur->uid}, {"at", now}, {"user", m_actor.user}, {"text", *note}}));
        changed = true;
    }
    if (!changed) {
        return *cur;
    }
    if (!rowChanged) {
        // Indicators or notes only: the task's own row still records when it last changed.
        DA06_TRY(touch, m_db.prepare("UPDATE task SET updated_at = ? WHERE id = ?"));
        touch->bind(1, now).bind(2, *id);
        DA06_CHECK(touch->run());
    }
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "task.update", "task:" + cur->uid));
    DA06_CHECK(tx.commit());
    return load(*id);
}

Result<Evidence> TaskService::attachFile(const std::string& ref, const std::filesystem::path& file)
{
    DA06_CHECK(access::require(m_actor, access::Permission::EditProgress, "attach evidence"));
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        return fail(ErrorCode::NotFound, "there is no file " + file.string());
    }
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) {
        return fail(ErrorCode::Io, "cannot read " + file.string() + ": " + ec.message());
    }
    if (size > kMaxEvidenceBytes) {
        return fail(ErrorCode::InvalidInput, "the file " + file.filename().string() + " is " + megabytes(size) +
                                                 "; an evidence file may be at most " + megabytes(kMaxEvidenceBytes) +
                                                 " (scan at a lower resolution, or split it into several files)");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return fail(ErrorCode::Io, "cannot read " + file.string());
    }
    std::vector<unsigned char> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return attach(ref, file.filename().string(), data);
}

Result<Evidence> TaskService::attach(const std::string& ref, const std::string& fileNameIn,
                                     const std::vector<unsigned char>& data)
{
    DA06_CHECK(access::require(m_actor, access::Permission::EditProgress, "attach evidence"));
    DA06_TRY(fileName, cleanText(fileNameIn, "file name", 255, true));
    if (data.size() > kMaxEvidenceBytes) {
        return fail(ErrorCode::InvalidInput, "the file " + *fileName + " is " + megabytes(data.size()) +
                                                 "; an evidence file may be at most " + megabytes(kMaxEvidenceBytes) +
                                                 " (scan at a lower resolution, or split it into several files)");
    }
    if (data.empty()) {
        return fail(ErrorCode::InvalidInput, "the file " + *fileName + " is empty");
    }
    DA06_TRY(id, resolve(ref));
    DA06_TRY(task, load(*id));
    DA06_CHECK(requireEditable(*task, "attach evidence"));
    Evidence e;
    e.uid = randomId();
    e.fileName = *fileName;
    e.mediaType = mediaTypeFor(*fileName);
    e.size = static_cast<std::int64_t>(data.size());
    e.sha256 = sha256Hex(data.data(), data.size());
    e.addedAt = m_clock.nowIso8601();
    e.addedBy = m_actor.user;
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(ins, m_db.prepare(
                      "INSERT INTO task_evidence (uid, task_id, file_name, media_type, size, sha256, data, added_at, "
                      "added_by) VALUES (?,?,?,?,?,?,?,?,?)"));
    ins->bind(1, e.uid).bind(2, *id).bind(3, e.fileName).bind(4, e.mediaType).bind(5, e.size).bind(6, e.sha256);
    ins->bindBlob(7, data.data(), data.size()).bind(8, e.addedAt).bind(9, e.addedBy);
    DA06_CHECK(ins->run());
    DA06_TRY(touch, m_db.prepare("UPDATE task SET updated_at = ? WHERE id = ?"));
    touch->bind(1, e.addedAt).bind(2, *id);
    DA06_CHECK(touch->run());
    // The record names the content by its hash; the synchronization ships the bytes separately.
    DA06_CHECK(recordChange(m_db, m_clock, m_actor, "task_evidence", e.uid, ChangeOp::Insert,
                            {{"task", task->uid},
                             {"file_name", e.fileName},
                             {"media_type", e.mediaType},
                             {"size", static_cast<long long>(e.size)},
                             {"sha256", e.sha256}}));
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "task.attach", "task:" + task->uid));
    DA06_CHECK(tx.commit());
    return e;
}

Result<std::vector<unsigned char>> TaskService::evidenceData(const std::string& evidenceUid)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ReadPlan, "read evidence files"));
    DA06_TRY(st, m_db.prepare("SELECT data FROM task_evidence WHERE uid = ?"));
    st->bind(1, evidenceUid);
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound, "there is no evidence file " + evidenceUid);
    }
    return st->columnBlob(0);
}

Result<std::vector<Task>> TaskService::addMonthlyTasks(const std::string& unitRef,
                                                       const std::optional<std::string>& from,
                                                       const std::optional<std::string>& through)
{
    DA06_CHECK(access::require(m_actor, access::Permission::EditProgress, "add tasks"));
    DA06_TRY(planKey, detail::currentPlanKey(m_db));
    DA06_TRY(unit, detail::findUnit(m_db, unitRef));
    DA06_CHECK(detail::requireInDeskScope(m_db, *unit, "add tasks"));
    const Date today = m_clock.today();
    const std::string thisMonth = monthKey(today.year, today.month);
    const std::string first = from.value_or(thisMonth);
    const std::string last = through.value_or(thisMonth);
    for (const auto& m : {first, last}) {
        if (!parseMonthKey(m)) {
            return fail(ErrorCode::Usage, "\"" + m + "\" is not a month: write YYYY-MM");
        }
    }
    const auto months = monthsBetween(first, last);
    if (months.empty()) {
        return fail(ErrorCode::Usage, "the month " + first + " is after " + last);
    }
    if (months.size() > 120) {
        return fail(ErrorCode::Usage, "at most 120 months at a time");
    }
    AssignmentService assignments(m_db, m_clock, m_actor);
    DA06_TRY(mine, assignments.forUnit(unit->code));
    std::vector<detail::ModelRow> recurring;
    for (const auto& a : *mine) {
        DA06_TRY(model, detail::findModel(m_db, *planKey, a.modelNumber));
        if (model->deadline.kind == plan::DeadlineKind::Recurring) {
            recurring.push_back(*model);
        }
    }
    std::vector<std::int64_t> created;
    const std::string now = m_clock.nowIso8601();
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(exists,
             m_db.prepare("SELECT 1 FROM task WHERE plan_key = ? AND model_number = ? AND unit_id = ? AND period = ?"));
    DA06_TRY(ins,
             m_db.prepare(
                 "INSERT INTO task (uid, plan_key, model_number, unit_id, title, responsible, start_date, due_date, "
                 "period, status, percent, search_text, created_at, created_by, updated_at) "
                 "VALUES (?,?,?,?,?,'',?,?,?,'not_started',0,?,?,?,?)"));
    for (const auto& model : recurring) {
        for (const auto& month : months) {
            exists->reset();
            exists->bind(1, *planKey).bind(2, model.number).bind(3, unit->row).bind(4, month);
            DA06_TRY(row, exists->step());
            if (*row) {
                continue;
            }
            const auto ym = *parseMonthKey(month);
            const Date start{ym.first, ym.second, 1};
            const Date due = Date::lastDayOfMonth(ym.first, ym.second);
            const std::string title = "Tháng " + month.substr(5, 2) + "/" + month.substr(0, 4) + ": " + model.title;
            // The same month's task of the same assignment has the same id on every desk.
            const std::string uid =
                derivedId({"monthly-task", *planKey, std::to_string(model.number), unit->code, month});
            ins->reset();
            ins->bind(1, uid).bind(2, *planKey).bind(3, model.number).bind(4, unit->row).bind(5, title);
            ins->bind(6, start.toIso()).bind(7, due.toIso()).bind(8, month).bind(9, taskSearchText(title, ""));
            ins->bind(10, now).bind(11, m_actor.user).bind(12, now);
            DA06_CHECK(ins->run());
            created.push_back(m_db.lastInsertId());
            DA06_CHECK(recordChange(m_db, m_clock, m_actor, "task", uid, ChangeOp::Insert,
                                    {{"plan", *planKey},
                                     {"model", model.number},
                                     {"unit", unit->code},
                                     {"title", title},
                                     {"responsible", ""},
                                     {"start", start.toIso()},
                                     {"due", due.toIso()},
                                     {"period", month},
                                     {"status", "not_started"},
                                     {"percent", 0},
                                     {"completed_on", nullptr}}));
            DA06_CHECK(audit::append(m_db, m_clock, m_actor, "task.add", "task:" + uid));
        }
    }
    DA06_CHECK(tx.commit());
    std::vector<Task> out;
    for (auto id : created) {
        DA06_TRY(t, load(id));
        out.push_back(std::move(*t));
    }
    return out;
}

Result<TaskDetail> TaskService::get(const std::string& ref)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ReadPlan, "see tasks"));
    DA06_TRY(id, resolve(ref));
    TaskDetail d;
    DA06_TRY(task, load(*id));
    d.task = std::move(*task);
    DA06_TRY(ind,
             m_db.prepare("SELECT uid, name, unit_of_measure, target, actual FROM task_indicator WHERE task_id = ? "
                          "ORDER BY position"));
    ind->bind(1, *id);
    DA06_CHECK(detail::eachRow(*ind, [&](const store::Statement& s) {
        Indicator i;
        i.uid = s.columnText(0);
        i.name = s.columnText(1);
        i.unitOfMeasure = s.columnText(2);
        if (!s.isNull(3)) {
            i.target = s.columnDouble(3);
        }
        if (!s.isNull(4)) {
            i.actual = s.columnDouble(4);
        }
        d.indicators.push_back(std::move(i));
    }));
    DA06_TRY(notes, m_db.prepare("SELECT uid, at, user, text FROM task_note WHERE task_id = ? ORDER BY at, rowid"));
    notes->bind(1, *id);
    DA06_CHECK(detail::eachRow(*notes, [&](const store::Statement& s) {
        d.notes.push_back(TaskNote{s.columnText(0), s.columnText(1), s.columnText(2), s.columnText(3)});
    }));
    DA06_TRY(ev, m_db.prepare("SELECT uid, file_name, media_type, size, sha256, added_at, added_by FROM task_evidence "
                              "WHERE task_id = ? ORDER BY added_at, rowid"));
    ev->bind(1, *id);
    DA06_CHECK(detail::eachRow(*ev, [&](const store::Statement& s) {
        d.evidence.push_back(Evidence{s.columnText(0), s.columnText(1), s.columnText(2), s.columnInt(3),
                                      s.columnText(4), s.columnText(5), s.columnText(6)});
    }));
    return d;
}

Result<std::vector<Task>> TaskService::list(const TaskFilter& filter)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ReadPlan, "see tasks"));
    DA06_TRY(planKey, detail::currentPlanKey(m_db));
    std::string sql = std::string("SELECT ") + kTaskColumns + kTaskFrom + " WHERE t.plan_key = ?";
    if (filter.unit) {
        DA06_TRY(unit, detail::findUnit(m_db, *filter.unit));
        if (filter.below) {
            DA06_TRY(rows, detail::subtree(m_db, unit->row));
            sql += " AND t.unit_id IN " + detail::inList(*rows);
        } else {
            sql += " AND t.unit_id = " + std::to_string(unit->row);
        }
    }
    if (filter.model) {
        DA06_CHECK(detail::findModel(m_db, *planKey, *filter.model));
        sql += " AND t.model_number = " + std::to_string(*filter.model);
    }
    if (filter.openOnly) {
        sql += " AND t.status IN ('not_started','in_progress','blocked')";
    }
    if (filter.dueBefore) {
        sql += " AND t.due_date < '" + filter.dueBefore->toIso() + "'";
    }
    if (filter.dueOnOrBefore) {
        sql += " AND t.due_date <= '" + filter.dueOnOrBefore->toIso() + "'";
    }
    sql += " ORDER BY t.due_date IS NULL, t.due_date, t.id";
    DA06_TRY(st, m_db.prepare(sql));
    st->bind(1, *planKey);
    const std::string query = text::fold(filter.query);
    std::vector<Task> out;
    DA06_CHECK(detail::eachRow(*st, [&](const store::Statement& s) {
        Task t = readTask(s);
        if (!query.empty()) {
            const std::string hay = s.columnText(16) + " " +
                                    text::fold(t.modelTitle + " " + t.unitName + " " + t.unitId) + " " +
                                    std::to_string(t.id) + " " + std::to_string(t.modelNumber);
            if (!text::matchesFolded(hay, query)) {
                return;
            }
        }
        out.push_back(std::move(t));
    }));
    return out;
}

} // namespace da06::work
