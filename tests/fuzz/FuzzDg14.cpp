// Fuzz target dg14: the SecurityInfos of DG14 (tag 6E) and EF.CardAccess (a bare SET): protocol
// OIDs, versions, parameter and key ids, chip authentication public keys.
#include <cstdint>

#include "domain/identity/chip/DataGroups.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace da06;
    if (auto infos = chip::parseSecurityInfos(fuzz::bytesOf(data, size))) {
        for (const chip::SecurityInfo& i : *infos) {
            fuzz::require(i.der.size() <= size);
            fuzz::require(i.publicKeyDer.size() <= size);
        }
    }
    return 0;
}
