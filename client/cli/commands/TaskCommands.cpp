// da06 tasks list|add|update|attach|show|evidence|monthly, da06 deadlines: the tasks that carry
// out the plan's models, with their progress, evidence and deadline states.
#include <algorithm>
#include <fstream>

#include "client/cli/Commands.h"
#include "client/cli/commands/WorkSupport.h"
#include "domain/work/ProgressService.h"
#include "domain/work/WorkJson.h"

namespace da06::cli {

namespace {

const char* const kTasksUsage =
    "usage: da06 tasks list [--unit U [--only]] [--model N] [--open] [--overdue] [--as-of DATE] [--search TEXT] "
    "[--json]\n"
    "       da06 tasks add MODEL [--unit U] --title T [--due DATE] [--start DATE] [--responsible NAME]\n"
    "                          [--status S] [--percent P] [--indicator NAME=VALUE]... [--note TEXT] [--json]\n"
    "       da06 tasks update ID [--status S] [--percent P] [--indicator NAME=VALUE]... [--note TEXT] [--title T]\n"
    "                            [--responsible NAME] [--due DATE|none] [--start DATE] [--json]\n"
    "       da06 tasks attach ID FILE\n"
    "       da06 tasks show ID [--json]\n"
    "       da06 tasks evidence EVIDENCE_ID --to FILE\n"
    "       da06 tasks monthly [--unit U] [--from YYYY-MM] [--through YYYY-MM]";

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
            rc = usageError(err, "unknown status \"" + *status +
                                     "\" (use not_started, in_progress, done, blocked or cancelled)");
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

// The usage error after the leftover problem, if any (its line first).
int usageAfterLeftover(Context& c, const std::string& usage)
{
    const auto p = c.a.leftoverProblem();
    return usageError(c.err, std::string(p.value_or("")) + (p ? "\n" : "") + usage);
}

// The options of tasks list, checked before the store is opened.
struct ListOptions {
    work::TaskFilter filter;
    bool overdue = false;
    Date today;
};

bool readListOptions(Context& c, ListOptions& l, int& rc)
{
    auto& rest = c.a.rest();
    l.filter.unit = c.a.option("--unit");
    l.filter.below = !c.a.flag("--only");
    l.filter.openOnly = c.a.flag("--open");
    l.overdue = c.a.flag("--overdue");
    l.filter.query = c.a.option("--search").value_or("");
    auto modelText = c.a.option("--model");
    std::optional<Date> asOf;
    if (!dateOption(c.a, "--as-of", asOf, c.err, rc)) {
        return false;
    }
    if (auto p = c.a.leftoverProblem(); p || !rest.empty()) {
        rc = usageError(c.err,
                        p.value_or("unexpected \"" + (rest.empty() ? "" : rest.front()) + "\"") + "\n" + kTasksUsage);
        return false;
    }
    if (modelText) {
        auto m = parseInteger(*modelText, 1, 1000);
        if (!m) {
            rc = usageError(c.err, "a model number was expected, found \"" + *modelText + "\"");
            return false;
        }
        l.filter.model = static_cast<int>(*m);
    }
    l.today = asOf.value_or(c.g.clock->today());
    if (l.overdue) {
        l.filter.openOnly = true;
        l.filter.dueBefore = l.today;
    }
    return true;
}

int tasksList(Context& c)
{
    const bool json = c.a.flag("--json");
    ListOptions l;
    int rc = kExitOk;
    if (!readListOptions(c, l, rc)) {
        return rc;
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(list, work::TaskService(s.store.db(), *c.g.clock, s.actor).list(l.filter));
        json::Value arr = json::Array{};
        for (const auto& t : *list) {
            const work::TaskState state{t, work::evaluateTask(t.timing(), l.today)};
            if (l.overdue && state.eval.state != work::DeadlineState::Overdue) {
                continue;
            }
            if (json) {
                arr.push(work::taskStateToJson(state));
            } else {
                printTaskLine(c.out, t, state.eval);
            }
        }
        if (json) {
            c.print(arr);
        }
        return kExitOk;
    });
}

// The new task of tasks add, with the progress to record at once.
bool readNewTask(Context& c, work::NewTask& nt, std::optional<std::string>& unit, work::TaskChange& progress, int& rc)
{
    auto& rest = c.a.rest();
    unit = c.a.option("--unit");
    auto title = c.a.option("--title");
    nt.responsible = c.a.option("--responsible").value_or("");
    if (!dateOption(c.a, "--due", nt.due, c.err, rc) || !dateOption(c.a, "--start", nt.start, c.err, rc)) {
        return false;
    }
    if (!progressOptions(c.a, progress, c.err, rc)) {
        return false;
    }
    if (c.a.leftoverProblem() || rest.size() != 1 || !title) {
        rc = usageAfterLeftover(c, "usage: da06 tasks add MODEL [--unit U] --title T [--due DATE] [--start DATE] "
                                   "[--responsible NAME] [--status S] [--percent P] [--indicator NAME=VALUE]... "
                                   "[--note TEXT] [--json]");
        return false;
    }
    auto model = parseInteger(rest.front(), 1, 1000);
    if (!model) {
        rc = usageError(c.err, "a model number was expected, found \"" + rest.front() + "\"");
        return false;
    }
    nt.modelNumber = static_cast<int>(*model);
    nt.title = *title;
    return true;
}

int tasksAdd(Context& c)
{
    const bool json = c.a.flag("--json");
    work::NewTask nt;
    std::optional<std::string> unit;
    work::TaskChange progress;
    int rc = kExitOk;
    if (!readNewTask(c, nt, unit, progress, rc)) {
        return rc;
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(resolved, unitOrDesk(s, c.g, unit));
        nt.unit = *resolved;
        work::TaskService tasks(s.store.db(), *c.g.clock, s.actor);
        auto t = tasks.add(nt);
        if (t && !progress.empty()) {
            t = tasks.update(t->uid, progress);
        }
        if (!t) {
            return std::unexpected(t.error());
        }
        if (json) {
            c.print(work::taskToJson(*t));
        } else {
            c.out << "Added task #" << t->id << " (" << t->uid << ") for model " << t->modelNumber << " at "
                  << t->unitName << ", due " << dateText(t->due) << ".\n";
        }
        return kExitOk;
    });
}

bool readTaskChange(Context& c, work::TaskChange& change, int& rc)
{
    if (!progressOptions(c.a, change, c.err, rc)) {
        return false;
    }
    change.title = c.a.option("--title");
    change.responsible = c.a.option("--responsible");
    auto dueText = c.a.option("--due");
    std::optional<Date> start;
    if (!dateOption(c.a, "--start", start, c.err, rc)) {
        return false;
    }
    change.start = start;
    if (c.a.leftoverProblem() || c.a.rest().size() != 1) {
        rc = usageAfterLeftover(c, kTasksUsage);
        return false;
    }
    // Every value is checked before the store is opened: bad input changes nothing.
    if (dueText) {
        if (*dueText == "none") {
            change.due = std::optional<Date>();
        } else {
            auto d = parseDay(*dueText);
            if (!d) {
                rc = usageError(c.err, "--due: \"" + *dueText +
                                           "\" is not a date that exists (write YYYY-MM-DD or dd/mm/yyyy)");
                return false;
            }
            change.due = d;
        }
    }
    if (change.empty()) {
        rc = usageError(c.err,
                        "nothing to change: give --status, --percent, --indicator, --note, --title, --responsible, "
                        "--due or --start");
        return false;
    }
    return true;
}

int tasksUpdate(Context& c)
{
    const bool json = c.a.flag("--json");
    work::TaskChange change;
    int rc = kExitOk;
    if (!readTaskChange(c, change, rc)) {
        return rc;
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(t, work::TaskService(s.store.db(), *c.g.clock, s.actor).update(c.a.rest().front(), change));
        if (json) {
            c.print(work::taskToJson(*t));
        } else {
            c.out << "Task #" << t->id << ": " << work::taskStatusName(t->status) << ", " << t->percent << "% done, "
                  << stateLabel(stateOf(*t, c.g.clock->today())) << ".\n";
        }
        return kExitOk;
    });
}

int tasksAttach(Context& c)
{
    const bool json = c.a.flag("--json");
    const auto& rest = c.a.rest();
    if (c.a.leftoverProblem() || rest.size() != 2) {
        return usageError(c.err, "usage: da06 tasks attach ID FILE");
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(e, work::TaskService(s.store.db(), *c.g.clock, s.actor).attachFile(rest[0], rest[1]));
        if (json) {
            json::Value o;
            o.set("uid", e->uid);
            o.set("file_name", e->fileName);
            o.set("size", static_cast<long long>(e->size));
            o.set("sha256", e->sha256);
            c.print(o);
        } else {
            c.out << "Attached " << e->fileName << " (" << e->size << " bytes, evidence " << e->uid << ") to task "
                  << rest[0] << ".\n";
        }
        return kExitOk;
    });
}

void printTaskDetail(std::ostream& out, const work::TaskDetail& d, const work::DeadlineEvaluation& eval)
{
    const auto& t = d.task;
    out << "Task #" << t.id << " (" << t.uid << ")\n" << t.title << "\n\n";
    out << "Model " << t.modelNumber << ": " << t.modelTitle << "\n";
    out << "Unit: " << t.unitName << " (" << t.unitId << ")\n";
    if (!t.responsible.empty()) {
        out << "Responsible: " << t.responsible << "\n";
    }
    out << "Start: " << dateText(t.start) << "   Due: " << dateText(t.due) << (t.period ? "   Month: " + *t.period : "")
        << "\n";
    out << "Status: " << work::taskStatusName(t.status) << ", " << t.percent << "% done"
        << (t.completedOn ? ", completed " + t.completedOn->toVietnamese() : "") << " — " << stateLabel(eval.state)
        << "\n";
    for (const auto& i : d.indicators) {
        out << "  • " << i.name << ": " << (i.actual ? work::formatNumber(*i.actual) : "?")
            << (i.target ? " / " + work::formatNumber(*i.target) : "")
            << (i.unitOfMeasure.empty() ? "" : " " + i.unitOfMeasure) << "\n";
    }
    for (const auto& n : d.notes) {
        out << "  [" << n.at << " " << n.user << "] " << n.text << "\n";
    }
    for (const auto& e : d.evidence) {
        out << "  evidence " << e.uid << "  " << e.fileName << " (" << e.size << " bytes)\n";
    }
}

int tasksShow(Context& c)
{
    const bool json = c.a.flag("--json");
    if (c.a.leftoverProblem() || c.a.rest().size() != 1) {
        return usageError(c.err, "usage: da06 tasks show ID [--json]");
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(d, work::TaskService(s.store.db(), *c.g.clock, s.actor).get(c.a.rest().front()));
        const auto eval = work::evaluateTask(d->task.timing(), c.g.clock->today());
        if (json) {
            json::Value o = work::taskDetailToJson(*d);
            o.set("state", work::deadlineStateName(eval.state));
            c.print(o);
        } else {
            printTaskDetail(c.out, *d, eval);
        }
        return kExitOk;
    });
}

int tasksEvidence(Context& c)
{
    c.a.flag("--json");
    auto to = c.a.option("--to");
    if (c.a.leftoverProblem() || c.a.rest().size() != 1 || !to) {
        return usageError(c.err, "usage: da06 tasks evidence EVIDENCE_ID --to FILE");
    }
    std::error_code ec;
    if (std::filesystem::exists(*to, ec)) {
        c.err << "da06: " << *to << " already exists; it was left untouched\n";
        return kExitFailure;
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(data, work::TaskService(s.store.db(), *c.g.clock, s.actor).evidenceData(c.a.rest().front()));
        std::ofstream f(*to, std::ios::binary);
        f.write(reinterpret_cast<const char*>(data->data()), static_cast<std::streamsize>(data->size()));
        if (!f) {
            c.err << "da06: cannot write " << *to << "\n";
            return kExitFailure;
        }
        c.out << "Wrote " << data->size() << " bytes to " << *to << ".\n";
        return kExitOk;
    });
}

int tasksMonthly(Context& c)
{
    const bool json = c.a.flag("--json");
    auto unit = c.a.option("--unit");
    auto from = c.a.option("--from");
    auto through = c.a.option("--through");
    if (c.a.leftoverProblem() || !c.a.rest().empty()) {
        return usageError(c.err, "usage: da06 tasks monthly [--unit U] [--from YYYY-MM] [--through YYYY-MM]");
    }
    for (const auto& m : {from, through}) {
        if (m && !work::parseMonthKey(*m)) {
            return usageError(c.err, "\"" + *m + "\" is not a month: write YYYY-MM");
        }
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(unitRef, unitOrDesk(s, c.g, unit));
        DA06_TRY(created,
                 work::TaskService(s.store.db(), *c.g.clock, s.actor).addMonthlyTasks(*unitRef, from, through));
        if (json) {
            c.print(jsonArray(*created, work::taskToJson));
            return kExitOk;
        }
        c.out << "Added " << created->size() << " monthly tasks.\n";
        for (const auto& t : *created) {
            printTaskLine(c.out, t, std::nullopt);
        }
        return kExitOk;
    });
}

constexpr SubcommandEntry kTasksCommands[] = {
    {"list", tasksList}, {"add", tasksAdd},           {"update", tasksUpdate},   {"attach", tasksAttach},
    {"show", tasksShow}, {"evidence", tasksEvidence}, {"monthly", tasksMonthly},
};

json::Value deadlinesToJson(const Date& today, const std::vector<work::TaskState>& list)
{
    json::Value o;
    o.set("as_of", today.toIso());
    json::Value counts = json::Object{};
    for (auto s : {work::DeadlineState::Overdue, work::DeadlineState::DueSoon, work::DeadlineState::AtRisk,
                   work::DeadlineState::OnTrack, work::DeadlineState::NoDeadline, work::DeadlineState::DoneLate,
                   work::DeadlineState::DoneOnTime, work::DeadlineState::Cancelled}) {
        counts.set(work::deadlineStateName(s),
                   static_cast<long long>(
                       std::count_if(list.begin(), list.end(), [s](const auto& x) { return x.eval.state == s; })));
    }
    o.set("counts", counts);
    o.set("tasks", jsonArray(list, work::taskStateToJson));
    return o;
}

} // namespace

int cmdTasks(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    Context c{g, a, out, err};
    return dispatch(c, kTasksCommands, "tasks", kTasksUsage);
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
    Context c{g, a, out, err};
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(list, work::ProgressService(s.store.db(), *g.clock, s.actor).deadlines(filter, today));
        if (json) {
            c.print(deadlinesToJson(today, *list));
            return kExitOk;
        }
        out << "Deadlines as of " << today.toVietnamese() << ": " << list->size() << " tasks\n";
        for (const auto& x : *list) {
            printTaskLine(out, x.task, x.eval);
        }
        return kExitOk;
    });
}

} // namespace da06::cli
