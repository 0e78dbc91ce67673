#pragma once
// The units file compiled into the programs (assets/units/tay-ninh-units.json: the province and
// its district-level units), loaded at first start after the plan.
#include <string_view>
#include <vector>

#include "domain/work/UnitFile.h"

namespace da06::work {

std::string_view bundledUnitsJson();
// The bundled file, parsed (for UnitService::importUnits).
Result<std::vector<UnitRecord>> bundledUnits();

} // namespace da06::work
