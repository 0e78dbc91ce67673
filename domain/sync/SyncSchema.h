#pragma once
// Store migration 6: the desk's side of the synchronization (enrollment, cursor, per-record
// state, conflicts). Part of da06_sync_state; the program's schema (da06::schema::full(),
// domain/schema) lists it after migrations 1 to 5.
#include "domain/core/Error.h"
#include "domain/store/Schema.h"

namespace da06::sync {

Status migrateSync(store::Database& db);

// Migration 6 with its name, for the program's schema (da06::schema::full()).
store::Migration syncMigration();

} // namespace da06::sync
