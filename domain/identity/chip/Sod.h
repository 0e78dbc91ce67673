#pragma once
// EF.SOD (ICAO Doc 9303 part 10 §4.6.2 and part 11 §5.1 / Appendix: tag 77 wrapping a CMS
// SignedData, RFC 5652): enough DER to get the encapsulated LDSSecurityObject (its hash algorithm
// and the hash of every data group) and the pieces the crypto layer verifies (the whole CMS
// ContentInfo, the document signer certificate). The signature is verified in client/readers/emrtd.
// Standard library only.
#include <map>
#include <string>

#include "domain/identity/chip/Tlv.h"

namespace da06::chip {

struct SecurityObject {
    int version = 0;
    std::string hashAlgorithm;            // dotted OID ("2.16.840.1.101.3.4.2.1" = SHA-256)
    std::map<int, Bytes> dataGroupHashes; // DG number → hash
    Bytes cms;                            // the ContentInfo (DER) inside tag 77
    Bytes signedContent;                  // the eContent (the LDSSecurityObject DER)
    Bytes documentSigner;                 // first certificate of SignedData.certificates (DER), or empty
};

Result<SecurityObject> parseSod(ByteView file);

// "sha256" etc. for the hash OIDs of 9303-12 (SHA-1, -224, -256, -384, -512); "" when unknown.
std::string hashNameOfOid(const std::string& dotted);

} // namespace da06::chip
