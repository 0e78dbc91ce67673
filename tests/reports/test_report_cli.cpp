// `da06 report …` end to end on a real store in a temporary folder: exit codes, the JSON (every
// figure of the document), the files written, and the roles.
#include <boost/test/unit_test.hpp>

#include "domain/core/Json.h"
#include "tests/reports/ReportPrinters.h"
#include "tests/support/TestSupport.h"

using namespace da06;

namespace {

const std::string kPass = "mot hai ba bon nam sau";

struct Fixture {
    test::TempDir dir;
    std::filesystem::path store = dir / "store.da06";
    std::string today = "2024-03-10";

    test::RunResult da06(std::vector<std::string> args, const std::string& user = "")
    {
        args.insert(args.begin(), {"--store", store.string()});
        if (!user.empty()) {
            args.insert(args.begin(), {"--user", user});
        }
        std::map<std::string, std::string> env = {
            {"DA06_PASSPHRASE", kPass}, {"DA06_NEW_PASSPHRASE", kPass}, {"DA06_FAKE_TODAY", today}};
        return test::runProgram(DA06_REPORT_PROGRAM, args, env);
    }

    json::Value jsonOf(const test::RunResult& r)
    {
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        auto v = json::parse(r.out);
        BOOST_REQUIRE_MESSAGE(v, r.out.substr(0, 300));
        return *v;
    }

    Fixture()
    {
        for (const auto& args :
             std::vector<std::vector<std::string>>{{"init"},
                                                   {"units", "import", "--bundled"},
                                                   {"user", "add", "lan", "--role", "staff"},
                                                   {"user", "add", "hung", "--role", "coordinator"}}) {
            auto r = da06(args);
            BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        }
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(report_cli, Fixture)

BOOST_AUTO_TEST_CASE(unit_report_submit_review_and_compile)
{
    // The unit report with its files and its JSON.
    const auto pdf = dir / "bao-cao.pdf";
    const auto xlsx = dir / "bao-cao.xlsx";
    const auto csv = dir / "bao-cao.csv";
    auto unit = jsonOf(da06({"report", "unit", "--period", "2024-03", "--unit", "huyen-tan-bien", "--pdf", pdf.string(),
                             "--xlsx", xlsx.string(), "--csv", csv.string(), "--json"},
                            "lan"));
    BOOST_TEST(unit.find("unit_name")->asString() == "Huyện Tân Biên");
    BOOST_TEST(unit.find("period")->find("data_from")->asString() == "2024-02-15");
    BOOST_TEST(unit.find("period")->find("due")->asString() == "2024-03-14");
    BOOST_TEST(unit.find("status")->asString() == "none");
    BOOST_TEST(!unit.find("models")->asArray().empty());
    // The desk's check records are the source (issue 8): available, and zero before any check.
    BOOST_TEST(unit.find("checks")->find("available")->asBool() == true);
    for (const auto& row : unit.find("checks")->find("rows")->asArray()) {
        BOOST_TEST(row.find("count")->asInteger() == 0);
    }
    BOOST_TEST(unit.find("summary")->find("models")->asInteger() ==
               static_cast<long long>(unit.find("models")->asArray().size()));
    bool blocking = false;
    for (const auto& i : unit.find("issues")->asArray()) {
        blocking = blocking || i.find("code")->asString() == "difficulty_missing";
    }
    BOOST_TEST(blocking);
    for (const auto& f : {pdf, xlsx, csv}) {
        BOOST_TEST(std::filesystem::file_size(f) > 100u, f.string());
    }
    BOOST_TEST(test::readFile(csv).rfind("\xEF\xBB\xBF", 0) == 0u);

    // Roles: an admin does not compile reports; a staff member does not accept them.
    BOOST_TEST(da06({"report", "unit", "--period", "2024-03", "--unit", "huyen-tan-bien"}).exitCode == 10);
    // Validation: a late model needs a stated difficulty.
    auto refused = da06({"report", "submit", "--period", "2024-03", "--unit", "huyen-tan-bien"}, "lan");
    BOOST_TEST(refused.exitCode == 5);
    BOOST_TEST(refused.err.find("difficulties") != std::string::npos);
    auto sub = jsonOf(da06({"report", "submit", "--period", "2024-03", "--unit", "huyen-tan-bien", "--difficulties",
                            "Thiếu máy đọc CCCD.", "--number", "7/BC-UBND", "--signer", "Lê Văn Tám", "--json"},
                           "lan"));
    BOOST_TEST(sub.find("status")->asString() == "submitted");
    BOOST_TEST(sub.find("narrative")->find("difficulties")->asString() == "Thiếu máy đọc CCCD.");
    BOOST_TEST(da06({"report", "accept", "--period", "2024-03", "--unit", "huyen-tan-bien"}, "lan").exitCode == 10);
    BOOST_TEST(da06({"report", "return", "--period", "2024-03", "--unit", "huyen-tan-bien"}, "hung").exitCode == 2);
    auto ret =
        da06({"report", "return", "--period", "2024-03", "--unit", "huyen-tan-bien", "--comment", "Bổ sung."}, "hung");
    BOOST_TEST(ret.exitCode == 0, ret.err);
    today = "2024-03-16";
    BOOST_TEST(da06({"report", "submit", "--period", "2024-03", "--unit", "huyen-tan-bien"}, "lan").exitCode == 0);
    BOOST_TEST(
        da06({"report", "accept", "--period", "2024-03", "--unit", "huyen-tan-bien", "--comment", "Đạt."}, "hung")
            .exitCode == 0);

    // The periods of the unit.
    auto periods = jsonOf(da06({"report", "periods", "--unit", "huyen-tan-bien", "--json"}, "lan"));
    BOOST_REQUIRE(periods.asArray().size() == 4u);
    BOOST_TEST(periods.asArray()[0].find("key")->asString() == "2024-04");
    BOOST_TEST(periods.asArray()[1].find("state")->asString() == "accepted");

    // The district compilation: JSON, PDF and XLSX.
    const auto dpdf = dir / "tong-hop.pdf";
    const auto dxlsx = dir / "tong-hop.xlsx";
    auto district = jsonOf(da06({"report", "district", "--period", "2024-03", "--district", "huyen-tan-bien", "--pdf",
                                 dpdf.string(), "--xlsx", dxlsx.string(), "--json"},
                                "hung"));
    BOOST_TEST(district.find("expected")->asInteger() >= 1);
    BOOST_TEST(district.find("received")->asInteger() == 1);
    BOOST_TEST(district.find("on_time")->asInteger() == 1); // first sent on the 10th, before the due date
    BOOST_TEST(std::filesystem::file_size(dpdf) > 1000u);
    BOOST_TEST(std::filesystem::file_size(dxlsx) > 1000u);
    auto province = jsonOf(da06({"report", "province", "--period", "2024-Q1", "--json"}, "hung"));
    BOOST_TEST(province.find("level")->asString() == "province");
    BOOST_TEST(province.find("period")->find("key")->asString() == "2024-Q1");
    BOOST_TEST(province.find("expected")->asInteger() > district.find("expected")->asInteger());
    BOOST_TEST(da06({"report", "district", "--period", "2024-13", "--district", "huyen-tan-bien"}, "hung").exitCode ==
               2);
    BOOST_TEST(da06({"report", "district", "--period", "2024-03"}, "hung").exitCode == 2);
    BOOST_TEST(da06({"report", "frobnicate"}, "hung").exitCode == 2);

    // The rule, changed by a coordinator.
    BOOST_TEST(da06({"report", "rule", "--due-day", "20"}, "lan").exitCode == 10);
    auto rule = jsonOf(da06({"report", "rule", "--due-day", "20", "--json"}, "hung"));
    BOOST_TEST(rule.find("due_day")->asInteger() == 20);
}

BOOST_AUTO_TEST_SUITE_END()
