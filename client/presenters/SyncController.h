#pragma once
// The desk's background synchronization, without wx: a second connection to the store for the
// sync thread (Store::openWorkerConnection), the scheduler that runs the cycles on it, and the
// next attempt recorded after a failure. Progress and the end of each cycle are reported through
// plain callbacks on the scheduler's thread: the desktop forwards them to its UI thread (and the
// SyncPresenter). Tested headless with a fake cycle.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

#include "domain/core/Clock.h"
#include "domain/store/Store.h"
#include "sync/client/SyncScheduler.h"

namespace da06::ui {

// One cycle on the worker connection (the engine's by default: SyncController::engineCycle).
using SyncCycleFn = std::function<Result<sync::client::CycleResult>(
    store::Database& db, const sync::client::ProgressFn& progress, const std::atomic<bool>& cancel)>;

struct SyncControllerOptions {
    std::chrono::milliseconds interval{0}; // 0: SyncController::defaultInterval()
    std::chrono::milliseconds firstDelay = std::chrono::seconds(3);
    SyncCycleFn cycle; // empty: SyncController::engineCycle(clock)
    sync::client::BackoffPolicy backoff = {};
};

class SyncController {
public:
    using CycleFn = SyncCycleFn;
    using Options = SyncControllerOptions;
    using FinishedFn = std::function<void(const sync::client::CycleOutcome&)>;

    // Opens the worker connection and starts the scheduler (the first cycle after firstDelay).
    // Both callbacks run on the scheduler's thread; either may be empty.
    static Result<std::unique_ptr<SyncController>> start(const store::Store& store, const Clock& clock,
                                                         sync::client::ProgressFn onProgress, FinishedFn onFinished,
                                                         Options options = {});
    ~SyncController(); // stops and joins the scheduler, then closes the connection
    SyncController(const SyncController&) = delete;
    SyncController& operator=(const SyncController&) = delete;

    void syncNow(); // a cycle as soon as the running one (if any) ends
    void cancel();  // cancels the running cycle, if any
    bool busy() const;

    // The engine's cycle: refuses (ErrorCode::Usage) while the desk is not enrolled with a hub.
    static CycleFn engineCycle(const Clock& clock);
    // Five minutes; DA06_SYNC_INTERVAL_SECONDS shortens it for tests and demonstrations only.
    static std::chrono::milliseconds defaultInterval();

private:
    explicit SyncController(std::unique_ptr<store::Database> db);

    std::unique_ptr<store::Database> m_db; // declared first: it outlives the scheduler's thread
    std::unique_ptr<sync::client::SyncScheduler> m_scheduler;
};

} // namespace da06::ui
