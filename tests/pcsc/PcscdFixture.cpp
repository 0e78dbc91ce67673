#include "tests/pcsc/PcscdFixture.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

namespace da06::test {

namespace {

constexpr const char* kPcscdPath = "/usr/sbin/pcscd";
constexpr const char* kSocketPath = "/run/pcscd/pcscd.comm";
constexpr const char* kVpcdPrefix = "Virtual PCD";
constexpr int kFirstVpcdPort = 35963;

using Clock = std::chrono::steady_clock;

void sleepMs(int ms)
{
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

// Forks from one thread that lives as long as the process: the daemon gets SIGTERM
// (PR_SET_PDEATHSIG) when the thread that forked it ends, so that thread must not be a test's
// worker thread. Deliberately leaked (a detached thread waits on it until the process exits).
class Spawner {
public:
    static Spawner& get()
    {
        static Spawner* s = new Spawner;
        return *s;
    }

    // Starts program with argv, standard output and error to logPath (or /dev/null when empty);
    // returns the pid or -1.
    int spawn(const std::vector<std::string>& args, const std::string& logPath)
    {
        std::unique_lock lock(m_mutex);
        m_args = args;
        m_log = logPath.empty() ? std::string("/dev/null") : logPath;
        m_pid = 0;
        m_job = true;
        m_cv.notify_all();
        m_cv.wait(lock, [this] { return !m_job; });
        return m_pid;
    }

private:
    Spawner()
    {
        std::thread([this] { loop(); }).detach();
    }

    void loop()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_cv.wait(lock, [this] { return m_job; });
            m_pid = forkExec(m_args, m_log);
            m_job = false;
            m_cv.notify_all();
        }
    }

    static int forkExec(const std::vector<std::string>& args, const std::string& log)
    {
        std::vector<char*> argv;
        for (const auto& a : args) {
            argv.push_back(const_cast<char*>(a.c_str()));
        }
        argv.push_back(nullptr);
        const pid_t parent = getpid();
        const pid_t pid = fork();
        if (pid == 0) {
            // Only async-signal-safe calls from here on.
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (getppid() != parent) {
                _exit(127);
            }
            const int devnull = open("/dev/null", O_RDONLY);
            const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
            if (devnull >= 0) {
                dup2(devnull, 0);
            }
            if (out >= 0) {
                dup2(out, 1);
                dup2(out, 2);
            }
            setpgid(0, 0);
            execv(argv[0], argv.data());
            _exit(127);
        }
        return pid < 0 ? -1 : pid;
    }

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<std::string> m_args;
    std::string m_log;
    bool m_job = false;
    int m_pid = 0;
};

bool contextWorks()
{
    SCARDCONTEXT ctx = 0;
    if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx) != SCARD_S_SUCCESS) {
        return false;
    }
    SCardReleaseContext(ctx);
    return true;
}

bool socketAnswers()
{
    const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return false;
    }
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, kSocketPath, sizeof(addr.sun_path) - 1);
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    close(fd);
    return ok;
}

// The readers PC/SC lists now; empty on any failure.
std::vector<std::string> listReaders(std::string& why)
{
    SCARDCONTEXT ctx = 0;
    LONG rc = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx);
    if (rc != SCARD_S_SUCCESS) {
        why = std::string("SCardEstablishContext: ") + pcsc_stringify_error(rc);
        return {};
    }
    std::vector<std::string> names;
    DWORD len = 0;
    rc = SCardListReaders(ctx, nullptr, nullptr, &len);
    if (rc == SCARD_S_SUCCESS && len > 0) {
        std::string buf(len, '\0');
        rc = SCardListReaders(ctx, nullptr, buf.data(), &len);
        if (rc == SCARD_S_SUCCESS) {
            for (const char* p = buf.c_str(); *p; p += std::strlen(p) + 1) {
                names.emplace_back(p);
            }
        }
    }
    if (rc != SCARD_S_SUCCESS) {
        why = std::string("SCardListReaders: ") + pcsc_stringify_error(rc);
    }
    SCardReleaseContext(ctx);
    return names;
}

} // namespace

Pcscd& Pcscd::instance()
{
    static Pcscd fixture;
    return fixture;
}

namespace {
// Test processes that use the vpcd slots take turns, also across CTest runs (two developers' or
// helpers' runs on one machine): an exclusive lock held until the process exits. CTest's
// RESOURCE_LOCK vpcd does the same inside one run.
void lockVpcdSlots()
{
    const char* path = "/tmp/da06-vpcd.lock";
    const int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        throw std::runtime_error(std::string("cannot open ") + path + ": " + std::strerror(errno));
    }
    const auto deadline = Clock::now() + std::chrono::seconds(90);
    while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (Clock::now() >= deadline) {
            close(fd);
            throw std::runtime_error(std::string("another test process has held the vpcd readers for 90 s (") + path +
                                     ")");
        }
        sleepMs(50);
    }
    // fd stays open (close-on-exec, so pcscd does not inherit it) until the process exits.
}
} // namespace

Pcscd::Pcscd()
{
    lockVpcdSlots();
    std::string why;
    if (contextWorks() || socketAnswers()) {
        // Someone else's daemon: use it as it is.
        if (!waitForReaders(10000, why)) {
            throw std::runtime_error("pcscd is already running but does not list the vpcd readers (is "
                                     "vsmartcard-vpcd installed and was pcscd started after it?): " +
                                     why);
        }
        return;
    }
    if (!launch(why) || !waitForReaders(10000, why)) {
        throw std::runtime_error("cannot start pcscd for the tests: " + why);
    }
}

Pcscd::~Pcscd()
{
    if (m_pid > 0) {
        stop();
    }
}

bool Pcscd::launch(std::string& why)
{
    if (!std::filesystem::exists(kPcscdPath)) {
        why = std::string(kPcscdPath) + " is missing (apt-get install pcscd vsmartcard-vpcd)";
        return false;
    }
    std::error_code ec;
    std::filesystem::create_directories("/run/pcscd", ec);
    // DA06_PCSCD_LOG=file: the daemon's debug log goes there (it shows no APDU data without -a).
    const char* log = std::getenv("DA06_PCSCD_LOG");
    std::vector<std::string> args{kPcscdPath, "-f"};
    if (log != nullptr && *log != '\0') {
        args.emplace_back("-d");
    }
    const int pid = Spawner::get().spawn(args, log != nullptr ? log : "");
    if (pid <= 0) {
        why = "fork failed";
        return false;
    }
    m_pid = pid;
    m_stopped = false;
    // Wait for the socket; notice a daemon that exits at once (another one holds the pid file).
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < deadline) {
        int status = 0;
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            why =
                "pcscd exited at once (status " + std::to_string(status) + "); run `/usr/sbin/pcscd -f -d` to see why";
            return false;
        }
        if (contextWorks()) {
            return true;
        }
        sleepMs(20);
    }
    why = "pcscd did not answer within 10 s";
    return false;
}

bool Pcscd::waitForReaders(int timeoutMs, std::string& why)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        std::vector<std::string> all = listReaders(why);
        std::vector<std::string> vpcd;
        for (const auto& n : all) {
            if (n.rfind(kVpcdPrefix, 0) == 0) {
                vpcd.push_back(n);
            }
        }
        if (!vpcd.empty()) {
            std::sort(vpcd.begin(), vpcd.end());
            std::lock_guard lock(m_mutex);
            m_readers = vpcd;
            return true;
        }
        if (Clock::now() >= deadline) {
            if (why.empty()) {
                why = all.empty() ? std::string("no reader listed")
                                  : "no \"Virtual PCD\" reader among " + std::to_string(all.size()) + " readers";
            }
            return false;
        }
        sleepMs(50);
    }
}

std::string Pcscd::readerName(int slot) const
{
    std::lock_guard lock(m_mutex);
    if (slot >= 0 && static_cast<std::size_t>(slot) < m_readers.size()) {
        return m_readers[static_cast<std::size_t>(slot)];
    }
    return std::string(kVpcdPrefix) + " 00 0" + std::to_string(slot);
}

int Pcscd::vpcdPort(int slot) const
{
    return kFirstVpcdPort + slot;
}

bool Pcscd::running() const
{
    return contextWorks();
}

bool Pcscd::stop()
{
    if (m_pid <= 0) {
        return false;
    }
    kill(m_pid, SIGTERM);
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    int status = 0;
    bool gone = false;
    while (Clock::now() < deadline) {
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            gone = true;
            break;
        }
        sleepMs(10);
    }
    if (!gone) {
        kill(m_pid, SIGKILL);
        waitpid(m_pid, &status, 0);
    }
    m_pid = -1;
    m_stopped = true;
    return true;
}

bool Pcscd::start()
{
    if (!m_stopped) {
        return m_pid > 0 && running();
    }
    std::string why;
    if (launch(why)) {
        return waitForReaders(10000, why);
    }
    // Another daemon came up while ours was stopped (someone ran pcscd on this machine): use it,
    // without owning it, if it lists the vpcd readers.
    if (contextWorks()) {
        m_stopped = false;
        return waitForReaders(10000, why);
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// VpcdCard

namespace {
thread_local bool t_inCardThread = false;

bool readFull(int fd, std::uint8_t* p, std::size_t n)
{
    while (n > 0) {
        const ssize_t r = ::recv(fd, p, n, 0);
        if (r <= 0) {
            if (r < 0 && errno == EINTR) {
                continue;
            }
            return false;
        }
        p += r;
        n -= static_cast<std::size_t>(r);
    }
    return true;
}

bool sendMessage(int fd, const std::vector<std::uint8_t>& payload)
{
    std::vector<std::uint8_t> msg;
    msg.reserve(payload.size() + 2);
    msg.push_back(static_cast<std::uint8_t>(payload.size() >> 8));
    msg.push_back(static_cast<std::uint8_t>(payload.size() & 0xFF));
    msg.insert(msg.end(), payload.begin(), payload.end());
    const std::uint8_t* p = msg.data();
    std::size_t n = msg.size();
    while (n > 0) {
        const ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0) {
            if (w < 0 && errno == EINTR) {
                continue;
            }
            return false;
        }
        p += w;
        n -= static_cast<std::size_t>(w);
    }
    return true;
}
} // namespace

VpcdCard::Bytes VpcdCard::defaultAtr()
{
    return {0x3B, 0x80, 0x80, 0x01, 0x01};
}

VpcdCard::VpcdCard(int port, ApduHandler handler, Bytes atr)
    : m_port(port), m_handler(std::move(handler)), m_atr(std::move(atr))
{
}

VpcdCard::~VpcdCard()
{
    remove();
}

void VpcdCard::joinIfFinished()
{
    if (m_thread.joinable() && !m_connected) {
        m_thread.join();
    }
}

bool VpcdCard::insert()
{
    std::lock_guard lock(m_mutex);
    if (m_connected) {
        return true;
    }
    joinIfFinished();
    if (m_abruptEnd.exchange(false)) {
        // pcscd polls a slot every 400 ms: let it see the slot empty before a card comes back,
        // or it never notices that the card changed (and keeps the slot marked empty).
        const auto settled = m_endedAt + std::chrono::milliseconds(1000);
        if (Clock::now() < settled) {
            std::this_thread::sleep_until(settled);
        }
    }
    const auto deadline = Clock::now() + std::chrono::seconds(3);
    for (;;) {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return false;
        }
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(m_port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
            {
                std::lock_guard fdLock(m_fdMutex);
                m_fd = fd;
            }
            m_connected = true;
            m_thread = std::thread([this, fd] { serve(fd); });
            if (waitForReader(true, 3000)) {
                return true;
            }
            m_connected = false;
            shutdownSocket();
            m_thread.join();
            return false;
        }
        close(fd);
        if (Clock::now() >= deadline) {
            return false;
        }
        sleepMs(20);
    }
}

void VpcdCard::shutdownSocket()
{
    std::lock_guard lock(m_fdMutex);
    if (m_fd >= 0) {
        ::shutdown(m_fd, SHUT_RDWR);
    }
}

void VpcdCard::remove()
{
    if (t_inCardThread) {
        // From the APDU handler: cut the connection; the card thread ends after the handler.
        m_connected = false;
        shutdownSocket();
        return;
    }
    std::lock_guard lock(m_mutex);
    const bool wasConnected = m_thread.joinable();
    m_connected = false;
    shutdownSocket();
    if (m_thread.joinable()) {
        m_thread.join();
    }
    if (wasConnected) {
        waitForReader(false, 3000);
    }
}

bool VpcdCard::waitForReader(bool present, int timeoutMs) const
{
    const int slot = m_port - kFirstVpcdPort;
    const std::string reader = Pcscd::instance().readerName(slot);
    SCARDCONTEXT ctx = 0;
    if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx) != SCARD_S_SUCCESS) {
        return false; // no service: no reader to wait for
    }
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    bool reached = false;
    for (;;) {
        SCARD_READERSTATE state{};
        state.szReader = reader.c_str();
        state.dwCurrentState = SCARD_STATE_UNAWARE;
        const LONG rc = SCardGetStatusChange(ctx, 0, &state, 1);
        if (rc == SCARD_S_SUCCESS || rc == SCARD_E_TIMEOUT) {
            const bool isPresent =
                (state.dwEventState & SCARD_STATE_PRESENT) != 0 && (state.dwEventState & SCARD_STATE_MUTE) == 0;
            if (isPresent == present) {
                reached = true;
                break;
            }
        }
        if (Clock::now() >= deadline) {
            break;
        }
        sleepMs(10);
    }
    SCardReleaseContext(ctx);
    return reached;
}

void VpcdCard::serve(int fd)
{
    t_inCardThread = true;
    bool alive = true;
    for (;;) {
        // Acknowledge at once: vpcd writes without TCP_NODELAY, and a delayed ACK here would
        // cost ~40 ms per APDU (Nagle on its side waits for it).
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof(one));
        std::uint8_t head[2];
        if (!readFull(fd, head, 2)) {
            break;
        }
        const std::size_t len = (static_cast<std::size_t>(head[0]) << 8) | head[1];
        Bytes payload(len);
        if (len > 0 && !readFull(fd, payload.data(), len)) {
            break;
        }
        if (len == 1) {
            switch (payload[0]) {
            case 0: // power off
                break;
            case 1: // power on
                ++m_powerOns;
                break;
            case 2: // reset
                ++m_resets;
                break;
            case 4: // get ATR
                alive = sendMessage(fd, m_atr);
                break;
            default:
                break;
            }
            if (!alive) {
                break;
            }
            continue;
        }
        ++m_apdus;
        Bytes response;
        try {
            response = m_handler ? m_handler(payload) : Bytes{0x6D, 0x00};
        } catch (...) {
            response = {0x6F, 0x00};
        }
        if (!m_connected) {
            m_abruptEnd = true; // removed by the handler
            break;
        }
        if (!sendMessage(fd, response)) {
            break;
        }
    }
    if (m_connected) {
        m_abruptEnd = true; // the driver side went away (pcscd stopped)
    }
    m_connected = false;
    std::lock_guard lock(m_fdMutex);
    m_fd = -1;
    m_endedAt = Clock::now();
    ::close(fd);
}

bool waitForCard(const std::string& reader, bool present, int timeoutMs)
{
    SCARDCONTEXT ctx = 0;
    if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx) != SCARD_S_SUCCESS) {
        return false;
    }
    bool reached = false;
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!reached && std::chrono::steady_clock::now() < until) {
        SCARD_READERSTATE st{};
        st.szReader = reader.c_str();
        st.dwCurrentState = SCARD_STATE_UNAWARE;
        if (SCardGetStatusChange(ctx, 0, &st, 1) == SCARD_S_SUCCESS) {
            reached = ((st.dwEventState & SCARD_STATE_PRESENT) != 0) == present;
        }
        if (!reached) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    SCardReleaseContext(ctx);
    return reached;
}

} // namespace da06::test
