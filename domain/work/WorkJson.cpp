#include "domain/work/WorkJson.h"

namespace da06::work {

namespace {

json::Value deadlineJson(const plan::Deadline& d)
{
    json::Value o;
    o.set("kind", plan::deadlineKindName(d.kind));
    o.set("period", json::optText(d.period));
    o.set("year", d.year ? json::Value(*d.year) : json::Value(nullptr));
    o.set("due", json::optDate(d.due));
    return o;
}

} // namespace

json::Value unitToJson(const WorkUnit& u)
{
    json::Value o;
    o.set("id", u.id);
    o.set("name", u.name);
    o.set("kind", u.kind);
    o.set("level", u.level);
    o.set("parent", json::optText(u.parent));
    o.set("member_of", json::optText(u.memberOf));
    o.set("site_kind", json::optText(u.siteKind));
    json::Value aliases = json::Array{};
    for (const auto& a : u.aliases) {
        aliases.push(a);
    }
    o.set("aliases", aliases);
    return o;
}

json::Value assignmentToJson(const Assignment& a)
{
    json::Value o;
    o.set("uid", a.uid);
    o.set("model", a.modelNumber);
    o.set("model_title", a.modelTitle);
    o.set("unit", a.unitId);
    o.set("unit_name", a.unitName);
    o.set("role", plan::unitRoleName(a.role));
    o.set("source", assignmentSourceName(a.source));
    o.set("via", json::optText(a.via));
    return o;
}

json::Value taskToJson(const Task& t)
{
    json::Value o;
    o.set("id", static_cast<long long>(t.id));
    o.set("uid", t.uid);
    o.set("model", t.modelNumber);
    o.set("model_title", t.modelTitle);
    o.set("unit", t.unitId);
    o.set("unit_name", t.unitName);
    o.set("title", t.title);
    o.set("responsible", t.responsible);
    o.set("start", json::optDate(t.start));
    o.set("due", json::optDate(t.due));
    o.set("period", json::optText(t.period));
    o.set("status", taskStatusName(t.status));
    o.set("percent", t.percent);
    o.set("completed_on", json::optDate(t.completedOn));
    o.set("updated_at", t.updatedAt);
    return o;
}

json::Value taskStateToJson(const TaskState& s)
{
    json::Value o = taskToJson(s.task);
    o.set("state", deadlineStateName(s.eval.state));
    o.set("behind", s.eval.behind);
    o.set("days_left", s.eval.daysLeft ? json::Value(static_cast<long long>(*s.eval.daysLeft)) : json::Value(nullptr));
    o.set("expected_percent", s.eval.expectedPercent);
    return o;
}

json::Value taskDetailToJson(const TaskDetail& d)
{
    json::Value o = taskToJson(d.task);
    json::Value indicators = json::Array{};
    for (const auto& i : d.indicators) {
        json::Value v;
        v.set("uid", i.uid);
        v.set("name", i.name);
        v.set("unit_of_measure", i.unitOfMeasure);
        v.set("target", json::optNumber(i.target));
        v.set("actual", json::optNumber(i.actual));
        indicators.push(v);
    }
    o.set("indicators", indicators);
    json::Value notes = json::Array{};
    for (const auto& n : d.notes) {
        json::Value v;
        v.set("uid", n.uid);
        v.set("at", n.at);
        v.set("user", n.user);
        v.set("text", n.text);
        notes.push(v);
    }
    o.set("notes", notes);
    json::Value evidence = json::Array{};
    for (const auto& e : d.evidence) {
        json::Value v;
        v.set("uid", e.uid);
        v.set("file_name", e.fileName);
        v.set("media_type", e.mediaType);
        v.set("size", static_cast<long long>(e.size));
        v.set("sha256", e.sha256);
        v.set("added_at", e.addedAt);
        v.set("added_by", e.addedBy);
        evidence.push(v);
    }
    o.set("evidence", evidence);
    return o;
}

json::Value dashboardToJson(const Dashboard& d)
{
    json::Value o;
    o.set("unit", unitToJson(d.unit));
    o.set("as_of", d.asOf.toIso());
    json::Value models = json::Array{};
    for (const auto& m : d.models) {
        json::Value v = assignmentToJson(m.assignment);
        v.set("group", m.group);
        v.set("deadline", deadlineJson(m.deadline));
        v.set("tasks", m.summary.tasks);
        v.set("done", m.summary.done);
        v.set("overdue", m.summary.overdue);
        v.set("due_soon", m.summary.dueSoon);
        v.set("at_risk", m.summary.atRisk);
        v.set("percent", m.summary.percent);
        v.set("state", deadlineStateName(m.summary.state));
        models.push(v);
    }
    o.set("models", models);
    for (const auto& [key, list] :
         {std::pair{"overdue", &d.overdue}, std::pair{"due_soon", &d.dueSoon}, std::pair{"at_risk", &d.atRisk}}) {
        json::Value arr = json::Array{};
        for (const auto& s : *list) {
            arr.push(taskStateToJson(s));
        }
        o.set(key, arr);
    }
    o.set("open_tasks", d.openTasks);
    o.set("done_tasks", d.doneTasks);
    return o;
}

} // namespace da06::work
