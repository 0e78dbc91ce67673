#pragma once
// Runs sync cycles in a background thread: on a schedule (every 5 minutes by default), on
// demand (syncNow), and after a failure by the backoff policy (network errors and 5xx). The
// callbacks run in the background thread: a desktop forwards them to its UI thread. The outbox
// is the change log itself, so nothing is lost when the program stops.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <random>
#include <thread>

#include "sync/client/Backoff.h"
#include "sync/client/SyncEngine.h"

namespace da06::sync::client {

struct CycleOutcome {
    bool ok = false;
    CycleResult result;
    Error error;
    bool retryable = false;
    int failures = 0; // consecutive failures, after this cycle
    std::chrono::system_clock::time_point finishedAt;
    std::chrono::system_clock::time_point nextAttempt;
};

class SyncScheduler {
public:
    using CycleFn = std::function<Result<CycleResult>(const ProgressFn& progress, const std::atomic<bool>& cancel)>;

    SyncScheduler(CycleFn cycle, std::chrono::milliseconds interval = std::chrono::minutes(5),
                  BackoffPolicy backoff = {});
    ~SyncScheduler(); // stops and joins
    SyncScheduler(const SyncScheduler&) = delete;
    SyncScheduler& operator=(const SyncScheduler&) = delete;

    void setOnProgress(ProgressFn f);
    void setOnFinished(std::function<void(const CycleOutcome&)> f);

    // Starts the thread; the first cycle runs after firstDelay.
    void start(std::chrono::milliseconds firstDelay = std::chrono::milliseconds(0));
    void stop();
    void syncNow(); // runs a cycle as soon as the current one (if any) ends
    void cancel();  // cancels the running cycle, if any
    bool busy() const { return m_busy.load(); }

private:
    void loop();

    CycleFn m_cycle;
    std::chrono::milliseconds m_interval;
    BackoffPolicy m_backoff;
    ProgressFn m_onProgress;
    std::function<void(const CycleOutcome&)> m_onFinished;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::thread m_thread;
    bool m_stop = false;
    bool m_now = false;
    std::chrono::steady_clock::time_point m_due;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_busy{false};
    int m_failures = 0;
    std::mt19937_64 m_rng{std::random_device{}()};
};

} // namespace da06::sync::client
