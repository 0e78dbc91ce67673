// Store migration 6. SQLCipher 3.4.1 is SQLite 3.15.2: no UPSERT, no RETURNING.
#include "domain/sync/SyncSchema.h"

namespace da06::sync {

Status migrateSync(store::Database& db)
{
    return db.exec(R"SQL(
-- The enrollment of this desk with a hub (one row at most). The device secret is the base64 of
-- the 32 bytes the hub gave; it lives only here, inside the encrypted store.
CREATE TABLE sync_enrollment (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    server_url       TEXT NOT NULL,
    device_id        TEXT NOT NULL,
    device_secret    TEXT NOT NULL,
    unit             TEXT NOT NULL,
    hub_id           TEXT NOT NULL,
    device_name      TEXT NOT NULL DEFAULT '',
    pin              TEXT,
    ca_file          TEXT,
    clock_offset_ms  INTEGER NOT NULL DEFAULT 0,
    enrolled_at      TEXT NOT NULL,
    enrolled_by      TEXT NOT NULL
);

-- The progress of the synchronization: the hub's cursor after the last pulled page, the last
-- success, the last error and when the next attempt is due (times are ISO 8601 UTC).
CREATE TABLE sync_status (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    cursor            INTEGER NOT NULL DEFAULT 0,
    last_attempt      TEXT,
    last_success      TEXT,
    last_error        TEXT,
    last_error_code   TEXT,
    next_attempt      TEXT,
    failures          INTEGER NOT NULL DEFAULT 0,
    pushed_total      INTEGER NOT NULL DEFAULT 0,
    pulled_total      INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_status (id) VALUES (1);

-- Per-record state of local change records: pending → sent → acked | rejected (with the reason
-- the hub gave). Remote records are origin 'remote', sync_state 'applied'.
ALTER TABLE change_log ADD COLUMN reject_reason TEXT;
ALTER TABLE change_log ADD COLUMN reject_message TEXT;
CREATE INDEX change_log_by_origin ON change_log(origin, sync_state, seq);

-- A value that lost the merge (PROTOCOL.md "Merging"): kept so that a person can see it and
-- re-apply it (a new local change). Values are JSON.
CREATE TABLE sync_conflict (
    id               INTEGER PRIMARY KEY,
    entity           TEXT NOT NULL,
    entity_id        TEXT NOT NULL,
    field            TEXT NOT NULL,
    losing_value     TEXT NOT NULL,
    losing_hlc       TEXT NOT NULL,
    losing_device    TEXT NOT NULL,
    losing_user      TEXT NOT NULL,
    losing_change    TEXT NOT NULL,
    winning_value    TEXT NOT NULL,
    winning_hlc      TEXT NOT NULL,
    winning_device   TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    resolved_at      TEXT,
    resolved_by      TEXT,
    UNIQUE (losing_change, field)
);
CREATE INDEX sync_conflict_by_entity ON sync_conflict(entity, entity_id);
)SQL");
}

store::Migration syncMigration()
{
    return {6, "synchronization: enrollment, cursor, record state, conflicts", migrateSync};
}

} // namespace da06::sync
