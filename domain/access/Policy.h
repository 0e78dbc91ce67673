#pragma once
// Desk policies set by an admin, kept in the store: the idle time after which the desktop locks.
#include "domain/access/Accounts.h"

namespace da06::access {

inline constexpr int kDefaultIdleLockMinutes = 10;

struct Policy {
    int idleLockMinutes = kDefaultIdleLockMinutes; // 1..240
};

Result<Policy> readPolicy(store::Database& db);
// Needs Permission::ManageUsers; audited.
Status writePolicy(Session& session, const Policy& policy, const Clock& clock);

} // namespace da06::access
