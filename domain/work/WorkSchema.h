#pragma once
// The schema of the staff's daily work (store migration 4): units below the plan's units,
// assignments, tasks with indicators, notes and evidence, and the change log with its hybrid
// logical clock for the later synchronization. Depends on the store's Database only, so that the
// store's migration list (da06_store) can compile it in without depending on the work services.
#include "core/Error.h"
#include "store/Database.h"

namespace da06::work {

// Never edit once released: later changes go into a new migration.
Status migrateWork(store::Database& db);

} // namespace da06::work
