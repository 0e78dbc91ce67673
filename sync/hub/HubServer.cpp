#include "sync/hub/HubServer.h"

#include <chrono>
#include <cstdio>
#include <istream>

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>

#include "domain/core/Clock.h"
#include "sync/protocol/Protocol.h"

namespace da06::hub {

namespace proto = da06::sync::protocol;

RequestLog::RequestLog(const std::filesystem::path& file)
{
    if (!file.empty()) {
        m_file = std::fopen(file.c_str(), "ae");
        m_own = m_file != nullptr;
    }
    if (!m_file) {
        m_file = stderr;
    }
}

RequestLog::~RequestLog()
{
    if (m_own) {
        std::fclose(m_file);
    }
}

void RequestLog::write(const std::string& method, const std::string& path, int status, double millis,
                       const std::string& device)
{
    const std::string when = SystemClock().nowIso8601();
    // The path comes from the network: keep it printable and short.
    std::string safePath;
    for (char c : path.substr(0, 200)) {
        safePath += (c > 32 && c < 127) ? c : '?';
    }
    std::string safeDevice;
    for (char c : device.substr(0, 64)) {
        safeDevice += (c > 32 && c < 127) ? c : '?';
    }
    std::lock_guard lock(m_mutex);
    std::fprintf(m_file, "%s %s %s %d %.1fms device=%s\n", when.c_str(), method.substr(0, 16).c_str(), safePath.c_str(),
                 status, millis, safeDevice.empty() ? "-" : safeDevice.c_str());
    std::fflush(m_file);
}

namespace {

class Handler final : public Poco::Net::HTTPRequestHandler {
public:
    Handler(HubService& service, RequestLog& log) : m_service(service), m_log(log) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        const auto start = std::chrono::steady_clock::now();
        HubReply reply;
        bool drained = true;
        HubRequest r;
        r.method = request.getMethod();
        r.uri = request.getURI();
        try {
            for (const auto& [name, value] : request) {
                std::string lowerName = name;
                for (char& c : lowerName) {
                    if (c >= 'A' && c <= 'Z') {
                        c = static_cast<char>(c - 'A' + 'a');
                    }
                }
                r.headers[lowerName] = value;
            }
            if (request.hasContentLength() &&
                request.getContentLength64() > static_cast<Poco::Int64>(proto::kMaxBodyBytes)) {
                reply = errorReply(413, "body_too_large", "the body is larger than 8 MiB");
                drained = false;
            } else if ((request.hasContentLength() || request.getChunkedTransferEncoding()) &&
                       !readBody(request.stream(), r.body)) {
                // (A request without Content-Length or chunked encoding has no body.)
                reply = errorReply(413, "body_too_large", "the body is larger than 8 MiB");
                drained = false;
            } else {
                reply = m_service.handle(r);
            }
        } catch (const std::exception& e) {
            std::fprintf(stderr, "da06-hub: a request failed: %s\n", e.what());
            reply = errorReply(500, "internal", "the hub failed; nothing was stored");
            drained = false;
        }
        try {
            response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
            response.setContentType(proto::kContentType);
            response.setContentLength64(static_cast<Poco::Int64>(reply.body.size()));
            if (!reply.allow.empty()) {
                response.set("Allow", reply.allow);
            }
            if (!drained) {
                response.setKeepAlive(false); // the rest of the body is not read: close the connection
            }
            response.send().write(reply.body.data(), static_cast<std::streamsize>(reply.body.size()));
        } catch (const std::exception&) {
            // The client went away: nothing to answer.
        }
        const double millis =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        m_log.write(r.method, r.uri.substr(0, r.uri.find('?')), reply.status, millis, reply.deviceId);
    }

private:
    static bool readBody(std::istream& in, std::string& body)
    {
        char buf[65536];
        while (in) {
            in.read(buf, sizeof buf);
            const auto n = in.gcount();
            if (n <= 0) {
                break;
            }
            body.append(buf, static_cast<std::size_t>(n));
            if (body.size() > proto::kMaxBodyBytes) {
                return false;
            }
        }
        return true;
    }

    HubService& m_service;
    RequestLog& m_log;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Factory(HubService& service, RequestLog& log) : m_service(service), m_log(log) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new Handler(m_service, m_log);
    }

private:
    HubService& m_service;
    RequestLog& m_log;
};

} // namespace

struct HubServer::Impl {
    HubService& service;
    RequestLog& log;
    ServerOptions options;
    std::unique_ptr<Poco::ThreadPool> pool;
    std::unique_ptr<Poco::Net::HTTPServer> server;
    std::uint16_t port = 0;
};

HubServer::HubServer(HubService& service, RequestLog& log, ServerOptions options)
    : m_impl(std::make_unique<Impl>(Impl{service, log, std::move(options), nullptr, nullptr, 0}))
{
}

HubServer::~HubServer()
{
    stop();
}

Status HubServer::start()
{
    auto& o = m_impl->options;
    try {
        const Poco::Net::SocketAddress address(o.host, o.port);
        if (o.plain && !(o.host == "127.0.0.1" || o.host == "localhost" || o.host == "::1")) {
            return fail(ErrorCode::Usage, "--plain serves HTTP on the loopback address only (127.0.0.1)");
        }
        std::unique_ptr<Poco::Net::ServerSocket> socket;
        if (o.plain) {
            socket = std::make_unique<Poco::Net::ServerSocket>(address, 256);
        } else {
            Poco::Net::initializeSSL();
            Poco::Net::Context::Ptr context = new Poco::Net::Context(
                Poco::Net::Context::TLS_SERVER_USE, o.keyFile.string(), o.certFile.string(), "",
                Poco::Net::Context::VERIFY_NONE, 9, false, "HIGH:!aNULL:!eNULL:!MD5:!RC4:!3DES:@STRENGTH");
            context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                                      Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
            socket = std::make_unique<Poco::Net::SecureServerSocket>(address, 256, context);
        }
        m_impl->port = socket->address().port();
        auto* params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(o.threads);
        params->setMaxQueued(1024);
        params->setKeepAlive(true);
        params->setKeepAliveTimeout(Poco::Timespan(5, 0));
        params->setMaxKeepAliveRequests(1000);
        params->setTimeout(Poco::Timespan(30, 0));
        params->setServerName("da06-hub");
        m_impl->pool = std::make_unique<Poco::ThreadPool>(2, o.threads + 2);
        m_impl->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(m_impl->service, m_impl->log),
                                                                 *m_impl->pool, *socket, params);
        m_impl->server->start();
    } catch (const Poco::Exception& e) {
        return fail(ErrorCode::Io,
                    "cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " + e.displayText());
    } catch (const std::exception& e) {
        return fail(ErrorCode::Io, "cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " + e.what());
    }
    return {};
}

std::uint16_t HubServer::port() const
{
    return m_impl->port;
}

void HubServer::stop()
{
    if (m_impl->server) {
        m_impl->server->stopAll(false);
        m_impl->pool->joinAll();
        m_impl->server.reset();
        m_impl->pool.reset();
    }
}

} // namespace da06::hub
