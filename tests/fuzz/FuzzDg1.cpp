// Fuzz target dg1: DG1 (tag 61 wrapping the TD1 MRZ in 5F1F) and the BAC key material from it.
#include <cstdint>

#include "domain/identity/chip/DataGroups.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace da06;
    if (auto d = chip::parseDg1(fuzz::bytesOf(data, size))) {
        fuzz::require(d->mrz.lines[0].size() == 30 && d->mrz.lines[2].size() == 30);
        fuzz::require(chip::isMrzDate(d->mrz.dateOfBirth) && chip::isMrzDate(d->mrz.dateOfExpiry));
        auto info = chip::bacMrzInformation(d->mrz);
        fuzz::require(!info || info->size() >= 24);
    }
    return 0;
}
