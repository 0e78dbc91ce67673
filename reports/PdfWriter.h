#pragma once
// The PDF of a document in the administrative format of Decree 30/2020/NĐ-CP (A4; margins top and
// bottom 20 mm, left 30 mm, right 15 mm; Liberation Serif 13 pt; national motto header, issuing
// body, number and symbol, place and date, title, body, "Nơi nhận", signature block; page numbers
// at the top centre from page 2), drawn with cairo and pango; A4 across when Document::landscape
// (registers with many columns; tables of more than 9 columns use smaller type). QR codes are
// vector squares. Also renders one page to an image, for previews.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "domain/core/Error.h"
#include "reports/Document.h"

namespace da06::reports {

// InvalidInput when a QR code's text cannot be encoded (empty, too long), as renderPage and
// writePagePng; pageCount then counts a one-line placeholder in its place.
Status writePdf(const Document& d, const std::filesystem::path& file);
// The number of A4 pages the document takes.
int pageCount(const Document& d);

struct PageImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgb; // width × height × 3, top row first
};
// Renders page `page` (0-based) at dpi dots per inch. NotFound when there is no such page.
Result<PageImage> renderPage(const Document& d, int page, double dpi);
// Writes the page as PNG (for tests and the command line).
Status writePagePng(const Document& d, int page, double dpi, const std::filesystem::path& file);

} // namespace da06::reports
