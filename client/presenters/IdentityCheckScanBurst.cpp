#include "client/presenters/IdentityCheckScanBurst.h"

namespace da06::ui {

void ScanBurst::key(std::string_view utf8, Clock::time_point t)
{
    if (m_keys == 0) {
        m_first = t;
    } else if (t - m_last <= m_limits.maxGap) {
        ++m_fastGaps;
    }
    m_last = t;
    m_text += utf8;
    ++m_keys;
}

void ScanBurst::backspace(Clock::time_point t)
{
    // Drop the last code point.
    while (!m_text.empty()) {
        const auto c = static_cast<unsigned char>(m_text.back());
        m_text.pop_back();
        if ((c & 0xC0u) != 0x80u) {
            break;
        }
    }
    m_edited = true;
    m_last = t;
}

ScanBurst::Line ScanBurst::enter(Clock::time_point t)
{
    Line line;
    line.text = std::move(m_text);
    line.keys = m_keys;
    line.duration = std::chrono::duration_cast<std::chrono::milliseconds>((m_keys ? m_last : t) - m_first);
    const std::size_t gaps = m_keys > 0 ? m_keys - 1 : 0;
    const bool enterFast = m_keys > 0 && t - m_last <= m_limits.maxGap * 2;
    line.fromScanner = !m_edited && m_keys >= m_limits.minKeys && enterFast &&
                       static_cast<double>(m_fastGaps) >= m_limits.minFastShare * static_cast<double>(gaps);
    reset();
    return line;
}

void ScanBurst::reset()
{
    m_text.clear();
    m_keys = 0;
    m_fastGaps = 0;
    m_edited = false;
}

} // namespace da06::ui
