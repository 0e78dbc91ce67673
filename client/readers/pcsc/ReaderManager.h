#pragma once
// Watches the card readers and the cards on them from a background thread
// (SCardGetStatusChange, with the special reader "\\?PnP?\Notification" for readers plugged in
// or out; where the service does not support it, the reader list is polled every second).
//
// Events: at start the manager reports the state it finds (ServiceStopped when the service does
// not run; otherwise ReaderAdded for each reader and CardInserted for each card already there),
// then every change. When the service stops (pcscd killed, SCardSvr stopped) the readers it had
// are reported removed, then ServiceStopped; the manager retries every second and reports
// ServiceStarted, then the readers, when the service is back (a new context is established).
//
// Windows 8 and later stop the Smart Card service (SCardSvr) when the last reader is unplugged
// and start it when one is plugged in: there ServiceStopped often just means "no reader".
//
// THREADS: the callback is called on the watcher thread, never on the caller's. A wx window must
// marshal each event to the UI thread (CallAfter, guarded by a weak reference to the window) and
// must not block in the callback. snapshot() may be called from any thread. stop() (and the
// destructor) return promptly: they wake the watcher with SCardCancel. Do not call stop() from
// inside the callback.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "client/readers/CardChannel.h"

namespace da06::pcsc {

class PcscContext;

enum class ReaderEventKind { ReaderAdded, ReaderRemoved, CardInserted, CardRemoved, ServiceStopped, ServiceStarted };

// "reader_added", … (for logs and tests).
const char* readerEventKindName(ReaderEventKind kind);

struct ReaderEvent {
    ReaderEventKind kind = ReaderEventKind::ReaderAdded;
    std::string reader; // empty for ServiceStopped / ServiceStarted
    readers::Bytes atr; // CardInserted only
};

struct ReaderInfo {
    std::string name;
    bool cardPresent = false;
    readers::Bytes atr; // when a card is present
};

struct ReaderSnapshot {
    bool scanned = false; // false until the watcher has looked once
    bool serviceRunning = false;
    bool pnpNotification = false; // plug/unplug is notified (else polled every second)
    std::vector<ReaderInfo> readers;
};

class ReaderManager {
public:
    using Callback = std::function<void(const ReaderEvent&)>;

    struct Options {
        int pollIntervalMs = 1000;      // reader-list polling without PnP notification
        int serviceRetryMs = 1000;      // re-establishing the context while the service is down
        bool usePnpNotification = true; // false: poll even where PnP is supported (tests)
    };

    explicit ReaderManager(Callback callback);
    ReaderManager(Callback callback, Options options);
    ~ReaderManager();
    ReaderManager(const ReaderManager&) = delete;
    ReaderManager& operator=(const ReaderManager&) = delete;

    // Starts the watcher thread (does nothing if it runs). The snapshot starts empty again and
    // the first events describe the state found.
    void start();
    // Stops it and waits for it to end (promptly: SCardCancel wakes it).
    void stop();
    bool running() const { return m_thread.joinable(); }

    ReaderSnapshot snapshot() const;

private:
    void run();
    // One life of a context: returns when the service went away or stop() was called.
    void watch(PcscContext& context);
    void setLiveContext(PcscContext* context);
    void emit(const ReaderEvent& event);
    void serviceDown();
    // Waits up to ms unless stop() is called; false when stopping.
    bool pause(int ms);

    Callback m_callback;
    Options m_options;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_finished{false};

    mutable std::mutex m_mutex; // guards m_snapshot
    ReaderSnapshot m_snapshot;

    std::mutex m_contextMutex; // guards m_live (cancel from stop() vs release by the watcher)
    PcscContext* m_live = nullptr;
    std::mutex m_waitMutex;
    std::condition_variable m_wake;
    bool m_serviceKnown = false;
};

} // namespace da06::pcsc
