#pragma once
// A self-signed certificate for development (--tls-dev): for localhost and 127.0.0.1, made with
// the OpenSSL C API on first start and kept in the hub's data folder.
#include <filesystem>
#include <string>

#include "domain/core/Error.h"

namespace da06::hub {

struct DevCertificate {
    std::filesystem::path certFile, keyFile;
    std::string pin; // sha256//BASE64 of the SHA-256 of the public key (DER SubjectPublicKeyInfo)
};

// Creates DIR/tls-dev-cert.pem and DIR/tls-dev-key.pem (0600) unless they exist; returns them and the pin.
Result<DevCertificate> ensureDevCertificate(const std::filesystem::path& dir);
// The pin of the public key of a PEM certificate file.
Result<std::string> publicKeyPin(const std::filesystem::path& certFile);

} // namespace da06::hub
