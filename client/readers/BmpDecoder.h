#pragma once
// Windows bitmaps (.bmp) to grey, standard library only: BITMAPCOREHEADER (OS/2 1.x) and
// BITMAPINFOHEADER to V5; 1, 4, 8 bits with a palette, 16, 24 and 32 bits, BI_RGB, BI_BITFIELDS
// and the RLE4/RLE8 compressions; bottom-up and top-down rows. Alpha is composed onto white.
#include <cstdint>
#include <span>

#include "client/readers/GrayImage.h"
#include "domain/core/Error.h"

namespace da06::readers {

bool looksLikeBmp(std::span<const std::uint8_t> data);
Result<GrayImage> decodeBmp(std::span<const std::uint8_t> data);

} // namespace da06::readers
