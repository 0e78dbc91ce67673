#pragma once
// When the desktop locks itself: after the policy's idle time without keyboard or mouse input.
#include <chrono>

namespace da06::ui {

class IdleLock {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    explicit IdleLock(std::chrono::seconds idleLimit, TimePoint now) : m_limit(idleLimit), m_lastActivity(now) {}

    void activity(TimePoint now) { m_lastActivity = now; }
    // True once the idle limit has passed since the last activity (and not locked already).
    bool shouldLock(TimePoint now) const { return !m_locked && now - m_lastActivity >= m_limit; }
    void locked() { m_locked = true; }
    void unlocked(TimePoint now)
    {
        m_locked = false;
        m_lastActivity = now;
    }
    bool isLocked() const { return m_locked; }
    void setLimit(std::chrono::seconds limit) { m_limit = limit; }
    std::chrono::seconds limit() const { return m_limit; }

private:
    std::chrono::seconds m_limit;
    TimePoint m_lastActivity;
    bool m_locked = false;
};

} // namespace da06::ui
