// The store at the bottom: the program's schema is handed to the store explicitly (store::Schema,
// da06::schema::full()), the store checks it, and da06_store compiles and includes no feature.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "domain/schema/FullSchema.h"
#include "domain/store/Schema.h"
#include "domain/store/Store.h"
#include "tests/support/TestSupport.h"

using namespace da06;

namespace {

const char* const kPass = "mot hai ba bon nam sau";

Status noop(store::Database&)
{
    return {};
}

// The quoted includes of a source file ("dir/File.h" → "dir/File.h").
std::vector<std::string> quotedIncludes(const std::filesystem::path& file)
{
    std::vector<std::string> found;
    std::ifstream in(file);
    static const std::regex include(R"re(^\s*#\s*include\s*"([^"]+)")re");
    std::string line;
    std::smatch m;
    while (std::getline(in, line)) {
        if (std::regex_search(line, m, include)) {
            found.push_back(m[1]);
        }
    }
    return found;
}

} // namespace

BOOST_AUTO_TEST_CASE(the_full_schema_is_the_store_s_then_each_feature_s_in_order)
{
    const store::Schema& full = schema::full();
    BOOST_TEST(full.check().has_value());
    BOOST_TEST(full.latestVersion() == 7);
    // The versions and names the program has always had: a store made before opens after.
    const std::vector<std::string> names = {
        "plan, units and models",
        "diacritic-insensitive search text",
        "users, roles and the audit log",
        "plan execution: units, assignments, tasks, change log",
        "monthly reports",
        "synchronization: enrollment, cursor, record state, conflicts",
        "front desk: check records, notarial cases, pawn register, welfare payouts",
    };
    BOOST_REQUIRE(full.migrations().size() == names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        BOOST_TEST(full.migrations()[i].version == static_cast<int>(i) + 1);
        BOOST_TEST(full.migrations()[i].name == names[i]);
    }
    // The store's own are the first three.
    const auto base = store::baseMigrations();
    BOOST_REQUIRE(base.size() == 3u);
    BOOST_TEST(store::Schema(base).check().has_value());
    BOOST_TEST(store::Schema(base).latestVersion() == 3);
}

BOOST_AUTO_TEST_CASE(a_schema_with_a_gap_a_repeat_or_no_migration_is_refused)
{
    BOOST_TEST((store::Schema({}).check().error().code == ErrorCode::Internal));
    BOOST_TEST((store::Schema({{2, "two", noop}}).check().error().code == ErrorCode::Internal));
    BOOST_TEST((store::Schema({{1, "one", noop}, {3, "three", noop}}).check().error().code == ErrorCode::Internal));
    BOOST_TEST((store::Schema({{1, "one", noop}, {1, "again", noop}}).check().error().code == ErrorCode::Internal));
    BOOST_TEST((store::Schema({{1, "one", noop}, {2, "two", nullptr}}).check().error().code == ErrorCode::Internal));
    BOOST_TEST((store::Schema({{1, "", noop}}).check().error().code == ErrorCode::Internal));
    BOOST_TEST(store::Schema({{1, "one", noop}, {2, "two", noop}}).check().has_value());
}

BOOST_AUTO_TEST_CASE(the_store_refuses_a_wrong_schema_before_touching_a_file)
{
    test::TempDir dir;
    const auto path = dir / "s.da06";
    const store::Schema gap({{1, "one", noop}, {3, "three", noop}});
    auto created = store::Store::create(path, kPass, gap);
    BOOST_REQUIRE(!created);
    BOOST_TEST((created.error().code == ErrorCode::Internal));
    BOOST_TEST(!std::filesystem::exists(path));
    BOOST_TEST(!std::filesystem::exists(store::KeyFile::pathFor(path)));
}

BOOST_AUTO_TEST_CASE(the_store_runs_whatever_schema_it_is_handed)
{
    test::TempDir dir;
    const auto path = dir / "s.da06";
    // The store's own migrations alone: a store of version 3, made without any feature.
    const store::Schema base(store::baseMigrations());
    {
        auto st = store::Store::create(path, kPass, base);
        BOOST_REQUIRE_MESSAGE(st, (st ? "" : st.error().message));
        BOOST_TEST(st->schemaVersion() == 3);
        BOOST_TEST(*st->db().queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'task'") == 0);
    }
    // The full schema migrates it to its latest: the features' tables appear.
    {
        auto st = store::Store::open(path, kPass, schema::full());
        BOOST_REQUIRE_MESSAGE(st, (st ? "" : st.error().message));
        BOOST_TEST(st->schemaVersion() == schema::full().latestVersion());
        BOOST_TEST(*st->db().queryInt("PRAGMA user_version") == schema::full().latestVersion());
        BOOST_TEST(*st->db().queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'task'") == 1);
    }
    // A program that knows only the store's migrations finds the file too new.
    auto older = store::Store::open(path, kPass, base);
    BOOST_REQUIRE(!older);
    BOOST_TEST((older.error().code == ErrorCode::StoreTooNew));
}

// da06_store (domain/store) includes only the core, text and crypto helpers and itself: no header
// of a feature, of the domain above it or of the schema composition.
BOOST_AUTO_TEST_CASE(the_store_includes_no_feature_header)
{
    // Includes name headers from the repository root (tests/layering checks that for every file).
    const std::set<std::string> allowed = {"domain/core", "domain/store", "domain/text", "domain/crypto"};
    const auto storeDir = test::sourceDir() / "domain" / "store";
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(storeDir)) {
        const auto ext = entry.path().extension();
        if (ext != ".h" && ext != ".cpp") {
            continue;
        }
        ++files;
        for (const auto& inc : quotedIncludes(entry.path())) {
            const auto slash = inc.find('/', inc.find('/') + 1);
            const std::string root = slash == std::string::npos ? std::string() : inc.substr(0, slash);
            BOOST_TEST(allowed.count(root) == 1u, entry.path().filename().string() << " includes \"" << inc << "\"");
        }
    }
    BOOST_TEST(files > 5);
}

// No CMake file adds sources to da06_store from outside domain/store (the old way features put
// their schema into the store), and its own source list names only store/ files.
BOOST_AUTO_TEST_CASE(the_store_target_compiles_only_the_store)
{
    const auto root = test::sourceDir();
    for (const auto& dir : {"domain", "sync", "client", "reports"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root / dir)) {
            const auto name = entry.path().filename().string();
            if (name != "CMakeLists.txt" && entry.path().extension() != ".cmake") {
                continue;
            }
            const std::string text = test::readFile(entry.path());
            BOOST_TEST(text.find("target_sources(da06_store") == std::string::npos, entry.path().string());
        }
    }
    const std::string cmake = test::readFile(root / "domain" / "CMakeLists.txt");
    const auto begin = cmake.find("add_library(da06_store STATIC");
    BOOST_REQUIRE(begin != std::string::npos);
    const auto end = cmake.find(')', begin);
    BOOST_REQUIRE(end != std::string::npos);
    static const std::regex source(R"re(\s([A-Za-z0-9_./-]+\.cpp))re");
    const std::string list = cmake.substr(begin, end - begin);
    int sources = 0;
    for (std::sregex_iterator it(list.begin(), list.end(), source), last; it != last; ++it) {
        ++sources;
        BOOST_TEST((*it)[1].str().rfind("store/", 0) == 0u, "da06_store compiles " << (*it)[1].str());
    }
    BOOST_TEST(sources > 5);
}
