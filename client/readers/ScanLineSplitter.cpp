#include "client/readers/ScanLineSplitter.h"

namespace da06::readers {

void ScanLineSplitter::feed(std::string_view bytes)
{
    for (const char c : bytes) {
        if (c == '\n' && m_afterCr) { // the LF of CR LF
            m_afterCr = false;
            continue;
        }
        m_afterCr = c == '\r';
        if (c == '\r' || c == '\n') {
            if (m_overflow) {
                ++m_dropped;
            } else if (!m_line.empty()) {
                m_ready.push_back(std::move(m_line));
            }
            m_line.clear();
            m_overflow = false;
            continue;
        }
        if (m_overflow) {
            continue;
        }
        if (m_line.size() >= kMaxLine) {
            m_overflow = true;
            m_line.clear();
            continue;
        }
        m_line += c;
    }
}

std::string ScanLineSplitter::takeScan()
{
    if (m_ready.empty()) {
        return {};
    }
    std::string s = std::move(m_ready.front());
    m_ready.pop_front();
    return s;
}

void ScanLineSplitter::clear()
{
    m_line.clear();
    m_ready.clear();
    m_afterCr = false;
    m_overflow = false;
}

} // namespace da06::readers
