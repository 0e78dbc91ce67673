// Fuzz target dg2: DG2 (tag 75: the biometric information template group, its ISO/IEC 19794-5
// facial record header, and the face image's format); the image itself is not decoded here.
#include <cstdint>

#include "domain/identity/chip/DataGroups.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace da06;
    if (auto face = chip::parseDg2(fuzz::bytesOf(data, size))) {
        fuzz::require(face->data.size() <= size);
        fuzz::require(face->declaredWidth >= 0 && face->declaredHeight >= 0);
        (void)chip::imageFormatName(face->format);
    }
    (void)chip::sniffImageFormat(fuzz::bytesOf(data, size));
    return 0;
}
