#pragma once
// SHA-256 and HMAC-SHA-256 in one place (OpenSSL stays behind this pair): the audit chain, ids
// derived from natural keys, evidence and backup checksums, the sync requests' signatures, the
// hub's certificate pin. Target da06::crypto. (The chip's protocol cryptography, which chooses
// its algorithms from the card, stays in client/readers/emrtd.)
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace da06::crypto {

using Sha256Digest = std::array<std::uint8_t, 32>;

// SHA-256 of data fed in pieces (a backup's key file and database, in that order).
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    Sha256& update(const void* data, std::size_t size);
    Sha256& update(std::string_view data) { return update(data.data(), data.size()); }
    // The digest of everything fed; the object is spent afterwards.
    Sha256Digest finish();

private:
    struct Context;
    std::unique_ptr<Context> m_ctx;
};

Sha256Digest sha256(const void* data, std::size_t size);
Sha256Digest sha256(std::string_view data);
// Lower-case hex of SHA-256(data) (64 digits).
std::string sha256Hex(const void* data, std::size_t size);
std::string sha256Hex(std::string_view data);

// Lower-case hex of HMAC-SHA-256(key, message) (64 digits); the raw MAC is wiped.
std::string hmacSha256Hex(std::span<const std::uint8_t> key, std::string_view message);

} // namespace da06::crypto
