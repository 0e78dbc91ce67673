#include "access/Policy.h"

#include "audit/AuditLog.h"

namespace da06::access {

Result<Policy> readPolicy(store::Database& db)
{
    Policy p;
    DA06_TRY(st, db.prepare("SELECT value FROM setting WHERE key = 'policy.idle_lock_minutes'"));
    DA06_TRY(row, st->step());
    if (*row) {
        const int v = std::atoi(st->columnText(0).c_str());
        if (v >= 1 && v <= 240) {
            p.idleLockMinutes = v;
        }
    }
    return p;
}

Status writePolicy(Session& session, const Policy& policy, const Clock& clock)
{
    DA06_CHECK(require(session.actor, Permission::ManageUsers, "change the desk's policy"));
    if (policy.idleLockMinutes < 1 || policy.idleLockMinutes > 240) {
        return fail(ErrorCode::Usage, "the idle lock time is between 1 and 240 minutes");
    }
    auto& db = session.store.db();
    store::Transaction tx(db);
    DA06_CHECK(tx.begin());
    DA06_TRY(st, db.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES ('policy.idle_lock_minutes', ?)"));
    st->bind(1, std::to_string(policy.idleLockMinutes));
    DA06_CHECK(st->run());
    DA06_CHECK(audit::append(db, clock, session.actor, "policy.idle_lock_minutes:" + std::to_string(policy.idleLockMinutes),
                             "policy"));
    return tx.commit();
}

} // namespace da06::access
