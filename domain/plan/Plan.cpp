#include "domain/plan/Plan.h"

namespace da06::plan {

const char* deadlineKindName(DeadlineKind k)
{
    switch (k) {
    case DeadlineKind::Month:
        return "month";
    case DeadlineKind::Quarter:
        return "quarter";
    case DeadlineKind::Recurring:
        return "recurring";
    case DeadlineKind::Completed:
        return "completed";
    }
    return "recurring";
}

std::optional<DeadlineKind> deadlineKindFromName(const std::string& s)
{
    if (s == "month")
        return DeadlineKind::Month;
    if (s == "quarter")
        return DeadlineKind::Quarter;
    if (s == "recurring")
        return DeadlineKind::Recurring;
    if (s == "completed")
        return DeadlineKind::Completed;
    return std::nullopt;
}

const char* fundingKindName(FundingKind k)
{
    switch (k) {
    case FundingKind::Free:
        return "free";
    case FundingKind::Funded:
        return "funded";
    case FundingKind::SelfEquipped:
        return "self_equipped";
    case FundingKind::Unspecified:
        return "unspecified";
    }
    return "unspecified";
}

std::optional<FundingKind> fundingKindFromName(const std::string& s)
{
    if (s == "free")
        return FundingKind::Free;
    if (s == "funded")
        return FundingKind::Funded;
    if (s == "self_equipped")
        return FundingKind::SelfEquipped;
    if (s == "unspecified")
        return FundingKind::Unspecified;
    return std::nullopt;
}

const char* unitRoleName(UnitRole r)
{
    return r == UnitRole::Lead ? "lead" : "coordinating";
}

const Unit* Plan::findUnit(const std::string& unitId) const
{
    for (const auto& u : units) {
        if (u.id == unitId) {
            return &u;
        }
    }
    return nullptr;
}

const Model* Plan::findModel(int number) const
{
    for (const auto& m : models) {
        if (m.number == number) {
            return &m;
        }
    }
    return nullptr;
}

} // namespace da06::plan
