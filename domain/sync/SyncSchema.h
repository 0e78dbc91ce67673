#pragma once
// Store migration 6: the desk's side of the synchronization (enrollment, cursor, per-record
// state, conflicts). Compiled into da06_store (see domain/sync/CMakeLists.txt) so that the
// store's migration list can register it, like migrations 4 and 5.
#include "core/Error.h"
#include "store/Database.h"

namespace da06::sync {

Status migrateSync(store::Database& db);

} // namespace da06::sync
