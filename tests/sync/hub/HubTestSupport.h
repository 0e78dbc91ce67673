#pragma once
// Fixtures of the hub tests: a throwaway PostgreSQL cluster, da06-hub as a child process on a
// free loopback port, and a raw HTTP client (libcurl) that signs requests with da06::sync_auth.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/TestSupport.h"

namespace da06::hubtest {

int freePort();
std::int64_t nowMillis();

struct HttpResult {
    long status = 0; // 0: no answer (the transport failed)
    std::string body;
    std::string error; // the transport's error
};

struct HttpOptions {
    std::string caFile; // TLS: trust this certificate
    std::string pin;    // TLS: sha256//… public key pin
    long timeoutMs = 10000;
};

HttpResult http(const std::string& method, const std::string& url, const std::string& body = {},
                const std::vector<std::string>& headers = {}, const HttpOptions& options = {});

// Sends bytes on a plain TCP connection to 127.0.0.1:port and returns what comes back until the
// server closes or timeoutMs passes (for bodies curl would not send).
std::string rawExchange(int port, const std::string& head, std::size_t bodyBytes, bool chunked, int timeoutMs = 10000);

struct Credentials {
    std::string deviceId;
    std::vector<std::uint8_t> secret;
    std::string unit;
};

// The four authentication headers of PROTOCOL.md.
std::vector<std::string> signedHeaders(const Credentials& c, const std::string& method, const std::string& uri,
                                       const std::string& body, std::int64_t timestamp, const std::string& nonce);

// A PostgreSQL cluster in a temporary folder (initdb + pg_ctl, as the postgres user when root),
// on a free port with its socket in the folder; stopped and removed with the object.
class PostgresCluster {
public:
    PostgresCluster();
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster&) = delete;
    PostgresCluster& operator=(const PostgresCluster&) = delete;
    // Creates a new empty database; returns its libpq connection string.
    std::string newDatabase();
    std::string connectionString(const std::string& database) const;
    void stop(); // fast shutdown (the data stay)
    void start();

private:
    std::vector<std::string> asPostgres(const std::string& program) const;
    test::TempDir m_dir;
    int m_port = 0;
    int m_databases = 0;
    bool m_running = false;
};

// The cluster shared by the test cases of one program (started on first use).
PostgresCluster& sharedCluster();

std::filesystem::path hubProgram();

// da06-hub serving (--plain unless extra options say otherwise) on a fixed free port.
class HubProcess {
public:
    HubProcess(std::vector<std::string> backendArgs, std::filesystem::path logFile,
               std::vector<std::string> extraArgs = {"--plain"}, std::map<std::string, std::string> env = {});
    ~HubProcess();
    HubProcess(const HubProcess&) = delete;
    HubProcess& operator=(const HubProcess&) = delete;

    void start();    // waits for "da06-hub: ready"
    void kill9();    // SIGKILL and reap
    int terminate(); // SIGTERM; returns the exit code
    bool running() const { return m_child != nullptr; }
    int port() const { return m_port; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    const std::vector<std::string>& lines() const;

private:
    std::vector<std::string> m_backendArgs, m_extraArgs;
    std::filesystem::path m_logFile;
    std::map<std::string, std::string> m_env;
    int m_port;
    std::unique_ptr<test::Child> m_child;
    std::vector<std::string> m_lastLines;
};

} // namespace da06::hubtest
