// The serial port on Linux and other POSIX systems: termios, raw 8N1, poll() for the timeout.
#include "client/readers/SerialPort.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include "client/readers/ScanLineSplitter.h"

namespace da06::readers {

namespace {

speed_t speedFor(int baud)
{
    switch (baud) {
    case 1200:
        return B1200;
    case 2400:
        return B2400;
    case 4800:
        return B4800;
    case 9600:
        return B9600;
    case 19200:
        return B19200;
    case 38400:
        return B38400;
    case 57600:
        return B57600;
    case 115200:
        return B115200;
#ifdef B230400
    case 230400:
        return B230400;
#endif
#ifdef B460800
    case 460800:
        return B460800;
#endif
#ifdef B921600
    case 921600:
        return B921600;
#endif
    default:
        return B0;
    }
}

class PosixSerialPort final : public SerialPort {
public:
    PosixSerialPort(int fd, std::string device) : m_fd(fd), m_device(std::move(device)) {}
    ~PosixSerialPort() override { ::close(m_fd); }

    const std::string& device() const override { return m_device; }

    Result<std::optional<std::string>> readScan(std::chrono::milliseconds timeout) override
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        char buf[4096];
        while (!m_lines.hasScan()) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                return std::optional<std::string>();
            }
            pollfd p{m_fd, POLLIN, 0};
            const int n = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1'000'000)));
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                return fail(ErrorCode::Io, "reading the scanner on " + m_device + " failed: " + std::strerror(errno));
            }
            if (n == 0) {
                continue;
            }
            const ssize_t got = ::read(m_fd, buf, sizeof buf);
            if (got > 0) {
                m_lines.feed(std::string_view(buf, static_cast<std::size_t>(got)));
                continue;
            }
            if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
                continue;
            }
            // EOF or EIO: the device went away (unplugged; the other end of a pseudo-terminal closed).
            return fail(ErrorCode::Io, "the scanner on " + m_device + " was disconnected");
        }
        return std::optional<std::string>(m_lines.takeScan());
    }

private:
    int m_fd;
    std::string m_device;
    ScanLineSplitter m_lines;
};

} // namespace

Result<std::unique_ptr<SerialPort>> openSerialPort(const std::string& device, int baud)
{
    if (!isSupportedBaud(baud) || speedFor(baud) == B0) {
        return fail(ErrorCode::Usage,
                    "the baud rate " + std::to_string(baud) + " is not supported (use 9600, 115200, …)");
    }
    const int fd = ::open(device.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        if (e == ENOENT) {
            return fail(ErrorCode::NotFound,
                        "there is no serial port " + device + " (is the scanner plugged in and in USB-COM mode?)");
        }
        if (e == EACCES) {
            return fail(ErrorCode::Io, "no permission to open " + device + " (add the user to the dialout group)");
        }
        if (e == EBUSY) {
            return fail(ErrorCode::Io, device + " is in use by another program");
        }
        return fail(ErrorCode::Io, "cannot open " + device + ": " + std::strerror(e));
    }
    termios tio{};
    if (!::isatty(fd) || ::tcgetattr(fd, &tio) != 0) {
        ::close(fd);
        return fail(ErrorCode::Io, device + " is not a serial port");
    }
    ::cfmakeraw(&tio);
    tio.c_cflag |= CLOCAL | CREAD;
    tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | PARENB | CRTSCTS);
    tio.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    ::cfsetispeed(&tio, speedFor(baud));
    ::cfsetospeed(&tio, speedFor(baud));
    if (::tcsetattr(fd, TCSANOW, &tio) != 0) {
        const int e = errno;
        ::close(fd);
        return fail(ErrorCode::Io, "cannot set up " + device + ": " + std::strerror(e));
    }
    ::tcflush(fd, TCIFLUSH); // a scan made before the port was opened is not this check's
    return std::unique_ptr<SerialPort>(std::make_unique<PosixSerialPort>(fd, device));
}

std::vector<std::string> listSerialPorts()
{
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/dev", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("ttyACM", 0) == 0 || name.rfind("ttyUSB", 0) == 0) {
            out.push_back(entry.path().string());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace da06::readers
