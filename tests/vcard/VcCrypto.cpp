#include "tests/vcard/VcCrypto.h"

#include <cstdio>
#include <stdexcept>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

namespace da06::vcard {
namespace {

struct CipherCtxFree {
    void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); }
};

Bytes runCipher(const EVP_CIPHER* cipher, const Bytes& key, const Bytes& iv, const Bytes& data, bool encrypt)
{
    std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
    if (!ctx ||
        !EVP_CipherInit_ex(ctx.get(), cipher, nullptr, key.data(), iv.empty() ? nullptr : iv.data(), encrypt ? 1 : 0)) {
        throw std::runtime_error("cipher initialisation failed");
    }
    EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
    Bytes out(data.size() + 32);
    int n1 = 0;
    int n2 = 0;
    if (!EVP_CipherUpdate(ctx.get(), out.data(), &n1, data.data(), static_cast<int>(data.size())) ||
        !EVP_CipherFinal_ex(ctx.get(), out.data() + n1, &n2)) {
        throw std::runtime_error("cipher operation failed");
    }
    out.resize(static_cast<std::size_t>(n1 + n2));
    return out;
}

} // namespace

Bytes sha1(const Bytes& data)
{
    Bytes out(SHA_DIGEST_LENGTH);
    SHA1(data.data(), data.size(), out.data());
    return out;
}

Bytes sha256(const Bytes& data)
{
    Bytes out(SHA256_DIGEST_LENGTH);
    SHA256(data.data(), data.size(), out.data());
    return out;
}

Bytes randomBytes(std::size_t n)
{
    Bytes out(n);
    if (RAND_bytes(out.data(), static_cast<int>(n)) != 1) {
        throw std::runtime_error("no random bytes");
    }
    return out;
}

Bytes pad(const Bytes& data, std::size_t block)
{
    Bytes out = data;
    out.push_back(0x80);
    while (out.size() % block != 0) {
        out.push_back(0x00);
    }
    return out;
}

std::optional<Bytes> unpad(const Bytes& data)
{
    std::size_t i = data.size();
    while (i > 0 && data[i - 1] == 0x00) {
        --i;
    }
    if (i == 0 || data[i - 1] != 0x80) {
        return std::nullopt;
    }
    return Bytes(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(i - 1));
}

Bytes tdesCbc(const Bytes& key16, const Bytes& iv, const Bytes& data, bool encrypt)
{
    return runCipher(EVP_des_ede_cbc(), key16, iv.empty() ? Bytes(8, 0) : iv, data, encrypt);
}

Bytes retailMac(const Bytes& key16, const Bytes& paddedData)
{
    if (paddedData.empty() || paddedData.size() % 8 != 0 || key16.size() != 16) {
        throw std::invalid_argument("retail MAC needs padded data and a 16-byte key");
    }
    Bytes ka(key16.begin(), key16.begin() + 8);
    Bytes kaka = concat({ka, ka}); // single DES as EDE with one key (no legacy provider needed)
    Bytes h(8, 0);
    std::size_t blocks = paddedData.size() / 8;
    if (blocks > 1) {
        Bytes head(paddedData.begin(), paddedData.end() - 8);
        Bytes enc = runCipher(EVP_des_ede_cbc(), kaka, Bytes(8, 0), head, true);
        h.assign(enc.end() - 8, enc.end());
    }
    Bytes last(paddedData.end() - 8, paddedData.end());
    for (int i = 0; i < 8; ++i) {
        last[static_cast<std::size_t>(i)] ^= h[static_cast<std::size_t>(i)];
    }
    return runCipher(EVP_des_ede_ecb(), key16, {}, last, true);
}

Bytes aesCbc(const Bytes& key, const Bytes& iv, const Bytes& data, bool encrypt)
{
    const EVP_CIPHER* c = key.size() == 32   ? EVP_aes_256_cbc()
                          : key.size() == 24 ? EVP_aes_192_cbc()
                                             : EVP_aes_128_cbc();
    return runCipher(c, key, iv, data, encrypt);
}

Bytes aesEncryptBlock(const Bytes& key, const Bytes& block16)
{
    const EVP_CIPHER* c = key.size() == 32   ? EVP_aes_256_ecb()
                          : key.size() == 24 ? EVP_aes_192_ecb()
                                             : EVP_aes_128_ecb();
    return runCipher(c, key, {}, block16, true);
}

Bytes aesCmac(const Bytes& key, const Bytes& data)
{
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "CMAC", nullptr);
    if (!mac) {
        throw std::runtime_error("no CMAC");
    }
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
    std::string cipherName = key.size() == 32 ? "AES-256-CBC" : key.size() == 24 ? "AES-192-CBC" : "AES-128-CBC";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipherName.data(), 0),
                           OSSL_PARAM_construct_end()};
    Bytes out(16);
    std::size_t outLen = 0;
    bool ok = ctx && EVP_MAC_init(ctx, key.data(), key.size(), params) &&
              EVP_MAC_update(ctx, data.data(), data.size()) && EVP_MAC_final(ctx, out.data(), &outLen, out.size());
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
    if (!ok) {
        throw std::runtime_error("CMAC failed");
    }
    out.resize(outLen);
    return out;
}

void adjustDesParity(Bytes& key)
{
    for (auto& b : key) {
        int ones = 0;
        for (int i = 1; i < 8; ++i) {
            ones += (b >> i) & 1;
        }
        b = static_cast<std::uint8_t>((b & 0xFE) | ((ones % 2 == 0) ? 1 : 0));
    }
}

Bytes kdf(const Bytes& secret, std::uint32_t counter, Cipher cipher)
{
    Bytes in = secret;
    in.push_back(static_cast<std::uint8_t>(counter >> 24));
    in.push_back(static_cast<std::uint8_t>(counter >> 16));
    in.push_back(static_cast<std::uint8_t>(counter >> 8));
    in.push_back(static_cast<std::uint8_t>(counter));
    Bytes h = sha1(in);
    OPENSSL_cleanse(in.data(), in.size());
    h.resize(16);
    if (cipher == Cipher::Tdes) {
        adjustDesParity(h);
    }
    return h;
}

PkeyPtr generateEcKey()
{
    return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "brainpoolP256r1"));
}

PkeyPtr readPrivateKeyPem(const std::string& path)
{
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        return nullptr;
    }
    EVP_PKEY* k = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    return PkeyPtr(k);
}

bool writePrivateKeyPem(EVP_PKEY* key, const std::string& path)
{
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) {
        return false;
    }
    bool ok = PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    return std::fclose(f) == 0 && ok;
}

Bytes publicKeyDer(EVP_PKEY* key)
{
    unsigned char* buf = nullptr;
    int n = i2d_PUBKEY(key, &buf);
    if (n <= 0) {
        throw std::runtime_error("cannot encode a public key");
    }
    Bytes out(buf, buf + n);
    OPENSSL_free(buf);
    return out;
}

Bytes ecPublicPoint(EVP_PKEY* key)
{
    std::size_t len = 0;
    if (!EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, nullptr, 0, &len)) {
        throw std::runtime_error("no public point");
    }
    Bytes out(len);
    EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, out.data(), out.size(), &len);
    out.resize(len);
    return out;
}

Bytes ecdhSharedX(EVP_PKEY* own, const Bytes& peerPoint)
{
    char group[64] = {};
    std::size_t glen = 0;
    if (!EVP_PKEY_get_utf8_string_param(own, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &glen)) {
        return {};
    }
    Bytes point = peerPoint;
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
                           OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()),
                           OSSL_PARAM_construct_end()};
    EVP_PKEY_CTX* fctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
    EVP_PKEY* peer = nullptr;
    if (!fctx || EVP_PKEY_fromdata_init(fctx) <= 0 ||
        EVP_PKEY_fromdata(fctx, &peer, EVP_PKEY_PUBLIC_KEY, params) <= 0) {
        EVP_PKEY_CTX_free(fctx);
        return {};
    }
    EVP_PKEY_CTX_free(fctx);
    PkeyPtr peerKey(peer);
    EVP_PKEY_CTX* check = EVP_PKEY_CTX_new(peer, nullptr);
    bool valid = check && EVP_PKEY_public_check(check) == 1;
    EVP_PKEY_CTX_free(check);
    if (!valid) {
        return {};
    }
    EVP_PKEY_CTX* dctx = EVP_PKEY_CTX_new(own, nullptr);
    Bytes out;
    std::size_t len = 0;
    if (dctx && EVP_PKEY_derive_init(dctx) > 0 && EVP_PKEY_derive_set_peer(dctx, peer) > 0 &&
        EVP_PKEY_derive(dctx, nullptr, &len) > 0) {
        out.resize(len);
        if (EVP_PKEY_derive(dctx, out.data(), &len) > 0) {
            out.resize(len);
        } else {
            out.clear();
        }
    }
    EVP_PKEY_CTX_free(dctx);
    return out;
}

Bytes ecdsaPlainSha256(EVP_PKEY* key, const Bytes& message)
{
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    std::size_t len = 0;
    Bytes der;
    bool ok = md && EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, key) == 1 &&
              EVP_DigestSign(md, nullptr, &len, message.data(), message.size()) == 1;
    if (ok) {
        der.resize(len);
        ok = EVP_DigestSign(md, der.data(), &len, message.data(), message.size()) == 1;
        der.resize(len);
    }
    EVP_MD_CTX_free(md);
    if (!ok) {
        throw std::runtime_error("ECDSA signature failed");
    }
    const unsigned char* p = der.data();
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
    if (!sig) {
        throw std::runtime_error("ECDSA signature unreadable");
    }
    Bytes out(64);
    BN_bn2binpad(ECDSA_SIG_get0_r(sig), out.data(), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig), out.data() + 32, 32);
    ECDSA_SIG_free(sig);
    return out;
}

} // namespace da06::vcard
