#pragma once
// Welfare (models 19 and 35): beneficiary lists imported from CSV; at the desk a check is matched
// against the lists by ID number (the name compared without diacritics as a warning): eligible,
// not listed, or already paid in this period; payouts (once per programme and period) and loan
// applications recorded; the reconciliation of listed against paid per period.
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

// Categories: "poor_household", "near_poor", "meritorious", "social_protection", "other".
// CSV values may be these codes or Vietnamese ("Hộ nghèo", "Hộ cận nghèo", "Người có công",
// "Bảo trợ xã hội"), matched without diacritics or case.
std::optional<std::string> categoryFromText(std::string_view s);
std::string categoryLabel(const std::string& code);

// A period: "YYYY-MM", "YYYY-Qn" or "YYYY".
bool isPeriod(std::string_view s);

struct Beneficiary {
    std::int64_t id = 0;
    std::string listUid;
    std::string listName;
    std::string idNumber;
    std::string fullName;
    std::string category;
    std::string programme;
    std::int64_t amount = 0;
    std::string period;
};

struct WelfareList {
    std::string uid;
    std::string name;
    int model = 35;
    int rows = 0;
    std::string importedBy, importedAt;
};

struct ImportProblem {
    int line = 0;        // 1-based line of the CSV
    std::string message; // never quotes the personal data of the line
};

struct ImportResult {
    std::string listUid;
    int imported = 0;
    std::vector<ImportProblem> problems; // lines refused; the good ones are imported
};

// Matching a check against the lists.
enum class Eligibility { Eligible, NotListed, AlreadyPaid };
const char* eligibilityName(Eligibility e); // "eligible", "not_listed", "already_paid"

struct Match {
    Eligibility eligibility = Eligibility::NotListed;
    std::vector<Beneficiary> entries;        // the list rows of this number (for the period given, if any)
    bool nameDiffers = false;                // the list's name differs from the card's, diacritics ignored
    std::vector<std::string> paidReferences; // payouts already made for these entries
};

struct Payout {
    std::string uid;
    std::string reference;
    std::int64_t beneficiaryId = 0;
    std::string idNumber;
    std::string fullName;
    std::string category;
    std::string programme;
    std::string period;
    std::int64_t amount = 0;
    std::string checkUid;
    std::string checkReference;
    std::string paidBy, paidAt;
};

struct LoanApplication {
    std::string uid;
    std::string reference;
    std::int64_t beneficiaryId = 0;
    std::string fullName;
    std::string programme;
    std::int64_t amount = 0;
    std::string purpose;
    int termMonths = 0;
    std::string status; // "submitted", "approved", "rejected"
    std::string checkUid;
    std::string createdBy, createdAt;
};

struct ReconciliationLine {
    std::string programme, category, period;
    int listed = 0, paid = 0;
    std::int64_t listedAmount = 0, paidAmount = 0;
};

struct ReconciliationResult {
    std::string period;
    std::vector<ReconciliationLine> lines;
    std::vector<Beneficiary> unpaid;
};

class WelfareService {
public:
    WelfareService(store::Database& db, const Clock& clock, access::Actor actor)
        : m_db(db), m_clock(clock), m_actor(std::move(actor))
    {
    }

    // CSV (UTF-8, optional BOM, comma or semicolon, a header row). Columns, in any order, by
    // header (Vietnamese or English, diacritics ignored): so_cccd|id_number, ho_ten|full_name,
    // doi_tuong|category, chuong_trinh|programme, so_tien|amount, ky|period. A model 19 or 35.
    // Bad lines are reported and skipped; nothing is imported when the header is unusable.
    Result<ImportResult> importList(const std::string& name, int model, std::string_view csv);
    Result<std::vector<WelfareList>> lists();
    // period empty: every period.
    Result<Match> match(const std::string& checkUid, const std::string& period);
    // Refuses (AlreadyExists) a second payout of the same number, programme and period; refuses a
    // check that is not passing or whose number is not the beneficiary's.
    Result<Payout> pay(std::int64_t beneficiaryId, const std::string& checkUid);
    Result<Payout> payout(const std::string& uidOrReference);
    Result<std::vector<Payout>> payouts(const std::string& period, const std::string& text = "");
    Result<LoanApplication> applyForLoan(std::int64_t beneficiaryId, const std::string& checkUid, std::int64_t amount,
                                         const std::string& purpose, int termMonths);
    Result<std::vector<LoanApplication>> loans(const std::string& text = "");
    Result<ReconciliationResult> reconcile(const std::string& period);
    // Search the lists (name without diacritics, or number).
    Result<std::vector<Beneficiary>> beneficiaries(const std::string& text, const std::string& period = "",
                                                   int limit = 200);

private:
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
};

} // namespace da06::desk
