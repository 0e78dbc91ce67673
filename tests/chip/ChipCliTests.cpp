// `da06 idcheck chip` end to end: the real program, the real pcscd with its vpcd driver, and the
// virtual CCCD (tests/vcard) on "Virtual PCD 00 00". PACE with the keys taken from the QR code
// only, BAC on a chip without PACE, a wrong CAN, a data group changed after signing, a chip that
// refuses Le above 160, slow answers, a card pulled out mid-read, a garbled answer, no card.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include "domain/core/Json.h"
#include "tests/pcsc/PcscdFixture.h"
#include "tests/pcsc/VirtualCccd.h"
#include "tests/support/TestSupport.h"

using namespace da06;
namespace fs = std::filesystem;

namespace {

const fs::path kBin = fs::path(DA06_BINARY_DIR) / "bin";
// Person 1 of da06_vcard_make: Đặng Quốc Bảo, 072201003358, born 22/08/2001, issued 15/07/2021.
const std::string kId = "072201003358";
const std::string kQr =
    "072201003358||Đặng Quốc Bảo|22082001|Nam|Ấp Trường Đông, Xã Trường Hòa, Thị xã Hòa Thành, Tây Ninh|15072021";

// Person 1 on the virtual reader, read with `da06 idcheck chip`.
struct Card : test::VirtualCccd {
    explicit Card(const std::vector<std::string>& makeArgs = {}) : VirtualCccd(1, makeArgs) {}
    test::RunResult read(std::vector<std::string> args)
    {
        args.insert(args.begin(),
                    {"idcheck", "chip", "--reader", test::Pcscd::instance().readerName(0), "--as-of", "2024-06-01"});
        return test::runProgram(kBin / "da06", args);
    }
};

json::Value parse(const std::string& out)
{
    auto v = json::parse(out);
    BOOST_REQUIRE_MESSAGE(v.has_value(), "not JSON: " + out);
    return *v;
}

} // namespace

BOOST_AUTO_TEST_SUITE(idcheck_chip_cli)

BOOST_AUTO_TEST_CASE(pace_with_the_keys_of_the_qr_code_verified)
{
    Card c;
    c.insert();
    const auto photo = c.dir / "photo.jp2";
    const auto r = c.read({"--qr-text", kQr, "--csca", c.trust.string(), "--photo-out", photo.string(), "--json"});
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    const json::Value v = parse(r.out);
    BOOST_TEST(v.find("access")->asString() == "PACE");
    BOOST_TEST(v.find("dg13")->find("id_number")->asString() == kId);
    BOOST_TEST(v.find("dg13")->find("full_name")->asString() == "Đặng Quốc Bảo");
    BOOST_TEST(v.find("dg13")->find("father_name")->asString() == "Đặng Văn Lợi");
    BOOST_TEST(v.find("mrz")->find("id_number")->asString() == kId);
    BOOST_TEST(v.find("passive_authentication")->find("result")->asString() == "verified");
    BOOST_TEST(v.find("chip_authentication")->find("result")->asString() == "passed");
    BOOST_TEST(v.find("active_authentication")->find("result")->asString() == "passed");
    BOOST_TEST(v.find("photo")->find("width")->asInteger() == 240);
    BOOST_TEST(v.find("photo")->find("height")->asInteger() == 320);
    BOOST_TEST(v.find("cross_check")->asArray().empty());
    BOOST_TEST(v.find("apdu_count")->asInteger() > 20);
    BOOST_TEST(v.find("timings_ms")->find("dg2") != nullptr);
    // The photo as the chip holds it (JPEG 2000), 15–20 KB.
    BOOST_TEST(fs::file_size(photo) > 15000u);
    BOOST_TEST(fs::file_size(photo) < 20500u);
    // Nothing personal on the error stream of a JSON run.
    BOOST_TEST(r.err.find("Bảo") == std::string::npos);

    // Without a trust folder: read, but unverified (exit 0).
    const auto u = c.read({"--can", "003358", "--json"});
    BOOST_REQUIRE_MESSAGE(u.exitCode == 0, u.err);
    BOOST_TEST(parse(u.out).find("passive_authentication")->find("result")->asString() == "unverified");
}

BOOST_AUTO_TEST_CASE(cross_check_with_a_different_qr_code)
{
    Card c;
    c.insert();
    const std::string other = "072201003358||Đặng Quốc Báu|22082001|Nam|Tây Ninh|15072021";
    const auto r = c.read({"--qr-text", other, "--json"});
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    const auto checks = parse(r.out).find("cross_check")->asArray();
    BOOST_REQUIRE(!checks.empty());
    bool nameMismatch = false;
    for (const auto& f : checks) {
        nameMismatch = nameMismatch || f.find("code")->asString().find("name") != std::string::npos;
    }
    BOOST_TEST(nameMismatch);
}

BOOST_AUTO_TEST_CASE(bac_on_a_chip_without_pace)
{
    Card c;
    c.insert({"--no-pace"});
    // A wrong date of birth: the chip refuses the BAC key.
    const auto r = c.read({"--id", kId, "--dob", "010823", "--expiry", "260822", "--json"});
    BOOST_TEST(r.exitCode == 7);
    // The right dates typed by the clerk (YYMMDD).
    const auto typed = c.read({"--id", kId, "--dob", "010822", "--expiry", "260822", "--json"});
    BOOST_TEST(typed.exitCode == 0);
    const auto ok = c.read({"--qr-text", kQr, "--csca", c.trust.string(), "--json"});
    BOOST_REQUIRE_MESSAGE(ok.exitCode == 0, ok.err);
    const json::Value v = parse(ok.out);
    BOOST_TEST(v.find("access")->asString() == "BAC");
    BOOST_TEST(v.find("passive_authentication")->find("result")->asString() == "verified");
}

BOOST_AUTO_TEST_CASE(wrong_can_is_access_denied)
{
    Card c;
    c.insert();
    const auto r = c.read({"--can", "123456"});
    BOOST_TEST(r.exitCode == 7);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err.find("CAN") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(data_group_changed_after_signing_fails_passive_authentication)
{
    Card c({"--tamper", "DG13"});
    c.insert();
    const auto r = c.read({"--can", "003358", "--csca", c.trust.string(), "--json"});
    BOOST_TEST(r.exitCode == 8);
    const json::Value v = parse(r.out);
    BOOST_TEST(v.find("passive_authentication")->find("result")->asString() == "failed");
    BOOST_TEST(v.find("passive_authentication")->find("reason")->asString() == "dg_hash:13");
}

BOOST_AUTO_TEST_CASE(chip_refusing_le_above_160_and_slow_answers)
{
    Card c;
    c.insert({"--max-le", "160", "--delay-ms", "5"});
    const auto r = c.read({"--can", "003358", "--csca", c.trust.string(), "--json"});
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    const json::Value v = parse(r.out);
    BOOST_TEST(v.find("le")->asInteger() <= 160);
    BOOST_TEST(v.find("passive_authentication")->find("result")->asString() == "verified");
}

BOOST_AUTO_TEST_CASE(card_pulled_out_mid_read)
{
    Card c;
    c.insert({"--remove-after", "30"});
    const auto r = c.read({"--can", "003358", "--json"});
    BOOST_TEST(r.exitCode == 9);
    BOOST_TEST(r.out.empty()); // nothing half-read is reported
    BOOST_TEST(!r.err.empty());
}

BOOST_AUTO_TEST_CASE(garbled_answer_is_an_authentication_failure)
{
    Card c;
    c.insert({"--malformed", "20"});
    const auto r = c.read({"--can", "003358", "--json"});
    BOOST_TEST(r.exitCode != 0);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(!r.err.empty());
}

BOOST_AUTO_TEST_CASE(no_card_and_bad_arguments)
{
    Card c; // the card is made but not inserted
    const auto r = c.read({"--can", "003358"});
    BOOST_TEST(r.exitCode == 9);
    BOOST_TEST(!r.err.empty());
    BOOST_TEST(c.read({"--can", "12"}).exitCode == 2);
    BOOST_TEST(c.read({}).exitCode == 2);
    BOOST_TEST(c.read({"--can", "003358", "--mrz", "x"}).exitCode == 2);
    BOOST_TEST(c.read({"--qr-text", "https://example.vn"}).exitCode == 2);
}

BOOST_AUTO_TEST_SUITE_END()
