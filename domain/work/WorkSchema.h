#pragma once
// The schema of the staff's daily work (store migration 4): units below the plan's units,
// assignments, tasks with indicators, notes and evidence, and the change log with its hybrid
// logical clock for the later synchronization. Part of da06_work; the program's schema
// (da06::schema::full(), domain/schema) lists it after the store's migrations 1 to 3.
#include "domain/core/Error.h"
#include "domain/store/Schema.h"

namespace da06::work {

// Never edit once released: later changes go into a new migration.
Status migrateWork(store::Database& db);

// Migration 4 with its name, for the program's schema (da06::schema::full()).
store::Migration workMigration();

} // namespace da06::work
