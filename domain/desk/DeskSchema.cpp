// Store migration 7. SQLCipher 3.4.1 is SQLite 3.15.2: no UPSERT, no RETURNING, no window functions.
#include "domain/desk/DeskSchema.h"

namespace da06::desk {

Status migrateDesk(store::Database& db)
{
    return db.exec(R"SQL(
-- One identity check made at this desk. The columns up to consent are not personal data and stay
-- for the statistics after the retention period; the personal details (identity, findings and the
-- folded search text) are set to NULL by the purge when purge_after has passed.
CREATE TABLE desk_check (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    reference       TEXT NOT NULL UNIQUE,          -- KT-YYYYMMDD-XXXXXX, printed on receipts
    unit_code       TEXT NOT NULL,
    model           INTEGER NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('qr','chip','manual')),
    outcome         TEXT NOT NULL CHECK (outcome IN ('valid','warning','invalid','unverified')),
    manual_reason   TEXT,
    operator        TEXT NOT NULL,
    checked_at      TEXT NOT NULL,                 -- ISO 8601 UTC
    month           TEXT NOT NULL,                 -- YYYY-MM of checked_at
    consent         TEXT NOT NULL CHECK (consent IN ('given','legal_obligation')),
    consent_note    TEXT NOT NULL DEFAULT '',
    verifications   TEXT NOT NULL DEFAULT '[]',    -- JSON [{name, result, detail}]: no personal data
    finding_codes   TEXT NOT NULL DEFAULT '',      -- "code,code": no personal data
    attached_kind   TEXT CHECK (attached_kind IN ('case','contract','payout','loan')),
    attached_uid    TEXT,
    purge_after     TEXT NOT NULL,                 -- YYYY-MM-DD: details deleted from this day on
    purged_at       TEXT,
    -- personal details (NULL once purged)
    id_number       TEXT,
    old_id_number   TEXT,
    full_name       TEXT,
    date_of_birth   TEXT,
    sex             TEXT,
    address         TEXT,
    issue_date      TEXT,
    expiry_date     TEXT,
    expired         INTEGER,
    findings        TEXT                           -- JSON [{code, severity, message}]
);
CREATE INDEX desk_check_by_month ON desk_check(month, model);
CREATE INDEX desk_check_by_time ON desk_check(checked_at);
CREATE INDEX desk_check_counts ON desk_check(unit_code, model, method, outcome, checked_at);
CREATE INDEX desk_check_by_purge ON desk_check(purge_after) WHERE purged_at IS NULL;
CREATE INDEX desk_check_by_id_number ON desk_check(id_number);
-- The folded name, numbers and reference of a check not yet purged, apart from the wide rows so
-- that a search reads few pages (deleted by the purge with the details).
CREATE TABLE desk_check_search (
    check_id        INTEGER PRIMARY KEY REFERENCES desk_check(id),
    text            TEXT NOT NULL
);

-- Retention of check details per purpose (model number; 0 is the default for the others), days.
CREATE TABLE desk_retention (
    model   INTEGER PRIMARY KEY,
    days    INTEGER NOT NULL CHECK (days BETWEEN 1 AND 36500)
);

-- Notarial cases (models 4 and 8).
CREATE TABLE notarial_case (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    number          TEXT NOT NULL UNIQUE,
    model           INTEGER NOT NULL CHECK (model IN (4, 8)),
    act_kind        TEXT NOT NULL,
    title           TEXT NOT NULL,
    search_text     TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open','completed','cancelled')),
    opened_by       TEXT NOT NULL,
    opened_at       TEXT NOT NULL,
    closed_by       TEXT,
    closed_at       TEXT
);
CREATE TABLE case_party (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    case_id         INTEGER NOT NULL REFERENCES notarial_case(id),
    role            TEXT NOT NULL,
    name            TEXT,                          -- personal: NULL once its check is purged
    check_uid       TEXT REFERENCES desk_check(uid),
    exception       TEXT,                          -- why the party goes without a passing check
    exception_by    TEXT,
    added_by        TEXT NOT NULL,
    added_at        TEXT NOT NULL
);
CREATE INDEX case_party_by_case ON case_party(case_id);
CREATE TABLE case_document (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    case_id         INTEGER NOT NULL REFERENCES notarial_case(id),
    file_name       TEXT NOT NULL,
    media_type      TEXT NOT NULL,
    size            INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    data            BLOB NOT NULL,                 -- inside the encrypted store
    added_by        TEXT NOT NULL,
    added_at        TEXT NOT NULL,
    certification   TEXT UNIQUE,                   -- CT-YYYYMMDD-XXXXXX once certified
    certified_by    TEXT,
    certified_at    TEXT
);
CREATE INDEX case_document_by_case ON case_document(case_id);

-- The pawnshop register (model 15). Money in whole đồng.
CREATE TABLE pawn_contract (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    number          TEXT NOT NULL UNIQUE,
    check_uid       TEXT NOT NULL REFERENCES desk_check(uid),
    item            TEXT NOT NULL,
    search_text     TEXT NOT NULL,
    value           INTEGER NOT NULL CHECK (value >= 0),
    loan            INTEGER NOT NULL CHECK (loan > 0),
    interest        REAL NOT NULL CHECK (interest >= 0),   -- percent per month
    start_date      TEXT NOT NULL,
    due_date        TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('active','redeemed','liquidated')),
    closed_date     TEXT,
    alerts          TEXT NOT NULL DEFAULT '',      -- "under_18,card_expired,frequent": codes only
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX pawn_contract_by_start ON pawn_contract(start_date);

-- Welfare (models 19 and 35): imported beneficiary lists, payouts and loan applications.
CREATE TABLE welfare_list (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    model           INTEGER NOT NULL CHECK (model IN (19, 35)),
    source_sha256   TEXT NOT NULL,
    imported_by     TEXT NOT NULL,
    imported_at     TEXT NOT NULL
);
CREATE TABLE beneficiary (
    id              INTEGER PRIMARY KEY,
    list_id         INTEGER NOT NULL REFERENCES welfare_list(id),
    id_number       TEXT NOT NULL,
    full_name       TEXT NOT NULL,
    name_fold       TEXT NOT NULL,
    category        TEXT NOT NULL,
    programme       TEXT NOT NULL,
    amount          INTEGER NOT NULL CHECK (amount >= 0),
    period          TEXT NOT NULL,
    UNIQUE (list_id, id_number, programme, period)
);
CREATE INDEX beneficiary_by_id ON beneficiary(id_number, period);
CREATE TABLE payout (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    reference       TEXT NOT NULL UNIQUE,          -- TT-… printed on the receipt
    beneficiary_id  INTEGER NOT NULL REFERENCES beneficiary(id),
    id_number       TEXT NOT NULL,
    programme       TEXT NOT NULL,
    period          TEXT NOT NULL,
    amount          INTEGER NOT NULL,
    check_uid       TEXT NOT NULL REFERENCES desk_check(uid),
    paid_by         TEXT NOT NULL,
    paid_at         TEXT NOT NULL,
    UNIQUE (id_number, programme, period)          -- once per programme and period
);
CREATE TABLE loan_application (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    reference       TEXT NOT NULL UNIQUE,
    beneficiary_id  INTEGER NOT NULL REFERENCES beneficiary(id),
    check_uid       TEXT NOT NULL REFERENCES desk_check(uid),
    amount          INTEGER NOT NULL CHECK (amount > 0),
    purpose         TEXT NOT NULL,
    term_months     INTEGER NOT NULL CHECK (term_months BETWEEN 1 AND 120),
    status          TEXT NOT NULL CHECK (status IN ('submitted','approved','rejected')),
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
)SQL");
}

store::Migration deskMigration()
{
    return {7, "front desk: check records, notarial cases, pawn register, welfare payouts", migrateDesk};
}

} // namespace da06::desk
