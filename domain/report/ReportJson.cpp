#include "domain/report/ReportJson.h"

namespace da06::report {

namespace {

// json::Value::set returns the member it set; this returns the object, so that sets chain.
struct Obj {
    json::Value v = json::Object{};
    Obj& set(std::string key, json::Value value)
    {
        v.set(std::move(key), std::move(value));
        return *this;
    }
};

json::Value checksToJson(const CheckCounts& c)
{
    Obj o;
    o.set("available", c.available);
    o.set("note", c.note);
    json::Value rows = json::Array{};
    for (const auto& r : c.rows) {
        Obj x;
        x.set("model", r.model)
            .set("method", r.method)
            .set("outcome", r.outcome)
            .set("count", static_cast<long long>(r.count));
        rows.push(std::move(x.v));
    }
    o.set("rows", std::move(rows));
    return std::move(o.v);
}

std::string str(const json::Value& o, const char* key)
{
    const auto* v = o.find(key);
    return v && v->isString() ? v->asString() : std::string();
}

long long integer(const json::Value& o, const char* key)
{
    const auto* v = o.find(key);
    return v && v->isInteger() ? v->asInteger() : 0;
}

std::optional<double> optNum(const json::Value& o, const char* key)
{
    const auto* v = o.find(key);
    return v && v->isNumber() ? std::optional<double>(v->asDouble()) : std::nullopt;
}

work::DeadlineState stateFromName(const std::string& s)
{
    using work::DeadlineState;
    for (auto st :
         {DeadlineState::NoDeadline, DeadlineState::OnTrack, DeadlineState::AtRisk, DeadlineState::DueSoon,
          DeadlineState::Overdue, DeadlineState::DoneOnTime, DeadlineState::DoneLate, DeadlineState::Cancelled}) {
        if (s == work::deadlineStateName(st)) {
            return st;
        }
    }
    return DeadlineState::NoDeadline;
}

} // namespace

json::Value periodToJson(const Period& p)
{
    Obj o;
    o.set("key", p.key()).set("kind", periodKindName(p.kind)).set("name", p.vietnameseName());
    o.set("data_from", p.dataFrom.toIso()).set("data_to", p.dataTo.toIso()).set("due", p.due.toIso());
    o.set("locked_after", p.lockedAfter.toIso());
    return std::move(o.v);
}

json::Value figuresToJson(const UnitReport& r)
{
    Obj o;
    o.set("as_of", r.asOf.toIso());
    json::Value models = json::Array{};
    for (const auto& m : r.models) {
        Obj x;
        x.set("number", m.number).set("group", m.group).set("title", m.title).set("role", m.role);
        x.set("deadline_kind", m.deadlineKind).set("due", m.due ? json::Value(m.due->toIso()) : json::Value());
        x.set("state", work::deadlineStateName(m.state)).set("outcome", modelOutcomeName(m.outcome()));
        x.set("percent", m.percent).set("tasks", m.tasks).set("done", m.done).set("overdue", m.overdue);
        x.set("at_risk", m.atRisk).set("due_soon", m.dueSoon);
        json::Value inds = json::Array{};
        for (const auto& i : m.indicators) {
            Obj y;
            y.set("name", i.name).set("unit_of_measure", i.unitOfMeasure).set("target", json::optNumber(i.target));
            y.set("actual", json::optNumber(i.actual));
            inds.push(std::move(y.v));
        }
        x.set("indicators", std::move(inds));
        models.push(std::move(x.v));
    }
    o.set("models", std::move(models));
    o.set("checks", checksToJson(r.checks));
    return std::move(o.v);
}

Status figuresFromJson(const json::Value& v, UnitReport& r)
{
    if (!v.isObject()) {
        return fail(ErrorCode::StoreDamaged, "the stored figures of a report are not a JSON object");
    }
    if (auto d = Date::parseIso(str(v, "as_of"))) {
        r.asOf = *d;
    }
    r.models.clear();
    if (const auto* models = v.find("models"); models && models->isArray()) {
        for (const auto& x : models->asArray()) {
            ModelLine m;
            m.number = static_cast<int>(integer(x, "number"));
            m.group = str(x, "group");
            m.title = str(x, "title");
            m.role = str(x, "role");
            m.deadlineKind = str(x, "deadline_kind");
            m.due = Date::parseIso(str(x, "due"));
            m.state = stateFromName(str(x, "state"));
            m.percent = static_cast<int>(integer(x, "percent"));
            m.tasks = static_cast<int>(integer(x, "tasks"));
            m.done = static_cast<int>(integer(x, "done"));
            m.overdue = static_cast<int>(integer(x, "overdue"));
            m.atRisk = static_cast<int>(integer(x, "at_risk"));
            m.dueSoon = static_cast<int>(integer(x, "due_soon"));
            if (const auto* inds = x.find("indicators"); inds && inds->isArray()) {
                for (const auto& y : inds->asArray()) {
                    m.indicators.push_back(
                        {str(y, "name"), str(y, "unit_of_measure"), optNum(y, "target"), optNum(y, "actual")});
                }
            }
            r.models.push_back(std::move(m));
        }
    }
    r.checks = {};
    if (const auto* c = v.find("checks"); c && c->isObject()) {
        const auto* avail = c->find("available");
        r.checks.available = avail && avail->isBool() && avail->asBool();
        r.checks.note = str(*c, "note");
        if (const auto* rows = c->find("rows"); rows && rows->isArray()) {
            for (const auto& x : rows->asArray()) {
                r.checks.rows.push_back(
                    {static_cast<int>(integer(x, "model")), str(x, "method"), str(x, "outcome"), integer(x, "count")});
            }
        }
    }
    return {};
}

json::Value unitReportToJson(const UnitReport& r)
{
    Obj o;
    o.set("kind", "unit_report").set("uid", r.uid).set("plan", r.planKey).set("plan_title", r.planTitle);
    o.set("unit", r.unitId).set("unit_name", r.unitName).set("parent_name", r.parentName);
    o.set("period", periodToJson(r.period));
    o.set("status", r.status ? json::Value(reportStatusName(*r.status)) : json::Value("none"));
    o.set("locked", r.locked).set("frozen", r.frozen);
    Obj summary;
    summary.set("models", static_cast<int>(r.models.size())).set("lead", r.leadModels());
    summary.set("coordinating", static_cast<int>(r.models.size()) - r.leadModels());
    summary.set("done", r.countOutcome(ModelOutcome::Done))
        .set("in_progress", r.countOutcome(ModelOutcome::InProgress));
    summary.set("late", r.countOutcome(ModelOutcome::Late))
        .set("not_started", r.countOutcome(ModelOutcome::NotStarted));
    summary.set("mean_percent", r.meanPercent());
    o.set("summary", std::move(summary.v));
    json::Value figures = figuresToJson(r);
    for (auto& [k, v] : figures.asObject()) {
        o.set(k, v);
    }
    Obj n;
    n.set("results", r.narrative.results).set("difficulties", r.narrative.difficulties);
    n.set("proposals", r.narrative.proposals).set("next_plan", r.narrative.nextPlan);
    o.set("narrative", std::move(n.v));
    o.set("doc_number", r.docNumber).set("signer", r.signer);
    o.set("submitted_at", json::optText(r.submittedAt)).set("first_submitted_at", json::optText(r.firstSubmittedAt));
    o.set("submitted_by", json::optText(r.submittedBy)).set("reviewed_at", json::optText(r.reviewedAt));
    o.set("reviewed_by", json::optText(r.reviewedBy)).set("review_comment", json::optText(r.reviewComment));
    return std::move(o.v);
}

json::Value compilationToJson(const Compilation& c)
{
    Obj o;
    o.set("kind", "compilation").set("level", c.level).set("scope", c.scopeId).set("scope_name", c.scopeName);
    o.set("plan_title", c.planTitle).set("period", periodToJson(c.period)).set("as_of", c.asOf.toIso());
    o.set("expected", c.expected).set("received", c.received).set("on_time", c.onTime).set("returned", c.returned);
    o.set("missing", c.missing).set("completeness", c.completeness).set("timeliness", c.timeliness);
    json::Value units = json::Array{};
    for (const auto& u : c.units) {
        Obj x;
        x.set("unit", u.unitId).set("name", u.unitName).set("kind", u.kind);
        x.set("status", u.status ? json::Value(reportStatusName(*u.status)) : json::Value("missing"));
        x.set("expected", u.expected).set("received", u.received).set("on_time", u.onTime).set("returned", u.returned);
        x.set("completeness", ratePercent(u.received, u.expected)).set("timeliness", ratePercent(u.onTime, u.expected));
        x.set("submitted_at", json::optText(u.submittedAt)).set("review_comment", json::optText(u.reviewComment));
        x.set("models", u.models).set("overdue_models", u.overdueModels).set("percent", u.percent);
        units.push(std::move(x.v));
    }
    o.set("units", std::move(units));
    json::Value models = json::Array{};
    for (const auto& m : c.models) {
        Obj x;
        x.set("number", m.number).set("group", m.group).set("title", m.title).set("units", m.units).set("done", m.done);
        x.set("in_progress", m.inProgress)
            .set("late", m.late)
            .set("not_started", m.notStarted)
            .set("percent", m.percent);
        models.push(std::move(x.v));
    }
    o.set("models", std::move(models));
    json::Value inds = json::Array{};
    for (const auto& i : c.indicators) {
        Obj x;
        x.set("model", i.model).set("name", i.name).set("unit_of_measure", i.unitOfMeasure).set("target", i.target);
        x.set("actual", i.actual).set("units", i.units);
        inds.push(std::move(x.v));
    }
    o.set("indicators", std::move(inds));
    o.set("checks", checksToJson(c.checks));
    json::Value overdue = json::Array{};
    for (const auto& m : c.overdue) {
        json::Value names = json::Array{};
        for (const auto& u : m.units) {
            names.push(u);
        }
        Obj x;
        x.set("number", m.number).set("title", m.title).set("units", std::move(names));
        overdue.push(std::move(x.v));
    }
    o.set("overdue", std::move(overdue));
    json::Value trends = json::Array{};
    for (const auto& t : c.trends) {
        Obj x;
        x.set("period", t.period).set("expected", t.expected).set("received", t.received).set("on_time", t.onTime);
        x.set("completeness", t.completeness).set("timeliness", t.timeliness).set("percent", t.percent);
        trends.push(std::move(x.v));
    }
    o.set("trends", std::move(trends));
    o.set("narrative", c.narrative).set("narrative_edited", c.narrativeEdited);
    return std::move(o.v);
}

} // namespace da06::report
