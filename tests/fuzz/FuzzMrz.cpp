// Fuzz target mrz: the TD1 machine readable zone as text (what DG1 carries, or what is typed),
// with the check digits and the BAC MRZ information derived from it.
#include <cstdint>

#include "domain/identity/chip/Mrz.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace da06;
    const std::string_view text = fuzz::textOf(data, size);
    auto m = chip::parseTd1(text);
    if (m) {
        for (const std::string& line : m->lines) {
            fuzz::require(line.size() == 30);
        }
        fuzz::require(m->idNumber12.empty() || m->idNumber12.size() == 12);
        fuzz::require(chip::isMrzDate(m->dateOfBirth) && chip::isMrzDate(m->dateOfExpiry));
        auto info = chip::bacMrzInformation(*m);
        fuzz::require(!info || info->size() >= 24);
        if (m->idNumber12.size() == 12) {
            (void)chip::bacMrzInformationFromId12(m->idNumber12, m->dateOfBirth, m->dateOfExpiry);
        }
    }
    (void)chip::mrzCheckDigit(text);
    (void)chip::isMrzDate(text);
    return 0;
}
