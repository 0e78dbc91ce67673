#pragma once
// The hub's state and rules on one SQL storage (SQLite or PostgreSQL): devices, enrollment codes,
// nonces, the changes with their global sequence, the merged value of every field, the units
// with their parents. Stateless between requests: several hubs may share one PostgreSQL.
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/core/Json.h"
#include "sync/hub/Sql.h"
#include "sync/protocol/Protocol.h"

namespace da06::hub {

namespace protocol = da06::sync::protocol;

struct Device {
    std::string id, unit, name, node;
    std::string secretBase64;
    std::int64_t enrolledAt = 0;
    std::optional<std::int64_t> revokedAt;
};

// The outcome of an enrollment: a response, or a refusal (PROTOCOL.md error code and status).
struct EnrollOutcome {
    protocol::EnrollResponse response;
    int httpStatus = 200;
    std::string error, message;
};

// What a device sees: its unit and the units below (all its data), and the units above (their
// unit records only).
struct Scope {
    std::set<std::string> down;                  // the unit and its descendants
    std::set<std::string> up;                    // the unit and its ancestors
    std::map<std::string, std::string> parentOf; // the whole tree, child → parent
};

class HubStore {
public:
    explicit HubStore(ConnectionPool& pool);

    // Creates or migrates the schema and the hub's id.
    Status migrate();
    Result<std::string> hubId();

    // Creates a one-time enrollment code for a unit; returns it (only its hash is kept).
    Result<std::string> createCode(const std::string& unit, int hours, std::int64_t now);
    Result<EnrollOutcome> enroll(const protocol::EnrollRequest& request, std::int64_t now);

    Result<std::optional<Device>> findDevice(const std::string& id);
    Result<std::vector<Device>> devices();
    Result<bool> revoke(const std::string& id, std::int64_t now); // false: no such device

    // Remembers a nonce of a device; false when it was seen already (a replay).
    Result<bool> rememberNonce(const std::string& deviceId, const std::string& nonce, std::int64_t now);

    // Stores a batch in one transaction (device null: the hub admin, who may write plan and units
    // anywhere). One result per change, in order.
    Result<std::vector<protocol::PushResult>> push(const Device* device, const std::vector<json::Value>& changes,
                                                   std::int64_t now);
    // Changes of the hub admin (device "hub"), stamped with the hub's clock: plan and unit imports.
    // Fields whose merged value is already the same are left out; a change left empty is skipped.
    struct AdminChange {
        std::string entity, entityId, unit;
        work::ChangeOp op = work::ChangeOp::Update;
        std::vector<std::pair<std::string, json::Value>> fields;
    };
    // Returns how many changes were stored (unchanged ones are skipped).
    Result<int> adminChanges(const std::vector<AdminChange>& changes, std::int64_t now);

    // Units named by the plan, for the scope rules (their records travel inside the plan): added to
    // the unit tree where it does not know them or their parent yet.
    Status addPlanUnits(const std::vector<std::pair<std::string, std::optional<std::string>>>& units);

    Result<protocol::PullResponse> pull(const Device& device, std::int64_t cursor, int limit, std::int64_t now);
    Result<std::int64_t> visibleCount(const Device& device);

    Result<Scope> scopeOf(const std::string& unit);
    Result<json::Value> state(); // {entity: {id: {field: value}}}
    Result<std::int64_t> changeCount();

private:
    // SQLite has one writer: serialize this process's writers instead of spinning on busy.
    std::unique_lock<std::mutex> writeLock(SqlConnection& c);
    std::string insertIgnore(SqlConnection& c, const std::string& rest) const;
    Result<Scope> scopeOn(SqlConnection& c, const std::string& unit);
    // (entity, entity id) → the unit it was last stored under.
    using EntityUnits = std::map<std::pair<std::string, std::string>, std::string>;
    Result<EntityUnits> entityUnits(SqlConnection& c, const std::set<std::pair<std::string, std::string>>& entities);
    // Stores changes (in a write transaction) and merges their fields; true for each change stored
    // now, false for one stored before (or earlier in the batch).
    // knownOwners: the units of the entities as read in this transaction (unchanged ones are not rewritten).
    Result<std::vector<bool>> storeMany(SqlConnection& c, const std::vector<const protocol::WireChange*>& batch,
                                        std::int64_t now, const EntityUnits* knownOwners);

    ConnectionPool& m_pool;
    std::mutex m_writeMutex;
    std::atomic<unsigned> m_nonceCalls{0};
    std::string m_hubId;
};

} // namespace da06::hub
