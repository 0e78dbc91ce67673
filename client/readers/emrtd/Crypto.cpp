// Symmetric crypto for BAC, PACE and secure messaging (ICAO 9303-11 §9.7, §9.8), OpenSSL 3 EVP.
#include "client/readers/emrtd/Crypto.h"

#include <memory>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

namespace da06::emrtd {

namespace {

struct CipherCtxFree {
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
struct MacFree {
    void operator()(EVP_MAC* m) const { EVP_MAC_free(m); }
};
struct MacCtxFree {
    void operator()(EVP_MAC_CTX* m) const { EVP_MAC_CTX_free(m); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* m) const { EVP_MD_CTX_free(m); }
};

Result<Bytes> cipher(const EVP_CIPHER* c, ByteView key, ByteView data, ByteView iv, bool encrypt)
{
    if (!c) {
        return fail(ErrorCode::Internal, "cipher not available: " + opensslError());
    }
    const auto block = static_cast<std::size_t>(EVP_CIPHER_get_block_size(c));
    if (block > 1 && data.size() % block != 0) {
        return fail(ErrorCode::Internal, "cipher input is not a multiple of the block size");
    }
    if (static_cast<int>(key.size()) != EVP_CIPHER_get_key_length(c)) {
        return fail(ErrorCode::Internal, "cipher key of the wrong size");
    }
    std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
    Bytes zeroIv(static_cast<std::size_t>(EVP_CIPHER_get_iv_length(c)), 0);
    const std::uint8_t* ivp = iv.empty() ? zeroIv.data() : iv.data();
    if (!iv.empty() && iv.size() != zeroIv.size()) {
        return fail(ErrorCode::Internal, "cipher IV of the wrong size");
    }
    if (!ctx ||
        EVP_CipherInit_ex2(ctx.get(), c, key.data(), zeroIv.empty() ? nullptr : ivp, encrypt ? 1 : 0, nullptr) != 1 ||
        EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1) {
        return fail(ErrorCode::Internal, "cipher set-up failed: " + opensslError());
    }
    Bytes out(data.size() + block);
    int n1 = 0;
    int n2 = 0;
    if (EVP_CipherUpdate(ctx.get(), out.data(), &n1, data.data(), static_cast<int>(data.size())) != 1 ||
        EVP_CipherFinal_ex(ctx.get(), out.data() + n1, &n2) != 1) {
        return fail(ErrorCode::Internal, "cipher failed: " + opensslError());
    }
    out.resize(static_cast<std::size_t>(n1 + n2));
    return out;
}

const EVP_CIPHER* aesCbc(std::size_t keySize)
{
    return keySize == 16   ? EVP_aes_128_cbc()
           : keySize == 24 ? EVP_aes_192_cbc()
           : keySize == 32 ? EVP_aes_256_cbc()
                           : nullptr;
}

} // namespace

SecretBytes& SecretBytes::operator=(SecretBytes&& o) noexcept
{
    if (this != &o) {
        clear();
        m_bytes = std::move(o.m_bytes);
        o.m_bytes.clear();
    }
    return *this;
}

void SecretBytes::clear()
{
    wipeVector(m_bytes);
}

void wipeBytes(void* p, std::size_t n)
{
    if (p && n) {
        OPENSSL_cleanse(p, n);
    }
}

void wipeVector(Bytes& b)
{
    wipeBytes(b.data(), b.size());
    b.clear();
}

Result<HashAlgorithm> hashAlgorithmByName(const std::string& name)
{
    if (name == "sha1") {
        return HashAlgorithm::Sha1;
    }
    if (name == "sha224") {
        return HashAlgorithm::Sha224;
    }
    if (name == "sha256") {
        return HashAlgorithm::Sha256;
    }
    if (name == "sha384") {
        return HashAlgorithm::Sha384;
    }
    if (name == "sha512") {
        return HashAlgorithm::Sha512;
    }
    return fail(ErrorCode::InvalidInput, "unsupported hash algorithm \"" + name + "\"");
}

Result<Bytes> hash(HashAlgorithm alg, ByteView data)
{
    const EVP_MD* md = nullptr;
    switch (alg) {
    case HashAlgorithm::Sha1:
        md = EVP_sha1();
        break;
    case HashAlgorithm::Sha224:
        md = EVP_sha224();
        break;
    case HashAlgorithm::Sha256:
        md = EVP_sha256();
        break;
    case HashAlgorithm::Sha384:
        md = EVP_sha384();
        break;
    case HashAlgorithm::Sha512:
        md = EVP_sha512();
        break;
    }
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int n = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &n, md, nullptr) != 1) {
        return fail(ErrorCode::Internal, "hash failed: " + opensslError());
    }
    out.resize(n);
    return out;
}

Bytes padIso9797(ByteView data, std::size_t block)
{
    Bytes out(data.begin(), data.end());
    out.push_back(0x80);
    while (out.size() % block != 0) {
        out.push_back(0x00);
    }
    return out;
}

Result<Bytes> unpadIso9797(ByteView data)
{
    std::size_t n = data.size();
    while (n > 0 && data[n - 1] == 0x00) {
        --n;
    }
    if (n == 0 || data[n - 1] != 0x80) {
        return fail(ErrorCode::AuthenticationFailed, "the decrypted data has no ISO 9797-1 padding");
    }
    return Bytes(data.begin(), data.begin() + static_cast<long>(n - 1));
}

Result<Bytes> des3CbcEncrypt(ByteView key16, ByteView data, ByteView iv)
{
    return cipher(EVP_des_ede_cbc(), key16, data, iv, true);
}

Result<Bytes> des3CbcDecrypt(ByteView key16, ByteView data, ByteView iv)
{
    return cipher(EVP_des_ede_cbc(), key16, data, iv, false);
}

Result<Bytes> aesCbcEncrypt(ByteView key, ByteView data, ByteView iv)
{
    return cipher(aesCbc(key.size()), key, data, iv, true);
}

Result<Bytes> aesCbcDecrypt(ByteView key, ByteView data, ByteView iv)
{
    return cipher(aesCbc(key.size()), key, data, iv, false);
}

Result<Bytes> aesEcbEncrypt(ByteView key, ByteView block16)
{
    const EVP_CIPHER* c = key.size() == 16   ? EVP_aes_128_ecb()
                          : key.size() == 24 ? EVP_aes_192_ecb()
                          : key.size() == 32 ? EVP_aes_256_ecb()
                                             : nullptr;
    return cipher(c, key, block16, {}, true);
}

Result<Bytes> aesCmac(ByteView key, ByteView data)
{
    std::unique_ptr<EVP_MAC, MacFree> mac(EVP_MAC_fetch(nullptr, "CMAC", nullptr));
    if (!mac) {
        return fail(ErrorCode::Internal, "CMAC not available: " + opensslError());
    }
    std::unique_ptr<EVP_MAC_CTX, MacCtxFree> ctx(EVP_MAC_CTX_new(mac.get()));
    const char* name = key.size() == 16 ? "AES-128-CBC" : key.size() == 24 ? "AES-192-CBC" : "AES-256-CBC";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, const_cast<char*>(name), 0),
        OSSL_PARAM_construct_end(),
    };
    Bytes out(16);
    std::size_t n = 0;
    if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1 ||
        EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1 ||
        EVP_MAC_final(ctx.get(), out.data(), &n, out.size()) != 1) {
        return fail(ErrorCode::Internal, "CMAC failed: " + opensslError());
    }
    out.resize(n);
    return out;
}

Result<Bytes> retailMac(ByteView key16, ByteView padded)
{
    if (key16.size() != 16 || padded.size() % 8 != 0 || padded.empty()) {
        return fail(ErrorCode::Internal, "retail MAC needs a 16-byte key and padded data");
    }
    // Single DES with K1 over every block (CBC), then decrypt with K2 and encrypt with K1 on the last
    // one. Single DES is run as 3DES with K1 = K2 = K3 (the legacy provider is not needed).
    SecretBytes k1(24);
    SecretBytes k2(24);
    for (int i = 0; i < 3; ++i) {
        std::copy(key16.begin(), key16.begin() + 8, k1.data() + i * 8);
        std::copy(key16.begin() + 8, key16.begin() + 16, k2.data() + i * 8);
    }
    DA06_TRY(chain, cipher(EVP_des_ede3_cbc(), k1.view(), padded, {}, true));
    const ByteView last(chain->data() + chain->size() - 8, 8);
    DA06_TRY(d, cipher(EVP_des_ede3_ecb(), k2.view(), last, {}, false));
    DA06_TRY(e, cipher(EVP_des_ede3_ecb(), k1.view(), *d, {}, true));
    return std::move(*e);
}

void adjustDesParity(std::span<std::uint8_t> key)
{
    for (std::uint8_t& b : key) {
        int ones = 0;
        for (int i = 1; i < 8; ++i) {
            ones += (b >> i) & 1;
        }
        b = static_cast<std::uint8_t>((b & 0xFE) | (ones % 2 == 0 ? 1 : 0));
    }
}

Result<SecretBytes> deriveKey(ByteView secret, std::uint32_t counter, KeyKind kind)
{
    SecretBytes input(secret.size() + 4);
    std::copy(secret.begin(), secret.end(), input.data());
    for (int i = 0; i < 4; ++i) {
        input.data()[secret.size() + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(counter >> (24 - 8 * i));
    }
    const bool sha256 = kind == KeyKind::Aes192 || kind == KeyKind::Aes256;
    DA06_TRY(h, hash(sha256 ? HashAlgorithm::Sha256 : HashAlgorithm::Sha1, input.view()));
    const std::size_t n = kind == KeyKind::Aes192 ? 24 : kind == KeyKind::Aes256 ? 32 : 16;
    SecretBytes key(ByteView(h->data(), n));
    wipeVector(*h);
    if (kind == KeyKind::Des3) {
        adjustDesParity(std::span<std::uint8_t>(key.data(), key.size()));
    }
    return key;
}

Result<Bytes> randomBytes(std::size_t n)
{
    Bytes out(n);
    if (n && RAND_bytes(out.data(), static_cast<int>(n)) != 1) {
        return fail(ErrorCode::Internal, "no random bytes: " + opensslError());
    }
    return out;
}

std::string opensslError()
{
    const unsigned long e = ERR_get_error();
    ERR_clear_error();
    if (e == 0) {
        return "no detail";
    }
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    return buf;
}

} // namespace da06::emrtd
