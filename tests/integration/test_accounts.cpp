// Accounts, roles, the brute-force brake, the audit chain, backup and restore.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "assets/Bundled.h"
#include "domain/access/Accounts.h"
#include "domain/access/Restore.h"
#include "domain/audit/AuditLog.h"
#include "domain/plan/PlanFile.h"
#include "domain/plan/PlanRepository.h"
#include "domain/schema/FullSchema.h"
#include "tests/support/TestSupport.h"

using namespace da06;
using namespace da06::access;

namespace {

const std::string kAdminPass = "mat khau cua quan tri";
const std::map<Role, std::pair<std::string, std::string>> kUsers = {
    {Role::Staff, {"lan", "mat khau cua lan"}},
    {Role::Checker, {"minh", "mat khau cua minh"}},
    {Role::Coordinator, {"hoa", "mat khau cua hoa"}},
};

struct StoreFixture {
    test::TempDir dir;
    std::filesystem::path path = dir / "store.da06";
    FixedClock clock = FixedClock::at(Date{2024, 5, 2});

    StoreFixture()
    {
        auto s = createStore(path, "admin", kAdminPass, clock, da06::schema::full());
        BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().message));
        plan::PlanRepository repo(s->store.db(), clock);
        BOOST_REQUIRE(repo.importPlan(*plan::loadPlanText(assets::bundledPlanJson()), s->actor));
        UserService users(*s, clock);
        for (const auto& [role, cred] : kUsers) {
            BOOST_REQUIRE(users.add(cred.first, role, cred.second));
        }
    }

    Session open(const std::string& user, const std::string& pass)
    {
        auto s = openSession(path, user, pass, clock, da06::schema::full());
        BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().message));
        return std::move(*s);
    }
    Session admin() { return open("admin", kAdminPass); }
};

void flipByte(const std::filesystem::path& p, std::streamoff offset)
{
    std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(offset);
    char c = 0;
    f.get(c);
    f.seekp(offset);
    f.put(static_cast<char>(c ^ 0x20));
}

std::filesystem::path binDir()
{
    return test::binaryDir() / "bin";
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(accounts, StoreFixture)

BOOST_AUTO_TEST_CASE(each_role_unlocks_with_its_own_passphrase_only)
{
    BOOST_TEST((admin().actor.role == Role::Admin));
    for (const auto& [role, cred] : kUsers) {
        BOOST_TEST_INFO(cred.first);
        auto s = open(cred.first, cred.second);
        BOOST_TEST((s.actor.role == role));
        BOOST_TEST(s.actor.user == cred.first);
        auto wrong =
            openSession(path, cred.first, kAdminPass, clock, da06::schema::full()); // another user's passphrase
        BOOST_REQUIRE(!wrong);
        BOOST_TEST((wrong.error().code == ErrorCode::WrongPassphrase));
    }
    auto adminWithStaffPass = openSession(path, "admin", kUsers.at(Role::Staff).second, clock, da06::schema::full());
    BOOST_REQUIRE(!adminWithStaffPass);
    BOOST_TEST((adminWithStaffPass.error().code == ErrorCode::WrongPassphrase));
    auto ghost = openSession(path, "ghost", kAdminPass, clock, da06::schema::full());
    BOOST_REQUIRE(!ghost);
    BOOST_TEST((ghost.error().code == ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(forbidden_actions_are_refused_by_the_domain)
{
    const auto plan = *plan::loadPlanText(assets::bundledPlanJson());
    for (const auto& [role, cred] : kUsers) {
        BOOST_TEST_INFO(cred.first);
        auto s = open(cred.first, cred.second);
        UserService users(s, clock);
        auto denied = [](const auto& r) { return !r && r.error().code == ErrorCode::PermissionDenied; };
        BOOST_TEST(denied(users.list()));
        BOOST_TEST(denied(users.add("moi", Role::Admin, "mot mat khau moi")));
        BOOST_TEST(denied(users.remove("admin")));
        BOOST_TEST(denied(users.reset("admin", "mot mat khau moi")));
        BOOST_TEST(denied(users.setRole(cred.first, Role::Admin)));
        BOOST_TEST(denied(audit::verify(s.store.db(), s.actor)));
        BOOST_TEST(denied(audit::list(s.store.db(), s.actor, std::nullopt)));
        plan::PlanRepository repo(s.store.db(), clock);
        BOOST_TEST(denied(repo.importPlan(plan, s.actor)));
        BOOST_TEST(denied(backupStore(s, dir / "b.bak", clock)));
        BOOST_TEST(!std::filesystem::exists(dir / "b.bak"));
        // Reading the plan is allowed to every role.
        BOOST_TEST(repo.models().has_value());
    }
    // Nothing was changed by the refused calls: still four users.
    auto a = admin();
    BOOST_TEST(UserService(a, clock).list()->size() == 4u);
}

BOOST_AUTO_TEST_CASE(user_management)
{
    auto a = admin();
    UserService users(a, clock);
    BOOST_TEST((users.add("lan", Role::Staff, "mot mat khau khac").error().code == ErrorCode::AlreadyExists));
    BOOST_TEST((users.add("Lan Anh", Role::Staff, "mot mat khau khac").error().code == ErrorCode::Usage));
    BOOST_TEST((users.add("ngan", Role::Staff, "short").error().code == ErrorCode::Usage));
    BOOST_TEST((users.remove("admin").error().code == ErrorCode::Usage)); // not yourself
    // Resetting re-wraps the slot of that user only.
    const auto before = *store::KeyFile::load(store::KeyFile::pathFor(path));
    BOOST_REQUIRE(users.reset("lan", "mat khau moi cua lan"));
    const auto after = *store::KeyFile::load(store::KeyFile::pathFor(path));
    for (const auto& slot : after.slots()) {
        const auto* old = const_cast<store::KeyFile&>(before).findSlot(slot.user);
        BOOST_REQUIRE(old);
        BOOST_TEST((slot.ciphertext == old->ciphertext) == (slot.user != "lan"), slot.user);
    }
    BOOST_TEST((openSession(path, "lan", kUsers.at(Role::Staff).second, clock, da06::schema::full()).error().code ==
                ErrorCode::WrongPassphrase));
    BOOST_TEST(openSession(path, "lan", "mat khau moi cua lan", clock, da06::schema::full()).has_value());
    // Changing one's own passphrase.
    {
        auto m = open("minh", kUsers.at(Role::Checker).second);
        UserService self(m, clock);
        BOOST_TEST((self.changeOwnPassphrase("wrong current", "mat khau moi cua minh").error().code ==
                    ErrorCode::WrongPassphrase));
        BOOST_REQUIRE(self.changeOwnPassphrase(kUsers.at(Role::Checker).second, "mat khau moi cua minh"));
    }
    BOOST_TEST(openSession(path, "minh", "mat khau moi cua minh", clock, da06::schema::full()).has_value());
    // Removing removes the slot.
    BOOST_REQUIRE(users.remove("hoa"));
    BOOST_TEST(!store::KeyFile::load(store::KeyFile::pathFor(path))->findSlot("hoa"));
    BOOST_TEST(
        (openSession(path, "hoa", kUsers.at(Role::Coordinator).second, clock, da06::schema::full()).error().code ==
         ErrorCode::NotFound));
    // The last admin stays.
    BOOST_TEST((users.setRole("admin", Role::Staff).error().code == ErrorCode::Usage));
    BOOST_REQUIRE(users.setRole("lan", Role::Admin));
    BOOST_REQUIRE(users.setRole("admin", Role::Staff));
    // Every change is in the audit log, without any passphrase.
    auto l = open("lan", "mat khau moi cua lan");
    auto entries = audit::list(l.store.db(), l.actor, std::nullopt);
    BOOST_REQUIRE(entries);
    std::string all;
    for (const auto& e : *entries) {
        all += e.action + " " + e.object + "\n";
    }
    for (const char* expected :
         {"user.reset user:lan", "user.passwd user:minh", "user.remove user:hoa", "user.role:admin user:lan"}) {
        BOOST_TEST(all.find(expected) != std::string::npos, expected);
    }
    BOOST_TEST(all.find("mat khau") == std::string::npos);
    BOOST_TEST(audit::verify(l.store.db(), l.actor)->ok);
}

BOOST_AUTO_TEST_CASE(the_brute_force_brake_survives_a_restart)
{
    const auto& [user, pass] = kUsers.at(Role::Staff);
    for (int i = 0; i < store::kFreeAttempts; ++i) {
        auto r = openSession(path, user, "sai mat khau", clock, da06::schema::full());
        BOOST_TEST((r.error().code == ErrorCode::WrongPassphrase));
    }
    // Every new open reads the counter from disk: this is what a restarted program sees.
    auto locked = openSession(path, user, pass, clock, da06::schema::full());
    BOOST_REQUIRE(!locked);
    BOOST_TEST((locked.error().code == ErrorCode::LockedOut));
    BOOST_TEST(locked.error().message.find("30 seconds") != std::string::npos, locked.error().message);
    // Other users are not affected.
    BOOST_TEST(admin().actor.user == "admin");
    clock.set(clock.now() + std::chrono::seconds(31));
    BOOST_TEST(
        openSession(path, user, pass, clock, da06::schema::full()).has_value()); // the wait is over; the counter resets
    for (int i = 0; i < store::kFreeAttempts; ++i) {
        BOOST_TEST(
            (openSession(path, user, "sai", clock, da06::schema::full()).error().code == ErrorCode::WrongPassphrase));
    }
    clock.set(clock.now() + std::chrono::seconds(31));
    BOOST_TEST((openSession(path, user, "sai", clock, da06::schema::full()).error().code ==
                ErrorCode::WrongPassphrase)); // 6th
    clock.set(clock.now() + std::chrono::seconds(31));
    auto longer = openSession(path, user, pass, clock, da06::schema::full()); // the wait doubled to 60 s
    BOOST_REQUIRE(!longer);
    BOOST_TEST((longer.error().code == ErrorCode::LockedOut));
    BOOST_TEST(store::lockoutDelaySeconds(5) == 30);
    BOOST_TEST(store::lockoutDelaySeconds(6) == 60);
    BOOST_TEST(store::lockoutDelaySeconds(40) == 3600);
}

BOOST_AUTO_TEST_CASE(the_audit_chain_detects_tampering)
{
    auto fresh = [&](const char* name) {
        const auto copy = dir / name;
        std::filesystem::copy_file(path, copy);
        std::filesystem::copy_file(store::KeyFile::pathFor(path), store::KeyFile::pathFor(copy));
        auto s = openSession(copy, "admin", kAdminPass, clock, da06::schema::full());
        BOOST_REQUIRE(s);
        return std::move(*s);
    };
    {
        auto s = fresh("intact.da06");
        auto r = audit::verify(s.store.db(), s.actor);
        BOOST_REQUIRE(r);
        BOOST_TEST(r->ok);
        BOOST_TEST(r->entries >= 6);
    }
    struct Case {
        const char* name;
        const char* sql;
        std::int64_t firstBad;
    };
    for (const Case& c :
         {Case{"edited", "UPDATE audit_log SET object = 'user:someone' WHERE seq = 3", 3},
          Case{"edited-user", "UPDATE audit_log SET user = 'ghost' WHERE seq = 5", 5},
          Case{"deleted", "DELETE FROM audit_log WHERE seq = 2", 3},
          Case{"reordered",
               "UPDATE audit_log SET seq = -1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3;"
               "UPDATE audit_log SET seq = 3 WHERE seq = -1;",
               2},
          Case{"cut-short", "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)", 6}}) {
        BOOST_TEST_INFO(c.name);
        auto s = fresh((std::string(c.name) + ".da06").c_str());
        BOOST_REQUIRE(s.store.db().exec(c.sql));
        auto r = audit::verify(s.store.db(), s.actor);
        BOOST_REQUIRE(r);
        BOOST_TEST(!r->ok);
        BOOST_TEST(r->firstBadSeq.value_or(-1) == c.firstBad, c.name << ": " << r->problem);
        BOOST_TEST(!r->problem.empty());
    }
}

BOOST_AUTO_TEST_CASE(backup_while_another_process_writes)
{
    test::Child writer(binDir() / "store_writer", {path.string(), "1", "100000", "2"},
                       {{"DA06_PASSPHRASE", kAdminPass}});
    BOOST_REQUIRE(writer.waitForLine("ready", 20000));
    BOOST_REQUIRE(writer.waitForLine("committed 20", 20000));
    {
        auto a = admin();
        for (int i = 0; i < 3; ++i) {
            auto info = backupStore(a, dir / ("during-" + std::to_string(i) + ".bak"), clock);
            BOOST_REQUIRE_MESSAGE(info, (info ? "" : info.error().message));
            writer.pump(50);
        }
    }
    writer.kill9();
    writer.wait();
    // Each backup restores into a consistent store whose audit chain verifies.
    for (int i = 0; i < 3; ++i) {
        const auto target = dir / ("restored-" + std::to_string(i)) / "store.da06";
        auto r = restoreFromBackup(target, dir / ("during-" + std::to_string(i) + ".bak"), "admin", kAdminPass, clock,
                                   da06::schema::full());
        BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
        BOOST_TEST(r->keptAside.empty());
        auto s = openSession(target, "admin", kAdminPass, clock, da06::schema::full());
        BOOST_REQUIRE(s);
        BOOST_TEST(s->store.checkIntegrity().has_value());
        BOOST_TEST(audit::verify(s->store.db(), s->actor)->ok);
        auto n = s->store.db().queryInt("SELECT COUNT(*) FROM crash_probe");
        BOOST_REQUIRE(n);
        BOOST_TEST(*n >= 20);
        // The rows are consecutive from 1: a snapshot, not a torn copy.
        BOOST_TEST(*s->store.db().queryInt("SELECT MAX(n) FROM crash_probe") == *n);
    }
}

BOOST_AUTO_TEST_CASE(restore_refuses_damaged_or_foreign_backups)
{
    {
        auto a = admin();
        BOOST_REQUIRE(backupStore(a, dir / "good.bak", clock));
    }
    // A change after the backup, to see whether the store was replaced.
    {
        auto a = admin();
        BOOST_REQUIRE(UserService(a, clock).add("sau", Role::Staff, "them sau khi sao luu"));
    }
    const std::string storeBefore = test::readFile(path);
    const auto size = static_cast<std::streamoff>(std::filesystem::file_size(dir / "good.bak"));
    std::filesystem::copy_file(dir / "good.bak", dir / "flipped.bak");
    flipByte(dir / "flipped.bak", size - 5000);
    std::filesystem::copy_file(dir / "good.bak", dir / "truncated.bak");
    std::filesystem::resize_file(dir / "truncated.bak", static_cast<std::uintmax_t>(size / 2));
    test::writeFile(dir / "garbage.bak", "DA06-BACKUP 1\n{not json}\n");

    for (const char* name : {"flipped.bak", "truncated.bak", "garbage.bak"}) {
        BOOST_TEST_INFO(name);
        auto r = restoreFromBackup(path, dir / name, "admin", kAdminPass, clock, da06::schema::full());
        BOOST_REQUIRE(!r);
        BOOST_TEST((r.error().code == ErrorCode::InvalidInput));
        BOOST_TEST(test::readFile(path) == storeBefore);
    }
    auto missing = restoreFromBackup(path, dir / "none.bak", "admin", kAdminPass, clock, da06::schema::full());
    BOOST_TEST((missing.error().code == ErrorCode::NotFound));
    auto wrong = restoreFromBackup(path, dir / "good.bak", "admin", "not the passphrase", clock, da06::schema::full());
    BOOST_TEST((wrong.error().code == ErrorCode::WrongPassphrase));
    auto staff =
        restoreFromBackup(path, dir / "good.bak", "lan", kUsers.at(Role::Staff).second, clock, da06::schema::full());
    BOOST_TEST((staff.error().code == ErrorCode::PermissionDenied));
    BOOST_TEST(test::readFile(path) == storeBefore);
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
        BOOST_TEST(e.path().filename().string().find(".restoring") == std::string::npos, "left over " << e.path());
    }

    // A backup whose audit chain was tampered with (rewritten with the data key) is refused.
    {
        auto a = admin();
        BOOST_REQUIRE(a.store.db().exec("UPDATE audit_log SET action = 'nothing' WHERE seq = 2"));
        BOOST_REQUIRE(store::writeBackup(a.store, dir / "tampered.bak", clock));
        BOOST_REQUIRE(a.store.db().exec("UPDATE audit_log SET action = 'user.add' WHERE seq = 2"));
    }
    auto tampered = restoreFromBackup(path, dir / "tampered.bak", "admin", kAdminPass, clock, da06::schema::full());
    BOOST_REQUIRE(!tampered);
    BOOST_TEST(tampered.error().message.find("audit") != std::string::npos);

    // The good one restores, and the replaced store is kept aside.
    auto ok = restoreFromBackup(path, dir / "good.bak", "admin", kAdminPass, clock, da06::schema::full());
    BOOST_REQUIRE_MESSAGE(ok, (ok ? "" : ok.error().message));
    BOOST_TEST(std::filesystem::exists(ok->keptAside));
    {
        auto aside =
            openSession(ok->keptAside, "admin", kAdminPass, clock, da06::schema::full()); // the replaced store, intact
        BOOST_REQUIRE(aside);
        BOOST_TEST(UserService(*aside, clock).list()->size() == 5u);
    }
    auto a = admin();
    BOOST_TEST(UserService(a, clock).list()->size() == 4u); // "sau" was added after the backup
}

BOOST_AUTO_TEST_SUITE_END()
