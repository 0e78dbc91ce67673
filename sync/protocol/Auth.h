#pragma once
// The cryptography of request authentication (OpenSSL): hashes and HMAC (from da06::crypto),
// constant-time comparison, random hex, base64. Target da06::sync_auth.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/crypto/Digest.h"

namespace da06::sync::auth {

// Lower-case hex of SHA-256(data), and of HMAC-SHA256(key, message): da06::crypto's.
using crypto::hmacSha256Hex;
using crypto::sha256Hex;
// Compares in a time that depends only on the lengths.
bool constantTimeEquals(std::string_view a, std::string_view b);
// bytes random bytes from the OS's CSPRNG, as 2*bytes lower-case hex digits.
std::string randomHex(std::size_t bytes);
// bytes random bytes.
std::vector<std::uint8_t> randomBytes(std::size_t bytes);

// Standard base64 (RFC 4648, with padding).
std::string base64Encode(std::span<const std::uint8_t> data);
// nullopt when text is not valid padded base64.
std::optional<std::vector<std::uint8_t>> base64Decode(std::string_view text);

// Wipes a buffer that held a secret (OPENSSL_cleanse).
void wipe(void* data, std::size_t size);

} // namespace da06::sync::auth

namespace da06::sync::protocol {
// The codec's users may also name these as da06::sync::protocol::sha256Hex etc.
using namespace da06::sync::auth;
} // namespace da06::sync::protocol
