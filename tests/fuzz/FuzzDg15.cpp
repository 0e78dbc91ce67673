// Fuzz target dg15: DG15 (tag 6F, the active authentication SubjectPublicKeyInfo).
#include <cstdint>

#include "domain/identity/chip/DataGroups.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace da06;
    if (auto key = chip::parseDg15(fuzz::bytesOf(data, size))) {
        fuzz::require(key->size() <= size);
    }
    return 0;
}
