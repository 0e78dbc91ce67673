#include "client/readers/pcsc/ReaderManager.h"

#include <algorithm>
#include <chrono>

#include "client/readers/pcsc/PcscContext.h"
#include "client/readers/pcsc/PcscPlatform.h"

namespace da06::pcsc {

using namespace detail;

const char* readerEventKindName(ReaderEventKind kind)
{
    switch (kind) {
    case ReaderEventKind::ReaderAdded:
        return "reader_added";
    case ReaderEventKind::ReaderRemoved:
        return "reader_removed";
    case ReaderEventKind::CardInserted:
        return "card_inserted";
    case ReaderEventKind::CardRemoved:
        return "card_removed";
    case ReaderEventKind::ServiceStopped:
        return "service_stopped";
    case ReaderEventKind::ServiceStarted:
        return "service_started";
    }
    return "unknown";
}

namespace {

struct Watched {
    std::string name;
    DWORD state = SCARD_STATE_UNAWARE; // the last event state seen, without SCARD_STATE_CHANGED
};

bool probePnp(const PcscContext& context)
{
    ReaderState state{};
    state.szReader = kPnpNotification;
    state.dwCurrentState = SCARD_STATE_UNAWARE;
    const LONG rc = getStatusChange(toContext(context.handle()), 0, &state, 1);
    if (rc != SCARD_S_SUCCESS && rc != static_cast<LONG>(SCARD_E_TIMEOUT)) {
        return false;
    }
    return (state.dwEventState & SCARD_STATE_UNKNOWN) == 0;
}

} // namespace

ReaderManager::ReaderManager(Callback callback) : ReaderManager(std::move(callback), Options{})
{
}

ReaderManager::ReaderManager(Callback callback, Options options) : m_callback(std::move(callback)), m_options(options)
{
}

ReaderManager::~ReaderManager()
{
    stop();
}

void ReaderManager::start()
{
    if (m_thread.joinable()) {
        return;
    }
    m_stop = false;
    m_finished = false;
    {
        std::lock_guard lock(m_mutex);
        m_snapshot = ReaderSnapshot{};
    }
    m_serviceKnown = false; // the events start again from the state found
    m_thread = std::thread([this] { run(); });
}

void ReaderManager::stop()
{
    if (!m_thread.joinable()) {
        return;
    }
    {
        std::lock_guard lock(m_waitMutex);
        m_stop = true;
    }
    m_wake.notify_all();
    // SCardCancel wakes a SCardGetStatusChange in progress; repeat it in case the watcher was
    // between two calls when the first one went.
    while (!m_finished) {
        {
            std::lock_guard lock(m_contextMutex);
            if (m_live != nullptr) {
                m_live->cancel();
            }
        }
        std::unique_lock lock(m_waitMutex);
        m_wake.wait_for(lock, std::chrono::milliseconds(20), [this] { return m_finished.load(); });
    }
    m_thread.join();
}

ReaderSnapshot ReaderManager::snapshot() const
{
    std::lock_guard lock(m_mutex);
    return m_snapshot;
}

void ReaderManager::setLiveContext(PcscContext* context)
{
    std::lock_guard lock(m_contextMutex);
    m_live = context;
}

void ReaderManager::emit(const ReaderEvent& event)
{
    if (!m_callback) {
        return;
    }
    try {
        m_callback(event);
    } catch (...) {
        // A failing listener must not end the watcher.
    }
}

bool ReaderManager::pause(int ms)
{
    std::unique_lock lock(m_waitMutex);
    m_wake.wait_for(lock, std::chrono::milliseconds(ms), [this] { return m_stop.load(); });
    return !m_stop;
}

void ReaderManager::serviceDown()
{
    std::vector<ReaderEvent> events;
    {
        std::lock_guard lock(m_mutex);
        const bool wasUp = m_snapshot.serviceRunning;
        m_snapshot.scanned = true;
        if (!wasUp && m_serviceKnown) {
            return; // still down: nothing new to say
        }
        for (const auto& r : m_snapshot.readers) {
            if (r.cardPresent) {
                events.push_back({ReaderEventKind::CardRemoved, r.name, {}});
            }
            events.push_back({ReaderEventKind::ReaderRemoved, r.name, {}});
        }
        m_snapshot.readers.clear();
        m_snapshot.serviceRunning = false;
        m_snapshot.pnpNotification = false;
        events.push_back({ReaderEventKind::ServiceStopped, {}, {}});
    }
    m_serviceKnown = true;
    for (const auto& e : events) {
        emit(e);
    }
}

void ReaderManager::run()
{
    while (!m_stop) {
        auto context = PcscContext::establish();
        if (!context) {
            serviceDown();
            if (!pause(m_options.serviceRetryMs)) {
                break;
            }
            continue;
        }
        bool cameBack = false;
        {
            std::lock_guard lock(m_mutex);
            cameBack = m_serviceKnown && !m_snapshot.serviceRunning;
            m_snapshot.serviceRunning = true;
        }
        m_serviceKnown = true;
        if (cameBack) {
            emit({ReaderEventKind::ServiceStarted, {}, {}});
        }
        setLiveContext(&*context);
        watch(*context);
        setLiveContext(nullptr);
    }
    {
        std::lock_guard lock(m_waitMutex);
        m_finished = true;
    }
    m_wake.notify_all();
}

void ReaderManager::watch(PcscContext& context)
{
    const bool pnp = m_options.usePnpNotification && probePnp(context);
    {
        std::lock_guard lock(m_mutex);
        m_snapshot.pnpNotification = pnp;
    }
    std::vector<Watched> watched;
    std::vector<ReaderEvent> events;
    auto flush = [&] {
        for (const auto& e : events) {
            emit(e);
        }
        events.clear();
    };

    while (!m_stop) {
        auto names = context.listReaders();
        if (!names) {
            if (names.error().code == ErrorCode::ServiceUnavailable) {
                serviceDown();
                return;
            }
            if (!pause(200)) {
                return;
            }
            continue;
        }
        // Readers gone, readers new.
        {
            std::lock_guard lock(m_mutex);
            for (auto it = watched.begin(); it != watched.end();) {
                if (std::find(names->begin(), names->end(), it->name) != names->end()) {
                    ++it;
                    continue;
                }
                auto& list = m_snapshot.readers;
                auto r =
                    std::find_if(list.begin(), list.end(), [&](const ReaderInfo& i) { return i.name == it->name; });
                if (r != list.end()) {
                    if (r->cardPresent) {
                        events.push_back({ReaderEventKind::CardRemoved, it->name, {}});
                    }
                    list.erase(r);
                }
                events.push_back({ReaderEventKind::ReaderRemoved, it->name, {}});
                it = watched.erase(it);
            }
            for (const auto& n : *names) {
                const bool known =
                    std::any_of(watched.begin(), watched.end(), [&](const Watched& w) { return w.name == n; });
                if (!known) {
                    watched.push_back({n, SCARD_STATE_UNAWARE});
                    m_snapshot.readers.push_back({n, false, {}});
                    events.push_back({ReaderEventKind::ReaderAdded, n, {}});
                }
            }
        }
        flush();

        if (watched.empty() && !pnp) {
            {
                std::lock_guard lock(m_mutex);
                m_snapshot.scanned = true;
            }
            if (!pause(m_options.pollIntervalMs)) {
                return;
            }
            continue;
        }

        if (std::none_of(watched.begin(), watched.end(),
                         [](const Watched& w) { return w.state == SCARD_STATE_UNAWARE; })) {
            std::lock_guard lock(m_mutex);
            m_snapshot.scanned = true; // every reader's state is known (or there is none)
        }

        std::vector<ReaderState> states(watched.size() + (pnp ? 1 : 0));
        for (std::size_t i = 0; i < watched.size(); ++i) {
            states[i] = ReaderState{};
            states[i].szReader = watched[i].name.c_str();
            states[i].dwCurrentState = watched[i].state;
        }
        if (pnp) {
            states.back() = ReaderState{};
            states.back().szReader = kPnpNotification;
            states.back().dwCurrentState = static_cast<DWORD>(names->size()) << 16;
        }
        const DWORD timeout = pnp ? INFINITE : static_cast<DWORD>(m_options.pollIntervalMs);
        const LONG rc =
            getStatusChange(toContext(context.handle()), timeout, states.data(), static_cast<DWORD>(states.size()));
        if (m_stop) {
            return;
        }
        if (rc == static_cast<LONG>(SCARD_E_TIMEOUT) || rc == static_cast<LONG>(SCARD_E_CANCELLED)) {
            std::lock_guard lock(m_mutex);
            m_snapshot.scanned = true;
            continue;
        }
        if (isServiceLoss(rc)) {
            serviceDown();
            return;
        }
        if (rc != SCARD_S_SUCCESS) {
            // A reader vanished between the listing and the wait (SCARD_E_UNKNOWN_READER …):
            // list again after a short breath.
            if (!pause(50)) {
                return;
            }
            continue;
        }
        {
            std::lock_guard lock(m_mutex);
            for (std::size_t i = 0; i < watched.size(); ++i) {
                const DWORD ev = states[i].dwEventState;
                if ((ev & SCARD_STATE_CHANGED) == 0) {
                    continue;
                }
                if ((ev & (SCARD_STATE_UNKNOWN | SCARD_STATE_IGNORE)) != 0) {
                    continue; // the reader went: the next listing reports it
                }
                const DWORD before = watched[i].state;
                watched[i].state = ev & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
                auto& list = m_snapshot.readers;
                auto r = std::find_if(list.begin(), list.end(),
                                      [&](const ReaderInfo& info) { return info.name == watched[i].name; });
                if (r == list.end()) {
                    continue;
                }
                const bool present = (ev & SCARD_STATE_PRESENT) != 0;
                const std::size_t atrLength = std::min<std::size_t>(states[i].cbAtr, sizeof(states[i].rgbAtr));
                readers::Bytes atr(states[i].rgbAtr, states[i].rgbAtr + atrLength);
                // The upper word counts card events: a card taken away and another put down
                // between two waits shows as a count that moved by two or more.
                const DWORD countBefore = before >> 16;
                const DWORD countNow = ev >> 16;
                const bool swapped =
                    present && r->cardPresent && before != SCARD_STATE_UNAWARE && countNow >= countBefore + 2;
                if (r->cardPresent && (!present || swapped)) {
                    events.push_back({ReaderEventKind::CardRemoved, r->name, {}});
                }
                if (present && (!r->cardPresent || swapped)) {
                    events.push_back({ReaderEventKind::CardInserted, r->name, atr});
                }
                r->cardPresent = present;
                r->atr = present ? atr : readers::Bytes{};
            }
            m_snapshot.scanned = true;
        }
        flush();
    }
}

} // namespace da06::pcsc
