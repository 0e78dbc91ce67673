// The encrypted store: keys, wrong passphrase, damage, newer files, migrations, no plaintext.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sqlcipher/sqlite3.h>

#include "assets/Bundled.h"
#include "domain/plan/PlanFile.h"
#include "domain/plan/PlanRepository.h"
#include "domain/schema/FullSchema.h"
#include "domain/store/Store.h"
#include "tests/support/TestSupport.h"

using namespace da06;
using namespace da06::store;

namespace {

const char* const kPass = "mot hai ba bon nam sau";
const access::Actor kAdmin{"admin", access::Role::Admin, {}};

plan::Plan bundledPlan()
{
    return *plan::loadPlanText(assets::bundledPlanJson());
}

void createWithPlan(const std::filesystem::path& path)
{
    auto st = Store::create(path, kPass, da06::schema::full());
    BOOST_REQUIRE_MESSAGE(st, (st ? "" : st.error().message));
    SystemClock clock;
    plan::PlanRepository repo(st->db(), clock);
    BOOST_REQUIRE(repo.importPlan(bundledPlan(), kAdmin));
}

void flipByte(const std::filesystem::path& p, std::streamoff offset)
{
    std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(offset);
    char c = 0;
    f.get(c);
    f.seekp(offset);
    f.put(static_cast<char>(c ^ 0x5A));
}

// Opens the raw database with the data key (as only the program can) to simulate other programs.
Database rawOpen(const std::filesystem::path& path)
{
    auto keys = KeyFile::load(KeyFile::pathFor(path));
    BOOST_REQUIRE(keys);
    auto key = keys->unlock("", kPass);
    BOOST_REQUIRE(key);
    auto db = Database::open(path, Database::Mode::ReadWrite, &*key);
    BOOST_REQUIRE(db);
    return std::move(*db);
}

ErrorCode openError(const std::filesystem::path& path, const std::string& pass = kPass)
{
    auto st = Store::open(path, pass, da06::schema::full());
    BOOST_REQUIRE_MESSAGE(!st, "the store opened but should not have");
    BOOST_TEST_MESSAGE("refused as expected: " << st.error().message);
    return st.error().code;
}

} // namespace

BOOST_AUTO_TEST_SUITE(encrypted_store)

BOOST_AUTO_TEST_CASE(create_open_and_wrong_passphrase)
{
    test::TempDir dir;
    const auto path = dir / "sub" / "store.da06";
    createWithPlan(path);
    BOOST_TEST(std::filesystem::exists(KeyFile::pathFor(path)));
    auto st = Store::open(path, kPass, da06::schema::full());
    BOOST_REQUIRE(st);
    BOOST_TEST(st->schemaVersion() == da06::schema::full().latestVersion());
    BOOST_TEST(st->user() == "admin");
    BOOST_TEST(*st->db().queryInt("SELECT COUNT(*) FROM model") == 42);
    BOOST_TEST(*st->db().queryInt("PRAGMA application_id") == kApplicationId);

    BOOST_TEST((openError(path, "mot hai ba bon nam bay") == ErrorCode::WrongPassphrase));
    BOOST_TEST((openError(path, "") == ErrorCode::WrongPassphrase));
    auto other = Store::open(path, kPass, da06::schema::full(), OpenOptions{"someone", true});
    BOOST_REQUIRE(!other);
    BOOST_TEST((other.error().code == ErrorCode::NotFound));
    // Only the owner may read the files.
    const auto perms = std::filesystem::status(path).permissions();
    BOOST_TEST(((perms & std::filesystem::perms::others_read) == std::filesystem::perms::none));
    BOOST_TEST(((std::filesystem::status(KeyFile::pathFor(path)).permissions() & std::filesystem::perms::group_read) ==
                std::filesystem::perms::none));
}

BOOST_AUTO_TEST_CASE(missing_store_is_not_created)
{
    test::TempDir dir;
    BOOST_TEST((openError(dir / "none.da06") == ErrorCode::StoreMissing));
    BOOST_TEST(!std::filesystem::exists(dir / "none.da06"));
    BOOST_TEST(!std::filesystem::exists(KeyFile::pathFor(dir / "none.da06")));
}

BOOST_AUTO_TEST_CASE(never_a_new_store_over_the_old_one)
{
    test::TempDir dir;
    const auto path = dir / "store.da06";
    createWithPlan(path);
    const std::string before = test::readFile(path);
    const std::string keysBefore = test::readFile(KeyFile::pathFor(path));
    auto again = Store::create(path, "another passphrase entirely", da06::schema::full());
    BOOST_REQUIRE(!again);
    BOOST_TEST((again.error().code == ErrorCode::AlreadyExists));
    BOOST_TEST(test::readFile(path) == before);
    BOOST_TEST(test::readFile(KeyFile::pathFor(path)) == keysBefore);
    // A key file alone (store deleted by mistake) is also kept.
    std::filesystem::remove(path);
    BOOST_TEST(!Store::create(path, kPass, da06::schema::full()));
    BOOST_TEST(test::readFile(KeyFile::pathFor(path)) == keysBefore);
}

BOOST_AUTO_TEST_CASE(no_plaintext_on_disk)
{
    test::TempDir dir;
    const auto path = dir / "store.da06";
    const auto plan = bundledPlan();
    auto st = Store::create(path, kPass, da06::schema::full());
    BOOST_REQUIRE(st);
    SystemClock clock;
    plan::PlanRepository repo(st->db(), clock);
    BOOST_REQUIRE(repo.importPlan(plan, kAdmin));
    auto scan = [&](const char* when) {
        for (const auto& file : std::filesystem::directory_iterator(dir.path())) {
            const std::string bytes = test::readFile(file.path());
            for (const auto& m : plan.models) {
                BOOST_TEST(bytes.find(m.title) == std::string::npos,
                           when << ": title of model " << m.number << " in " << file.path().filename());
                // Also a short distinctive fragment of each title (a page boundary could split a title).
                BOOST_TEST(bytes.find(m.title.substr(0, 24)) == std::string::npos);
            }
            for (const char* s : {"Công an Tỉnh", "Tây Ninh", "CREATE TABLE", "SQLite format 3", "373/KH"}) {
                BOOST_TEST(bytes.find(s) == std::string::npos,
                           when << ": \"" << s << "\" in " << file.path().filename());
            }
        }
    };
    scan("while open"); // with the write-ahead log present
    st = Result<Store>(std::unexpected(Error{}));
    scan("after close");
}

BOOST_AUTO_TEST_CASE(damaged_files_are_reported_not_crashed_on)
{
    test::TempDir dir;
    const auto good = dir / "good.da06";
    createWithPlan(good);
    const auto size = static_cast<std::streamoff>(std::filesystem::file_size(good));
    BOOST_REQUIRE(size > 8 * 4096);
    auto copyAs = [&](const std::string& name) {
        const auto p = dir / name;
        std::filesystem::copy_file(good, p);
        std::filesystem::copy_file(KeyFile::pathFor(good), KeyFile::pathFor(p));
        return p;
    };
    const std::streamoff offsets[] = {100, 4096 + 2000, size / 2, size - 100};
    int i = 0;
    for (std::streamoff off : offsets) {
        const auto p = copyAs("flip" + std::to_string(i++) + ".da06");
        flipByte(p, off);
        BOOST_TEST_INFO("byte flipped at " << off);
        BOOST_TEST((openError(p) == ErrorCode::StoreDamaged));
    }
    {
        const auto p = copyAs("truncated.da06");
        std::filesystem::resize_file(p, static_cast<std::uintmax_t>(size / 2 + 17));
        BOOST_TEST((openError(p) == ErrorCode::StoreDamaged));
    }
    {
        const auto p = copyAs("garbage.da06");
        test::writeFile(p, std::string(50000, 'x'));
        BOOST_TEST((openError(p) == ErrorCode::StoreDamaged));
    }
    {
        const auto p = copyAs("empty.da06");
        test::writeFile(p, "");
        BOOST_TEST((openError(p) == ErrorCode::StoreDamaged));
    }
    {
        const auto p = copyAs("nokeys.da06");
        std::filesystem::remove(KeyFile::pathFor(p));
        auto st = Store::open(p, kPass, da06::schema::full());
        BOOST_REQUIRE(!st);
        BOOST_TEST((st.error().code == ErrorCode::StoreDamaged));
        BOOST_TEST(st.error().message.find("key file") != std::string::npos);
    }
    {
        const auto p = copyAs("badkeys.da06");
        test::writeFile(KeyFile::pathFor(p), "{\"format\": \"da06-keys\", \"version\": 1, \"slots\": 3}");
        BOOST_TEST((openError(p) == ErrorCode::StoreDamaged));
        test::writeFile(KeyFile::pathFor(p), "not json at all");
        BOOST_TEST((openError(p) == ErrorCode::StoreDamaged));
    }
    {
        const auto p = dir / "folder.da06";
        std::filesystem::create_directory(p);
        BOOST_TEST((openError(p) == ErrorCode::StoreDamaged));
    }
    // The good store is still good.
    BOOST_TEST(Store::open(good, kPass, da06::schema::full()).has_value());
}

BOOST_AUTO_TEST_CASE(a_newer_file_is_refused)
{
    test::TempDir dir;
    const auto path = dir / "store.da06";
    createWithPlan(path);
    {
        Database db = rawOpen(path);
        BOOST_REQUIRE(db.exec("PRAGMA user_version = 99;"));
    }
    auto st = Store::open(path, kPass, da06::schema::full());
    BOOST_REQUIRE(!st);
    BOOST_TEST((st.error().code == ErrorCode::StoreTooNew));
    BOOST_TEST(st.error().message.find("newer") != std::string::npos);
    {
        Database db = rawOpen(path);
        BOOST_REQUIRE(db.exec("PRAGMA user_version = 2; PRAGMA application_id = 7;"));
    }
    BOOST_TEST((openError(path) == ErrorCode::StoreDamaged)); // not a DA06 store

    const auto other = dir / "other.da06";
    createWithPlan(other);
    std::string keys = test::readFile(KeyFile::pathFor(other));
    keys.replace(keys.find("\"version\": 1"), 12, "\"version\": 9");
    test::writeFile(KeyFile::pathFor(other), keys);
    BOOST_TEST((openError(other) == ErrorCode::StoreTooNew));
}

BOOST_AUTO_TEST_CASE(migration_from_the_first_version)
{
    test::TempDir dir;
    const auto path = dir / "v1.da06";
    {
        auto st = Store::create(path, kPass, da06::schema::full(), CreateOptions{"admin", 1});
        BOOST_REQUIRE(st);
        BOOST_TEST(st->schemaVersion() == 1);
        BOOST_TEST(*st->db().queryInt("PRAGMA user_version") == 1);
        // Data as version 1 wrote it (no search_text column yet).
        BOOST_REQUIRE(
            st->db().exec("INSERT INTO plan (id, plan_key, title, imported_at) VALUES (1, 'P1', 'Kế hoạch cũ', "
                          "'2024-01-01T00:00:00Z');"
                          "INSERT INTO setting (key, value) VALUES ('current_plan', 'P1');"
                          "INSERT INTO plan_group (plan_id, code, title, original) VALUES (1, 'A', 'Nhóm A', 'Nhóm A');"
                          "INSERT INTO unit (id, code, name, kind) VALUES (1, 'so-y-te', 'Sở Y tế', 'province_agency');"
                          "INSERT INTO model (plan_id, number, group_code, title, deadline_kind, funding_kind) "
                          "VALUES (1, 1, 'A', 'Khám chữa bệnh bằng CCCD', 'recurring', 'free');"
                          "INSERT INTO model_unit (model_id, unit_id, role, position) VALUES (1, 1, 'lead', 0);"));
    }
    auto st = Store::open(path, kPass, da06::schema::full());
    BOOST_REQUIRE_MESSAGE(st, (st ? "" : st.error().message));
    BOOST_TEST(st->schemaVersion() == da06::schema::full().latestVersion());
    BOOST_TEST(*st->db().queryInt("PRAGMA user_version") == da06::schema::full().latestVersion());
    auto q = st->db().prepare("SELECT search_text FROM model WHERE number = 1");
    BOOST_REQUIRE(q);
    BOOST_REQUIRE(*q->step());
    BOOST_TEST(q->columnText(0) == "kham chua benh bang cccd");
    FixedClock clock = FixedClock::at(Date{2024, 3, 1});
    plan::PlanRepository repo(st->db(), clock);
    auto found = repo.models(plan::ModelFilter{std::nullopt, "kham chua"});
    BOOST_REQUIRE(found);
    BOOST_REQUIRE(found->size() == 1u);
    BOOST_TEST(found->front().leadUnitNames.front() == "Sở Y tế");
    // Opening without permission to migrate would have refused the old file.
    st = Result<Store>(std::unexpected(Error{}));
    BOOST_TEST(
        Store::open(path, kPass, da06::schema::full(), OpenOptions{"", false}).has_value()); // already migrated now
}

BOOST_AUTO_TEST_CASE(an_import_that_fails_midway_changes_nothing)
{
    test::TempDir dir;
    const auto path = dir / "store.da06";
    createWithPlan(path);
    auto st = Store::open(path, kPass, da06::schema::full());
    BOOST_REQUIRE(st);
    const auto units = *st->db().queryInt("SELECT COUNT(*) FROM unit");
    const auto models = *st->db().queryInt("SELECT COUNT(*) FROM model");
    // Make the 3rd model's insert fail, after the plan, units and two models were written.
    BOOST_REQUIRE(st->db().exec("CREATE TEMP TRIGGER fail_third BEFORE INSERT ON model WHEN NEW.number = 3 "
                                "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"));
    auto plan = bundledPlan();
    plan.units.push_back(plan::Unit{"don-vi-moi", "Đơn vị mới", "other", std::nullopt, {}});
    SystemClock clock;
    plan::PlanRepository repo(st->db(), clock);
    auto r = repo.importPlan(plan, kAdmin);
    BOOST_REQUIRE(!r);
    BOOST_TEST(*st->db().queryInt("SELECT COUNT(*) FROM unit") == units);
    BOOST_TEST(*st->db().queryInt("SELECT COUNT(*) FROM model") == models);
    auto current = repo.currentPlan();
    BOOST_REQUIRE(current && *current);
    BOOST_TEST((*current)->modelCount == 42);
}

BOOST_AUTO_TEST_CASE(reimport_replaces_the_plan_of_the_same_id)
{
    test::TempDir dir;
    const auto path = dir / "store.da06";
    createWithPlan(path);
    auto st = Store::open(path, kPass, da06::schema::full());
    BOOST_REQUIRE(st);
    SystemClock clock;
    plan::PlanRepository repo(st->db(), clock);
    auto plan = bundledPlan();
    plan.models.pop_back();
    auto r = repo.importPlan(plan, kAdmin);
    BOOST_REQUIRE(r);
    BOOST_TEST(r->replaced);
    BOOST_TEST(r->unitsAdded == 0);
    BOOST_TEST((*repo.currentPlan())->modelCount == 41);
    BOOST_TEST(*st->db().queryInt("SELECT COUNT(*) FROM plan") == 1);
    BOOST_TEST(!repo.model(42));
    BOOST_TEST((repo.model(42).error().code == ErrorCode::NotFound));
}

BOOST_AUTO_TEST_SUITE_END()
