#include "domain/work/ChangeLog.h"

#include <algorithm>
#include <chrono>

#include "domain/work/Ids.h"

namespace da06::work {

Result<HlcTimestamp> lastHlc(store::Database& db)
{
    DA06_TRY(st, db.prepare("SELECT wall, counter, node FROM hlc_state WHERE id = 1"));
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::StoreDamaged,
                    "the store has no clock state for the change log (restore it from a backup)");
    }
    HlcTimestamp t;
    t.wall = st->columnInt(0);
    t.counter = static_cast<std::uint32_t>(st->columnInt(1));
    t.node = st->columnText(2);
    return t;
}

Result<ChangeRecord> recordChange(store::Database& db, const Clock& clock, const access::Actor& actor,
                                  std::string entity, std::string entityId, ChangeOp op, ChangeFields fields)
{
    DA06_TRY(last, lastHlc(db));
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(clock.now().time_since_epoch()).count();
    ChangeRecord r;
    r.changeId = randomId();
    r.entity = std::move(entity);
    r.entityId = std::move(entityId);
    r.op = op;
    r.fields = std::move(fields);
    r.hlc = hlcTick(*last, static_cast<std::int64_t>(millis));
    r.device = actor.device.empty() ? r.hlc.node : actor.device;
    r.user = actor.user;

    DA06_TRY(up, db.prepare("UPDATE hlc_state SET wall = ?, counter = ? WHERE id = 1"));
    up->bind(1, static_cast<std::int64_t>(r.hlc.wall)).bind(2, static_cast<std::int64_t>(r.hlc.counter));
    DA06_CHECK(up->run());

    json::Value fieldsJson = json::Object{};
    for (const auto& [k, v] : r.fields) {
        fieldsJson.set(k, v);
    }
    DA06_TRY(ins,
             db.prepare("INSERT INTO change_log (change_id, entity, entity_id, op, fields, hlc, device, user, origin, "
                        "sync_state, recorded_at) VALUES (?,?,?,?,?,?,?,?,'local','pending',?)"));
    ins->bind(1, r.changeId).bind(2, r.entity).bind(3, r.entityId).bind(4, changeOpName(op)).bind(5, fieldsJson.dump());
    ins->bind(6, r.hlc.toString()).bind(7, r.device).bind(8, r.user).bind(9, clock.nowIso8601());
    DA06_CHECK(ins->run());
    return r;
}

Result<std::vector<ChangeRecord>> listChanges(store::Database& db, const access::Actor& actor,
                                              const ChangeFilter& filter)
{
    DA06_CHECK(access::require(actor, access::Permission::ReadPlan, "read the change log"));
    std::string sql =
        "SELECT change_id, entity, entity_id, op, fields, hlc, device, user, sync_state, seq FROM change_log WHERE 1";
    if (filter.entity) {
        sql += " AND entity = ?";
    }
    if (filter.entityId) {
        sql += " AND entity_id = ?";
    }
    if (filter.pendingOnly) {
        sql += " AND sync_state = 'pending'";
    }
    sql += " ORDER BY seq DESC";
    if (filter.limit > 0) {
        sql += " LIMIT " + std::to_string(filter.limit);
    }
    DA06_TRY(st, db.prepare(sql));
    int idx = 1;
    if (filter.entity) {
        st->bind(idx++, *filter.entity);
    }
    if (filter.entityId) {
        st->bind(idx++, *filter.entityId);
    }
    std::vector<ChangeRecord> out;
    while (true) {
        DA06_TRY(row, st->step());
        if (!*row) {
            break;
        }
        json::Value v;
        v.set("change_id", st->columnText(0));
        v.set("entity", st->columnText(1));
        v.set("entity_id", st->columnText(2));
        v.set("op", st->columnText(3));
        auto fields = json::parse(st->columnText(4));
        if (!fields) {
            return fail(ErrorCode::StoreDamaged,
                        "change record " + std::to_string(st->columnInt(9)) + " has damaged fields");
        }
        v.set("fields", *fields);
        v.set("hlc", st->columnText(5));
        v.set("device", st->columnText(6));
        v.set("user", st->columnText(7));
        v.set("sync_state", st->columnText(8));
        DA06_TRY(rec, changeRecordFromJson(v));
        out.push_back(std::move(*rec));
    }
    std::reverse(out.begin(), out.end());
    return out;
}

} // namespace da06::work
