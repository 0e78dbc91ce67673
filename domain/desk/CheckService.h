#pragma once
// The check records of a desk. Only the checker role records and reads checks
// (Permission::MakeChecks); every role sees the counts (Permission::ReadCheckCounts). Each record
// is audited (reference only, never personal data) and bumps the synchronized check_count of its
// unit, month, model, method and outcome (entity id "UNIT|YYYY-MM|MODEL|METHOD|OUTCOME").
// Personal details are purged when the retention period of the purpose ends; the counts stay.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/desk/CheckTypes.h"
#include "domain/report/CheckCountSource.h"
#include "domain/store/Database.h"

namespace da06::desk {

struct CheckRecord {
    std::string uid;
    std::string reference; // KT-20241105-7F3A2C
    std::string unitCode;
    int model = 0;
    CheckMethod method = CheckMethod::Qr;
    CheckOutcome outcome = CheckOutcome::Invalid;
    std::string manualReason;
    std::string operatorName;
    std::string checkedAt; // ISO 8601 UTC
    Consent consent = Consent::Given;
    std::string consentNote;
    std::vector<Verification> verifications;
    std::vector<std::string> findingCodes;
    std::optional<std::string> attachedKind; // "case", "contract", "payout", "loan"
    std::optional<std::string> attachedUid;
    Date purgeAfter;
    std::optional<std::string> purgedAt;
    // nullopt once purged
    std::optional<CheckedIdentity> identity;
    std::vector<CheckFinding> findings;

    bool passing() const { return isPassing(method, outcome); }
};

struct CheckQuery {
    std::string text; // name or number, diacritics and case ignored
    std::optional<int> model;
    std::optional<Date> from, to; // by the day of the check (UTC)
    bool includePurged = false;
    int limit = 200;
};

// One row of the statistics: per unit, month, model, method and outcome.
struct CheckStat {
    std::string unitCode;
    std::string month;
    int model = 0;
    std::string method;
    std::string outcome;
    std::int64_t count = 0;

    bool operator==(const CheckStat&) const = default;
};

struct PurgeResult {
    Date asOf;
    bool dryRun = false;
    int checks = 0;  // check records whose details were (or would be) deleted
    int parties = 0; // notarial party names deleted with them
    std::map<int, int> byModel;
};

// Retention of check details, days per purpose. Defaults: 4 and 8 (notarization) 1825, 15
// (pawnshop register) 1095, 19 and 35 (welfare) 730, every other purpose 90.
struct RetentionPolicy {
    std::map<int, int> days; // explicit per model (the defaults and the admin's changes)
    int otherDays = 90;      // for the purposes without an entry
    int daysFor(int model) const;
};
RetentionPolicy defaultRetention();
Result<RetentionPolicy> readRetention(store::Database& db);
// Needs Permission::ManageUsers (admin); audited. model 0 sets otherDays. Applies to checks
// recorded from now on and to the ones not yet purged (their purge day is recomputed).
Status setRetention(store::Database& db, const Clock& clock, const access::Actor& actor, int model, int days);

class CheckService {
public:
    CheckService(store::Database& db, const Clock& clock, access::Actor actor)
        : m_db(db), m_clock(clock), m_actor(std::move(actor))
    {
    }

    // MakeChecks. Refuses (InvalidInput) an unknown purpose, a missing consent, a manual entry
    // without a reason, an identity without a 12-digit number. Needs the desk's unit.
    Result<CheckRecord> record(const CheckInput& input);
    // MakeChecks. By uid or reference. NotFound otherwise.
    Result<CheckRecord> get(const std::string& uidOrReference);
    // MakeChecks. Newest first.
    Result<std::vector<CheckRecord>> list(const CheckQuery& query);
    // ReadCheckCounts. The months "YYYY-MM" from..to inclusive; empty unit: every unit.
    Result<std::vector<CheckStat>> stats(const std::string& fromMonth, const std::string& toMonth,
                                         const std::string& unitCode = "");
    // Any signed-in role (it only deletes what the policy says must go); audited with the counts.
    Result<PurgeResult> purge(bool dryRun);
    // The day of the last purge run on this desk (nullopt: never) — the desktop runs it daily.
    Result<std::optional<std::string>> lastPurge();

    // Used by the workflows, inside their transaction: marks the check as attached to a case,
    // contract, payout or loan. Conflict (InvalidInput) when it is attached to something else.
    Status attach(const std::string& checkUid, const std::string& kind, const std::string& uid);

private:
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
};

// The report's check counts from the desk's check records (replaces report::NoCheckRecords).
class StoredCheckCounts final : public report::CheckCountSource {
public:
    explicit StoredCheckCounts(store::Database& db) : m_db(db) {}
    Result<report::CheckCounts> counts(const std::vector<std::string>& unitCodes, const std::vector<int>& models,
                                       const Date& from, const Date& to) const override;

private:
    store::Database& m_db;
};

// The check by uid or reference, without a permission check: for the workflows (cases, contracts,
// payouts), which check Permission::MakeChecks themselves. NotFound otherwise.
Result<CheckRecord> findCheck(store::Database& db, const std::string& uidOrReference);

// "KT-YYYYMMDD-XXXXXX" (prefix, the day, 6 random upper-case hex digits).
std::string newReference(const char* prefix, const Date& day);

} // namespace da06::desk
