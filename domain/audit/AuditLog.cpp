#include "domain/audit/AuditLog.h"

#include "domain/crypto/Digest.h"

namespace da06::audit {

namespace {

Entry readEntry(const store::Statement& st)
{
    return Entry{st.columnInt(0),  st.columnText(1), st.columnText(2), st.columnText(3),
                 st.columnText(4), st.columnText(5), st.columnText(6)};
}

} // namespace

std::string entryHash(const Entry& e)
{
    // Unit separators keep field boundaries unambiguous.
    const char sep = '\x1f';
    return crypto::sha256Hex(std::to_string(e.seq) + sep + e.at + sep + e.user + sep + e.action + sep + e.object + sep +
                             e.prevHash);
}

Status append(store::Database& db, const Clock& clock, const std::string& user, const std::string& action,
              const std::string& object)
{
    DA06_TRY(head, db.prepare("SELECT seq, hash FROM audit_head WHERE id = 1"));
    DA06_TRY(row, head->step());
    if (!*row) {
        return fail(ErrorCode::StoreDamaged, "the audit log has no head record (restore the store from a backup)");
    }
    Entry e;
    e.seq = head->columnInt(0) + 1;
    e.prevHash = head->columnText(1);
    e.at = clock.nowIso8601();
    e.user = user;
    e.action = action;
    e.object = object;
    e.hash = entryHash(e);
    head = store::Statement();
    DA06_TRY(ins, db.prepare(
                      "INSERT INTO audit_log (seq, at, user, action, object, prev_hash, hash) VALUES (?,?,?,?,?,?,?)"));
    ins->bind(1, e.seq)
        .bind(2, e.at)
        .bind(3, e.user)
        .bind(4, e.action)
        .bind(5, e.object)
        .bind(6, e.prevHash)
        .bind(7, e.hash);
    DA06_CHECK(ins->run());
    DA06_TRY(up, db.prepare("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1"));
    up->bind(1, e.seq).bind(2, e.hash);
    return up->run();
}

Result<VerifyResult> verify(store::Database& db, const access::Actor& actor)
{
    DA06_CHECK(access::require(actor, access::Permission::ReadAudit, "read the audit log"));
    VerifyResult r;
    DA06_TRY(st, db.prepare("SELECT seq, at, user, action, object, prev_hash, hash FROM audit_log ORDER BY rowid"));
    std::int64_t expectedSeq = 1;
    std::string prevHash;
    auto bad = [&](std::int64_t seq, std::string problem) {
        r.ok = false;
        r.firstBadSeq = seq;
        r.problem = std::move(problem);
    };
    while (true) {
        DA06_TRY(row, st->step());
        if (!*row) {
            break;
        }
        const Entry e = readEntry(*st);
        ++r.entries;
        if (e.seq != expectedSeq) {
            bad(e.seq, e.seq > expectedSeq ? "entries " + std::to_string(expectedSeq) + " to " +
                                                 std::to_string(e.seq - 1) + " are missing (deleted)"
                                           : "entry " + std::to_string(e.seq) + " is out of order");
            return r;
        }
        if (e.prevHash != prevHash) {
            bad(e.seq, "entry " + std::to_string(e.seq) + " does not follow the entry before it (moved or reordered)");
            return r;
        }
        if (entryHash(e) != e.hash) {
            bad(e.seq, "entry " + std::to_string(e.seq) + " was changed after it was written");
            return r;
        }
        prevHash = e.hash;
        ++expectedSeq;
    }
    DA06_TRY(head, db.prepare("SELECT seq, hash FROM audit_head WHERE id = 1"));
    DA06_TRY(hrow, head->step());
    if (!*hrow || head->columnInt(0) != expectedSeq - 1 || head->columnText(1) != prevHash) {
        bad(expectedSeq, "the last entries of the log are missing (the log was cut short)");
    }
    return r;
}

Result<std::vector<Entry>> list(store::Database& db, const access::Actor& actor,
                                const std::optional<std::string>& since)
{
    DA06_CHECK(access::require(actor, access::Permission::ReadAudit, "read the audit log"));
    DA06_TRY(
        st,
        db.prepare("SELECT seq, at, user, action, object, prev_hash, hash FROM audit_log WHERE at >= ? ORDER BY seq"));
    st->bind(1, since.value_or(""));
    std::vector<Entry> out;
    while (true) {
        DA06_TRY(row, st->step());
        if (!*row) {
            break;
        }
        out.push_back(readEntry(*st));
    }
    return out;
}

} // namespace da06::audit
