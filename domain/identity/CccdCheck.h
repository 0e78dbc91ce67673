#pragma once
// The checks of a CCCD QR code on a given day: its form (CccdQr.h), then the cross-checks the
// 12-digit number allows (province, century and sex, year of birth), the dates (birth, issue,
// not in the future, in order) and the card's validity (CardExpiry.h). Standard library only.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/Date.h"
#include "domain/identity/CardExpiry.h"
#include "domain/identity/CccdQr.h"
#include "domain/identity/Finding.h"
#include "domain/identity/Message.h"
#include "domain/identity/Province.h"

namespace da06::identity {

enum class CheckStatus { Pass, Warn, Fail, Skipped };
// "pass", "warn", "fail", "skipped"
const char* checkStatusName(CheckStatus s);

struct CheckItem {
    CheckKind kind = CheckKind::Payload;
    CheckStatus status = CheckStatus::Skipped;
    Message summary;               // Pass: what was confirmed; Skipped: why it could not run
    std::vector<Finding> findings; // Warn and Fail: what was found
};

struct CccdReport {
    CccdIdentity identity;
    bool isCccd = false;
    Date asOf;
    std::vector<Finding> findings;    // every problem, errors and warnings, in check order
    std::vector<CheckItem> checks;    // one per CheckKind, in the order of the enum
    std::string provinceCode;         // "" when the number is unusable
    std::optional<Province> province; // nullopt for an unknown code
    std::optional<CardExpiry> expiry; // when both dates are usable and in order
    std::optional<bool> expired;      // on asOf, when the expiry is known

    bool valid() const; // a CCCD code with no error
    bool hasWarnings() const;
    std::vector<Finding> errors() const;
    std::vector<Finding> warnings() const;
    const CheckItem& check(CheckKind k) const;
};

// Age in whole years on day asOf of someone born on birth.
int ageOn(const Date& birth, const Date& asOf);

CccdReport checkCccd(CccdParse parsed, const Date& asOf);
// parseCccdQr then checkCccd; text must be NFC already (CccdNormalize.h).
CccdReport checkCccdQr(std::string_view nfcText, const Date& asOf);

} // namespace da06::identity
