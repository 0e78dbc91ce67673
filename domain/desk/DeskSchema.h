#pragma once
// Store migration 7: the front desk (issue 8) — identity-check records with their purpose,
// method, outcome and consent; notarial cases with parties and certified documents (models 4, 8);
// the pawnshop register (model 15); welfare beneficiary lists, payouts and loan applications
// (models 19, 35); the retention policy per purpose. Compiled into da06_store so that the store's
// migration list can register it, like migrations 4 to 6.
#include "core/Error.h"
#include "store/Database.h"

namespace da06::desk {

Status migrateDesk(store::Database& db);

} // namespace da06::desk
