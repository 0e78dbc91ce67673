#include "sync/client/SyncScheduler.h"

namespace da06::sync::client {

SyncScheduler::SyncScheduler(CycleFn cycle, std::chrono::milliseconds interval, BackoffPolicy backoff)
    : m_cycle(std::move(cycle)), m_interval(interval), m_backoff(backoff)
{
}

SyncScheduler::~SyncScheduler()
{
    stop();
}

void SyncScheduler::setOnProgress(ProgressFn f)
{
    std::lock_guard lock(m_mutex);
    m_onProgress = std::move(f);
}

void SyncScheduler::setOnFinished(std::function<void(const CycleOutcome&)> f)
{
    std::lock_guard lock(m_mutex);
    m_onFinished = std::move(f);
}

void SyncScheduler::start(std::chrono::milliseconds firstDelay)
{
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable()) {
        return;
    }
    m_stop = false;
    m_due = std::chrono::steady_clock::now() + firstDelay;
    m_thread = std::thread([this] { loop(); });
}

void SyncScheduler::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_cancel = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void SyncScheduler::syncNow()
{
    {
        std::lock_guard lock(m_mutex);
        m_now = true;
    }
    m_wake.notify_all();
}

void SyncScheduler::cancel()
{
    m_cancel = true;
}

void SyncScheduler::loop()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_wake.wait_until(lock, m_due, [this] { return m_stop || m_now || std::chrono::steady_clock::now() >= m_due; });
        if (m_stop) {
            break;
        }
        m_now = false;
        m_cancel = false;
        m_busy = true;
        ProgressFn progress = m_onProgress;
        auto onFinished = m_onFinished;
        lock.unlock();
        auto r = m_cycle(progress ? progress : ProgressFn([](Phase, std::int64_t, std::int64_t) {}), m_cancel);
        lock.lock();
        m_busy = false;
        CycleOutcome o;
        o.ok = r.has_value();
        std::chrono::milliseconds wait = m_interval;
        if (r) {
            o.result = *r;
            m_failures = 0;
        } else {
            o.error = r.error();
            o.retryable = SyncEngine::isRetryable(r.error());
            ++m_failures;
            if (o.retryable) {
                wait = m_backoff.delay(m_failures, m_rng);
                wait = std::max(wait, std::chrono::milliseconds(std::min<std::int64_t>(1000, m_interval.count())));
            }
        }
        o.failures = m_failures;
        o.finishedAt = std::chrono::system_clock::now();
        o.nextAttempt = o.finishedAt + wait;
        m_due = std::chrono::steady_clock::now() + wait;
        if (onFinished) {
            lock.unlock();
            onFinished(o);
            lock.lock();
        }
    }
}

} // namespace da06::sync::client
