#pragma once
// Writing and reading the change log (see WorkSchema.cpp). record() is called by the work
// services inside the transaction of each change, next to audit::append().
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/store/Database.h"
#include "domain/work/ChangeRecord.h"

namespace da06::work {

using ChangeFields = std::vector<std::pair<std::string, json::Value>>;

// Advances the desk's hybrid logical clock (persisted in hlc_state) and writes one record with a
// new random change id. The device is the actor's device id, or the desk's node id before the
// desk is enrolled. Call it inside the transaction of the change.
Result<ChangeRecord> recordChange(store::Database& db, const Clock& clock, const access::Actor& actor,
                                  std::string entity, std::string entityId, ChangeOp op, ChangeFields fields);

struct ChangeFilter {
    std::optional<std::string> entity;
    std::optional<std::string> entityId;
    bool pendingOnly = false;
    int limit = 0; // 0: all; else the latest `limit`, still oldest first
};

// Needs Permission::ReadPlan. Oldest first.
Result<std::vector<ChangeRecord>> listChanges(store::Database& db, const access::Actor& actor,
                                              const ChangeFilter& filter);

// The desk's node id and the last timestamp it issued.
Result<HlcTimestamp> lastHlc(store::Database& db);

} // namespace da06::work
