// Applying pulled changes to the desk's tables, with the merge rule of PROTOCOL.md "Merging".
// The value of each field is folded from every change record of the entity in change_log (local
// and remote), so that the tables always show the merged state whatever the arrival order.
#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "domain/access/Access.h"
#include "domain/audit/AuditLog.h"
#include "domain/plan/PlanFile.h"
#include "domain/plan/PlanRepository.h"
#include "domain/sync/SyncStore.h"
#include "domain/text/Text.h"
#include "domain/work/ChangeLog.h"

namespace da06::sync {

namespace {

struct FieldValue {
    json::Value value;
    work::HlcTimestamp hlc;
    std::string device, user, changeId;
};
using EntityState = std::map<std::string, FieldValue>;

Result<EntityState> foldEntity(store::Database& db, const std::string& entity, const std::string& entityId)
{
    DA06_TRY(
        st, db.prepare("SELECT change_id, fields, hlc, device, user FROM change_log WHERE entity = ? AND entity_id = ? "
                       "ORDER BY seq"));
    st->bind(1, entity).bind(2, entityId);
    EntityState state;
    while (true) {
        DA06_TRY(row, st->step());
        if (!*row) {
            break;
        }
        auto fields = json::parse(st->columnText(1));
        auto hlc = work::HlcTimestamp::parse(st->columnText(2));
        if (!fields || !fields->isObject() || !hlc) {
            return fail(ErrorCode::StoreDamaged, "change record " + st->columnText(0) + " is damaged");
        }
        for (const auto& [k, v] : fields->asObject()) {
            FieldValue fv{v, *hlc, st->columnText(3), st->columnText(4), st->columnText(0)};
            auto it = state.find(k);
            if (it == state.end()) {
                state.emplace(k, std::move(fv));
            } else if (incomingWins(entity, it->second.hlc, it->second.device, fv.hlc, fv.device)) {
                it->second = std::move(fv);
            }
        }
    }
    return state;
}

const json::Value* get(const EntityState& s, const char* field)
{
    auto it = s.find(field);
    return it == s.end() ? nullptr : &it->second.value;
}

std::optional<std::string> str(const EntityState& s, const char* field)
{
    const auto* v = get(s, field);
    if (v && v->isString()) {
        return v->asString();
    }
    return std::nullopt;
}

std::optional<std::int64_t> integer(const EntityState& s, const char* field)
{
    const auto* v = get(s, field);
    if (v && v->isInteger()) {
        return v->asInteger();
    }
    return std::nullopt;
}

void bindJson(store::Statement& st, int i, const json::Value* v)
{
    if (!v || v->isNull()) {
        st.bindNull(i);
    } else if (v->isString()) {
        st.bind(i, v->asString());
    } else if (v->isBool()) {
        st.bind(i, v->asBool() ? 1 : 0);
    } else if (v->isInteger()) {
        st.bind(i, v->asInteger());
    } else if (v->isNumber()) {
        st.bind(i, v->asDouble());
    } else {
        st.bind(i, v->dump());
    }
}

Result<std::optional<std::int64_t>> rowId(store::Database& db, const std::string& sql, const std::string& key)
{
    DA06_TRY(st, db.prepare(sql));
    st->bind(1, key);
    DA06_TRY(row, st->step());
    if (!*row) {
        return std::optional<std::int64_t>();
    }
    return std::optional<std::int64_t>(st->columnInt(0));
}

Result<std::optional<std::int64_t>> unitRow(store::Database& db, const std::optional<std::string>& code)
{
    if (!code) {
        return std::optional<std::int64_t>();
    }
    return rowId(db, "SELECT id FROM unit WHERE code = ?", *code);
}

Result<std::optional<std::int64_t>> taskRow(store::Database& db, const std::optional<std::string>& uid)
{
    if (!uid) {
        return std::optional<std::int64_t>();
    }
    return rowId(db, "SELECT id FROM task WHERE uid = ?", *uid);
}

// Sets the columns named in cols (field → column) that the state knows, on the row where keyCol = key.
Status updateColumns(store::Database& db, const std::string& table, const std::string& keyCol, const std::string& key,
                     const EntityState& s, const std::vector<std::pair<const char*, const char*>>& cols,
                     const std::vector<std::pair<std::string, json::Value>>& extra = {})
{
    std::string sql = "UPDATE " + table + " SET ";
    std::vector<const json::Value*> values;
    bool first = true;
    for (const auto& [field, col] : cols) {
        if (const auto* v = get(s, field)) {
            sql += (first ? "" : ", ") + std::string(col) + " = ?";
            values.push_back(v);
            first = false;
        }
    }
    for (const auto& [col, v] : extra) {
        sql += (first ? "" : ", ") + col + " = ?";
        values.push_back(&v);
        first = false;
    }
    if (first) {
        return {};
    }
    sql += " WHERE " + keyCol + " = ?";
    DA06_TRY(st, db.prepare(sql));
    int i = 1;
    for (const auto* v : values) {
        bindJson(*st, i++, v);
    }
    st->bind(i, key);
    return st->run();
}

std::string nowIso(const Clock& clock)
{
    return clock.nowIso8601();
}

Status materializeUnit(store::Database& db, const Clock& clock, const std::string& code, const EntityState& s)
{
    DA06_TRY(row, unitRow(db, code));
    DA06_TRY(parent, unitRow(db, str(s, "parent")));
    DA06_TRY(member, unitRow(db, str(s, "member_of")));
    if (!*row) {
        auto name = str(s, "name");
        auto kind = str(s, "kind");
        if (!name || !kind) {
            return {}; // not enough to make the unit yet
        }
        DA06_TRY(
            ins,
            db.prepare("INSERT INTO unit (code, name, kind, parent_id, site_kind, member_of, search_text, updated_at) "
                       "VALUES (?,?,?,?,?,?,?,?)"));
        ins->bind(1, code).bind(2, *name).bind(3, *kind);
        if (*parent)
            ins->bind(4, **parent);
        else
            ins->bindNull(4);
        bindJson(*ins, 5, get(s, "site_kind"));
        if (*member)
            ins->bind(6, **member);
        else
            ins->bindNull(6);
        ins->bind(7, text::fold(*name + " " + code)).bind(8, nowIso(clock));
        DA06_CHECK(ins->run());
        *row = db.lastInsertId();
    } else {
        std::vector<std::pair<std::string, json::Value>> extra;
        if (auto name = str(s, "name")) {
            extra.emplace_back("search_text", text::fold(*name + " " + code));
        }
        if (*parent)
            extra.emplace_back("parent_id", json::Value(static_cast<long long>(**parent)));
        if (*member)
            extra.emplace_back("member_of", json::Value(static_cast<long long>(**member)));
        extra.emplace_back("updated_at", nowIso(clock));
        DA06_CHECK(updateColumns(db, "unit", "code", code, s,
                                 {{"name", "name"}, {"kind", "kind"}, {"site_kind", "site_kind"}}, extra));
    }
    if (const auto* aliases = get(s, "aliases"); aliases && aliases->isArray()) {
        DA06_TRY(ins, db.prepare("INSERT OR IGNORE INTO unit_alias (unit_id, alias) VALUES (?, ?)"));
        for (const auto& a : aliases->asArray()) {
            if (a.isString()) {
                ins->reset();
                ins->bind(1, **row).bind(2, a.asString());
                DA06_CHECK(ins->run());
            }
        }
    }
    return {};
}

Status materializeAssignment(store::Database& db, const Clock& clock, const std::string& uid, const EntityState& s,
                             const std::string& user)
{
    DA06_TRY(exists, rowId(db, "SELECT rowid FROM assignment WHERE uid = ?", uid));
    std::vector<std::pair<std::string, json::Value>> extra{{"updated_by", user}, {"updated_at", nowIso(clock)}};
    if (*exists) {
        return updateColumns(db, "assignment", "uid", uid, s, {{"role", "role"}, {"removed", "removed"}}, extra);
    }
    auto plan = str(s, "plan");
    auto model = integer(s, "model");
    auto role = str(s, "role");
    DA06_TRY(unit, unitRow(db, str(s, "unit")));
    if (!plan || !model || !role || !*unit) {
        return {};
    }
    DA06_TRY(ins,
             db.prepare(
                 "INSERT OR REPLACE INTO assignment (uid, plan_key, model_number, unit_id, role, removed, updated_by, "
                 "updated_at) VALUES (?,?,?,?,?,?,?,?)"));
    const auto* removed = get(s, "removed");
    ins->bind(1, uid).bind(2, *plan).bind(3, *model).bind(4, **unit).bind(5, *role);
    ins->bind(6, removed && removed->isBool() && removed->asBool() ? 1 : 0).bind(7, user).bind(8, nowIso(clock));
    return ins->run();
}

Status materializeTask(store::Database& db, const Clock& clock, const std::string& uid, const EntityState& s,
                       const std::string& user)
{
    static const std::vector<std::pair<const char*, const char*>> cols = {
        {"title", "title"},      {"responsible", "responsible"},
        {"start", "start_date"}, {"due", "due_date"},
        {"period", "period"},    {"status", "status"},
        {"percent", "percent"},  {"completed_on", "completed_on"}};
    DA06_TRY(row, taskRow(db, uid));
    if (!*row) {
        auto plan = str(s, "plan");
        auto model = integer(s, "model");
        auto title = str(s, "title");
        DA06_TRY(unit, unitRow(db, str(s, "unit")));
        if (!plan || !model || !title || !*unit) {
            return {};
        }
        const std::string now = nowIso(clock);
        DA06_TRY(
            ins,
            db.prepare(
                "INSERT INTO task (uid, plan_key, model_number, unit_id, title, search_text, created_at, created_by, "
                "updated_at) VALUES (?,?,?,?,?,'',?,?,?)"));
        ins->bind(1, uid)
            .bind(2, *plan)
            .bind(3, *model)
            .bind(4, **unit)
            .bind(5, *title)
            .bind(6, now)
            .bind(7, user)
            .bind(8, now);
        DA06_CHECK(ins->run());
    }
    DA06_CHECK(updateColumns(db, "task", "uid", uid, s, cols, {{"updated_at", nowIso(clock)}}));
    DA06_TRY(fix, db.prepare("UPDATE task SET search_text = ? WHERE uid = ?"));
    DA06_TRY(cur, db.prepare("SELECT title, responsible FROM task WHERE uid = ?"));
    cur->bind(1, uid);
    DA06_TRY(r, cur->step());
    if (*r) {
        fix->bind(1, text::fold(cur->columnText(0) + " " + cur->columnText(1))).bind(2, uid);
        DA06_CHECK(fix->run());
    }
    return {};
}

Status materializeIndicator(store::Database& db, const Clock& clock, const std::string& uid, const EntityState& s)
{
    DA06_TRY(exists, rowId(db, "SELECT rowid FROM task_indicator WHERE uid = ?", uid));
    if (!*exists) {
        DA06_TRY(task, taskRow(db, str(s, "task")));
        auto name = str(s, "name");
        if (!*task || !name) {
            return {};
        }
        DA06_TRY(pos, db.prepare("SELECT COUNT(*) FROM task_indicator WHERE task_id = ?"));
        pos->bind(1, **task);
        DA06_TRY(prow, pos->step());
        const std::int64_t position = *prow ? pos->columnInt(0) : 0;
        DA06_TRY(ins,
                 db.prepare("INSERT INTO task_indicator (uid, task_id, name, unit_of_measure, position, updated_at) "
                            "VALUES (?,?,?,'',?,?)"));
        ins->bind(1, uid).bind(2, **task).bind(3, *name).bind(4, position).bind(5, nowIso(clock));
        DA06_CHECK(ins->run());
    }
    return updateColumns(db, "task_indicator", "uid", uid, s,
                         {{"unit_of_measure", "unit_of_measure"}, {"target", "target"}, {"actual", "actual"}},
                         {{"updated_at", nowIso(clock)}});
}

Status materializeNote(store::Database& db, const std::string& uid, const EntityState& s)
{
    DA06_TRY(exists, rowId(db, "SELECT rowid FROM task_note WHERE uid = ?", uid));
    if (*exists) {
        return {};
    }
    DA06_TRY(task, taskRow(db, str(s, "task")));
    auto at = str(s, "at");
    auto user = str(s, "user");
    auto text = str(s, "text");
    if (!*task || !at || !user || !text) {
        return {};
    }
    DA06_TRY(ins, db.prepare("INSERT INTO task_note (uid, task_id, at, user, text) VALUES (?,?,?,?,?)"));
    ins->bind(1, uid).bind(2, **task).bind(3, *at).bind(4, *user).bind(5, *text);
    return ins->run();
}

Status materializeEvidence(store::Database& db, const Clock& clock, const std::string& uid, const EntityState& s,
                           const std::string& user)
{
    DA06_TRY(exists, rowId(db, "SELECT rowid FROM task_evidence WHERE uid = ?", uid));
    if (*exists) {
        return {};
    }
    DA06_TRY(task, taskRow(db, str(s, "task")));
    auto name = str(s, "file_name");
    auto type = str(s, "media_type");
    auto sha = str(s, "sha256");
    auto size = integer(s, "size");
    if (!*task || !name || !type || !sha || !size) {
        return {};
    }
    // The record names the file by its hash; its bytes are not part of protocol version 1, so
    // the row holds an empty blob until they arrive.
    DA06_TRY(ins,
             db.prepare("INSERT INTO task_evidence (uid, task_id, file_name, media_type, size, sha256, data, added_at, "
                        "added_by) VALUES (?,?,?,?,?,?,zeroblob(0),?,?)"));
    ins->bind(1, uid).bind(2, **task).bind(3, *name).bind(4, *type).bind(5, *size).bind(6, *sha).bind(7, nowIso(clock));
    ins->bind(8, user);
    return ins->run();
}

Status materializeReport(store::Database& db, const Clock& clock, const std::string& uid, const EntityState& s,
                         const std::string& user)
{
    DA06_TRY(exists, rowId(db, "SELECT rowid FROM report WHERE uid = ?", uid));
    const std::string now = nowIso(clock);
    if (!*exists) {
        auto plan = str(s, "plan");
        auto period = str(s, "period");
        DA06_TRY(unit, unitRow(db, str(s, "unit")));
        if (!plan || !period || !*unit) {
            return {};
        }
        DA06_TRY(
            ins,
            db.prepare(
                "INSERT OR IGNORE INTO report (uid, plan_key, unit_id, period, created_at, updated_at, updated_by) "
                "VALUES (?,?,?,?,?,?,?)"));
        ins->bind(1, uid).bind(2, *plan).bind(3, **unit).bind(4, *period).bind(5, now).bind(6, now).bind(7, user);
        DA06_CHECK(ins->run());
    }
    std::vector<std::pair<std::string, json::Value>> extra{{"updated_at", now}, {"updated_by", user}};
    if (const auto* n = get(s, "narrative"); n && n->isObject()) {
        for (const char* k : {"results", "difficulties", "proposals", "next_plan"}) {
            if (const auto* v = n->find(k); v && v->isString()) {
                extra.emplace_back(k, *v);
            }
        }
    }
    if (const auto* f = get(s, "figures"); f && !f->isNull()) {
        extra.emplace_back("figures", f->dump());
    }
    return updateColumns(db, "report", "uid", uid, s,
                         {{"status", "status"},
                          {"doc_number", "doc_number"},
                          {"signer", "signer"},
                          {"first_submitted_at", "first_submitted_at"},
                          {"submitted_at", "submitted_at"},
                          {"submitted_by", "submitted_by"},
                          {"reviewed_at", "reviewed_at"},
                          {"reviewed_by", "reviewed_by"},
                          {"review_comment", "review_comment"}},
                         extra);
}

Status materializeReportRule(store::Database& db, const std::string& planKey, const EntityState& s)
{
    return updateColumns(db, "plan", "plan_key", planKey, s,
                         {{"due_day", "due_day"}, {"cutoff_day", "cutoff_day"}, {"lock_days", "report_lock_days"}});
}

Status materializeCompilation(store::Database& db, const Clock& clock, const std::string& uid, const EntityState& s,
                              const std::string& user)
{
    auto narrative = str(s, "narrative");
    if (narrative && narrative->empty()) {
        DA06_TRY(del, db.prepare("DELETE FROM report_compilation WHERE uid = ?"));
        del->bind(1, uid);
        return del->run();
    }
    DA06_TRY(exists, rowId(db, "SELECT rowid FROM report_compilation WHERE uid = ?", uid));
    const std::string now = nowIso(clock);
    if (*exists) {
        return updateColumns(db, "report_compilation", "uid", uid, s, {{"narrative", "narrative"}},
                             {{"updated_at", now}, {"updated_by", user}});
    }
    auto plan = str(s, "plan");
    auto period = str(s, "period");
    DA06_TRY(unit, unitRow(db, str(s, "unit")));
    if (!plan || !period || !*unit || !narrative) {
        return {};
    }
    DA06_TRY(
        ins,
        db.prepare("INSERT OR REPLACE INTO report_compilation (uid, plan_key, unit_id, period, narrative, updated_at, "
                   "updated_by) VALUES (?,?,?,?,?,?,?)"));
    ins->bind(1, uid).bind(2, *plan).bind(3, **unit).bind(4, *period).bind(5, *narrative).bind(6, now).bind(7, user);
    return ins->run();
}

Status applyReopen(store::Database& db, const work::ChangeRecord& r)
{
    EntityState s;
    for (const auto& [k, v] : r.fields) {
        s[k] = FieldValue{v, r.hlc, r.device, r.user, r.changeId};
    }
    auto plan = str(s, "plan");
    auto period = str(s, "period");
    if (!plan || !period) {
        return {};
    }
    DA06_TRY(unit, unitRow(db, str(s, "unit")));
    DA06_TRY(ins,
             db.prepare(
                 "INSERT INTO report_reopen (plan_key, period, unit_id, reopened_by, reopened_at) VALUES (?,?,?,?,?)"));
    ins->bind(1, *plan).bind(2, *period);
    if (*unit)
        ins->bind(3, **unit);
    else
        ins->bindNull(3);
    ins->bind(4, r.user);
    // reopened_at: the wall time of the change, as ISO 8601.
    const auto tp = std::chrono::system_clock::time_point(std::chrono::milliseconds(r.hlc.wall));
    FixedClock at(std::chrono::time_point_cast<std::chrono::system_clock::duration>(tp));
    ins->bind(5, at.nowIso8601());
    return ins->run();
}

int entityRank(const std::string& e)
{
    static const char* order[] = {"unit",          "assignment",  "task",   "task_indicator",    "task_note",
                                  "task_evidence", "report_rule", "report", "report_compilation"};
    for (int i = 0; i < 9; ++i) {
        if (e == order[i]) {
            return i;
        }
    }
    return 100;
}

// Writes a merged state into the desk's tables.
Status materializeState(store::Database& db, const Clock& clock, const std::string& entity, const std::string& entityId,
                        const EntityState& state)
{
    std::string user = "sync";
    for (const auto& [k, fv] : state) {
        user = fv.user;
        break;
    }
    if (entity == "unit")
        return materializeUnit(db, clock, entityId, state);
    if (entity == "assignment")
        return materializeAssignment(db, clock, entityId, state, user);
    if (entity == "task")
        return materializeTask(db, clock, entityId, state, user);
    if (entity == "task_indicator")
        return materializeIndicator(db, clock, entityId, state);
    if (entity == "task_note")
        return materializeNote(db, entityId, state);
    if (entity == "task_evidence")
        return materializeEvidence(db, clock, entityId, state, user);
    if (entity == "report")
        return materializeReport(db, clock, entityId, state, user);
    if (entity == "report_rule")
        return materializeReportRule(db, entityId, state);
    if (entity == "report_compilation")
        return materializeCompilation(db, clock, entityId, state, user);
    return {}; // check_count and others: kept in change_log only
}

} // namespace

// Writes the merged state of one entity into the desk's tables.
Status materializeEntity(store::Database& db, const Clock& clock, const std::string& entity,
                         const std::string& entityId)
{
    DA06_TRY(state, foldEntity(db, entity, entityId));
    return materializeState(db, clock, entity, entityId, *state);
}

Result<ApplySummary> applyRemoteChanges(store::Database& db, const Clock& clock,
                                        const std::vector<IncomingChange>& changes,
                                        std::optional<std::int64_t> newCursor)
{
    ApplySummary summary;
    DA06_TRY(exists, db.prepare("SELECT 1 FROM change_log WHERE change_id = ?"));
    auto known = [&](const std::string& id) -> Result<bool> {
        exists->reset();
        exists->bind(1, id);
        DA06_TRY(row, exists->step());
        return *row;
    };
    // Plan documents first, through the plan repository (its own transaction): the hub owns them.
    for (const auto& c : changes) {
        if (c.record.entity != "plan") {
            continue;
        }
        DA06_TRY(seen, known(c.record.changeId));
        if (*seen) {
            continue;
        }
        const json::Value* doc = nullptr;
        for (const auto& [k, v] : c.record.fields) {
            if (k == "document") {
                doc = &v;
            }
        }
        if (!doc) {
            continue;
        }
        DA06_TRY(plan, plan::loadPlanText(doc->isString() ? doc->asString() : doc->dump()));
        access::Actor hub{"hub", access::Role::Admin, "hub"};
        plan::PlanRepository repo(db, clock);
        DA06_TRY(imported, repo.importPlan(*plan, hub));
        (void)imported;
        ++summary.plans;
    }
    exists->reset();

    store::Transaction tx(db);
    DA06_CHECK(tx.begin());
    DA06_TRY(last, work::lastHlc(db));
    work::HlcTimestamp clockState = *last;
    DA06_TRY(ins,
             db.prepare("INSERT INTO change_log (change_id, entity, entity_id, op, fields, hlc, device, user, origin, "
                        "sync_state, recorded_at) VALUES (?,?,?,?,?,?,?,?,'remote','applied',?)"));
    DA06_TRY(conflict,
             db.prepare("INSERT OR IGNORE INTO sync_conflict (entity, entity_id, field, losing_value, losing_hlc, "
                        "losing_device, losing_user, losing_change, winning_value, winning_hlc, winning_device, "
                        "recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
    std::map<std::pair<std::string, std::string>, EntityState> states;
    std::vector<std::pair<std::string, std::string>> dirty;
    std::set<std::pair<std::string, std::string>> dirtySet;
    const std::string now = clock.nowIso8601();
    for (const auto& c : changes) {
        const auto& r = c.record;
        DA06_TRY(seen, known(r.changeId));
        if (*seen) {
            ++summary.duplicates;
            continue;
        }
        const auto key = std::make_pair(r.entity, r.entityId);
        auto sit = states.find(key);
        if (sit == states.end()) {
            DA06_TRY(folded, foldEntity(db, r.entity, r.entityId));
            sit = states.emplace(key, std::move(*folded)).first;
        }
        EntityState& state = sit->second;
        json::Value fieldsJson = json::Object{};
        for (const auto& [k, v] : r.fields) {
            fieldsJson.set(k, v);
            FieldValue inc{v, r.hlc, r.device, r.user, r.changeId};
            auto it = state.find(k);
            if (it == state.end()) {
                state.emplace(k, std::move(inc));
                continue;
            }
            FieldValue& cur = it->second;
            const bool wins = incomingWins(r.entity, cur.hlc, cur.device, inc.hlc, inc.device);
            const bool differ = cur.value.dump() != inc.value.dump();
            if (differ && cur.device != inc.device && !isAppendOnly(r.entity) && r.entity != "plan") {
                const FieldValue& loser = wins ? cur : inc;
                const FieldValue& winner = wins ? inc : cur;
                conflict->reset();
                conflict->bind(1, r.entity).bind(2, r.entityId).bind(3, k).bind(4, loser.value.dump());
                conflict->bind(5, loser.hlc.toString())
                    .bind(6, loser.device)
                    .bind(7, loser.user)
                    .bind(8, loser.changeId);
                conflict->bind(9, winner.value.dump())
                    .bind(10, winner.hlc.toString())
                    .bind(11, winner.device)
                    .bind(12, now);
                DA06_CHECK(conflict->run());
                summary.conflicts += db.changes();
            }
            if (wins) {
                cur = std::move(inc);
            }
        }
        ins->reset();
        ins->bind(1, r.changeId).bind(2, r.entity).bind(3, r.entityId).bind(4, work::changeOpName(r.op));
        ins->bind(5, fieldsJson.dump()).bind(6, r.hlc.toString()).bind(7, r.device).bind(8, r.user).bind(9, now);
        DA06_CHECK(ins->run());
        ++summary.applied;
        const auto millis =
            std::chrono::duration_cast<std::chrono::milliseconds>(clock.now().time_since_epoch()).count();
        clockState = work::hlcReceive(clockState, r.hlc, static_cast<std::int64_t>(millis));
        if (r.entity == "report_reopen") {
            DA06_CHECK(applyReopen(db, r));
        } else if (r.entity != "plan" && dirtySet.insert(key).second) {
            dirty.push_back(key);
        }
    }
    std::stable_sort(dirty.begin(), dirty.end(),
                     [](const auto& a, const auto& b) { return entityRank(a.first) < entityRank(b.first); });
    for (const auto& [entity, id] : dirty) {
        DA06_CHECK(materializeState(db, clock, entity, id, states.at({entity, id})));
    }
    DA06_TRY(up, db.prepare("UPDATE hlc_state SET wall = ?, counter = ? WHERE id = 1"));
    up->bind(1, clockState.wall).bind(2, static_cast<std::int64_t>(clockState.counter));
    DA06_CHECK(up->run());
    if (newCursor) {
        DA06_TRY(cur, db.prepare("UPDATE sync_status SET cursor = ? WHERE id = 1"));
        cur->bind(1, *newCursor);
        DA06_CHECK(cur->run());
    }
    DA06_CHECK(tx.commit());
    return summary;
}

Result<work::ChangeRecord> SyncStore::resolveConflict(const access::Actor& actor, std::int64_t id)
{
    DA06_TRY(
        st, m_db.prepare("SELECT entity, entity_id, field, losing_value, resolved_at FROM sync_conflict WHERE id = ?"));
    st->bind(1, id);
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound, "there is no conflict " + std::to_string(id) + " (see `da06 sync conflicts`)");
    }
    const std::string entity = st->columnText(0);
    const std::string entityId = st->columnText(1);
    const std::string field = st->columnText(2);
    auto value = json::parse(st->columnText(3));
    if (!value) {
        return fail(ErrorCode::StoreDamaged, "conflict " + std::to_string(id) + " has a damaged value");
    }
    if (st->columnOptText(4)) {
        return fail(ErrorCode::Usage, "conflict " + std::to_string(id) + " was already re-applied");
    }
    const access::Permission need = entity == "assignment"         ? access::Permission::EditAssignments
                                    : entity == "unit"             ? access::Permission::ImportPlan
                                    : entity.starts_with("report") ? access::Permission::CompileReports
                                                                   : access::Permission::EditProgress;
    DA06_CHECK(access::require(actor, need, "re-apply a value that lost a synchronization conflict"));
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(rec,
             work::recordChange(m_db, m_clock, actor, entity, entityId, work::ChangeOp::Update, {{field, *value}}));
    DA06_CHECK(materializeEntity(m_db, m_clock, entity, entityId));
    DA06_TRY(mark, m_db.prepare("UPDATE sync_conflict SET resolved_at = ?, resolved_by = ? WHERE id = ?"));
    mark->bind(1, m_clock.nowIso8601()).bind(2, actor.user).bind(3, id);
    DA06_CHECK(mark->run());
    DA06_CHECK(audit::append(m_db, m_clock, actor, "sync.resolve", entity + ":" + entityId));
    DA06_CHECK(tx.commit());
    return *rec;
}

} // namespace da06::sync
