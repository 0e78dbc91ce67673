#pragma once
// The LDS files of the CCCD chip (ICAO Doc 9303 part 10 §4.6-4.7): EF.COM (tag 60), DG1 (61, the
// TD1 MRZ in 5F1F), DG2 (75, the face: the image bytes and their format, ISO/IEC 19794-5 in a
// biometric information template), DG13 (6D, the Vietnamese personal data, keyed by field number),
// DG14 (6E, SecurityInfos: chip authentication keys) and DG15 (6F, the active authentication
// public key). Public keys are handed on as raw DER SubjectPublicKeyInfo for the crypto layer.
// Standard library only; text stays raw UTF-8 (checked); NFC is done at the edge (identity_text).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/identity/chip/Mrz.h"
#include "domain/identity/chip/Tlv.h"

namespace da06::chip {

// Data group number ↔ the tag of its file (1 ↔ 0x61 … 16 ↔ 0x70); 0 / 0 when unknown.
int dataGroupNumberOfTag(std::uint32_t tag);
std::uint32_t tagOfDataGroup(int number);
// The short file identifier / file identifier of a data group (DG1 = 0101 … DG16 = 0110).
std::uint16_t fileIdOfDataGroup(int number);

struct EfCom {
    std::string ldsVersion;      // "0107" (5F01)
    std::string unicodeVersion;  // "040000" (5F36)
    std::vector<int> dataGroups; // from the tag list (5C)
    bool lists(int dg) const;
};
Result<EfCom> parseEfCom(ByteView file);

struct Dg1 {
    Td1Mrz mrz;
};
Result<Dg1> parseDg1(ByteView file);

// DG13 fields by number (domain.md): 1 ID, 2 full name, 3 DOB (dd/MM/yyyy), 4 sex, 5 nationality,
// 6 ethnicity, 7 religion, 8 place of origin, 9 place of residence, 10 identifying features,
// 11 issue date, 12 expiry date, 13 {father, mother}, 14 spouse, 15/16 unverified.
struct Dg13 {
    std::string idNumber;
    std::string fullName;
    std::string dateOfBirth;
    std::string sex;
    std::string nationality;
    std::string ethnicity;
    std::string religion;
    std::string placeOfOrigin;
    std::string placeOfResidence;
    std::string identifyingFeatures;
    std::string issueDate;
    std::string expiryDate;
    std::string fatherName;
    std::string motherName;
    std::string spouseName;
    std::string oldIdNumber;                // field 15 or 16 when it is 9 or 12 digits
    std::map<int, std::string> otherFields; // unknown numbers (first string of each)
    std::vector<int> present;               // field numbers seen, in order
    std::vector<int> invalid;               // field numbers dropped (not a string, not UTF-8)
};
Result<Dg13> parseDg13(ByteView file);

enum class ImageFormat { Unknown, Jpeg, Jpeg2000Codestream, Jpeg2000Jp2 };
const char* imageFormatName(ImageFormat f); // "jpeg", "jpeg2000", "jp2", "unknown"
ImageFormat sniffImageFormat(ByteView data);

struct FaceImage {
    ImageFormat format = ImageFormat::Unknown;
    Bytes data;
    int declaredWidth = 0; // from the ISO 19794-5 header when present
    int declaredHeight = 0;
};
// The first face image of DG2.
Result<FaceImage> parseDg2(ByteView file);

// One SecurityInfo of DG14 / EF.CardAccess (9303-11 §9.2): its protocol OID and whole DER.
struct SecurityInfo {
    std::string protocol;           // dotted OID
    Bytes der;                      // the SEQUENCE
    std::optional<int> version;     // second element when an INTEGER
    std::optional<int> parameterId; // PACEInfo: third INTEGER; ChipAuthenticationInfo: keyId
    Bytes publicKeyDer;             // ChipAuthenticationPublicKeyInfo: the SubjectPublicKeyInfo
    std::optional<int> keyId;       // ChipAuthenticationPublicKeyInfo: keyId
};
// The SET of SecurityInfos in EF.CardAccess (bare SET 31) or DG14 (6E wrapping the SET).
Result<std::vector<SecurityInfo>> parseSecurityInfos(ByteView file);

// DG15: the active authentication key, raw DER SubjectPublicKeyInfo.
Result<Bytes> parseDg15(ByteView file);

// Well-known OIDs.
namespace oid {
inline constexpr const char* kPacePrefix = "0.4.0.127.0.7.2.2.4.";
inline constexpr const char* kChipAuthenticationPrefix = "0.4.0.127.0.7.2.2.3.";
inline constexpr const char* kPkEcdh = "0.4.0.127.0.7.2.2.1.2";
inline constexpr const char* kPkDh = "0.4.0.127.0.7.2.2.1.1";
inline constexpr const char* kLdsSecurityObject = "2.23.136.1.1.1";
inline constexpr const char* kSignedData = "1.2.840.113549.1.7.2";
} // namespace oid

} // namespace da06::chip
