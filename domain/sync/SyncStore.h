#pragma once
// The desk's side of the synchronization, kept in the encrypted store (migration 6): the
// enrollment with a hub, the pull cursor, the outbox (the change log itself: local records
// pending or sent), per-record state (pending → sent → acked | rejected), the conflict records,
// last success / last error / next attempt, and the privacy policy of identity-check data.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/core/Error.h"
#include "domain/core/Json.h"
#include "domain/store/Database.h"
#include "domain/store/SecretBuffer.h"
#include "domain/work/ChangeRecord.h"

namespace da06::sync {

struct Enrollment {
    std::string serverUrl;
    std::string deviceId;
    std::string unit;
    std::string hubId;
    std::string deviceName;
    std::optional<std::string> pin;    // sha256//BASE64 of the hub's public key
    std::optional<std::string> caFile; // a CA bundle for a hub with its own certificate
    std::int64_t clockOffsetMs = 0;    // hub time − desk time, learned from server_time
    std::string enrolledAt;
};

struct OutboxCounts {
    std::int64_t pending = 0;
    std::int64_t sent = 0;
    std::int64_t acked = 0;
    std::int64_t rejected = 0;
    std::int64_t held = 0; // local records that never leave the desk (privacy policy)
};

struct SyncStatus {
    std::int64_t cursor = 0;
    std::optional<std::string> lastAttempt, lastSuccess, lastError, lastErrorCode, nextAttempt;
    int failures = 0; // consecutive failed cycles
    std::int64_t pushedTotal = 0;
    std::int64_t pulledTotal = 0;
    OutboxCounts outbox;
    std::int64_t openConflicts = 0;
    std::int64_t remoteRecords = 0;
};

// A change ready to push: the record and the code of the unit it belongs to (PROTOCOL.md "Push").
struct OutgoingChange {
    work::ChangeRecord record;
    std::string unit;
};

// A change pulled from the hub.
struct IncomingChange {
    work::ChangeRecord record;
    std::string unit;
};

struct PushOutcome {
    std::string changeId;
    bool acked = false;
    std::string reason; // for rejected: not_authorized | invalid | …
    std::string message;
};

struct Conflict {
    std::int64_t id = 0;
    std::string entity, entityId, field;
    json::Value losingValue;
    std::string losingHlc, losingDevice, losingUser, losingChange;
    json::Value winningValue;
    std::string winningHlc, winningDevice;
    std::string recordedAt;
    std::optional<std::string> resolvedAt, resolvedBy;
};

struct RejectedChange {
    std::string changeId, entity, entityId, reason, message;
};

// The privacy policy key and its values.
inline constexpr const char* kCheckDetailsKey = "sync.check_details";
inline constexpr const char* kCheckDetailsCounts = "counts"; // the default: only check_count records go up
inline constexpr const char* kCheckDetailsFull = "details";  // widened by an admin

// Whether a local record of this entity may leave the desk under the policy. Explicit list:
// the work and report entities and check_count always; identity-check details (entities
// starting with "check" or "identity") only when the policy is "details"; anything else never.
bool mayLeaveDesk(std::string_view entity, std::string_view checkDetailsPolicy);

inline constexpr int kMaxPushBatch = 500;

class SyncStore {
public:
    SyncStore(store::Database& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    Result<std::optional<Enrollment>> enrollment();
    // Needs the admin role (Permission::ManageUsers); replaces an earlier enrollment, resets the
    // cursor and marks every local record pending again (a new hub must receive them); audited.
    Status saveEnrollment(const access::Actor& actor, const Enrollment& e, std::string_view deviceSecretBase64);
    // The base64 text of the device secret, in a buffer wiped when it goes.
    Result<store::SecretBuffer> deviceSecret();
    Status setClockOffset(std::int64_t offsetMs);

    Result<SyncStatus> status();
    Status setCursor(std::int64_t cursor); // inside the page's transaction
    Status recordAttempt();
    Status recordSuccess(std::int64_t pushed, std::int64_t pulled);
    Status recordFailure(const Error& e, const std::optional<std::string>& nextAttemptIso);
    Status setNextAttempt(const std::optional<std::string>& nextAttemptIso);

    // The oldest local records not yet acknowledged (pending, or sent without an answer), at most
    // limit, each with its unit; records the policy keeps on the desk are left out.
    Result<std::vector<OutgoingChange>> outbox(int limit = kMaxPushBatch);
    Status markSent(const std::vector<std::string>& changeIds);
    Status markOutcomes(const std::vector<PushOutcome>& outcomes);
    Result<std::vector<RejectedChange>> rejected();

    Result<std::vector<Conflict>> conflicts(bool openOnly);
    // Re-applies the losing value of conflict id as a new local change (new hlc); needs the
    // permission to edit the entity (EditProgress; EditAssignments for assignments; ImportPlan
    // for units). Returns the new record.
    Result<work::ChangeRecord> resolveConflict(const access::Actor& actor, std::int64_t id);

    Result<std::string> checkDetailsPolicy();
    Status setCheckDetailsPolicy(const access::Actor& actor, const std::string& value);

    // The enrolled unit and the units below it in the desk's unit tree; nullopt before enrollment.
    // Unit records of other units never leave the desk (the hub would refuse them).
    Result<std::optional<std::set<std::string>>> unitsInScope();

    // The unit of an entity as the push names it (PROTOCOL.md "Push").
    Result<std::string> unitOf(const work::ChangeRecord& r);

private:
    store::Database& m_db;
    const Clock& m_clock;
};

struct ApplySummary {
    int applied = 0;    // new records stored
    int duplicates = 0; // change ids already present (skipped)
    int conflicts = 0;  // conflict records written
    int plans = 0;      // plan documents imported
};

// Applies one pulled page: new change ids go into change_log (origin remote), the desk's tables
// get the merged value of every field they touch (PROTOCOL.md "Merging"), losing values become
// conflict records, the hybrid clock advances (hlcReceive), and the cursor moves — all in one
// transaction (plan documents are imported through the plan repository first).
Result<ApplySummary> applyRemoteChanges(store::Database& db, const Clock& clock,
                                        const std::vector<IncomingChange>& changes,
                                        std::optional<std::int64_t> newCursor);

// Writes the merged state of one entity (folded from all its records in change_log) into the
// desk's tables. Call it inside a transaction.
Status materializeEntity(store::Database& db, const Clock& clock, const std::string& entity,
                         const std::string& entityId);

// The merge rule (PROTOCOL.md "Merging"): does a value stamped (incomingHlc, incomingDevice)
// replace one stamped (currentHlc, currentDevice)? protocol::remoteWins: the hub's changes win,
// then the greater hlc.
bool incomingWins(std::string_view entity, const work::HlcTimestamp& currentHlc, std::string_view currentDevice,
                  const work::HlcTimestamp& incomingHlc, std::string_view incomingDevice);
bool isAppendOnly(std::string_view entity);

} // namespace da06::sync
