// Headless: the desk's background synchronization as the desktop wires it (SyncController) on a
// real store with a fake cycle — the worker connection and its pragmas, progress and finish
// callbacks, the next attempt recorded after a failure (and not while unenrolled), sync now,
// cancel, and a stop that joins.
#include <boost/test/unit_test.hpp>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <vector>

#include "client/presenters/SyncController.h"
#include "domain/access/Accounts.h"
#include "domain/schema/FullSchema.h"
#include "domain/sync/SyncStore.h"
#include "tests/support/TestSupport.h"

using namespace da06;
namespace sc = da06::sync::client;
using namespace std::chrono_literals;

namespace {

const char* kPassphrase = "mot hai ba bon nam sau";

// Collects what the scheduler's thread reports.
struct Reports {
    std::mutex m;
    std::condition_variable cv;
    std::vector<sc::CycleOutcome> outcomes;
    std::vector<std::pair<sc::Phase, std::int64_t>> progress;

    sc::ProgressFn onProgress()
    {
        return [this](sc::Phase phase, std::int64_t done, std::int64_t) {
            std::lock_guard lock(m);
            progress.emplace_back(phase, done);
        };
    }
    ui::SyncController::FinishedFn onFinished()
    {
        return [this](const sc::CycleOutcome& o) {
            std::lock_guard lock(m);
            outcomes.push_back(o);
            cv.notify_all();
        };
    }
    bool waitFor(std::size_t n, std::chrono::milliseconds timeout = 10s)
    {
        std::unique_lock lock(m);
        return cv.wait_for(lock, timeout, [&] { return outcomes.size() >= n; });
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(sync_controller)

BOOST_AUTO_TEST_CASE(the_worker_connection_is_keyed_and_has_the_pragmas_of_open)
{
    test::TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 3, 20});
    auto session = access::createStore(dir / "s.da06", "admin", kPassphrase, clock, da06::schema::full());
    BOOST_REQUIRE(session);
    auto worker = session->store.openWorkerConnection();
    BOOST_REQUIRE(worker);
    BOOST_TEST(*worker->queryInt("PRAGMA foreign_keys;") == 1);
    BOOST_TEST(*worker->queryInt("PRAGMA synchronous;") == 2); // FULL
    // The same data as the session's connection (the key is right).
    BOOST_TEST(*worker->queryInt("SELECT COUNT(*) FROM sqlite_master;") ==
               *session->store.db().queryInt("SELECT COUNT(*) FROM sqlite_master;"));
}

BOOST_AUTO_TEST_CASE(a_failed_cycle_reports_progress_and_records_the_next_attempt)
{
    test::TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 3, 20});
    auto session = access::createStore(dir / "s.da06", "admin", kPassphrase, clock, da06::schema::full());
    BOOST_REQUIRE(session);
    Reports reports;
    std::atomic<int> calls{0};
    std::atomic<long long> tables{-1};
    ui::SyncController::Options options;
    options.interval = 1h;
    options.firstDelay = 0ms;
    options.backoff = sc::BackoffPolicy{1h, 1h}; // one cycle only
    options.cycle = [&](store::Database& db, const sc::ProgressFn& progress,
                        const std::atomic<bool>&) -> Result<sc::CycleResult> {
        ++calls;
        progress(sc::Phase::Pushing, 1, 2);
        auto n = db.queryInt("SELECT COUNT(*) FROM sqlite_master;"); // the worker reads the store
        tables = n ? *n : -1;
        return fail(ErrorCode::Network, "the hub is unreachable");
    };
    auto controller = ui::SyncController::start(session->store, clock, reports.onProgress(), reports.onFinished(),
                                                std::move(options));
    BOOST_REQUIRE(controller);
    BOOST_REQUIRE(reports.waitFor(1));
    const sc::CycleOutcome outcome = reports.outcomes.front();
    BOOST_TEST(!outcome.ok);
    BOOST_TEST((outcome.error.code == ErrorCode::Network));
    BOOST_TEST(outcome.retryable);
    BOOST_TEST(tables > 0);
    {
        std::lock_guard lock(reports.m);
        BOOST_REQUIRE(reports.progress.size() == 1u);
        BOOST_TEST((reports.progress.front().first == sc::Phase::Pushing));
    }
    // Recorded before the callback ran, in UTC text, and seen by the session's own connection.
    auto status = sync::SyncStore(session->store.db(), clock).status();
    BOOST_REQUIRE(status);
    BOOST_REQUIRE(status->nextAttempt.has_value());
    BOOST_TEST(*status->nextAttempt == FixedClock(outcome.nextAttempt).nowIso8601());
    BOOST_TEST(status->nextAttempt->size() == 20u);
    BOOST_TEST(status->nextAttempt->back() == 'Z');
    controller->reset(); // stops and joins
    BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(an_unenrolled_desk_is_refused_without_a_next_attempt)
{
    test::TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 3, 20});
    auto session = access::createStore(dir / "s.da06", "admin", kPassphrase, clock, da06::schema::full());
    BOOST_REQUIRE(session);
    Reports reports;
    ui::SyncController::Options options; // the engine's own cycle
    options.interval = 1h;
    options.firstDelay = 0ms;
    auto controller = ui::SyncController::start(session->store, clock, {}, reports.onFinished(), std::move(options));
    BOOST_REQUIRE(controller);
    BOOST_REQUIRE(reports.waitFor(1));
    BOOST_TEST(!reports.outcomes.front().ok);
    BOOST_TEST((reports.outcomes.front().error.code == ErrorCode::Usage));
    BOOST_TEST(reports.outcomes.front().error.message == "this desk is not enrolled with a hub");
    auto status = sync::SyncStore(session->store.db(), clock).status();
    BOOST_REQUIRE(status);
    BOOST_TEST(!status->nextAttempt.has_value());
}

BOOST_AUTO_TEST_CASE(sync_now_runs_a_cycle_cancel_stops_it_and_the_end_joins)
{
    test::TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 3, 20});
    auto session = access::createStore(dir / "s.da06", "admin", kPassphrase, clock, da06::schema::full());
    BOOST_REQUIRE(session);
    Reports reports;
    std::atomic<bool> started{false};
    ui::SyncController::Options options;
    options.interval = 1h;
    options.firstDelay = 1h; // nothing runs until asked
    options.cycle = [&](store::Database&, const sc::ProgressFn&,
                        const std::atomic<bool>& cancel) -> Result<sc::CycleResult> {
        started = true;
        for (int i = 0; i < 500 && !cancel; ++i) {
            std::this_thread::sleep_for(10ms);
        }
        if (cancel) {
            return fail(ErrorCode::Cancelled, "the synchronization was cancelled");
        }
        return sc::CycleResult{};
    };
    auto controller = ui::SyncController::start(session->store, clock, {}, reports.onFinished(), std::move(options));
    BOOST_REQUIRE(controller);
    std::this_thread::sleep_for(50ms);
    BOOST_TEST(!started);
    (*controller)->syncNow();
    for (int i = 0; i < 300 && !started; ++i) {
        std::this_thread::sleep_for(10ms);
    }
    BOOST_REQUIRE(started);
    BOOST_TEST((*controller)->busy());
    (*controller)->cancel();
    BOOST_REQUIRE(reports.waitFor(1, 3s));
    BOOST_TEST((reports.outcomes.front().error.code == ErrorCode::Cancelled));
    // A cancelled cycle is a failure: its next attempt is recorded too.
    auto status = sync::SyncStore(session->store.db(), clock).status();
    BOOST_REQUIRE(status);
    BOOST_TEST(status->nextAttempt.has_value());
    controller->reset();
    std::lock_guard lock(reports.m);
    BOOST_TEST(reports.outcomes.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
