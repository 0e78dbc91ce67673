#include "domain/work/StoreSeed.h"

#include "domain/work/BundledUnits.h"

namespace da06::work {

Result<SeedSummary> seedStore(access::Session& session, const plan::Plan& plan, const Clock& clock)
{
    SeedSummary summary;
    plan::PlanRepository repo(session.store.db(), clock);
    DA06_TRY(planSummary, repo.importPlan(plan, session.actor));
    summary.plan = *planSummary;
    DA06_TRY(units, bundledUnits());
    UnitService service(session.store.db(), clock, session.actor);
    DA06_TRY(unitSummary, service.importUnits(*units));
    summary.units = *unitSummary;
    return summary;
}

} // namespace da06::work
