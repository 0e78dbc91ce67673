#pragma once
// The plan as kept in the store: import (one transaction, replacing a plan of the same id),
// and the queries the command line and the desktop show.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/core/Error.h"
#include "domain/plan/Plan.h"
#include "domain/store/Database.h"

namespace da06::plan {

struct PlanInfo {
    std::string id;
    std::string title;
    std::string issuer;
    std::string province;
    std::optional<Date> issued;
    std::string importedAt;
    int modelCount = 0;
};

// A model with its unit references resolved to names.
struct StoredModel {
    Model model;
    std::string groupTitle;
    std::vector<std::string> leadUnitNames;
    std::vector<std::string> coordinatingUnitNames;
};

struct ImportSummary {
    std::string planId;
    int models = 0;
    int unitsAdded = 0;
    bool replaced = false; // a plan with the same id was there before
};

struct ModelFilter {
    std::optional<std::string> group; // "A".."E"
    std::string query;                // matched with and without diacritics
};

class PlanRepository {
public:
    PlanRepository(store::Database& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    // All or nothing: on any error the store is unchanged. The imported plan becomes current.
    // Needs Permission::ImportPlan; audited as "plan.import".
    Result<ImportSummary> importPlan(const Plan& plan, const access::Actor& actor);

    // The current plan (the last imported), or nullopt when none was imported.
    Result<std::optional<PlanInfo>> currentPlan();
    Result<std::vector<Group>> groups();
    Result<std::vector<StoredModel>> models(const ModelFilter& filter = {});
    // NotFound when the current plan has no such model.
    Result<StoredModel> model(int number);

private:
    Result<std::int64_t> currentPlanRowId();
    Result<std::vector<StoredModel>> loadModels(std::int64_t planRow, const ModelFilter& filter,
                                                std::optional<int> number);

    store::Database& m_db;
    const Clock& m_clock;
};

} // namespace da06::plan
