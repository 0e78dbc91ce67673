#include "domain/identity/Finding.h"

#include <array>

namespace da06::identity {

namespace {

constexpr const char* kSwitchScanner =
    DA06_N_("Switch the scanner to USB-COM (virtual serial port) mode by scanning the setting code in its "
            "manual, choose its port in the settings, and scan again.");
constexpr const char* kRescan =
    DA06_N_("Scan the QR code on the card again; if it still fails, check the card by eye or read its chip.");
constexpr const char* kRefuse =
    DA06_N_("Do not accept this card as proof of identity: ask for another identity document, or send the "
            "citizen to the police (Công an) to have the card checked.");
constexpr const char* kCheckByEye =
    DA06_N_("Compare the data with the printed card and the citizen before accepting it.");

using S = Severity;
using C = CheckKind;
using P = Problem;

// In the order of the enum (checked by problemInfo).
constexpr std::array<ProblemInfo, kProblemCount> kProblems{{
    {P::EmptyPayload, "empty_payload", S::Error, C::Payload, DA06_N_("The QR code holds no text."), kRescan},
    {P::InvalidUtf8, "invalid_utf8", S::Error, C::Payload,
     DA06_N_("The QR code text is not UTF-8 text, so it does not come from a citizen identity card."), kRescan},
    {P::NotCccdPayload, "not_cccd_payload", S::Error, C::Payload,
     DA06_N_("This is not the QR code of a citizen identity card (CCCD): it has %s field(s) separated by \"|\", "
             "at least 6 are expected."),
     DA06_N_("Scan the QR code on the front of the citizen identity card.")},
    {P::SeparatorLost, "separator_lost", S::Error, C::Payload,
     DA06_N_("The card number arrived but the \"|\" separators did not: the scanner is typing as a keyboard "
             "with another keyboard layout."),
     kSwitchScanner},
    {P::IdMissing, "id_missing", S::Error, C::IdNumber, DA06_N_("The card number is missing."), kRefuse},
    {P::IdNotTwelveDigits, "id_not_12_digits", S::Error, C::IdNumber,
     DA06_N_("The card number \"%s\" is not made of 12 digits."), kRefuse},
    {P::NameMissing, "name_missing", S::Error, C::Payload, DA06_N_("The full name is missing."), kRefuse},
    {P::DobMissing, "dob_missing", S::Error, C::DateOfBirth, DA06_N_("The date of birth is missing."), kRefuse},
    {P::DobInvalid, "dob_invalid", S::Error, C::DateOfBirth,
     DA06_N_("The date of birth \"%s\" is not a real date (ddmmyyyy)."), kRefuse},
    {P::DobInFuture, "dob_in_future", S::Error, C::DateOfBirth,
     DA06_N_("The date of birth %s is after the check date %s."), kRefuse},
    {P::IssueDateMissing, "issue_date_missing", S::Error, C::IssueDate, DA06_N_("The issue date is missing."), kRefuse},
    {P::IssueDateInvalid, "issue_date_invalid", S::Error, C::IssueDate,
     DA06_N_("The issue date \"%s\" is not a real date (ddmmyyyy)."), kRefuse},
    {P::IssueBeforeBirth, "issue_before_birth", S::Error, C::IssueDate,
     DA06_N_("The card was issued on %s, before the date of birth %s."), kRefuse},
    {P::IssueInFuture, "issue_in_future", S::Error, C::IssueDate,
     DA06_N_("The issue date %s is after the check date %s."),
     DA06_N_("Check the computer's date; if it is right, do not accept this card.")},
    {P::SexMismatch, "sex_mismatch", S::Error, C::Sex,
     DA06_N_("The card number says %s (its 4th digit is %s) but the card says \"%s\"."), kRefuse},
    {P::BirthYearMismatch, "birth_year_mismatch", S::Error, C::BirthYear,
     DA06_N_("The card number says born in %s but the date of birth is in %s."), kRefuse},
    {P::CardExpired, "card_expired", S::Error, C::Expiry,
     DA06_N_("The card expired on %s, when the holder reached the age of %s."),
     DA06_N_("The card is no longer valid: the citizen must have it renewed at the police (Công an); ask for "
             "another valid identity document meanwhile.")},
    {P::UnexpectedFieldCount, "unexpected_field_count", S::Warning, C::Payload,
     DA06_N_("The QR code has %s fields where cards have 6, 7 or 11; the fields were read by their position."),
     kCheckByEye},
    {P::DiacriticsLost, "diacritics_lost", S::Warning, C::Diacritics,
     DA06_N_("The text arrived without any Vietnamese diacritics (\"%s\"): the scanner is typing as a keyboard "
             "and loses them."),
     kSwitchScanner},
    {P::UnknownProvince, "unknown_province", S::Warning, C::Province,
     DA06_N_("The province code %s at the start of the card number is not one of the 63 province codes."), kCheckByEye},
    {P::SexUnrecognized, "sex_unrecognized", S::Warning, C::Sex,
     DA06_N_("The sex \"%s\" is neither \"Nam\" nor \"Nữ\", so it was not compared with the card number."),
     kCheckByEye},
    {P::OldIdMalformed, "old_id_malformed", S::Warning, C::OldIdNumber,
     DA06_N_("The old ID number \"%s\" has neither 9 nor 12 digits."), kCheckByEye},
    {P::IssuedBefore2016, "issued_before_2016", S::Warning, C::IssueDate,
     DA06_N_("The issue date %s is before 2016, when citizen identity cards were first issued."), kCheckByEye},
    {P::IssuedUnder14, "issued_under_14", S::Warning, C::IssueDate,
     DA06_N_("The card was issued on %s, before the holder was 14; until 1 July 2024 cards were issued from "
             "the age of 14 only."),
     kCheckByEye},
    {P::ImplausibleAge, "implausible_age", S::Warning, C::DateOfBirth,
     DA06_N_("The date of birth makes the holder %s years old."), kCheckByEye},
    {P::SyllableBroken, "syllable_broken", S::Warning, C::Diacritics,
     DA06_N_("\"%s\" cannot be a Vietnamese word (no vowel, or vowels that Vietnamese always writes with a "
             "mark): a letter with a diacritic was probably lost between the scanner and the computer."),
     DA06_N_("Compare the name and the address with the printed card. If letters are missing, switch the "
             "scanner to USB-COM (virtual serial port) mode by scanning the setting code in its manual, and "
             "scan again.")},
}};

} // namespace

const char* checkKindName(CheckKind k)
{
    switch (k) {
    case CheckKind::Payload:
        return "payload";
    case CheckKind::Diacritics:
        return "diacritics";
    case CheckKind::IdNumber:
        return "id_number";
    case CheckKind::Province:
        return "province";
    case CheckKind::Sex:
        return "sex";
    case CheckKind::BirthYear:
        return "birth_year";
    case CheckKind::DateOfBirth:
        return "date_of_birth";
    case CheckKind::IssueDate:
        return "issue_date";
    case CheckKind::Expiry:
        return "expiry";
    case CheckKind::OldIdNumber:
        return "old_id_number";
    }
    return "payload";
}

const ProblemInfo& problemInfo(Problem p)
{
    const auto i = static_cast<std::size_t>(p);
    static_assert(kProblems.back().problem == Problem::SyllableBroken, "kProblems follows the enum");
    return kProblems[i < kProblems.size() ? i : 0];
}

} // namespace da06::identity
