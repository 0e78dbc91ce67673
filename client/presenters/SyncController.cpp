#include "client/presenters/SyncController.h"

#include <cstdlib>

#include "domain/sync/SyncStore.h"
#include "sync/client/SyncEngine.h"

namespace da06::ui {

namespace sc = sync::client;

SyncController::SyncController(std::unique_ptr<store::Database> db) : m_db(std::move(db))
{
}

SyncController::~SyncController()
{
    if (m_scheduler) {
        m_scheduler->stop();
    }
}

Result<std::unique_ptr<SyncController>> SyncController::start(const store::Store& store, const Clock& clock,
                                                              sc::ProgressFn onProgress, FinishedFn onFinished,
                                                              Options options)
{
    // Its own connection to the same encrypted store, so the background transactions never
    // interleave with the UI's.
    DA06_TRY(db, store.openWorkerConnection());
    std::unique_ptr<SyncController> c(new SyncController(std::make_unique<store::Database>(std::move(*db))));
    store::Database* worker = c->m_db.get();
    CycleFn cycle = options.cycle ? std::move(options.cycle) : engineCycle(clock);
    c->m_scheduler = std::make_unique<sc::SyncScheduler>(
        [worker, cycle = std::move(cycle)](const sc::ProgressFn& progress, const std::atomic<bool>& cancel) {
            return cycle(*worker, progress, cancel);
        },
        options.interval.count() > 0 ? options.interval : defaultInterval(), options.backoff);
    if (onProgress) {
        c->m_scheduler->setOnProgress(std::move(onProgress));
    }
    c->m_scheduler->setOnFinished(
        [worker, &clock, onFinished = std::move(onFinished)](const sc::CycleOutcome& outcome) {
            // A failed cycle shows when the next one runs; "not enrolled" has no next attempt.
            if (!outcome.ok && outcome.error.code != ErrorCode::Usage) {
                (void)sync::SyncStore(*worker, clock).setNextAttempt(Clock::iso8601(outcome.nextAttempt));
            }
            if (onFinished) {
                onFinished(outcome);
            }
        });
    c->m_scheduler->start(options.firstDelay);
    return c;
}

void SyncController::syncNow()
{
    m_scheduler->syncNow();
}

void SyncController::cancel()
{
    m_scheduler->cancel();
}

bool SyncController::busy() const
{
    return m_scheduler->busy();
}

SyncController::CycleFn SyncController::engineCycle(const Clock& clock)
{
    return [&clock](store::Database& db, const sc::ProgressFn& progress,
                    const std::atomic<bool>& cancel) -> Result<sc::CycleResult> {
        sync::SyncStore store(db, clock);
        DA06_TRY(enrolled, store.enrollment());
        if (!*enrolled) {
            return fail(ErrorCode::Usage, "this desk is not enrolled with a hub");
        }
        sc::SyncEngine engine(db, clock);
        return engine.runCycle(progress, &cancel);
    };
}

std::chrono::milliseconds SyncController::defaultInterval()
{
    if (const char* env = std::getenv("DA06_SYNC_INTERVAL_SECONDS"); env && std::atoi(env) > 0) {
        return std::chrono::seconds(std::atoi(env));
    }
    return std::chrono::minutes(5);
}

} // namespace da06::ui
