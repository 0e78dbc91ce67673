#pragma once
// The pawnshop register (model 15): contracts with the customer's check, the item, its value, the
// loan, the interest, the dates and the status; the alerts the register raises; the register of a
// date range for inspection (PDF and XLSX are made from RegisterRow by da06::reports).
// Every call needs Permission::MakeChecks; changes are audited.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/desk/CheckService.h"
#include "domain/store/Database.h"

namespace da06::desk {

enum class PawnStatus { Active, Redeemed, Liquidated };
const char* pawnStatusName(PawnStatus s); // "active", "redeemed", "liquidated"
std::optional<PawnStatus> pawnStatusFromName(std::string_view s);
std::string pawnStatusLabel(PawnStatus s); // "Đang cầm", "Đã chuộc", "Đã thanh lý"

// Alerts: "under_18" (customer under 18 on the start day), "card_expired" (the card had expired
// on the day of the check, or expires before the start day), "frequent" (kFrequentPawns or more contracts by the same
// number within kFrequentDays days, this one included).
inline constexpr int kFrequentPawns = 3;
inline constexpr int kFrequentDays = 30;
std::string alertLabel(const std::string& code); // Vietnamese sentence

struct PawnContract {
    std::string uid;
    std::string number;
    std::string checkUid;
    std::string checkReference;
    std::optional<CheckedIdentity> customer; // nullopt once the check's details were purged
    std::string item;
    std::int64_t value = 0; // đồng
    std::int64_t loan = 0;  // đồng
    double interest = 0;    // percent per month
    Date start, due;
    PawnStatus status = PawnStatus::Active;
    std::optional<Date> closed;
    std::vector<std::string> alerts;
    std::string createdBy, createdAt;
};

struct NewPawn {
    std::string number;
    std::string checkUid;
    std::string item;
    std::int64_t value = 0;
    std::int64_t loan = 0;
    double interest = 0;
    Date start, due;
};

class PawnService {
public:
    PawnService(store::Database& db, const Clock& clock, access::Actor actor)
        : m_db(db), m_clock(clock), m_actor(std::move(actor))
    {
    }

    // Refuses a check that is not passing, a used number, loan ≤ 0, due before start,
    // interest outside 0..(legal ceiling 20 %/year → 1.667 %/month is not enforced: only ≥ 0).
    // The alerts are computed and stored with the contract (they are also returned).
    Result<PawnContract> create(const NewPawn& p);
    Result<PawnContract> get(const std::string& uidOrNumber);
    // Contracts starting in [from, to], or any day when unset; text: number, item or customer.
    Result<std::vector<PawnContract>> list(std::optional<Date> from, std::optional<Date> to,
                                           const std::string& text = "", int limit = 1000);
    // Active → redeemed or liquidated, on the day given.
    Result<PawnContract> close(const std::string& uidOrNumber, PawnStatus to, const Date& on);
    // The alerts a new contract by this check would raise on that day (the form shows them
    // before saving).
    Result<std::vector<std::string>> alertsFor(const std::string& checkUid, const Date& start);

private:
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
};

} // namespace da06::desk
