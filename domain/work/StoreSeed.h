#pragma once
// What a new store starts with: a plan (the bundled Tây Ninh plan unless another is given) and
// the bundled units (the province and its districts). Used by `da06 init` and the first start.
#include "domain/access/Accounts.h"
#include "domain/plan/Plan.h"
#include "domain/plan/PlanRepository.h"
#include "domain/work/UnitService.h"

namespace da06::work {

struct SeedSummary {
    plan::ImportSummary plan;
    UnitImportSummary units;
};

// Imports plan and then the bundled units as the session's (admin) user.
Result<SeedSummary> seedStore(access::Session& session, const plan::Plan& plan, const Clock& clock);

} // namespace da06::work
