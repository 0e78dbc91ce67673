#pragma once
// The text of the QR code on a CCCD card, pipe-separated UTF-8:
//   ID12 | oldID9 | Full name | DOB ddmmyyyy | Sex | Permanent residence | Issue date ddmmyyyy [| …]
// Seen with 7 fields, with 6 (no old-ID slot at all) and, on cards issued from mid-2024, with 11
// (the last four often empty). The parser never assumes a count: the old-ID slot is recognised by
// its content (empty or digits), and fields past the issue date are kept as extra fields.
// Standard library only: the caller normalizes the text to NFC first (CccdNormalize.h does).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/Date.h"
#include "domain/identity/Finding.h"
#include "domain/identity/IdNumber.h"

namespace da06::identity {

struct CccdIdentity {
    std::string idNumber;
    std::string oldIdNumber; // "" when empty or absent
    std::string fullName;
    std::string dateOfBirthText;     // as read
    std::optional<Date> dateOfBirth; // nullopt when missing or impossible
    std::string sexText;             // as read ("Nam", "Nữ")
    Sex sex = Sex::Unknown;
    std::string address; // permanent residence
    std::string issueDateText;
    std::optional<Date> issueDate;
    std::vector<std::string> extraFields;
    std::size_t fieldCount = 0;
    bool hasOldIdSlot = false; // false for the 6-field form
};

struct CccdParse {
    CccdIdentity identity;
    std::vector<Finding> findings; // problems of form (the cross-checks come later)
    bool isCccd = false;           // false: empty, not UTF-8, or not a CCCD code at all
};

// Splits on '|' (every field trimmed of white space and control characters).
std::vector<std::string> splitFields(std::string_view text);
// ddmmyyyy (also dd/mm/yyyy); nullopt for anything else or a day that does not exist.
std::optional<Date> parseCardDate(std::string_view s);
// Well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(std::string_view s);
// s cut to at most maxChars code points, with "…" when cut (for quoting input in messages).
std::string shortened(std::string_view s, std::size_t maxChars = 40);

CccdParse parseCccdQr(std::string_view text);

} // namespace da06::identity
