// Chip authentication (ICAO 9303-11 §6.2) and active authentication (§6.1) on OpenSSL 3.
#include "client/readers/emrtd/ChipAuth.h"

#include <memory>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "domain/identity/chip/DataGroups.h"
#include "domain/identity/chip/Tlv.h"

namespace da06::emrtd {

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct SigFree {
    void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

PkeyPtr readPublicKey(ByteView der)
{
    const unsigned char* p = der.data();
    return PkeyPtr(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())));
}

AuthResult failedWith(std::string detail)
{
    return AuthResult{AuthOutcome::Failed, std::move(detail)};
}

const EVP_MD* mdByName(const std::string& n)
{
    if (n == "sha1") {
        return EVP_sha1();
    }
    if (n == "sha224") {
        return EVP_sha224();
    }
    if (n == "sha384") {
        return EVP_sha384();
    }
    if (n == "sha512") {
        return EVP_sha512();
    }
    return EVP_sha256();
}

// ecdsa-plain-SHAx OIDs of BSI TR-03111 (0.4.0.127.0.7.1.1.4.1.n), named in DG14's
// ActiveAuthenticationInfo (2.23.136.1.1.5).
std::string ecdsaHashOfDg14(ByteView dg14)
{
    if (dg14.empty()) {
        return "sha256";
    }
    auto infos = chip::parseSecurityInfos(dg14);
    if (!infos) {
        return "sha256";
    }
    for (const auto& i : *infos) {
        if (i.protocol != "2.23.136.1.1.5") {
            continue;
        }
        auto t = chip::parseTlv(i.der);
        if (!t || t->children.size() < 3 || t->children[2].tag != 0x06) {
            continue;
        }
        auto alg = chip::oidToString(t->children[2].value);
        if (!alg) {
            continue;
        }
        static const std::pair<const char*, const char*> names[] = {{"0.4.0.127.0.7.1.1.4.1.1", "sha1"},
                                                                    {"0.4.0.127.0.7.1.1.4.1.2", "sha224"},
                                                                    {"0.4.0.127.0.7.1.1.4.1.3", "sha256"},
                                                                    {"0.4.0.127.0.7.1.1.4.1.4", "sha384"},
                                                                    {"0.4.0.127.0.7.1.1.4.1.5", "sha512"}};
        for (const auto& [oidText, name] : names) {
            if (*alg == oidText) {
                return name;
            }
        }
    }
    return "sha256";
}

AuthResult verifyRsa9796(EVP_PKEY* key, ByteView challenge, ByteView signature)
{
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new(key, nullptr));
    std::size_t n = static_cast<std::size_t>(EVP_PKEY_get_size(key));
    Bytes m(n);
    if (!ctx || EVP_PKEY_verify_recover_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1 ||
        EVP_PKEY_verify_recover(ctx.get(), m.data(), &n, signature.data(), signature.size()) != 1) {
        opensslError();
        return failedWith("the RSA signature cannot be opened");
    }
    m.resize(n);
    // ISO/IEC 9796-2 scheme 1: 6A || M1 || H || BC (SHA-1), or … || H || hashId CC.
    if (m.size() < 24 || (m[0] & 0xC0) != 0x40 || (m[0] & 0x0F) != 0x0A) {
        return failedWith("the RSA signature is not in ISO/IEC 9796-2 form");
    }
    std::size_t trailer = 1;
    HashAlgorithm alg = HashAlgorithm::Sha1;
    if (m.back() == 0xCC) {
        trailer = 2;
        switch (m[m.size() - 2]) {
        case 0x33:
            alg = HashAlgorithm::Sha1;
            break;
        case 0x34:
            alg = HashAlgorithm::Sha256;
            break;
        case 0x35:
            alg = HashAlgorithm::Sha512;
            break;
        case 0x36:
            alg = HashAlgorithm::Sha384;
            break;
        case 0x38:
            alg = HashAlgorithm::Sha224;
            break;
        default:
            return failedWith("the RSA signature names an unknown hash");
        }
    } else if (m.back() != 0xBC) {
        return failedWith("the RSA signature has no ISO/IEC 9796-2 trailer");
    }
    auto probe = hash(alg, Bytes{});
    const std::size_t hLen = probe ? probe->size() : 20;
    if (m.size() < 1 + hLen + trailer) {
        return failedWith("the RSA signature is too short");
    }
    const ByteView m1(m.data() + 1, m.size() - 1 - hLen - trailer);
    const ByteView h(m.data() + m.size() - trailer - hLen, hLen);
    Bytes input(m1.begin(), m1.end());
    input.insert(input.end(), challenge.begin(), challenge.end());
    auto expected = hash(alg, input);
    if (!expected || CRYPTO_memcmp(expected->data(), h.data(), hLen) != 0) {
        return failedWith("the chip's RSA signature of the challenge is wrong");
    }
    return AuthResult{AuthOutcome::Passed, ""};
}

AuthResult verifyEcdsa(EVP_PKEY* key, ByteView challenge, ByteView signature, const std::string& hashName)
{
    if (signature.empty() || signature.size() % 2 != 0) {
        return failedWith("the ECDSA signature has an odd length");
    }
    const std::size_t half = signature.size() / 2;
    std::unique_ptr<ECDSA_SIG, SigFree> sig(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(signature.data(), static_cast<int>(half), nullptr);
    BIGNUM* s = BN_bin2bn(signature.data() + half, static_cast<int>(half), nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return failedWith("the ECDSA signature cannot be read");
    }
    unsigned char* der = nullptr;
    const int derLen = i2d_ECDSA_SIG(sig.get(), &der);
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
    const bool ok =
        derLen > 0 && md && EVP_DigestVerifyInit(md.get(), nullptr, mdByName(hashName), nullptr, key) == 1 &&
        EVP_DigestVerify(md.get(), der, static_cast<std::size_t>(derLen), challenge.data(), challenge.size()) == 1;
    OPENSSL_free(der);
    opensslError();
    return ok ? AuthResult{AuthOutcome::Passed, ""}
              : failedWith("the chip's ECDSA signature of the challenge is wrong");
}

} // namespace

const char* authOutcomeName(AuthOutcome o)
{
    switch (o) {
    case AuthOutcome::Passed:
        return "passed";
    case AuthOutcome::Failed:
        return "failed";
    case AuthOutcome::NotSupported:
        return "not_supported";
    }
    return "not_supported";
}

AuthResult verifyActiveAuthentication(ByteView publicKeyDer, ByteView challenge, ByteView signature,
                                      const std::string& ecdsaHash)
{
    PkeyPtr key = readPublicKey(publicKeyDer);
    if (!key) {
        opensslError();
        return failedWith("DG15's public key cannot be read");
    }
    if (EVP_PKEY_is_a(key.get(), "RSA")) {
        return verifyRsa9796(key.get(), challenge, signature);
    }
    if (EVP_PKEY_is_a(key.get(), "EC")) {
        return verifyEcdsa(key.get(), challenge, signature, ecdsaHash);
    }
    return AuthResult{AuthOutcome::NotSupported, "DG15's key type is not supported"};
}

Result<AuthResult> performActiveAuthentication(CardSession& session, ByteView dg15, ByteView dg14,
                                               const Bytes* fixedChallenge)
{
    auto spki = chip::parseDg15(dg15);
    if (!spki) {
        return AuthResult{AuthOutcome::Failed, "DG15 cannot be read"};
    }
    Bytes challenge;
    if (fixedChallenge) {
        challenge = *fixedChallenge;
    } else {
        DA06_TRY(r, randomBytes(8));
        challenge = std::move(*r);
    }
    DA06_TRY(resp, session.send(CommandApdu{0x00, 0x88, 0x00, 0x00, challenge, 256}));
    if (resp->sw == 0x6D00 || resp->sw == 0x6E00) {
        return AuthResult{AuthOutcome::NotSupported, "the chip does not answer INTERNAL AUTHENTICATE"};
    }
    if (resp->sw != 0x9000 || resp->data.empty()) {
        return AuthResult{AuthOutcome::Failed, "INTERNAL AUTHENTICATE answered " + swText(resp->sw)};
    }
    return verifyActiveAuthentication(*spki, challenge, resp->data, ecdsaHashOfDg14(dg14));
}

Result<AuthResult> performChipAuthentication(CardSession& session, ByteView dg14)
{
    auto infos = chip::parseSecurityInfos(dg14);
    if (!infos) {
        return AuthResult{AuthOutcome::Failed, "DG14 cannot be read"};
    }
    const chip::SecurityInfo* caInfo = nullptr;
    const chip::SecurityInfo* caKey = nullptr;
    for (const auto& i : *infos) {
        if (i.protocol.starts_with(chip::oid::kChipAuthenticationPrefix) && i.version && !caInfo) {
            caInfo = &i;
        }
        if ((i.protocol == chip::oid::kPkEcdh || i.protocol == chip::oid::kPkDh) && !i.publicKeyDer.empty() && !caKey) {
            caKey = &i;
        }
    }
    if (!caKey) {
        return AuthResult{AuthOutcome::NotSupported, "DG14 holds no chip authentication key"};
    }
    // id-CA-ECDH-3DES-CBC-CBC (…3.2.1), id-CA-ECDH-AES-CBC-CMAC-128/192/256 (…3.2.2/3/4), DH alike (…3.1.x).
    std::string protocol = caInfo ? caInfo->protocol : std::string(chip::oid::kChipAuthenticationPrefix) + "2.1";
    const char last = protocol.back();
    const bool aes = last != '1';
    const KeyKind kind = last == '3'   ? KeyKind::Aes192
                         : last == '4' ? KeyKind::Aes256
                         : aes         ? KeyKind::Aes128
                                       : KeyKind::Des3;
    PkeyPtr chipKey = readPublicKey(caKey->publicKeyDer);
    if (!chipKey) {
        opensslError();
        return AuthResult{AuthOutcome::Failed, "DG14's chip authentication key cannot be read"};
    }
    // Ephemeral key on the chip key's domain parameters.
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> gen(EVP_PKEY_CTX_new(chipKey.get(), nullptr));
    EVP_PKEY* eph = nullptr;
    if (!gen || EVP_PKEY_keygen_init(gen.get()) != 1 || EVP_PKEY_keygen(gen.get(), &eph) != 1) {
        opensslError();
        return AuthResult{AuthOutcome::NotSupported, "the chip authentication key's parameters are not supported"};
    }
    PkeyPtr ephemeral(eph);
    std::size_t pubLen = 0;
    EVP_PKEY_get_octet_string_param(ephemeral.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, nullptr, 0, &pubLen);
    Bytes pub(pubLen);
    if (pubLen == 0 || EVP_PKEY_get_octet_string_param(ephemeral.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, pub.data(),
                                                       pub.size(), &pubLen) != 1) {
        opensslError();
        return AuthResult{AuthOutcome::NotSupported, "the ephemeral public key cannot be encoded"};
    }
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> derive(EVP_PKEY_CTX_new(ephemeral.get(), nullptr));
    std::size_t secretLen = 0;
    if (!derive || EVP_PKEY_derive_init(derive.get()) != 1 ||
        EVP_PKEY_derive_set_peer(derive.get(), chipKey.get()) != 1 ||
        EVP_PKEY_derive(derive.get(), nullptr, &secretLen) != 1) {
        opensslError();
        return AuthResult{AuthOutcome::Failed, "key agreement with the chip authentication key failed"};
    }
    SecretBytes secret(secretLen);
    if (EVP_PKEY_derive(derive.get(), secret.data(), &secretLen) != 1) {
        opensslError();
        return AuthResult{AuthOutcome::Failed, "key agreement with the chip authentication key failed"};
    }
    Bytes keyRef;
    if (caKey->keyId) {
        keyRef = chip::encodeTlv(0x84, Bytes{static_cast<std::uint8_t>(*caKey->keyId)});
    }
    if (aes) {
        DA06_TRY(oid, chip::oidFromString(protocol));
        Bytes mse = chip::encodeTlv(0x80, *oid);
        mse.insert(mse.end(), keyRef.begin(), keyRef.end());
        DA06_TRY(set, session.send(CommandApdu{0x00, 0x22, 0x41, 0xA4, mse, -1}));
        if (set->sw != 0x9000) {
            return AuthResult{AuthOutcome::Failed, "chip authentication MSE:Set AT answered " + swText(set->sw)};
        }
        DA06_TRY(ga, session.send(
                         CommandApdu{0x00, 0x86, 0x00, 0x00, chip::encodeTlv(0x7C, chip::encodeTlv(0x80, pub)), 256}));
        if (ga->sw != 0x9000) {
            return AuthResult{AuthOutcome::Failed,
                              "chip authentication GENERAL AUTHENTICATE answered " + swText(ga->sw)};
        }
    } else {
        Bytes kat = chip::encodeTlv(0x91, pub);
        kat.insert(kat.end(), keyRef.begin(), keyRef.end());
        DA06_TRY(set, session.send(CommandApdu{0x00, 0x22, 0x41, 0xA6, kat, -1}));
        if (set->sw != 0x9000) {
            return AuthResult{AuthOutcome::Failed, "chip authentication MSE:Set KAT answered " + swText(set->sw)};
        }
    }
    DA06_TRY(kEnc, deriveKey(secret.view(), 1, kind));
    DA06_TRY(kMac, deriveKey(secret.view(), 2, kind));
    session.startSecureMessaging(SecureMessaging(aes ? SmCipher::Aes : SmCipher::Des3, std::move(*kEnc),
                                                 std::move(*kMac), Bytes(aes ? 16 : 8, 0)));
    return AuthResult{AuthOutcome::Passed, ""};
}

} // namespace da06::emrtd
