#pragma once
// The symmetric cryptography of ICAO Doc 9303 part 11 on OpenSSL 3 EVP: 3DES-CBC (two-key), AES-CBC
// and ECB, AES-CMAC (NIST SP 800-38B), the ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC", §9.8.6.1),
// ISO/IEC 9797-1 padding method 2, the key derivation function of §9.7.1, DES parity, SHA-1/2.
// Key material lives in SecretBytes, wiped with OPENSSL_cleanse when released.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "domain/core/Error.h"

namespace da06::emrtd {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// Bytes of a key: not copyable (clone() says so), wiped on destruction.
class SecretBytes {
public:
    SecretBytes() = default;
    explicit SecretBytes(ByteView b) : m_bytes(b.begin(), b.end()) {}
    explicit SecretBytes(std::size_t n) : m_bytes(n) {}
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;
    SecretBytes(SecretBytes&& o) noexcept : m_bytes(std::move(o.m_bytes)) { o.m_bytes.clear(); }
    SecretBytes& operator=(SecretBytes&& o) noexcept;
    ~SecretBytes() { clear(); }

    std::uint8_t* data() { return m_bytes.data(); }
    const std::uint8_t* data() const { return m_bytes.data(); }
    std::size_t size() const { return m_bytes.size(); }
    bool empty() const { return m_bytes.empty(); }
    ByteView view() const { return m_bytes; }
    SecretBytes clone() const { return SecretBytes(view()); }
    void clear();

private:
    std::vector<std::uint8_t> m_bytes;
};

// Wipes memory in a way the optimizer keeps.
void wipeBytes(void* p, std::size_t n);
// Wipes and empties a vector.
void wipeVector(Bytes& b);

enum class HashAlgorithm { Sha1, Sha224, Sha256, Sha384, Sha512 };
// "sha1", "sha256", … → algorithm; error for anything else.
Result<HashAlgorithm> hashAlgorithmByName(const std::string& name);
Result<Bytes> hash(HashAlgorithm alg, ByteView data);

// ISO/IEC 9797-1 padding method 2 (80 00…) to a multiple of block; unpad checks it.
Bytes padIso9797(ByteView data, std::size_t block);
Result<Bytes> unpadIso9797(ByteView data);

// Two-key 3DES (K1 K2 K1) in CBC mode without padding (data a multiple of 8). iv: 8 bytes or empty (zero).
Result<Bytes> des3CbcEncrypt(ByteView key16, ByteView data, ByteView iv = {});
Result<Bytes> des3CbcDecrypt(ByteView key16, ByteView data, ByteView iv = {});
// AES-128/192/256 CBC without padding; iv 16 bytes.
Result<Bytes> aesCbcEncrypt(ByteView key, ByteView data, ByteView iv);
Result<Bytes> aesCbcDecrypt(ByteView key, ByteView data, ByteView iv);
Result<Bytes> aesEcbEncrypt(ByteView key, ByteView block16);
// AES-CMAC over data (full 16 bytes; callers truncate to 8).
Result<Bytes> aesCmac(ByteView key, ByteView data);
// ISO 9797-1 MAC algorithm 3 with DES, on data already padded to 8 (the retail MAC of BAC).
Result<Bytes> retailMac(ByteView key16, ByteView paddedData);

// Sets the DES odd parity bit of every byte.
void adjustDesParity(std::span<std::uint8_t> key);
// §9.7.1 KDF(K, c): 3DES → SHA-1(K || c) first 16 bytes, parity adjusted; AES-128 → SHA-1 first 16;
// AES-192 → SHA-256 first 24; AES-256 → SHA-256. counter 1 = encryption, 2 = MAC, 3 = PACE password.
enum class KeyKind { Des3, Aes128, Aes192, Aes256 };
Result<SecretBytes> deriveKey(ByteView secret, std::uint32_t counter, KeyKind kind);

// Random bytes from OpenSSL's CSPRNG.
Result<Bytes> randomBytes(std::size_t n);

// The first OpenSSL error as text, and the queue cleared (for messages).
std::string opensslError();

} // namespace da06::emrtd
