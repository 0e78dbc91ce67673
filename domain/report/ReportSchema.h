#pragma once
// The schema of monthly reports (periods, unit reports and their state, compilations): migration 5
// of the store.
//
// NOTE: ReportSchema.cpp is compiled into the da06_store target (domain/CMakeLists.txt) so that
// store/Migrations.cpp can register it without da06_store depending on a higher target: it may
// include only core/ and store/ headers.
#include "core/Error.h"
#include "store/Database.h"

namespace da06::report {

Status migrateReports(store::Database& db);

} // namespace da06::report
