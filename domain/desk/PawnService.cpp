#include "domain/desk/PawnService.h"

#include <algorithm>
#include <cmath>

#include "domain/audit/AuditLog.h"
#include "domain/text/Text.h"
#include "domain/work/Ids.h"
#include "domain/work/WorkDb.h"

namespace da06::desk {

namespace {

constexpr int kPawnModel = 15;
constexpr std::size_t kMaxNumber = 100;
constexpr std::size_t kMaxItem = 2000;

// The columns of a contract with its check (the personal details of the check are NULL once
// purged). Read by readContract.
const char* const kContractColumns =
    "p.uid, p.number, p.check_uid, d.reference, p.item, p.value, p.loan, p.interest, p.start_date, p.due_date, "
    "p.status, p.closed_date, p.alerts, p.created_by, p.created_at, p.search_text, (SELECT text FROM desk_check_search "
    "s WHERE s.check_id = d.id), "
    "d.purged_at, d.id_number, d.old_id_number, d.full_name, d.date_of_birth, d.sex, d.address, d.issue_date, "
    "d.expiry_date, d.expired";
const char* const kContractFrom = " FROM pawn_contract p JOIN desk_check d ON d.uid = p.check_uid";

std::optional<Date> optDate(const store::Statement& st, int c)
{
    if (auto s = st.columnOptText(c)) {
        return Date::parseIso(*s);
    }
    return std::nullopt;
}

// The identity stored with a check, from the columns id_number … expired starting at `first`.
CheckedIdentity readIdentity(const store::Statement& st, int first)
{
    CheckedIdentity id;
    id.idNumber = st.columnOptText(first).value_or("");
    id.oldIdNumber = st.columnOptText(first + 1).value_or("");
    id.fullName = st.columnOptText(first + 2).value_or("");
    id.dateOfBirth = optDate(st, first + 3);
    id.sex = st.columnOptText(first + 4).value_or("");
    id.address = st.columnOptText(first + 5).value_or("");
    id.issueDate = optDate(st, first + 6);
    id.expiryDate = optDate(st, first + 7);
    if (!st.isNull(first + 8)) {
        id.expired = st.columnInt(first + 8) != 0;
    }
    return id;
}

std::vector<std::string> splitCodes(const std::string& s)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i <= s.size()) {
        const std::size_t j = std::min(s.find(',', i), s.size());
        if (j > i) {
            out.push_back(s.substr(i, j - i));
        }
        i = j + 1;
    }
    return out;
}

std::string joinCodes(const std::vector<std::string>& codes)
{
    std::string out;
    for (const auto& c : codes) {
        if (!out.empty()) {
            out += ',';
        }
        out += c;
    }
    return out;
}

struct ContractRow {
    PawnContract contract;
    std::string searchText; // folded number, item, customer name and number
};

ContractRow readContract(const store::Statement& st)
{
    ContractRow r;
    PawnContract& c = r.contract;
    c.uid = st.columnText(0);
    c.number = st.columnText(1);
    c.checkUid = st.columnText(2);
    c.checkReference = st.columnText(3);
    c.item = st.columnText(4);
    c.value = st.columnInt(5);
    c.loan = st.columnInt(6);
    c.interest = st.columnDouble(7);
    c.start = Date::parseIso(st.columnText(8)).value_or(Date{});
    c.due = Date::parseIso(st.columnText(9)).value_or(Date{});
    c.status = pawnStatusFromName(st.columnText(10)).value_or(PawnStatus::Active);
    c.closed = optDate(st, 11);
    c.alerts = splitCodes(st.columnText(12));
    c.createdBy = st.columnText(13);
    c.createdAt = st.columnText(14);
    r.searchText = st.columnText(15) + " " + st.columnOptText(16).value_or("");
    if (!st.columnOptText(17)) {
        c.customer = readIdentity(st, 18);
    }
    return r;
}

// The start days of the other contracts of this ID number within kFrequentDays of `start`.
Result<std::vector<long>> nearbyStarts(store::Database& db, const std::string& idNumber, const Date& start,
                                       const std::string& excludeUid)
{
    const long day = start.daysSinceEpoch();
    DA06_TRY(st, db.prepare("SELECT p.start_date FROM pawn_contract p JOIN desk_check d ON d.uid = p.check_uid "
                            "WHERE d.id_number = ? AND p.start_date BETWEEN ? AND ? AND p.uid <> ?"));
    st->bind(1, idNumber)
        .bind(2, Date::fromDaysSinceEpoch(day - kFrequentDays).toIso())
        .bind(3, Date::fromDaysSinceEpoch(day + kFrequentDays).toIso())
        .bind(4, excludeUid);
    std::vector<long> days;
    DA06_CHECK(work::detail::eachRow(*st, [&](const store::Statement& s) {
        if (auto d = Date::parseIso(s.columnText(0))) {
            days.push_back(d->daysSinceEpoch());
        }
    }));
    return days;
}

// The alerts of a contract by this check starting on `start` (the contract itself not yet stored,
// or excluded by its uid).
Result<std::vector<std::string>> computeAlerts(store::Database& db, const CheckRecord& check, const Date& start,
                                               const std::string& excludeUid)
{
    std::vector<std::string> alerts;
    if (!check.identity) {
        return alerts;
    }
    const CheckedIdentity& id = *check.identity;
    if (auto age = ageOn(id, start); age && *age < 18) {
        alerts.emplace_back("under_18");
    }
    if ((id.expired && *id.expired) || (id.expiryDate && *id.expiryDate < start)) {
        alerts.emplace_back("card_expired");
    }
    if (!id.idNumber.empty()) {
        DA06_TRY(others, nearbyStarts(db, id.idNumber, start, excludeUid));
        std::vector<long> days = *others;
        const long self = start.daysSinceEpoch();
        days.push_back(self);
        std::sort(days.begin(), days.end());
        // Is there a window of kFrequentDays days holding this contract and kFrequentPawns in all?
        bool frequent = false;
        for (std::size_t i = 0; i < days.size() && !frequent; ++i) {
            const long first = days[i];
            if (first > self || self - first > kFrequentDays) {
                continue;
            }
            const auto n = std::count_if(days.begin(), days.end(),
                                         [&](long d) { return d >= first && d - first <= kFrequentDays; });
            frequent = n >= kFrequentPawns;
        }
        if (frequent) {
            alerts.emplace_back("frequent");
        }
    }
    return alerts;
}

Status requirePassingUnattached(const CheckRecord& check)
{
    if (check.model != kPawnModel) {
        return fail(ErrorCode::InvalidInput,
                    "the check " + check.reference + " was recorded for model " + std::to_string(check.model) +
                        ", not for the pawnshop register (model 15); record a check for model 15");
    }
    if (!check.passing()) {
        return fail(ErrorCode::InvalidInput, "the check " + check.reference + " did not pass (outcome " +
                                                 std::string(outcomeName(check.outcome)) +
                                                 "); a pawn contract needs a passing check");
    }
    if (!check.identity) {
        return fail(ErrorCode::InvalidInput, "the personal details of the check " + check.reference +
                                                 " were deleted (retention period ended); record a new check");
    }
    if (check.attachedKind) {
        return fail(ErrorCode::InvalidInput, "the check " + check.reference + " is already used for a " +
                                                 *check.attachedKind + "; record a new check for this contract");
    }
    return {};
}

} // namespace

const char* pawnStatusName(PawnStatus s)
{
    switch (s) {
    case PawnStatus::Active:
        return "active";
    case PawnStatus::Redeemed:
        return "redeemed";
    case PawnStatus::Liquidated:
        return "liquidated";
    }
    return "active";
}

std::optional<PawnStatus> pawnStatusFromName(std::string_view s)
{
    if (s == "active")
        return PawnStatus::Active;
    if (s == "redeemed")
        return PawnStatus::Redeemed;
    if (s == "liquidated")
        return PawnStatus::Liquidated;
    return std::nullopt;
}

std::string pawnStatusLabel(PawnStatus s)
{
    switch (s) {
    case PawnStatus::Active:
        return "Đang cầm";
    case PawnStatus::Redeemed:
        return "Đã chuộc";
    case PawnStatus::Liquidated:
        return "Đã thanh lý";
    }
    return "Đang cầm";
}

std::string alertLabel(const std::string& code)
{
    if (code == "under_18")
        return "Khách hàng chưa đủ 18 tuổi";
    if (code == "card_expired")
        return "Thẻ căn cước đã hết hạn";
    if (code == "frequent")
        return "Cầm đồ nhiều lần trong thời gian ngắn (≥3 lần trong 30 ngày)";
    return code;
}

Result<PawnContract> PawnService::create(const NewPawn& p)
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "record pawn contracts"));
    DA06_TRY(number, requiredText(p.number, "contract number", kMaxNumber));
    DA06_TRY(item, requiredText(p.item, "pawned item", kMaxItem));
    if (p.loan <= 0) {
        return fail(ErrorCode::InvalidInput, "the loan must be more than 0 đồng");
    }
    if (p.value < 0) {
        return fail(ErrorCode::InvalidInput, "the value of the item must not be negative");
    }
    if (!std::isfinite(p.interest) || p.interest < 0) {
        return fail(ErrorCode::InvalidInput, "the interest must be a rate of 0 % or more per month");
    }
    if (p.due < p.start) {
        return fail(ErrorCode::InvalidInput,
                    "the due date " + p.due.toVietnamese() + " is before the start date " + p.start.toVietnamese());
    }

    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(check, findCheck(m_db, p.checkUid));
    DA06_CHECK(requirePassingUnattached(*check));
    DA06_TRY(used, m_db.prepare("SELECT 1 FROM pawn_contract WHERE number = ?"));
    used->bind(1, *number);
    DA06_TRY(exists, used->step());
    if (*exists) {
        return fail(ErrorCode::AlreadyExists, "the contract number " + *number + " is already in the register");
    }
    const std::string uid = work::randomId();
    DA06_TRY(alerts, computeAlerts(m_db, *check, p.start, uid));

    DA06_TRY(ins, m_db.prepare(
                      "INSERT INTO pawn_contract (uid, number, check_uid, item, search_text, value, loan, interest, "
                      "start_date, due_date, status, alerts, created_by, created_at) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?,'active',?,?,?)"));
    ins->bind(1, uid).bind(2, *number).bind(3, check->uid).bind(4, *item).bind(5, text::fold(*number + " " + *item));
    ins->bind(6, p.value).bind(7, p.loan).bind(8, p.interest).bind(9, p.start.toIso()).bind(10, p.due.toIso());
    ins->bind(11, joinCodes(*alerts)).bind(12, m_actor.user).bind(13, m_clock.nowIso8601());
    DA06_CHECK(ins->run());
    DA06_CHECK(CheckService(m_db, m_clock, m_actor).attach(check->uid, "contract", uid));
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "pawn.create", "contract:" + *number));
    DA06_CHECK(tx.commit());
    return get(uid);
}

Result<PawnContract> PawnService::get(const std::string& uidOrNumber)
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "read the pawnshop register"));
    const std::string key = text::trim(uidOrNumber);
    DA06_TRY(st, m_db.prepare(std::string("SELECT ") + kContractColumns + kContractFrom +
                              " WHERE p.uid = ? OR p.number = ?"));
    st->bind(1, key).bind(2, key);
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound, "there is no pawn contract \"" + key + "\" in the register");
    }
    return readContract(*st).contract;
}

Result<std::vector<PawnContract>> PawnService::list(std::optional<Date> from, std::optional<Date> to,
                                                    const std::string& textIn, int limit)
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "read the pawnshop register"));
    std::string sql = std::string("SELECT ") + kContractColumns + kContractFrom + " WHERE 1=1";
    if (from) {
        sql += " AND p.start_date >= ?";
    }
    if (to) {
        sql += " AND p.start_date <= ?";
    }
    sql += " ORDER BY p.start_date, p.id";
    DA06_TRY(st, m_db.prepare(sql));
    int i = 0;
    if (from) {
        st->bind(++i, from->toIso());
    }
    if (to) {
        st->bind(++i, to->toIso());
    }
    const std::string query = text::fold(textIn);
    std::vector<PawnContract> out;
    DA06_CHECK(work::detail::eachRow(*st, [&](const store::Statement& s) {
        if (limit > 0 && out.size() >= static_cast<std::size_t>(limit)) {
            return;
        }
        ContractRow r = readContract(s);
        if (query.empty() || text::matchesFolded(r.searchText, query)) {
            out.push_back(std::move(r.contract));
        }
    }));
    return out;
}

Result<PawnContract> PawnService::close(const std::string& uidOrNumber, PawnStatus to, const Date& on)
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "close pawn contracts"));
    if (to == PawnStatus::Active) {
        return fail(ErrorCode::InvalidInput, "a contract is closed as redeemed or liquidated, not as active");
    }
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(cur, get(uidOrNumber));
    if (cur->status != PawnStatus::Active) {
        return fail(ErrorCode::InvalidInput, "the contract " + cur->number + " is already closed (" +
                                                 pawnStatusName(cur->status) +
                                                 "); only an active contract can be closed");
    }
    if (on < cur->start) {
        return fail(ErrorCode::InvalidInput, "the closing day " + on.toVietnamese() +
                                                 " is before the start of the contract " + cur->start.toVietnamese());
    }
    DA06_TRY(up,
             m_db.prepare("UPDATE pawn_contract SET status = ?, closed_date = ? WHERE uid = ? AND status = 'active'"));
    up->bind(1, pawnStatusName(to)).bind(2, on.toIso()).bind(3, cur->uid);
    DA06_CHECK(up->run());
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "pawn.close", "contract:" + cur->number));
    DA06_CHECK(tx.commit());
    return get(cur->uid);
}

Result<std::vector<std::string>> PawnService::alertsFor(const std::string& checkUid, const Date& start)
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "read the pawnshop register"));
    DA06_TRY(check, findCheck(m_db, checkUid));
    return computeAlerts(m_db, *check, start, "");
}

} // namespace da06::desk
