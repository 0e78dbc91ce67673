#pragma once
// Every QR code in an image (a phone photo of a card, a scanned A4 page with one or several cards),
// decoded with ZXing-cpp. ZXing's own search (try harder, rotations, a downscaled pyramid) runs
// first; the passes after it cover what it misses: blur (an unsharp mask), light codes on dark
// (inversion), a global threshold, noise (a 3×3 blur), small modules (the image upscaled twice, then
// also contrast-normalised for faint ones).
// Codes found by several passes are reported once.
#include <filesystem>
#include <string>
#include <vector>

#include "client/readers/GrayImage.h"
#include "domain/core/Error.h"

namespace da06::readers {

struct QrPoint {
    int x = 0;
    int y = 0;
};

struct DecodedQr {
    std::string text;             // UTF-8 (bytes decoded as UTF-8 unless the code says otherwise)
    std::vector<QrPoint> corners; // top-left, top-right, bottom-right, bottom-left, in image pixels
    std::string pass;             // which pass found it first (diagnostics; no personal data)
};

enum class QrSearch {
    Fast,     // stop at the first pass that finds a code (a live frame)
    Thorough, // run every pass and report the union (a file: every card on a page)
};

std::vector<DecodedQr> readQrCodes(const GrayImage& image, QrSearch search = QrSearch::Thorough);

// loadImageFile, then readQrCodes. An empty list means the image holds no readable QR code.
Result<std::vector<DecodedQr>> readQrCodesFromFile(const std::filesystem::path& path,
                                                   QrSearch search = QrSearch::Thorough);

// The texts only: what IdentityCheckPresenter's image decoder returns.
Result<std::vector<std::string>> readQrTextsFromFile(const std::filesystem::path& path);

} // namespace da06::readers
