// Fuzz target image_bmp: our BMP decoder (client/readers/BmpDecoder: core and info headers to V5,
// 1-32 bits, bit fields, RLE4/RLE8, both row orders) on an image file's bytes.
#include <cstdint>

#include "client/readers/BmpDecoder.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace da06;
    const auto bytes = fuzz::bytesOf(data, size);
    (void)readers::looksLikeBmp(bytes);
    if (auto img = readers::decodeBmp(bytes)) {
        fuzz::require(img->width > 0 && img->height > 0);
        fuzz::require(img->pixels.size() ==
                      static_cast<std::size_t>(img->width) * static_cast<std::size_t>(img->height));
    }
    return 0;
}
