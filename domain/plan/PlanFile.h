#pragma once
// Reading plan files from disk (or from the bundled copy): bytes → parsed, NFC-normalized Plan.
#include <filesystem>
#include <string_view>

#include "domain/core/Error.h"
#include "domain/plan/Plan.h"

namespace da06::plan {

// Missing or unreadable file → NotFound / Io; anything malformed → InvalidInput with the place.
Result<Plan> loadPlanFile(const std::filesystem::path& path);
Result<Plan> loadPlanText(std::string_view jsonText);

} // namespace da06::plan
