// The check records of a desk: recording, reading, statistics, retention and the purge (issue 8).
#include "domain/desk/CheckService.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include "domain/audit/AuditLog.h"
#include "domain/identity/IdNumber.h"
#include "domain/store/Settings.h"
#include "domain/text/Text.h"
#include "domain/work/ChangeLog.h"
#include "domain/work/Ids.h"
#include "domain/work/WorkDb.h"

namespace da06::desk {

namespace {

using access::Permission;

constexpr const char* kLastPurgeKey = "desk.last_purge";

std::string optDate(const std::optional<Date>& d)
{
    return d ? d->toIso() : std::string();
}

json::Value verificationsJson(const std::vector<Verification>& vs)
{
    json::Value a = json::Array{};
    for (const Verification& v : vs) {
        json::Value o = json::Object{};
        o.set("name", v.name);
        o.set("result", v.result);
        o.set("detail", v.detail);
        a.push(o);
    }
    return a;
}

json::Value findingsJson(const std::vector<CheckFinding>& fs)
{
    json::Value a = json::Array{};
    for (const CheckFinding& f : fs) {
        json::Value o = json::Object{};
        o.set("code", f.code);
        o.set("severity", f.severity);
        o.set("message", f.message);
        a.push(o);
    }
    return a;
}

std::string field(const json::Value& o, const char* key)
{
    const json::Value* v = o.find(key);
    return v && v->isString() ? v->asString() : std::string();
}

std::vector<Verification> parseVerifications(const std::string& s)
{
    std::vector<Verification> out;
    auto v = json::parse(s);
    if (v && v->isArray()) {
        for (const json::Value& o : v->asArray()) {
            if (o.isObject()) {
                out.push_back(Verification{field(o, "name"), field(o, "result"), field(o, "detail")});
            }
        }
    }
    return out;
}

std::vector<CheckFinding> parseFindings(const std::string& s)
{
    std::vector<CheckFinding> out;
    auto v = json::parse(s);
    if (v && v->isArray()) {
        for (const json::Value& o : v->asArray()) {
            if (o.isObject()) {
                out.push_back(CheckFinding{field(o, "code"), field(o, "severity"), field(o, "message")});
            }
        }
    }
    return out;
}

std::vector<std::string> splitCodes(const std::string& s)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t comma = s.find(',', start);
        if (comma == std::string::npos) {
            comma = s.size();
        }
        if (comma > start) {
            out.push_back(s.substr(start, comma - start));
        }
        start = comma + 1;
    }
    return out;
}

Date addDays(const Date& d, int days)
{
    return Date::fromDaysSinceEpoch(d.daysSinceEpoch() + days);
}

bool isMonth(std::string_view s)
{
    return s.size() == 7 && s[4] == '-' && Date::parseIso(std::string(s) + "-01").has_value();
}

const char* const kColumns =
    "uid, reference, unit_code, model, method, outcome, manual_reason, operator, checked_at, consent, consent_note, "
    "verifications, finding_codes, attached_kind, attached_uid, purge_after, purged_at, id_number, old_id_number, "
    "full_name, date_of_birth, sex, address, issue_date, expiry_date, expired, findings";

CheckRecord readRecord(const store::Statement& s)
{
    CheckRecord r;
    r.uid = s.columnText(0);
    r.reference = s.columnText(1);
    r.unitCode = s.columnText(2);
    r.model = static_cast<int>(s.columnInt(3));
    r.method = methodFromName(s.columnText(4)).value_or(CheckMethod::Manual);
    r.outcome = outcomeFromName(s.columnText(5)).value_or(CheckOutcome::Invalid);
    r.manualReason = s.columnOptText(6).value_or("");
    r.operatorName = s.columnText(7);
    r.checkedAt = s.columnText(8);
    r.consent = consentFromName(s.columnText(9)).value_or(Consent::Given);
    r.consentNote = s.columnText(10);
    r.verifications = parseVerifications(s.columnText(11));
    r.findingCodes = splitCodes(s.columnText(12));
    r.attachedKind = s.columnOptText(13);
    r.attachedUid = s.columnOptText(14);
    r.purgeAfter = Date::parseIso(s.columnText(15)).value_or(Date{});
    r.purgedAt = s.columnOptText(16);
    if (!r.purgedAt) {
        CheckedIdentity id;
        id.idNumber = s.columnOptText(17).value_or("");
        id.oldIdNumber = s.columnOptText(18).value_or("");
        id.fullName = s.columnOptText(19).value_or("");
        id.dateOfBirth = Date::parseIso(s.columnOptText(20).value_or(""));
        id.sex = s.columnOptText(21).value_or("");
        id.address = s.columnOptText(22).value_or("");
        id.issueDate = Date::parseIso(s.columnOptText(23).value_or(""));
        id.expiryDate = Date::parseIso(s.columnOptText(24).value_or(""));
        if (!s.isNull(25)) {
            id.expired = s.columnInt(25) != 0;
        }
        r.identity = std::move(id);
        r.findings = parseFindings(s.columnOptText(26).value_or("[]"));
    }
    return r;
}

Result<std::string> deskNode(store::Database& db)
{
    DA06_TRY(st, db.prepare("SELECT node FROM hlc_state WHERE id = 1"));
    DA06_TRY(row, st->step());
    return *row ? st->columnText(0) : std::string();
}

// The synchronized count of one (unit, day, model, method, result) of this desk, written after each
// record: entity id "UNIT|YYYY-MM-DD|MODEL|METHOD|RESULT|DESK" (see sync/PROTOCOL.md). The desk's
// node id keeps the counts of two desks of one unit apart (each carries its own total, the latest
// value wins per desk); the day lets a report sum any data range (the 15th to the 14th).
Status recordCount(store::Database& db, const Clock& clock, const access::Actor& actor, const std::string& unit,
                   const std::string& day, int model, const std::string& method, const std::string& outcome)
{
    DA06_TRY(node, deskNode(db));
    DA06_TRY(st, db.prepare("SELECT COUNT(*) FROM desk_check WHERE unit_code = ? AND model = ? AND method = ? AND "
                            "outcome = ? AND checked_at >= ? AND checked_at < ?"));
    // checked_at is "YYYY-MM-DDThh:mm:ssZ": the day's rows sort between "YYYY-MM-DD" and "YYYY-MM-DDU".
    st->bind(1, unit).bind(2, model).bind(3, method).bind(4, outcome).bind(5, day).bind(6, day + "U");
    DA06_TRY(row, st->step());
    const long long n = *row ? static_cast<long long>(st->columnInt(0)) : 0;
    const std::string id = unit + "|" + day + "|" + std::to_string(model) + "|" + method + "|" + outcome + "|" + *node;
    DA06_CHECK(work::recordChange(db, clock, actor, "check_count", id, work::ChangeOp::Update,
                                  {{"unit", unit},
                                   {"day", day},
                                   {"month", day.substr(0, 7)},
                                   {"model", model},
                                   {"method", method},
                                   {"result", outcome},
                                   {"desk", *node},
                                   {"count", n}}));
    return {};
}

// The counts other desks synchronized (check_count records applied from the hub), the latest
// value of each key.
struct RemoteCount {
    std::string unit, day;
    int model = 0;
    std::string method, result;
    std::int64_t count = 0;
};

Result<std::vector<RemoteCount>> remoteCounts(store::Database& db)
{
    DA06_TRY(node, deskNode(db));
    DA06_TRY(st,
             db.prepare("SELECT entity_id, fields FROM change_log WHERE entity = 'check_count' AND origin = 'remote' "
                        "ORDER BY hlc"));
    std::map<std::string, RemoteCount> latest;
    DA06_CHECK(work::detail::eachRow(*st, [&](store::Statement& s) {
        auto f = json::parse(s.columnText(1));
        if (!f || !f->isObject()) {
            return;
        }
        RemoteCount c;
        c.unit = field(*f, "unit");
        c.day = field(*f, "day");
        c.method = field(*f, "method");
        c.result = field(*f, "result");
        const json::Value* model = f->find("model");
        const json::Value* count = f->find("count");
        if (c.unit.empty() || c.day.size() != 10 || !model || !model->isInteger() || !count || !count->isInteger() ||
            field(*f, "desk") == *node) {
            return;
        }
        c.model = static_cast<int>(model->asInteger());
        c.count = count->asInteger();
        latest[s.columnText(0)] = c;
    }));
    std::vector<RemoteCount> out;
    for (auto& [id, c] : latest) {
        out.push_back(std::move(c));
    }
    return out;
}

Status checkText(const std::string& s, const char* what, std::size_t max)
{
    if (!text::isValidUtf8(s)) {
        return fail(ErrorCode::InvalidInput, std::string("the ") + what + " is not valid UTF-8");
    }
    if (s.size() > max) {
        return fail(ErrorCode::InvalidInput,
                    std::string("the ") + what + " is too long (at most " + std::to_string(max) + " bytes)");
    }
    return {};
}

} // namespace

std::string newReference(const char* prefix, const Date& day)
{
    std::string hex = work::randomId().substr(0, 6);
    for (char& c : hex) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    std::string ymd = day.toIso();
    ymd.erase(std::remove(ymd.begin(), ymd.end(), '-'), ymd.end());
    return std::string(prefix) + "-" + ymd + "-" + hex;
}

// ---- retention ----

int RetentionPolicy::daysFor(int model) const
{
    auto it = days.find(model);
    return it == days.end() ? otherDays : it->second;
}

RetentionPolicy defaultRetention()
{
    RetentionPolicy p;
    p.days = {{4, 1825}, {8, 1825}, {15, 1095}, {19, 730}, {35, 730}};
    p.otherDays = 90;
    return p;
}

Result<RetentionPolicy> readRetention(store::Database& db)
{
    RetentionPolicy p = defaultRetention();
    DA06_TRY(st, db.prepare("SELECT model, days FROM desk_retention ORDER BY model"));
    DA06_CHECK(work::detail::eachRow(*st, [&](store::Statement& s) {
        const int model = static_cast<int>(s.columnInt(0));
        const int days = static_cast<int>(s.columnInt(1));
        if (model == 0) {
            p.otherDays = days;
        } else {
            p.days[model] = days;
        }
    }));
    return p;
}

Status setRetention(store::Database& db, const Clock& clock, const access::Actor& actor, int model, int days)
{
    DA06_CHECK(access::require(actor, Permission::ManageUsers, "change the retention of check details"));
    if (model != 0 && !isCheckPurpose(model)) {
        return fail(ErrorCode::InvalidInput,
                    "model " + std::to_string(model) +
                        " is not a purpose of identity checks (4, 6, 8, 9–12, 15, 16, 19, 20, 35; 0 for the others)");
    }
    if (days < 1 || days > 36500) {
        return fail(ErrorCode::InvalidInput, "a retention period is 1 to 36500 days");
    }
    store::Transaction tx(db);
    DA06_CHECK(tx.begin());
    DA06_TRY(ins, db.prepare("INSERT OR REPLACE INTO desk_retention (model, days) VALUES (?, ?)"));
    ins->bind(1, model).bind(2, days);
    DA06_CHECK(ins->run());
    DA06_TRY(policy, readRetention(db));
    // The checks not yet purged take the new period.
    for (int m : checkPurposes()) {
        if (model != 0 && m != model) {
            continue;
        }
        if (model == 0 && policy->days.count(m)) {
            continue;
        }
        DA06_TRY(up, db.prepare("UPDATE desk_check SET purge_after = date(substr(checked_at, 1, 10), ?) "
                                "WHERE model = ? AND purged_at IS NULL"));
        up->bind(1, "+" + std::to_string(policy->daysFor(m)) + " days").bind(2, m);
        DA06_CHECK(up->run());
    }
    DA06_CHECK(audit::append(db, clock, actor, "policy.retention",
                             "retention:" + std::to_string(model) + "=" + std::to_string(days)));
    return tx.commit();
}

// ---- records ----

Result<CheckRecord> CheckService::record(const CheckInput& in)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "record identity checks"));
    if (!isCheckPurpose(in.model)) {
        return fail(ErrorCode::InvalidInput,
                    "model " + std::to_string(in.model) +
                        " is not a purpose of identity checks at a desk (4, 6, 8, 9–12, 15, 16, 19, 20, 35)");
    }
    if (!in.consent) {
        return fail(
            ErrorCode::InvalidInput,
            "the citizen's consent is not recorded: ask for it (Decree 13/2023), or state the legal obligation");
    }
    if (in.method == CheckMethod::Manual && text::trim(in.manualReason).size() < 5) {
        return fail(ErrorCode::InvalidInput, "a manual entry needs a reason (why the card could not be read)");
    }
    if (!identity::decodeIdNumber(in.identity.idNumber)) {
        return fail(ErrorCode::InvalidInput, "a check needs the 12-digit ID number of the card");
    }
    DA06_CHECK(checkText(in.identity.fullName, "full name", 200));
    DA06_CHECK(checkText(in.identity.address, "address", 500));
    DA06_CHECK(checkText(in.manualReason, "reason", 500));
    DA06_CHECK(checkText(in.consentNote, "consent note", 500));
    if (in.method == CheckMethod::Manual &&
        (in.outcome == CheckOutcome::Valid || in.outcome == CheckOutcome::Warning)) {
        return fail(ErrorCode::InvalidInput, "a manual entry cannot be a verified check");
    }
    DA06_TRY(unit, work::detail::deskUnit(m_db));
    if (!*unit) {
        return fail(
            ErrorCode::InvalidInput,
            "this desk has no unit yet: choose it first (Quản trị → Thiết lập máy này, or `da06 desk unit set UNIT`)");
    }
    DA06_TRY(policy, readRetention(m_db));

    CheckRecord r;
    r.uid = work::randomId();
    const Date today = m_clock.today();
    r.reference = newReference("KT", today);
    r.unitCode = (*unit)->code;
    r.model = in.model;
    r.method = in.method;
    r.outcome = in.outcome;
    r.manualReason = text::trim(in.manualReason);
    r.operatorName = m_actor.user;
    r.checkedAt = m_clock.nowIso8601();
    r.consent = *in.consent;
    r.consentNote = text::trim(in.consentNote);
    r.verifications = in.verifications;
    for (const CheckFinding& f : in.findings) {
        r.findingCodes.push_back(f.code);
    }
    r.purgeAfter = addDays(today, policy->daysFor(in.model));
    r.identity = in.identity;
    if (r.identity->expiryDate && !r.identity->expired) {
        r.identity->expired = today > *r.identity->expiryDate;
    }
    r.findings = in.findings;
    std::string codes;
    for (const std::string& c : r.findingCodes) {
        codes += (codes.empty() ? "" : ",") + c;
    }
    const std::string month = r.checkedAt.substr(0, 7);
    const CheckedIdentity& id = *r.identity;

    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(ins,
             m_db.prepare(
                 "INSERT INTO desk_check (uid, reference, unit_code, model, method, outcome, manual_reason, operator, "
                 "checked_at, month, consent, consent_note, verifications, finding_codes, purge_after, id_number, "
                 "old_id_number, full_name, date_of_birth, sex, address, issue_date, expiry_date, expired, findings) "
                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    ins->bind(1, r.uid).bind(2, r.reference).bind(3, r.unitCode).bind(4, r.model).bind(5, methodName(r.method));
    ins->bind(6, outcomeName(r.outcome));
    if (r.manualReason.empty()) {
        ins->bindNull(7);
    } else {
        ins->bind(7, r.manualReason);
    }
    ins->bind(8, r.operatorName).bind(9, r.checkedAt).bind(10, month).bind(11, consentName(r.consent));
    ins->bind(12, r.consentNote).bind(13, verificationsJson(r.verifications).dump()).bind(14, codes);
    ins->bind(15, r.purgeAfter.toIso()).bind(16, id.idNumber).bind(17, id.oldIdNumber).bind(18, id.fullName);
    ins->bind(19, optDate(id.dateOfBirth)).bind(20, id.sex).bind(21, id.address).bind(22, optDate(id.issueDate));
    ins->bind(23, optDate(id.expiryDate));
    if (id.expired) {
        ins->bind(24, *id.expired ? 1 : 0);
    } else {
        ins->bindNull(24);
    }
    ins->bind(25, findingsJson(r.findings).dump());
    DA06_CHECK(ins->run());
    DA06_TRY(search, m_db.prepare("INSERT INTO desk_check_search (check_id, text) VALUES (?, ?)"));
    search->bind(1, m_db.lastInsertId());
    search->bind(2, text::fold(id.fullName) + " " + id.idNumber + " " + id.oldIdNumber + " " + text::fold(r.reference));
    DA06_CHECK(search->run());
    DA06_CHECK(recordCount(m_db, m_clock, m_actor, r.unitCode, r.checkedAt.substr(0, 10), r.model, methodName(r.method),
                           outcomeName(r.outcome)));
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "check.record",
                             "check:" + r.reference + " model " + std::to_string(r.model) + " " + methodName(r.method) +
                                 "/" + outcomeName(r.outcome)));
    DA06_CHECK(tx.commit());
    return r;
}

Result<CheckRecord> findCheck(store::Database& db, const std::string& uidOrReference)
{
    const std::string ref = text::trim(uidOrReference);
    DA06_TRY(st, db.prepare(std::string("SELECT ") + kColumns + " FROM desk_check WHERE uid = ? OR reference = ?"));
    st->bind(1, ref).bind(2, ref);
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound,
                    "there is no check record \"" + ref + "\" on this desk (record the check first)");
    }
    return readRecord(*st);
}

Result<CheckRecord> CheckService::get(const std::string& ref)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "read identity checks"));
    return findCheck(m_db, ref);
}

Result<std::vector<CheckRecord>> CheckService::list(const CheckQuery& q)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "read identity checks"));
    std::string sql = std::string("SELECT ") + kColumns + " FROM desk_check WHERE 1 = 1";
    if (q.model) {
        sql += " AND model = " + std::to_string(*q.model);
    }
    if (q.from) {
        sql += " AND substr(checked_at, 1, 10) >= '" + q.from->toIso() + "'";
    }
    if (q.to) {
        sql += " AND substr(checked_at, 1, 10) <= '" + q.to->toIso() + "'";
    }
    if (!q.includePurged) {
        sql += " AND purged_at IS NULL";
    }
    // Every word of the folded query in the folded name, numbers and reference (a purged check has
    // no search text: it is found by its reference only through get()).
    std::vector<std::string> words;
    const std::string folded = text::fold(q.text);
    std::string where;
    for (std::size_t i = 0; i < folded.size();) {
        const std::size_t j = std::min(folded.find(' ', i), folded.size());
        if (j > i) {
            words.push_back(folded.substr(i, j - i));
            where += where.empty() ? " WHERE" : " AND";
            where += " instr(text, ?) > 0";
        }
        i = j + 1;
    }
    if (!words.empty()) {
        sql += " AND id IN (SELECT check_id FROM desk_check_search" + where + ")";
    }
    sql += " ORDER BY checked_at DESC, id DESC";
    if (q.limit > 0) {
        sql += " LIMIT " + std::to_string(q.limit);
    }
    DA06_TRY(st, m_db.prepare(sql));
    for (std::size_t i = 0; i < words.size(); ++i) {
        st->bind(static_cast<int>(i + 1), words[i]);
    }
    std::vector<CheckRecord> out;
    DA06_CHECK(work::detail::eachRow(*st, [&](store::Statement& s) { out.push_back(readRecord(s)); }));
    return out;
}

Result<std::vector<CheckStat>> CheckService::stats(const std::string& fromMonth, const std::string& toMonth,
                                                   const std::string& unitCode)
{
    DA06_CHECK(access::require(m_actor, Permission::ReadCheckCounts, "see the counts of identity checks"));
    if (!isMonth(fromMonth) || !isMonth(toMonth)) {
        return fail(ErrorCode::Usage, "a month is written YYYY-MM, like 2024-11");
    }
    std::string sql = "SELECT unit_code, month, model, method, outcome, COUNT(*) FROM desk_check "
                      "WHERE month >= ? AND month <= ?";
    if (!unitCode.empty()) {
        sql += " AND unit_code = ?";
    }
    sql += " GROUP BY unit_code, month, model, method, outcome ORDER BY unit_code, month, model, method, outcome";
    DA06_TRY(st, m_db.prepare(sql));
    st->bind(1, fromMonth).bind(2, toMonth);
    if (!unitCode.empty()) {
        st->bind(3, unitCode);
    }
    std::map<std::tuple<std::string, std::string, int, std::string, std::string>, std::int64_t> sums;
    DA06_CHECK(work::detail::eachRow(*st, [&](store::Statement& s) {
        sums[{s.columnText(0), s.columnText(1), static_cast<int>(s.columnInt(2)), s.columnText(3), s.columnText(4)}] +=
            s.columnInt(5);
    }));
    // The counts of the other desks in scope (synchronized), added to this desk's.
    DA06_TRY(remote, remoteCounts(m_db));
    for (const RemoteCount& c : *remote) {
        const std::string month = c.day.substr(0, 7);
        if (month < fromMonth || month > toMonth || (!unitCode.empty() && c.unit != unitCode)) {
            continue;
        }
        sums[{c.unit, month, c.model, c.method, c.result}] += c.count;
    }
    std::vector<CheckStat> out;
    for (const auto& [k, n] : sums) {
        if (n > 0) {
            out.push_back(CheckStat{std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k), std::get<4>(k), n});
        }
    }
    return out;
}

Result<PurgeResult> CheckService::purge(bool dryRun)
{
    PurgeResult res;
    res.asOf = m_clock.today();
    res.dryRun = dryRun;
    const std::string today = res.asOf.toIso();
    // The deleted details must not linger in free pages of the file (overwritten with zeros).
    DA06_CHECK(m_db.exec("PRAGMA secure_delete = ON"));
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(sel, m_db.prepare("SELECT model, COUNT(*) FROM desk_check WHERE purged_at IS NULL AND purge_after <= ? "
                               "GROUP BY model"));
    sel->bind(1, today);
    DA06_CHECK(work::detail::eachRow(*sel, [&](store::Statement& s) {
        const int n = static_cast<int>(s.columnInt(1));
        res.byModel[static_cast<int>(s.columnInt(0))] = n;
        res.checks += n;
    }));
    DA06_TRY(parties, m_db.prepare("SELECT COUNT(*) FROM case_party p JOIN desk_check c ON c.uid = p.check_uid "
                                   "WHERE c.purged_at IS NULL AND c.purge_after <= ? AND p.name IS NOT NULL"));
    parties->bind(1, today);
    DA06_TRY(prow, parties->step());
    res.parties = *prow ? static_cast<int>(parties->columnInt(0)) : 0;
    if (dryRun) {
        return res;
    }
    DA06_TRY(pn, m_db.prepare("UPDATE case_party SET name = NULL WHERE check_uid IN (SELECT uid FROM desk_check "
                              "WHERE purged_at IS NULL AND purge_after <= ?)"));
    pn->bind(1, today);
    DA06_CHECK(pn->run());
    DA06_TRY(ps, m_db.prepare("DELETE FROM desk_check_search WHERE check_id IN (SELECT id FROM desk_check "
                              "WHERE purged_at IS NULL AND purge_after <= ?)"));
    ps->bind(1, today);
    DA06_CHECK(ps->run());
    DA06_TRY(up, m_db.prepare(
                     "UPDATE desk_check SET purged_at = ?, id_number = NULL, old_id_number = NULL, full_name = NULL, "
                     "date_of_birth = NULL, sex = NULL, address = NULL, issue_date = NULL, expiry_date = NULL, "
                     "expired = NULL, findings = NULL, manual_reason = NULL, consent_note = '' "
                     "WHERE purged_at IS NULL AND purge_after <= ?"));
    up->bind(1, m_clock.nowIso8601()).bind(2, today);
    DA06_CHECK(up->run());
    DA06_CHECK(store::Settings(m_db).set(kLastPurgeKey, today));
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "checks.purge",
                             "checks:" + std::to_string(res.checks) + " parties:" + std::to_string(res.parties)));
    DA06_CHECK(tx.commit());
    return res;
}

Result<std::optional<std::string>> CheckService::lastPurge()
{
    return store::Settings(m_db).get(kLastPurgeKey);
}

Status CheckService::attach(const std::string& checkUid, const std::string& kind, const std::string& uid)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "attach identity checks"));
    DA06_TRY(st, m_db.prepare("SELECT reference, attached_kind, attached_uid FROM desk_check WHERE uid = ?"));
    st->bind(1, checkUid);
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound, "there is no check " + checkUid + " on this desk");
    }
    const std::string reference = st->columnText(0);
    const auto k = st->columnOptText(1);
    const auto u = st->columnOptText(2);
    if (k && u) {
        if (*k == kind && *u == uid) {
            return {};
        }
        return fail(ErrorCode::InvalidInput,
                    "the check " + reference + " already belongs to another " + *k +
                        ": a check serves one case, contract or payout (check the citizen again)");
    }
    DA06_TRY(up, m_db.prepare("UPDATE desk_check SET attached_kind = ?, attached_uid = ? WHERE uid = ?"));
    up->bind(1, kind).bind(2, uid).bind(3, checkUid);
    return up->run();
}

// ---- the report's counts ----

Result<report::CheckCounts> StoredCheckCounts::counts(const std::vector<std::string>& unitCodes,
                                                      const std::vector<int>& models, const Date& from,
                                                      const Date& to) const
{
    report::CheckCounts c = report::zeroCheckCounts(models, "");
    c.available = true;
    if (unitCodes.empty() || models.empty()) {
        return c;
    }
    std::string units;
    for (std::size_t i = 0; i < unitCodes.size(); ++i) {
        units += (i ? ",?" : "?");
    }
    DA06_TRY(st, m_db.prepare("SELECT model, method, outcome, COUNT(*) FROM desk_check WHERE unit_code IN (" + units +
                              ") AND checked_at >= ? AND checked_at < ? GROUP BY model, method, outcome"));
    int i = 1;
    for (const std::string& u : unitCodes) {
        st->bind(i++, u);
    }
    st->bind(i, from.toIso());
    st->bind(i + 1, to.toIso() + "U"); // after every time of the last day ("YYYY-MM-DDThh…")
    const std::set<int> wanted(models.begin(), models.end());
    DA06_CHECK(work::detail::eachRow(*st, [&](store::Statement& s) {
        const int model = static_cast<int>(s.columnInt(0));
        if (!wanted.count(model)) {
            return;
        }
        for (report::CheckCount& row : c.rows) {
            if (row.model == model && row.method == s.columnText(1) && row.outcome == s.columnText(2)) {
                row.count += s.columnInt(3);
            }
        }
    }));
    // The other desks of these units (synchronized counts per day).
    DA06_TRY(remote, remoteCounts(m_db));
    const std::set<std::string> unitSet(unitCodes.begin(), unitCodes.end());
    const std::string fromDay = from.toIso(), toDay = to.toIso();
    for (const RemoteCount& rc : *remote) {
        if (!unitSet.count(rc.unit) || !wanted.count(rc.model) || rc.day < fromDay || rc.day > toDay) {
            continue;
        }
        for (report::CheckCount& row : c.rows) {
            if (row.model == rc.model && row.method == rc.method && row.outcome == rc.result) {
                row.count += rc.count;
            }
        }
    }
    return c;
}

} // namespace da06::desk
