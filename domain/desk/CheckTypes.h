#pragma once
// An identity check made at a front desk (issue 8): its purpose (the model it serves), the method,
// every verification and cross-check, the citizen's consent (Decree 13/2023/NĐ-CP) and the
// identity read. Standard library only (plus core/Json for the idcheck JSON).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/Date.h"
#include "domain/core/Error.h"
#include "domain/core/Json.h"

namespace da06::desk {

enum class CheckMethod { Chip, Qr, Manual };
// "chip", "qr", "manual" (the report's method names)
const char* methodName(CheckMethod m);
std::optional<CheckMethod> methodFromName(std::string_view s);

// valid: every check passed (for a chip: passive authentication verified); warning: usable with
// warnings; invalid: an error or a failed verification; unverified: a chip without a trust anchor,
// or a manual entry.
enum class CheckOutcome { Valid, Warning, Invalid, Unverified };
const char* outcomeName(CheckOutcome o); // "valid", "warning", "invalid", "unverified"
std::optional<CheckOutcome> outcomeFromName(std::string_view s);
// A check a workflow may rely on (a notarial party, a pawn customer, a payout): valid or warning
// for QR and chip, unverified only for a chip (no trust anchor on this desk).
bool isPassing(CheckMethod m, CheckOutcome o);

// The legal ground of the processing: the citizen's consent, or an obligation set by law (the
// pawnshop register, notarial acts) where consent is not the ground (Decree 13 art. 17).
enum class Consent { Given, LegalObligation };
const char* consentName(Consent c); // "given", "legal_obligation"
std::optional<Consent> consentFromName(std::string_view s);

// The models whose desks check identity (domain notes): 4, 8, 15, 19, 35, 6, 9–12, 16, 20.
bool isCheckPurpose(int model);
const std::vector<int>& checkPurposes();

struct Verification {
    std::string name;   // "passive_authentication", "chip_authentication", "active_authentication", "qr_code", "manual"
    std::string result; // "verified", "failed", "unverified", "passed", "not_supported", "valid", "invalid", …
    std::string detail; // a reason code (e.g. "dg_hash:13"), never personal data

    bool operator==(const Verification&) const = default;
};

struct CheckFinding {
    std::string code;     // stable code ("sex_mismatch", "qr_name_differs", …)
    std::string severity; // "error" or "warning"
    std::string message;  // may quote personal data: kept with the details, purged with them

    bool operator==(const CheckFinding&) const = default;
};

// The personal details of a check.
struct CheckedIdentity {
    std::string idNumber;    // 12 digits
    std::string oldIdNumber; // 9 digits or ""
    std::string fullName;    // NFC
    std::optional<Date> dateOfBirth;
    std::string sex; // "male", "female" or ""
    std::string address;
    std::optional<Date> issueDate;
    std::optional<Date> expiryDate; // nullopt: does not expire, or unknown
    std::optional<bool> expired;    // on the day of the check

    bool operator==(const CheckedIdentity&) const = default;
};

// What a desk records. outcome is derived by the builders below; record() re-checks consent,
// the purpose and the manual reason.
struct CheckInput {
    int model = 0;
    CheckMethod method = CheckMethod::Qr;
    CheckOutcome outcome = CheckOutcome::Invalid;
    CheckedIdentity identity;
    std::vector<Verification> verifications;
    std::vector<CheckFinding> findings;
    std::string manualReason; // required for CheckMethod::Manual
    std::optional<Consent> consent;
    std::string consentNote; // e.g. "ký phiếu đồng ý số 12"
};

// The identity of a check from the JSON `da06 idcheck qr --json` (an array with one object, or the
// object) or `da06 idcheck chip --json` prints. The purpose and consent are left for the caller.
// InvalidInput with a sentence when the JSON is neither, has no 12-digit number, or holds several
// QR codes.
Result<CheckInput> checkFromJson(const json::Value& v, const Date& asOf);
Result<CheckInput> checkFromJsonText(std::string_view text, const Date& asOf);

// A manual entry (no card at hand, or a damaged card): the number's rules are still applied
// (12 digits, century and sex against the date of birth and sex given). Outcome unverified, or
// invalid when the number contradicts the details.
CheckInput manualCheck(CheckedIdentity identity, std::string reason, const Date& asOf);

// A required text of a record (a name, a number, an item): trimmed and NFC; InvalidInput naming
// `what` when it is not UTF-8, empty or longer than maxBytes.
Result<std::string> requiredText(const std::string& s, const char* what, std::size_t maxBytes);

// Age in whole years on asOf; nullopt without a date of birth.
std::optional<int> ageOn(const CheckedIdentity& id, const Date& asOf);

} // namespace da06::desk
