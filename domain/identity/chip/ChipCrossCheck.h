#pragma once
// Cross-checks of what the CCCD chip says: DG13 (the Vietnamese personal data) against the DG1 MRZ,
// against the QR code of the same card (identity/CccdQr.h) and against the rules of the 12-digit
// number (identity/IdNumber.h: province, century and sex, year of birth), and the card's expiry.
// Findings in the style of identity/Finding.h: a stable code, a severity, a msgid with %s slots and
// advice. The arguments never carry personal data (only field names and dates of validity).
// Standard library only.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/Date.h"
#include "domain/identity/CccdQr.h"
#include "domain/identity/Finding.h"
#include "domain/identity/Message.h"
#include "domain/identity/chip/DataGroups.h"
#include "domain/identity/chip/Mrz.h"

namespace da06::chip {

enum class ChipProblem {
    // errors
    Dg13IdInvalid,          // DG13 field 1 is not 12 digits
    IdMismatchMrz,          // DG13 number vs the 12-digit number in the MRZ
    DocumentNumberMismatch, // MRZ document number vs the last 9 digits of the number
    IdMismatchQr,
    NameMismatchMrz, // DG13 name without diacritics vs the MRZ name
    NameMismatchQr,  // NFC text differs beyond diacritics
    DobMismatchMrz,
    DobMismatchQr,
    SexMismatchMrz,
    SexMismatchQr,
    SexNumberMismatch, // the number's 4th digit vs DG13 sex
    BirthYearNumberMismatch,
    ExpiryMismatchMrz,
    CardExpired,
    // warnings
    NameDiacriticsOnlyQr, // same letters, other diacritics
    UnknownProvince,
    Dg13IdMissing,
    Dg13NameMissing,
    Dg13DobMissing,
    Dg13SexMissing,
    Dg13FieldInvalid, // a field that is not text (its number as argument)
    DobUnreadable,    // DG13 date of birth not dd/MM/yyyy
};
inline constexpr int kChipProblemCount = 22;

struct ChipProblemInfo {
    ChipProblem problem;
    const char* code; // stable: "id_mismatch_mrz"
    identity::Severity severity;
    const char* text;   // msgid with %s slots
    const char* advice; // msgid or ""
};
const ChipProblemInfo& chipProblemInfo(ChipProblem p);

struct ChipFinding {
    ChipProblem problem = ChipProblem::Dg13IdInvalid;
    std::vector<std::string> args;

    const ChipProblemInfo& info() const { return chipProblemInfo(problem); }
    const char* code() const { return info().code; }
    identity::Severity severity() const { return info().severity; }
    bool isError() const { return severity() == identity::Severity::Error; }
    identity::Message message() const { return identity::Message{info().text, args}; }
};

struct ChipCrossCheckInput {
    const Dg13* dg13 = nullptr;                 // texts NFC already
    const Td1Mrz* mrz = nullptr;                // DG1
    const identity::CccdIdentity* qr = nullptr; // the card's QR code, when scanned (NFC)
    Date asOf;
};

std::vector<ChipFinding> crossCheckChip(const ChipCrossCheckInput& in);

// Upper-case ASCII letters, digits and single spaces: Vietnamese letters lose their diacritics
// (đ → D), other characters become spaces. "Nguyễn Văn Ấn" → "NGUYEN VAN AN".
std::string foldToMrzLetters(std::string_view utf8);

// dd/MM/yyyy (or ddMMyyyy) of DG13.
std::optional<Date> parseDg13Date(std::string_view s);
// YYMMDD of the MRZ with a known century: the date of birth is not after asOf, the expiry is 20YY.
std::optional<Date> mrzBirthDate(std::string_view yymmdd, const Date& asOf);
std::optional<Date> mrzExpiryDate(std::string_view yymmdd);

} // namespace da06::chip
