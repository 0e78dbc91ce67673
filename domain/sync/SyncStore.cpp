#include "domain/sync/SyncStore.h"

#include <chrono>
#include <set>

#include "domain/audit/AuditLog.h"
#include "domain/store/Settings.h"
#include "domain/work/ChangeLog.h"
#include "sync/protocol/Merge.h"

namespace da06::sync {

namespace {

json::Value parseOr(const std::string& text)
{
    auto v = json::parse(text);
    return v ? *v : json::Value(text);
}

} // namespace

bool mayLeaveDesk(std::string_view entity, std::string_view checkDetailsPolicy)
{
    static constexpr std::string_view kAlways[] = {
        "unit",        "assignment",         "task",          "task_indicator", "task_note", "task_evidence", "report",
        "report_rule", "report_compilation", "report_reopen", "check_count"};
    for (auto e : kAlways) {
        if (entity == e) {
            return true;
        }
    }
    const bool checkDetail = entity.starts_with("check") || entity.starts_with("identity");
    return checkDetail && checkDetailsPolicy == kCheckDetailsFull;
}

bool isAppendOnly(std::string_view entity)
{
    return protocol::isAppendOnly(entity);
}

bool incomingWins(std::string_view /*entity*/, const work::HlcTimestamp& currentHlc, std::string_view currentDevice,
                  const work::HlcTimestamp& incomingHlc, std::string_view incomingDevice)
{
    // The one rule shared with the hub (sync/protocol/Merge.h).
    return protocol::remoteWins({currentHlc, std::string(currentDevice)}, {incomingHlc, std::string(incomingDevice)});
}

Result<std::optional<std::set<std::string>>> SyncStore::unitsInScope()
{
    // The enrolled unit and every unit below it (by the desk's own unit tree): the only unit
    // records the hub accepts from this desk (PROTOCOL.md "Push"). nullopt before enrollment.
    DA06_TRY(st, m_db.prepare(
                     "WITH RECURSIVE below(id) AS (SELECT u.id FROM unit u JOIN sync_enrollment e ON e.unit = u.code "
                     "UNION SELECT c.id FROM unit c JOIN below b ON c.parent_id = b.id) "
                     "SELECT u.code FROM unit u JOIN below b ON b.id = u.id"));
    DA06_TRY(enrolled, m_db.queryInt("SELECT COUNT(*) FROM sync_enrollment"));
    if (*enrolled == 0) {
        return std::optional<std::set<std::string>>();
    }
    std::set<std::string> out;
    while (true) {
        DA06_TRY(row, st->step());
        if (!*row) {
            break;
        }
        out.insert(st->columnText(0));
    }
    return std::optional<std::set<std::string>>(std::move(out));
}

Result<std::optional<Enrollment>> SyncStore::enrollment()
{
    DA06_TRY(st,
             m_db.prepare(
                 "SELECT server_url, device_id, unit, hub_id, device_name, pin, ca_file, clock_offset_ms, enrolled_at "
                 "FROM sync_enrollment WHERE id = 1"));
    DA06_TRY(row, st->step());
    if (!*row) {
        return std::optional<Enrollment>();
    }
    Enrollment e;
    e.serverUrl = st->columnText(0);
    e.deviceId = st->columnText(1);
    e.unit = st->columnText(2);
    e.hubId = st->columnText(3);
    e.deviceName = st->columnText(4);
    e.pin = st->columnOptText(5);
    e.caFile = st->columnOptText(6);
    e.clockOffsetMs = st->columnInt(7);
    e.enrolledAt = st->columnText(8);
    return std::optional<Enrollment>(std::move(e));
}

Status SyncStore::saveEnrollment(const access::Actor& actor, const Enrollment& e, std::string_view deviceSecretBase64)
{
    DA06_CHECK(access::require(actor, access::Permission::ManageUsers, "enroll this desk with a hub"));
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_CHECK(m_db.exec("DELETE FROM sync_enrollment"));
    DA06_TRY(ins,
             m_db.prepare(
                 "INSERT INTO sync_enrollment (id, server_url, device_id, device_secret, unit, hub_id, device_name, "
                 "pin, ca_file, clock_offset_ms, enrolled_at, enrolled_by) VALUES (1,?,?,?,?,?,?,?,?,?,?,?)"));
    ins->bind(1, e.serverUrl).bind(2, e.deviceId).bind(3, deviceSecretBase64).bind(4, e.unit).bind(5, e.hubId);
    ins->bind(6, e.deviceName).bind(7, e.pin).bind(8, e.caFile).bind(9, e.clockOffsetMs).bind(10, m_clock.nowIso8601());
    ins->bind(11, actor.user);
    DA06_CHECK(ins->run());
    DA06_CHECK(
        m_db.exec("UPDATE sync_status SET cursor = 0, last_error = NULL, last_error_code = NULL, next_attempt = NULL, "
                  "failures = 0 WHERE id = 1"));
    DA06_CHECK(m_db.exec("UPDATE change_log SET sync_state = 'pending', reject_reason = NULL, reject_message = NULL "
                         "WHERE origin = 'local'"));
    DA06_CHECK(audit::append(m_db, m_clock, actor, "sync.enroll", "hub:" + e.hubId));
    return tx.commit();
}

Result<store::SecretBuffer> SyncStore::deviceSecret()
{
    DA06_TRY(st, m_db.prepare("SELECT device_secret FROM sync_enrollment WHERE id = 1"));
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound,
                    "this desk is not enrolled with a hub (run `da06 enroll --server URL --code CODE`)");
    }
    std::string text = st->columnText(0);
    store::SecretBuffer out(text);
    store::wipe(text.data(), text.size());
    return out;
}

Status SyncStore::setClockOffset(std::int64_t offsetMs)
{
    DA06_TRY(st, m_db.prepare("UPDATE sync_enrollment SET clock_offset_ms = ? WHERE id = 1"));
    st->bind(1, offsetMs);
    return st->run();
}

Result<SyncStatus> SyncStore::status()
{
    SyncStatus s;
    DA06_TRY(st, m_db.prepare(
                     "SELECT cursor, last_attempt, last_success, last_error, last_error_code, next_attempt, failures, "
                     "pushed_total, pulled_total FROM sync_status WHERE id = 1"));
    DA06_TRY(row, st->step());
    if (*row) {
        s.cursor = st->columnInt(0);
        s.lastAttempt = st->columnOptText(1);
        s.lastSuccess = st->columnOptText(2);
        s.lastError = st->columnOptText(3);
        s.lastErrorCode = st->columnOptText(4);
        s.nextAttempt = st->columnOptText(5);
        s.failures = static_cast<int>(st->columnInt(6));
        s.pushedTotal = st->columnInt(7);
        s.pulledTotal = st->columnInt(8);
    }
    DA06_TRY(policy, checkDetailsPolicy());
    DA06_TRY(scope, unitsInScope());
    // Unit records are counted one by one (their unit decides whether they leave the desk).
    DA06_TRY(counts,
             m_db.prepare("SELECT entity, sync_state, COUNT(*), CASE WHEN entity = 'unit' THEN entity_id END AS unit "
                          "FROM change_log WHERE origin = 'local' GROUP BY entity, sync_state, unit"));
    while (true) {
        DA06_TRY(r, counts->step());
        if (!*r) {
            break;
        }
        const std::string entity = counts->columnText(0);
        const std::string state = counts->columnText(1);
        const std::int64_t n = counts->columnInt(2);
        const bool outOfScope = entity == "unit" && *scope && !(*scope)->contains(counts->columnText(3));
        if ((outOfScope || !mayLeaveDesk(entity, *policy)) && state != "acked" && state != "rejected") {
            s.outbox.held += n;
        } else if (state == "pending") {
            s.outbox.pending += n;
        } else if (state == "sent") {
            s.outbox.sent += n;
        } else if (state == "acked") {
            s.outbox.acked += n;
        } else if (state == "rejected") {
            s.outbox.rejected += n;
        }
    }
    DA06_TRY(c, m_db.queryInt("SELECT COUNT(*) FROM sync_conflict WHERE resolved_at IS NULL"));
    s.openConflicts = *c;
    DA06_TRY(rr, m_db.queryInt("SELECT COUNT(*) FROM change_log WHERE origin = 'remote'"));
    s.remoteRecords = *rr;
    return s;
}

Status SyncStore::setCursor(std::int64_t cursor)
{
    DA06_TRY(st, m_db.prepare("UPDATE sync_status SET cursor = ? WHERE id = 1"));
    st->bind(1, cursor);
    return st->run();
}

Status SyncStore::recordAttempt()
{
    DA06_TRY(st, m_db.prepare("UPDATE sync_status SET last_attempt = ? WHERE id = 1"));
    st->bind(1, m_clock.nowIso8601());
    return st->run();
}

Status SyncStore::recordSuccess(std::int64_t pushed, std::int64_t pulled)
{
    DA06_TRY(st, m_db.prepare("UPDATE sync_status SET last_success = ?, last_error = NULL, last_error_code = NULL, "
                              "next_attempt = NULL, failures = 0, pushed_total = pushed_total + ?, "
                              "pulled_total = pulled_total + ? WHERE id = 1"));
    st->bind(1, m_clock.nowIso8601()).bind(2, pushed).bind(3, pulled);
    return st->run();
}

Status SyncStore::recordFailure(const Error& e, const std::optional<std::string>& nextAttemptIso)
{
    DA06_TRY(st, m_db.prepare("UPDATE sync_status SET last_error = ?, last_error_code = ?, next_attempt = ?, "
                              "failures = failures + 1 WHERE id = 1"));
    st->bind(1, e.message).bind(2, errorCodeName(e.code)).bind(3, nextAttemptIso);
    return st->run();
}

Status SyncStore::setNextAttempt(const std::optional<std::string>& nextAttemptIso)
{
    DA06_TRY(st, m_db.prepare("UPDATE sync_status SET next_attempt = ? WHERE id = 1"));
    st->bind(1, nextAttemptIso);
    return st->run();
}

Result<std::string> SyncStore::unitOf(const work::ChangeRecord& r)
{
    auto field = [&](const char* name) -> std::optional<std::string> {
        for (const auto& [k, v] : r.fields) {
            if (k == name && v.isString()) {
                return v.asString();
            }
        }
        return std::nullopt;
    };
    auto lookup = [&](const char* sql, const std::string& key) -> Result<std::optional<std::string>> {
        DA06_TRY(st, m_db.prepare(sql));
        st->bind(1, key);
        DA06_TRY(row, st->step());
        if (*row) {
            return std::optional<std::string>(st->columnText(0));
        }
        return std::optional<std::string>();
    };
    const std::string& e = r.entity;
    if (e == "unit") {
        return r.entityId;
    }
    std::optional<std::string> unit;
    if (e == "task" || e == "assignment" || e == "report" || e == "report_compilation" || e == "report_reopen" ||
        e == "check_count") {
        unit = field("unit");
    }
    if (!unit && e == "task") {
        DA06_TRY(u, lookup("SELECT u.code FROM task t JOIN unit u ON u.id = t.unit_id WHERE t.uid = ?", r.entityId));
        unit = *u;
    }
    if (!unit && e == "assignment") {
        DA06_TRY(u,
                 lookup("SELECT u.code FROM assignment a JOIN unit u ON u.id = a.unit_id WHERE a.uid = ?", r.entityId));
        unit = *u;
    }
    if (!unit && e == "report") {
        DA06_TRY(u, lookup("SELECT u.code FROM report r JOIN unit u ON u.id = r.unit_id WHERE r.uid = ?", r.entityId));
        unit = *u;
    }
    if (!unit && (e == "task_indicator" || e == "task_note" || e == "task_evidence")) {
        std::optional<std::string> task = field("task");
        if (!task) {
            const std::string table = e; // one of the three names above
            DA06_TRY(
                t, lookup(("SELECT t.uid FROM " + table + " x JOIN task t ON t.id = x.task_id WHERE x.uid = ?").c_str(),
                          r.entityId));
            task = *t;
        }
        if (task) {
            DA06_TRY(u, lookup("SELECT u.code FROM task t JOIN unit u ON u.id = t.unit_id WHERE t.uid = ?", *task));
            unit = *u;
        }
    }
    if (!unit) {
        // Plan-wide records (report_rule, a reopening of every unit): the desk's own unit.
        DA06_TRY(u, store::Settings(m_db).get("desk_unit"));
        unit = *u;
    }
    if (!unit) {
        DA06_TRY(u, lookup("SELECT unit FROM sync_enrollment WHERE id = ?", "1"));
        unit = *u;
    }
    return unit.value_or("");
}

Result<std::vector<OutgoingChange>> SyncStore::outbox(int limit)
{
    DA06_TRY(policy, checkDetailsPolicy());
    DA06_TRY(scope, unitsInScope());
    DA06_TRY(st, m_db.prepare(
                     "SELECT change_id, entity, entity_id, op, fields, hlc, device, user, sync_state FROM change_log "
                     "WHERE origin = 'local' AND sync_state IN ('pending','sent') ORDER BY seq"));
    std::vector<OutgoingChange> out;
    while (static_cast<int>(out.size()) < limit) {
        DA06_TRY(row, st->step());
        if (!*row) {
            break;
        }
        const std::string entity = st->columnText(1);
        if (!mayLeaveDesk(entity, *policy)) {
            continue;
        }
        // Units outside the desk's unit stay here: the hub owns them and would refuse them.
        if (entity == "unit" && *scope && !(*scope)->contains(st->columnText(2))) {
            continue;
        }
        json::Value v;
        v.set("change_id", st->columnText(0));
        v.set("entity", entity);
        v.set("entity_id", st->columnText(2));
        v.set("op", st->columnText(3));
        auto fields = json::parse(st->columnText(4));
        if (!fields) {
            return fail(ErrorCode::StoreDamaged, "change record " + st->columnText(0) + " has damaged fields");
        }
        v.set("fields", *fields);
        v.set("hlc", st->columnText(5));
        v.set("device", st->columnText(6));
        v.set("user", st->columnText(7));
        v.set("sync_state", st->columnText(8));
        DA06_TRY(rec, work::changeRecordFromJson(v));
        OutgoingChange oc;
        oc.record = std::move(*rec);
        out.push_back(std::move(oc));
    }
    for (auto& oc : out) {
        DA06_TRY(u, unitOf(oc.record));
        oc.unit = *u;
    }
    return out;
}

Status SyncStore::markSent(const std::vector<std::string>& changeIds)
{
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(st,
             m_db.prepare("UPDATE change_log SET sync_state = 'sent' WHERE change_id = ? AND sync_state = 'pending'"));
    for (const auto& id : changeIds) {
        st->reset();
        st->bind(1, id);
        DA06_CHECK(st->run());
    }
    return tx.commit();
}

Status SyncStore::markOutcomes(const std::vector<PushOutcome>& outcomes)
{
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(ack,
             m_db.prepare("UPDATE change_log SET sync_state = 'acked', reject_reason = NULL, reject_message = NULL "
                          "WHERE change_id = ? AND origin = 'local'"));
    DA06_TRY(rej, m_db.prepare("UPDATE change_log SET sync_state = 'rejected', reject_reason = ?, reject_message = ? "
                               "WHERE change_id = ? AND origin = 'local'"));
    for (const auto& o : outcomes) {
        if (o.acked) {
            ack->reset();
            ack->bind(1, o.changeId);
            DA06_CHECK(ack->run());
        } else {
            rej->reset();
            rej->bind(1, o.reason).bind(2, o.message).bind(3, o.changeId);
            DA06_CHECK(rej->run());
        }
    }
    return tx.commit();
}

Result<std::vector<RejectedChange>> SyncStore::rejected()
{
    DA06_TRY(
        st, m_db.prepare("SELECT change_id, entity, entity_id, COALESCE(reject_reason,''), COALESCE(reject_message,'') "
                         "FROM change_log WHERE origin = 'local' AND sync_state = 'rejected' ORDER BY seq"));
    std::vector<RejectedChange> out;
    while (true) {
        DA06_TRY(row, st->step());
        if (!*row) {
            break;
        }
        out.push_back({st->columnText(0), st->columnText(1), st->columnText(2), st->columnText(3), st->columnText(4)});
    }
    return out;
}

Result<std::vector<Conflict>> SyncStore::conflicts(bool openOnly)
{
    std::string sql =
        "SELECT id, entity, entity_id, field, losing_value, losing_hlc, losing_device, losing_user, losing_change, "
        "winning_value, winning_hlc, winning_device, recorded_at, resolved_at, resolved_by FROM sync_conflict";
    if (openOnly) {
        sql += " WHERE resolved_at IS NULL";
    }
    sql += " ORDER BY id";
    DA06_TRY(st, m_db.prepare(sql));
    std::vector<Conflict> out;
    while (true) {
        DA06_TRY(row, st->step());
        if (!*row) {
            break;
        }
        Conflict c;
        c.id = st->columnInt(0);
        c.entity = st->columnText(1);
        c.entityId = st->columnText(2);
        c.field = st->columnText(3);
        c.losingValue = parseOr(st->columnText(4));
        c.losingHlc = st->columnText(5);
        c.losingDevice = st->columnText(6);
        c.losingUser = st->columnText(7);
        c.losingChange = st->columnText(8);
        c.winningValue = parseOr(st->columnText(9));
        c.winningHlc = st->columnText(10);
        c.winningDevice = st->columnText(11);
        c.recordedAt = st->columnText(12);
        c.resolvedAt = st->columnOptText(13);
        c.resolvedBy = st->columnOptText(14);
        out.push_back(std::move(c));
    }
    return out;
}

Result<std::string> SyncStore::checkDetailsPolicy()
{
    DA06_TRY(v, store::Settings(m_db).get(kCheckDetailsKey));
    return *v == kCheckDetailsFull ? std::string(kCheckDetailsFull) : std::string(kCheckDetailsCounts);
}

Status SyncStore::setCheckDetailsPolicy(const access::Actor& actor, const std::string& value)
{
    DA06_CHECK(
        access::require(actor, access::Permission::ManageUsers, "change what identity-check data is synchronized"));
    if (value != kCheckDetailsCounts && value != kCheckDetailsFull) {
        return fail(ErrorCode::Usage, "sync.check_details is \"counts\" or \"details\"");
    }
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_CHECK(store::Settings(m_db).set(kCheckDetailsKey, value));
    DA06_CHECK(audit::append(m_db, m_clock, actor, "policy.set", std::string("setting:") + kCheckDetailsKey));
    return tx.commit();
}

} // namespace da06::sync
