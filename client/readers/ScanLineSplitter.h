#pragma once
// A serial scanner in USB-COM mode sends each scan as one line: the QR text, then CR, LF or CR LF
// (set in the scanner). The splitter turns the bytes as they arrive, in any chunks, into scans.
// Standard library only.
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

namespace da06::readers {

class ScanLineSplitter {
public:
    // A line longer than this is dropped whole (noise on the line, or no terminator configured).
    static constexpr std::size_t kMaxLine = 16 * 1024;

    void feed(std::string_view bytes);
    bool hasScan() const { return !m_ready.empty(); }
    std::string takeScan();
    // Bytes of an unfinished line.
    std::size_t pendingBytes() const { return m_line.size(); }
    std::size_t droppedLines() const { return m_dropped; }
    void clear();

private:
    std::string m_line;
    std::deque<std::string> m_ready;
    bool m_afterCr = false;
    bool m_overflow = false;
    std::size_t m_dropped = 0;
};

} // namespace da06::readers
