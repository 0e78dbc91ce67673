// TD1 MRZ (ICAO 9303-5 §4.2, check digits 9303-3 §4.9) and the BAC MRZ information (9303-11 §9.7.1).
#include "domain/identity/chip/Mrz.h"

#include "domain/identity/IdNumber.h"

namespace da06::chip {

namespace {

int charValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'Z') {
        return c - 'A' + 10;
    }
    if (c == '<') {
        return 0;
    }
    return -1;
}

std::string trimFillers(std::string_view s)
{
    while (!s.empty() && s.back() == '<') {
        s.remove_suffix(1);
    }
    return std::string(s);
}

Status checkField(std::string_view field, char check, const char* name)
{
    const int expected = mrzCheckDigit(field);
    if (expected < 0 || check != static_cast<char>('0' + expected)) {
        return fail(ErrorCode::InvalidInput, std::string("MRZ check digit of the ") + name + " is wrong");
    }
    return {};
}

std::string nameSpaces(std::string_view s)
{
    std::string out;
    for (char c : trimFillers(s)) {
        out.push_back(c == '<' ? ' ' : c);
    }
    // collapse runs of spaces
    std::string collapsed;
    for (char c : out) {
        if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) {
            continue;
        }
        collapsed.push_back(c);
    }
    while (!collapsed.empty() && collapsed.back() == ' ') {
        collapsed.pop_back();
    }
    return collapsed;
}

} // namespace

int mrzCheckDigit(std::string_view field)
{
    static constexpr int weights[] = {7, 3, 1};
    int sum = 0;
    for (std::size_t i = 0; i < field.size(); ++i) {
        const int v = charValue(field[i]);
        if (v < 0) {
            return -1;
        }
        sum += v * weights[i % 3];
    }
    return sum % 10;
}

bool isMrzDate(std::string_view s)
{
    if (s.size() != 6 || !identity::isAllDigits(s)) {
        return false;
    }
    const int month = (s[2] - '0') * 10 + (s[3] - '0');
    const int day = (s[4] - '0') * 10 + (s[5] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

Result<Td1Mrz> parseTd1(std::string_view text)
{
    std::string all;
    for (char c : text) {
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
            continue;
        }
        if (charValue(c) < 0) {
            return fail(ErrorCode::InvalidInput, "the MRZ holds a character other than 0-9, A-Z and <");
        }
        all.push_back(c);
    }
    if (all.size() != 90) {
        return fail(ErrorCode::InvalidInput,
                    "a TD1 MRZ has 3 lines of 30 characters (90), this one has " + std::to_string(all.size()));
    }
    Td1Mrz m;
    for (int i = 0; i < 3; ++i) {
        m.lines[i] = all.substr(static_cast<std::size_t>(i) * 30, 30);
    }
    const std::string_view l1 = m.lines[0];
    const std::string_view l2 = m.lines[1];
    const std::string_view l3 = m.lines[2];
    m.documentCode = trimFillers(l1.substr(0, 2));
    m.issuingState = trimFillers(l1.substr(2, 3));
    std::string_view optional1 = l1.substr(15, 15);
    if (l1[14] == '<' && l1[13] != '<') {
        // Long document number (9303-5 §4.2.2 note j): the rest and its check digit open the
        // optional data, followed by a filler.
        const std::size_t end = optional1.find('<');
        if (end == std::string_view::npos || end < 2) {
            return fail(ErrorCode::InvalidInput, "the MRZ's long document number has no check digit");
        }
        const std::string number = std::string(l1.substr(5, 9)) + std::string(optional1.substr(0, end - 1));
        DA06_CHECK(checkField(number, optional1[end - 1], "document number"));
        m.documentNumber = number;
        optional1 = optional1.substr(end);
    } else {
        DA06_CHECK(checkField(l1.substr(5, 9), l1[14], "document number"));
        m.documentNumber = trimFillers(l1.substr(5, 9));
    }
    m.optionalData1 = trimFillers(optional1);
    while (!m.optionalData1.empty() && m.optionalData1.front() == '<') {
        m.optionalData1.erase(m.optionalData1.begin());
    }
    DA06_CHECK(checkField(l2.substr(0, 6), l2[6], "date of birth"));
    DA06_CHECK(checkField(l2.substr(8, 6), l2[14], "date of expiry"));
    m.dateOfBirth = std::string(l2.substr(0, 6));
    m.dateOfExpiry = std::string(l2.substr(8, 6));
    if (!isMrzDate(m.dateOfBirth) || !isMrzDate(m.dateOfExpiry)) {
        return fail(ErrorCode::InvalidInput, "an MRZ date is not a real YYMMDD date");
    }
    m.sex = l2[7];
    if (m.sex != 'M' && m.sex != 'F' && m.sex != '<' && m.sex != 'X') {
        return fail(ErrorCode::InvalidInput, "the MRZ sex is not M, F or <");
    }
    m.nationality = trimFillers(l2.substr(15, 3));
    m.optionalData2 = trimFillers(l2.substr(18, 11));
    const std::string composite = std::string(l1.substr(5, 25)) + std::string(l2.substr(0, 7)) +
                                  std::string(l2.substr(8, 7)) + std::string(l2.substr(18, 11));
    DA06_CHECK(checkField(composite, l2[29], "whole MRZ (composite)"));
    const std::size_t sep = l3.find("<<");
    if (sep == std::string_view::npos) {
        m.surname = nameSpaces(l3);
    } else {
        m.surname = nameSpaces(l3.substr(0, sep));
        m.givenNames = nameSpaces(l3.substr(sep + 2));
    }
    // Vietnamese layout: IDVNM, 9-digit document number, check, the 12-digit number.
    if (m.issuingState == "VNM" && m.optionalData1.size() >= 12 &&
        identity::isAllDigits(m.optionalData1.substr(0, 12))) {
        m.idNumber12 = m.optionalData1.substr(0, 12);
    }
    return m;
}

Result<std::string> bacMrzInformation(std::string_view documentNumber, std::string_view dob, std::string_view expiry)
{
    if (documentNumber.empty()) {
        return fail(ErrorCode::InvalidInput, "the document number is empty");
    }
    std::string number(documentNumber);
    for (char c : number) {
        if (charValue(c) < 0) {
            return fail(ErrorCode::InvalidInput, "the document number holds a character other than 0-9, A-Z and <");
        }
    }
    while (number.size() < 9) {
        number.push_back('<');
    }
    if (!isMrzDate(dob)) {
        return fail(ErrorCode::InvalidInput, "the date of birth is not a YYMMDD date");
    }
    if (!isMrzDate(expiry)) {
        return fail(ErrorCode::InvalidInput, "the date of expiry is not a YYMMDD date");
    }
    std::string out = number + static_cast<char>('0' + mrzCheckDigit(number));
    out += std::string(dob) + static_cast<char>('0' + mrzCheckDigit(dob));
    out += std::string(expiry) + static_cast<char>('0' + mrzCheckDigit(expiry));
    return out;
}

Result<std::string> bacMrzInformation(const Td1Mrz& mrz)
{
    return bacMrzInformation(mrz.documentNumber, mrz.dateOfBirth, mrz.dateOfExpiry);
}

Result<std::string> bacMrzInformationFromId12(std::string_view id12, std::string_view dob, std::string_view expiry)
{
    if (id12.size() != 12 || !identity::isAllDigits(id12)) {
        return fail(ErrorCode::InvalidInput, "the card number must be 12 digits");
    }
    return bacMrzInformation(id12.substr(3), dob, expiry);
}

} // namespace da06::chip
