#include "reports/QrCode.h"

#include <exception>
#include <string>

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include "domain/text/Text.h"

namespace da06::reports {

bool QrMatrix::dark(int x, int y) const
{
    if (x < 0 || y < 0 || x >= size || y >= size) {
        return false;
    }
    const auto i = static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x);
    return i < modules.size() && modules[i] != 0;
}

namespace {

// MultiFormatWriter's error correction scale is 0..8 for every format; for QR codes 3 and 4 are M.
constexpr int kEccLevelM = 4;

} // namespace

Result<QrMatrix> encodeQr(std::string_view utf8)
{
    if (utf8.empty()) {
        return fail(ErrorCode::InvalidInput, "the QR code has no text to encode");
    }
    auto nfc = text::toNfc(utf8);
    if (!nfc) {
        return fail(ErrorCode::InvalidInput, "the text of the QR code is not valid UTF-8");
    }
    const std::string tooLong = "the text of the QR code is too long (" + std::to_string(nfc->size()) +
                                " bytes; a QR code at error correction level M holds at most " +
                                std::to_string(kQrMaxBytes) + ")";
    if (nfc->size() > kQrMaxBytes) {
        return fail(ErrorCode::InvalidInput, tooLong);
    }
    ZXing::BitMatrix bits;
    try {
        // Width and height 0 with no margin: the symbol at its own size, one bit per module.
        bits = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                   .setEncoding(ZXing::CharacterSet::UTF8)
                   .setEccLevel(kEccLevelM)
                   .setMargin(0)
                   .encode(*nfc, 0, 0);
    } catch (const std::exception& e) {
        // ZXing throws when the data does not fit in version 40 (the ECI header and mode bits
        // take a few bytes of the capacity).
        const std::string what = e.what();
        if (what.find("too big") != std::string::npos) {
            return fail(ErrorCode::InvalidInput, tooLong);
        }
        return fail(ErrorCode::Internal, "the QR code could not be encoded: " + what);
    } catch (...) {
        return fail(ErrorCode::Internal, "the QR code could not be encoded");
    }
    const int size = bits.width();
    if (size != bits.height() || size < 21 || size > 177 || (size - 21) % 4 != 0) {
        return fail(ErrorCode::Internal, "the QR encoder returned a matrix of " + std::to_string(bits.width()) + "×" +
                                             std::to_string(bits.height()) + " modules");
    }
    QrMatrix m;
    m.size = size;
    m.modules.resize(static_cast<std::size_t>(size) * static_cast<std::size_t>(size));
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            m.modules[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)] =
                bits.get(x, y) ? 1 : 0;
        }
    }
    return m;
}

} // namespace da06::reports
