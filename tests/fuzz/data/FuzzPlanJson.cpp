// Fuzz target plan_json: a plan file (assets/plans/FORMAT.md) as `da06 plan import`, `da06 init`
// and `da06-hub admin import-plan` read it: loadPlanText (the JSON, every rule of the format, NFC).
// A plan that loads keeps the promises of the format: at least one model, model numbers unique,
// groups and units referenced exist, month and quarter deadlines have their period and a due date
// that reads back from its ISO text,
// and the JSON forms `da06 plan list|show --json` print of each model (PlanJson) parse again.
#include <cstdint>
#include <set>

#include "domain/plan/PlanFile.h"
#include "domain/plan/PlanJson.h"
#include "tests/fuzz/data/DataFuzz.h"

using namespace da06;
using da06::fuzz::data::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto plan = plan::loadPlanText(da06::fuzz::data::textOf(data, size));
    if (!plan) {
        require(plan.error().code == ErrorCode::InvalidInput);
        return 0;
    }
    require(!plan->id.empty() && !plan->title.empty());
    require(!plan->models.empty());
    std::set<std::string> groups, units;
    for (const auto& g : plan->groups) {
        groups.insert(g.code);
    }
    for (const auto& u : plan->units) {
        require(!u.id.empty());
        require(plan->findUnit(u.id) != nullptr);
        units.insert(u.id);
    }
    for (const auto& u : plan->units) {
        require(!u.parent || units.contains(*u.parent));
    }
    std::set<int> numbers;
    for (const auto& m : plan->models) {
        require(m.number >= 1 && numbers.insert(m.number).second);
        require(groups.contains(m.group));
        require(plan->findModel(m.number) != nullptr);
        for (const auto& id : m.leadUnits) {
            require(units.contains(id));
        }
        for (const auto& id : m.coordinatingUnits) {
            require(units.contains(id));
        }
        const bool dated =
            m.deadline.kind == plan::DeadlineKind::Month || m.deadline.kind == plan::DeadlineKind::Quarter;
        require(dated == (m.deadline.period.has_value() && m.deadline.due.has_value()));
        // The store keeps the due date as ISO text and reads it back with Date::parseIso.
        require(!m.deadline.due || Date::parseIso(m.deadline.due->toIso()) == m.deadline.due);
        plan::StoredModel stored{m, {}, {}, {}};
        for (const auto& g : plan->groups) {
            if (g.code == m.group) {
                stored.groupTitle = g.title;
            }
        }
        for (const auto& id : m.leadUnits) {
            stored.leadUnitNames.push_back(plan->findUnit(id)->name);
        }
        for (const auto& id : m.coordinatingUnits) {
            stored.coordinatingUnitNames.push_back(plan->findUnit(id)->name);
        }
        const json::Value detail = plan::modelDetailToJson(stored);
        auto reread = json::parse(detail.dump());
        require(reread.has_value() && da06::fuzz::data::jsonEquivalent(detail, *reread));
        require(json::parse(plan::modelSummaryToJson(stored).dump(2)).has_value());
    }
    return 0;
}
