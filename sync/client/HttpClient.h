#pragma once
// One HTTP(S) exchange with the hub over libcurl: TLS verification always on (a CA file for a hub
// with its own certificate, an optional public-key pin), plain http only for loopback URLs,
// connect timeout and a low-speed abort for stalled connections, cancellation. libcurl failures
// come back as da06::Error with a sentence a person can act on.
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/Error.h"

namespace da06::sync::client {

struct TransportOptions {
    std::optional<std::string> caFile; // PEM bundle trusted in place of the system's
    std::optional<std::string> pin;    // "sha256//BASE64" of the hub's public key
    long connectTimeoutSeconds = 10;
    long lowSpeedBytesPerSecond = 1; // below this for lowSpeedSeconds: the transfer is abandoned
    long lowSpeedSeconds = 20;
    long totalTimeoutSeconds = 300;
};

struct HttpResponse {
    long status = 0;
    std::string body;
    std::int64_t bytesSent = 0;
    std::int64_t bytesReceived = 0;
};

// Usage error unless url is https://…, or http:// to 127.0.0.1, [::1] or localhost.
Status checkServerUrl(std::string_view url);

class HttpClient {
public:
    explicit HttpClient(TransportOptions options) : m_options(std::move(options)) {}

    // method GET or POST; headers "Name: value". A cancel flag set while the transfer runs
    // aborts it (ErrorCode::Cancelled).
    Result<HttpResponse> request(std::string_view method, const std::string& url,
                                 const std::vector<std::string>& headers, const std::string& body,
                                 const std::atomic<bool>* cancel = nullptr);

private:
    TransportOptions m_options;
};

} // namespace da06::sync::client
