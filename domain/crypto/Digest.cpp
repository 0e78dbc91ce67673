#include "domain/crypto/Digest.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

#include "domain/core/Hex.h"

namespace da06::crypto {

// Failures of these calls are broken invariants (no SHA-256 in the OpenSSL build, no memory):
// they throw, and are caught once at the program's edge.
struct Sha256::Context {
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : m_ctx(std::make_unique<Context>())
{
    if (!m_ctx->md || EVP_DigestInit_ex(m_ctx->md, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
}

Sha256::~Sha256() = default;

Sha256& Sha256::update(const void* data, std::size_t size)
{
    if (EVP_DigestUpdate(m_ctx->md, data, size) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    return *this;
}

Sha256Digest Sha256::finish()
{
    Sha256Digest out{};
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(m_ctx->md, out.data(), &len) != 1 || len != out.size()) {
        throw std::runtime_error("SHA-256 failed");
    }
    return out;
}

Sha256Digest sha256(const void* data, std::size_t size)
{
    Sha256Digest out{};
    unsigned int len = 0;
    if (EVP_Digest(data, size, out.data(), &len, EVP_sha256(), nullptr) != 1 || len != out.size()) {
        throw std::runtime_error("SHA-256 failed");
    }
    return out;
}

Sha256Digest sha256(std::string_view data)
{
    return sha256(data.data(), data.size());
}

std::string sha256Hex(const void* data, std::size_t size)
{
    const Sha256Digest d = sha256(data, size);
    return hex::encode(d.data(), d.size());
}

std::string sha256Hex(std::string_view data)
{
    return sha256Hex(data.data(), data.size());
}

std::string hmacSha256Hex(std::span<const std::uint8_t> key, std::string_view message)
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    static const unsigned char empty = 0;
    const unsigned char* k = key.empty() ? &empty : key.data();
    if (!HMAC(EVP_sha256(), k, static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
              message.size(), mac, &len)) {
        throw std::runtime_error("HMAC-SHA256 failed");
    }
    std::string out = hex::encode(mac, len);
    OPENSSL_cleanse(mac, sizeof mac);
    return out;
}

} // namespace da06::crypto
