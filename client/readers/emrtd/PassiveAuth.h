#pragma once
// Passive authentication (ICAO Doc 9303 part 11 §5.1, part 12 for the PKI): every data group read
// is hashed and compared with EF.SOD's LDSSecurityObject; the CMS signature of EF.SOD is verified
// with the document signer certificate it carries; that certificate is verified up to a CSCA
// certificate found in a trust-store folder (.pem/.crt/.cer/.der files, PEM or DER, several
// certificates per PEM file allowed). Exactly one of three results:
//   verified   — hashes, signature and chain all good;
//   failed     — with the step: "dg_hash:N" (DG N differs or is not in the SOD), "sod_parse",
//                "sod_signature", "certificate_chain" (a CSCA with the issuer's name is in the
//                folder but the chain does not verify with it);
//   unverified — hashes and signature good, but no trust folder was given ("no_trust_store") or no
//                certificate in it has the document signer's issuer name ("no_matching_csca").
// Certificate validity dates are not checked against today (a document signer key is used for a
// few months and the documents it signed stay valid for years; 9303-12 §7.1.1).
#include <map>
#include <string>

#include "client/readers/emrtd/Crypto.h"

namespace da06::emrtd {

enum class PaResult { Verified, Failed, Unverified };
const char* paResultName(PaResult r); // "verified", "failed", "unverified"

struct PassiveAuthentication {
    PaResult result = PaResult::Unverified;
    std::string reason; // machine-readable step or cause ("" when verified)
    std::string detail; // a sentence (no personal data)
    std::string documentSignerSubject;
    std::string cscaSubject; // when a CSCA verified the chain
};

// dataGroups: DG number → the file as read. sod: EF.SOD as read. trustFolder: "" for none.
PassiveAuthentication verifyPassive(const std::map<int, Bytes>& dataGroups, ByteView sod,
                                    const std::string& trustFolder);

} // namespace da06::emrtd
