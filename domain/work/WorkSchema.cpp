// Store migration 4. SQLCipher 3.4.1 is SQLite 3.15.2: no UPSERT, no window functions, no
// RETURNING, no generated columns (partial indexes and recursive CTEs are fine).
#include "domain/work/WorkSchema.h"

namespace da06::work {

Status migrateWork(store::Database& db)
{
    return db.exec(R"SQL(
-- Units. The plan's units stay where plan import puts them; the real districts, communes and
-- sites are added by `da06 units import` into the same table:
--   kind       also 'district', 'commune', 'site' (besides the plan's kinds);
--   site_kind  for sites: notary_office | pawnshop | lodging | hospital | school | bank_branch | other;
--   member_of  the plan's collective unit this unit is one of ("UBND huyện, thị xã, thành phố" for
--              a real district): the plan's assignments of the collective apply to it.
-- A unit's code is its global id in change records.
ALTER TABLE unit ADD COLUMN site_kind TEXT;
ALTER TABLE unit ADD COLUMN member_of INTEGER REFERENCES unit(id);
ALTER TABLE unit ADD COLUMN updated_at TEXT;
CREATE INDEX unit_by_parent ON unit(parent_id);
CREATE INDEX unit_by_member ON unit(member_of);

-- Assignments edited on a desk (a district assigns a model to its communes and sites; a
-- coordinator changes a role or removes one). The plan's own assignments stay in model_unit;
-- a row here for the same model and unit overrides it (removed = 1 is a tombstone). Models are
-- referenced by (plan_key, model_number), which survive re-importing the plan. uid is derived
-- from (plan_key, model_number, unit code), so the same assignment made on two desks is one entity.
CREATE TABLE assignment (
    uid           TEXT PRIMARY KEY,
    plan_key      TEXT NOT NULL,
    model_number  INTEGER NOT NULL,
    unit_id       INTEGER NOT NULL REFERENCES unit(id),
    role          TEXT NOT NULL CHECK (role IN ('lead','coordinating')),
    removed       INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    updated_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (plan_key, model_number, unit_id)
);
CREATE INDEX assignment_by_unit ON assignment(unit_id);

-- Tasks under an assignment (model, unit). id is the local short number shown to people; uid
-- (random 128-bit hex, or derived from the assignment and month for the monthly tasks of
-- recurring models) is the global id used by the change log and the synchronization.
CREATE TABLE task (
    id            INTEGER PRIMARY KEY,
    uid           TEXT NOT NULL UNIQUE,
    plan_key      TEXT NOT NULL,
    model_number  INTEGER NOT NULL,
    unit_id       INTEGER NOT NULL REFERENCES unit(id),
    title         TEXT NOT NULL,
    responsible   TEXT NOT NULL DEFAULT '',
    start_date    TEXT,
    due_date      TEXT,
    period        TEXT,
    status        TEXT NOT NULL DEFAULT 'not_started'
                  CHECK (status IN ('not_started','in_progress','done','blocked','cancelled')),
    percent       INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    completed_on  TEXT,
    search_text   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX task_by_unit ON task(unit_id, due_date);
CREATE INDEX task_by_model ON task(plan_key, model_number, unit_id);
CREATE UNIQUE INDEX task_by_month ON task(plan_key, model_number, unit_id, period) WHERE period IS NOT NULL;

-- Measured indicators of a task ("online public services deployed: 25 of 25"). uid is derived
-- from the task's uid and the folded name: setting the same indicator on two desks merges.
CREATE TABLE task_indicator (
    uid              TEXT PRIMARY KEY,
    task_id          INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    name             TEXT NOT NULL,
    unit_of_measure  TEXT NOT NULL DEFAULT '',
    target           REAL,
    actual           REAL,
    position         INTEGER NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX task_indicator_by_task ON task_indicator(task_id, position);

-- Notes: append-only, so that notes written on different desks never conflict.
CREATE TABLE task_note (
    uid      TEXT PRIMARY KEY,
    task_id  INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    at       TEXT NOT NULL,
    user     TEXT NOT NULL,
    text     TEXT NOT NULL
);
CREATE INDEX task_note_by_task ON task_note(task_id, at);

-- Evidence files, inside the encrypted store (size-limited by the service).
CREATE TABLE task_evidence (
    uid         TEXT PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    data        BLOB NOT NULL,
    added_at    TEXT NOT NULL,
    added_by    TEXT NOT NULL
);
CREATE INDEX task_evidence_by_task ON task_evidence(task_id);

-- The change log: one record per change of a unit, assignment, task, indicator, note or evidence,
-- written in the transaction of the change. change_id (random 128-bit hex) makes pushes
-- idempotent; fields holds the changed fields with their new values (a JSON object), merged field
-- by field by hlc (HlcTimestamp::toString(), which sorts as text like the timestamp).
--   origin      'local' (made here) or 'remote' (applied from the hub)
--   sync_state  'pending' → 'sent' → 'acked' for local records; 'applied' for remote ones
CREATE TABLE change_log (
    seq          INTEGER PRIMARY KEY,
    change_id    TEXT NOT NULL UNIQUE,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    op           TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
    fields       TEXT NOT NULL,
    hlc          TEXT NOT NULL,
    device       TEXT NOT NULL,
    user         TEXT NOT NULL,
    origin       TEXT NOT NULL DEFAULT 'local',
    sync_state   TEXT NOT NULL DEFAULT 'pending',
    recorded_at  TEXT NOT NULL
);
CREATE INDEX change_log_by_entity ON change_log(entity, entity_id, hlc);
CREATE INDEX change_log_by_state ON change_log(sync_state, seq);

-- The last timestamp this desk issued (survives restarts: the clock never runs backwards), and
-- the desk's node id (random 64-bit hex, made once here).
CREATE TABLE hlc_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    wall     INTEGER NOT NULL,
    counter  INTEGER NOT NULL,
    node     TEXT NOT NULL
);
INSERT INTO hlc_state (id, wall, counter, node) VALUES (1, 0, 0, lower(hex(randomblob(8))));
)SQL");
}

store::Migration workMigration()
{
    return {4, "plan execution: units, assignments, tasks, change log", migrateWork};
}

} // namespace da06::work
