#include "cli/Cli.h"

#include <charconv>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>

#include "Bundled.h"
#include "cli/Terminal.h"
#include "plan/PlanFile.h"
#include "plan/PlanJson.h"
#include "plan/PlanParser.h"
#include "plan/PlanRepository.h"
#include "store/Store.h"

#ifndef DA06_VERSION
#define DA06_VERSION "0.0.0"
#endif

namespace da06::cli {

namespace {

const char* const kUsage = R"(Usage: da06 [--store PATH] [--user NAME] COMMAND [OPTIONS]

DA06 Desk command line: the encrypted local store of the Đề án 06 client.

Commands:
  init [--plan FILE]               create the store and load the bundled Tây Ninh plan (or FILE)
  plan import FILE                 load a plan file (replaces a plan with the same id)
  plan list [--group A..E] [--search TEXT] [--json]
                                   the models of the current plan
  plan show N [--json]             one model in full
  units list [--json]              the units known to the store
  --version                        the program's version
  --help                           this text

Options:
  --store PATH   the store file (default: $DA06_STORE, else the user's data folder)
  --user NAME    whose key slot unlocks the store (default: the first)

The passphrase is read from DA06_PASSPHRASE, or asked on the terminal without echo.
Exit codes: 0 success, 1 other failure, 2 usage error, 3 store cannot be opened
(wrong passphrase, damaged, newer, missing), 4 not found, 5 invalid input file.
)";

struct Globals {
    std::filesystem::path store;
    std::string user;
};

class Args {
public:
    explicit Args(std::vector<std::string> a) : m_args(std::move(a)) {}

    bool flag(const std::string& name)
    {
        for (auto it = m_args.begin(); it != m_args.end(); ++it) {
            if (*it == name) {
                m_args.erase(it);
                return true;
            }
        }
        return false;
    }
    // --name VALUE or --name=VALUE; "" for a present flag without value (a usage error).
    std::optional<std::string> option(const std::string& name)
    {
        for (std::size_t i = 0; i < m_args.size(); ++i) {
            if (m_args[i] == name) {
                if (i + 1 >= m_args.size()) {
                    m_missingValue = name;
                    m_args.erase(m_args.begin() + static_cast<long>(i));
                    return std::nullopt;
                }
                std::string v = m_args[i + 1];
                m_args.erase(m_args.begin() + static_cast<long>(i), m_args.begin() + static_cast<long>(i) + 2);
                return v;
            }
            if (m_args[i].rfind(name + "=", 0) == 0) {
                std::string v = m_args[i].substr(name.size() + 1);
                m_args.erase(m_args.begin() + static_cast<long>(i));
                return v;
            }
        }
        return std::nullopt;
    }
    std::vector<std::string>& rest() { return m_args; }
    const std::string& missingValue() const { return m_missingValue; }

private:
    std::vector<std::string> m_args;
    std::string m_missingValue;
};

int exitCodeFor(const Error& e)
{
    switch (e.code) {
    case ErrorCode::Usage: return kExitUsage;
    case ErrorCode::WrongPassphrase:
    case ErrorCode::StoreMissing:
    case ErrorCode::StoreDamaged:
    case ErrorCode::StoreTooNew: return kExitStore;
    case ErrorCode::NotFound: return kExitNotFound;
    case ErrorCode::InvalidInput: return kExitInvalidInput;
    default: return kExitFailure;
    }
}

int report(std::ostream& err, const Error& e)
{
    err << "da06: " << e.message << "\n";
    return exitCodeFor(e);
}

int usageError(std::ostream& err, const std::string& what)
{
    err << "da06: " << what << "\nRun `da06 --help` for the commands.\n";
    return kExitUsage;
}

Result<store::Store> openStore(const Globals& g)
{
    // A missing store is reported before any passphrase is asked for.
    std::error_code ec;
    if (!std::filesystem::exists(g.store, ec)) {
        return fail(ErrorCode::StoreMissing, "there is no store at " + g.store.string() + " (create one with `da06 init`)");
    }
    std::string why;
    auto pass = readPassphrase("Passphrase for " + g.store.string() + ": ", false, why);
    if (!pass) {
        return fail(ErrorCode::Usage, why);
    }
    return store::Store::open(g.store, pass->view(), store::OpenOptions{g.user, true});
}

std::string deadlineText(const plan::Deadline& d)
{
    switch (d.kind) {
    case plan::DeadlineKind::Month:
    case plan::DeadlineKind::Quarter: return d.due ? d.due->toVietnamese() : "?";
    case plan::DeadlineKind::Recurring: return "thường xuyên";
    case plan::DeadlineKind::Completed: return d.year ? "xong " + std::to_string(*d.year) : "đã xong";
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
    if (pass->size() < 8) {
        return usageError(err, "the passphrase is too short: use at least 8 characters (a few words is best)");
    }
    auto st = store::Store::create(g.store, pass->view(), store::CreateOptions{g.user.empty() ? "admin" : g.user, 0});
    pass->clear();
    if (!st) {
        return report(err, st.error());
    }
    SystemClock clock;
    plan::PlanRepository repo(st->db(), clock);
    auto summary = repo.importPlan(*plan);
    if (!summary) {
        return report(err, summary.error());
    }
    out << "Created the store " << g.store.string() << " with the plan " << summary->planId << " (" << summary->models
        << " models, " << summary->unitsAdded << " units).\n";
    return kExitOk;
}

int cmdPlan(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto& rest = a.rest();
    if (rest.empty()) {
        return usageError(err, "usage: da06 plan import FILE | plan list [--group G] [--json] | plan show N [--json]");
    }
    const std::string sub = rest.front();
    rest.erase(rest.begin());
    SystemClock clock;

    if (sub == "import") {
        if (rest.size() != 1) {
            return usageError(err, "usage: da06 plan import FILE");
        }
        // The file is checked completely before the store is touched.
        auto plan = plan::loadPlanFile(rest.front());
        if (!plan) {
            return report(err, plan.error());
        }
        auto st = openStore(g);
        if (!st) {
            return report(err, st.error());
        }
        plan::PlanRepository repo(st->db(), clock);
        auto summary = repo.importPlan(*plan);
        if (!summary) {
            return report(err, summary.error());
        }
        out << (summary->replaced ? "Replaced" : "Imported") << " the plan " << summary->planId << ": " << summary->models
            << " models, " << summary->unitsAdded << " new units.\n";
        return kExitOk;
    }
    if (sub == "list") {
        const bool json = a.flag("--json");
        auto group = a.option("--group");
        auto search = a.option("--search");
        if (!a.missingValue().empty() || !rest.empty()) {
            return usageError(err, "usage: da06 plan list [--group A..E] [--search TEXT] [--json]");
        }
        auto st = openStore(g);
        if (!st) {
            return report(err, st.error());
        }
        plan::PlanRepository repo(st->db(), clock);
        if (group) {
            auto groups = repo.groups();
            if (!groups) {
                return report(err, groups.error());
            }
            bool known = false;
            for (const auto& gr : *groups) {
                known = known || gr.code == *group;
            }
            if (!known) {
                return usageError(err, "the plan has no group \"" + *group + "\"");
            }
        }
        auto models = repo.models(plan::ModelFilter{group, search.value_or("")});
        if (!models) {
            return report(err, models.error());
        }
        if (json) {
            json::Value arr = json::Array{};
            for (const auto& m : *models) {
                arr.push(plan::modelSummaryToJson(m));
            }
            out << arr.dump(2) << "\n";
        } else {
            std::string lastGroup;
            for (const auto& sm : *models) {
                if (sm.model.group != lastGroup) {
                    lastGroup = sm.model.group;
                    out << (out.tellp() > 0 ? "\n" : "") << sm.model.group << ". " << sm.groupTitle << "\n";
                }
                out << "  " << (sm.model.number < 10 ? " " : "") << sm.model.number << "  " << deadlineText(sm.model.deadline)
                    << "  " << sm.model.title << "  [" << joined(sm.leadUnitNames) << "]\n";
            }
        }
        return kExitOk;
    }
    if (sub == "show") {
        const bool json = a.flag("--json");
        if (rest.size() != 1) {
            return usageError(err, "usage: da06 plan show N [--json]");
        }
        int number = 0;
        const auto& s = rest.front();
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), number);
        if (ec != std::errc() || p != s.data() + s.size() || number < 1) {
            return usageError(err, "a model number was expected, found \"" + s + "\"");
        }
        auto st = openStore(g);
        if (!st) {
            return report(err, st.error());
        }
        plan::PlanRepository repo(st->db(), clock);
        auto m = repo.model(number);
        if (!m) {
            return report(err, m.error());
        }
        if (json) {
            out << plan::modelDetailToJson(*m).dump(2) << "\n";
            return kExitOk;
        }
        const auto& md = m->model;
        auto line = [&](const char* label, const std::optional<std::string>& v) {
            if (v) {
                out << label << ": " << *v << "\n";
            }
        };
        out << "Mô hình " << md.number << " (nhóm " << md.group << ": " << m->groupTitle << ")\n" << md.title << "\n\n";
        line("Đối tượng triển khai", md.target);
        line("Mục tiêu", md.objective);
        out << "Chủ trì: " << joined(m->leadUnitNames) << "\n";
        if (!m->coordinatingUnitNames.empty()) {
            out << "Phối hợp: " << joined(m->coordinatingUnitNames) << "\n";
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
        return kExitOk;
    }
    return usageError(err, "unknown plan command \"" + sub + "\"");
}

int cmdUnits(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto& rest = a.rest();
    const bool json = a.flag("--json");
    if (rest.size() != 1 || rest.front() != "list") {
        return usageError(err, "usage: da06 units list [--json]");
    }
    auto st = openStore(g);
    if (!st) {
        return report(err, st.error());
    }
    SystemClock clock;
    plan::PlanRepository repo(st->db(), clock);
    auto units = repo.units();
    if (!units) {
        return report(err, units.error());
    }
    if (json) {
        json::Value arr = json::Array{};
        for (const auto& u : *units) {
            arr.push(plan::unitToJson(u));
        }
        out << arr.dump(2) << "\n";
    } else {
        for (const auto& u : *units) {
            out << u.id << "  " << u.name << "  (" << u.kind << ")\n";
        }
    }
    return kExitOk;
}

} // namespace

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err)
{
    Args a(argv);
    if (a.flag("--help") || a.flag("-h")) {
        out << kUsage;
        return kExitOk;
    }
    if (a.flag("--version")) {
        out << "da06 " << DA06_VERSION << " (store schema " << store::latestSchemaVersion() << ", plan format "
            << plan::kPlanFormatVersion << ")\n";
        return kExitOk;
    }
    Globals g;
    auto storeOpt = a.option("--store");
    auto userOpt = a.option("--user");
    if (!a.missingValue().empty()) {
        return usageError(err, a.missingValue() + " needs a value");
    }
    g.store = storeOpt ? std::filesystem::path(*storeOpt) : store::Store::defaultPath();
    if (userOpt) {
        g.user = *userOpt;
    } else if (const char* u = std::getenv("DA06_USER"); u && *u) {
        g.user = u;
    }
    auto& rest = a.rest();
    if (rest.empty()) {
        err << kUsage;
        return kExitUsage;
    }
    const std::string command = rest.front();
    rest.erase(rest.begin());
    if (command == "init") {
        return cmdInit(g, a, out, err);
    }
    if (command == "plan") {
        return cmdPlan(g, a, out, err);
    }
    if (command == "units") {
        return cmdUnits(g, a, out, err);
    }
    return usageError(err, "unknown command \"" + command + "\"");
}

} // namespace da06::cli
