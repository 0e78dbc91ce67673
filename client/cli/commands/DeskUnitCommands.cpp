// da06 desk unit|dashboard|changes: the unit this desk belongs to, its dashboard and the change
// log kept for synchronization.
#include <iomanip>

#include "client/cli/Commands.h"
#include "client/cli/commands/WorkSupport.h"
#include "domain/work/ChangeLog.h"
#include "domain/work/UnitService.h"
#include "domain/work/WorkJson.h"

namespace da06::cli {

namespace {

const char* const kDeskUnitUsage = "usage: da06 desk unit [set UNIT]\n"
                                   "       da06 desk dashboard [--unit U] [--as-of DATE] [--json]\n"
                                   "       da06 desk changes [--pending] [--entity E] [--limit N] [--json]";

int deskUnit(Context& c)
{
    const auto& rest = c.a.rest();
    if (c.a.leftoverProblem() || !(rest.empty() || (rest.size() == 2 && rest[0] == "set"))) {
        return usageError(c.err, kDeskUnitUsage);
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        work::UnitService units(s.store.db(), *c.g.clock, s.actor);
        if (!rest.empty()) {
            DA06_CHECK(units.setDeskUnit(rest[1]));
        }
        DA06_TRY(desk, units.deskUnit());
        if (c.json) {
            c.print(*desk ? work::unitToJson(**desk) : json::Value(nullptr));
        } else if (*desk) {
            c.out << (rest.empty() ? "" : "This desk now belongs to ") << (*desk)->name << " (" << (*desk)->id << ")\n";
        } else {
            c.out << "This desk has no unit yet (set it with `da06 desk unit set UNIT`).\n";
        }
        return kExitOk;
    });
}

void printDashboard(std::ostream& out, const work::Dashboard& d)
{
    out << d.unit.name << " — " << d.asOf.toVietnamese() << ": " << d.models.size() << " models, " << d.openTasks
        << " open tasks, " << d.overdue.size() << " overdue, " << d.dueSoon.size() << " due within 7 days\n";
    for (const auto& m : d.models) {
        const int filled = m.summary.percent / 10;
        out << "M" << padded(std::to_string(m.assignment.modelNumber), 3) << " "
            << padded(m.assignment.role == plan::UnitRole::Lead ? "lead" : "coord", 6) << " ["
            << std::string(static_cast<std::size_t>(filled), '#')
            << std::string(static_cast<std::size_t>(10 - filled), '.') << "] " << std::setw(3) << m.summary.percent
            << "%  " << padded(stateLabel(m.summary.state), 13) << " " << m.assignment.modelTitle << "\n";
    }
}

int deskDashboard(Context& c)
{
    auto unit = c.a.option("--unit");
    int rc = kExitOk;
    std::optional<Date> asOf;
    if (!dateOption(c.a, "--as-of", asOf, c.err, rc)) {
        return rc;
    }
    if (c.a.leftoverProblem() || !c.a.rest().empty()) {
        return usageError(c.err, kDeskUnitUsage);
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(unitRef, unitOrDesk(s, c.g, unit));
        work::ProgressService progress(s.store.db(), *c.g.clock, s.actor);
        DA06_TRY(d, progress.dashboard(*unitRef, asOf.value_or(c.g.clock->today())));
        if (c.json) {
            c.print(work::dashboardToJson(*d));
        } else {
            printDashboard(c.out, *d);
        }
        return kExitOk;
    });
}

void printChange(std::ostream& out, const work::ChangeRecord& r)
{
    std::string fields;
    for (const auto& [k, v] : r.fields) {
        fields += (fields.empty() ? "" : ", ") + k;
    }
    out << r.hlc.toString() << "  " << padded(r.syncState, 8) << " " << padded(work::changeOpName(r.op), 7) << " "
        << r.entity << ":" << r.entityId << "  {" << fields << "}  " << r.user << "\n";
}

int deskChanges(Context& c)
{
    work::ChangeFilter filter;
    filter.pendingOnly = c.a.flag("--pending");
    filter.entity = c.a.option("--entity");
    auto limit = c.a.option("--limit");
    if (c.a.leftoverProblem() || !c.a.rest().empty()) {
        return usageError(c.err, kDeskUnitUsage);
    }
    if (limit) {
        auto n = parseInteger(*limit, 1, 1000000);
        if (!n) {
            return usageError(c.err, "--limit needs a number from 1 to 1000000");
        }
        filter.limit = static_cast<int>(*n);
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(list, work::listChanges(s.store.db(), s.actor, filter));
        if (c.json) {
            c.print(jsonArray(*list, work::changeRecordToJson));
            return kExitOk;
        }
        for (const auto& r : *list) {
            printChange(c.out, r);
        }
        return kExitOk;
    });
}

constexpr SubcommandEntry kDeskUnitCommands[] = {
    {"unit", deskUnit},
    {"dashboard", deskDashboard},
    {"changes", deskChanges},
};

} // namespace

int cmdDesk(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto sub = a.next();
    if (!sub) {
        return usageError(err, kDeskUnitUsage);
    }
    Context c{g, a, out, err};
    c.json = a.flag("--json");
    if (auto run = findSubcommand(kDeskUnitCommands, *sub)) {
        return run(c);
    }
    return usageError(err, "unknown desk command \"" + *sub + "\"\n" + kDeskUnitUsage);
}

} // namespace da06::cli
