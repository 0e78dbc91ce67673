#include "domain/work/BundledUnits.h"

#include <cstddef>

extern const unsigned char da06_bundled_units[];
extern const std::size_t da06_bundled_units_size;

namespace da06::work {

std::string_view bundledUnitsJson()
{
    return {reinterpret_cast<const char*>(da06_bundled_units), da06_bundled_units_size};
}

Result<std::vector<UnitRecord>> bundledUnits()
{
    return parseUnitsJson(bundledUnitsJson());
}

} // namespace da06::work
