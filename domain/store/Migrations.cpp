// The store's own migrations (1–3); the features' follow them (see store/Schema.h). Never edit a
// released migration: add a new one.
// SQLCipher 3.4.1 is SQLite 3.15.2: no UPSERT, no window functions, no RETURNING.
#include "domain/store/Schema.h"
#include "domain/text/Text.h"

namespace da06::store {

namespace {

Status v1Initial(Database& db)
{
    return db.exec(R"SQL(
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE plan (
    id           INTEGER PRIMARY KEY,
    plan_key     TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    issuer       TEXT NOT NULL DEFAULT '',
    province     TEXT NOT NULL DEFAULT '',
    issued       TEXT,
    start_month  TEXT,
    due_day      INTEGER NOT NULL DEFAULT 15,
    cutoff_day   INTEGER NOT NULL DEFAULT 14,
    imported_at  TEXT NOT NULL
);
CREATE TABLE plan_group (
    plan_id   INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    title     TEXT NOT NULL,
    original  TEXT NOT NULL,
    PRIMARY KEY (plan_id, code)
);
CREATE TABLE unit (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    parent_id  INTEGER REFERENCES unit(id)
);
CREATE TABLE unit_alias (
    unit_id  INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
    alias    TEXT NOT NULL,
    PRIMARY KEY (unit_id, alias)
);
CREATE TABLE model (
    id                 INTEGER PRIMARY KEY,
    plan_id            INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    number             INTEGER NOT NULL,
    group_code         TEXT NOT NULL,
    title              TEXT NOT NULL,
    target             TEXT,
    objective          TEXT,
    forces             TEXT,
    deadline_kind      TEXT NOT NULL CHECK (deadline_kind IN ('month','quarter','recurring','completed')),
    deadline_period    TEXT,
    deadline_year      INTEGER,
    deadline_due       TEXT,
    funding_kind       TEXT NOT NULL CHECK (funding_kind IN ('free','funded','self_equipped','unspecified')),
    funding_equipment  TEXT,
    orig_target        TEXT,
    orig_objective     TEXT,
    orig_assignment    TEXT,
    orig_forces        TEXT,
    orig_deadline      TEXT,
    orig_tools         TEXT,
    orig_funding       TEXT,
    UNIQUE (plan_id, number)
);
CREATE TABLE model_unit (
    model_id  INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
    unit_id   INTEGER NOT NULL REFERENCES unit(id),
    role      TEXT NOT NULL CHECK (role IN ('lead','coordinating')),
    position  INTEGER NOT NULL,
    PRIMARY KEY (model_id, unit_id, role)
);
CREATE INDEX model_unit_by_unit ON model_unit(unit_id, role);
CREATE TABLE model_tool (
    model_id  INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    tool      TEXT NOT NULL,
    PRIMARY KEY (model_id, position)
);
)SQL");
}

// Folded search text (lower case, no diacritics, đ→d) so that searches match with and without
// diacritics; filled here for rows written by version 1.
Status v2SearchText(Database& db)
{
    if (auto s = db.exec("ALTER TABLE model ADD COLUMN search_text TEXT NOT NULL DEFAULT '';"
                         "ALTER TABLE unit ADD COLUMN search_text TEXT NOT NULL DEFAULT '';");
        !s) {
        return s;
    }
    struct Row {
        std::int64_t id;
        std::string text;
    };
    for (const auto& [select, update] :
         {std::pair<const char*, const char*>{
              "SELECT id, title || ' ' || COALESCE(target,'') || ' ' || COALESCE(objective,'') FROM model",
              "UPDATE model SET search_text = ? WHERE id = ?"},
          std::pair<const char*, const char*>{"SELECT id, name FROM unit",
                                              "UPDATE unit SET search_text = ? WHERE id = ?"}}) {
        std::vector<Row> rows;
        auto st = db.prepare(select);
        if (!st) {
            return std::unexpected(st.error());
        }
        while (true) {
            auto r = st->step();
            if (!r) {
                return std::unexpected(r.error());
            }
            if (!*r) {
                break;
            }
            rows.push_back({st->columnInt(0), text::fold(st->columnText(1))});
        }
        auto up = db.prepare(update);
        if (!up) {
            return std::unexpected(up.error());
        }
        for (const auto& row : rows) {
            up->reset();
            up->bind(1, row.text).bind(2, row.id);
            if (auto s = up->run(); !s) {
                return s;
            }
        }
    }
    return {};
}

// Users with their roles (the key slots beside the database hold one slot per user), and the
// hash-chained audit log with its head.
Status v3UsersAndAudit(Database& db)
{
    return db.exec(R"SQL(
CREATE TABLE app_user (
    id                     INTEGER PRIMARY KEY,
    name                   TEXT NOT NULL UNIQUE,
    role                   TEXT NOT NULL CHECK (role IN ('admin','staff','checker','coordinator')),
    created_at             TEXT NOT NULL,
    passphrase_changed_at  TEXT
);
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    user       TEXT NOT NULL,
    action     TEXT NOT NULL,
    object     TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log(at);
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
)SQL");
}

} // namespace

std::vector<Migration> baseMigrations()
{
    return {
        {1, "plan, units and models", v1Initial},
        {2, "diacritic-insensitive search text", v2SearchText},
        {3, "users, roles and the audit log", v3UsersAndAudit},
    };
}

} // namespace da06::store
