// Faults between a desk's engine and the real hub: the hub killed with kill -9 at random moments
// while a desk pushes and pulls a few thousand changes (restarted each time), and a misbehaving
// proxy that cuts connections in the middle of requests and answers, stalls them, answers 500
// and drops answers after the hub stored a push (duplicate delivery). Afterwards: zero lost and
// zero duplicated changes (change ids compared on the desk, on a second desk and on the hub).
#include <boost/test/unit_test.hpp>

#include <random>
#include <set>

#include "assets/Bundled.h"
#include "domain/access/Accounts.h"
#include "domain/plan/PlanFile.h"
#include "domain/schema/FullSchema.h"
#include "domain/sync/SyncStore.h"
#include "domain/work/StoreSeed.h"
#include "domain/work/TaskService.h"
#include "domain/work/UnitService.h"
#include "sync/client/SyncEngine.h"
#include "tests/sync/client/FaultProxy.h"
#include "tests/sync/client/SyncTestSupport.h"

using namespace da06;
using namespace da06::synctest;
namespace sc = da06::sync::client;

namespace {

// A desk inside the test process (the same engine as `da06 sync`), for speed and control.
struct LocalDesk {
    SystemClock clock;
    std::optional<access::Session> session;
    std::vector<std::string> taskUids;
    int edits = 0;

    explicit LocalDesk(const std::filesystem::path& path)
    {
        auto st = access::createStore(path, "admin", passphrase(), clock, da06::schema::full());
        BOOST_REQUIRE_MESSAGE(st, (st ? "" : st.error().message));
        session.emplace(std::move(*st));
        auto plan = plan::loadPlanText(assets::bundledPlanJson());
        BOOST_REQUIRE(plan);
        BOOST_REQUIRE(work::seedStore(*session, *plan, clock));
        BOOST_REQUIRE(work::UnitService(db(), clock, admin()).setDeskUnit("huyen-tan-bien"));
    }
    store::Database& db() { return session->store.db(); }
    access::Actor admin() const { return {"admin", access::Role::Admin, {}}; }
    void enroll(const std::string& url, const std::string& code)
    {
        auto e = sc::enroll(db(), clock, admin(), {url, code, "faults", std::nullopt, std::nullopt});
        BOOST_REQUIRE_MESSAGE(e, (e ? "" : e.error().message));
    }
    // n more change records: a few tasks, then percent updates.
    void addChanges(int n)
    {
        work::TaskService tasks(db(), clock, admin());
        for (int i = 0; i < n; ++i) {
            if (taskUids.size() < 20 && (taskUids.empty() || i % 50 == 0)) {
                const int models[] = {1, 2, 3, 5};
                auto t = tasks.add({models[taskUids.size() % 4], "huyen-tan-bien",
                                    "Việc " + std::to_string(taskUids.size()), "", std::nullopt, std::nullopt});
                BOOST_REQUIRE_MESSAGE(t, (t ? "" : t.error().message));
                taskUids.push_back(t->uid);
                continue;
            }
            work::TaskChange c;
            c.percent = 1 + (edits++ % 98);
            c.status = work::TaskStatus::InProgress;
            BOOST_REQUIRE(tasks.update(taskUids[static_cast<std::size_t>(i) % taskUids.size()], c));
        }
    }
    std::set<std::string> ids(const std::string& where)
    {
        std::set<std::string> out;
        auto st = db().prepare("SELECT change_id FROM change_log WHERE " + where);
        BOOST_REQUIRE(st);
        while (*st->step()) {
            out.insert(st->columnText(0));
        }
        return out;
    }
    std::int64_t count(const std::string& sql) { return *db().queryInt(sql); }
};

bool outboxEmpty(LocalDesk& desk)
{
    auto st = sync::SyncStore(desk.db(), desk.clock).status();
    BOOST_REQUIRE(st);
    return st->outbox.pending == 0 && st->outbox.sent == 0;
}

sc::EngineOptions quickOptions()
{
    sc::EngineOptions o;
    o.transport.connectTimeoutSeconds = 2;
    o.transport.lowSpeedSeconds = 1;
    o.transport.totalTimeoutSeconds = 4; // a stalled answer to a POST is abandoned at the latest here
    o.pushBatch = 100;
    o.pullLimit = 150;
    return o;
}

// Nothing lost, nothing doubled: every task change the desk made is acknowledged, stored once
// on the hub, and reaches a fresh desk exactly once.
void checkNothingLostOrDoubled(LocalDesk& desk, const Hub& hub, const test::TempDir& dir, const std::string& url)
{
    BOOST_TEST(outboxEmpty(desk));
    // Nothing refused (the seeded units of other districts never left the desk).
    BOOST_TEST(desk.count("SELECT COUNT(*) FROM change_log WHERE sync_state = 'rejected'") == 0);
    const auto mine = desk.ids("origin = 'local' AND sync_state = 'acked' AND entity <> 'unit'");
    const auto ackedUnits = desk.count(
        "SELECT COUNT(*) FROM change_log WHERE origin = 'local' AND sync_state = 'acked' AND entity = 'unit'");
    BOOST_TEST(mine.size() > 1000u);
    // The hub: the plan, its 11 units and the desk's acknowledged records, each once.
    BOOST_TEST(hub.changeCount() == 12 + static_cast<std::int64_t>(mine.size()) + ackedUnits);
    // The desk got its own records back once (change ids are unique in change_log).
    BOOST_TEST(
        desk.count("SELECT COUNT(*) FROM change_log WHERE origin = 'remote' AND entity NOT IN ('unit','plan')") == 0);
    LocalDesk fresh(dir / "fresh.da06");
    fresh.enroll(url, hub.code("huyen-tan-bien"));
    sc::SyncEngine engine(fresh.db(), fresh.clock, quickOptions());
    auto r = engine.runWithRetry(20, {std::chrono::milliseconds(50), std::chrono::milliseconds(500)}, {});
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
    const auto received = fresh.ids("origin = 'remote' AND entity NOT IN ('unit','plan')");
    BOOST_TEST(received.size() == mine.size());
    BOOST_TEST((received == mine));
    // The same task state on both desks.
    const std::string q =
        "SELECT group_concat(uid || ':' || status || ':' || percent, ',') FROM (SELECT * FROM task ORDER BY uid)";
    auto a = desk.db().prepare(q);
    auto b = fresh.db().prepare(q);
    BOOST_REQUIRE(a && b && *a->step() && *b->step());
    BOOST_TEST(a->columnText(0) == b->columnText(0));
}

} // namespace

BOOST_AUTO_TEST_CASE(hub_killed_thirty_times_while_a_desk_pushes_and_pulls)
{
    test::TempDir dir;
    Hub hub(dir / "hub");
    hub.importBasics();
    hub.start();
    LocalDesk desk(dir / "desk.da06");
    desk.enroll(hub.url(), hub.code("huyen-tan-bien"));
    desk.addChanges(1500);

    std::atomic<bool> killing{true};
    std::atomic<int> failures{0};
    std::atomic<int> successes{0};
    std::string lastError;
    std::thread worker([&] {
        sc::SyncEngine engine(desk.db(), desk.clock, quickOptions());
        int idle = 0;
        while (true) {
            auto r = engine.runCycle();
            if (r) {
                ++successes;
                if (!killing && ++idle >= 1) {
                    break;
                }
                if (killing) {
                    desk.addChanges(40); // keep pushes and pulls going while the hub dies
                }
            } else {
                ++failures;
                lastError = r.error().message;
                BOOST_TEST((r.error().code == ErrorCode::Network), r.error().message);
                std::this_thread::sleep_for(std::chrono::milliseconds(30));
            }
        }
    });
    std::mt19937 rng(12345);
    for (int k = 0; k < 30; ++k) {
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(40, 300)(rng)));
        hub.kill9();
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 80)(rng)));
        hub.restart();
    }
    killing = false;
    worker.join();
    BOOST_TEST_MESSAGE("cycles: " << successes << " succeeded, " << failures << " failed (last: " << lastError << ")");
    BOOST_TEST(failures > 0);
    checkNothingLostOrDoubled(desk, hub, dir, hub.url());
}

BOOST_AUTO_TEST_CASE(cut_stalled_500_and_dropped_answers_through_a_proxy)
{
    test::TempDir dir;
    Hub hub(dir / "hub");
    hub.importBasics();
    hub.start();
    int pushes = 0;
    std::mutex m;
    // The first connection enrolls; then every kind of fault in turn (60 connections), and the first two pushes
    // that reach the hub lose their answers (the desk delivers them again).
    FaultProxy proxy(hub.port(), [&](int n, const std::string& line) {
        std::lock_guard lock(m);
        if (n == 0 || n > 60) {
            return ProxyMode::Pass; // the enrollment; then, after 60 connections, a healthy network
        }
        if (line.rfind("POST /v1/push", 0) == 0 && pushes < 2) {
            ++pushes;
            return ProxyMode::DropResponse;
        }
        static const ProxyMode cycle[] = {
            ProxyMode::Pass,      ProxyMode::CutRequest,  ProxyMode::Pass, ProxyMode::Stall, ProxyMode::Pass,
            ProxyMode::Answer500, ProxyMode::CutResponse, ProxyMode::Pass, ProxyMode::Pass,  ProxyMode::Pass};
        return cycle[n % 10];
    });
    LocalDesk desk(dir / "desk.da06");
    desk.enroll(proxy.url(), hub.code("huyen-tan-bien"));
    desk.addChanges(1200);

    sc::SyncEngine engine(desk.db(), desk.clock, quickOptions());
    sc::BackoffPolicy backoff{std::chrono::milliseconds(20), std::chrono::milliseconds(200)};
    std::vector<std::chrono::milliseconds> waits;
    std::set<std::string> errors;
    bool done = false;
    const auto t0 = std::chrono::steady_clock::now();
    auto elapsed = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    };
    for (int attempt = 0; attempt < 200 && !done; ++attempt) {
        auto r = engine.runCycle();
        BOOST_TEST_MESSAGE("attempt " << attempt << " at " << elapsed()
                                      << " ms: " << (r ? std::string("ok") : r.error().message));
        if (r) {
            done = outboxEmpty(desk);
            continue;
        }
        BOOST_TEST((r.error().code == ErrorCode::Network), r.error().message);
        errors.insert(r.error().message.substr(0, 40));
        std::mt19937_64 rng(static_cast<std::uint64_t>(attempt));
        const auto w = backoff.delay(std::min(attempt + 1, 10), rng);
        BOOST_TEST(w <= backoff.cap);
        waits.push_back(w);
        std::this_thread::sleep_for(w);
    }
    BOOST_REQUIRE(done);
    BOOST_TEST(proxy.count(ProxyMode::DropResponse) == 2);
    BOOST_TEST(proxy.count(ProxyMode::CutRequest) > 0);
    BOOST_TEST(proxy.count(ProxyMode::Stall) > 0);
    BOOST_TEST(proxy.count(ProxyMode::Answer500) > 0);
    BOOST_TEST(proxy.count(ProxyMode::CutResponse) > 0);
    BOOST_TEST(errors.size() >= 2u); // unreachable/cut, stalled, 500 read differently
    auto st = sync::SyncStore(desk.db(), desk.clock).status();
    BOOST_REQUIRE(st);
    BOOST_TEST(st->lastSuccess.has_value());
    checkNothingLostOrDoubled(desk, hub, dir, proxy.url());
}
