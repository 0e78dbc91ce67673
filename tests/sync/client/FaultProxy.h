#pragma once
// A misbehaving TCP proxy on loopback for the fault tests: one HTTP request per connection,
// forwarded to the hub, or cut in the middle of the request, stalled, answered 500 by the proxy,
// delivered with the answer dropped (a duplicate delivery when the desk sends it again), or with
// the answer cut in the middle.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace da06::synctest {

enum class ProxyMode { Pass, CutRequest, Stall, Answer500, DropResponse, CutResponse };

class FaultProxy {
public:
    // choose(n, requestLine): the mode of the n-th connection (0-based).
    FaultProxy(int upstreamPort, std::function<ProxyMode(int, const std::string&)> choose)
        : m_upstream(upstreamPort), m_choose(std::move(choose))
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        ::bind(m_listen, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::listen(m_listen, 64);
        socklen_t len = sizeof a;
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_accept = std::thread([this] { acceptLoop(); });
    }
    ~FaultProxy()
    {
        m_stop = true;
        m_accept.join();
        std::vector<std::thread> workers;
        {
            std::lock_guard lock(m_mutex);
            workers.swap(m_workers);
        }
        for (auto& t : workers) {
            t.join();
        }
        ::close(m_listen);
    }
    int port() const { return m_port; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    int count(ProxyMode m)
    {
        std::lock_guard lock(m_mutex);
        return m_counts[m];
    }
    void setUpstream(int port) { m_upstream = port; }

private:
    void acceptLoop()
    {
        int n = 0;
        while (!m_stop) {
            pollfd p{m_listen, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) {
                continue;
            }
            int c = ::accept(m_listen, nullptr, nullptr);
            if (c < 0) {
                continue;
            }
            const int index = n++;
            std::lock_guard lock(m_mutex);
            m_workers.emplace_back([this, c, index] { serve(c, index); });
        }
    }

    // Reads one HTTP message (head + Content-Length body); false on EOF/timeout before the end.
    bool readMessage(int fd, std::string& out, int timeoutMs)
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        std::size_t need = std::string::npos;
        while (!m_stop && std::chrono::steady_clock::now() < deadline) {
            if (need == std::string::npos) {
                auto end = out.find("\r\n\r\n");
                if (end != std::string::npos) {
                    std::size_t length = 0;
                    std::string head = out.substr(0, end);
                    for (auto& ch : head) {
                        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                    }
                    auto cl = head.find("content-length:");
                    if (cl != std::string::npos) {
                        length = std::stoul(head.substr(cl + 15));
                    }
                    need = end + 4 + length;
                }
            }
            if (need != std::string::npos && out.size() >= need) {
                return true;
            }
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) {
                continue;
            }
            char buf[65536];
            const ssize_t r = ::recv(fd, buf, sizeof buf, 0);
            if (r <= 0) {
                return false;
            }
            out.append(buf, static_cast<std::size_t>(r));
        }
        return false;
    }
    static void sendAll(int fd, const char* data, std::size_t size)
    {
        while (size > 0) {
            const ssize_t w = ::send(fd, data, size, MSG_NOSIGNAL);
            if (w <= 0) {
                return;
            }
            data += w;
            size -= static_cast<std::size_t>(w);
        }
    }
    int connectUpstream()
    {
        int u = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<std::uint16_t>(m_upstream.load()));
        if (::connect(u, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
            ::close(u);
            return -1;
        }
        return u;
    }
    void serve(int c, int index)
    {
        std::string request;
        if (!readMessage(c, request, 10000)) {
            ::close(c);
            return;
        }
        const std::string line = request.substr(0, request.find("\r\n"));
        const ProxyMode mode = m_choose(index, line);
        {
            std::lock_guard lock(m_mutex);
            ++m_counts[mode];
        }
        if (mode == ProxyMode::Stall) {
            const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(8);
            while (!m_stop && std::chrono::steady_clock::now() < until) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            ::close(c);
            return;
        }
        if (mode == ProxyMode::Answer500) {
            const std::string body = R"({"protocol":1,"error":"internal","message":"injected by the test proxy"})";
            const std::string resp =
                "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: " +
                std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
            sendAll(c, resp.data(), resp.size());
            ::close(c);
            return;
        }
        int u = connectUpstream();
        if (u < 0) {
            ::close(c);
            return;
        }
        if (mode == ProxyMode::CutRequest) {
            sendAll(u, request.data(), request.size() / 2);
            ::close(u);
            ::close(c);
            return;
        }
        sendAll(u, request.data(), request.size());
        std::string response;
        const bool complete = readMessage(u, response, 30000);
        ::close(u);
        if (!complete || mode == ProxyMode::DropResponse) {
            ::close(c);
            return;
        }
        sendAll(c, response.data(), mode == ProxyMode::CutResponse ? response.size() / 2 : response.size());
        ::close(c);
    }

    std::atomic<int> m_upstream;
    std::function<ProxyMode(int, const std::string&)> m_choose;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_accept;
    std::mutex m_mutex;
    std::vector<std::thread> m_workers;
    std::map<ProxyMode, int> m_counts;
};

} // namespace da06::synctest
