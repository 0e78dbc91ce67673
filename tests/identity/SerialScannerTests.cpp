// Serial scanners in USB-COM mode, played by a pseudo-terminal pair: the test writes scans on the
// master side as a scanner would; the reader opens the slave side like /dev/ttyACM0.
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

#include "client/readers/ScanLineSplitter.h"
#include "client/readers/SerialPort.h"

using namespace da06;
using namespace da06::readers;
using namespace std::chrono_literals;

namespace {

const std::string kScan = "072090001234|280123456|Nguyễn Văn An|15031990|Nam|Ấp Thạnh Hiệp, Tây Ninh|10052021";

struct Pty {
    int master = -1;
    int slave = -1;
    std::string path;

    Pty()
    {
        char name[256] = {};
        BOOST_REQUIRE(openpty(&master, &slave, name, nullptr, nullptr) == 0);
        path = name;
    }
    ~Pty()
    {
        if (slave >= 0) {
            ::close(slave);
        }
        if (master >= 0) {
            ::close(master);
        }
    }
    void send(const std::string& bytes) const
    {
        BOOST_REQUIRE(::write(master, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(serial_scanner)

BOOST_AUTO_TEST_CASE(each_scan_is_one_line)
{
    Pty pty;
    auto port = openSerialPort(pty.path, 115200);
    BOOST_REQUIRE_MESSAGE(port.has_value(), (port.has_value() ? std::string() : port.error().message));
    BOOST_TEST((*port)->device() == pty.path);
    // Terminators as scanners are set up: CR LF, CR, LF; a scan arriving in pieces.
    pty.send(kScan + "\r\n");
    pty.send("first|CR\rsecond|LF\n");
    auto s = (*port)->readScan(2s);
    BOOST_REQUIRE(s.has_value());
    BOOST_TEST(s->value_or("") == kScan);
    BOOST_TEST((*port)->readScan(2s)->value_or("") == "first|CR");
    BOOST_TEST((*port)->readScan(2s)->value_or("") == "second|LF");
    std::thread slow([&] {
        for (std::size_t i = 0; i < kScan.size(); i += 17) {
            pty.send(kScan.substr(i, 17));
            std::this_thread::sleep_for(5ms);
        }
        pty.send("\r\n");
    });
    s = (*port)->readScan(5s);
    slow.join();
    BOOST_REQUIRE(s.has_value());
    BOOST_TEST(s->value_or("") == kScan);
}

BOOST_AUTO_TEST_CASE(timeout_and_disconnection)
{
    auto pty = std::make_unique<Pty>();
    auto port = openSerialPort(pty->path, 9600);
    BOOST_REQUIRE(port.has_value());
    const auto start = std::chrono::steady_clock::now();
    auto s = (*port)->readScan(200ms);
    BOOST_REQUIRE(s.has_value());
    BOOST_TEST(!s->has_value());
    BOOST_TEST((std::chrono::steady_clock::now() - start >= 190ms));
    // The scanner is unplugged: the other side goes away.
    ::close(pty->master);
    pty->master = -1;
    ::close(pty->slave);
    pty->slave = -1;
    s = (*port)->readScan(2s);
    BOOST_REQUIRE(!s.has_value());
    BOOST_TEST((s.error().code == ErrorCode::Io));
}

BOOST_AUTO_TEST_CASE(scans_made_before_opening_are_dropped)
{
    Pty pty;
    // Raw mode on the slave so the stale bytes are waiting in its input queue.
    termios tio{};
    tcgetattr(pty.slave, &tio);
    cfmakeraw(&tio);
    tcsetattr(pty.slave, TCSANOW, &tio);
    pty.send("stale scan\r\n");
    std::this_thread::sleep_for(50ms);
    auto port = openSerialPort(pty.path, 9600);
    BOOST_REQUIRE(port.has_value());
    pty.send(kScan + "\r");
    BOOST_TEST((*port)->readScan(2s)->value_or("") == kScan);
}

BOOST_AUTO_TEST_CASE(errors_say_what_to_do)
{
    auto missing = openSerialPort("/dev/ttyACM-da06-test-none", 9600);
    BOOST_REQUIRE(!missing.has_value());
    BOOST_TEST((missing.error().code == ErrorCode::NotFound));
    BOOST_TEST(missing.error().message.find("USB-COM") != std::string::npos);
    Pty pty;
    auto baud = openSerialPort(pty.path, 12345);
    BOOST_REQUIRE(!baud.has_value());
    BOOST_TEST((baud.error().code == ErrorCode::Usage));
    auto notTty = openSerialPort("/dev/null", 9600);
    BOOST_REQUIRE(!notTty.has_value());
    BOOST_TEST(notTty.error().message.find("not a serial port") != std::string::npos);
    BOOST_TEST(isSupportedBaud(9600));
    BOOST_TEST(isSupportedBaud(115200));
    BOOST_TEST(!isSupportedBaud(0));
    for (const auto& p : listSerialPorts()) {
        BOOST_TEST((p.rfind("/dev/ttyACM", 0) == 0 || p.rfind("/dev/ttyUSB", 0) == 0));
    }
}

BOOST_AUTO_TEST_CASE(line_splitter)
{
    ScanLineSplitter s;
    s.feed("a\r");
    s.feed("\nb\n\n\r\nc");
    BOOST_TEST(s.takeScan() == "a");
    BOOST_TEST(s.takeScan() == "b");
    BOOST_TEST(!s.hasScan());
    BOOST_TEST(s.pendingBytes() == 1u);
    s.feed(std::string(ScanLineSplitter::kMaxLine + 10, 'x'));
    s.feed("\r\nok\n");
    BOOST_TEST(s.takeScan() == "ok");
    BOOST_TEST(s.droppedLines() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
