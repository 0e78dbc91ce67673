#pragma once
// The schema of monthly reports (periods, unit reports and their state, compilations): migration 5
// of the store. Part of da06_report; the program's schema (da06::schema::full(), domain/schema)
// lists it after migrations 1 to 4.
#include "domain/core/Error.h"
#include "domain/store/Schema.h"

namespace da06::report {

Status migrateReports(store::Database& db);

// Migration 5 with its name, for the program's schema (da06::schema::full()).
store::Migration reportMigration();

} // namespace da06::report
