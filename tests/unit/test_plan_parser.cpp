// The importer on malformed files: each refused with the place of the error.
#include <boost/test/unit_test.hpp>

#include <regex>

#include "domain/plan/PlanFile.h"
#include "domain/plan/PlanParser.h"
#include "tests/support/TestSupport.h"

using namespace da06;
using namespace da06::plan;

namespace {

const char* const kValid = R"({
  "format": "da06-plan",
  "format_version": 1,
  "id": "TEST-1",
  "title": "Kế hoạch thử",
  "groups": [ { "code": "A", "title": "Nhóm A" } ],
  "units": [
    { "id": "tinh", "name": "Tỉnh", "kind": "province" },
    { "id": "so-a", "name": "Sở A", "kind": "province_agency", "parent": "tinh" }
  ],
  "models": [
    { "number": 1, "group": "A", "title": "Mô hình một",
      "lead_units": ["so-a"], "coordinating_units": ["tinh"],
      "deadline": { "kind": "quarter", "period": "2024-Q1", "due": "2024-03-31" },
      "tools": ["VNeID"], "funding": { "kind": "free" } }
  ]
})";

std::string mutate(const std::string& from, const std::string& to)
{
    std::string s = kValid;
    const auto pos = s.find(from);
    BOOST_REQUIRE_MESSAGE(pos != std::string::npos, "test bug: no " << from);
    s.replace(pos, from.size(), to);
    return s;
}

void expectRefused(const std::string& text, const std::string& expectedFragment)
{
    auto p = parsePlan(text);
    BOOST_TEST_INFO(expectedFragment);
    BOOST_REQUIRE(!p);
    BOOST_TEST((p.error().code == ErrorCode::InvalidInput));
    BOOST_TEST(p.error().message.find(expectedFragment) != std::string::npos, p.error().message);
    // Every message names a line.
    BOOST_TEST(std::regex_search(p.error().message, std::regex("line [0-9]+")), p.error().message);
}

} // namespace

BOOST_AUTO_TEST_SUITE(plan_parser)

BOOST_AUTO_TEST_CASE(the_minimal_plan_is_valid)
{
    auto p = parsePlan(kValid);
    BOOST_REQUIRE(p);
    BOOST_TEST(p->models.size() == 1u);
    BOOST_TEST(p->models[0].deadline.due->toIso() == "2024-03-31");
    BOOST_TEST(p->units[1].parent.value() == "tinh");
    BOOST_TEST(p->reporting.dueDay == 15);
}

BOOST_AUTO_TEST_CASE(malformed_files_are_refused_with_the_place)
{
    expectRefused(mutate("\"title\": \"Kế hoạch thử\",", "\"title\": \"Kế hoạch thử\""), "line 6");
    expectRefused(mutate("\"format\": \"da06-plan\"", "\"format\": \"other\""), "$.format");
    expectRefused(mutate("\"format_version\": 1", "\"format_version\": 2"), "not supported");
    expectRefused(mutate("\"id\": \"TEST-1\",", ""), "\"id\" is missing");
    expectRefused(mutate("\"number\": 1", "\"number\": \"1\""), "$.models[0].number");
    expectRefused(mutate("\"group\": \"A\"", "\"group\": \"Z\""), "no group has the code \"Z\"");
    expectRefused(mutate("\"lead_units\": [\"so-a\"]", "\"lead_units\": [\"so-b\"]"), "$.models[0].lead_units[0]");
    expectRefused(mutate("\"due\": \"2024-03-31\"", "\"due\": \"2024-03-30\""), "last day of 2024-Q1");
    expectRefused(mutate("\"period\": \"2024-Q1\"", "\"period\": \"2024-13\""), "$.models[0].deadline.period");
    expectRefused(mutate("\"kind\": \"quarter\"", "\"kind\": \"someday\""), "$.models[0].deadline.kind");
    expectRefused(mutate("\"kind\": \"free\"", "\"kind\": \"cheap\""), "$.models[0].funding.kind");
    expectRefused(mutate("\"parent\": \"tinh\"", "\"parent\": \"huyen\""), "$.units[1].parent");
    expectRefused(mutate("{ \"id\": \"tinh\"", "{ \"id\": \"Tỉnh\""), "$.units[0].id");
    expectRefused(mutate("\"id\": \"so-a\"", "\"id\": \"tinh\""), "appears twice");
    expectRefused(mutate("\"tools\": [\"VNeID\"]", "\"tools\": [1]"), "$.models[0].tools[0]");
    expectRefused(mutate("\"deadline\": {", "\"deadline_\": {"), "\"deadline\" is missing");
    expectRefused(mutate("\"title\": \"Mô hình một\"", "\"title\": \"\""), "must not be empty");
    expectRefused(mutate("Mô hình một", "M\xC3"), "UTF-8");
    expectRefused("[1, 2, 3]", "one JSON object");
    expectRefused("", "line 1");
}

BOOST_AUTO_TEST_CASE(a_plan_needs_models)
{
    std::string s = kValid;
    const auto start = s.find("\"models\": [");
    s = s.substr(0, start) + "\"models\": []\n}";
    expectRefused(s, "at least one model");
}

BOOST_AUTO_TEST_CASE(files_from_disk)
{
    test::TempDir dir;
    test::writeFile(dir / "plan.json", kValid);
    auto ok = loadPlanFile(dir / "plan.json");
    BOOST_REQUIRE(ok);
    auto missing = loadPlanFile(dir / "none.json");
    BOOST_REQUIRE(!missing);
    BOOST_TEST((missing.error().code == ErrorCode::NotFound));
    test::writeFile(dir / "bad.json", mutate("\"group\": \"A\"", "\"group\": 7"));
    auto bad = loadPlanFile(dir / "bad.json");
    BOOST_REQUIRE(!bad);
    BOOST_TEST(bad.error().message.find("bad.json") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(text_is_normalized_to_nfc)
{
    auto p = loadPlanText(mutate("Mô hình một", "Nguye\xCC\x82\xCC\x83n"));
    BOOST_REQUIRE(p);
    BOOST_TEST(p->models[0].title == "Nguyễn");
}

BOOST_AUTO_TEST_SUITE_END()
