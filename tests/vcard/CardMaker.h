#pragma once
// Builds the folder of a virtual CCCD: the ICAO 9303 data groups, EF.COM, EF.CardAccess, EF.SOD
// signed by a test document signer, and the chip's private keys (test data only).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/Error.h"
#include "tests/vcard/Bytes.h"

namespace da06::vcard {

// The person printed on the card (dates dd/MM/yyyy, sex "Nam" or "Nữ", UTF-8 NFC).
struct Person {
    std::string id; // 12 digits
    std::string fullName;
    std::string dateOfBirth;
    std::string sex;
    std::string nationality = "Việt Nam";
    std::string ethnicity = "Kinh";
    std::string religion = "Không";
    std::string placeOfOrigin;
    std::string residence;
    std::string features;
    std::string issueDate;
    std::string expiryDate;
    std::string father;
    std::string mother;
    std::string spouse; // empty: absent
    std::string oldId;  // empty: absent
};

const std::vector<Person>& defaultPeople();
Result<Person> loadPersonJson(const std::filesystem::path& file);
// The ID number agrees with the date of birth and sex (domain.md), the dates are real dates.
Status validatePerson(const Person& p);

int mrzCheckDigit(std::string_view s);
// The TD1 MRZ: three lines of 30 characters, concatenated (90 characters).
std::string makeMrz(const Person& p);

// File names inside a card folder.
namespace files {
inline constexpr const char* kCom = "com.bin";
inline constexpr const char* kCardAccess = "cardaccess.bin";
inline constexpr const char* kSod = "sod.bin";
inline constexpr const char* kCaKey = "ca-key.pem";
inline constexpr const char* kAaKey = "aa-key.pem";
inline constexpr const char* kFace = "face.jp2";
inline std::string dataGroup(int n) // "dg1.bin"
{
    return "dg" + std::to_string(n) + ".bin";
}
} // namespace files

// Test PKI: csca.pem (self-signed CSCA), ds.pem (document signer issued by it), ds.key.
Status makePki(const std::filesystem::path& dir);

struct MakeOptions {
    std::filesystem::path pkiDir; // holds ds.pem, ds.key (made here if missing)
    int tamperDataGroup = 0;      // 0: none
    bool activeAuthentication = true;
    bool chipAuthentication = true;
    unsigned seed = 1; // varies the drawn face
};

// Writes the card folder (created if needed; existing card files are replaced).
Status makeCard(const Person& p, const std::filesystem::path& dir, const MakeOptions& options);

// Flips one byte of a data-group file (after signing, so that its hash no longer matches).
Status tamperDataGroup(const std::filesystem::path& dir, int dg);

} // namespace da06::vcard
