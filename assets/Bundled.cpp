#include "assets/Bundled.h"

#include <cstddef>

extern const unsigned char da06_bundled_plan[];
extern const std::size_t da06_bundled_plan_size;

namespace da06::assets {

std::string_view bundledPlanJson()
{
    return {reinterpret_cast<const char*>(da06_bundled_plan), da06_bundled_plan_size};
}

} // namespace da06::assets
