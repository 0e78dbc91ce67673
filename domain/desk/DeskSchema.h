#pragma once
// Store migration 7: the front desk (issue 8) — identity-check records with their purpose,
// method, outcome and consent; notarial cases with parties and certified documents (models 4, 8);
// the pawnshop register (model 15); welfare beneficiary lists, payouts and loan applications
// (models 19, 35); the retention policy per purpose. Part of da06_desk; the program's schema
// (da06::schema::full(), domain/schema) lists it after migrations 1 to 6.
#include "domain/core/Error.h"
#include "domain/store/Schema.h"

namespace da06::desk {

Status migrateDesk(store::Database& db);

// Migration 7 with its name, for the program's schema (da06::schema::full()).
store::Migration deskMigration();

} // namespace da06::desk
