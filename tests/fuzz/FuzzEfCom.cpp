// Fuzz target ef_com: EF.COM (tag 60: the LDS and Unicode versions and the data group list).
#include <cstdint>

#include "domain/identity/chip/DataGroups.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace da06;
    if (auto com = chip::parseEfCom(fuzz::bytesOf(data, size))) {
        for (const int dg : com->dataGroups) {
            fuzz::require(com->lists(dg));
        }
    }
    return 0;
}
