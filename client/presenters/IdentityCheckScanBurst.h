#pragma once
// Keyboard-wedge scanners type a QR code into the focused field as a burst of key presses a few
// milliseconds apart, ended by Enter; a clerk types a key every 100 ms or more. The page forwards
// each character with its time; at Enter this says what was typed and whether it came as a burst.
// No wx: the page passes wxGetUTCTimeMillis()-based times converted to steady_clock, tests pass
// made-up ones.
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace da06::ui {

class ScanBurst {
public:
    using Clock = std::chrono::steady_clock;

    struct Thresholds {
        std::chrono::milliseconds maxGap{50}; // slowest scanner keystroke interval
        std::size_t minKeys = 20;             // shorter lines are not QR payloads
        double minFastShare = 0.9;            // share of gaps that must be fast
    };

    struct Line {
        std::string text;
        bool fromScanner = false;
        std::size_t keys = 0;
        std::chrono::milliseconds duration{0};
    };

    ScanBurst() = default;
    explicit ScanBurst(Thresholds t) : m_limits(t) {}

    // One character (UTF-8, one code point) typed at time t.
    void key(std::string_view utf8, Clock::time_point t);
    // Backspace: a person is editing, so the line is no longer a burst.
    void backspace(Clock::time_point t);
    // Enter at time t: the line so far, then a fresh start.
    Line enter(Clock::time_point t);
    void reset();
    std::size_t pendingKeys() const { return m_keys; }

private:
    Thresholds m_limits;
    std::string m_text;
    std::size_t m_keys = 0;
    std::size_t m_fastGaps = 0;
    bool m_edited = false;
    Clock::time_point m_first{};
    Clock::time_point m_last{};
};

} // namespace da06::ui
