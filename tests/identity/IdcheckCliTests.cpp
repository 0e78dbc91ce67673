// `da06 idcheck qr …` end to end: text, standard input, images, a serial scanner (pseudo-terminal),
// JSON and exit codes.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <pty.h>
#include <thread>
#include <unistd.h>

#include "domain/core/Json.h"
#include "tests/identity/QrCorpus.h"
#include "tests/support/TestSupport.h"

using namespace da06;
namespace qr = da06::test::qr;
using namespace std::chrono_literals;

namespace {

const std::string kGood =
    "072090001234|280123456|Nguyễn Văn An|15031990|Nam|Ấp Thạnh Hiệp, Xã Thạnh Tây, Tây Ninh|10052021";

test::RunResult idcheck(std::vector<std::string> args, const std::string& stdinText = {})
{
    args.insert(args.begin(), {"idcheck", "qr"});
    return test::runProgram(DA06_IDCHECK_PROGRAM, args, {}, stdinText);
}

json::Value parseArray(const std::string& out)
{
    auto v = json::parse(out);
    BOOST_REQUIRE_MESSAGE(v.has_value(), "not JSON: " + out);
    BOOST_REQUIRE(v->isArray());
    return *v;
}

} // namespace

BOOST_AUTO_TEST_SUITE(idcheck_cli)

BOOST_AUTO_TEST_CASE(text_payload_human_and_json)
{
    auto r = idcheck({"--text", kGood, "--as-of", "2024-06-30"});
    BOOST_TEST(r.exitCode == 0);
    BOOST_TEST(r.out.find("HỢP LỆ") != std::string::npos);
    BOOST_TEST(r.out.find("Họ và tên: Nguyễn Văn An") != std::string::npos);
    BOOST_TEST(r.out.find("Có giá trị đến: 15/03/2030") != std::string::npos);
    BOOST_TEST(r.out.find("Nơi đăng ký khai sinh: Tây Ninh (072)") != std::string::npos);

    r = idcheck({"--text", kGood, "--as-of", "2024-06-30", "--json"});
    BOOST_TEST(r.exitCode == 0);
    const json::Value arr = parseArray(r.out);
    BOOST_REQUIRE(arr.asArray().size() == 1u);
    const json::Value& o = arr.asArray().front();
    BOOST_TEST(o.find("id_number")->asString() == "072090001234");
    BOOST_TEST(o.find("full_name")->asString() == "Nguyễn Văn An");
    BOOST_TEST(o.find("date_of_birth")->asString() == "1990-03-15");
    BOOST_TEST(o.find("sex")->asString() == "male");
    BOOST_TEST(o.find("expiry_date")->asString() == "2030-03-15");
    BOOST_TEST(o.find("expired")->asBool() == false);
    BOOST_TEST(o.find("valid")->asBool());
}

BOOST_AUTO_TEST_CASE(invalid_expired_and_stdin)
{
    auto r = idcheck({"--text", "07209000123|x|Nguyễn Văn An|15031990|Nam|Tây Ninh|10052021", "--json"});
    BOOST_TEST(r.exitCode == 5);
    BOOST_TEST(parseArray(r.out).asArray().front().find("errors")->asArray().front().find("code")->asString() ==
               "id_not_12_digits");

    const std::string young = "072099001234||Nguyễn Văn An|15031999|Nam|Tây Ninh|10052016";
    BOOST_TEST(idcheck({"--text", young, "--as-of", "15/03/2024"}).exitCode == 0);
    r = idcheck({"--text", young, "--as-of", "2024-03-16", "--json"});
    BOOST_TEST(r.exitCode == 5);
    BOOST_TEST(parseArray(r.out).asArray().front().find("expired")->asBool());

    // From standard input: the payload stays out of the process list.
    r = idcheck({"--text", "-", "--as-of", "2024-06-30", "--json"}, kGood + "\n");
    BOOST_TEST(r.exitCode == 0);
    BOOST_TEST(parseArray(r.out).asArray().front().find("address")->asString() ==
               "Ấp Thạnh Hiệp, Xã Thạnh Tây, Tây Ninh");
    // NFD in, NFC out.
    r = idcheck({"--text",
                 "072190001234||Tra\xCC\x82\xCC\x80n Thi\xCC\xA3 Bi\xCC\x81"
                 "ch|01021990|Nu\xCC\x9B\xCC\x83|Ta\xCC\x82y Ninh|20062021",
                 "--as-of", "2024-06-30", "--json"});
    BOOST_TEST(r.exitCode == 0);
    BOOST_TEST(parseArray(r.out).asArray().front().find("full_name")->asString() == "Trần Thị Bích");
}

BOOST_AUTO_TEST_CASE(images)
{
    test::TempDir dir;
    std::mt19937 rng(5);
    const std::vector<std::string> texts{kGood, "https://dichvucong.gov.vn/p/home",
                                         qr::payload6(qr::randomPerson(rng))};
    readers::GrayImage page(900, 400, 240);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const qr::Matrix m = qr::encodeZxing(texts[i]);
        qr::Placement p;
        p.cx = 150 + 300.0 * static_cast<double>(i);
        p.cy = 200;
        p.module = 3;
        qr::drawQr(page, m, qr::quadFor(m, p), 4);
    }
    qr::writePng(dir / "page.png", page);
    auto r = idcheck({"--image", (dir / "page.png").string(), "--json", "--as-of", "2024-06-30"});
    BOOST_TEST(r.exitCode == 0);
    const json::Value arr = parseArray(r.out);
    BOOST_REQUIRE(arr.asArray().size() == 3u);
    int valid = 0;
    for (const auto& o : arr.asArray()) {
        valid += o.find("valid")->asBool() ? 1 : 0;
    }
    BOOST_TEST(valid == 2);
    r = idcheck({"--image", (dir / "page.png").string()});
    BOOST_TEST(r.out.find("Mã QR 3/3") != std::string::npos);

    qr::writePng(dir / "blank.png", readers::GrayImage(300, 200, 200));
    r = idcheck({"--image", (dir / "blank.png").string(), "--json"});
    BOOST_TEST(r.exitCode == 6);
    BOOST_TEST(parseArray(r.out).asArray().empty());
    BOOST_TEST(r.err.find("no QR code") != std::string::npos);

    BOOST_TEST(idcheck({"--image", (dir / "missing.png").string()}).exitCode == 1);
    test::writeFile(dir / "notes.png", "hello");
    BOOST_TEST(idcheck({"--image", (dir / "notes.png").string()}).exitCode == 5);

    // Only the URL code: nothing valid.
    readers::GrayImage one(300, 300, 240);
    const qr::Matrix m = qr::encodeZxing(texts[1]);
    qr::Placement p;
    p.cx = p.cy = 150;
    p.module = 3;
    qr::drawQr(one, m, qr::quadFor(m, p), 4);
    qr::writePng(dir / "url.png", one);
    BOOST_TEST(idcheck({"--image", (dir / "url.png").string()}).exitCode == 5);
}

BOOST_AUTO_TEST_CASE(serial_scanner)
{
    int master = -1, slave = -1;
    char name[256] = {};
    BOOST_REQUIRE(openpty(&master, &slave, name, nullptr, nullptr) == 0);
    std::atomic<bool> done{false};
    // The scanner scans again and again until the program has read one (it drops what came
    // before it opened the port).
    std::thread scanner([&] {
        std::this_thread::sleep_for(200ms);
        while (!done) {
            const std::string line = kGood + "\r\n";
            (void)!::write(master, line.data(), line.size());
            std::this_thread::sleep_for(100ms);
        }
    });
    auto r = idcheck({"--serial", name, "--baud", "115200", "--timeout", "10", "--json", "--as-of", "2024-06-30"});
    done = true;
    scanner.join();
    BOOST_TEST(r.exitCode == 0);
    BOOST_TEST(parseArray(r.out).asArray().front().find("id_number")->asString() == "072090001234");

    r = idcheck({"--serial", name, "--timeout", "1"});
    BOOST_TEST(r.exitCode == 6);
    ::close(slave);
    ::close(master);
    BOOST_TEST(idcheck({"--serial", "/dev/ttyUSB-da06-none"}).exitCode == 4);
}

BOOST_AUTO_TEST_CASE(usage_errors)
{
    BOOST_TEST(test::runProgram(DA06_IDCHECK_PROGRAM, {"idcheck"}).exitCode == 2);
    BOOST_TEST(test::runProgram(DA06_IDCHECK_PROGRAM, {"idcheck", "chip"}).exitCode == 2);
    BOOST_TEST(idcheck({}).exitCode == 2);
    BOOST_TEST(idcheck({"--text", kGood, "--image", "a.png"}).exitCode == 2);
    BOOST_TEST(idcheck({"--text"}).exitCode == 2);
    BOOST_TEST(idcheck({"--text", kGood, "--as-of", "yesterday"}).exitCode == 2);
    BOOST_TEST(idcheck({"--text", kGood, "--baud", "9600"}).exitCode == 2);
    BOOST_TEST(idcheck({"--serial", "/dev/null", "--baud", "12345"}).exitCode == 2);
    BOOST_TEST(idcheck({"--text", kGood, "--verbose"}).exitCode == 2);
}

BOOST_AUTO_TEST_SUITE_END()
