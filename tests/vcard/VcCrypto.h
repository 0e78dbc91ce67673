#pragma once
// The symmetric and elliptic-curve primitives of the virtual CCCD (ICAO 9303 part 11), on OpenSSL 3.
#include <memory>
#include <string>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "tests/vcard/Bytes.h"

namespace da06::vcard {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
struct X509Free {
    void operator()(X509* p) const { X509_free(p); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

enum class Cipher { Tdes, Aes128 };

Bytes sha1(const Bytes& data);
Bytes sha256(const Bytes& data);
Bytes randomBytes(std::size_t n);

// ISO/IEC 9797-1 padding method 2 (80 00 …) to a multiple of block.
Bytes pad(const Bytes& data, std::size_t block);
// Removes that padding; nullopt if it is not there.
std::optional<Bytes> unpad(const Bytes& data);

// Two-key 3DES in CBC mode, no padding (data a multiple of 8).
Bytes tdesCbc(const Bytes& key16, const Bytes& iv, const Bytes& data, bool encrypt);
// ISO/IEC 9797-1 MAC algorithm 3 (retail MAC) with DES, over already padded data.
Bytes retailMac(const Bytes& key16, const Bytes& paddedData);
Bytes aesCbc(const Bytes& key, const Bytes& iv, const Bytes& data, bool encrypt);
Bytes aesEncryptBlock(const Bytes& key, const Bytes& block16);
Bytes aesCmac(const Bytes& key, const Bytes& data); // 16 bytes

// ICAO 9303-11 §9.7.1 KDF: counter 1 = K_enc, 2 = K_mac (3 = PACE password key).
Bytes kdf(const Bytes& secret, std::uint32_t counter, Cipher cipher);
void adjustDesParity(Bytes& key);

// EC keys on brainpoolP256r1.
PkeyPtr generateEcKey();
PkeyPtr readPrivateKeyPem(const std::string& path); // nullptr if unreadable
bool writePrivateKeyPem(EVP_PKEY* key, const std::string& path);
Bytes publicKeyDer(EVP_PKEY* key);  // SubjectPublicKeyInfo
Bytes ecPublicPoint(EVP_PKEY* key); // uncompressed 04 || x || y
// ECDH with a peer's uncompressed point on the same curve: the x coordinate; empty on failure.
Bytes ecdhSharedX(EVP_PKEY* own, const Bytes& peerPoint);
// ECDSA with SHA-256, signature as plain r || s (BSI TR-03111), for active authentication.
Bytes ecdsaPlainSha256(EVP_PKEY* key, const Bytes& message);

} // namespace da06::vcard
