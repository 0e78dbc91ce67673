#include "client/presenters/SyncPresenter.h"

#include <ctime>

#include "client/presenters/Translate.h"

namespace da06::ui {

std::string localClockTime(std::chrono::system_clock::time_point t)
{
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
#ifdef _WIN32
    localtime_s(&tm, &tt);
#else
    localtime_r(&tt, &tm);
#endif
    char buf[8];
    std::strftime(buf, sizeof buf, "%H:%M", &tm);
    return buf;
}

std::optional<std::chrono::system_clock::time_point> parseIsoUtc(const std::string& text)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (text.size() < 20 || std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &s) != 6) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)),
                                          std::chrono::day(static_cast<unsigned>(d))};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s);
}

std::string syncStatusText(const SyncSnapshot& s, const TimeFormatter& fmt)
{
    if (!s.enrolled) {
        return tr("Sync: not enrolled");
    }
    if (s.running) {
        return format1(tr("Syncing... %s"), std::to_string(s.percent) + "%");
    }
    if (s.lastError) {
        std::string text = format1(tr("Sync failed: %s"), *s.lastError);
        if (s.nextAttempt) {
            text += " \xE2\x80\x94 " + format1(tr("retry at %s"), fmt(*s.nextAttempt));
        }
        return text;
    }
    if (s.lastSuccess) {
        return format1(tr("Synced %s"), fmt(*s.lastSuccess));
    }
    return tr("Sync: not synchronized yet");
}

int cyclePercent(sync::client::Phase phase, std::int64_t done, std::int64_t total)
{
    using sync::client::Phase;
    const double part = total > 0 ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total)) : 0.0;
    switch (phase) {
    case Phase::Connecting:
        return 0;
    case Phase::Pushing:
        return 5 + static_cast<int>(45 * part);
    case Phase::Pulling:
        return 50 + static_cast<int>(50 * part);
    case Phase::Done:
        return 100;
    }
    return 0;
}

namespace {

// A short form of an error for the status bar: the first clause of the sentence.
std::string shortReason(const std::string& message)
{
    auto cut = message.find_first_of("(;");
    std::string s = cut == std::string::npos ? message : message.substr(0, cut);
    while (!s.empty() && s.back() == ' ') {
        s.pop_back();
    }
    return s;
}

} // namespace

void SyncPresenter::refresh()
{
    sync::SyncStore store(m_db, m_clock);
    auto en = store.enrollment();
    auto st = store.status();
    auto conflicts = store.conflicts(true);
    auto rejected = store.rejected();
    if (!en || !st || !conflicts || !rejected) {
        m_view.showError(!en          ? en.error().message
                         : !st        ? st.error().message
                         : !conflicts ? conflicts.error().message
                                      : rejected.error().message);
        return;
    }
    m_snapshot.enrolled = en->has_value();
    m_snapshot.lastSuccess = st->lastSuccess ? parseIsoUtc(*st->lastSuccess) : std::nullopt;
    if (!m_snapshot.running) {
        m_snapshot.lastError = st->lastError ? std::optional<std::string>(shortReason(*st->lastError)) : std::nullopt;
        if (st->nextAttempt) {
            m_snapshot.nextAttempt = parseIsoUtc(*st->nextAttempt);
        } else if (!st->lastError) {
            m_snapshot.nextAttempt.reset();
        }
    }
    SyncPanelModel m;
    m.statusLine = syncStatusText(m_snapshot, m_fmt);
    if (*en) {
        m.enrollment =
            format1(tr("Enrolled with %s"), (*en)->serverUrl) + " \xC2\xB7 " + format1(tr("unit %s"), (*en)->unit);
    } else {
        m.enrollment =
            tr("Not enrolled with a hub. An admin enrolls the desk with `da06 enroll --server URL --code CODE`.");
    }
    m.lastSuccess =
        m_snapshot.lastSuccess ? format1(tr("Last success: %s"), *st->lastSuccess) : tr("Last success: never");
    m.lastError = st->lastError ? format1(tr("Last error: %s"), *st->lastError) : std::string();
    m.counts = format1(tr("%s pending"), std::to_string(st->outbox.pending + st->outbox.sent)) + ", " +
               format1(tr("%s rejected"), std::to_string(st->outbox.rejected)) + ", " +
               format1(tr("%s conflicts"), std::to_string(st->openConflicts));
    for (const auto& c : *conflicts) {
        ConflictRow row;
        row.id = c.id;
        row.what = c.entity + " " + c.entityId.substr(0, 8) + ": " + c.field;
        row.kept = c.winningValue.isString() ? c.winningValue.asString() : c.winningValue.dump();
        row.lost = c.losingValue.isString() ? c.losingValue.asString() : c.losingValue.dump();
        row.by = c.losingUser + " @ " + c.losingDevice.substr(0, 12);
        m.conflicts.push_back(std::move(row));
    }
    for (const auto& r : *rejected) {
        m.rejected.push_back(r.entity + " " + r.entityId + ": " + r.reason +
                             (r.message.empty() ? "" : " \xE2\x80\x94 " + r.message));
    }
    m.canSync = m_snapshot.enrolled && !m_snapshot.running;
    m.canCancel = m_snapshot.running;
    m_view.showModel(m);
    m_view.showStatusText(m.statusLine);
}

void SyncPresenter::onStarted()
{
    m_snapshot.running = true;
    m_snapshot.percent = 0;
    m_view.showStatusText(syncStatusText(m_snapshot, m_fmt));
    m_view.showProgress(0, tr("Connecting to the hub..."));
}

void SyncPresenter::onProgress(sync::client::Phase phase, std::int64_t done, std::int64_t total)
{
    using sync::client::Phase;
    m_snapshot.running = phase != Phase::Done;
    m_snapshot.percent = cyclePercent(phase, done, total);
    std::string text;
    switch (phase) {
    case Phase::Connecting:
        text = tr("Connecting to the hub...");
        break;
    case Phase::Pushing:
        text = format1(tr("Sending changes: %s"), std::to_string(done) + "/" + std::to_string(total));
        break;
    case Phase::Pulling:
        text = format1(tr("Receiving changes: %s"), std::to_string(done));
        break;
    case Phase::Done:
        text = tr("Done");
        break;
    }
    m_view.showProgress(m_snapshot.percent, text);
    m_view.showStatusText(syncStatusText(m_snapshot, m_fmt));
}

void SyncPresenter::onFinished(const sync::client::CycleOutcome& outcome)
{
    m_snapshot.running = false;
    m_snapshot.percent = 0;
    if (outcome.ok) {
        m_snapshot.lastError.reset();
        m_snapshot.nextAttempt.reset();
        m_snapshot.lastSuccess = outcome.finishedAt;
    } else {
        m_snapshot.lastError = shortReason(outcome.error.message);
        m_snapshot.nextAttempt = outcome.nextAttempt;
        if (outcome.error.code == ErrorCode::Cancelled) {
            m_snapshot.lastError = tr("cancelled");
        }
    }
    const auto keepError = m_snapshot.lastError;
    const auto keepNext = m_snapshot.nextAttempt;
    m_view.showProgress(outcome.ok ? 100 : 0, outcome.ok ? tr("Done") : m_snapshot.lastError.value_or(""));
    refresh();
    m_snapshot.lastError = keepError;
    m_snapshot.nextAttempt = keepNext;
    m_view.showStatusText(syncStatusText(m_snapshot, m_fmt));
}

void SyncPresenter::applyConflict(std::int64_t id)
{
    sync::SyncStore store(m_db, m_clock);
    auto r = store.resolveConflict(m_actor, id);
    if (!r) {
        m_view.showError(r.error().message);
        return;
    }
    refresh();
}

} // namespace da06::ui
