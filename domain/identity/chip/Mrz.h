#pragma once
// The TD1 machine readable zone (3 lines of 30 characters) of ICAO Doc 9303 part 5, with every
// check digit verified (part 3 §4.9: weights 7-3-1; the long document number rule of part 5 §4.2.2
// note j), the Vietnamese CCCD layout (line 1 `IDVNM<9 digits><check><12-digit ID>…`), and the BAC
// "MRZ information" of part 11 §9.7.1 (document number + check, date of birth + check, date of
// expiry + check). Standard library only.
#include <optional>
#include <string>
#include <string_view>

#include "domain/core/Error.h"

namespace da06::chip {

// The check digit of an MRZ field (0-9 A-Z <); -1 when a character is not allowed.
int mrzCheckDigit(std::string_view field);

struct Td1Mrz {
    std::string documentCode;   // "ID"
    std::string issuingState;   // "VNM"
    std::string documentNumber; // without fillers; long numbers joined
    std::string optionalData1;  // line 1 optional data (after a long number's tail), fillers trimmed
    std::string dateOfBirth;    // YYMMDD
    char sex = '<';             // 'M', 'F', '<'
    std::string dateOfExpiry;   // YYMMDD
    std::string nationality;    // "VNM"
    std::string optionalData2;
    std::string surname;    // "NGUYEN"
    std::string givenNames; // "VAN AN"
    std::string idNumber12; // Vietnamese layout: the 12-digit number from the optional data
    std::string lines[3];
};

// Parses the 90 characters (line breaks and spaces between lines are allowed) and checks every
// check digit; an error names the field whose check digit is wrong.
Result<Td1Mrz> parseTd1(std::string_view text);

// The MRZ information BAC keys are derived from: doc number (padded to 9 with '<') + check,
// DOB + check, expiry + check.
Result<std::string> bacMrzInformation(std::string_view documentNumber, std::string_view dateOfBirthYymmdd,
                                      std::string_view dateOfExpiryYymmdd);
Result<std::string> bacMrzInformation(const Td1Mrz& mrz);
// From the 12-digit CCCD number (document number = its last 9 digits), DOB and expiry (YYMMDD).
Result<std::string> bacMrzInformationFromId12(std::string_view id12, std::string_view dateOfBirthYymmdd,
                                              std::string_view dateOfExpiryYymmdd);

// YYMMDD checks: six digits forming a real month/day.
bool isMrzDate(std::string_view yymmdd);

} // namespace da06::chip
