// `da06` end to end: the real program, a real store in a temporary folder, its exit codes and JSON.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>

#include "domain/core/Json.h"
#include "domain/store/Store.h"
#include "tests/support/TestSupport.h"

using namespace da06;

namespace {

const std::string kPass = "mot hai ba bon nam sau";

std::filesystem::path bin()
{
    const char* b = std::getenv("DA06_BIN");
    return b ? b : test::binaryDir() / "bin" / "da06";
}

struct Fixture {
    test::TempDir dir;
    std::filesystem::path store = dir / "store.da06";

    test::RunResult da06(std::vector<std::string> args, const std::string& pass = kPass)
    {
        args.insert(args.begin(), {"--store", store.string()});
        std::map<std::string, std::string> env;
        if (!pass.empty()) {
            env["DA06_PASSPHRASE"] = pass;
        }
        auto r = test::runProgram(bin(), args, env);
        // The passphrase never appears in what the program prints.
        BOOST_TEST(r.out.find(kPass) == std::string::npos);
        BOOST_TEST(r.err.find(kPass) == std::string::npos);
        return r;
    }

    void init()
    {
        auto r = da06({"init"});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    }

    json::Value jsonOf(const test::RunResult& r)
    {
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        auto v = json::parse(r.out);
        BOOST_REQUIRE_MESSAGE(v, r.out.substr(0, 200));
        return *v;
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(cli_end_to_end, Fixture)

BOOST_AUTO_TEST_CASE(version_help_and_usage)
{
    auto v = da06({"--version"});
    BOOST_TEST(v.exitCode == 0);
    BOOST_TEST(v.out.find("da06 ") == 0u);
    BOOST_TEST(da06({"--help"}).out.find("plan list") != std::string::npos);
    BOOST_TEST(da06({}).exitCode == 2);
    BOOST_TEST(da06({"fly"}).exitCode == 2);
    BOOST_TEST(da06({"plan"}).exitCode == 2);
    BOOST_TEST(da06({"plan", "show"}).exitCode == 2);
    BOOST_TEST(test::runProgram(bin(), {"--store"}).exitCode == 2);
}

BOOST_AUTO_TEST_CASE(init_and_list_the_plan)
{
    BOOST_TEST(da06({"plan", "list"}).exitCode == 3); // no store yet
    BOOST_TEST(!std::filesystem::exists(store));
    init();
    const json::Value list = jsonOf(da06({"plan", "list", "--json"}));
    BOOST_REQUIRE(list.isArray());
    BOOST_REQUIRE(list.asArray().size() == 42u);
    for (const auto& m : list.asArray()) {
        for (const char* key :
             {"number", "group", "title", "deadline", "lead_units", "coordinating_units", "funding", "tools"}) {
            BOOST_TEST(m.find(key) != nullptr, "missing " << key);
        }
        BOOST_TEST(m.find("lead_units")->isArray());
        BOOST_TEST(m.find("funding")->find("kind")->isString());
        BOOST_TEST(m.find("deadline")->find("kind")->isString());
    }
    const auto& m1 = list.asArray()[0];
    BOOST_TEST(m1.find("number")->asInteger() == 1);
    BOOST_TEST(m1.find("deadline")->find("kind")->asString() == "month");
    BOOST_TEST(m1.find("deadline")->find("due")->asString() == "2024-01-31");
    BOOST_TEST(m1.find("lead_units")->asArray()[0].asString() == "Văn phòng UBND Tỉnh");
    BOOST_TEST(m1.find("funding")->find("kind")->asString() == "free");
    const auto& m41 = list.asArray()[40];
    BOOST_TEST(m41.find("deadline")->find("kind")->asString() == "completed");
    BOOST_TEST(m41.find("deadline")->find("due")->isNull());
    BOOST_TEST(list.asArray()[24].find("deadline")->find("kind")->asString() == "recurring");
    BOOST_TEST(list.asArray()[5].find("deadline")->find("kind")->asString() == "quarter");
    BOOST_TEST(list.asArray()[3].find("funding")->find("kind")->asString() == "self_equipped");

    const json::Value groupB = jsonOf(da06({"plan", "list", "--group", "B", "--json"}));
    BOOST_TEST(groupB.asArray().size() == 16u);
    BOOST_TEST(da06({"plan", "list", "--group", "Z"}).exitCode == 2);
    const json::Value found = jsonOf(da06({"plan", "list", "--search", "cam do", "--json"}));
    BOOST_REQUIRE(!found.asArray().empty());
    BOOST_TEST(found.asArray()[0].find("number")->asInteger() == 15);

    auto text = da06({"plan", "list"});
    BOOST_TEST(text.exitCode == 0);
    BOOST_TEST(text.out.find("A. Nhóm tiện ích") != std::string::npos);
    BOOST_TEST(text.out.find("thường xuyên") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(show_one_model_and_the_units)
{
    init();
    const json::Value m = jsonOf(da06({"plan", "show", "15", "--json"}));
    BOOST_TEST(m.find("title")->asString().find("cầm đồ") != std::string::npos);
    BOOST_TEST(m.find("original")->find("assignment")->isString());
    BOOST_TEST(m.find("objective")->isString());
    BOOST_TEST(da06({"plan", "show", "15"}).out.find("Mô hình 15") != std::string::npos);
    BOOST_TEST(da06({"plan", "show", "99"}).exitCode == 4);
    BOOST_TEST(da06({"plan", "show", "abc"}).exitCode == 2);

    const json::Value units = jsonOf(da06({"units", "list", "--json"}));
    bool police = false;
    for (const auto& u : units.asArray()) {
        police = police || (u.find("id")->asString() == "cong-an-tinh" && u.find("name")->asString() == "Công an Tỉnh");
    }
    BOOST_TEST(police);
    BOOST_TEST(da06({"units", "list"}).out.find("Sở Y tế") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(store_errors_have_their_exit_code)
{
    init();
    const std::string before = test::readFile(store);
    auto again = da06({"init"});
    BOOST_TEST(again.exitCode == 1);
    BOOST_TEST(again.err.find("already exists") != std::string::npos);
    BOOST_TEST(test::readFile(store) == before);

    auto wrong = da06({"plan", "list"}, "not the passphrase");
    BOOST_TEST(wrong.exitCode == 3);
    BOOST_TEST(wrong.err.find("passphrase is wrong") != std::string::npos);
    // Without DA06_PASSPHRASE and without a terminal: a usage error, not a hang.
    BOOST_TEST(da06({"plan", "list"}, "").exitCode == 2);

    // A damaged copy.
    const auto damaged = dir / "damaged.da06";
    std::filesystem::copy_file(store, damaged);
    std::filesystem::copy_file(store::KeyFile::pathFor(store), store::KeyFile::pathFor(damaged));
    {
        std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(5000);
        f.write("\x01\x02\x03\x04", 4);
    }
    auto r = test::runProgram(bin(), {"--store", damaged.string(), "plan", "list"}, {{"DA06_PASSPHRASE", kPass}});
    BOOST_TEST(r.exitCode == 3);
    BOOST_TEST(r.err.find("damaged") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_newer_store_is_refused)
{
    init();
    {
        auto keys = store::KeyFile::load(store::KeyFile::pathFor(store));
        auto key = keys->unlock("", kPass);
        auto db = store::Database::open(store, store::Database::Mode::ReadWrite, &*key);
        BOOST_REQUIRE(db);
        BOOST_REQUIRE(db->exec("PRAGMA user_version = 50;"));
    }
    auto r = da06({"plan", "list"});
    BOOST_TEST(r.exitCode == 3);
    BOOST_TEST(r.err.find("newer version") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(plan_import_checks_the_file_first)
{
    init();
    const std::string listBefore = da06({"plan", "list", "--json"}).out;
    const std::string bytesBefore = test::readFile(store);

    test::writeFile(dir / "broken.json",
                    "{\n  \"format\": \"da06-plan\",\n  \"format_version\": 1,\n  \"id\": \"X\"\n  \"title\": 1\n}");
    auto broken = da06({"plan", "import", (dir / "broken.json").string()});
    BOOST_TEST(broken.exitCode == 5);
    BOOST_TEST(broken.err.find("line 5") != std::string::npos, broken.err);

    std::string plan = test::readFile(test::sourceDir() / "assets/plans/tay-ninh-373-2024.json");
    plan.replace(plan.find("\"due\": \"2024-01-31\""), 19, "\"due\": \"2024-01-30\"");
    test::writeFile(dir / "wrongdue.json", plan);
    auto wrongDue = da06({"plan", "import", (dir / "wrongdue.json").string()});
    BOOST_TEST(wrongDue.exitCode == 5);
    BOOST_TEST(wrongDue.err.find("$.models[0].deadline.due") != std::string::npos, wrongDue.err);

    BOOST_TEST(da06({"plan", "import", (dir / "none.json").string()}).exitCode == 4);
    BOOST_TEST(da06({"plan", "list", "--json"}).out == listBefore);
    BOOST_TEST(test::readFile(store) == bytesBefore); // not even opened for writing

    // A different, valid plan file: any plan of the format loads.
    test::writeFile(dir / "other.json", R"({"format": "da06-plan", "format_version": 1, "id": "KH-THU/2025",
      "title": "Kế hoạch thử nghiệm", "groups": [{"code": "A", "title": "Nhóm A"}],
      "units": [{"id": "so-y-te", "name": "Sở Y tế", "kind": "province_agency"}],
      "models": [{"number": 1, "group": "A", "title": "Mô hình thử", "lead_units": ["so-y-te"],
                  "deadline": {"kind": "month", "period": "2025-02", "due": "2025-02-28"}}]})");
    auto ok = da06({"plan", "import", (dir / "other.json").string()});
    BOOST_TEST(ok.exitCode == 0, ok.err);
    const json::Value now = jsonOf(da06({"plan", "list", "--json"}));
    BOOST_REQUIRE(now.asArray().size() == 1u);
    BOOST_TEST(now.asArray()[0].find("title")->asString() == "Mô hình thử");
    BOOST_TEST(now.asArray()[0].find("funding")->find("kind")->asString() == "unspecified");
}

BOOST_AUTO_TEST_CASE(init_refuses_without_passphrase_and_short_passphrase)
{
    BOOST_TEST(da06({"init"}, "").exitCode == 2);
    BOOST_TEST(da06({"init"}, "short").exitCode == 2);
    BOOST_TEST(!std::filesystem::exists(store));
}

BOOST_AUTO_TEST_CASE(users_audit_backup_and_restore)
{
    init();
    auto as = [&](const std::string& user, const std::string& pass, std::vector<std::string> args,
                  const std::string& newPass = "") {
        args.insert(args.begin(), {"--store", store.string(), "--user", user});
        std::map<std::string, std::string> env{{"DA06_PASSPHRASE", pass}};
        if (!newPass.empty()) {
            env["DA06_NEW_PASSPHRASE"] = newPass;
        }
        auto r = test::runProgram(bin(), args, env);
        BOOST_TEST(r.out.find(pass) == std::string::npos);
        BOOST_TEST(r.err.find(pass) == std::string::npos);
        return r;
    };
    BOOST_TEST(as("admin", kPass, {"user", "add", "lan", "--role", "staff"}, "mat khau cua lan").exitCode == 0);
    BOOST_TEST(as("admin", kPass, {"user", "add", "lan", "--role", "staff"}, "mat khau cua lan").exitCode == 1);
    BOOST_TEST(as("admin", kPass, {"user", "add", "minh", "--role", "boss"}, "mat khau cua minh").exitCode == 2);
    BOOST_TEST(as("admin", kPass, {"user", "add", "minh"}, "mat khau cua minh").exitCode == 2);
    const json::Value users = jsonOf(as("admin", kPass, {"user", "list", "--json"}));
    BOOST_REQUIRE(users.asArray().size() == 2u);
    BOOST_TEST(users.asArray()[1].find("role")->asString() == "staff");

    // A staff member: may read the plan, may not manage users, read the audit log or back up.
    BOOST_TEST(as("lan", "mat khau cua lan", {"plan", "list"}).exitCode == 0);
    for (const auto& cmd : std::vector<std::vector<std::string>>{{"user", "list"},
                                                                 {"audit", "verify"},
                                                                 {"backup", "--to", (dir / "x.bak").string()},
                                                                 {"user", "remove", "admin"}}) {
        auto r = as("lan", "mat khau cua lan", cmd);
        BOOST_TEST(r.exitCode == 10, cmd.front() << ": " << r.err);
        BOOST_TEST(r.err.find("may not") != std::string::npos);
    }
    BOOST_TEST(as("lan", "mat khau sai", {"plan", "list"}).exitCode == 3);
    // The staff member changes their own passphrase.
    BOOST_TEST(as("lan", "mat khau cua lan", {"user", "passwd"}, "mat khau moi cua lan").exitCode == 0);
    BOOST_TEST(as("lan", "mat khau moi cua lan", {"plan", "list"}).exitCode == 0);

    // The audit log records all of it and verifies.
    const json::Value verify = jsonOf(as("admin", kPass, {"audit", "verify", "--json"}));
    BOOST_TEST(verify.find("ok")->asBool());
    BOOST_TEST(verify.find("entries")->asInteger() >= 5);
    const json::Value entries = jsonOf(as("admin", kPass, {"audit", "list", "--json", "--since", "2020-01-01"}));
    std::string actions;
    for (const auto& e : entries.asArray()) {
        actions += e.find("action")->asString() + " ";
    }
    BOOST_TEST(actions.find("plan.import") != std::string::npos);
    BOOST_TEST(actions.find("user.add:staff") != std::string::npos);
    BOOST_TEST(actions.find("user.passwd") != std::string::npos);
    BOOST_TEST(as("admin", kPass, {"audit", "list", "--since", "2024-02-30"}).exitCode == 2);

    // Backup, a change, restore: the change is gone, the old store is kept aside.
    BOOST_TEST(as("admin", kPass, {"backup", "--to", (dir / "b.da06bak").string()}).exitCode == 0);
    BOOST_TEST(as("admin", kPass, {"user", "remove", "lan"}).exitCode == 0);
    auto restored = as("admin", kPass, {"restore", "--from", (dir / "b.da06bak").string()});
    BOOST_TEST(restored.exitCode == 0, restored.err);
    BOOST_TEST(restored.out.find("kept as") != std::string::npos);
    BOOST_TEST(jsonOf(as("admin", kPass, {"user", "list", "--json"})).asArray().size() == 2u);
    // A damaged backup is refused and changes nothing.
    std::string bytes = test::readFile(dir / "b.da06bak");
    bytes[bytes.size() - 100] ^= 0x01;
    test::writeFile(dir / "bad.da06bak", bytes);
    auto bad = as("admin", kPass, {"restore", "--from", (dir / "bad.da06bak").string()});
    BOOST_TEST(bad.exitCode == 5);
    BOOST_TEST(bad.err.find("checksum") != std::string::npos, bad.err);
    BOOST_TEST(as("admin", kPass, {"restore", "--from", (dir / "none.da06bak").string()}).exitCode == 4);
}

BOOST_AUTO_TEST_SUITE_END()
