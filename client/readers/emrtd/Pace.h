#pragma once
// PACE with the CAN (ICAO Doc 9303 part 11 §4.4 and §9.2-9.5; BSI TR-03110): EF.CardAccess parsed
// by OpenPACE, MSE:Set AT and the four GENERAL AUTHENTICATE steps built here around OpenPACE's
// terminal-side steps (nonce, generic mapping, key agreement, key derivation, tokens). On success
// the AES (or 3DES) secure messaging keyed with PACE's session keys, SSC = 0. A wrong CAN (the chip
// answers 6300/63Cx/6982 to the last step) is AccessDenied; a chip that does not take part in
// PACE as announced is Protocol (the caller may fall back to BAC).
#include <string_view>

#include "client/readers/emrtd/CardSession.h"

namespace da06::emrtd {

// The PACE protocol announced by EF.CardAccess, as found by our own parser.
struct PaceAnnouncement {
    std::string protocol; // dotted OID ("0.4.0.127.0.7.2.2.4.2.2" = ECDH-GM-AES-CBC-CMAC-128)
    int parameterId = -1; // standardized domain parameters (13 = brainpoolP256r1), -1 when absent
};
// nullopt when EF.CardAccess announces no PACE.
std::optional<PaceAnnouncement> findPace(ByteView efCardAccess);

Result<SecureMessaging> performPace(CardSession& session, ByteView efCardAccess, std::string_view can);

} // namespace da06::emrtd
