// Headless: the backoff schedule (exponential, full jitter, capped), the scheduler (background
// cycles on a schedule and on demand, backoff after failures, cancellation), the texts of the
// sync presenter, and the engine's reading of refusals and of server addresses.
#include <boost/test/unit_test.hpp>

#include <condition_variable>
#include <mutex>

#include "assets/Bundled.h"
#include "client/presenters/SyncPresenter.h"
#include "domain/access/Accounts.h"
#include "domain/plan/PlanFile.h"
#include "domain/schema/FullSchema.h"
#include "domain/work/ChangeLog.h"
#include "domain/work/StoreSeed.h"
#include "sync/client/HttpClient.h"
#include "sync/client/SyncScheduler.h"
#include "tests/support/TestSupport.h"

using namespace da06;
namespace sc = da06::sync::client;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(sync_client_unit)

BOOST_AUTO_TEST_CASE(backoff_doubles_from_two_seconds_up_to_fifteen_minutes_with_full_jitter)
{
    sc::BackoffPolicy b;
    BOOST_TEST(b.ceiling(0).count() == 0);
    BOOST_TEST(b.ceiling(1).count() == 2000);
    BOOST_TEST(b.ceiling(2).count() == 4000);
    BOOST_TEST(b.ceiling(3).count() == 8000);
    BOOST_TEST(b.ceiling(9).count() == 512000);
    BOOST_TEST(b.ceiling(10).count() == 900000);   // capped at 15 minutes
    BOOST_TEST(b.ceiling(1000).count() == 900000); // no overflow
    std::mt19937_64 rng(7);
    double sum = 0;
    std::int64_t lo = 1 << 30, hi = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        const auto d = b.delay(4, rng).count(); // ceiling 16 s
        BOOST_REQUIRE(d >= 0);
        BOOST_REQUIRE(d <= 16000);
        sum += static_cast<double>(d);
        lo = std::min(lo, d);
        hi = std::max(hi, d);
    }
    // Uniform over [0, 16 s]: mean near 8 s, the whole range used.
    BOOST_TEST(sum / n > 7600.0);
    BOOST_TEST(sum / n < 8400.0);
    BOOST_TEST(lo < 200);
    BOOST_TEST(hi > 15800);
}

BOOST_AUTO_TEST_CASE(only_https_or_loopback_http_is_accepted)
{
    BOOST_TEST(sc::checkServerUrl("https://hub.tayninh.gov.vn").has_value());
    BOOST_TEST(sc::checkServerUrl("http://127.0.0.1:8080").has_value());
    BOOST_TEST(sc::checkServerUrl("http://localhost/").has_value());
    BOOST_TEST(!sc::checkServerUrl("http://hub.tayninh.gov.vn").has_value());
    BOOST_TEST(!sc::checkServerUrl("http://127.0.0.1.evil.example").has_value());
    BOOST_TEST(!sc::checkServerUrl("http://localhost.evil.example:80").has_value());
    BOOST_TEST(!sc::checkServerUrl("ftp://127.0.0.1").has_value());
    BOOST_TEST(!sc::checkServerUrl("").has_value());
}

BOOST_AUTO_TEST_CASE(refusals_become_readable_errors)
{
    auto revoked = sc::errorFromAnswer(403, R"({"protocol":1,"error":"device_revoked","message":"x"})", "answer");
    BOOST_TEST((revoked.code == ErrorCode::Unauthorized));
    BOOST_TEST(revoked.message.find("revoked") != std::string::npos);
    auto bad = sc::errorFromAnswer(401, R"({"protocol":1,"error":"bad_credentials","message":"x"})", "answer");
    BOOST_TEST((bad.code == ErrorCode::Unauthorized));
    auto down = sc::errorFromAnswer(503, R"({"protocol":1,"error":"unavailable","message":"db"})", "answer");
    BOOST_TEST((down.code == ErrorCode::Network));
    BOOST_TEST(sc::SyncEngine::isRetryable(down));
    auto html = sc::errorFromAnswer(502, "<html>bad gateway</html>", "answer");
    BOOST_TEST((html.code == ErrorCode::Network));
    auto old = sc::errorFromAnswer(
        400, R"({"protocol":1,"error":"unsupported_protocol","message":"v2","supported":[2]})", "answer");
    BOOST_TEST((old.code == ErrorCode::Protocol));
    BOOST_TEST(!sc::SyncEngine::isRetryable(old));
    BOOST_TEST(!sc::SyncEngine::isRetryable(revoked));
}

BOOST_AUTO_TEST_CASE(scheduler_runs_on_demand_backs_off_after_failures_and_stops)
{
    std::mutex m;
    std::condition_variable cv;
    std::vector<sc::CycleOutcome> outcomes;
    int calls = 0;
    sc::SyncScheduler scheduler(
        [&](const sc::ProgressFn& progress, const std::atomic<bool>&) -> Result<sc::CycleResult> {
            progress(sc::Phase::Pushing, 1, 2);
            std::lock_guard lock(m);
            if (++calls <= 2) {
                return fail(ErrorCode::Network, "the hub is unreachable");
            }
            return sc::CycleResult{};
        },
        std::chrono::hours(1), sc::BackoffPolicy{10ms, 40ms});
    std::atomic<int> progressCalls{0};
    scheduler.setOnProgress([&](sc::Phase, std::int64_t, std::int64_t) { ++progressCalls; });
    scheduler.setOnFinished([&](const sc::CycleOutcome& o) {
        std::lock_guard lock(m);
        outcomes.push_back(o);
        cv.notify_all();
    });
    scheduler.start(0ms);
    {
        std::unique_lock lock(m);
        // Two failures retried by the backoff (at least 1 s apart at most), then a success.
        BOOST_REQUIRE(cv.wait_for(lock, 10s, [&] { return outcomes.size() >= 3; }));
    }
    BOOST_TEST(!outcomes[0].ok);
    BOOST_TEST(outcomes[0].retryable);
    BOOST_TEST(outcomes[0].failures == 1);
    BOOST_TEST(outcomes[1].failures == 2);
    BOOST_TEST((outcomes[0].nextAttempt > outcomes[0].finishedAt));
    BOOST_TEST(outcomes[2].ok);
    BOOST_TEST(outcomes[2].failures == 0);
    // The next cycle is an hour away; syncNow runs one at once.
    BOOST_TEST((outcomes[2].nextAttempt - outcomes[2].finishedAt > 59min));
    scheduler.syncNow();
    {
        std::unique_lock lock(m);
        BOOST_REQUIRE(cv.wait_for(lock, 5s, [&] { return outcomes.size() >= 4; }));
    }
    BOOST_TEST(outcomes[3].ok);
    BOOST_TEST(progressCalls >= 4);
    scheduler.stop();
    BOOST_TEST(calls == 4);
}

BOOST_AUTO_TEST_CASE(scheduler_cancels_a_running_cycle)
{
    std::atomic<bool> started{false};
    std::mutex m;
    std::condition_variable cv;
    std::optional<sc::CycleOutcome> outcome;
    sc::SyncScheduler scheduler([&](const sc::ProgressFn&, const std::atomic<bool>& cancel) -> Result<sc::CycleResult> {
        started = true;
        for (int i = 0; i < 500 && !cancel; ++i) {
            std::this_thread::sleep_for(10ms);
        }
        if (cancel) {
            return fail(ErrorCode::Cancelled, "the synchronization was cancelled");
        }
        return sc::CycleResult{};
    });
    scheduler.setOnFinished([&](const sc::CycleOutcome& o) {
        std::lock_guard lock(m);
        outcome = o;
        cv.notify_all();
    });
    scheduler.start(0ms);
    while (!started) {
        std::this_thread::sleep_for(5ms);
    }
    BOOST_TEST(scheduler.busy());
    scheduler.cancel();
    std::unique_lock lock(m);
    BOOST_REQUIRE(cv.wait_for(lock, 3s, [&] { return outcome.has_value(); }));
    BOOST_TEST(!outcome->ok);
    BOOST_TEST((outcome->error.code == ErrorCode::Cancelled));
    BOOST_TEST(!outcome->retryable);
}

namespace {

std::string utcClock(std::chrono::system_clock::time_point t)
{
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[8];
    std::strftime(buf, sizeof buf, "%H:%M", &tm);
    return buf;
}

struct RecordingView : ui::SyncView {
    std::vector<ui::SyncPanelModel> models;
    std::vector<std::pair<int, std::string>> progress;
    std::vector<std::string> statusTexts, errors;
    void showModel(const ui::SyncPanelModel& m) override { models.push_back(m); }
    void showProgress(int p, const std::string& t) override { progress.emplace_back(p, t); }
    void showStatusText(const std::string& t) override { statusTexts.push_back(t); }
    void showError(const std::string& t) override { errors.push_back(t); }
};

} // namespace

BOOST_AUTO_TEST_CASE(status_bar_texts)
{
    using std::chrono::sys_days;
    const auto at1042 = sys_days(std::chrono::year(2024) / 3 / 20) + 10h + 42min;
    ui::SyncSnapshot s;
    BOOST_TEST(ui::syncStatusText(s, utcClock) == "Sync: not enrolled");
    s.enrolled = true;
    BOOST_TEST(ui::syncStatusText(s, utcClock) == "Sync: not synchronized yet");
    s.lastSuccess = at1042;
    BOOST_TEST(ui::syncStatusText(s, utcClock) == "Synced 10:42");
    s.lastError = "the hub 127.0.0.1:1 is unreachable";
    s.nextAttempt = at1042 + 5min;
    BOOST_TEST(ui::syncStatusText(s, utcClock) ==
               "Sync failed: the hub 127.0.0.1:1 is unreachable \xE2\x80\x94 retry at 10:47");
    s.running = true;
    s.percent = 40;
    BOOST_TEST(ui::syncStatusText(s, utcClock) == "Syncing... 40%");

    BOOST_TEST(ui::cyclePercent(sc::Phase::Connecting, 0, 0) == 0);
    BOOST_TEST(ui::cyclePercent(sc::Phase::Pushing, 0, 10) == 5);
    BOOST_TEST(ui::cyclePercent(sc::Phase::Pushing, 10, 10) == 50);
    BOOST_TEST(ui::cyclePercent(sc::Phase::Pulling, 5, 10) == 75);
    BOOST_TEST(ui::cyclePercent(sc::Phase::Pulling, 50, 10) == 100);
    BOOST_TEST(ui::cyclePercent(sc::Phase::Done, 0, 0) == 100);
    BOOST_TEST((ui::parseIsoUtc("2024-03-20T10:42:00Z") == std::optional(at1042)));
    BOOST_TEST(!ui::parseIsoUtc("2024-13-20T10:42:00Z").has_value());
    BOOST_TEST(!ui::parseIsoUtc("yesterday").has_value());
}

BOOST_AUTO_TEST_CASE(presenter_on_a_store_shows_counts_progress_failures_and_conflicts)
{
    test::TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 3, 20});
    auto session = access::createStore(dir / "s.da06", "admin", "mot hai ba bon nam sau", clock, da06::schema::full());
    BOOST_REQUIRE(session);
    auto plan = plan::loadPlanText(assets::bundledPlanJson());
    BOOST_REQUIRE(plan && work::seedStore(*session, *plan, clock));
    RecordingView view;
    ui::SyncPresenter p(view, session->store.db(), clock, session->actor, utcClock);
    p.refresh();
    BOOST_REQUIRE(!view.models.empty());
    BOOST_TEST(view.models.back().statusLine == "Sync: not enrolled");
    BOOST_TEST(!view.models.back().canSync);
    BOOST_TEST(view.models.back().counts.find(" pending, 0 rejected, 0 conflicts") != std::string::npos);

    sync::SyncStore store(session->store.db(), clock);
    BOOST_REQUIRE(store.saveEnrollment(
        session->actor, {"https://hub.example", "d-1", "tinh-tay-ninh", "h", "", {}, {}, 0, ""}, "c2VjcmV0"));
    p.refresh();
    BOOST_TEST(view.models.back().canSync);
    BOOST_TEST(view.models.back().enrollment.find("https://hub.example") != std::string::npos);
    p.onStarted();
    p.onProgress(sc::Phase::Pushing, 5, 10);
    BOOST_TEST(view.statusTexts.back() == "Syncing... 27%");
    BOOST_TEST(view.progress.back().first == 27);
    BOOST_TEST(view.progress.back().second == "Sending changes: 5/10");

    sc::CycleOutcome failed;
    failed.ok = false;
    failed.error = Error{ErrorCode::Network, "the hub hub.example is unreachable (timeout); check the network"};
    failed.finishedAt = clock.now() + 10h + 42min;
    failed.nextAttempt = failed.finishedAt + 5min;
    BOOST_REQUIRE(store.recordFailure(failed.error, "2024-03-20T10:47:00Z"));
    p.onFinished(failed);
    BOOST_TEST(view.statusTexts.back() ==
               "Sync failed: the hub hub.example is unreachable \xE2\x80\x94 retry at 10:47");
    BOOST_TEST(view.models.back().canSync);
    BOOST_TEST(!view.models.back().canCancel);

    sc::CycleOutcome ok;
    ok.ok = true;
    ok.finishedAt = clock.now() + 10h + 50min;
    BOOST_REQUIRE(store.recordSuccess(0, 0));
    p.onFinished(ok);
    BOOST_TEST(view.statusTexts.back() == "Synced 00:00"); // the store's time of success (the fixed clock)

    // A conflict on the desk's own unit record, and "Apply this value".
    auto units = work::listChanges(session->store.db(), session->actor, {std::string("unit"), std::nullopt, false, 1});
    BOOST_REQUIRE(units && !units->empty());
    work::ChangeRecord r = units->front();
    r.changeId = "ee000000000000000000000000000001";
    r.device = "other-desk";
    r.hlc.wall += 1000;
    r.fields = {{"name", "Tên khác"}};
    BOOST_REQUIRE(sync::applyRemoteChanges(session->store.db(), clock, {{r, r.entityId}}, std::nullopt));
    p.refresh();
    BOOST_REQUIRE(view.models.back().conflicts.size() == 1u);
    const auto row = view.models.back().conflicts.front();
    BOOST_TEST(row.kept == "Tên khác");
    BOOST_TEST(row.what.find(": name") != std::string::npos);
    p.applyConflict(row.id);
    BOOST_TEST(view.errors.empty());
    BOOST_TEST(view.models.back().conflicts.empty());
    BOOST_TEST(*session->store.db().queryInt("SELECT COUNT(*) FROM unit WHERE name = '" + row.lost + "' AND code = '" +
                                             r.entityId + "'") == 1);
    p.applyConflict(row.id); // already applied: a readable error, nothing changes
    BOOST_TEST(view.errors.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
