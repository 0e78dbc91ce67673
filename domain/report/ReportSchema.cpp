// Store migration 5: monthly reports. SQLCipher 3.4.1 is SQLite 3.15.2: no UPSERT, no window
// functions, no RETURNING, no generated columns.
#include "domain/report/ReportSchema.h"

namespace da06::report {

Status migrateReports(store::Database& db)
{
    return db.exec(R"SQL(
-- The plan's reporting rule: due_day and cutoff_day are in plan (version 1); a period locks for
-- editing report_lock_days after its due date.
ALTER TABLE plan ADD COLUMN report_lock_days INTEGER NOT NULL DEFAULT 10;

-- One unit's report of one monthly period. uid is derived from (plan_key, unit code, period), so
-- the same report made on two desks is one entity of the change log ("report").
--   status      draft → submitted → accepted | returned (→ submitted again)
--   figures     the figures of the report as JSON, frozen when it is submitted (mean_percent and
--               late_models: two of them, kept as columns for the trends of a compilation)
--   first_submitted_at / submitted_at   the first and the latest submission (ISO 8601 UTC)
CREATE TABLE report (
    uid                 TEXT PRIMARY KEY,
    plan_key            TEXT NOT NULL,
    unit_id             INTEGER NOT NULL REFERENCES unit(id),
    period              TEXT NOT NULL,
    status              TEXT NOT NULL DEFAULT 'draft'
                        CHECK (status IN ('draft','submitted','accepted','returned')),
    results             TEXT NOT NULL DEFAULT '',
    difficulties        TEXT NOT NULL DEFAULT '',
    proposals           TEXT NOT NULL DEFAULT '',
    next_plan           TEXT NOT NULL DEFAULT '',
    doc_number          TEXT NOT NULL DEFAULT '',
    signer              TEXT NOT NULL DEFAULT '',
    figures             TEXT,
    mean_percent        INTEGER,
    late_models         INTEGER,
    first_submitted_at  TEXT,
    submitted_at        TEXT,
    submitted_by        TEXT,
    reviewed_at         TEXT,
    reviewed_by         TEXT,
    review_comment      TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    updated_by          TEXT NOT NULL,
    UNIQUE (plan_key, unit_id, period)
);
CREATE INDEX report_by_period ON report(plan_key, period, status);

-- A coordinator reopens a locked period for one unit (unit_id) or for every unit (unit_id NULL).
CREATE TABLE report_reopen (
    plan_key     TEXT NOT NULL,
    period       TEXT NOT NULL,
    unit_id      INTEGER REFERENCES unit(id),
    reopened_by  TEXT NOT NULL,
    reopened_at  TEXT NOT NULL
);
CREATE INDEX report_reopen_by_period ON report_reopen(plan_key, period);

-- The edited narrative of a compilation (district or province) of one period.
CREATE TABLE report_compilation (
    uid         TEXT PRIMARY KEY,
    plan_key    TEXT NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    period      TEXT NOT NULL,
    narrative   TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    UNIQUE (plan_key, unit_id, period)
);
)SQL");
}

store::Migration reportMigration()
{
    return {5, "monthly reports", migrateReports};
}

} // namespace da06::report
