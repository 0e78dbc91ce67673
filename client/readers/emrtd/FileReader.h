#pragma once
// Selecting and reading the files of the eMRTD application (ICAO 9303-10 §3.6, 9303-11 §9.8.3;
// ISO/IEC 7816-4 SELECT and READ BINARY). READ BINARY learns the largest Le the chip accepts
// (256 → 224 → 160 → 128 on 6700, 6Cxx or a short answer) and keeps it for the session; a file is
// read with a first short command that gets its TLV header and length, then chunks of that Le.
#include <functional>
#include <string>

#include "client/readers/emrtd/CardSession.h"

namespace da06::emrtd {

inline constexpr std::uint8_t kEmrtdAid[] = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};
inline constexpr std::uint16_t kEfCardAccess = 0x011C;
inline constexpr std::uint16_t kEfCom = 0x011E;
inline constexpr std::uint16_t kEfSod = 0x011D;
// Bytes asked by the first READ BINARY of a file: a tag of up to 3 and a length of up to 5 bytes.
inline constexpr int kHeaderProbe = 8;
// Files larger than this are refused (the biggest, DG2, is 15-30 KB on real cards).
inline constexpr std::size_t kMaxFileSize = 0x7FFF + 1;

class FileReader {
public:
    // adaptive = false: a reader that never lowers Le (for benchmarks: "fixed 256").
    explicit FileReader(CardSession& session, int initialLe = 256, bool adaptive = true)
        : m_session(session), m_le(initialLe), m_adaptive(adaptive)
    {
    }

    // SELECT of the eMRTD application by AID (6A82 → NotIdentityCard).
    Status selectApplication();
    // SELECT MF (3F00); false when the chip refuses (6D00, 6A86 and the like).
    Result<bool> selectMasterFile();
    // SELECT EF by file identifier (6A82 → NotFound, 6982 → AccessDenied).
    Status selectFile(std::uint16_t fid);
    // Selects and reads a whole file; progress(done, total) after each chunk.
    Result<Bytes> readFile(std::uint16_t fid, const std::function<void(std::size_t, std::size_t)>& progress = {});
    // Reads the currently selected file.
    Result<Bytes> readSelected(const std::function<void(std::size_t, std::size_t)>& progress = {});

    int learnedLe() const { return m_le; }

private:
    Result<Bytes> readBinary(std::size_t offset, int le);
    bool stepDown(int refused);

    CardSession& m_session;
    int m_le;
    bool m_adaptive = true;
};

} // namespace da06::emrtd
