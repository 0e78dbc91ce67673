#include "domain/desk/DeskJson.h"

namespace da06::desk {

namespace {

json::Value stringArray(const std::vector<std::string>& v)
{
    json::Value arr = json::Array{};
    for (const auto& s : v) {
        arr.push(s);
    }
    return arr;
}

json::Value verificationsToJson(const std::vector<Verification>& list)
{
    json::Value arr = json::Array{};
    for (const auto& v : list) {
        json::Value x;
        x.set("name", v.name);
        x.set("result", v.result);
        x.set("detail", v.detail);
        arr.push(std::move(x));
    }
    return arr;
}

json::Value findingsToJson(const std::vector<CheckFinding>& list)
{
    json::Value arr = json::Array{};
    for (const auto& f : list) {
        json::Value x;
        x.set("code", f.code);
        x.set("severity", f.severity);
        x.set("message", f.message);
        arr.push(std::move(x));
    }
    return arr;
}

json::Value partyToJson(const CaseParty& p)
{
    json::Value x;
    x.set("uid", p.uid);
    x.set("role", p.role);
    x.set("name", json::optText(p.name));
    x.set("check_uid", json::optText(p.checkUid));
    x.set("check_reference", json::optText(p.checkReference));
    x.set("check_outcome", p.checkOutcome ? json::Value(outcomeName(*p.checkOutcome)) : json::Value(nullptr));
    x.set("check_method", p.checkMethod ? json::Value(methodName(*p.checkMethod)) : json::Value(nullptr));
    x.set("passing", p.passing);
    x.set("exception", json::optText(p.exception));
    return x;
}

// The attached document's fields, then its certification.
json::Value storedDocumentToJson(const CaseDocument& d)
{
    json::Value x = caseDocumentToJson(d);
    x.set("added_at", d.addedAt);
    x.set("certification", json::optText(d.certification));
    x.set("certified_by", json::optText(d.certifiedBy));
    x.set("certified_at", json::optText(d.certifiedAt));
    return x;
}

} // namespace

json::Value identityToJson(const CheckedIdentity& id)
{
    json::Value o;
    o.set("id_number", id.idNumber);
    o.set("old_id_number", id.oldIdNumber);
    o.set("full_name", id.fullName);
    o.set("date_of_birth", json::optDate(id.dateOfBirth));
    o.set("sex", id.sex);
    o.set("address", id.address);
    o.set("issue_date", json::optDate(id.issueDate));
    o.set("expiry_date", json::optDate(id.expiryDate));
    o.set("expired", id.expired ? json::Value(*id.expired) : json::Value(nullptr));
    return o;
}

json::Value checkToJson(const CheckRecord& r)
{
    json::Value o;
    o.set("uid", r.uid);
    o.set("reference", r.reference);
    o.set("unit", r.unitCode);
    o.set("model", r.model);
    o.set("method", methodName(r.method));
    o.set("outcome", outcomeName(r.outcome));
    o.set("passing", r.passing());
    o.set("manual_reason", r.manualReason);
    o.set("operator", r.operatorName);
    o.set("checked_at", r.checkedAt);
    o.set("consent", consentName(r.consent));
    o.set("consent_note", r.consentNote);
    o.set("verifications", verificationsToJson(r.verifications));
    o.set("finding_codes", stringArray(r.findingCodes));
    if (r.attachedKind) {
        json::Value at;
        at.set("kind", *r.attachedKind);
        at.set("uid", json::optText(r.attachedUid));
        o.set("attached", at);
    } else {
        o.set("attached", nullptr);
    }
    o.set("purge_after", r.purgeAfter.toIso());
    o.set("purged_at", json::optText(r.purgedAt));
    o.set("identity", r.identity ? identityToJson(*r.identity) : json::Value(nullptr));
    o.set("findings", findingsToJson(r.findings));
    return o;
}

json::Value purgeToJson(const PurgeResult& p)
{
    json::Value r;
    r.set("as_of", p.asOf.toIso());
    r.set("dry_run", p.dryRun);
    r.set("checks", p.checks);
    r.set("parties", p.parties);
    json::Value by = json::Object{};
    for (const auto& [m, n] : p.byModel) {
        by.set(std::to_string(m), n);
    }
    r.set("by_model", by);
    return r;
}

json::Value retentionToJson(const RetentionPolicy& p)
{
    json::Value r;
    json::Value days = json::Object{};
    for (int m : checkPurposes()) {
        days.set(std::to_string(m), p.daysFor(m));
    }
    r.set("days", days);
    r.set("other_days", p.otherDays);
    return r;
}

json::Value caseToJson(const NotarialCase& c)
{
    json::Value o;
    o.set("uid", c.uid);
    o.set("number", c.number);
    o.set("model", c.model);
    o.set("act_kind", c.actKind);
    o.set("title", c.title);
    o.set("status", caseStatusName(c.status));
    o.set("opened_by", c.openedBy);
    o.set("opened_at", c.openedAt);
    o.set("closed_by", json::optText(c.closedBy));
    o.set("closed_at", json::optText(c.closedAt));
    json::Value parties = json::Array{};
    for (const auto& p : c.parties) {
        parties.push(partyToJson(p));
    }
    o.set("parties", parties);
    json::Value docs = json::Array{};
    for (const auto& d : c.documents) {
        docs.push(storedDocumentToJson(d));
    }
    o.set("documents", docs);
    o.set("blocking_parties", stringArray(c.blockingParties()));
    return o;
}

json::Value caseDocumentToJson(const CaseDocument& d)
{
    json::Value x;
    x.set("uid", d.uid);
    x.set("file_name", d.fileName);
    x.set("media_type", d.mediaType);
    x.set("size", static_cast<long long>(d.size));
    x.set("sha256", d.sha256);
    return x;
}

json::Value certificationToJson(const Certification& c)
{
    json::Value o;
    o.set("reference", c.reference);
    o.set("case_number", c.caseNumber);
    o.set("file_name", c.fileName);
    o.set("sha256", c.sha256);
    o.set("size", static_cast<long long>(c.size));
    o.set("certified_by", c.certifiedBy);
    o.set("certified_at", c.certifiedAt);
    o.set("qr_payload", c.qrPayload());
    return o;
}

json::Value pawnToJson(const PawnContract& c)
{
    json::Value o;
    o.set("uid", c.uid);
    o.set("number", c.number);
    o.set("check_uid", c.checkUid);
    o.set("check_reference", c.checkReference);
    if (c.customer) {
        json::Value cu;
        cu.set("full_name", c.customer->fullName);
        cu.set("id_number", c.customer->idNumber);
        cu.set("date_of_birth", json::optDate(c.customer->dateOfBirth));
        cu.set("address", c.customer->address);
        o.set("customer", cu);
    } else {
        o.set("customer", nullptr);
    }
    o.set("item", c.item);
    o.set("value", static_cast<long long>(c.value));
    o.set("loan", static_cast<long long>(c.loan));
    o.set("interest", c.interest);
    o.set("start", c.start.toIso());
    o.set("due", c.due.toIso());
    o.set("status", pawnStatusName(c.status));
    o.set("closed", json::optDate(c.closed));
    o.set("alerts", stringArray(c.alerts));
    o.set("created_by", c.createdBy);
    o.set("created_at", c.createdAt);
    return o;
}

json::Value beneficiaryToJson(const Beneficiary& b)
{
    json::Value o;
    o.set("id", static_cast<long long>(b.id));
    o.set("list_uid", b.listUid);
    o.set("list_name", b.listName);
    o.set("id_number", b.idNumber);
    o.set("full_name", b.fullName);
    o.set("category", b.category);
    o.set("programme", b.programme);
    o.set("amount", static_cast<long long>(b.amount));
    o.set("period", b.period);
    return o;
}

json::Value payoutToJson(const Payout& p)
{
    json::Value o;
    o.set("uid", p.uid);
    o.set("reference", p.reference);
    o.set("beneficiary", static_cast<long long>(p.beneficiaryId));
    o.set("id_number", p.idNumber);
    o.set("full_name", p.fullName);
    o.set("category", p.category);
    o.set("programme", p.programme);
    o.set("period", p.period);
    o.set("amount", static_cast<long long>(p.amount));
    o.set("check_uid", p.checkUid);
    o.set("check_reference", p.checkReference);
    o.set("paid_by", p.paidBy);
    o.set("paid_at", p.paidAt);
    return o;
}

json::Value loanToJson(const LoanApplication& l)
{
    json::Value o;
    o.set("uid", l.uid);
    o.set("reference", l.reference);
    o.set("beneficiary", static_cast<long long>(l.beneficiaryId));
    o.set("full_name", l.fullName);
    o.set("programme", l.programme);
    o.set("amount", static_cast<long long>(l.amount));
    o.set("purpose", l.purpose);
    o.set("term_months", l.termMonths);
    o.set("status", l.status);
    o.set("check_uid", l.checkUid);
    o.set("created_by", l.createdBy);
    o.set("created_at", l.createdAt);
    return o;
}

json::Value welfareListToJson(const WelfareList& l)
{
    json::Value x;
    x.set("uid", l.uid);
    x.set("name", l.name);
    x.set("model", l.model);
    x.set("rows", l.rows);
    x.set("imported_by", l.importedBy);
    x.set("imported_at", l.importedAt);
    return x;
}

json::Value importToJson(const ImportResult& r)
{
    json::Value x;
    x.set("list_uid", r.listUid);
    x.set("imported", r.imported);
    json::Value problems = json::Array{};
    for (const auto& p : r.problems) {
        json::Value y;
        y.set("line", p.line);
        y.set("message", p.message);
        problems.push(std::move(y));
    }
    x.set("problems", problems);
    return x;
}

json::Value matchToJson(const Match& m)
{
    json::Value x;
    x.set("eligibility", eligibilityName(m.eligibility));
    json::Value entries = json::Array{};
    for (const auto& b : m.entries) {
        entries.push(beneficiaryToJson(b));
    }
    x.set("entries", entries);
    x.set("name_differs", m.nameDiffers);
    x.set("paid_references", stringArray(m.paidReferences));
    return x;
}

json::Value reconciliationToJson(const ReconciliationResult& r)
{
    json::Value x;
    x.set("period", r.period);
    json::Value lines = json::Array{};
    for (const auto& l : r.lines) {
        json::Value y;
        y.set("programme", l.programme);
        y.set("category", l.category);
        y.set("period", l.period);
        y.set("listed", l.listed);
        y.set("paid", l.paid);
        y.set("listed_amount", static_cast<long long>(l.listedAmount));
        y.set("paid_amount", static_cast<long long>(l.paidAmount));
        lines.push(std::move(y));
    }
    x.set("lines", lines);
    json::Value unpaid = json::Array{};
    for (const auto& b : r.unpaid) {
        unpaid.push(beneficiaryToJson(b));
    }
    x.set("unpaid", unpaid);
    return x;
}

} // namespace da06::desk
