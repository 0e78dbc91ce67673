// `da06 units|assign|tasks|deadlines|desk` end to end: the real commands on a real store in a
// temporary folder, their exit codes, their JSON, and that bad input changes nothing.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <set>
#include <tuple>

#include "domain/core/Json.h"
#include "tests/support/TestSupport.h"

using namespace da06;

namespace {

const std::string kPass = "mot hai ba bon nam sau";

std::filesystem::path program()
{
    return DA06_WORK_PROGRAM;
}

const char* const kDistrictCsv =
    "id,name,kind,parent,member_of,site_kind,aliases\r\n"
    "xa-thu-1,Xã Thử Nghiệm Một,commune,huyen-tan-bien,ubnd-cap-xa,,UBND xã Thử Nghiệm Một\r\n"
    "cd-thu-1,\"Tiệm cầm đồ Thử Nghiệm, ấp 1\",site,xa-thu-1,,pawnshop,\r\n"
    "cc-thu-1,Văn phòng công chứng Thử Nghiệm,site,huyen-tan-bien,co-quan-chung-thuc-cong-chung,notary_office,\r\n";

struct Fixture {
    test::TempDir dir;
    std::filesystem::path store = dir / "store.da06";

    test::RunResult da06(std::vector<std::string> args, const std::map<std::string, std::string>& extra = {})
    {
        args.insert(args.begin(), {"--store", store.string()});
        std::map<std::string, std::string> env = {{"DA06_PASSPHRASE", kPass}, {"DA06_FAKE_TODAY", "2024-03-20"}};
        for (const auto& [k, v] : extra) {
            env[k] = v;
        }
        auto r = test::runProgram(program(), args, env);
        BOOST_TEST(r.out.find(kPass) == std::string::npos);
        BOOST_TEST(r.err.find(kPass) == std::string::npos);
        return r;
    }

    json::Value jsonOf(const test::RunResult& r)
    {
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        auto v = json::parse(r.out);
        BOOST_REQUIRE_MESSAGE(v, r.out.substr(0, 300));
        return *v;
    }

    std::size_t changeCount() { return jsonOf(da06({"desk", "changes", "--json"})).asArray().size(); }

    void init()
    {
        auto r = da06({"init"});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        r = da06({"units", "import", "--bundled"});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        test::writeFile(dir / "tan-bien.csv", kDistrictCsv);
        r = da06({"units", "import", (dir / "tan-bien.csv").string()});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        BOOST_TEST(r.out.find("3 added") != std::string::npos);
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(work_cli, Fixture)

BOOST_AUTO_TEST_CASE(units_desk_and_assignments)
{
    init();
    auto districts = jsonOf(da06({"units", "list", "--kind", "district", "--json"}));
    BOOST_TEST(districts.asArray().size() == 9u);
    BOOST_TEST(districts.asArray().front().find("parent")->asString() == "tinh-tay-ninh");
    auto below = jsonOf(da06({"units", "list", "--parent", "huyen-tan-bien", "--below", "--json"}));
    BOOST_TEST(below.asArray().size() == 3u);
    auto sites = jsonOf(da06({"units", "list", "--level", "site", "--json"}));
    BOOST_REQUIRE(sites.asArray().size() == 2u);
    BOOST_TEST(da06({"units", "list", "--level", "hamlet"}).exitCode == 2);
    // A bad file: the line is named, nothing is imported.
    test::writeFile(dir / "bad.csv", "id,name,kind\nxa-a,Xã A,commune\nxa-b,Xã B,village\n");
    auto bad = da06({"units", "import", (dir / "bad.csv").string()});
    BOOST_TEST(bad.exitCode == 5);
    BOOST_TEST(bad.err.find("line 3") != std::string::npos);
    BOOST_TEST(da06({"units", "list", "--search", "xa a", "--json"}).out.find("xa-a") == std::string::npos);
    BOOST_TEST(da06({"units", "import", (dir / "none.csv").string()}).exitCode == 4);

    BOOST_TEST(da06({"desk", "unit"}).out.find("no unit") != std::string::npos);
    BOOST_TEST(da06({"desk", "unit", "set", "khong-co"}).exitCode == 4);
    auto set = da06({"desk", "unit", "set", "huyen-tan-bien"});
    BOOST_REQUIRE_MESSAGE(set.exitCode == 0, set.err);
    BOOST_TEST(jsonOf(da06({"desk", "unit", "--json"})).find("id")->asString() == "huyen-tan-bien");

    auto a = da06({"assign", "15", "cd-thu-1", "--lead"});
    BOOST_REQUIRE_MESSAGE(a.exitCode == 0, a.err);
    BOOST_TEST(da06({"assign", "15", "cd-thu-1", "--lead"}).out.find("Already") != std::string::npos);
    BOOST_TEST(da06({"assign", "99", "cd-thu-1", "--lead"}).exitCode == 4);
    BOOST_TEST(da06({"assign", "15", "khong-co", "--lead"}).exitCode == 4);
    BOOST_TEST(da06({"assign", "15", "cd-thu-1"}).exitCode == 2);
    BOOST_TEST(da06({"assign", "15", "huyen-go-dau", "--lead"}).exitCode == 10); // outside the desk's district
    auto list = jsonOf(da06({"assign", "list", "--unit", "cd-thu-1", "--json"}));
    BOOST_REQUIRE(list.asArray().size() == 1u);
    BOOST_TEST(list.asArray()[0].find("role")->asString() == "lead");
    BOOST_TEST(list.asArray()[0].find("source")->asString() == "desk");
    auto mine = jsonOf(da06({"assign", "list", "--json"})); // the desk's unit: inherited from the plan
    BOOST_TEST(mine.asArray().size() >= 10u);
    BOOST_TEST(mine.asArray()[0].find("via")->asString() == "ubnd-cap-huyen");

    // A staff user may not assign (exit 10), through the command line too.
    auto add = da06({"user", "add", "lan", "--role", "staff"}, {{"DA06_NEW_PASSPHRASE", "bon nam sau bay tam"}});
    BOOST_REQUIRE_MESSAGE(add.exitCode == 0, add.err);
    auto denied = da06({"--user", "lan", "assign", "8", "cc-thu-1", "--coordinate"},
                       {{"DA06_PASSPHRASE", "bon nam sau bay tam"}});
    BOOST_TEST(denied.exitCode == 10);
    BOOST_TEST(denied.err.find("may not assign") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(tasks_add_update_attach_and_bad_input)
{
    init();
    auto added =
        jsonOf(da06({"tasks", "add", "5", "--unit", "cong-an-tinh", "--title", "Triển khai DVC trên VNeID", "--json"}));
    const auto id = std::to_string(added.find("id")->asInteger());
    BOOST_TEST(added.find("due")->asString() == "2024-01-31"); // model 5: Tháng 01/2024
    BOOST_TEST(added.find("uid")->asString().size() == 32u);
    auto q = jsonOf(da06({"tasks", "add", "7", "--unit", "so-y-te", "--title", "Lắp Kiosk", "--due", "15/05/2024",
                          "--percent", "20", "--indicator", "Kiosk đã lắp=2/10 kiosk", "--json"}));
    BOOST_TEST(q.find("due")->asString() == "2024-05-15");
    BOOST_TEST(q.find("percent")->asInteger() == 20);
    BOOST_TEST(q.find("status")->asString() == "in_progress");
    BOOST_TEST(da06({"tasks", "add", "7", "--unit", "so-y-te", "--title", "X", "--percent", "120"}).exitCode == 2);

    // Bad input: a clear error, and nothing changes.
    const auto before = changeCount();
    auto pct = da06({"tasks", "update", id, "--percent", "101"});
    BOOST_TEST(pct.exitCode == 2);
    BOOST_TEST(pct.err.find("0 to 100") != std::string::npos);
    BOOST_TEST(da06({"tasks", "update", id, "--percent", "-5"}).exitCode == 2);
    auto date = da06({"tasks", "add", "5", "--unit", "cong-an-tinh", "--title", "X", "--due", "2024-02-30"});
    BOOST_TEST(date.exitCode == 2);
    BOOST_TEST(date.err.find("not a date that exists") != std::string::npos);
    BOOST_TEST(da06({"tasks", "update", id, "--due", "31/04/2024"}).exitCode == 2);
    BOOST_TEST(da06({"tasks", "add", "5", "--unit", "khong-co", "--title", "X"}).exitCode == 4);
    BOOST_TEST(da06({"tasks", "add", "77", "--unit", "cong-an-tinh", "--title", "X"}).exitCode == 4);
    auto notAssigned = da06({"tasks", "add", "6", "--unit", "cong-an-tinh", "--title", "X"});
    BOOST_TEST(notAssigned.exitCode == 4);
    BOOST_TEST(notAssigned.err.find("not assigned") != std::string::npos);
    BOOST_TEST(da06({"tasks", "update", id, "--status", "finished-ish"}).exitCode == 2);
    BOOST_TEST(da06({"tasks", "update", id, "--indicator", "kiosk=nhiều"}).exitCode == 2);
    BOOST_TEST(da06({"tasks", "update", "9999", "--percent", "5"}).exitCode == 4);
    BOOST_TEST(da06({"tasks", "update", id}).exitCode == 2);
    BOOST_TEST(changeCount() == before);
    BOOST_TEST(jsonOf(da06({"tasks", "show", id, "--json"})).find("percent")->asInteger() == 0);

    auto up =
        da06({"tasks", "update", id, "--percent", "40", "--indicator", "DVC trực tuyến đã triển khai=10/25 dịch vụ",
              "--indicator", "Kiosk đã lắp=3", "--note", "Đã họp triển khai với 9 huyện."});
    BOOST_REQUIRE_MESSAGE(up.exitCode == 0, up.err);
    BOOST_TEST(up.out.find("in_progress, 40% done, OVERDUE") != std::string::npos);
    auto shown = jsonOf(da06({"tasks", "show", id, "--json"}));
    BOOST_TEST(shown.find("status")->asString() == "in_progress");
    BOOST_TEST(shown.find("state")->asString() == "overdue");
    const auto& inds = shown.find("indicators")->asArray();
    BOOST_REQUIRE(inds.size() == 2u);
    BOOST_TEST(inds[0].find("actual")->asDouble() == 10.0);
    BOOST_TEST(inds[0].find("target")->asDouble() == 25.0);
    BOOST_TEST(inds[0].find("unit_of_measure")->asString() == "dịch vụ");
    BOOST_TEST(shown.find("notes")->asArray().size() == 1u);

    // Evidence: kept encrypted in the store, given back byte for byte; over 10 MB refused.
    std::string pdf = "%PDF-1.4\n";
    for (int i = 0; i < 5000; ++i) {
        pdf += static_cast<char>(i % 251);
    }
    test::writeFile(dir / "bien-ban hop.pdf", pdf);
    auto at = da06({"tasks", "attach", id, (dir / "bien-ban hop.pdf").string()});
    BOOST_REQUIRE_MESSAGE(at.exitCode == 0, at.err);
    const auto ev = jsonOf(da06({"tasks", "show", id, "--json"})).find("evidence")->asArray();
    BOOST_REQUIRE(ev.size() == 1u);
    BOOST_TEST(ev[0].find("file_name")->asString() == "bien-ban hop.pdf");
    auto back = da06({"tasks", "evidence", ev[0].find("uid")->asString(), "--to", (dir / "back.pdf").string()});
    BOOST_REQUIRE_MESSAGE(back.exitCode == 0, back.err);
    BOOST_TEST(test::readFile(dir / "back.pdf") == pdf);
    BOOST_TEST(test::readFile(store).find("bien-ban hop") == std::string::npos); // encrypted at rest
    {
        std::ofstream big(dir / "big.pdf", std::ios::binary);
        big.seekp(10 * 1024 * 1024);
        big.put('x');
    }
    auto tooBig = da06({"tasks", "attach", id, (dir / "big.pdf").string()});
    BOOST_TEST(tooBig.exitCode == 5);
    BOOST_TEST(tooBig.err.find("at most 10.0 MB") != std::string::npos);

    // Done: 100 %, completed today, late (due 31/01/2024).
    auto done = da06({"tasks", "update", id, "--status", "done"});
    BOOST_REQUIRE_MESSAGE(done.exitCode == 0, done.err);
    BOOST_TEST(done.out.find("done late") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(lists_deadlines_monthly_and_the_change_log)
{
    init();
    for (const auto& [model, unit, due] :
         {std::tuple{"5", "cong-an-tinh", "2024-03-10"}, std::tuple{"9", "cong-an-tinh", "2024-03-25"},
          std::tuple{"15", "cong-an-tinh", "2024-06-30"}, std::tuple{"2", "huyen-tan-bien", "2024-03-01"}}) {
        auto r = da06({"tasks", "add", model, "--unit", unit, "--title", std::string("Nhiệm vụ mô hình ") + model,
                       "--due", due, "--start", "2024-03-01"});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    }
    auto overdue = jsonOf(da06({"tasks", "list", "--overdue", "--json"}));
    BOOST_TEST(overdue.asArray().size() == 2u);
    auto district = jsonOf(da06({"tasks", "list", "--unit", "huyen-tan-bien", "--json"}));
    BOOST_REQUIRE(district.asArray().size() == 1u);
    BOOST_TEST(district.asArray()[0].find("state")->asString() == "overdue");
    auto byModel = jsonOf(da06({"tasks", "list", "--model", "9", "--json"}));
    BOOST_REQUIRE(byModel.asArray().size() == 1u);
    BOOST_TEST(byModel.asArray()[0].find("state")->asString() == "due_soon");
    BOOST_TEST(jsonOf(da06({"tasks", "list", "--search", "mo hinh 15", "--json"})).asArray().size() == 1u);
    // As of another day.
    BOOST_TEST(jsonOf(da06({"tasks", "list", "--overdue", "--as-of", "2024-07-01", "--json"})).asArray().size() == 4u);
    BOOST_TEST(da06({"tasks", "list", "--as-of", "2024-13-01"}).exitCode == 2);

    auto dl = jsonOf(da06({"deadlines", "--as-of", "2024-03-20", "--json"}));
    BOOST_TEST(dl.find("as_of")->asString() == "2024-03-20");
    BOOST_TEST(dl.find("counts")->find("overdue")->asInteger() == 2);
    BOOST_TEST(dl.find("counts")->find("due_soon")->asInteger() == 1);
    BOOST_TEST(dl.find("counts")->find("at_risk")->asInteger() == 1); // model 15: 0 % after 19 of 122 days
    const auto& tasks = dl.find("tasks")->asArray();
    BOOST_REQUIRE(tasks.size() == 4u);
    BOOST_TEST(tasks[0].find("state")->asString() == "overdue"); // most urgent first
    BOOST_TEST(tasks[0].find("days_left")->asInteger() == -19);
    BOOST_TEST(da06({"deadlines", "--as-of", "2024-02-30"}).exitCode == 2);
    auto text = da06({"deadlines"});
    BOOST_TEST(text.out.find("OVERDUE") != std::string::npos);

    // Recurring models: one task per month.
    auto monthly =
        jsonOf(da06({"tasks", "monthly", "--unit", "so-tttt", "--from", "2024-01", "--through", "2024-02", "--json"}));
    BOOST_TEST(monthly.asArray().size() == 6u); // 25, 26 (lead) and 29 (coordinating) × 2 months
    BOOST_TEST(
        jsonOf(da06({"tasks", "monthly", "--unit", "so-tttt", "--from", "2024-01", "--through", "2024-02", "--json"}))
            .asArray()
            .empty());

    // The dashboard of a unit.
    auto dash = jsonOf(da06({"desk", "dashboard", "--unit", "cong-an-tinh", "--json"}));
    BOOST_TEST(dash.find("overdue")->asArray().size() == 1u);
    BOOST_TEST(dash.find("due_soon")->asArray().size() == 1u);
    BOOST_TEST(dash.find("models")->asArray().size() > 20u);

    // Every change wrote a change record with a unique id and a pending sync state.
    auto changes = jsonOf(da06({"desk", "changes", "--json"}));
    std::set<std::string> ids;
    std::string lastHlc;
    for (const auto& c : changes.asArray()) {
        ids.insert(c.find("change_id")->asString());
        BOOST_TEST(c.find("sync_state")->asString() == "pending");
        BOOST_TEST(c.find("hlc")->asString() > lastHlc);
        lastHlc = c.find("hlc")->asString();
    }
    BOOST_TEST(ids.size() == changes.asArray().size());
    BOOST_TEST(jsonOf(da06({"desk", "changes", "--entity", "task", "--json"})).asArray().size() == 10u);
    // Audit entries were written with them, and the chain verifies.
    auto audit = da06({"audit", "verify", "--json"});
    BOOST_TEST(audit.exitCode == 0);
}

BOOST_AUTO_TEST_SUITE_END()
