// Fuzz target image_png: our PNG path to a grey image for the QR decoder (client/readers/ImageFile:
// the sniffing, the size limits and libpng's simplified API). Inputs that are not PNG are
// skipped (image_bmp covers BMP); libFuzzer's coverage reaches into the system library only where
// it was built with instrumentation (Debian's is not), so this fuzzes our wrapper. libpng stops at
// a chunk whose CRC is wrong, so the target rewrites every chunk's CRC before decoding: mutations
// then reach the chunk contents and the image data.
#include <cstdint>
#include <vector>

#include "client/readers/ImageFile.h"
#include "tests/fuzz/FuzzSupport.h"

namespace da06::fuzz {
namespace {

std::uint32_t crc32(const std::uint8_t* p, std::size_t n)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < n; ++i) {
        crc ^= p[i];
        for (int k = 0; k < 8; ++k) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

// Chunks after the 8-byte signature: length (4, big-endian), type (4), data, CRC of type and data.
void fixChunkCrcs(std::vector<std::uint8_t>& png)
{
    std::size_t at = 8;
    while (at + 12 <= png.size()) {
        const std::size_t length = (std::size_t{png[at]} << 24) | (std::size_t{png[at + 1]} << 16) |
                                   (std::size_t{png[at + 2]} << 8) | std::size_t{png[at + 3]};
        if (length > png.size() - at - 12) {
            return;
        }
        const std::uint32_t crc = crc32(png.data() + at + 4, length + 4);
        for (int i = 0; i < 4; ++i) {
            png[at + 8 + length + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
        }
        at += 12 + length;
    }
}

} // namespace
} // namespace da06::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace da06;
    if (readers::sniffImageKind(fuzz::bytesOf(data, size)) != readers::ImageKind::Png) {
        return 0;
    }
    std::vector<std::uint8_t> png(data, data + size);
    fuzz::fixChunkCrcs(png);
    if (auto img = readers::decodeImage(png)) {
        fuzz::require(img->width > 0 && img->height > 0);
        fuzz::require(img->pixels.size() ==
                      static_cast<std::size_t>(img->width) * static_cast<std::size_t>(img->height));
    }
    return 0;
}
