// Names of the check vocabulary, the purposes, and the manual entry (issue 8).
#include "domain/desk/CheckTypes.h"

#include <algorithm>

#include "domain/identity/IdNumber.h"
#include "domain/text/Text.h"

namespace da06::desk {

const char* methodName(CheckMethod m)
{
    switch (m) {
    case CheckMethod::Chip:
        return "chip";
    case CheckMethod::Qr:
        return "qr";
    case CheckMethod::Manual:
        return "manual";
    }
    return "manual";
}

std::optional<CheckMethod> methodFromName(std::string_view s)
{
    for (CheckMethod m : {CheckMethod::Chip, CheckMethod::Qr, CheckMethod::Manual}) {
        if (s == methodName(m)) {
            return m;
        }
    }
    return std::nullopt;
}

const char* outcomeName(CheckOutcome o)
{
    switch (o) {
    case CheckOutcome::Valid:
        return "valid";
    case CheckOutcome::Warning:
        return "warning";
    case CheckOutcome::Invalid:
        return "invalid";
    case CheckOutcome::Unverified:
        return "unverified";
    }
    return "invalid";
}

std::optional<CheckOutcome> outcomeFromName(std::string_view s)
{
    for (CheckOutcome o :
         {CheckOutcome::Valid, CheckOutcome::Warning, CheckOutcome::Invalid, CheckOutcome::Unverified}) {
        if (s == outcomeName(o)) {
            return o;
        }
    }
    return std::nullopt;
}

bool isPassing(CheckMethod m, CheckOutcome o)
{
    if (o == CheckOutcome::Valid || o == CheckOutcome::Warning) {
        return m != CheckMethod::Manual;
    }
    return m == CheckMethod::Chip && o == CheckOutcome::Unverified;
}

const char* consentName(Consent c)
{
    return c == Consent::Given ? "given" : "legal_obligation";
}

std::optional<Consent> consentFromName(std::string_view s)
{
    if (s == "given") {
        return Consent::Given;
    }
    if (s == "legal_obligation" || s == "legal") {
        return Consent::LegalObligation;
    }
    return std::nullopt;
}

const std::vector<int>& checkPurposes()
{
    static const std::vector<int> all = {4, 6, 8, 9, 10, 11, 12, 15, 16, 19, 20, 35};
    return all;
}

bool isCheckPurpose(int model)
{
    const auto& all = checkPurposes();
    return std::find(all.begin(), all.end(), model) != all.end();
}

Result<std::string> requiredText(const std::string& s, const char* what, std::size_t maxBytes)
{
    auto n = text::toNfc(text::trim(s));
    if (!n) {
        return fail(ErrorCode::InvalidInput, std::string("the ") + what + " is not valid UTF-8 text");
    }
    if (n->empty()) {
        return fail(ErrorCode::InvalidInput, std::string("the ") + what + " must not be empty");
    }
    if (n->size() > maxBytes) {
        return fail(ErrorCode::InvalidInput,
                    std::string("the ") + what + " is too long (at most " + std::to_string(maxBytes) + " bytes)");
    }
    return *n;
}

std::optional<int> ageOn(const CheckedIdentity& id, const Date& asOf)
{
    if (!id.dateOfBirth) {
        return std::nullopt;
    }
    const Date& b = *id.dateOfBirth;
    int age = asOf.year - b.year;
    if (asOf.month < b.month || (asOf.month == b.month && asOf.day < b.day)) {
        --age;
    }
    return age;
}

CheckInput manualCheck(CheckedIdentity identity, std::string reason, const Date& asOf)
{
    CheckInput in;
    in.method = CheckMethod::Manual;
    in.manualReason = std::move(reason);
    in.outcome = CheckOutcome::Unverified;
    auto error = [&](const char* code, const char* message) {
        in.findings.push_back(CheckFinding{code, "error", message});
        in.outcome = CheckOutcome::Invalid;
    };
    const auto info = identity::decodeIdNumber(identity.idNumber);
    if (!info) {
        error("id_not_12_digits", "The ID number is not 12 digits.");
    } else {
        const std::string sex = identity::sexName(info->sex);
        if (!identity.sex.empty() && identity.sex != sex) {
            error("sex_mismatch", "The sex given does not match the 12-digit number.");
        }
        if (identity.dateOfBirth && identity.dateOfBirth->year != info->birthYear) {
            error("birth_year_mismatch", "The year of birth does not match the 12-digit number.");
        }
    }
    if (identity.dateOfBirth && asOf < *identity.dateOfBirth) {
        error("dob_in_future", "The date of birth is in the future.");
    }
    if (identity.expiryDate) {
        identity.expired = asOf > *identity.expiryDate;
    }
    in.verifications.push_back(
        Verification{"manual", in.outcome == CheckOutcome::Invalid ? "invalid" : "unverified", ""});
    in.identity = std::move(identity);
    return in;
}

} // namespace da06::desk
