// Headless: the desk's BackgroundTask and OwnerToken (client/app) on a console wx application (the
// same source, built with wxUSE_GUI=0): results and progress arrive on the main thread in order,
// one run at a time, cancel reaches the work, and what is still queued when the task is stopped or
// destroyed (or the owner revoked) is dropped.
#include <boost/test/unit_test.hpp>

#include <wx/app.h>
#include <wx/init.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "client/app/BackgroundTask.h"

using namespace da06::app;
using namespace std::chrono_literals;

namespace {

// One console application for the whole program.
struct ConsoleApp {
    ConsoleApp()
    {
        wxApp::SetInstance(new wxAppConsole);
        int argc = 1;
        char name[] = "test_background_task";
        char* argv[] = {name, nullptr};
        BOOST_REQUIRE(wxEntryStart(argc, argv));
    }
    ~ConsoleApp() { wxEntryCleanup(); }
};

// Runs the queued calls (what the UI loop does) until done() or the timeout.
template <class Pred> bool pumpUntil(Pred done, std::chrono::milliseconds timeout = 5s)
{
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) {
            return false;
        }
        wxTheApp->ProcessPendingEvents();
        std::this_thread::sleep_for(2ms);
    }
    return true;
}

void pumpFor(std::chrono::milliseconds d)
{
    pumpUntil([] { return false; }, d);
}

} // namespace

BOOST_TEST_GLOBAL_FIXTURE(ConsoleApp);

BOOST_AUTO_TEST_SUITE(background_task)

BOOST_AUTO_TEST_CASE(the_result_and_progress_arrive_on_the_main_thread_in_order)
{
    const auto mainThread = std::this_thread::get_id();
    BackgroundTask task;
    std::vector<std::string> seen;
    std::thread::id workThread, doneThread;
    bool ran = task.run(
        [&](const TaskContext& ctx) {
            workThread = std::this_thread::get_id();
            for (int i = 1; i <= 3; ++i) {
                ctx.post([&seen, i] { seen.push_back("progress " + std::to_string(i)); });
            }
            return 42;
        },
        [&](int value) {
            doneThread = std::this_thread::get_id();
            seen.push_back("done " + std::to_string(value));
        });
    BOOST_TEST(ran);
    BOOST_TEST(task.busy());
    BOOST_REQUIRE(pumpUntil([&] { return !task.busy(); }));
    BOOST_TEST((workThread != mainThread));
    BOOST_TEST((doneThread == mainThread));
    BOOST_TEST(seen == (std::vector<std::string>{"progress 1", "progress 2", "progress 3", "done 42"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(one_run_at_a_time_and_void_work)
{
    BackgroundTask task;
    std::atomic<bool> release{false};
    int done = 0;
    BOOST_TEST(task.run(
        [&](const TaskContext&) {
            while (!release) {
                std::this_thread::sleep_for(1ms);
            }
        },
        [&] { ++done; }));
    BOOST_TEST(!task.run([](const TaskContext&) {}, [&] { done += 100; })); // refused: still busy
    release = true;
    BOOST_REQUIRE(pumpUntil([&] { return !task.busy(); }));
    BOOST_TEST(done == 1);
    BOOST_TEST(task.run([](const TaskContext&) { return std::string("again"); },
                        [&](std::string s) { done += static_cast<int>(s.size()); }));
    BOOST_REQUIRE(pumpUntil([&] { return !task.busy(); }));
    BOOST_TEST(done == 6);
}

BOOST_AUTO_TEST_CASE(cancel_reaches_the_work_and_its_result_still_arrives)
{
    BackgroundTask task;
    std::atomic<bool> started{false};
    std::optional<bool> result;
    task.run(
        [&](const TaskContext& ctx) {
            started = true;
            for (int i = 0; i < 5000 && !ctx.cancelled(); ++i) {
                std::this_thread::sleep_for(1ms);
            }
            return ctx.cancelFlag().load();
        },
        [&](bool cancelled) { result = cancelled; });
    BOOST_REQUIRE(pumpUntil([&] { return started.load(); }));
    task.cancel();
    BOOST_REQUIRE(pumpUntil([&] { return result.has_value(); }, 2s));
    BOOST_TEST(*result);
}

BOOST_AUTO_TEST_CASE(stop_drops_what_is_still_queued)
{
    BackgroundTask task;
    bool delivered = false;
    std::atomic<bool> posted{false};
    task.run(
        [&](const TaskContext& ctx) {
            ctx.post([&] { delivered = true; });
            posted = true;
            return 1;
        },
        [&](int) { delivered = true; });
    while (!posted) {
        std::this_thread::sleep_for(1ms);
    }
    task.stop(); // joins; the progress and the result are queued but no longer wanted
    BOOST_TEST(!task.busy());
    pumpFor(50ms);
    BOOST_TEST(!delivered);
}

BOOST_AUTO_TEST_CASE(destroying_the_task_cancels_joins_and_drops_the_result)
{
    bool delivered = false;
    std::atomic<bool> sawCancel{false};
    {
        BackgroundTask task;
        task.run(
            [&](const TaskContext& ctx) {
                while (!ctx.cancelled()) {
                    std::this_thread::sleep_for(1ms);
                }
                sawCancel = true;
            },
            [&] { delivered = true; });
        std::this_thread::sleep_for(10ms);
    } // the destructor returns only once the work has ended
    BOOST_TEST(sawCancel.load());
    pumpFor(50ms);
    BOOST_TEST(!delivered);
}

BOOST_AUTO_TEST_CASE(an_owner_token_delivers_from_any_thread_until_revoked_or_renewed)
{
    OwnerToken owner;
    int count = 0;
    const UiDelivery first = owner.delivery();
    std::thread([first, &count] { first.post([&count] { ++count; }); }).join();
    BOOST_REQUIRE(pumpUntil([&] { return count == 1; }));

    std::thread([first, &count] { first.post([&count] { count += 10; }); }).join();
    owner.renew(); // queued before the renewal: dropped; the old delivery stays dead
    BOOST_TEST(!first.ownerAlive());
    const UiDelivery second = owner.delivery();
    BOOST_TEST(second.ownerAlive());
    first.post([&count] { count += 100; });
    second.post([&count] { count += 1000; });
    BOOST_REQUIRE(pumpUntil([&] { return count > 1; }));
    pumpFor(20ms);
    BOOST_TEST(count == 1001);

    owner.revoke();
    second.post([&count] { count += 5; });
    pumpFor(20ms);
    BOOST_TEST(count == 1001);
    UiDelivery none; // posts nothing
    none.post([&count] { ++count; });
    pumpFor(10ms);
    BOOST_TEST(count == 1001);
}

BOOST_AUTO_TEST_SUITE_END()
