#include "domain/schema/FullSchema.h"

#include "domain/desk/DeskSchema.h"
#include "domain/report/ReportSchema.h"
#include "domain/sync/SyncSchema.h"
#include "domain/work/WorkSchema.h"

namespace da06::schema {

const store::Schema& full()
{
    static const store::Schema schema = [] {
        std::vector<store::Migration> all = store::baseMigrations(); // 1–3
        all.push_back(work::workMigration());                        // 4
        all.push_back(report::reportMigration());                    // 5
        all.push_back(sync::syncMigration());                        // 6
        all.push_back(desk::deskMigration());                        // 7
        return store::Schema(std::move(all));
    }();
    return schema;
}

} // namespace da06::schema
