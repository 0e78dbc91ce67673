// Fuzz target image_jpeg: our JPEG path to a grey image for the QR decoder (client/readers/ImageFile:
// the sniffing, the size limits and libjpeg with the setjmp error handler). Inputs that are not JPEG are
// skipped (image_bmp covers BMP); libFuzzer's coverage reaches into the system library only where
// it was built with instrumentation (Debian's is not), so this fuzzes our wrapper.
#include <cstdint>

#include "client/readers/ImageFile.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace da06;
    const auto bytes = fuzz::bytesOf(data, size);
    if (readers::sniffImageKind(bytes) != readers::ImageKind::Jpeg) {
        return 0;
    }
    if (auto img = readers::decodeImage(bytes)) {
        fuzz::require(img->width > 0 && img->height > 0);
        fuzz::require(img->pixels.size() ==
                      static_cast<std::size_t>(img->width) * static_cast<std::size_t>(img->height));
    }
    return 0;
}
