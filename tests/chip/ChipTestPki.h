#pragma once
// Test material made with the OpenSSL C API and the image libraries: a CSCA and a document signer,
// an EF.SOD over given data groups, EC keys for chip and active authentication, DG14/DG15, and
// small JPEG / JPEG 2000 face images in a DG2.
#include <map>
#include <memory>
#include <string>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "domain/identity/chip/Tlv.h"

namespace chiptest {

using da06::chip::Bytes;

struct PkeyDeleter {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Deleter {
    void operator()(X509* x) const { X509_free(x); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using Cert = std::unique_ptr<X509, X509Deleter>;

Pkey ecKey(const char* curve = "P-256");
Cert makeCertificate(const std::string& subjectCn, EVP_PKEY* subjectKey, const std::string& issuerCn,
                     EVP_PKEY* issuerKey, bool ca);
Bytes certDer(X509* x);
std::string certPem(X509* x);
Bytes publicKeyDer(EVP_PKEY* key); // SubjectPublicKeyInfo

struct Pki {
    Pkey cscaKey;
    Cert csca;
    Pkey dsKey;
    Cert ds;
};
Pki makePki(const std::string& country = "VN");

// EF.SOD (tag 77) over the data groups (SHA-256), signed by the document signer.
Bytes makeSod(const std::map<int, Bytes>& dataGroups, const Pki& pki);

// DG14 with a ChipAuthenticationInfo (ECDH, AES-128) and the chip's public key; DG15 with a key.
Bytes makeDg14(EVP_PKEY* chipAuthKey);
Bytes makeDg15(EVP_PKEY* activeAuthKey);

// Images: w×h RGB gradient, and the DG2 wrapping one.
Bytes makeJpeg(int w, int h);
Bytes makeJpeg2000(int w, int h, bool jp2);
Bytes makeDg2(const Bytes& image, int w, int h);

// EF.CardAccess announcing PACE-ECDH-GM-AES-CBC-CMAC-128 on brainpoolP256r1 (parameter 13).
Bytes makeCardAccess();

} // namespace chiptest
