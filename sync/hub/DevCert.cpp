#include "sync/hub/DevCert.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "domain/core/DurableFile.h"
#include "domain/crypto/Digest.h"
#include "sync/protocol/Auth.h"

namespace da06::hub {

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
    void operator()(X509* p) const { X509_free(p); }
};
struct FileClose {
    void operator()(FILE* f) const
    {
        if (f) {
            std::fclose(f);
        }
    }
};
struct ExtFree {
    void operator()(X509_EXTENSION* e) const { X509_EXTENSION_free(e); }
};
struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};

// What was written into a memory BIO.
std::string memoryText(BIO* mem)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(mem, &data);
    return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

Status addExtension(X509* cert, int nid, const char* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    std::unique_ptr<X509_EXTENSION, ExtFree> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) {
        return fail(ErrorCode::Internal, "cannot add a certificate extension");
    }
    return {};
}

Result<std::string> pinOf(X509* cert)
{
    EVP_PKEY* key = X509_get0_pubkey(cert);
    if (!key) {
        return fail(ErrorCode::InvalidInput, "the certificate has no public key");
    }
    const int len = i2d_PUBKEY(key, nullptr);
    if (len <= 0) {
        return fail(ErrorCode::Internal, "cannot encode the public key");
    }
    std::vector<unsigned char> der(static_cast<std::size_t>(len));
    unsigned char* p = der.data();
    i2d_PUBKEY(key, &p);
    const crypto::Sha256Digest digest = crypto::sha256(der.data(), der.size());
    return "sha256//" + sync::auth::base64Encode(digest);
}

} // namespace

Result<std::string> publicKeyPin(const std::filesystem::path& certFile)
{
    std::unique_ptr<FILE, FileClose> f(std::fopen(certFile.c_str(), "rb"));
    if (!f) {
        return fail(ErrorCode::NotFound, "cannot read the certificate " + certFile.string());
    }
    std::unique_ptr<X509, X509Free> cert(PEM_read_X509(f.get(), nullptr, nullptr, nullptr));
    if (!cert) {
        return fail(ErrorCode::InvalidInput, certFile.string() + " is not a PEM certificate");
    }
    return pinOf(cert.get());
}

Result<DevCertificate> ensureDevCertificate(const std::filesystem::path& dir)
{
    DevCertificate out{dir / "tls-dev-cert.pem", dir / "tls-dev-key.pem", {}};
    if (std::filesystem::exists(out.certFile) && std::filesystem::exists(out.keyFile)) {
        DA06_TRY(pin, publicKeyPin(out.certFile));
        out.pin = *pin;
        return out;
    }
    std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_EC_gen("P-256"));
    if (!key) {
        return fail(ErrorCode::Internal, "cannot generate a key for the development certificate");
    }
    std::unique_ptr<X509, X509Free> cert(X509_new());
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7F;
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 825L * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("DA06 hub (development)"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1,
                               0);
    X509_set_issuer_name(cert.get(), name);
    DA06_CHECK(addExtension(cert.get(), NID_basic_constraints, "critical,CA:TRUE"));
    DA06_CHECK(addExtension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign"));
    DA06_CHECK(addExtension(cert.get(), NID_ext_key_usage, "serverAuth"));
    DA06_CHECK(addExtension(cert.get(), NID_subject_key_identifier, "hash"));
    DA06_CHECK(addExtension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1"));
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) {
        return fail(ErrorCode::Internal, "cannot sign the development certificate");
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    // The key first (owner-only, written whole or not at all: core/DurableFile), then the
    // certificate, whose presence with the key means both are complete.
    std::string keyPem;
    {
        std::unique_ptr<BIO, BioFree> mem(BIO_new(BIO_s_mem()));
        if (!mem || PEM_write_bio_PrivateKey(mem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
            return fail(ErrorCode::Internal, "cannot encode the development key");
        }
        keyPem = memoryText(mem.get());
    }
    const Status keyWritten = writeFileDurably(out.keyFile, keyPem);
    sync::auth::wipe(keyPem.data(), keyPem.size());
    DA06_CHECK(keyWritten);
    std::unique_ptr<BIO, BioFree> mem(BIO_new(BIO_s_mem()));
    if (!mem || PEM_write_bio_X509(mem.get(), cert.get()) != 1) {
        return fail(ErrorCode::Internal, "cannot encode the development certificate");
    }
    DA06_CHECK(writeFileDurably(out.certFile, memoryText(mem.get())));
    DA06_TRY(pin, pinOf(cert.get()));
    out.pin = *pin;
    return out;
}

} // namespace da06::hub
