// Passive authentication (ICAO 9303-11 §5.1; CMS per RFC 5652; X.509 path per RFC 5280) on OpenSSL 3.
#include "client/readers/emrtd/PassiveAuth.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "domain/identity/chip/Sod.h"

namespace da06::emrtd {

namespace {

struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
struct CmsFree {
    void operator()(CMS_ContentInfo* c) const { CMS_ContentInfo_free(c); }
};
struct StoreFree {
    void operator()(X509_STORE* s) const { X509_STORE_free(s); }
};
struct StoreCtxFree {
    void operator()(X509_STORE_CTX* s) const { X509_STORE_CTX_free(s); }
};
struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

std::string nameText(const X509_NAME* n)
{
    if (!n) {
        return "";
    }
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), n, 0, XN_FLAG_RFC2253);
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

std::vector<X509Ptr> loadCertificates(const std::filesystem::path& file)
{
    std::vector<X509Ptr> out;
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    if (bytes.find("-----BEGIN") != std::string::npos) {
        std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
        while (X509* x = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
            out.emplace_back(x);
        }
    } else {
        const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
        if (X509* x = d2i_X509(nullptr, &p, static_cast<long>(bytes.size()))) {
            out.emplace_back(x);
        }
    }
    opensslError(); // clear the queue of the failed PEM read at the end
    return out;
}

std::vector<X509Ptr> loadTrustFolder(const std::string& folder)
{
    std::vector<X509Ptr> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        if (!entry.is_regular_file(ec)) {
            continue;
        }
        std::string ext = entry.path().extension().string();
        for (char& c : ext) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (ext != ".pem" && ext != ".crt" && ext != ".cer" && ext != ".der") {
            continue;
        }
        for (auto& x : loadCertificates(entry.path())) {
            out.push_back(std::move(x));
        }
    }
    return out;
}

PassiveAuthentication failed(std::string reason, std::string detail)
{
    return PassiveAuthentication{PaResult::Failed, std::move(reason), std::move(detail), "", ""};
}

} // namespace

const char* paResultName(PaResult r)
{
    switch (r) {
    case PaResult::Verified:
        return "verified";
    case PaResult::Failed:
        return "failed";
    case PaResult::Unverified:
        return "unverified";
    }
    return "unverified";
}

PassiveAuthentication verifyPassive(const std::map<int, Bytes>& dataGroups, ByteView sodFile,
                                    const std::string& trustFolder)
{
    auto sod = chip::parseSod(sodFile);
    if (!sod) {
        return failed("sod_parse", "EF.SOD cannot be read: " + sod.error().message);
    }
    // 1. Hashes.
    const std::string hashName = chip::hashNameOfOid(sod->hashAlgorithm);
    auto alg = hashAlgorithmByName(hashName);
    if (!alg) {
        return failed("sod_hash_algorithm", "EF.SOD uses an unknown hash algorithm");
    }
    for (const auto& [dg, bytes] : dataGroups) {
        const auto it = sod->dataGroupHashes.find(dg);
        auto h = hash(*alg, bytes);
        if (it == sod->dataGroupHashes.end() || !h || h->size() != it->second.size() ||
            CRYPTO_memcmp(h->data(), it->second.data(), h->size()) != 0) {
            return failed("dg_hash:" + std::to_string(dg),
                          "data group " + std::to_string(dg) + " does not match its hash in EF.SOD");
        }
    }
    // 2. The CMS signature, with the document signer certificate inside EF.SOD.
    const unsigned char* p = sod->cms.data();
    std::unique_ptr<CMS_ContentInfo, CmsFree> cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(sod->cms.size())));
    if (!cms) {
        return failed("sod_parse", "EF.SOD is not a CMS structure OpenSSL accepts: " + opensslError());
    }
    STACK_OF(X509)* certs = CMS_get1_certs(cms.get());
    X509Ptr signer;
    if (certs && sk_X509_num(certs) > 0) {
        signer.reset(X509_dup(sk_X509_value(certs, 0)));
    }
    sk_X509_pop_free(certs, X509_free);
    if (!signer) {
        return failed("sod_signature", "EF.SOD carries no document signer certificate");
    }
    if (CMS_verify(cms.get(), nullptr, nullptr, nullptr, nullptr, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1) {
        return failed("sod_signature", "the signature of EF.SOD does not verify: " + opensslError());
    }
    PassiveAuthentication pa;
    pa.documentSignerSubject = nameText(X509_get_subject_name(signer.get()));
    // 3. The chain up to a CSCA of the trust folder.
    if (trustFolder.empty()) {
        pa.result = PaResult::Unverified;
        pa.reason = "no_trust_store";
        pa.detail = "no CSCA trust folder is configured";
        return pa;
    }
    std::vector<X509Ptr> anchors = loadTrustFolder(trustFolder);
    const X509_NAME* issuer = X509_get_issuer_name(signer.get());
    bool issuerKnown = false;
    std::unique_ptr<X509_STORE, StoreFree> store(X509_STORE_new());
    for (auto& a : anchors) {
        if (X509_NAME_cmp(X509_get_subject_name(a.get()), issuer) == 0) {
            issuerKnown = true;
        }
        X509_STORE_add_cert(store.get(), a.get());
    }
    if (!issuerKnown) {
        pa.result = PaResult::Unverified;
        pa.reason = "no_matching_csca";
        pa.detail = "no certificate of the trust folder is the document signer's issuer";
        return pa;
    }
    X509_STORE_set_flags(store.get(), X509_V_FLAG_NO_CHECK_TIME);
    std::unique_ptr<X509_STORE_CTX, StoreCtxFree> vctx(X509_STORE_CTX_new());
    if (!vctx || X509_STORE_CTX_init(vctx.get(), store.get(), signer.get(), nullptr) != 1) {
        return failed("certificate_chain", "cannot set up the certificate check: " + opensslError());
    }
    if (X509_verify_cert(vctx.get()) != 1) {
        const int err = X509_STORE_CTX_get_error(vctx.get());
        opensslError();
        return failed("certificate_chain",
                      std::string("the document signer certificate does not verify up to the CSCA: ") +
                          X509_verify_cert_error_string(err));
    }
    if (X509* top = X509_STORE_CTX_get0_current_issuer(vctx.get())) {
        pa.cscaSubject = nameText(X509_get_subject_name(top));
    }
    pa.result = PaResult::Verified;
    return pa;
}

} // namespace da06::emrtd
