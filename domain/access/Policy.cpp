#include "domain/access/Policy.h"

#include "domain/audit/AuditLog.h"
#include "domain/store/Settings.h"

namespace da06::access {

Result<Policy> readPolicy(store::Database& db)
{
    Policy p;
    DA06_TRY(v, store::Settings(db).getInt("policy.idle_lock_minutes"));
    if (*v && **v >= 1 && **v <= 240) {
        p.idleLockMinutes = static_cast<int>(**v);
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
    DA06_CHECK(store::Settings(db).set("policy.idle_lock_minutes", std::to_string(policy.idleLockMinutes)));
    DA06_CHECK(audit::append(db, clock, session.actor,
                             "policy.idle_lock_minutes:" + std::to_string(policy.idleLockMinutes), "policy"));
    return tx.commit();
}

} // namespace da06::access
