#pragma once
// Time comes from an injectable clock, so that deadlines and tests do not depend on today.
#include <chrono>
#include <string>

#include "domain/core/Date.h"

namespace da06 {

class Clock {
public:
    virtual ~Clock() = default;
    virtual std::chrono::system_clock::time_point now() const = 0;

    Date today() const;             // UTC civil date of now()
    std::string nowIso8601() const; // 2024-02-01T08:30:00Z
    // Any instant as UTC text for storage and the wire (2024-02-01T08:30:00Z), whole seconds.
    static std::string iso8601(std::chrono::system_clock::time_point t);
};

class SystemClock final : public Clock {
public:
    std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
};

class FixedClock final : public Clock {
public:
    explicit FixedClock(std::chrono::system_clock::time_point t) : m_now(t) {}
    static FixedClock at(const Date& d);
    std::chrono::system_clock::time_point now() const override { return m_now; }
    void set(std::chrono::system_clock::time_point t) { m_now = t; }

private:
    std::chrono::system_clock::time_point m_now;
};

} // namespace da06
