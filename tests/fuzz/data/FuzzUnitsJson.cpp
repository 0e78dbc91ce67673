// Fuzz target units_json: a units file in JSON (assets/units/FORMAT.md) as `da06 units import` and
// `da06-hub admin import-units` read it (parseUnitsJson). Units that parse keep the promises
// checked in UnitChecks.h; a refusal is InvalidInput.
#include <cstdint>

#include "tests/fuzz/data/UnitChecks.h"

using namespace da06;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto units = work::parseUnitsJson(da06::fuzz::data::textOf(data, size));
    if (!units) {
        da06::fuzz::data::require(units.error().code == ErrorCode::InvalidInput);
        return 0;
    }
    da06::fuzz::data::checkUnits(*units);
    return 0;
}
