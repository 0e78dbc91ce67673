#include "tests/sync/hub/HubTestSupport.h"

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <stdexcept>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <curl/curl.h>

#include "sync/protocol/Auth.h"
#include "sync/protocol/Protocol.h"

namespace da06::hubtest {

namespace proto = da06::sync::protocol;

int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot find a free port");
    }
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

std::int64_t nowMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

namespace {

std::size_t collect(char* data, std::size_t size, std::size_t n, void* user)
{
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

struct CurlInit {
    CurlInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

} // namespace

HttpResult http(const std::string& method, const std::string& url, const std::string& body,
                const std::vector<std::string>& headers, const HttpOptions& options)
{
    static CurlInit init;
    HttpResult out;
    CURL* c = curl_easy_init();
    curl_slist* list = nullptr;
    for (const auto& h : headers) {
        list = curl_slist_append(list, h.c_str());
    }
    list = curl_slist_append(list, "Expect:");
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
    if (method == "POST") {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, options.timeoutMs);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    if (!options.caFile.empty()) {
        curl_easy_setopt(c, CURLOPT_CAINFO, options.caFile.c_str());
    }
    if (!options.pin.empty()) {
        curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, options.pin.c_str());
    }
    const CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
    } else {
        out.error = curl_easy_strerror(rc);
    }
    curl_slist_free_all(list);
    curl_easy_cleanup(c);
    return out;
}

std::string rawExchange(int port, const std::string& head, std::size_t bodyBytes, bool chunked, int timeoutMs)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return {};
    }
    std::string answer;
    auto readSome = [&](int waitMs) {
        pollfd p{fd, POLLIN, 0};
        while (::poll(&p, 1, waitMs) > 0) {
            char buf[4096];
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) {
                return false;
            }
            answer.append(buf, static_cast<std::size_t>(n));
            waitMs = 50;
        }
        return true;
    };
    ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
    const std::string chunk(65536, '{');
    std::size_t sent = 0;
    while (sent < bodyBytes) {
        const std::size_t n = std::min(chunk.size(), bodyBytes - sent);
        std::string piece = chunk.substr(0, n);
        if (chunked) {
            char size[32];
            std::snprintf(size, sizeof size, "%zx\r\n", n);
            piece = size + piece + "\r\n";
        }
        if (::send(fd, piece.data(), piece.size(), MSG_NOSIGNAL) < 0) {
            break; // the server closed: read its answer
        }
        sent += n;
    }
    if (chunked && sent >= bodyBytes) {
        ::send(fd, "0\r\n\r\n", 5, MSG_NOSIGNAL);
    }
    readSome(timeoutMs);
    ::close(fd);
    return answer;
}

std::vector<std::string> signedHeaders(const Credentials& c, const std::string& method, const std::string& uri,
                                       const std::string& body, std::int64_t timestamp, const std::string& nonce)
{
    const std::string canonical = proto::canonicalRequest(method, uri, timestamp, nonce, sync::auth::sha256Hex(body));
    return {std::string(proto::kHeaderDevice) + ": " + c.deviceId,
            std::string(proto::kHeaderTimestamp) + ": " + std::to_string(timestamp),
            std::string(proto::kHeaderNonce) + ": " + nonce,
            std::string(proto::kHeaderSignature) + ": " + sync::auth::hmacSha256Hex(c.secret, canonical),
            "Content-Type: application/json"};
}

// --- PostgreSQL ---

namespace {
const std::filesystem::path kPgBin = "/usr/lib/postgresql/15/bin";

void runOrThrow(const std::vector<std::string>& command, const std::string& what)
{
    std::vector<std::string> args(command.begin() + 1, command.end());
    auto r = test::runProgram(command.front(), args);
    if (r.exitCode != 0) {
        throw std::runtime_error(what + " failed (" + std::to_string(r.exitCode) + "): " + r.out + r.err);
    }
}
} // namespace

std::vector<std::string> PostgresCluster::asPostgres(const std::string& program) const
{
    if (::geteuid() == 0) {
        return {"/usr/sbin/runuser", "-u", "postgres", "--", (kPgBin / program).string()};
    }
    return {(kPgBin / program).string()};
}

PostgresCluster::PostgresCluster()
{
    m_port = freePort();
    if (::geteuid() == 0) {
        const passwd* pw = ::getpwnam("postgres");
        if (!pw) {
            throw std::runtime_error("no postgres user to run the test cluster");
        }
        if (::chown(m_dir.path().c_str(), pw->pw_uid, pw->pw_gid) != 0) {
            throw std::runtime_error("cannot give the cluster folder to postgres");
        }
    }
    const std::string data = (m_dir.path() / "data").string();
    auto initdb = asPostgres("initdb");
    initdb.insert(initdb.end(), {"-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"});
    runOrThrow(initdb, "initdb");
    start();
}

void PostgresCluster::start()
{
    const std::string data = (m_dir.path() / "data").string();
    auto start = asPostgres("pg_ctl");
    start.insert(start.end(), {"-D", data, "-l", (m_dir.path() / "server.log").string(), "-w", "-t", "60", "-o",
                               "-p " + std::to_string(m_port) + " -k " + m_dir.path().string() +
                                   " -c listen_addresses= -c max_connections=400 -c shared_buffers=64MB",
                               "start"});
    runOrThrow(start, "pg_ctl start");
    m_running = true;
}

void PostgresCluster::stop()
{
    if (m_running) {
        auto stop = asPostgres("pg_ctl");
        stop.insert(stop.end(), {"-D", (m_dir.path() / "data").string(), "-m", "fast", "-w", "stop"});
        runOrThrow(stop, "pg_ctl stop");
        m_running = false;
    }
}

PostgresCluster::~PostgresCluster()
{
    if (m_running) {
        auto stop = asPostgres("pg_ctl");
        stop.insert(stop.end(), {"-D", (m_dir.path() / "data").string(), "-m", "immediate", "-w", "stop"});
        std::vector<std::string> args(stop.begin() + 1, stop.end());
        (void)test::runProgram(stop.front(), args);
    }
}

std::string PostgresCluster::connectionString(const std::string& database) const
{
    return "host=" + m_dir.path().string() + " port=" + std::to_string(m_port) + " user=postgres dbname=" + database;
}

std::string PostgresCluster::newDatabase()
{
    const std::string name = "hub" + std::to_string(++m_databases);
    runOrThrow({(kPgBin / "createdb").string(), "-h", m_dir.path().string(), "-p", std::to_string(m_port), "-U",
                "postgres", name},
               "createdb");
    return connectionString(name);
}

PostgresCluster& sharedCluster()
{
    static PostgresCluster cluster;
    return cluster;
}

// --- the hub ---

std::filesystem::path hubProgram()
{
    return DA06_HUB_PROGRAM;
}

HubProcess::HubProcess(std::vector<std::string> backendArgs, std::filesystem::path logFile,
                       std::vector<std::string> extraArgs, std::map<std::string, std::string> env)
    : m_backendArgs(std::move(backendArgs)), m_extraArgs(std::move(extraArgs)), m_logFile(std::move(logFile)),
      m_env(std::move(env)), m_port(freePort())
{
}

HubProcess::~HubProcess()
{
    if (m_child) {
        kill9();
    }
}

void HubProcess::start()
{
    std::vector<std::string> args = m_backendArgs;
    args.insert(args.end(), m_extraArgs.begin(), m_extraArgs.end());
    args.insert(args.end(), {"--listen", "127.0.0.1:" + std::to_string(m_port), "--log", m_logFile.string()});
    if (std::find(m_extraArgs.begin(), m_extraArgs.end(), "--threads") == m_extraArgs.end()) {
        args.insert(args.end(), {"--threads", "8"});
    }
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_child = std::make_unique<test::Child>(hubProgram(), args, m_env);
        if (m_child->waitForLine("da06-hub: ready", 20000)) {
            return;
        }
        m_lastLines = m_child->lines();
        m_child->kill9();
        m_child->wait();
        m_child.reset();
        std::this_thread::sleep_for(std::chrono::milliseconds(200)); // the port may still be held
    }
    std::string out;
    for (const auto& l : m_lastLines) {
        out += l + "\n";
    }
    throw std::runtime_error("da06-hub did not start: " + out);
}

void HubProcess::kill9()
{
    if (m_child) {
        m_child->kill9();
        m_child->wait();
        m_lastLines = m_child->lines();
        m_child.reset();
    }
}

int HubProcess::terminate()
{
    if (!m_child) {
        return -1;
    }
    ::kill(m_child->pid(), SIGTERM);
    const int code = m_child->wait();
    m_lastLines = m_child->lines();
    m_child.reset();
    return code;
}

const std::vector<std::string>& HubProcess::lines() const
{
    return m_child ? m_child->lines() : m_lastLines;
}

} // namespace da06::hubtest
