#pragma once
// The HTTP(S) server of da06-hub (Poco HTTPServer, over SecureServerSocket for TLS).
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "sync/hub/HubService.h"

namespace da06::hub {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8443;
    bool plain = false; // HTTP, loopback only
    std::filesystem::path certFile, keyFile;
    int threads = 32;
    std::filesystem::path logFile; // empty: standard error
};

// One line per request: time, method, path (no query, no body), status, duration, device id.
class RequestLog {
public:
    explicit RequestLog(const std::filesystem::path& file);
    ~RequestLog();
    RequestLog(const RequestLog&) = delete;
    RequestLog& operator=(const RequestLog&) = delete;
    void write(const std::string& method, const std::string& path, int status, double millis,
               const std::string& device);

private:
    std::mutex m_mutex;
    std::FILE* m_file = nullptr;
    bool m_own = false;
};

class HubServer {
public:
    HubServer(HubService& service, RequestLog& log, ServerOptions options);
    ~HubServer();
    HubServer(const HubServer&) = delete;
    HubServer& operator=(const HubServer&) = delete;

    Status start();             // listening when it returns
    std::uint16_t port() const; // the port bound (when options.port is 0, the one chosen)
    void stop();                // finishes the requests in progress

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace da06::hub
