// da06 init, plan import|list|show, units list.
#include <charconv>
#include <filesystem>

#include "assets/Bundled.h"
#include "client/cli/Commands.h"
#include "client/cli/Runner.h"
#include "client/cli/Terminal.h"
#include "domain/plan/PlanFile.h"
#include "domain/plan/PlanJson.h"
#include "domain/plan/PlanRepository.h"
#include "domain/schema/FullSchema.h"
#include "domain/work/StoreSeed.h"

namespace da06::cli {

namespace {

std::string deadlineText(const plan::Deadline& d)
{
    switch (d.kind) {
    case plan::DeadlineKind::Month:
    case plan::DeadlineKind::Quarter:
        return d.due ? d.due->toVietnamese() : "?";
    case plan::DeadlineKind::Recurring:
        return "thường xuyên";
    case plan::DeadlineKind::Completed:
        return d.year ? "xong " + std::to_string(*d.year) : "đã xong";
    }
    return "";
}

std::string joined(const std::vector<std::string>& v, const char* sep = ", ")
{
    std::string s;
    for (const auto& x : v) {
        if (!s.empty()) {
            s += sep;
        }
        s += x;
    }
    return s;
}

} // namespace

int cmdInit(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto planFile = a.option("--plan");
    if (!a.missingValue().empty() || !a.rest().empty()) {
        return usageError(err, "usage: da06 init [--plan FILE]");
    }
    // Read and check the plan before anything is created.
    auto plan = planFile ? plan::loadPlanFile(*planFile) : plan::loadPlanText(assets::bundledPlanJson());
    if (!plan) {
        return report(err, plan.error());
    }
    std::error_code ec;
    if (std::filesystem::exists(g.store, ec) || std::filesystem::exists(store::KeyFile::pathFor(g.store), ec)) {
        err << "da06: a store already exists at " << g.store.string() << "; it was left untouched\n";
        return kExitFailure;
    }
    std::string why;
    auto pass = readPassphrase("New passphrase for " + g.store.string() + ": ", true, why);
    if (!pass) {
        return usageError(err, why);
    }
    auto st = access::createStore(g.store, g.user.empty() ? "admin" : g.user, pass->view(), *g.clock, schema::full());
    pass->clear();
    if (!st) {
        return report(err, st.error());
    }
    auto seeded = work::seedStore(*st, *plan, *g.clock);
    if (!seeded) {
        return report(err, seeded.error());
    }
    out << "Created the store " << g.store.string() << " (admin: " << st->actor.user << ") with the plan "
        << seeded->plan.planId << " (" << seeded->plan.models << " models) and "
        << seeded->plan.unitsAdded + seeded->units.added << " units.\n";
    return kExitOk;
}

namespace {

const char* const kPlanUsage = "usage: da06 plan import FILE | plan list [--group G] [--json] | plan show N [--json]";

int planImport(Context& c)
{
    const auto& rest = c.a.rest();
    if (rest.size() != 1) {
        return usageError(c.err, "usage: da06 plan import FILE");
    }
    // The file is checked completely before the store is touched.
    auto plan = plan::loadPlanFile(rest.front());
    if (!plan) {
        return report(c.err, plan.error());
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(summary, plan::PlanRepository(s.store.db(), *c.g.clock).importPlan(*plan, s.actor));
        c.out << (summary->replaced ? "Replaced" : "Imported") << " the plan " << summary->planId << ": "
              << summary->models << " models, " << summary->unitsAdded << " new units.\n";
        return kExitOk;
    });
}

Result<bool> knownGroup(plan::PlanRepository& repo, const std::string& group)
{
    DA06_TRY(groups, repo.groups());
    bool known = false;
    for (const auto& gr : *groups) {
        known = known || gr.code == group;
    }
    return known;
}

void printModels(std::ostream& out, const std::vector<plan::StoredModel>& models)
{
    std::string lastGroup;
    for (const auto& sm : models) {
        if (sm.model.group != lastGroup) {
            lastGroup = sm.model.group;
            out << (out.tellp() > 0 ? "\n" : "") << sm.model.group << ". " << sm.groupTitle << "\n";
        }
        out << "  " << (sm.model.number < 10 ? " " : "") << sm.model.number << "  " << deadlineText(sm.model.deadline)
            << "  " << sm.model.title << "  [" << joined(sm.leadUnitNames) << "]\n";
    }
}

int planList(Context& c)
{
    const bool json = c.a.flag("--json");
    auto group = c.a.option("--group");
    auto search = c.a.option("--search");
    if (!c.a.missingValue().empty() || !c.a.rest().empty()) {
        return usageError(c.err, "usage: da06 plan list [--group A..E] [--search TEXT] [--json]");
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        plan::PlanRepository repo(s.store.db(), *c.g.clock);
        if (group) {
            DA06_TRY(known, knownGroup(repo, *group));
            if (!*known) {
                return usageError(c.err, "the plan has no group \"" + *group + "\"");
            }
        }
        DA06_TRY(models, repo.models(plan::ModelFilter{group, search.value_or("")}));
        if (json) {
            c.print(jsonArray(*models, plan::modelSummaryToJson));
        } else {
            printModels(c.out, *models);
        }
        return kExitOk;
    });
}

void printModel(std::ostream& out, const plan::StoredModel& m)
{
    const auto& md = m.model;
    auto line = [&](const char* label, const std::optional<std::string>& v) {
        if (v) {
            out << label << ": " << *v << "\n";
        }
    };
    out << "Mô hình " << md.number << " (nhóm " << md.group << ": " << m.groupTitle << ")\n" << md.title << "\n\n";
    line("Đối tượng triển khai", md.target);
    line("Mục tiêu", md.objective);
    out << "Chủ trì: " << joined(m.leadUnitNames) << "\n";
    if (!m.coordinatingUnitNames.empty()) {
        out << "Phối hợp: " << joined(m.coordinatingUnitNames) << "\n";
    }
    line("Phân công (nguyên văn)", md.original.assignment);
    line("Lực lượng triển khai", md.forces);
    out << "Thời gian hoàn thành: " << deadlineText(md.deadline)
        << (md.original.deadline ? " (" + *md.original.deadline + ")" : std::string()) << "\n";
    if (!md.tools.empty()) {
        out << "Công cụ triển khai: " << joined(md.tools) << "\n";
    }
    out << "Kinh phí: " << plan::fundingKindName(md.funding.kind)
        << (md.original.funding ? " — " + *md.original.funding : std::string()) << "\n";
}

int planShow(Context& c)
{
    const bool json = c.a.flag("--json");
    if (c.a.rest().size() != 1) {
        return usageError(c.err, "usage: da06 plan show N [--json]");
    }
    int number = 0;
    const auto& text = c.a.rest().front();
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || p != text.data() + text.size() || number < 1) {
        return usageError(c.err, "a model number was expected, found \"" + text + "\"");
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(m, plan::PlanRepository(s.store.db(), *c.g.clock).model(number));
        if (json) {
            c.print(plan::modelDetailToJson(*m));
        } else {
            printModel(c.out, *m);
        }
        return kExitOk;
    });
}

constexpr SubcommandEntry kPlanCommands[] = {
    {"import", planImport},
    {"list", planList},
    {"show", planShow},
};

} // namespace

int cmdPlan(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto sub = a.next();
    if (!sub) {
        return usageError(err, kPlanUsage);
    }
    Context c{g, a, out, err};
    if (auto run = findSubcommand(kPlanCommands, *sub)) {
        return run(c);
    }
    return usageError(err, "unknown plan command \"" + *sub + "\"");
}

int cmdUnits(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    // The units hierarchy (domain/work) answers both; each removes its leading word itself.
    if (!a.rest().empty() && a.rest().front() == "import") {
        return cmdUnitsImport(g, a, out, err);
    }
    if (!a.rest().empty() && a.rest().front() == "list") {
        return cmdUnitsList(g, a, out, err);
    }
    return usageError(err, "usage: da06 units list [filters] [--json] | units import FILE|--bundled");
}

} // namespace da06::cli
