#include "domain/identity/CccdJson.h"

namespace da06::identity {

namespace {

json::Value textOrNull(const std::string& s)
{
    return s.empty() ? json::Value() : json::Value(s);
}

json::Value dateOrNull(const std::optional<Date>& d)
{
    return d ? json::Value(d->toIso()) : json::Value();
}

json::Value findingsJson(const std::vector<Finding>& findings, std::string (*translate)(const char*))
{
    json::Value arr = json::Array{};
    for (const Finding& f : findings) {
        json::Value o = json::Object{};
        o.set("code", f.code());
        o.set("message", f.message().text(translate));
        arr.push(std::move(o));
    }
    return arr;
}

} // namespace

json::Value cccdReportToJson(const CccdReport& r, std::string (*translate)(const char*))
{
    const CccdIdentity& id = r.identity;
    json::Value o = json::Object{};
    o.set("id_number", textOrNull(id.idNumber));
    o.set("old_id_number", textOrNull(id.oldIdNumber));
    o.set("full_name", textOrNull(id.fullName));
    o.set("date_of_birth", dateOrNull(id.dateOfBirth));
    o.set("sex", id.sex == Sex::Unknown ? json::Value() : json::Value(sexName(id.sex)));
    o.set("address", textOrNull(id.address));
    o.set("issue_date", dateOrNull(id.issueDate));
    o.set("expiry_date", r.expiry && r.expiry->expires ? json::Value(r.expiry->date.toIso()) : json::Value());
    o.set("expired", r.expired ? json::Value(*r.expired) : json::Value());
    if (r.provinceCode.empty()) {
        o.set("province_of_registration", json::Value());
    } else {
        json::Value p = json::Object{};
        p.set("code", r.provinceCode);
        p.set("name", r.province ? json::Value(std::string(r.province->name)) : json::Value());
        o.set("province_of_registration", std::move(p));
    }
    json::Value extra = json::Array{};
    for (const std::string& e : id.extraFields) {
        extra.push(e);
    }
    o.set("extra_fields", std::move(extra));
    o.set("warnings", findingsJson(r.warnings(), translate));
    o.set("errors", findingsJson(r.errors(), translate));
    o.set("valid", r.valid());
    return o;
}

} // namespace da06::identity
