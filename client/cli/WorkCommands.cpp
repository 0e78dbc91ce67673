// da06 units import|list, assign, tasks, deadlines, desk: carrying out the plan.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iomanip>

#include "cli/Commands.h"
#include "work/BundledUnits.h"
#include "work/ChangeLog.h"
#include "work/ProgressService.h"
#include "work/UnitFile.h"
#include "work/WorkJson.h"

namespace da06::cli {

namespace {

const char* const kTasksUsage =
    "usage: da06 tasks list [--unit U [--only]] [--model N] [--open] [--overdue] [--as-of DATE] [--search TEXT] [--json]\n"
    "       da06 tasks add MODEL [--unit U] --title T [--due DATE] [--start DATE] [--responsible NAME]\n"
    "                          [--status S] [--percent P] [--indicator NAME=VALUE]... [--note TEXT] [--json]\n"
    "       da06 tasks update ID [--status S] [--percent P] [--indicator NAME=VALUE]... [--note TEXT] [--title T]\n"
    "                            [--responsible NAME] [--due DATE|none] [--start DATE] [--json]\n"
    "       da06 tasks attach ID FILE\n"
    "       da06 tasks show ID [--json]\n"
    "       da06 tasks evidence EVIDENCE_ID --to FILE\n"
    "       da06 tasks monthly [--unit U] [--from YYYY-MM] [--through YYYY-MM]";

// Drops the sub-command word when the caller left it in front (e.g. "units import FILE").
void dropWord(Args& a, const char* word)
{
    if (!a.rest().empty() && a.rest().front() == word) {
        a.rest().erase(a.rest().begin());
    }
}

// YYYY-MM-DD or dd/MM/yyyy; a date that does not exist is refused.
std::optional<Date> parseDateArg(const std::string& s)
{
    if (auto d = Date::parseIso(s)) {
        return d;
    }
    if (s.size() == 10 && s[2] == '/' && s[5] == '/') {
        return Date::parseIso(s.substr(6, 4) + "-" + s.substr(3, 2) + "-" + s.substr(0, 2));
    }
    return std::nullopt;
}

// Reads an optional --NAME date; false (after printing the usage error) when it is not a date.
bool dateOption(Args& a, const std::string& name, std::optional<Date>& outDate, std::ostream& err, int& rc)
{
    auto v = a.option(name);
    if (!v) {
        return true;
    }
    outDate = parseDateArg(*v);
    if (!outDate) {
        rc = usageError(err, name + ": \"" + *v + "\" is not a date that exists (write YYYY-MM-DD or dd/mm/yyyy)");
        return false;
    }
    return true;
}

std::string dateText(const std::optional<Date>& d)
{
    return d ? d->toVietnamese() : "—";
}

std::string stateLabel(work::DeadlineState s)
{
    switch (s) {
    case work::DeadlineState::NoDeadline: return "no deadline";
    case work::DeadlineState::OnTrack: return "on track";
    case work::DeadlineState::AtRisk: return "AT RISK";
    case work::DeadlineState::DueSoon: return "DUE SOON";
    case work::DeadlineState::Overdue: return "OVERDUE";
    case work::DeadlineState::DoneOnTime: return "done on time";
    case work::DeadlineState::DoneLate: return "done late";
    case work::DeadlineState::Cancelled: return "cancelled";
    }
    return "";
}

void printTaskLine(std::ostream& out, const work::Task& t, const std::optional<work::DeadlineEvaluation>& e)
{
    out << padded("#" + std::to_string(t.id), 6) << " " << padded(dateText(t.due), 10) << "  "
        << padded(work::taskStatusName(t.status), 11) << " " << std::setw(3) << t.percent << "%  ";
    if (e) {
        out << padded(stateLabel(e->state) + (e->behind && e->state == work::DeadlineState::DueSoon ? ", behind" : ""), 17) << " ";
    }
    out << "M" << padded(std::to_string(t.modelNumber), 3) << " " << padded(t.unitId, 22) << " " << t.title << "\n";
}

// --status, --percent, --indicator NAME=VALUE (repeatable), --note: checked before anything opens.
bool progressOptions(Args& a, work::TaskChange& change, std::ostream& err, int& rc)
{
    auto status = a.option("--status");
    auto percent = a.option("--percent");
    auto indicators = a.options("--indicator");
    if (auto note = a.option("--note")) {
        change.note = note;
    }
    if (status) {
        change.status = work::taskStatusFromName(*status);
        if (!change.status) {
            rc = usageError(err, "unknown status \"" + *status + "\" (use not_started, in_progress, done, blocked or cancelled)");
            return false;
        }
    }
    if (percent) {
        auto p = parseInteger(*percent, 0, 100);
        if (!p) {
            rc = usageError(err, "the percent done must be a whole number from 0 to 100 (got \"" + *percent + "\")");
            return false;
        }
        change.percent = static_cast<int>(*p);
    }
    for (const auto& text : indicators) {
        auto ind = work::parseIndicatorAssignment(text);
        if (!ind) {
            rc = report(err, ind.error());
            return false;
        }
        change.indicators.push_back(work::IndicatorChange{ind->first, ind->second});
    }
    return true;
}

work::DeadlineState stateOf(const work::Task& t, const Date& asOf)
{
    return work::evaluateTask(t.timing(), asOf).state;
}

} // namespace

int cmdUnitsImport(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    dropWord(a, "import");
    const bool bundled = a.flag("--bundled");
    const bool json = a.flag("--json");
    auto& rest = a.rest();
    if (a.leftoverProblem() || (bundled ? !rest.empty() : rest.size() != 1)) {
        return usageError(err, "usage: da06 units import FILE|--bundled [--json]   (a units file, JSON or CSV)");
    }
    // The file is checked completely before the store is opened.
    auto units = bundled ? work::bundledUnits() : work::loadUnitsFile(rest.front());
    if (!units) {
        return report(err, units.error());
    }
    auto st = openSession(g);
    if (!st) {
        return report(err, st.error());
    }
    work::UnitService service(st->store.db(), *g.clock, st->actor);
    auto summary = service.importUnits(*units);
    if (!summary) {
        return report(err, summary.error());
    }
    if (json) {
        json::Value o;
        o.set("added", summary->added);
        o.set("updated", summary->updated);
        o.set("unchanged", summary->unchanged);
        out << o.dump(2) << "\n";
    } else {
        out << "Imported " << units->size() << " units: " << summary->added << " added, " << summary->updated << " updated, "
            << summary->unchanged << " unchanged.\n";
    }
    return kExitOk;
}

int cmdUnitsList(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    dropWord(a, "list");
    const bool json = a.flag("--json");
    work::UnitFilter filter;
    filter.below = a.flag("--below");
    filter.kind = a.option("--kind");
    filter.level = a.option("--level");
    filter.parent = a.option("--parent");
    filter.query = a.option("--search").value_or("");
    if (auto p = a.leftoverProblem(); p || !a.rest().empty()) {
        return usageError(err, p.value_or("unexpected \"" + (a.rest().empty() ? "" : a.rest().front()) + "\"") +
                                   "\nusage: da06 units list [--kind KIND] [--level province|district|commune|site] "
                                   "[--parent UNIT [--below]] [--search TEXT] [--json]");
    }
    auto st = openSession(g);
    if (!st) {
        return report(err, st.error());
    }
    work::UnitService service(st->store.db(), *g.clock, st->actor);
    auto units = service.list(filter);
    if (!units) {
        return report(err, units.error());
    }
    if (json) {
        json::Value arr = json::Array{};
        for (const auto& u : *units) {
            arr.push(work::unitToJson(u));
        }
        out << arr.dump(2) << "\n";
        return kExitOk;
    }
    for (const auto& u : *units) {
        out << padded(u.id, 28) << " " << padded(u.name, 40) << " (" << u.kind << (u.siteKind ? ": " + *u.siteKind : "") << ")"
            << (u.parent ? "  ↑ " + *u.parent : "") << "\n";
    }
    return kExitOk;
}

int cmdAssign(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    const char* const usage = "usage: da06 assign MODEL UNIT --lead|--coordinate|--remove\n"
                              "       da06 assign list [--unit UNIT | --model N] [--json]";
    auto& rest = a.rest();
    if (!rest.empty() && rest.front() == "list") {
        rest.erase(rest.begin());
        const bool json = a.flag("--json");
        auto unit = a.option("--unit");
        auto modelText = a.option("--model");
        if (a.leftoverProblem() || !rest.empty() || (unit && modelText)) {
            return usageError(err, usage);
        }
        std::optional<long long> model;
        if (modelText) {
            model = parseInteger(*modelText, 1, 1000);
            if (!model) {
                return usageError(err, "a model number was expected, found \"" + *modelText + "\"");
            }
        }
        auto st = openSession(g);
        if (!st) {
            return report(err, st.error());
        }
        work::AssignmentService service(st->store.db(), *g.clock, st->actor);
        Result<std::vector<work::Assignment>> list = std::vector<work::Assignment>{};
        if (model) {
            list = service.forModel(static_cast<int>(*model));
        } else {
            std::string unitRef;
            if (unit) {
                unitRef = *unit;
            } else {
                work::UnitService units(st->store.db(), *g.clock, st->actor);
                auto desk = units.deskUnit();
                if (!desk) {
                    return report(err, desk.error());
                }
                if (!*desk) {
                    return usageError(err, "name a unit with --unit (this desk has no unit yet: `da06 desk unit set UNIT`)");
                }
                unitRef = (*desk)->id;
            }
            list = service.forUnit(unitRef);
        }
        if (!list) {
            return report(err, list.error());
        }
        if (json) {
            json::Value arr = json::Array{};
            for (const auto& x : *list) {
                arr.push(work::assignmentToJson(x));
            }
            out << arr.dump(2) << "\n";
            return kExitOk;
        }
        for (const auto& x : *list) {
            out << "M" << padded(std::to_string(x.modelNumber), 3) << " " << padded(plan::unitRoleName(x.role), 13) << " "
                << padded(x.unitId, 24) << " " << padded(work::assignmentSourceName(x.source), 9) << " "
                << (model ? x.unitName : x.modelTitle) << (x.via ? "  (via " + *x.via + ")" : "") << "\n";
        }
        return kExitOk;
    }

    const bool lead = a.flag("--lead");
    const bool coordinate = a.flag("--coordinate") || a.flag("--coordinating");
    const bool remove = a.flag("--remove");
    if (a.leftoverProblem() || rest.size() != 2 || (lead + coordinate + remove) != 1) {
        return usageError(err, usage);
    }
    auto model = parseInteger(rest[0], 1, 1000);
    if (!model) {
        return usageError(err, "a model number was expected, found \"" + rest[0] + "\"");
    }
    auto st = openSession(g);
    if (!st) {
        return report(err, st.error());
    }
    work::AssignmentService service(st->store.db(), *g.clock, st->actor);
    if (remove) {
        if (auto s = service.unassign(static_cast<int>(*model), rest[1]); !s) {
            return report(err, s.error());
        }
        out << "Removed model " << *model << " from " << rest[1] << ".\n";
        return kExitOk;
    }
    const auto role = lead ? plan::UnitRole::Lead : plan::UnitRole::Coordinating;
    auto changed = service.assign(static_cast<int>(*model), rest[1], role);
    if (!changed) {
        return report(err, changed.error());
    }
    out << (*changed ? "Assigned" : "Already assigned:") << " model " << *model << " to " << rest[1] << " as "
        << (lead ? "lead" : "coordinating") << " unit.\n";
    return kExitOk;
}

int cmdTasks(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto& rest = a.rest();
    if (rest.empty()) {
        return usageError(err, kTasksUsage);
    }
    const std::string sub = rest.front();
    rest.erase(rest.begin());
    const bool json = a.flag("--json");
    int rc = kExitOk;

    if (sub == "list") {
        work::TaskFilter filter;
        filter.unit = a.option("--unit");
        filter.below = !a.flag("--only");
        filter.openOnly = a.flag("--open");
        const bool overdue = a.flag("--overdue");
        filter.query = a.option("--search").value_or("");
        auto modelText = a.option("--model");
        std::optional<Date> asOf;
        if (!dateOption(a, "--as-of", asOf, err, rc)) {
            return rc;
        }
        if (auto p = a.leftoverProblem(); p || !rest.empty()) {
            return usageError(err, p.value_or("unexpected \"" + (rest.empty() ? "" : rest.front()) + "\"") + "\n" + kTasksUsage);
        }
        if (modelText) {
            auto m = parseInteger(*modelText, 1, 1000);
            if (!m) {
                return usageError(err, "a model number was expected, found \"" + *modelText + "\"");
            }
            filter.model = static_cast<int>(*m);
        }
        const Date today = asOf.value_or(g.clock->today());
        if (overdue) {
            filter.openOnly = true;
            filter.dueBefore = today;
        }
        auto st = openSession(g);
        if (!st) {
            return report(err, st.error());
        }
        work::TaskService tasks(st->store.db(), *g.clock, st->actor);
        auto list = tasks.list(filter);
        if (!list) {
            return report(err, list.error());
        }
        json::Value arr = json::Array{};
        for (const auto& t : *list) {
            const work::TaskState s{t, work::evaluateTask(t.timing(), today)};
            if (overdue && s.eval.state != work::DeadlineState::Overdue) {
                continue;
            }
            if (json) {
                arr.push(work::taskStateToJson(s));
            } else {
                printTaskLine(out, t, s.eval);
            }
        }
        if (json) {
            out << arr.dump(2) << "\n";
        }
        return kExitOk;
    }

    if (sub == "add") {
        work::NewTask nt;
        auto unit = a.option("--unit");
        auto title = a.option("--title");
        nt.responsible = a.option("--responsible").value_or("");
        if (!dateOption(a, "--due", nt.due, err, rc) || !dateOption(a, "--start", nt.start, err, rc)) {
            return rc;
        }
        work::TaskChange progress;
        if (!progressOptions(a, progress, err, rc)) {
            return rc;
        }
        if (a.leftoverProblem() || rest.size() != 1 || !title) {
            return usageError(err, std::string(a.leftoverProblem().value_or("")) + (a.leftoverProblem() ? "\n" : "") +
                                       "usage: da06 tasks add MODEL [--unit U] --title T [--due DATE] [--start DATE] "
                                       "[--responsible NAME] [--status S] [--percent P] [--indicator NAME=VALUE]... "
                                       "[--note TEXT] [--json]");
        }
        auto model = parseInteger(rest.front(), 1, 1000);
        if (!model) {
            return usageError(err, "a model number was expected, found \"" + rest.front() + "\"");
        }
        nt.modelNumber = static_cast<int>(*model);
        nt.title = *title;
        auto st = openSession(g);
        if (!st) {
            return report(err, st.error());
        }
        auto resolved = unitOrDesk(*st, g, unit);
        if (!resolved) {
            return report(err, resolved.error());
        }
        nt.unit = *resolved;
        work::TaskService tasks(st->store.db(), *g.clock, st->actor);
        auto t = tasks.add(nt);
        if (!t) {
            return report(err, t.error());
        }
        if (!progress.empty()) {
            t = tasks.update(t->uid, progress);
            if (!t) {
                return report(err, t.error());
            }
        }
        if (json) {
            out << work::taskToJson(*t).dump(2) << "\n";
        } else {
            out << "Added task #" << t->id << " (" << t->uid << ") for model " << t->modelNumber << " at " << t->unitName
                << ", due " << dateText(t->due) << ".\n";
        }
        return kExitOk;
    }

    if (sub == "update") {
        work::TaskChange change;
        if (!progressOptions(a, change, err, rc)) {
            return rc;
        }
        change.title = a.option("--title");
        change.responsible = a.option("--responsible");
        auto dueText = a.option("--due");
        std::optional<Date> start;
        if (!dateOption(a, "--start", start, err, rc)) {
            return rc;
        }
        change.start = start;
        if (a.leftoverProblem() || rest.size() != 1) {
            return usageError(err, std::string(a.leftoverProblem().value_or("")) + (a.leftoverProblem() ? "\n" : "") + kTasksUsage);
        }
        // Every value is checked before the store is opened: bad input changes nothing.
        if (dueText) {
            if (*dueText == "none") {
                change.due = std::optional<Date>();
            } else {
                auto d = parseDateArg(*dueText);
                if (!d) {
                    return usageError(err, "--due: \"" + *dueText + "\" is not a date that exists (write YYYY-MM-DD or dd/mm/yyyy)");
                }
                change.due = d;
            }
        }
        if (change.empty()) {
            return usageError(err, "nothing to change: give --status, --percent, --indicator, --note, --title, --responsible, "
                                   "--due or --start");
        }
        auto st = openSession(g);
        if (!st) {
            return report(err, st.error());
        }
        work::TaskService tasks(st->store.db(), *g.clock, st->actor);
        auto t = tasks.update(rest.front(), change);
        if (!t) {
            return report(err, t.error());
        }
        if (json) {
            out << work::taskToJson(*t).dump(2) << "\n";
        } else {
            out << "Task #" << t->id << ": " << work::taskStatusName(t->status) << ", " << t->percent << "% done, "
                << stateLabel(stateOf(*t, g.clock->today())) << ".\n";
        }
        return kExitOk;
    }

    if (sub == "attach") {
        if (a.leftoverProblem() || rest.size() != 2) {
            return usageError(err, "usage: da06 tasks attach ID FILE");
        }
        auto st = openSession(g);
        if (!st) {
            return report(err, st.error());
        }
        work::TaskService tasks(st->store.db(), *g.clock, st->actor);
        auto e = tasks.attachFile(rest[0], rest[1]);
        if (!e) {
            return report(err, e.error());
        }
        if (json) {
            json::Value o;
            o.set("uid", e->uid);
            o.set("file_name", e->fileName);
            o.set("size", static_cast<long long>(e->size));
            o.set("sha256", e->sha256);
            out << o.dump(2) << "\n";
        } else {
            out << "Attached " << e->fileName << " (" << e->size << " bytes, evidence " << e->uid << ") to task " << rest[0] << ".\n";
        }
        return kExitOk;
    }

    if (sub == "show") {
        if (a.leftoverProblem() || rest.size() != 1) {
            return usageError(err, "usage: da06 tasks show ID [--json]");
        }
        auto st = openSession(g);
        if (!st) {
            return report(err, st.error());
        }
        work::TaskService tasks(st->store.db(), *g.clock, st->actor);
        auto d = tasks.get(rest.front());
        if (!d) {
            return report(err, d.error());
        }
        const auto eval = work::evaluateTask(d->task.timing(), g.clock->today());
        if (json) {
            json::Value o = work::taskDetailToJson(*d);
            o.set("state", work::deadlineStateName(eval.state));
            out << o.dump(2) << "\n";
            return kExitOk;
        }
        const auto& t = d->task;
        out << "Task #" << t.id << " (" << t.uid << ")\n" << t.title << "\n\n";
        out << "Model " << t.modelNumber << ": " << t.modelTitle << "\n";
        out << "Unit: " << t.unitName << " (" << t.unitId << ")\n";
        if (!t.responsible.empty()) {
            out << "Responsible: " << t.responsible << "\n";
        }
        out << "Start: " << dateText(t.start) << "   Due: " << dateText(t.due) << (t.period ? "   Month: " + *t.period : "") << "\n";
        out << "Status: " << work::taskStatusName(t.status) << ", " << t.percent << "% done"
            << (t.completedOn ? ", completed " + t.completedOn->toVietnamese() : "") << " — " << stateLabel(eval.state) << "\n";
        for (const auto& i : d->indicators) {
            out << "  • " << i.name << ": " << (i.actual ? work::formatNumber(*i.actual) : "?")
                << (i.target ? " / " + work::formatNumber(*i.target) : "") << (i.unitOfMeasure.empty() ? "" : " " + i.unitOfMeasure)
                << "\n";
        }
        for (const auto& n : d->notes) {
            out << "  [" << n.at << " " << n.user << "] " << n.text << "\n";
        }
        for (const auto& e : d->evidence) {
            out << "  evidence " << e.uid << "  " << e.fileName << " (" << e.size << " bytes)\n";
        }
        return kExitOk;
    }

    if (sub == "evidence") {
        auto to = a.option("--to");
        if (a.leftoverProblem() || rest.size() != 1 || !to) {
            return usageError(err, "usage: da06 tasks evidence EVIDENCE_ID --to FILE");
        }
        std::error_code ec;
        if (std::filesystem::exists(*to, ec)) {
            err << "da06: " << *to << " already exists; it was left untouched\n";
            return kExitFailure;
        }
        auto st = openSession(g);
        if (!st) {
            return report(err, st.error());
        }
        work::TaskService tasks(st->store.db(), *g.clock, st->actor);
        auto data = tasks.evidenceData(rest.front());
        if (!data) {
            return report(err, data.error());
        }
        std::ofstream f(*to, std::ios::binary);
        f.write(reinterpret_cast<const char*>(data->data()), static_cast<std::streamsize>(data->size()));
        if (!f) {
            err << "da06: cannot write " << *to << "\n";
            return kExitFailure;
        }
        out << "Wrote " << data->size() << " bytes to " << *to << ".\n";
        return kExitOk;
    }

    if (sub == "monthly") {
        auto unit = a.option("--unit");
        auto from = a.option("--from");
        auto through = a.option("--through");
        if (a.leftoverProblem() || !rest.empty()) {
            return usageError(err, "usage: da06 tasks monthly [--unit U] [--from YYYY-MM] [--through YYYY-MM]");
        }
        for (const auto& m : {from, through}) {
            if (m && !work::parseMonthKey(*m)) {
                return usageError(err, "\"" + *m + "\" is not a month: write YYYY-MM");
            }
        }
        auto st = openSession(g);
        if (!st) {
            return report(err, st.error());
        }
        auto resolved = unitOrDesk(*st, g, unit);
        if (!resolved) {
            return report(err, resolved.error());
        }
        const std::string unitRef = *resolved;
        work::TaskService tasks(st->store.db(), *g.clock, st->actor);
        auto created = tasks.addMonthlyTasks(unitRef, from, through);
        if (!created) {
            return report(err, created.error());
        }
        if (json) {
            json::Value arr = json::Array{};
            for (const auto& t : *created) {
                arr.push(work::taskToJson(t));
            }
            out << arr.dump(2) << "\n";
        } else {
            out << "Added " << created->size() << " monthly tasks.\n";
            for (const auto& t : *created) {
                printTaskLine(out, t, std::nullopt);
            }
        }
        return kExitOk;
    }
    return usageError(err, "unknown tasks command \"" + sub + "\"\n" + kTasksUsage);
}

int cmdDeadlines(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    const bool json = a.flag("--json");
    const bool open = a.flag("--open");
    work::TaskFilter filter;
    filter.unit = a.option("--unit");
    int rc = kExitOk;
    std::optional<Date> asOf;
    if (!dateOption(a, "--as-of", asOf, err, rc)) {
        return rc;
    }
    if (auto p = a.leftoverProblem(); p || !a.rest().empty()) {
        return usageError(err, p.value_or("unexpected \"" + (a.rest().empty() ? "" : a.rest().front()) + "\"") +
                                   "\nusage: da06 deadlines [--as-of DATE] [--unit U] [--open] [--json]");
    }
    filter.openOnly = open;
    const Date today = asOf.value_or(g.clock->today());
    auto st = openSession(g);
    if (!st) {
        return report(err, st.error());
    }
    work::ProgressService progress(st->store.db(), *g.clock, st->actor);
    auto list = progress.deadlines(filter, today);
    if (!list) {
        return report(err, list.error());
    }
    if (json) {
        json::Value o;
        o.set("as_of", today.toIso());
        json::Value counts = json::Object{};
        for (auto s : {work::DeadlineState::Overdue, work::DeadlineState::DueSoon, work::DeadlineState::AtRisk,
                       work::DeadlineState::OnTrack, work::DeadlineState::NoDeadline, work::DeadlineState::DoneLate,
                       work::DeadlineState::DoneOnTime, work::DeadlineState::Cancelled}) {
            counts.set(work::deadlineStateName(s), static_cast<long long>(std::count_if(
                                                       list->begin(), list->end(), [s](const auto& x) { return x.eval.state == s; })));
        }
        o.set("counts", counts);
        json::Value arr = json::Array{};
        for (const auto& s : *list) {
            arr.push(work::taskStateToJson(s));
        }
        o.set("tasks", arr);
        out << o.dump(2) << "\n";
        return kExitOk;
    }
    out << "Deadlines as of " << today.toVietnamese() << ": " << list->size() << " tasks\n";
    for (const auto& s : *list) {
        printTaskLine(out, s.task, s.eval);
    }
    return kExitOk;
}

int cmdDesk(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    const char* const usage = "usage: da06 desk unit [set UNIT]\n"
                              "       da06 desk dashboard [--unit U] [--as-of DATE] [--json]\n"
                              "       da06 desk changes [--pending] [--entity E] [--limit N] [--json]";
    auto& rest = a.rest();
    if (rest.empty()) {
        return usageError(err, usage);
    }
    const std::string sub = rest.front();
    rest.erase(rest.begin());
    const bool json = a.flag("--json");
    if (sub == "unit") {
        if (a.leftoverProblem() || !(rest.empty() || (rest.size() == 2 && rest[0] == "set"))) {
            return usageError(err, usage);
        }
        auto st = openSession(g);
        if (!st) {
            return report(err, st.error());
        }
        work::UnitService units(st->store.db(), *g.clock, st->actor);
        if (!rest.empty()) {
            if (auto s = units.setDeskUnit(rest[1]); !s) {
                return report(err, s.error());
            }
        }
        auto desk = units.deskUnit();
        if (!desk) {
            return report(err, desk.error());
        }
        if (json) {
            out << (*desk ? work::unitToJson(**desk) : json::Value(nullptr)).dump(2) << "\n";
        } else if (*desk) {
            out << (rest.empty() ? "" : "This desk now belongs to ") << (*desk)->name << " (" << (*desk)->id << ")\n";
        } else {
            out << "This desk has no unit yet (set it with `da06 desk unit set UNIT`).\n";
        }
        return kExitOk;
    }
    if (sub == "dashboard") {
        auto unit = a.option("--unit");
        int rc = kExitOk;
        std::optional<Date> asOf;
        if (!dateOption(a, "--as-of", asOf, err, rc)) {
            return rc;
        }
        if (a.leftoverProblem() || !rest.empty()) {
            return usageError(err, usage);
        }
        auto st = openSession(g);
        if (!st) {
            return report(err, st.error());
        }
        auto resolved = unitOrDesk(*st, g, unit);
        if (!resolved) {
            return report(err, resolved.error());
        }
        const std::string unitRef = *resolved;
        work::ProgressService progress(st->store.db(), *g.clock, st->actor);
        auto d = progress.dashboard(unitRef, asOf.value_or(g.clock->today()));
        if (!d) {
            return report(err, d.error());
        }
        if (json) {
            out << work::dashboardToJson(*d).dump(2) << "\n";
            return kExitOk;
        }
        out << d->unit.name << " — " << d->asOf.toVietnamese() << ": " << d->models.size() << " models, " << d->openTasks
            << " open tasks, " << d->overdue.size() << " overdue, " << d->dueSoon.size() << " due within 7 days\n";
        for (const auto& m : d->models) {
            const int filled = m.summary.percent / 10;
            out << "M" << padded(std::to_string(m.assignment.modelNumber), 3) << " "
                << padded(m.assignment.role == plan::UnitRole::Lead ? "lead" : "coord", 6) << " [" << std::string(static_cast<std::size_t>(filled), '#')
                << std::string(static_cast<std::size_t>(10 - filled), '.') << "] " << std::setw(3) << m.summary.percent << "%  "
                << padded(stateLabel(m.summary.state), 13) << " " << m.assignment.modelTitle << "\n";
        }
        return kExitOk;
    }
    if (sub == "changes") {
        work::ChangeFilter filter;
        filter.pendingOnly = a.flag("--pending");
        filter.entity = a.option("--entity");
        auto limit = a.option("--limit");
        if (a.leftoverProblem() || !rest.empty()) {
            return usageError(err, usage);
        }
        if (limit) {
            auto n = parseInteger(*limit, 1, 1000000);
            if (!n) {
                return usageError(err, "--limit needs a number from 1 to 1000000");
            }
            filter.limit = static_cast<int>(*n);
        }
        auto st = openSession(g);
        if (!st) {
            return report(err, st.error());
        }
        auto list = work::listChanges(st->store.db(), st->actor, filter);
        if (!list) {
            return report(err, list.error());
        }
        if (json) {
            json::Value arr = json::Array{};
            for (const auto& r : *list) {
                arr.push(work::changeRecordToJson(r));
            }
            out << arr.dump(2) << "\n";
            return kExitOk;
        }
        for (const auto& r : *list) {
            std::string fields;
            for (const auto& [k, v] : r.fields) {
                fields += (fields.empty() ? "" : ", ") + k;
            }
            out << r.hlc.toString() << "  " << padded(r.syncState, 8) << " " << padded(work::changeOpName(r.op), 7) << " "
                << r.entity << ":" << r.entityId << "  {" << fields << "}  " << r.user << "\n";
        }
        return kExitOk;
    }
    return usageError(err, "unknown desk command \"" + sub + "\"\n" + usage);
}

} // namespace da06::cli
