#include "domain/plan/PlanJson.h"

namespace da06::plan {

namespace {

json::Value stringArray(const std::vector<std::string>& v)
{
    json::Value a = json::Array{};
    for (const auto& s : v) {
        a.push(s);
    }
    return a;
}

} // namespace

json::Value deadlineToJson(const Deadline& d)
{
    json::Value o;
    o.set("kind", deadlineKindName(d.kind));
    o.set("due", d.due ? json::Value(d.due->toIso()) : json::Value(nullptr));
    o.set("period", json::optText(d.period));
    o.set("year", d.year ? json::Value(*d.year) : json::Value(nullptr));
    return o;
}

json::Value modelSummaryToJson(const StoredModel& sm)
{
    const Model& m = sm.model;
    json::Value o;
    o.set("number", m.number);
    o.set("group", m.group);
    o.set("title", m.title);
    o.set("deadline", deadlineToJson(m.deadline));
    o.set("lead_units", stringArray(sm.leadUnitNames));
    o.set("coordinating_units", stringArray(sm.coordinatingUnitNames));
    json::Value funding;
    funding.set("kind", fundingKindName(m.funding.kind));
    // The document's wording where it has one; else the equipment named; else null.
    funding.set("text", m.original.funding ? json::Value(*m.original.funding) : json::optText(m.funding.equipment));
    funding.set("equipment", json::optText(m.funding.equipment));
    o.set("funding", std::move(funding));
    o.set("tools", stringArray(m.tools));
    return o;
}

json::Value modelDetailToJson(const StoredModel& sm)
{
    const Model& m = sm.model;
    json::Value o = modelSummaryToJson(sm);
    o.set("group_title", sm.groupTitle);
    o.set("target", json::optText(m.target));
    o.set("objective", json::optText(m.objective));
    o.set("forces", json::optText(m.forces));
    o.set("lead_unit_ids", stringArray(m.leadUnits));
    o.set("coordinating_unit_ids", stringArray(m.coordinatingUnits));
    json::Value orig;
    orig.set("target", json::optText(m.original.target));
    orig.set("objective", json::optText(m.original.objective));
    orig.set("assignment", json::optText(m.original.assignment));
    orig.set("forces", json::optText(m.original.forces));
    orig.set("deadline", json::optText(m.original.deadline));
    orig.set("tools", json::optText(m.original.tools));
    orig.set("funding", json::optText(m.original.funding));
    o.set("original", std::move(orig));
    return o;
}

} // namespace da06::plan
