// SELECT / READ BINARY with the adaptive Le (ICAO 9303-11 §9.8.3, ISO/IEC 7816-4 §7.1, §7.2).
#include "client/readers/emrtd/FileReader.h"

#include <algorithm>

#include "domain/identity/chip/Tlv.h"

namespace da06::emrtd {

namespace {

constexpr int kLadder[] = {256, 224, 160, 128};

} // namespace

Status FileReader::selectApplication()
{
    CommandApdu c{0x00, 0xA4, 0x04, 0x0C, Bytes(std::begin(kEmrtdAid), std::end(kEmrtdAid)), -1};
    DA06_TRY(r, m_session.send(c));
    if (r->sw == 0x9000) {
        return {};
    }
    if (r->sw == 0x6A82 || r->sw == 0x6A86 || r->sw == 0x6D00 || r->sw == 0x6E00) {
        return fail(ErrorCode::NotIdentityCard, "the card has no identity-document (eMRTD) application");
    }
    return fail(ErrorCode::Protocol, "selecting the eMRTD application answered " + swText(r->sw));
}

Result<bool> FileReader::selectMasterFile()
{
    CommandApdu c{0x00, 0xA4, 0x00, 0x0C, Bytes{0x3F, 0x00}, -1};
    DA06_TRY(r, m_session.send(c));
    return r->sw == 0x9000;
}

Status FileReader::selectFile(std::uint16_t fid)
{
    CommandApdu c{0x00, 0xA4, 0x02, 0x0C, Bytes{static_cast<std::uint8_t>(fid >> 8), static_cast<std::uint8_t>(fid)},
                  -1};
    DA06_TRY(r, m_session.send(c));
    if (r->sw == 0x9000) {
        return {};
    }
    if (r->sw == 0x6A82) {
        return fail(ErrorCode::NotFound, "the chip has no file " + swText(fid));
    }
    if (r->sw == 0x6982) {
        return fail(ErrorCode::AccessDenied, "the chip refuses access to file " + swText(fid));
    }
    return fail(ErrorCode::Protocol, "selecting file " + swText(fid) + " answered " + swText(r->sw));
}

bool FileReader::stepDown(int refused)
{
    if (!m_adaptive) {
        return false;
    }
    for (int v : kLadder) {
        if (v < refused) {
            m_le = v;
            return true;
        }
    }
    return false;
}

Result<Bytes> FileReader::readBinary(std::size_t offset, int le)
{
    if (offset > 0x7FFF) {
        return fail(ErrorCode::Protocol, "file offset beyond 32767 (not supported)");
    }
    for (;;) {
        CommandApdu c{0x00, 0xB0, static_cast<std::uint8_t>(offset >> 8), static_cast<std::uint8_t>(offset), {}, le};
        DA06_TRY(r, m_session.send(c));
        const std::uint8_t sw1 = static_cast<std::uint8_t>(r->sw >> 8);
        if (r->sw == 0x9000 || r->sw == 0x6282) {
            if (r->data.size() > static_cast<std::size_t>(le)) {
                return fail(ErrorCode::Protocol, "the chip answered more bytes than asked");
            }
            return std::move(r->data);
        }
        if (sw1 == 0x6C && (r->sw & 0xFF) != 0 && (r->sw & 0xFF) < le) {
            // "Wrong Le, use xx": the chip says how much it gives.
            if (le >= m_le) {
                m_le = r->sw & 0xFF; // a full chunk was refused: the chip's limit
            }
            le = r->sw & 0xFF;
            continue;
        }
        if (r->sw == 0x6700 || sw1 == 0x6C) {
            if (!stepDown(le)) {
                return fail(ErrorCode::Protocol, "the chip refuses READ BINARY even with Le 128");
            }
            le = std::min(le, m_le);
            continue;
        }
        if (r->sw == 0x6982) {
            return fail(ErrorCode::AccessDenied, "the chip refuses to read this file");
        }
        if (r->sw == 0x6B00) {
            return fail(ErrorCode::Protocol, "read beyond the end of the file");
        }
        return fail(ErrorCode::Protocol, "READ BINARY answered " + swText(r->sw));
    }
}

Result<Bytes> FileReader::readFile(std::uint16_t fid, const std::function<void(std::size_t, std::size_t)>& progress)
{
    DA06_CHECK(selectFile(fid));
    return readSelected(progress);
}

Result<Bytes> FileReader::readSelected(const std::function<void(std::size_t, std::size_t)>& progress)
{
    DA06_TRY(first, readBinary(0, std::min(kHeaderProbe, m_le)));
    auto header = chip::parseTlvHeader(*first);
    if (!header) {
        return fail(ErrorCode::InvalidInput, "the file does not start with a TLV: " + header.error().message);
    }
    const std::size_t total = header->totalLength();
    if (total > kMaxFileSize) {
        return fail(ErrorCode::InvalidInput, "the file announces " + std::to_string(total) + " bytes, too many");
    }
    Bytes data = std::move(*first);
    if (data.size() > total) {
        data.resize(total);
    }
    if (progress) {
        progress(data.size(), total);
    }
    while (data.size() < total) {
        const int le = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(m_le), total - data.size()));
        DA06_TRY(chunk, readBinary(data.size(), le));
        if (chunk->empty()) {
            return fail(ErrorCode::Protocol, "the chip answered no data before the end of the file");
        }
        if (chunk->size() < static_cast<std::size_t>(le) && data.size() + chunk->size() < total) {
            // The chip gives less than asked: ask no more than that from now on.
            m_le = std::max(1, static_cast<int>(chunk->size()));
        }
        data.insert(data.end(), chunk->begin(), chunk->end());
        if (data.size() > total) {
            data.resize(total);
        }
        if (progress) {
            progress(data.size(), total);
        }
    }
    return data;
}

} // namespace da06::emrtd
