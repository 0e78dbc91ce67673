#include "domain/plan/PlanParser.h"

#include <set>

#include "domain/core/Json.h"
#include "domain/plan/Deadline.h"

namespace da06::plan {

namespace {

using json::Value;

class Reader {
public:
    std::unexpected<Error> error(const Value& at, const std::string& path, const std::string& what) const
    {
        std::string where = path;
        if (at.position().line > 0) {
            where += " (" + json::describe(at.position()) + ")";
        }
        return fail(ErrorCode::InvalidInput, "invalid plan file at " + where + ": " + what);
    }

    Result<const Value*> member(const Value& obj, const std::string& path, std::string_view key, Value::Type type,
                                bool required) const
    {
        const Value* v = obj.find(key);
        if (!v || (v->isNull() && !required)) {
            if (required) {
                return error(obj, path, "the required key \"" + std::string(key) + "\" is missing");
            }
            return static_cast<const Value*>(nullptr);
        }
        const bool ok = type == Value::Type::Double ? v->isNumber() : v->type() == type;
        if (!ok) {
            return error(*v, path + "." + std::string(key),
                         std::string("expected ") + Value::typeName(type) + ", found " + Value::typeName(v->type()));
        }
        return v;
    }

    Result<std::string> requiredString(const Value& obj, const std::string& path, std::string_view key,
                                       bool nonEmpty = true) const
    {
        auto v = member(obj, path, key, Value::Type::String, true);
        if (!v) {
            return std::unexpected(v.error());
        }
        if (nonEmpty && (*v)->asString().empty()) {
            return error(**v, path + "." + std::string(key), "must not be empty");
        }
        return (*v)->asString();
    }

    Result<std::optional<std::string>> optionalString(const Value& obj, const std::string& path,
                                                      std::string_view key) const
    {
        auto v = member(obj, path, key, Value::Type::String, false);
        if (!v) {
            return std::unexpected(v.error());
        }
        if (!*v || (*v)->asString().empty()) {
            return std::optional<std::string>();
        }
        return std::optional<std::string>((*v)->asString());
    }

    Result<std::vector<std::string>> stringArray(const Value& obj, const std::string& path, std::string_view key) const
    {
        auto v = member(obj, path, key, Value::Type::ArrayValue, false);
        if (!v) {
            return std::unexpected(v.error());
        }
        std::vector<std::string> out;
        if (!*v) {
            return out;
        }
        const auto& arr = (*v)->asArray();
        for (std::size_t i = 0; i < arr.size(); ++i) {
            if (!arr[i].isString()) {
                return error(arr[i], path + "." + std::string(key) + "[" + std::to_string(i) + "]", "expected string");
            }
            out.push_back(arr[i].asString());
        }
        return out;
    }
};

bool isUnitId(const std::string& s)
{
    if (s.empty()) {
        return false;
    }
    for (char c : s) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return false;
        }
    }
    return true;
}

} // namespace

Result<Plan> parsePlan(std::string_view jsonText)
{
    auto doc = json::parse(jsonText);
    if (!doc) {
        return fail(ErrorCode::InvalidInput, "invalid plan file: " + doc.error().message);
    }
    const Reader r;
    const Value& root = *doc;
    if (!root.isObject()) {
        return r.error(root, "$", "the file must hold one JSON object");
    }
    Plan plan;
    DA06_TRY(format, r.requiredString(root, "$", "format"));
    if (*format != "da06-plan") {
        return r.error(*root.find("format"), "$.format", "expected \"da06-plan\", found \"" + *format + "\"");
    }
    DA06_TRY(version, r.member(root, "$", "format_version", Value::Type::Integer, true));
    if ((*version)->asInteger() > kPlanFormatVersion || (*version)->asInteger() < 1) {
        return r.error(**version, "$.format_version",
                       "version " + std::to_string((*version)->asInteger()) +
                           " is not supported (this program reads version " + std::to_string(kPlanFormatVersion) +
                           "); update DA06 Desk");
    }
    DA06_TRY(id, r.requiredString(root, "$", "id"));
    plan.id = *id;
    DA06_TRY(title, r.requiredString(root, "$", "title"));
    plan.title = *title;
    DA06_TRY(issuer, r.optionalString(root, "$", "issuer"));
    plan.issuer = issuer->value_or("");
    DA06_TRY(province, r.optionalString(root, "$", "province"));
    plan.province = province->value_or("");
    DA06_TRY(issued, r.optionalString(root, "$", "issued"));
    if (*issued) {
        plan.issued = Date::parseIso(**issued);
        if (!plan.issued) {
            return r.error(*root.find("issued"), "$.issued", "not a date of the form YYYY-MM-DD: \"" + **issued + "\"");
        }
    }
    DA06_TRY(start, r.optionalString(root, "$", "start"));
    if (*start) {
        if (!periodEnd(**start) || (*start)->find('Q') != std::string::npos) {
            return r.error(*root.find("start"), "$.start", "not a month of the form YYYY-MM: \"" + **start + "\"");
        }
        plan.start = **start;
    }
    DA06_TRY(reporting, r.member(root, "$", "reporting", Value::Type::ObjectValue, false));
    if (*reporting) {
        for (auto [key, target] : {std::pair<const char*, int*>{"due_day", &plan.reporting.dueDay},
                                   std::pair<const char*, int*>{"cutoff_day", &plan.reporting.cutoffDay}}) {
            DA06_TRY(day, r.member(**reporting, "$.reporting", key, Value::Type::Integer, false));
            if (*day) {
                const auto d = (*day)->asInteger();
                if (d < 1 || d > 28) {
                    return r.error(**day, std::string("$.reporting.") + key,
                                   "a day of the month between 1 and 28 was expected");
                }
                *target = static_cast<int>(d);
            }
        }
    }

    // Groups.
    DA06_TRY(groups, r.member(root, "$", "groups", Value::Type::ArrayValue, true));
    std::set<std::string> groupCodes;
    for (std::size_t i = 0; i < (*groups)->asArray().size(); ++i) {
        const Value& g = (*groups)->asArray()[i];
        const std::string path = "$.groups[" + std::to_string(i) + "]";
        if (!g.isObject()) {
            return r.error(g, path, "expected object");
        }
        Group group;
        DA06_TRY(code, r.requiredString(g, path, "code"));
        group.code = *code;
        DA06_TRY(gtitle, r.requiredString(g, path, "title"));
        group.title = *gtitle;
        DA06_TRY(orig, r.optionalString(g, path, "original"));
        group.original = orig->value_or(group.title);
        if (!groupCodes.insert(group.code).second) {
            return r.error(g, path + ".code", "the group \"" + group.code + "\" appears twice");
        }
        plan.groups.push_back(std::move(group));
    }

    // Units.
    DA06_TRY(units, r.member(root, "$", "units", Value::Type::ArrayValue, true));
    std::set<std::string> unitIds;
    for (std::size_t i = 0; i < (*units)->asArray().size(); ++i) {
        const Value& u = (*units)->asArray()[i];
        const std::string path = "$.units[" + std::to_string(i) + "]";
        if (!u.isObject()) {
            return r.error(u, path, "expected object");
        }
        Unit unit;
        DA06_TRY(uid, r.requiredString(u, path, "id"));
        if (!isUnitId(*uid)) {
            return r.error(*u.find("id"), path + ".id", "a unit id uses only a-z, 0-9 and '-': \"" + *uid + "\"");
        }
        unit.id = *uid;
        DA06_TRY(name, r.requiredString(u, path, "name"));
        unit.name = *name;
        DA06_TRY(kind, r.optionalString(u, path, "kind"));
        unit.kind = kind->value_or("other");
        DA06_TRY(parent, r.optionalString(u, path, "parent"));
        unit.parent = *parent;
        DA06_TRY(aliases, r.stringArray(u, path, "aliases"));
        unit.aliases = *aliases;
        if (!unitIds.insert(unit.id).second) {
            return r.error(u, path + ".id", "the unit id \"" + unit.id + "\" appears twice");
        }
        plan.units.push_back(std::move(unit));
    }
    for (std::size_t i = 0; i < plan.units.size(); ++i) {
        if (plan.units[i].parent && !unitIds.contains(*plan.units[i].parent)) {
            const Value& u = (*units)->asArray()[i];
            return r.error(*u.find("parent"), "$.units[" + std::to_string(i) + "].parent",
                           "no unit has the id \"" + *plan.units[i].parent + "\"");
        }
    }

    // Models.
    DA06_TRY(models, r.member(root, "$", "models", Value::Type::ArrayValue, true));
    std::set<int> numbers;
    for (std::size_t i = 0; i < (*models)->asArray().size(); ++i) {
        const Value& m = (*models)->asArray()[i];
        const std::string path = "$.models[" + std::to_string(i) + "]";
        if (!m.isObject()) {
            return r.error(m, path, "expected object");
        }
        Model model;
        DA06_TRY(number, r.member(m, path, "number", Value::Type::Integer, true));
        if ((*number)->asInteger() < 1 || (*number)->asInteger() > 100000) {
            return r.error(**number, path + ".number", "a model number is a positive integer");
        }
        model.number = static_cast<int>((*number)->asInteger());
        if (!numbers.insert(model.number).second) {
            return r.error(**number, path + ".number",
                           "the model number " + std::to_string(model.number) + " appears twice");
        }
        DA06_TRY(group, r.requiredString(m, path, "group"));
        if (!groupCodes.contains(*group)) {
            return r.error(*m.find("group"), path + ".group", "no group has the code \"" + *group + "\"");
        }
        model.group = *group;
        DA06_TRY(mtitle, r.requiredString(m, path, "title"));
        model.title = *mtitle;
        DA06_TRY(target, r.optionalString(m, path, "target"));
        model.target = *target;
        DA06_TRY(objective, r.optionalString(m, path, "objective"));
        model.objective = *objective;
        DA06_TRY(forces, r.optionalString(m, path, "forces"));
        model.forces = *forces;
        for (auto [key, out] :
             {std::pair<const char*, std::vector<std::string>*>{"lead_units", &model.leadUnits},
              std::pair<const char*, std::vector<std::string>*>{"coordinating_units", &model.coordinatingUnits}}) {
            DA06_TRY(ids, r.stringArray(m, path, key));
            for (std::size_t k = 0; k < ids->size(); ++k) {
                if (!unitIds.contains((*ids)[k])) {
                    return r.error(m.find(key)->asArray()[k], path + "." + key + "[" + std::to_string(k) + "]",
                                   "no unit has the id \"" + (*ids)[k] + "\"");
                }
            }
            *out = *ids;
        }
        DA06_TRY(tools, r.stringArray(m, path, "tools"));
        model.tools = *tools;

        // Deadline.
        DA06_TRY(deadline, r.member(m, path, "deadline", Value::Type::ObjectValue, true));
        const Value& dl = **deadline;
        const std::string dpath = path + ".deadline";
        DA06_TRY(dkind, r.requiredString(dl, dpath, "kind"));
        auto kind = deadlineKindFromName(*dkind);
        if (!kind) {
            return r.error(*dl.find("kind"), dpath + ".kind",
                           "expected \"month\", \"quarter\", \"recurring\" or \"completed\", found \"" + *dkind + "\"");
        }
        model.deadline.kind = *kind;
        DA06_TRY(period, r.optionalString(dl, dpath, "period"));
        DA06_TRY(due, r.optionalString(dl, dpath, "due"));
        DA06_TRY(year, r.member(dl, dpath, "year", Value::Type::Integer, false));
        if (*kind == DeadlineKind::Month || *kind == DeadlineKind::Quarter) {
            if (!*period) {
                return r.error(dl, dpath, std::string("a ") + *dkind + " deadline needs \"period\"");
            }
            const bool quarterForm = (*period)->find('Q') != std::string::npos;
            auto end = periodEnd(**period);
            if (!end || quarterForm != (*kind == DeadlineKind::Quarter)) {
                return r.error(*dl.find("period"), dpath + ".period",
                               std::string("not a ") +
                                   (*kind == DeadlineKind::Month ? "month (YYYY-MM)" : "quarter (YYYY-Qn)") + ": \"" +
                                   **period + "\"");
            }
            if (*due) {
                auto d = Date::parseIso(**due);
                if (!d) {
                    return r.error(*dl.find("due"), dpath + ".due",
                                   "not a date of the form YYYY-MM-DD: \"" + **due + "\"");
                }
                if (*d != *end) {
                    return r.error(*dl.find("due"), dpath + ".due",
                                   "the due date must be the last day of " + **period + " (" + end->toIso() +
                                       "), found " + **due);
                }
            }
            model.deadline.period = **period;
            model.deadline.due = *end;
        } else {
            if (*due) {
                return r.error(*dl.find("due"), dpath + ".due",
                               std::string("a ") + *dkind + " deadline has no due date");
            }
            if (*kind == DeadlineKind::Completed && *year) {
                model.deadline.year = static_cast<int>((*year)->asInteger());
            }
        }

        // Funding.
        DA06_TRY(funding, r.member(m, path, "funding", Value::Type::ObjectValue, false));
        if (*funding) {
            DA06_TRY(fkind, r.requiredString(**funding, path + ".funding", "kind"));
            auto fk = fundingKindFromName(*fkind);
            if (!fk) {
                return r.error(*(*funding)->find("kind"), path + ".funding.kind",
                               "expected \"free\", \"funded\", \"self_equipped\" or \"unspecified\", found \"" +
                                   *fkind + "\"");
            }
            model.funding.kind = *fk;
            DA06_TRY(equipment, r.optionalString(**funding, path + ".funding", "equipment"));
            model.funding.equipment = *equipment;
        }

        // Original wording.
        DA06_TRY(original, r.member(m, path, "original", Value::Type::ObjectValue, false));
        if (*original) {
            const std::string opath = path + ".original";
            for (auto [key, out] :
                 {std::pair<const char*, std::optional<std::string>*>{"target", &model.original.target},
                  {"objective", &model.original.objective},
                  {"assignment", &model.original.assignment},
                  {"forces", &model.original.forces},
                  {"deadline", &model.original.deadline},
                  {"tools", &model.original.tools},
                  {"funding", &model.original.funding}}) {
                DA06_TRY(text, r.optionalString(**original, opath, key));
                *out = *text;
            }
        }
        plan.models.push_back(std::move(model));
    }
    if (plan.models.empty()) {
        return r.error(**models, "$.models", "a plan needs at least one model");
    }
    return plan;
}

void transformTexts(Plan& plan, const std::function<std::string(const std::string&)>& f)
{
    auto opt = [&](std::optional<std::string>& s) {
        if (s) {
            s = f(*s);
        }
    };
    plan.id = f(plan.id);
    plan.title = f(plan.title);
    plan.issuer = f(plan.issuer);
    plan.province = f(plan.province);
    for (auto& g : plan.groups) {
        g.title = f(g.title);
        g.original = f(g.original);
    }
    for (auto& u : plan.units) {
        u.name = f(u.name);
        u.kind = f(u.kind);
        for (auto& a : u.aliases) {
            a = f(a);
        }
    }
    for (auto& m : plan.models) {
        m.title = f(m.title);
        opt(m.target);
        opt(m.objective);
        opt(m.forces);
        for (auto& t : m.tools) {
            t = f(t);
        }
        opt(m.funding.equipment);
        opt(m.original.target);
        opt(m.original.objective);
        opt(m.original.assignment);
        opt(m.original.forces);
        opt(m.original.deadline);
        opt(m.original.tools);
        opt(m.original.funding);
    }
}

} // namespace da06::plan
