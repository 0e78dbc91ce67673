#include "domain/plan/PlanFile.h"

#include <fstream>
#include <sstream>

#include "domain/plan/PlanParser.h"
#include "domain/text/Text.h"

namespace da06::plan {

Result<Plan> loadPlanText(std::string_view jsonText)
{
    auto plan = parsePlan(jsonText);
    if (!plan) {
        return plan;
    }
    // The JSON parser has checked UTF-8 already, so NFC cannot fail here.
    transformTexts(*plan, [](const std::string& s) { return text::toNfc(s).value_or(s); });
    return plan;
}

Result<Plan> loadPlanFile(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return fail(ErrorCode::NotFound, "there is no file " + path.string());
    }
    if (std::filesystem::file_size(path, ec) > 64u * 1024 * 1024) {
        return fail(ErrorCode::InvalidInput, path.string() + " is too large for a plan file (over 64 MB)");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(ErrorCode::Io, "cannot read " + path.string());
    }
    std::stringstream ss;
    ss << in.rdbuf();
    auto plan = loadPlanText(ss.str());
    if (!plan) {
        return fail(plan.error().code, path.filename().string() + ": " + plan.error().message);
    }
    return plan;
}

} // namespace da06::plan
