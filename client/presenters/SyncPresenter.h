#pragma once
// The synchronization as the desktop shows it: the status-bar text ("Sync: not enrolled",
// "Syncing... 40%", "Synced 10:42", "Sync failed: <reason> — retry at 10:47"), the sync panel
// (enrollment, last success, pending/rejected counts, progress, conflicts with "Apply this
// value"). No wx: tested headless. The callbacks of the frame's SyncController arrive on the UI
// thread (the frame forwards them) and are handed to onProgress / onFinished.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/store/Database.h"
#include "domain/sync/SyncStore.h"
#include "sync/client/SyncScheduler.h"

namespace da06::ui {

using TimeFormatter = std::function<std::string(std::chrono::system_clock::time_point)>;
// HH:MM in the computer's local time.
std::string localClockTime(std::chrono::system_clock::time_point t);
// "2024-02-01T08:30:00Z" → time point; nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> parseIsoUtc(const std::string& text);

struct SyncSnapshot {
    bool enrolled = false;
    bool running = false;
    int percent = 0; // of the running cycle
    std::optional<std::chrono::system_clock::time_point> lastSuccess;
    std::optional<std::string> lastError;
    std::optional<std::chrono::system_clock::time_point> nextAttempt;
};

// The status-bar field.
std::string syncStatusText(const SyncSnapshot& s, const TimeFormatter& fmt = localClockTime);
// The whole cycle's progress in percent: connecting 0–5, pushing 5–50, pulling 50–100.
int cyclePercent(sync::client::Phase phase, std::int64_t done, std::int64_t total);

struct ConflictRow {
    std::int64_t id = 0;
    std::string what; // "task 3f2a…: status"
    std::string kept; // the value in force
    std::string lost; // the value that lost
    std::string by;   // who set the losing value, on which device
};

struct SyncPanelModel {
    std::string statusLine;
    std::string enrollment; // "Enrolled with … (unit …)" or "Not enrolled"
    std::string lastSuccess;
    std::string lastError;
    std::string counts; // "12 pending, 0 rejected, 3 conflicts"
    std::vector<ConflictRow> conflicts;
    std::vector<std::string> rejected;
    bool canSync = false;
    bool canCancel = false;
};

class SyncView {
public:
    virtual ~SyncView() = default;
    virtual void showModel(const SyncPanelModel& model) = 0;
    virtual void showProgress(int percent, const std::string& text) = 0;
    virtual void showStatusText(const std::string& text) = 0;
    virtual void showError(const std::string& text) = 0;
};

class SyncPresenter {
public:
    SyncPresenter(SyncView& view, store::Database& db, const Clock& clock, access::Actor actor,
                  TimeFormatter fmt = localClockTime)
        : m_view(view), m_db(db), m_clock(clock), m_actor(std::move(actor)), m_fmt(std::move(fmt))
    {
    }

    void refresh();
    void onStarted();
    void onProgress(sync::client::Phase phase, std::int64_t done, std::int64_t total);
    void onFinished(const sync::client::CycleOutcome& outcome);
    // "Apply this value": re-applies the losing value of a conflict as a new local change.
    void applyConflict(std::int64_t id);

    const SyncSnapshot& snapshot() const { return m_snapshot; }

private:
    SyncView& m_view;
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
    TimeFormatter m_fmt;
    SyncSnapshot m_snapshot;
};

} // namespace da06::ui
