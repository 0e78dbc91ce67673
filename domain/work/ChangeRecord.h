#pragma once
// One change of synchronized data (a unit, an assignment, a task and its indicators, notes and
// evidence), as written to the change log in the same transaction as the change, and as the
// later synchronization will push it: idempotent by changeId, merged field by field by hlc.
// Standard library only (with da06::core's JSON), so the sync protocol can share it.
#include <string>
#include <utility>
#include <vector>

#include "domain/core/Json.h"
#include "domain/work/Hlc.h"

namespace da06::work {

enum class ChangeOp { Insert, Update, Delete };
const char* changeOpName(ChangeOp op); // "insert", "update", "delete"

struct ChangeRecord {
    std::string changeId; // random 128-bit, 32 lower-case hex digits: globally unique
    std::string entity;   // "unit", "assignment", "task", "task_indicator", "task_note", "task_evidence"
    std::string entityId; // globally unique id of the entity (a unit's code, a task's uid, …)
    ChangeOp op = ChangeOp::Update;
    std::vector<std::pair<std::string, json::Value>> fields; // the changed fields and their new values
    HlcTimestamp hlc;
    std::string device;                // the desk that made the change
    std::string user;                  // who made it
    std::string syncState = "pending"; // pending → sent → acked (set by the sync); "remote" for applied ones
};

json::Value changeRecordToJson(const ChangeRecord& r);
Result<ChangeRecord> changeRecordFromJson(const json::Value& v);

} // namespace da06::work
