#pragma once
// Assets compiled into the programs, so that a store can be created without any file at hand.
#include <string_view>

namespace da06::assets {

// The Tây Ninh plan 373/KH-TCTĐA06 (assets/plans/tay-ninh-373-2024.json).
std::string_view bundledPlanJson();

} // namespace da06::assets
