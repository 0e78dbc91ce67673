// JSON of a chip read (issue 6, `da06 idcheck chip --json`).
#include "client/readers/emrtd/ChipResultJson.h"

#include <cmath>

namespace da06::emrtd {

namespace {

json::Value textOrNull(const std::string& s)
{
    return s.empty() ? json::Value() : json::Value(s);
}

json::Value authJson(const char* result, const std::string& reason)
{
    json::Value o = json::Object{};
    o.set("result", result);
    o.set("reason", textOrNull(reason));
    return o;
}

} // namespace

json::Value chipResultToJson(const ChipReadResult& r, std::string (*translate)(const char*))
{
    json::Value o = json::Object{};
    o.set("access", textOrNull(r.access));
    if (r.mrz) {
        const chip::Td1Mrz& m = *r.mrz;
        json::Value mrz = json::Object{};
        mrz.set("document_code", m.documentCode);
        mrz.set("issuing_state", m.issuingState);
        mrz.set("document_number", m.documentNumber);
        mrz.set("id_number", textOrNull(m.idNumber12));
        mrz.set("date_of_birth", m.dateOfBirth);
        mrz.set("sex", m.sex == 'M' ? json::Value("M") : m.sex == 'F' ? json::Value("F") : json::Value());
        mrz.set("date_of_expiry", m.dateOfExpiry);
        mrz.set("nationality", m.nationality);
        mrz.set("surname", m.surname);
        mrz.set("given_names", m.givenNames);
        o.set("mrz", mrz);
    } else {
        o.set("mrz", json::Value());
    }
    if (r.dg13) {
        const chip::Dg13& d = *r.dg13;
        json::Value g = json::Object{};
        g.set("id_number", textOrNull(d.idNumber));
        g.set("full_name", textOrNull(d.fullName));
        g.set("date_of_birth", textOrNull(d.dateOfBirth));
        g.set("sex", textOrNull(d.sex));
        g.set("nationality", textOrNull(d.nationality));
        g.set("ethnicity", textOrNull(d.ethnicity));
        g.set("religion", textOrNull(d.religion));
        g.set("place_of_origin", textOrNull(d.placeOfOrigin));
        g.set("place_of_residence", textOrNull(d.placeOfResidence));
        g.set("identifying_features", textOrNull(d.identifyingFeatures));
        g.set("issue_date", textOrNull(d.issueDate));
        g.set("expiry_date", textOrNull(d.expiryDate));
        g.set("father_name", textOrNull(d.fatherName));
        g.set("mother_name", textOrNull(d.motherName));
        g.set("spouse_name", textOrNull(d.spouseName));
        g.set("old_id_number", textOrNull(d.oldIdNumber));
        o.set("dg13", g);
    } else {
        o.set("dg13", json::Value());
    }
    o.set("passive_authentication",
          authJson(paResultName(r.passiveAuthentication.result), r.passiveAuthentication.reason));
    o.set("chip_authentication",
          authJson(authOutcomeName(r.chipAuthentication.outcome),
                   r.chipAuthentication.outcome == AuthOutcome::Passed ? "" : r.chipAuthentication.detail));
    o.set("active_authentication",
          authJson(authOutcomeName(r.activeAuthentication.outcome),
                   r.activeAuthentication.outcome == AuthOutcome::Passed ? "" : r.activeAuthentication.detail));
    if (r.face) {
        json::Value p = json::Object{};
        p.set("format", chip::imageFormatName(r.face->format));
        p.set("width", r.facePixels ? r.facePixels->width : r.face->declaredWidth);
        p.set("height", r.facePixels ? r.facePixels->height : r.face->declaredHeight);
        p.set("bytes", static_cast<long long>(r.face->data.size()));
        p.set("error", textOrNull(r.faceError));
        o.set("photo", p);
    } else {
        o.set("photo", json::Value());
    }
    json::Value findings = json::Array{};
    for (const chip::ChipFinding& f : r.crossCheck) {
        json::Value fo = json::Object{};
        fo.set("code", f.code());
        fo.set("severity", f.isError() ? "error" : "warning");
        fo.set("message", f.message().text(translate));
        findings.push(fo);
    }
    o.set("cross_check", findings);
    o.set("apdu_count", static_cast<long long>(r.apduCount));
    o.set("le", r.learnedLe);
    json::Value timings = json::Object{};
    for (const StepTiming& t : r.timings) {
        timings.set(t.step, std::round(t.milliseconds * 10.0) / 10.0);
    }
    o.set("timings_ms", timings);
    json::Value notes = json::Array{};
    for (const std::string& n : r.notes) {
        notes.push(n);
    }
    o.set("notes", notes);
    return o;
}

} // namespace da06::emrtd
