#pragma once
// The one way wx windows run work off the UI thread. The window owns a BackgroundTask (a member):
// run(work, done) starts work on its own thread; done(result) and anything the work posts (its
// progress) run later on the UI thread, and only while the run is still wanted: once the task is
// stopped or destroyed (with its window), what is still queued is dropped. The work polls
// ctx.cancelled() to stop early; stop() (also in the destructor) cancels and joins. Threads the
// task does not own (a device manager, a scheduler) post through an OwnerToken's UiDelivery.
// No wx in this header: the UI thread is reached through postToUi (BackgroundTask.cpp).
#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <type_traits>
#include <utility>

namespace da06::app {

// Queues fn to run on the UI thread; callable from any thread. Nothing checks the receiver's
// lifetime: use UiDelivery or BackgroundTask instead of calling this directly.
void postToUi(std::function<void()> fn);

// A copyable handle that posts to the UI thread for an owner. What it posts runs only if the owner
// (its OwnerToken, or its BackgroundTask run) is still alive when the UI thread gets to it.
class UiDelivery {
public:
    UiDelivery() = default; // posts nothing
    explicit UiDelivery(std::shared_ptr<const std::atomic<bool>> alive) : m_alive(std::move(alive)) {}

    // Any thread. fn runs on the UI thread, or never when the owner is gone by then.
    void post(std::function<void()> fn) const;
    bool ownerAlive() const { return m_alive && m_alive->load(); }

private:
    std::shared_ptr<const std::atomic<bool>> m_alive;
};

// The owner's side of a UiDelivery: a window member. Its destruction (or revoke(), from the UI
// thread) drops everything posted through its deliveries that has not run yet.
class OwnerToken {
public:
    OwnerToken() = default;
    ~OwnerToken() { revoke(); }
    OwnerToken(const OwnerToken&) = delete;
    OwnerToken& operator=(const OwnerToken&) = delete;

    UiDelivery delivery() const { return UiDelivery(m_alive); }
    void revoke() { m_alive->store(false); }
    // revoke(), then deliveries handed out from now on post again (the earlier ones stay dead).
    void renew()
    {
        revoke();
        m_alive = std::make_shared<std::atomic<bool>>(true);
    }

private:
    std::shared_ptr<std::atomic<bool>> m_alive = std::make_shared<std::atomic<bool>>(true);
};

// What the work of one run sees.
class TaskContext {
public:
    TaskContext(std::shared_ptr<const std::atomic<bool>> cancel, UiDelivery ui)
        : m_cancel(std::move(cancel)), m_ui(std::move(ui))
    {
    }

    bool cancelled() const { return m_cancel->load(); }
    // For APIs that poll a flag themselves; valid for the whole run.
    const std::atomic<bool>& cancelFlag() const { return *m_cancel; }
    // Progress and other interim news: fn runs on the UI thread while the run is still wanted.
    void post(std::function<void()> fn) const { m_ui.post(std::move(fn)); }
    const UiDelivery& delivery() const { return m_ui; }

private:
    std::shared_ptr<const std::atomic<bool>> m_cancel;
    UiDelivery m_ui;
};

class BackgroundTask {
public:
    BackgroundTask() = default;
    ~BackgroundTask() { stop(); } // declare it after the members its work uses
    BackgroundTask(const BackgroundTask&) = delete;
    BackgroundTask& operator=(const BackgroundTask&) = delete;

    // UI thread. Starts work(const TaskContext&) on a new thread; done(result) — done() when work
    // returns void — then runs on the UI thread. Returns false and starts nothing while a previous
    // run is busy. done also runs after cancel() (the work decides what a cancelled result is).
    // work may be move-only; done is copied into the queued call, so it must be copyable.
    template <class Work, class Done> bool run(Work work, Done done)
    {
        if (m_busy) {
            return false;
        }
        join();
        auto run = std::make_shared<Run>();
        m_run = run;
        m_busy = true;
        // The context's flags share the run's lifetime (aliasing shared_ptrs).
        TaskContext ctx(std::shared_ptr<const std::atomic<bool>>(run, &run->cancel),
                        UiDelivery(std::shared_ptr<const std::atomic<bool>>(run, &run->live)));
        m_thread = std::thread([this, ctx = std::move(ctx), work = std::move(work), done = std::move(done)]() mutable {
            using R = std::invoke_result_t<Work&, const TaskContext&>;
            if constexpr (std::is_void_v<R>) {
                work(std::as_const(ctx));
                ctx.post([this, done = std::move(done)]() mutable {
                    m_busy = false;
                    done();
                });
            } else {
                // Shared so the queued call stays copyable whatever R is.
                auto result = std::make_shared<R>(work(std::as_const(ctx)));
                ctx.post([this, result, done = std::move(done)]() mutable {
                    m_busy = false;
                    done(std::move(*result));
                });
            }
        });
        return true;
    }

    // UI thread: true from run() until its done has run (or stop()).
    bool busy() const { return m_busy; }
    // UI thread: asks the running work to stop (it polls ctx.cancelled()); done still runs.
    void cancel();
    // UI thread: cancels, joins, and drops what the run still had queued (done included).
    void stop();

private:
    struct Run {
        std::atomic<bool> cancel{false};
        std::atomic<bool> live{true};
    };

    void join();

    std::shared_ptr<Run> m_run;
    std::thread m_thread;
    bool m_busy = false;
};

} // namespace da06::app
