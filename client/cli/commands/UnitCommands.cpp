// da06 units import|list, da06 assign: the units of the province and the models they carry out.
#include "client/cli/Commands.h"
#include "client/cli/commands/WorkSupport.h"
#include "domain/work/AssignmentService.h"
#include "domain/work/BundledUnits.h"
#include "domain/work/UnitFile.h"
#include "domain/work/UnitService.h"
#include "domain/work/WorkJson.h"

namespace da06::cli {

namespace {

const char* const kAssignUsage = "usage: da06 assign MODEL UNIT --lead|--coordinate|--remove\n"
                                 "       da06 assign list [--unit UNIT | --model N] [--json]";

// The assignments of --model, of --unit, or of the desk's unit.
Result<std::vector<work::Assignment>> assignmentsOf(Context& c, access::Session& s,
                                                    const std::optional<long long>& model,
                                                    const std::optional<std::string>& unit, bool& noDeskUnit)
{
    work::AssignmentService service(s.store.db(), *c.g.clock, s.actor);
    if (model) {
        return service.forModel(static_cast<int>(*model));
    }
    if (unit) {
        return service.forUnit(*unit);
    }
    work::UnitService units(s.store.db(), *c.g.clock, s.actor);
    DA06_TRY(desk, units.deskUnit());
    if (!*desk) {
        noDeskUnit = true;
        return std::vector<work::Assignment>{};
    }
    return service.forUnit((*desk)->id);
}

int assignList(Context& c)
{
    auto& rest = c.a.rest();
    const bool json = c.a.flag("--json");
    auto unit = c.a.option("--unit");
    auto modelText = c.a.option("--model");
    if (c.a.leftoverProblem() || !rest.empty() || (unit && modelText)) {
        return usageError(c.err, kAssignUsage);
    }
    std::optional<long long> model;
    if (modelText) {
        model = parseInteger(*modelText, 1, 1000);
        if (!model) {
            return usageError(c.err, "a model number was expected, found \"" + *modelText + "\"");
        }
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        bool noDeskUnit = false;
        DA06_TRY(list, assignmentsOf(c, s, model, unit, noDeskUnit));
        if (noDeskUnit) {
            return usageError(c.err, "name a unit with --unit (this desk has no unit yet: `da06 desk unit set UNIT`)");
        }
        if (json) {
            c.print(jsonArray(*list, work::assignmentToJson));
            return kExitOk;
        }
        for (const auto& x : *list) {
            c.out << "M" << padded(std::to_string(x.modelNumber), 3) << " " << padded(plan::unitRoleName(x.role), 13)
                  << " " << padded(x.unitId, 24) << " " << padded(work::assignmentSourceName(x.source), 9) << " "
                  << (model ? x.unitName : x.modelTitle) << (x.via ? "  (via " + *x.via + ")" : "") << "\n";
        }
        return kExitOk;
    });
}

// assign MODEL UNIT --lead|--coordinate|--remove
int assignChange(Context& c)
{
    const auto& rest = c.a.rest();
    const bool lead = c.a.flag("--lead");
    const bool coordinate = c.a.flag("--coordinate") || c.a.flag("--coordinating");
    const bool remove = c.a.flag("--remove");
    if (c.a.leftoverProblem() || rest.size() != 2 || (lead + coordinate + remove) != 1) {
        return usageError(c.err, kAssignUsage);
    }
    auto model = parseInteger(rest[0], 1, 1000);
    if (!model) {
        return usageError(c.err, "a model number was expected, found \"" + rest[0] + "\"");
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        work::AssignmentService service(s.store.db(), *c.g.clock, s.actor);
        if (remove) {
            DA06_CHECK(service.unassign(static_cast<int>(*model), rest[1]));
            c.out << "Removed model " << *model << " from " << rest[1] << ".\n";
            return kExitOk;
        }
        const auto role = lead ? plan::UnitRole::Lead : plan::UnitRole::Coordinating;
        DA06_TRY(changed, service.assign(static_cast<int>(*model), rest[1], role));
        c.out << (*changed ? "Assigned" : "Already assigned:") << " model " << *model << " to " << rest[1] << " as "
              << (lead ? "lead" : "coordinating") << " unit.\n";
        return kExitOk;
    });
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
    Context c{g, a, out, err};
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(summary, work::UnitService(s.store.db(), *g.clock, s.actor).importUnits(*units));
        if (json) {
            json::Value o;
            o.set("added", summary->added);
            o.set("updated", summary->updated);
            o.set("unchanged", summary->unchanged);
            c.print(o);
        } else {
            out << "Imported " << units->size() << " units: " << summary->added << " added, " << summary->updated
                << " updated, " << summary->unchanged << " unchanged.\n";
        }
        return kExitOk;
    });
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
    Context c{g, a, out, err};
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(units, work::UnitService(s.store.db(), *g.clock, s.actor).list(filter));
        if (json) {
            c.print(jsonArray(*units, work::unitToJson));
            return kExitOk;
        }
        for (const auto& u : *units) {
            out << padded(u.id, 28) << " " << padded(u.name, 40) << " (" << u.kind
                << (u.siteKind ? ": " + *u.siteKind : "") << ")" << (u.parent ? "  ↑ " + *u.parent : "") << "\n";
        }
        return kExitOk;
    });
}

int cmdAssign(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    Context c{g, a, out, err};
    if (!a.rest().empty() && a.rest().front() == "list") {
        a.rest().erase(a.rest().begin());
        return assignList(c);
    }
    return assignChange(c);
}

} // namespace da06::cli
