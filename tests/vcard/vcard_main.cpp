// da06_vcard: a virtual CCCD played to pcscd through the vsmartcard-vpcd reader driver.
// See README.md in this folder for the options and what the card does.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>

#include "tests/vcard/VirtualCard.h"

using namespace da06;
using namespace da06::vcard;

namespace {

volatile std::sig_atomic_t g_stop = 0;

void onSignal(int)
{
    g_stop = 1;
}

const char* kUsage =
    "usage: da06_vcard --card DIR [--port N] [--max-le N] [--remove-after N] [--delay-ms N]\n"
    "                  [--malformed N] [--select-mf SW] [--no-pace] [--can DIGITS] [--connect-timeout S]\n"
    "                  [--verbose]\n";

int usage(const std::string& why)
{
    std::cerr << "da06_vcard: " << why << "\n" << kUsage;
    return 2;
}

bool readAll(int fd, std::uint8_t* p, std::size_t n)
{
    while (n > 0) {
        ssize_t r = ::recv(fd, p, n, 0);
        // The driver writes the length and the APDU separately: acknowledge at once, or its Nagle
        // algorithm waits for our delayed ACK (40 ms per APDU).
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
        if (r == 0) {
            return false;
        }
        if (r < 0) {
            if (errno == EINTR && !g_stop) {
                continue;
            }
            return false;
        }
        p += r;
        n -= static_cast<std::size_t>(r);
    }
    return true;
}

bool sendMessage(int fd, const Bytes& payload)
{
    Bytes msg{static_cast<std::uint8_t>(payload.size() >> 8), static_cast<std::uint8_t>(payload.size())};
    append(msg, payload);
    std::size_t off = 0;
    while (off < msg.size()) {
        ssize_t w = ::send(fd, msg.data() + off, msg.size() - off, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR && !g_stop) {
                continue;
            }
            return false;
        }
        off += static_cast<std::size_t>(w);
    }
    return true;
}

int connectVpcd(int port, int timeoutSeconds)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
    while (!g_stop) {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) {
            return -1;
        }
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
            int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            return fd;
        }
        ::close(fd);
        if (std::chrono::steady_clock::now() >= deadline) {
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return -1;
}

bool parseNumber(const std::string& s, long min, long max, long& out)
{
    if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 9) {
        return false;
    }
    out = std::strtol(s.c_str(), nullptr, 10);
    return out >= min && out <= max;
}

} // namespace

int main(int argc, char** argv)
{
    std::string cardDir;
    long port = 35963;
    long removeAfter = 0;
    long delayMs = 0;
    long malformed = 0;
    long connectTimeout = 10;
    CardOptions options;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : std::string(); };
        long n = 0;
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return 0;
        } else if (a == "--no-pace") {
            options.noPace = true;
        } else if (a == "--verbose") {
            options.verbose = true;
        } else if (a == "--card") {
            cardDir = value();
        } else if (a == "--port") {
            if (!parseNumber(value(), 1, 65535, port)) {
                return usage("--port takes a TCP port");
            }
        } else if (a == "--max-le") {
            if (!parseNumber(value(), 1, 65536, n)) {
                return usage("--max-le takes a length 1..65536");
            }
            options.maxLe = static_cast<std::size_t>(n);
        } else if (a == "--remove-after") {
            if (!parseNumber(value(), 1, 1000000, removeAfter)) {
                return usage("--remove-after takes a number of APDUs");
            }
        } else if (a == "--delay-ms") {
            if (!parseNumber(value(), 0, 60000, delayMs)) {
                return usage("--delay-ms takes milliseconds 0..60000");
            }
        } else if (a == "--malformed") {
            if (!parseNumber(value(), 1, 1000000, malformed)) {
                return usage("--malformed takes the number of the response to garble (from 1)");
            }
        } else if (a == "--connect-timeout") {
            if (!parseNumber(value(), 0, 600, connectTimeout)) {
                return usage("--connect-timeout takes seconds");
            }
        } else if (a == "--select-mf") {
            std::string sw = value();
            Bytes b;
            try {
                b = fromHex(sw);
            } catch (const std::exception&) {
            }
            if (b.size() != 2) {
                return usage("--select-mf takes a status word in hex, e.g. 6D00");
            }
            options.selectMfSw = static_cast<std::uint16_t>((b[0] << 8) | b[1]);
        } else if (a == "--can") {
            std::string can = value();
            if (can.empty() || can.size() > 10 || can.find_first_not_of("0123456789") != std::string::npos) {
                return usage("--can takes digits");
            }
            options.canOverride = can;
        } else {
            return usage("unknown argument " + a);
        }
    }
    if (cardDir.empty()) {
        return usage("--card DIR is required");
    }
    auto card = VirtualCard::load(cardDir, options);
    if (!card) {
        std::cerr << "da06_vcard: " << card.error().message << "\n";
        return 1;
    }

    struct sigaction sa{};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: a blocked recv returns EINTR
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);

    int fd = connectVpcd(static_cast<int>(port), static_cast<int>(connectTimeout));
    if (fd < 0) {
        if (g_stop) {
            return 0;
        }
        std::cerr << "da06_vcard: cannot connect to the vpcd reader driver on 127.0.0.1:" << port
                  << " (is pcscd running with vsmartcard-vpcd?)\n";
        return 3;
    }
    std::cout << "da06_vcard ready on port " << port << std::endl;

    long apdus = 0;
    long responses = 0;
    int exitCode = 0;
    while (!g_stop) {
        std::uint8_t len[2];
        if (!readAll(fd, len, 2)) {
            break;
        }
        std::size_t n = (std::size_t(len[0]) << 8) | len[1];
        Bytes payload(n);
        if (n > 0 && !readAll(fd, payload.data(), n)) {
            break;
        }
        if (n == 1) {
            switch (payload[0]) {
            case 0: // power off
            case 1: // power on
            case 2: // reset
                (*card)->reset();
                break;
            case 4:
                if (!sendMessage(fd, (*card)->atr())) {
                    g_stop = 1;
                }
                break;
            default:
                break;
            }
            continue;
        }
        if (n == 0) {
            continue;
        }
        if (delayMs > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        }
        if (options.verbose) {
            std::cerr << "vcard: > " << toHex(payload) << "\n";
        }
        Bytes response = (*card)->process(payload);
        ++responses;
        if (malformed != 0 && responses == malformed) {
            if ((*card)->lastResponseProtected() && response.size() >= 12) {
                response[response.size() - 3] ^= 0xFF; // the last byte of the DO8E MAC
            } else if (response.size() > 3) {
                std::size_t data = response.size() - 2;
                Bytes cut(response.begin(), response.begin() + static_cast<std::ptrdiff_t>(data / 2));
                cut.push_back(0x90);
                cut.push_back(0x00);
                response = cut; // a truncated TLV with a success status
            } else {
                response = {response.front()}; // a one-byte answer
            }
        }
        if (options.verbose) {
            std::cerr << "vcard: < " << toHex(response) << "\n";
        }
        if (!sendMessage(fd, response)) {
            break;
        }
        ++apdus;
        if (removeAfter != 0 && apdus >= removeAfter) {
            std::cerr << "da06_vcard: card removed after " << apdus << " APDUs\n";
            break;
        }
    }
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
    return exitCode;
}
