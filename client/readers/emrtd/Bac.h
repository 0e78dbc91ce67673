#pragma once
// Basic Access Control (ICAO Doc 9303 part 11 §4.3 and §9.7; worked example in Appendix D):
// K_seed from the MRZ information, KENC/KMAC, GET CHALLENGE, MUTUAL AUTHENTICATE, the session keys
// and the send sequence counter. A wrong key (the chip answers 6300 or 6982) is AccessDenied.
#include <optional>
#include <string_view>

#include "client/readers/emrtd/CardSession.h"

namespace da06::emrtd {

struct BacKeys {
    SecretBytes kEnc;
    SecretBytes kMac;
};

// K_seed = first 16 bytes of SHA-1(MRZ information).
Result<SecretBytes> bacKeySeed(std::string_view mrzInformation);
Result<BacKeys> deriveBacKeys(std::string_view mrzInformation);

// The terminal's random values (tests give the published ones; otherwise from the CSPRNG).
struct BacTerminalRandom {
    Bytes rndIfd; // 8
    Bytes kIfd;   // 16
};

// Runs BAC on session (which must not be secured yet) and returns the secure messaging it opens.
Result<SecureMessaging> performBac(CardSession& session, std::string_view mrzInformation,
                                   const BacTerminalRandom* fixedRandom = nullptr);

} // namespace da06::emrtd
