#pragma once
// The tamper-evident audit log: every change of data and every identity check appends an entry
// (time, user, action, object reference — never personal data) chained by SHA-256 to the entry
// before it, in the same transaction as the change. The head (last sequence number and hash) is
// kept beside the chain so that cutting entries off the end is detected too.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/core/Error.h"
#include "domain/store/Database.h"

namespace da06::audit {

struct Entry {
    std::int64_t seq = 0;
    std::string at; // ISO 8601 UTC
    std::string user;
    std::string action;   // "plan.import", "task.update", "user.add", …
    std::string object;   // a reference: "model:15", "task:42", "user:lan"
    std::string prevHash; // hex SHA-256 of the previous entry ("" for the first)
    std::string hash;     // hex SHA-256 of this entry
};

struct VerifyResult {
    bool ok = true;
    std::int64_t entries = 0;
    std::optional<std::int64_t> firstBadSeq; // the first entry that does not match
    std::string problem;                     // what does not match, in words
};

// Appends one entry. Call it inside the transaction of the change it records.
Status append(store::Database& db, const Clock& clock, const std::string& user, const std::string& action,
              const std::string& object);
inline Status append(store::Database& db, const Clock& clock, const access::Actor& actor, const std::string& action,
                     const std::string& object)
{
    return append(db, clock, actor.user, action, object);
}

// Walks the chain (needs Permission::ReadAudit).
Result<VerifyResult> verify(store::Database& db, const access::Actor& actor);
// Entries since a date (YYYY-MM-DD, inclusive), oldest first (needs Permission::ReadAudit).
Result<std::vector<Entry>> list(store::Database& db, const access::Actor& actor,
                                const std::optional<std::string>& since);

// The hash of an entry given its fields (exposed for tests).
std::string entryHash(const Entry& e);

} // namespace da06::audit
