// Fuzz target sod: EF.SOD (tag 77 wrapping a CMS SignedData): the DER walk down to the
// LDSSecurityObject, its hash algorithm and data group hashes, and the document signer.
#include <cstdint>

#include "domain/identity/chip/Sod.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace da06;
    if (auto s = chip::parseSod(fuzz::bytesOf(data, size))) {
        for (const auto& [dg, hash] : s->dataGroupHashes) {
            fuzz::require(dg >= 1 && dg <= 16);
            fuzz::require(hash.size() <= size);
        }
        fuzz::require(!s->cms.empty() && s->cms.size() <= size);
        fuzz::require(s->signedContent.size() <= size && s->documentSigner.size() <= size);
        (void)chip::hashNameOfOid(s->hashAlgorithm);
    }
    return 0;
}
