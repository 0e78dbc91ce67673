#pragma once
// Chip authentication (ICAO Doc 9303 part 11 §6.2, §9.3: DG14's ChipAuthenticationInfo and public
// key; ECDH or DH key agreement with an ephemeral terminal key, MSE:Set AT + GENERAL AUTHENTICATE
// for AES or MSE:Set KAT for 3DES; new secure messaging keys, SSC = 0) and active authentication
// (§6.1: INTERNAL AUTHENTICATE with an 8-byte random challenge; RSA with ISO/IEC 9796-2 scheme 1 or
// ECDSA (plain r||s) verified with DG15's public key). Both detect a cloned chip.
// Chip authentication is done on OpenSSL's EVP key agreement directly: OpenPACE's CA functions
// (CA_STEP*) implement the version of TR-03110 that follows terminal authentication, not the
// eMRTD protocol without it.
#include <string>

#include "client/readers/emrtd/CardSession.h"

namespace da06::emrtd {

enum class AuthOutcome { Passed, Failed, NotSupported };
const char* authOutcomeName(AuthOutcome o); // "passed", "failed", "not_supported"

struct AuthResult {
    AuthOutcome outcome = AuthOutcome::NotSupported;
    std::string detail; // why it failed or is not supported (no personal data)
};

// Runs chip authentication with the keys of DG14 and, on success, replaces the session's secure
// messaging. Transport errors (card removed, cancelled) come back as errors; the protocol's own
// failure is AuthOutcome::Failed.
Result<AuthResult> performChipAuthentication(CardSession& session, ByteView dg14);

// Active authentication with DG15's key; dg14 (may be empty) names the ECDSA hash algorithm.
// fixedChallenge (tests) replaces the random one.
Result<AuthResult> performActiveAuthentication(CardSession& session, ByteView dg15, ByteView dg14,
                                               const Bytes* fixedChallenge = nullptr);

// The verification of an INTERNAL AUTHENTICATE answer (for tests).
AuthResult verifyActiveAuthentication(ByteView publicKeyDer, ByteView challenge, ByteView signature,
                                      const std::string& ecdsaHash);

} // namespace da06::emrtd
