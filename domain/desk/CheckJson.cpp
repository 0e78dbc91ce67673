// The identity of a check from the JSON of `da06 idcheck qr --json` and `da06 idcheck chip --json`
// (see identity/CccdJson.h and client/readers/emrtd/ChipResultJson.cpp for the two shapes).
#include <string>

#include "domain/desk/CheckTypes.h"
#include "domain/identity/IdNumber.h"
#include "domain/identity/chip/ChipCrossCheck.h"

namespace da06::desk {

namespace {

std::string text(const json::Value& o, std::string_view key)
{
    const json::Value* v = o.find(key);
    return v && v->isString() ? v->asString() : std::string();
}

const json::Value* object(const json::Value& o, std::string_view key)
{
    const json::Value* v = o.find(key);
    return v && v->isObject() ? v : nullptr;
}

std::optional<Date> isoDate(const json::Value& o, std::string_view key)
{
    const std::string s = text(o, key);
    return s.empty() ? std::nullopt : Date::parseIso(s);
}

void addFindings(const json::Value* arr, const char* severity, std::vector<CheckFinding>& out)
{
    if (!arr || !arr->isArray()) {
        return;
    }
    for (const json::Value& f : arr->asArray()) {
        if (!f.isObject()) {
            continue;
        }
        std::string sev = text(f, "severity");
        out.push_back(CheckFinding{text(f, "code"), sev.empty() ? std::string(severity) : sev, text(f, "message")});
    }
}

Result<CheckInput> fromQr(const json::Value& o, const Date& asOf)
{
    CheckInput in;
    in.method = CheckMethod::Qr;
    CheckedIdentity& id = in.identity;
    id.idNumber = text(o, "id_number");
    id.oldIdNumber = text(o, "old_id_number");
    id.fullName = text(o, "full_name");
    id.dateOfBirth = isoDate(o, "date_of_birth");
    id.sex = text(o, "sex");
    id.address = text(o, "address");
    id.issueDate = isoDate(o, "issue_date");
    id.expiryDate = isoDate(o, "expiry_date");
    if (const json::Value* e = o.find("expired"); e && e->isBool()) {
        id.expired = e->asBool();
    } else if (id.expiryDate) {
        id.expired = asOf > *id.expiryDate;
    }
    addFindings(o.find("errors"), "error", in.findings);
    addFindings(o.find("warnings"), "warning", in.findings);
    const json::Value* valid = o.find("valid");
    const bool isValid = valid && valid->isBool() && valid->asBool();
    bool errors = !isValid;
    bool warnings = false;
    for (const CheckFinding& f : in.findings) {
        errors = errors || f.severity == "error";
        warnings = warnings || f.severity == "warning";
    }
    in.outcome = errors ? CheckOutcome::Invalid : warnings ? CheckOutcome::Warning : CheckOutcome::Valid;
    in.verifications.push_back(Verification{"qr_code", errors ? "invalid" : "valid", ""});
    return in;
}

Result<CheckInput> fromChip(const json::Value& o, const Date& asOf)
{
    CheckInput in;
    in.method = CheckMethod::Chip;
    CheckedIdentity& id = in.identity;
    if (const json::Value* g = object(o, "dg13")) {
        id.idNumber = text(*g, "id_number");
        id.oldIdNumber = text(*g, "old_id_number");
        id.fullName = text(*g, "full_name");
        id.dateOfBirth = chip::parseDg13Date(text(*g, "date_of_birth"));
        const std::string sex = text(*g, "sex");
        id.sex = sex == "Nam" ? "male" : sex == "Nữ" ? "female" : "";
        id.address = text(*g, "place_of_residence");
        id.issueDate = chip::parseDg13Date(text(*g, "issue_date"));
        id.expiryDate = chip::parseDg13Date(text(*g, "expiry_date"));
    }
    if (const json::Value* m = object(o, "mrz")) {
        if (id.idNumber.empty()) {
            id.idNumber = text(*m, "id_number");
        }
        if (id.fullName.empty()) {
            id.fullName = text(*m, "surname") + " " + text(*m, "given_names");
        }
        if (!id.dateOfBirth) {
            id.dateOfBirth = chip::mrzBirthDate(text(*m, "date_of_birth"), asOf);
        }
        if (id.sex.empty()) {
            const std::string sex = text(*m, "sex");
            id.sex = sex == "M" ? "male" : sex == "F" ? "female" : "";
        }
        if (!id.expiryDate) {
            id.expiryDate = chip::mrzExpiryDate(text(*m, "date_of_expiry"));
        }
    }
    if (id.expiryDate) {
        id.expired = asOf > *id.expiryDate;
    }
    bool failed = false;
    std::string pa = "unverified";
    for (const char* name : {"passive_authentication", "chip_authentication", "active_authentication"}) {
        const json::Value* a = object(o, name);
        if (!a) {
            return fail(ErrorCode::InvalidInput, std::string("the chip JSON has no ") + name + " object");
        }
        Verification v{name, text(*a, "result"), text(*a, "reason")};
        failed = failed || v.result == "failed";
        if (v.name == "passive_authentication") {
            pa = v.result;
        }
        in.verifications.push_back(std::move(v));
    }
    addFindings(o.find("cross_check"), "warning", in.findings);
    bool errors = failed;
    bool warnings = false;
    for (const CheckFinding& f : in.findings) {
        errors = errors || f.severity == "error";
        warnings = warnings || f.severity == "warning";
    }
    if (id.expired.value_or(false)) {
        in.findings.push_back(CheckFinding{"card_expired", "error", "The card has expired."});
        errors = true;
    }
    in.outcome = errors             ? CheckOutcome::Invalid
                 : pa != "verified" ? CheckOutcome::Unverified
                 : warnings         ? CheckOutcome::Warning
                                    : CheckOutcome::Valid;
    return in;
}

} // namespace

Result<CheckInput> checkFromJson(const json::Value& v, const Date& asOf)
{
    const json::Value* o = &v;
    if (v.isArray()) {
        const auto& arr = v.asArray();
        if (arr.empty()) {
            return fail(ErrorCode::InvalidInput, "the JSON holds no QR code (the scan found none)");
        }
        if (arr.size() > 1) {
            return fail(ErrorCode::InvalidInput, "the JSON holds " + std::to_string(arr.size()) +
                                                     " QR codes: check one card at a time (scan the card alone)");
        }
        o = &arr.front();
    }
    if (!o->isObject()) {
        return fail(ErrorCode::InvalidInput, "the JSON is not the output of `da06 idcheck qr|chip --json`");
    }
    Result<CheckInput> in = fail(ErrorCode::InvalidInput, "");
    if (o->find("passive_authentication") || o->find("dg13")) {
        in = fromChip(*o, asOf);
    } else if (o->find("id_number") && o->find("valid")) {
        in = fromQr(*o, asOf);
    } else {
        return fail(
            ErrorCode::InvalidInput,
            "the JSON is neither a QR check nor a chip read (expected the output of `da06 idcheck qr|chip --json`)");
    }
    if (!in) {
        return in;
    }
    if (!identity::decodeIdNumber(in->identity.idNumber)) {
        return fail(ErrorCode::InvalidInput,
                    "the identity in the JSON has no 12-digit ID number: it cannot be recorded as a check");
    }
    return in;
}

Result<CheckInput> checkFromJsonText(std::string_view text, const Date& asOf)
{
    auto v = json::parse(text);
    if (!v) {
        return fail(ErrorCode::InvalidInput, "the check JSON cannot be read: " + v.error().message);
    }
    return checkFromJson(*v, asOf);
}

} // namespace da06::desk
