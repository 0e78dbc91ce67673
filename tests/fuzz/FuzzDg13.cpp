// Fuzz target dg13: DG13 (tag 6D, the Vietnamese personal data by field number) and the
// cross-checks run on what it yields.
#include <cstdint>
#include <string>

#include "domain/identity/CccdQr.h"
#include "domain/identity/chip/ChipCrossCheck.h"
#include "domain/identity/chip/DataGroups.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace da06;
    auto d = chip::parseDg13(fuzz::bytesOf(data, size));
    if (d) {
        for (const std::string* s :
             {&d->idNumber, &d->fullName, &d->placeOfResidence, &d->fatherName, &d->motherName}) {
            fuzz::require(identity::isValidUtf8(*s));
        }
        const auto findings = chip::crossCheckChip({&*d, nullptr, nullptr, Date{2024, 6, 30}});
        for (const auto& f : findings) {
            fuzz::require(fuzz::placeholderCount(f.message().pattern) <= f.message().args.size());
        }
        (void)chip::foldToMrzLetters(d->fullName);
    }
    return 0;
}
