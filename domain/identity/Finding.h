#pragma once
// What a check of a CCCD QR code can find. Every problem has a stable code (JSON, tests, logs:
// never personal data), a severity, the check it belongs to, a sentence a clerk understands and
// what to do about it. Errors make the identity unusable; warnings leave it usable but suspicious.
#include <string>
#include <string_view>
#include <vector>

#include "domain/identity/Message.h"

namespace da06::identity {

enum class Severity { Warning, Error };

// The checks shown to the clerk, one mark each, in this order.
enum class CheckKind {
    Payload,     // the QR text has the form of a CCCD code
    Diacritics,  // the text kept its Vietnamese diacritics (keyboard-wedge scanners lose them)
    IdNumber,    // 12 digits
    Province,    // PPP is one of the 63 codes
    Sex,         // G against the sex field
    BirthYear,   // G and YY against the date of birth
    DateOfBirth, // a real date, not in the future
    IssueDate,   // a real date, after birth, not in the future
    Expiry,      // not expired on the check date
    OldIdNumber, // 9 or 12 digits when present
};
inline constexpr int kCheckKindCount = 10;

// Stable machine name: "payload", "id_number", …
const char* checkKindName(CheckKind k);

enum class Problem {
    // errors
    EmptyPayload,
    InvalidUtf8,
    NotCccdPayload,
    SeparatorLost,
    IdMissing,
    IdNotTwelveDigits,
    NameMissing,
    DobMissing,
    DobInvalid,
    DobInFuture,
    IssueDateMissing,
    IssueDateInvalid,
    IssueBeforeBirth,
    IssueInFuture,
    SexMismatch,
    BirthYearMismatch,
    CardExpired,
    // warnings
    UnexpectedFieldCount,
    DiacriticsLost,
    UnknownProvince,
    SexUnrecognized,
    OldIdMalformed,
    IssuedBefore2016,
    IssuedUnder14,
    ImplausibleAge,
    SyllableBroken,
};
inline constexpr int kProblemCount = 26;

struct ProblemInfo {
    Problem problem;
    const char* code; // stable: "id_not_12_digits"
    Severity severity;
    CheckKind check;
    const char* text;   // msgid with %s slots (English)
    const char* advice; // what the clerk should do (msgid), or ""
};

const ProblemInfo& problemInfo(Problem p);

struct Finding {
    Problem problem = Problem::EmptyPayload;
    std::vector<std::string> args; // fills the %s slots of the text

    const ProblemInfo& info() const { return problemInfo(problem); }
    const char* code() const { return info().code; }
    Severity severity() const { return info().severity; }
    bool isError() const { return severity() == Severity::Error; }
    Message message() const { return Message{info().text, args}; }
};

} // namespace da06::identity
