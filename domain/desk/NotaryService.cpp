// Notarial cases (models 4 and 8): parties verified by checks, the completion rule, documents kept
// in the encrypted store and their certification (issue 8).
#include "domain/desk/NotaryService.h"

#include <algorithm>

#include "domain/audit/AuditLog.h"
#include "domain/text/Text.h"
#include "domain/work/Ids.h"
#include "domain/work/WorkDb.h"

namespace da06::desk {

namespace {

using access::Permission;

constexpr std::size_t kMaxDocumentBytes = 50u * 1024u * 1024u;

struct Labelled {
    const char* code;
    const char* label;
};

const Labelled kActKinds[] = {
    {"contract", "Hợp đồng"},
    {"transaction", "Giao dịch"},
    {"copy_certification", "Chứng thực bản sao từ bản chính"},
    {"signature_certification", "Chứng thực chữ ký"},
    {"translation_certification", "Chứng thực chữ ký người dịch"},
    {"will", "Di chúc"},
    {"other", "Việc khác"},
};

const Labelled kPartyRoles[] = {
    {"requester", "Người yêu cầu"},
    {"party_a", "Bên A"},
    {"party_b", "Bên B"},
    {"signer", "Người ký"},
    {"witness", "Người làm chứng"},
    {"interpreter", "Người phiên dịch"},
    {"representative", "Người đại diện"},
    {"other", "Người liên quan khác"},
};

template <std::size_t N> std::vector<std::string> codes(const Labelled (&table)[N])
{
    std::vector<std::string> out;
    for (const Labelled& l : table) {
        out.push_back(l.code);
    }
    return out;
}

template <std::size_t N> std::string labelOf(const Labelled (&table)[N], const std::string& code)
{
    for (const Labelled& l : table) {
        if (code == l.code) {
            return l.label;
        }
    }
    return code;
}

std::optional<CaseStatus> statusFromName(const std::string& s)
{
    for (CaseStatus c : {CaseStatus::Open, CaseStatus::Completed, CaseStatus::Cancelled}) {
        if (s == caseStatusName(c)) {
            return c;
        }
    }
    return std::nullopt;
}

std::string mediaTypeFor(const std::string& name)
{
    std::string ext;
    if (auto dot = name.rfind('.'); dot != std::string::npos) {
        ext = text::caseFold(name.substr(dot + 1));
    }
    if (ext == "pdf") {
        return "application/pdf";
    }
    if (ext == "jpg" || ext == "jpeg") {
        return "image/jpeg";
    }
    if (ext == "png") {
        return "image/png";
    }
    if (ext == "tif" || ext == "tiff") {
        return "image/tiff";
    }
    if (ext == "docx") {
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    }
    return "application/octet-stream";
}

} // namespace

const std::vector<std::string>& actKinds()
{
    static const std::vector<std::string> all = codes(kActKinds);
    return all;
}

std::string actKindLabel(const std::string& kind)
{
    return labelOf(kActKinds, kind);
}

const std::vector<std::string>& partyRoles()
{
    static const std::vector<std::string> all = codes(kPartyRoles);
    return all;
}

std::string partyRoleLabel(const std::string& role)
{
    return labelOf(kPartyRoles, role);
}

const char* caseStatusName(CaseStatus s)
{
    switch (s) {
    case CaseStatus::Open:
        return "open";
    case CaseStatus::Completed:
        return "completed";
    case CaseStatus::Cancelled:
        return "cancelled";
    }
    return "open";
}

std::vector<std::string> NotarialCase::blockingParties() const
{
    std::vector<std::string> out;
    for (const CaseParty& p : parties) {
        if (!p.passing && !p.exception) {
            out.push_back(p.uid);
        }
    }
    return out;
}

std::string Certification::qrPayload() const
{
    return "DA06-CT|" + reference + "|" + sha256;
}

namespace {

// Loads one case with its parties and documents. NotFound when no case has this uid or number.
Result<std::pair<std::int64_t, NotarialCase>> loadCase(store::Database& db, const std::string& ref)
{
    DA06_TRY(st, db.prepare("SELECT id, uid, number, model, act_kind, title, status, opened_by, opened_at, closed_by, "
                            "closed_at FROM notarial_case WHERE uid = ? OR number = ?"));
    st->bind(1, ref).bind(2, ref);
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound, "there is no notarial case " + ref + " on this desk");
    }
    const std::int64_t id = st->columnInt(0);
    NotarialCase c;
    c.uid = st->columnText(1);
    c.number = st->columnText(2);
    c.model = static_cast<int>(st->columnInt(3));
    c.actKind = st->columnText(4);
    c.title = st->columnText(5);
    c.status = statusFromName(st->columnText(6)).value_or(CaseStatus::Open);
    c.openedBy = st->columnText(7);
    c.openedAt = st->columnText(8);
    c.closedBy = st->columnOptText(9);
    c.closedAt = st->columnOptText(10);
    DA06_TRY(ps, db.prepare("SELECT p.uid, p.role, p.name, p.check_uid, p.exception, c.reference, c.outcome, c.method, "
                            "c.full_name, c.purged_at FROM case_party p LEFT JOIN desk_check c ON c.uid = p.check_uid "
                            "WHERE p.case_id = ? ORDER BY p.id"));
    ps->bind(1, id);
    DA06_CHECK(work::detail::eachRow(*ps, [&](store::Statement& s) {
        CaseParty p;
        p.uid = s.columnText(0);
        p.role = s.columnText(1);
        p.name = s.columnOptText(2);
        p.checkUid = s.columnOptText(3);
        p.exception = s.columnOptText(4);
        if (p.checkUid) {
            p.checkReference = s.columnOptText(5);
            p.checkOutcome = outcomeFromName(s.columnText(6));
            p.checkMethod = methodFromName(s.columnText(7));
            p.passing = p.checkOutcome && p.checkMethod && isPassing(*p.checkMethod, *p.checkOutcome);
        }
        c.parties.push_back(std::move(p));
    }));
    DA06_TRY(ds, db.prepare("SELECT uid, file_name, media_type, size, sha256, added_at, certification, certified_by, "
                            "certified_at FROM case_document WHERE case_id = ? ORDER BY id"));
    ds->bind(1, id);
    DA06_CHECK(work::detail::eachRow(*ds, [&](store::Statement& s) {
        c.documents.push_back(CaseDocument{s.columnText(0), s.columnText(1), s.columnText(2), s.columnInt(3),
                                           s.columnText(4), s.columnText(5), s.columnOptText(6), s.columnOptText(7),
                                           s.columnOptText(8)});
    }));
    return std::make_pair(id, std::move(c));
}

Status requireOpen(const NotarialCase& c, const char* what)
{
    if (c.status != CaseStatus::Open) {
        return fail(ErrorCode::InvalidInput,
                    "the case " + c.number + " is " + caseStatusName(c.status) + ": cannot " + what);
    }
    return {};
}

Status touchSearch(store::Database& db, std::int64_t caseId)
{
    DA06_TRY(st, db.prepare("SELECT number, title FROM notarial_case WHERE id = ?"));
    st->bind(1, caseId);
    DA06_TRY(row, st->step());
    if (!*row) {
        return {};
    }
    std::string hay = text::fold(st->columnText(0)) + " " + text::fold(st->columnText(1));
    DA06_TRY(ps, db.prepare("SELECT name FROM case_party WHERE case_id = ? AND name IS NOT NULL"));
    ps->bind(1, caseId);
    DA06_CHECK(work::detail::eachRow(*ps, [&](store::Statement& s) { hay += " " + text::fold(s.columnText(0)); }));
    DA06_TRY(up, db.prepare("UPDATE notarial_case SET search_text = ? WHERE id = ?"));
    up->bind(1, hay).bind(2, caseId);
    return up->run();
}

} // namespace

Result<NotarialCase> NotaryService::open(const NewCase& in)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "open notarial cases"));
    DA06_TRY(number, requiredText(in.number, "case number", 64));
    DA06_TRY(title, requiredText(in.title, "title", 300));
    if (in.model != 4 && in.model != 8) {
        return fail(ErrorCode::InvalidInput, "a notarial case belongs to model 4 or 8");
    }
    const auto& kinds = actKinds();
    if (std::find(kinds.begin(), kinds.end(), in.actKind) == kinds.end()) {
        return fail(ErrorCode::InvalidInput, "unknown kind of act \"" + in.actKind +
                                                 "\" (contract, transaction, copy_certification, "
                                                 "signature_certification, translation_certification, will, other)");
    }
    DA06_TRY(exists, m_db.prepare("SELECT 1 FROM notarial_case WHERE number = ?"));
    exists->bind(1, *number);
    DA06_TRY(dup, exists->step());
    if (*dup) {
        return fail(ErrorCode::AlreadyExists, "a case numbered " + *number + " already exists on this desk");
    }
    const std::string uid = work::randomId();
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(ins, m_db.prepare("INSERT INTO notarial_case (uid, number, model, act_kind, title, search_text, status, "
                               "opened_by, opened_at) VALUES (?,?,?,?,?,?, 'open', ?, ?)"));
    ins->bind(1, uid).bind(2, *number).bind(3, in.model).bind(4, in.actKind).bind(5, *title);
    ins->bind(6, text::fold(*number) + " " + text::fold(*title)).bind(7, m_actor.user).bind(8, m_clock.nowIso8601());
    DA06_CHECK(ins->run());
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "case.open", "case:" + uid));
    DA06_CHECK(tx.commit());
    DA06_TRY(c, loadCase(m_db, uid));
    return std::move(c->second);
}

Result<NotarialCase> NotaryService::get(const std::string& ref)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "read notarial cases"));
    DA06_TRY(c, loadCase(m_db, ref));
    return std::move(c->second);
}

Result<std::vector<NotarialCase>> NotaryService::list(const std::string& query, std::optional<CaseStatus> status,
                                                      int limit)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "read notarial cases"));
    std::string sql = "SELECT uid, search_text FROM notarial_case";
    if (status) {
        sql += std::string(" WHERE status = '") + caseStatusName(*status) + "'";
    }
    sql += " ORDER BY opened_at DESC, id DESC";
    DA06_TRY(st, m_db.prepare(sql));
    const std::string q = text::fold(query);
    std::vector<std::string> uids;
    DA06_CHECK(work::detail::eachRow(*st, [&](store::Statement& s) {
        if (static_cast<int>(uids.size()) < limit && (q.empty() || text::matchesFolded(s.columnText(1), q))) {
            uids.push_back(s.columnText(0));
        }
    }));
    std::vector<NotarialCase> out;
    for (const std::string& uid : uids) {
        DA06_TRY(c, loadCase(m_db, uid));
        out.push_back(std::move(c->second));
    }
    return out;
}

namespace {

// Purpose limitation: a party is verified by a check made for notarization or certification.
Status requireNotarialPurpose(const CheckRecord& check)
{
    if (check.model != 4 && check.model != 8) {
        return fail(ErrorCode::InvalidInput,
                    "the check " + check.reference + " was recorded for model " + std::to_string(check.model) +
                        ", not for notarization or certification (4 or 8): check the person for this case");
    }
    return {};
}

Status checkRole(const std::string& role)
{
    const auto& roles = partyRoles();
    if (std::find(roles.begin(), roles.end(), role) == roles.end()) {
        return fail(ErrorCode::InvalidInput, "unknown party role \"" + role +
                                                 "\" (requester, party_a, party_b, signer, witness, interpreter, "
                                                 "representative, other)");
    }
    return {};
}

} // namespace

Result<CaseParty> NotaryService::addParty(const std::string& caseRef, const std::string& role,
                                          const std::string& checkUid)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "add parties to notarial cases"));
    DA06_CHECK(checkRole(role));
    DA06_TRY(c, loadCase(m_db, caseRef));
    DA06_CHECK(requireOpen(c->second, "add a party"));
    CheckService checks(m_db, m_clock, m_actor);
    DA06_TRY(check, checks.get(checkUid));
    if (!check->identity) {
        return fail(ErrorCode::InvalidInput,
                    "the check " + check->reference + " has been purged: check the person again");
    }
    DA06_CHECK(requireNotarialPurpose(*check));
    const std::string uid = work::randomId();
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_CHECK(checks.attach(check->uid, "case", c->second.uid));
    DA06_TRY(ins, m_db.prepare("INSERT INTO case_party (uid, case_id, role, name, check_uid, added_by, added_at) "
                               "VALUES (?,?,?,?,?,?,?)"));
    ins->bind(1, uid).bind(2, c->first).bind(3, role).bind(4, check->identity->fullName).bind(5, check->uid);
    ins->bind(6, m_actor.user).bind(7, m_clock.nowIso8601());
    DA06_CHECK(ins->run());
    DA06_CHECK(touchSearch(m_db, c->first));
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "case.party",
                             "case:" + c->second.uid + " party:" + uid + " check:" + check->reference));
    DA06_CHECK(tx.commit());
    DA06_TRY(after, loadCase(m_db, c->second.uid));
    for (const CaseParty& p : after->second.parties) {
        if (p.uid == uid) {
            return p;
        }
    }
    return fail(ErrorCode::Internal, "the party just added was not found");
}

Result<CaseParty> NotaryService::addPartyByName(const std::string& caseRef, const std::string& role,
                                                const std::string& nameIn)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "add parties to notarial cases"));
    DA06_CHECK(checkRole(role));
    DA06_TRY(name, requiredText(nameIn, "name", 200));
    DA06_TRY(c, loadCase(m_db, caseRef));
    DA06_CHECK(requireOpen(c->second, "add a party"));
    const std::string uid = work::randomId();
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(ins, m_db.prepare("INSERT INTO case_party (uid, case_id, role, name, added_by, added_at) "
                               "VALUES (?,?,?,?,?,?)"));
    ins->bind(1, uid)
        .bind(2, c->first)
        .bind(3, role)
        .bind(4, *name)
        .bind(5, m_actor.user)
        .bind(6, m_clock.nowIso8601());
    DA06_CHECK(ins->run());
    DA06_CHECK(touchSearch(m_db, c->first));
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "case.party", "case:" + c->second.uid + " party:" + uid));
    DA06_CHECK(tx.commit());
    CaseParty p;
    p.uid = uid;
    p.role = role;
    p.name = *name;
    return p;
}

Status NotaryService::verifyParty(const std::string& caseRef, const std::string& partyUid, const std::string& checkUid)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "verify parties of notarial cases"));
    DA06_TRY(c, loadCase(m_db, caseRef));
    DA06_CHECK(requireOpen(c->second, "verify a party"));
    const auto party = std::find_if(c->second.parties.begin(), c->second.parties.end(),
                                    [&](const CaseParty& p) { return p.uid == partyUid; });
    if (party == c->second.parties.end()) {
        return fail(ErrorCode::NotFound, "the case " + c->second.number + " has no party " + partyUid);
    }
    CheckService checks(m_db, m_clock, m_actor);
    DA06_TRY(check, checks.get(checkUid));
    if (!check->identity) {
        return fail(ErrorCode::InvalidInput,
                    "the check " + check->reference + " has been purged: check the person again");
    }
    DA06_CHECK(requireNotarialPurpose(*check));
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_CHECK(checks.attach(check->uid, "case", c->second.uid));
    DA06_TRY(up, m_db.prepare("UPDATE case_party SET check_uid = ?, name = ? WHERE uid = ?"));
    up->bind(1, check->uid).bind(2, check->identity->fullName).bind(3, partyUid);
    DA06_CHECK(up->run());
    DA06_CHECK(touchSearch(m_db, c->first));
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "case.verify",
                             "case:" + c->second.uid + " party:" + partyUid + " check:" + check->reference));
    return tx.commit();
}

Status NotaryService::setException(const std::string& caseRef, const std::string& partyUid, const std::string& reasonIn)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "record exceptions in notarial cases"));
    DA06_TRY(reason, requiredText(reasonIn, "reason", 500));
    if (reason->size() < 10) {
        return fail(ErrorCode::InvalidInput, "an exception needs a real reason (at least 10 characters)");
    }
    DA06_TRY(c, loadCase(m_db, caseRef));
    DA06_CHECK(requireOpen(c->second, "record an exception"));
    DA06_TRY(up, m_db.prepare("UPDATE case_party SET exception = ?, exception_by = ? WHERE uid = ? AND case_id = ?"));
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    up->bind(1, *reason).bind(2, m_actor.user).bind(3, partyUid).bind(4, c->first);
    DA06_CHECK(up->run());
    if (m_db.changes() == 0) {
        return fail(ErrorCode::NotFound, "the case " + c->second.number + " has no party " + partyUid);
    }
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "case.exception", "case:" + c->second.uid + " party:" + partyUid));
    return tx.commit();
}

Result<NotarialCase> NotaryService::complete(const std::string& caseRef)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "complete notarial cases"));
    DA06_TRY(c, loadCase(m_db, caseRef));
    DA06_CHECK(requireOpen(c->second, "complete it"));
    if (c->second.parties.empty()) {
        return fail(ErrorCode::InvalidInput,
                    "the case " + c->second.number + " has no party: add and verify the parties first");
    }
    const auto blocking = c->second.blockingParties();
    if (!blocking.empty()) {
        std::string roles;
        for (const CaseParty& p : c->second.parties) {
            if (std::find(blocking.begin(), blocking.end(), p.uid) != blocking.end()) {
                roles += (roles.empty() ? "" : ", ") + partyRoleLabel(p.role);
            }
        }
        return fail(ErrorCode::InvalidInput, "the case " + c->second.number +
                                                 " cannot be completed: " + std::to_string(blocking.size()) +
                                                 " party(ies) lack a passing identity check (" + roles +
                                                 "); verify them, or record an exception with its reason");
    }
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(up,
             m_db.prepare("UPDATE notarial_case SET status = 'completed', closed_by = ?, closed_at = ? WHERE id = ?"));
    up->bind(1, m_actor.user).bind(2, m_clock.nowIso8601()).bind(3, c->first);
    DA06_CHECK(up->run());
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "case.complete", "case:" + c->second.uid));
    DA06_CHECK(tx.commit());
    DA06_TRY(after, loadCase(m_db, c->second.uid));
    return std::move(after->second);
}

Status NotaryService::cancel(const std::string& caseRef, const std::string& reasonIn)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "cancel notarial cases"));
    DA06_TRY(reason, requiredText(reasonIn, "reason", 500));
    DA06_TRY(c, loadCase(m_db, caseRef));
    DA06_CHECK(requireOpen(c->second, "cancel it"));
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(up,
             m_db.prepare("UPDATE notarial_case SET status = 'cancelled', closed_by = ?, closed_at = ? WHERE id = ?"));
    up->bind(1, m_actor.user).bind(2, m_clock.nowIso8601()).bind(3, c->first);
    DA06_CHECK(up->run());
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "case.cancel", "case:" + c->second.uid));
    return tx.commit();
}

Result<CaseDocument> NotaryService::attachDocument(const std::string& caseRef, const std::string& fileNameIn,
                                                   const std::string& mediaTypeIn,
                                                   const std::vector<unsigned char>& data)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "attach documents to notarial cases"));
    DA06_TRY(fileName, requiredText(fileNameIn, "file name", 255));
    if (data.empty()) {
        return fail(ErrorCode::InvalidInput, "the document " + *fileName + " is empty");
    }
    if (data.size() > kMaxDocumentBytes) {
        return fail(ErrorCode::InvalidInput,
                    "the document " + *fileName + " is larger than 50 MiB: scan it at a lower resolution");
    }
    DA06_TRY(c, loadCase(m_db, caseRef));
    if (c->second.model != 4) {
        return fail(ErrorCode::InvalidInput, "documents for electronic certification belong to model 4 cases");
    }
    DA06_CHECK(requireOpen(c->second, "attach a document"));
    CaseDocument d;
    d.uid = work::randomId();
    d.fileName = *fileName;
    d.mediaType = mediaTypeIn.empty() ? mediaTypeFor(*fileName) : mediaTypeIn;
    d.size = static_cast<std::int64_t>(data.size());
    d.sha256 = work::sha256Hex(data.data(), data.size());
    d.addedAt = m_clock.nowIso8601();
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(ins, m_db.prepare("INSERT INTO case_document (uid, case_id, file_name, media_type, size, sha256, data, "
                               "added_by, added_at) VALUES (?,?,?,?,?,?,?,?,?)"));
    ins->bind(1, d.uid).bind(2, c->first).bind(3, d.fileName).bind(4, d.mediaType).bind(5, d.size).bind(6, d.sha256);
    ins->bindBlob(7, data.data(), data.size()).bind(8, m_actor.user).bind(9, d.addedAt);
    DA06_CHECK(ins->run());
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "case.document", "case:" + c->second.uid + " document:" + d.uid));
    DA06_CHECK(tx.commit());
    return d;
}

Result<std::vector<unsigned char>> NotaryService::documentData(const std::string& documentUid)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "read documents of notarial cases"));
    DA06_TRY(st, m_db.prepare("SELECT data FROM case_document WHERE uid = ?"));
    st->bind(1, documentUid);
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound, "there is no document " + documentUid);
    }
    return st->columnBlob(0);
}

Result<Certification> NotaryService::certify(const std::string& documentUid)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "certify documents"));
    DA06_TRY(st, m_db.prepare("SELECT d.certification, n.uid, n.status FROM case_document d JOIN notarial_case n "
                              "ON n.id = d.case_id WHERE d.uid = ?"));
    st->bind(1, documentUid);
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound, "there is no document " + documentUid);
    }
    if (!st->isNull(0)) {
        return fail(ErrorCode::AlreadyExists, "the document is already certified (" + st->columnText(0) + ")");
    }
    const std::string caseUid = st->columnText(1);
    if (st->columnText(2) == "cancelled") {
        return fail(ErrorCode::InvalidInput, "the case was cancelled: its documents cannot be certified");
    }
    const std::string reference = newReference("CT", m_clock.today());
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(up, m_db.prepare(
                     "UPDATE case_document SET certification = ?, certified_by = ?, certified_at = ? WHERE uid = ?"));
    up->bind(1, reference).bind(2, m_actor.user).bind(3, m_clock.nowIso8601()).bind(4, documentUid);
    DA06_CHECK(up->run());
    DA06_CHECK(
        audit::append(m_db, m_clock, m_actor, "case.certify", "case:" + caseUid + " certification:" + reference));
    DA06_CHECK(tx.commit());
    return certification(reference);
}

Result<Certification> NotaryService::certification(const std::string& reference)
{
    DA06_CHECK(access::require(m_actor, Permission::MakeChecks, "read certifications"));
    DA06_TRY(st, m_db.prepare("SELECT d.certification, n.number, d.file_name, d.sha256, d.size, d.certified_by, "
                              "d.certified_at FROM case_document d JOIN notarial_case n ON n.id = d.case_id "
                              "WHERE d.certification = ? OR d.uid = ?"));
    st->bind(1, reference).bind(2, reference);
    DA06_TRY(row, st->step());
    if (!*row || st->isNull(0)) {
        return fail(ErrorCode::NotFound, "there is no certification " + reference);
    }
    return Certification{st->columnText(0), st->columnText(1), st->columnText(2), st->columnText(3),
                         st->columnInt(4),  st->columnText(5), st->columnText(6)};
}

} // namespace da06::desk
