// The counts of identity checks across desks (issue 8, sync/PROTOCOL.md "Identity checks"): two
// real desks of one unit record checks, synchronize through the real hub, and each then counts both
// desks' checks in its statistics — while no personal detail of a check reaches the hub or the
// other desk.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "tests/sync/client/SyncTestSupport.h"

using namespace da06;
using namespace da06::synctest;

namespace {

const char* const kChecker = "mai";
const char* const kQr =
    "072201003358|285123456|Đặng Quốc Bảo|15032001|Nam|Ấp Trường Lưu, Xã Trường Tây, Hòa Thành, Tây Ninh|10042021";

// `da06 --user mai …` on the desk.
test::RunResult asChecker(const Desk& d, const std::vector<std::string>& args, const std::string& input = "")
{
    std::vector<std::string> all = {"--store", d.store().string(), "--user", kChecker};
    all.insert(all.end(), args.begin(), args.end());
    return test::runProgram(deskProgram(), all, {{"DA06_PASSPHRASE", passphrase()}}, input);
}

std::string monthNow()
{
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[8];
    std::strftime(buf, sizeof buf, "%Y-%m", &tm);
    return buf;
}

std::int64_t total(const Desk& d, const std::string& month)
{
    auto s = d.json({"checks", "stats", "--month", month, "--json"});
    const json::Value* t = s.find("total");
    BOOST_REQUIRE(t && t->isInteger());
    return t->asInteger();
}

// Every file under dir, read whole: the hub's database and logs.
bool anyFileContains(const std::filesystem::path& dir, const std::string& needle)
{
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) {
            continue;
        }
        std::ifstream f(e.path(), std::ios::binary);
        const std::string all((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        if (all.find(needle) != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

BOOST_AUTO_TEST_CASE(two_desks_of_a_unit_count_each_others_checks_without_their_details)
{
    test::TempDir dir;
    Hub hub(dir / "hub");
    hub.importBasics();
    hub.start();
    std::vector<Desk> desks = {Desk(dir / "quay1.da06"), Desk(dir / "quay2.da06")};
    for (auto& d : desks) {
        d.setUp(hub);
        auto add = test::runProgram(deskProgram(),
                                    {"--store", d.store().string(), "user", "add", kChecker, "--role", "checker"},
                                    {{"DA06_PASSPHRASE", passphrase()}, {"DA06_NEW_PASSPHRASE", passphrase()}});
        BOOST_REQUIRE_MESSAGE(add.exitCode == 0, add.err);
    }
    auto qr = test::runProgram(deskProgram(), {"idcheck", "qr", "--text", kQr, "--json"});
    BOOST_REQUIRE_MESSAGE(qr.exitCode == 0 || qr.exitCode == 5, qr.err);
    const auto json = dir / "qr.json";
    {
        std::ofstream(json) << qr.out;
    }
    // Desk 1 records three checks, desk 2 two (same person, same purpose, method and result: the
    // same key on both desks, which must not overwrite each other).
    for (std::size_t i = 0; i < desks.size(); ++i) {
        for (std::size_t k = 0; k < 3 - i; ++k) {
            auto r = asChecker(
                desks[i], {"check", "record", "--purpose", "19", "--from-json", json.string(), "--consent", "given"});
            BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        }
    }
    const std::string month = monthNow();
    BOOST_TEST(total(desks[0], month) == 3);
    BOOST_TEST(total(desks[1], month) == 2);

    for (int round = 0; round < 2; ++round) {
        for (auto& d : desks) {
            d.ok({"sync"});
        }
    }
    BOOST_TEST(total(desks[0], month) == 5);
    BOOST_TEST(total(desks[1], month) == 5);

    // One more check on desk 2: after the next round desk 1 counts 6, not 5 + 3.
    auto r =
        asChecker(desks[1], {"check", "record", "--purpose", "19", "--from-json", json.string(), "--consent", "given"});
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    desks[1].ok({"sync"});
    desks[0].ok({"sync"});
    BOOST_TEST(total(desks[0], month) == 6);
    BOOST_TEST(total(desks[1], month) == 6);

    // The details stayed on their desk: desk 1's checker sees only its own three records.
    auto list = asChecker(desks[0], {"checks", "list", "--json"});
    BOOST_REQUIRE_MESSAGE(list.exitCode == 0, list.err);
    auto arr = json::parse(list.out);
    BOOST_REQUIRE(arr && arr->isArray());
    BOOST_TEST(arr->asArray().size() == 3u);
    // And nothing personal reached the hub's files.
    BOOST_TEST(!anyFileContains(hub.data(), "072201003358"));
    BOOST_TEST(!anyFileContains(hub.data(), "Đặng Quốc Bảo"));
    BOOST_TEST(!anyFileContains(hub.data(), "Trường Lưu"));
}
