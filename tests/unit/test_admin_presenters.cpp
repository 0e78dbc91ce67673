// The administration presenters (users, audit log) and the idle lock, with fake views.
#include <boost/test/unit_test.hpp>

#include "client/presenters/AuditPresenter.h"
#include "client/presenters/IdleLock.h"
#include "client/presenters/UsersPresenter.h"
#include "domain/schema/FullSchema.h"
#include "tests/support/TestSupport.h"

using namespace da06;
using namespace da06::ui;

namespace {

class FakeUsersView : public UsersView {
public:
    void showUsers(const std::vector<UserRow>& r) override { rows = r; }
    void showError(const std::string& t) override { error = t; }
    void showInfo(const std::string& t) override { info = t; }
    std::vector<UserRow> rows;
    std::string error, info;
};

class FakeAuditView : public AuditView {
public:
    void showEntries(const std::vector<AuditRow>& r) override { rows = r; }
    void showVerification(bool o, const std::string& t) override
    {
        ok = o;
        text = t;
    }
    void showError(const std::string& t) override { error = t; }
    std::vector<AuditRow> rows;
    bool ok = false;
    std::string text, error;
};

} // namespace

BOOST_AUTO_TEST_SUITE(admin_presenters)

BOOST_AUTO_TEST_CASE(users_dialog_flow)
{
    test::TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 6, 3});
    auto admin = access::createStore(dir / "s.da06", "admin", "mat khau quan tri", clock, da06::schema::full());
    BOOST_REQUIRE(admin);
    FakeUsersView view;
    UsersPresenter p(view, *admin, clock);
    p.load();
    BOOST_REQUIRE(view.rows.size() == 1u);
    BOOST_TEST(view.rows[0].self);
    BOOST_TEST(view.rows[0].created == "03/06/2024");
    BOOST_TEST(view.rows[0].role == "Administrator");

    BOOST_TEST(!p.add("lan", "staff", "mat khau cua lan", "khac"));
    BOOST_TEST(view.error.find("differ") != std::string::npos);
    BOOST_TEST(!p.add("Lan", "staff", "mat khau cua lan", "mat khau cua lan"));
    BOOST_TEST(!p.add("lan", "staff", "ngan", "ngan"));
    BOOST_TEST(!p.add("lan", "owner", "mat khau cua lan", "mat khau cua lan"));
    BOOST_TEST(p.add("lan", "staff", "mat khau cua lan", "mat khau cua lan"));
    BOOST_TEST(view.info == "Added the user lan.");
    BOOST_TEST(view.rows.size() == 2u);
    BOOST_TEST(p.setRole("lan", "checker"));
    BOOST_TEST(view.rows[1].role == "Checker (identity checks)");
    BOOST_TEST(p.reset("lan", "mat khau moi cua lan", "mat khau moi cua lan"));
    BOOST_TEST(!p.remove("admin")); // not yourself
    BOOST_TEST(!view.error.empty());
    BOOST_TEST(p.remove("lan"));
    BOOST_TEST(view.rows.size() == 1u);

    // A non-admin sees an error, not the list.
    BOOST_REQUIRE(access::UserService(*admin, clock).add("hoa", access::Role::Coordinator, "mat khau cua hoa"));
    auto hoa = access::openSession(dir / "s.da06", "hoa", "mat khau cua hoa", clock, da06::schema::full());
    BOOST_REQUIRE(hoa);
    FakeUsersView other;
    UsersPresenter q(other, *hoa, clock);
    q.load();
    BOOST_TEST(other.rows.empty());
    BOOST_TEST(other.error.find("role does not allow") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(audit_browser)
{
    test::TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 6, 3});
    auto admin = access::createStore(dir / "s.da06", "admin", "mat khau quan tri", clock, da06::schema::full());
    BOOST_REQUIRE(admin);
    FakeAuditView view;
    AuditPresenter p(view, *admin);
    p.load(std::nullopt);
    BOOST_REQUIRE(view.rows.size() == 2u);
    BOOST_TEST(view.rows[0].seq == "2"); // newest first
    BOOST_TEST(view.rows[0].at == "03/06/2024 00:00:00");
    p.load(std::string("2024-06-04"));
    BOOST_TEST(view.rows.empty());
    p.verify();
    BOOST_TEST(view.ok);
    BOOST_TEST(view.text.find("2 entries") != std::string::npos);
    BOOST_REQUIRE(admin->store.db().exec("UPDATE audit_log SET user = 'x' WHERE seq = 1"));
    p.verify();
    BOOST_TEST(!view.ok);
    BOOST_TEST(view.text.find("entry 1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(idle_lock)
{
    using namespace std::chrono;
    const auto t0 = steady_clock::now();
    IdleLock lock(minutes(10), t0);
    BOOST_TEST(!lock.shouldLock(t0 + minutes(9)));
    lock.activity(t0 + minutes(9));
    BOOST_TEST(!lock.shouldLock(t0 + minutes(18)));
    BOOST_TEST(lock.shouldLock(t0 + minutes(19)));
    lock.locked();
    BOOST_TEST(!lock.shouldLock(t0 + minutes(40))); // once
    BOOST_TEST(lock.isLocked());
    lock.unlocked(t0 + minutes(40));
    BOOST_TEST(!lock.shouldLock(t0 + minutes(45)));
    lock.setLimit(minutes(2));
    BOOST_TEST(lock.shouldLock(t0 + minutes(45)));
}

BOOST_AUTO_TEST_SUITE_END()
