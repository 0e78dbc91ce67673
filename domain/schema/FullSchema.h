#pragma once
// The program's schema: every migration of DA06 Desk in version order — the store's own (1–3),
// then work (4), report (5), sync (6) and the front desk (7). The composition point above every
// feature (the store below knows none of them); pass it to Store::create/open and to
// access::createStore/openSession/restoreFromBackup.
#include "domain/store/Schema.h"

namespace da06::schema {

// Built once; checked by Store::create/open (store::Schema::check).
const store::Schema& full();

} // namespace da06::schema
