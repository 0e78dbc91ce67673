#include "client/cli/Cli.h"

#include <cstdlib>
#include <map>
#include <ostream>

#include "client/cli/ChipCommand.h"
#include "client/cli/Commands.h"
#include "client/cli/IdcheckCommand.h"
#include "domain/plan/PlanParser.h"
#include "domain/schema/FullSchema.h"
#include "domain/store/Store.h"

#ifndef DA06_VERSION
#define DA06_VERSION "0.0.0"
#endif

namespace da06::cli {

namespace {

const char* const kUsage = R"(Usage: da06 [--store PATH] [--user NAME] COMMAND [OPTIONS]

DA06 Desk command line: the encrypted local store of the Đề án 06 client.

Store and plan:
  init [--plan FILE]               create the store (its first user is an admin) and load the
                                   bundled Tây Ninh plan (or FILE)
  plan import FILE                 load a plan file (replaces a plan with the same id)    [admin]
  plan list [--group A..E] [--search TEXT] [--json]
                                   the models of the current plan
  plan show N [--json]             one model in full

Units, assignments, tasks (dates YYYY-MM-DD or dd/mm/yyyy):
  units import FILE|--bundled      add or update units (districts, communes, sites) from JSON or CSV  [admin]
  units list [--kind K] [--level province|district|commune|site] [--parent U [--below]] [--search T] [--json]
  desk unit [set UNIT]             the unit this desk belongs to (set: admin)
  desk dashboard [--unit U] [--as-of DATE] [--json]
  desk changes [--pending] [--entity E] [--limit N] [--json]    the change log for synchronization
  assign MODEL UNIT --lead|--coordinate|--remove                  [coordinator, admin]
  assign list [--unit U | --model N] [--json]
  tasks list [--unit U [--only]] [--model N] [--open] [--overdue] [--as-of DATE] [--search T] [--json]
  tasks add MODEL [--unit U] --title T [--due DATE] [--start DATE] [--responsible NAME]
            [--status S] [--percent P] [--indicator NAME=VALUE]... [--note TEXT] [--json]
  tasks update ID [--status S] [--percent P] [--indicator NAME=VALUE]... [--note TEXT]
            [--title T] [--responsible NAME] [--due DATE|none] [--start DATE] [--json]
  tasks attach ID FILE             keep an evidence file (at most 10 MB) inside the store
  tasks show ID [--json]   |   tasks evidence EVIDENCE_ID --to FILE
  tasks monthly [--unit U] [--from YYYY-MM] [--through YYYY-MM]   monthly tasks of models 25, 26, 29
  deadlines [--as-of DATE] [--unit U] [--open] [--json]           every task with its deadline state

Monthly reports:                                                      [staff, coordinator]
  report unit --period YYYY-MM [--unit U] [--pdf F] [--xlsx F] [--csv F] [--json]
  report district --period P --district D [--pdf F] [--xlsx F] [--csv F] [--json]
  report province --period P [--province U] [--pdf F] [--xlsx F] [--csv F] [--json]
                                   P: YYYY-MM, YYYY-Qn or YYYY
  report periods [--unit U] [--count N] [--json]
  report save|submit --period YYYY-MM [--unit U] [--results T] [--difficulties T]
                     [--proposals T] [--next-plan T] [--number N] [--signer NAME] [--json]
  report accept|return --period YYYY-MM --unit U [--comment T]        [coordinator]
  report reopen --period YYYY-MM [--unit U]                           [coordinator]
  report rule [--cutoff-day N] [--due-day N] [--lock-days N] [--json]

Synchronization with the hub:
  enroll --server URL --code CODE [--ca FILE] [--pin sha256//BASE64] [--name NAME]      [admin]
  sync [--attempts N] [--json]     send the outbox, then receive the hub's changes
  sync status [--json]             outbox by state, last success, last error, cursor, conflicts
  sync conflicts [--all] [--json]  values that lost a merge   |   sync resolve ID   re-apply one
  sync policy [counts|details]     what identity-check data leaves the desk (admin to change)

Users, audit, backup:                                                                  [admin]
  user add NAME --role admin|staff|checker|coordinator
  user list [--json]
  user remove NAME
  user reset NAME                  set a new passphrase for NAME
  user role NAME ROLE
  user passwd                      change your own passphrase                  [any user]
  audit verify [--json]            walk the hash chain; report the first entry that does not match
  audit list [--since YYYY-MM-DD] [--json]
  backup --to FILE                 a consistent encrypted copy, while the program may be running
  restore --from FILE              check the copy, keep the current store aside, then replace it

  --version                        the program's version
  --help                           this text

Options:
  --store PATH   the store file (default: $DA06_STORE, else the user's data folder)
  --user NAME    who unlocks the store ($DA06_USER; default: the first user)

Passphrases come from DA06_PASSPHRASE (the new one of user add|reset|passwd from
DA06_NEW_PASSPHRASE), or are asked on the terminal without echo.
Exit codes: 0 success, 1 other failure (also: already done, e.g. a duplicate payout), 2 usage
error, 3 store cannot be opened (wrong passphrase, locked out, damaged, newer, missing), 4 not
found, 5 invalid input file (for idcheck: the payload is invalid; at the front desk: refused by
the rules, e.g. an incomplete case), 6 no QR code found, 8 credentials refused (sync: revoked,
refused, certificate or pin), 10 not allowed for the user's role.
)";

} // namespace

// SyncCommands.cpp
int cmdEnroll(const Globals& g, Args& a, std::ostream& out, std::ostream& err);
int cmdSync(const Globals& g, Args& a, std::ostream& out, std::ostream& err);

int cmdIdcheck(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    return runIdcheck(a.rest(), out, err, g.clock->today());
}

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err)
{
    Args a(argv);
    if (a.flag("--help") || a.flag("-h")) {
        out << kUsage << "\nIdentity checks:\n" << kIdcheckUsage << kIdcheckChipUsage << kDeskUsage;
        return kExitOk;
    }
    if (a.flag("--version")) {
        out << "da06 " << DA06_VERSION << " (store schema " << schema::full().latestVersion() << ", plan format "
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
    SystemClock systemClock;
    std::optional<FixedClock> fixedClock;
    if (const char* fake = std::getenv("DA06_FAKE_TODAY"); fake && *fake) {
        auto d = Date::parseIso(fake);
        if (!d) {
            return usageError(err, "DA06_FAKE_TODAY must be a date YYYY-MM-DD");
        }
        fixedClock = FixedClock::at(*d);
    }
    g.clock = fixedClock ? static_cast<const Clock*>(&*fixedClock) : &systemClock;

    auto command = a.next();
    if (!command) {
        err << kUsage;
        return kExitUsage;
    }
    using Handler = int (*)(const Globals&, Args&, std::ostream&, std::ostream&);
    static const std::map<std::string, Handler> handlers = {
        {"init", cmdInit},     {"plan", cmdPlan},     {"units", cmdUnits},         {"user", cmdUser},
        {"audit", cmdAudit},   {"backup", cmdBackup}, {"restore", cmdRestore},     {"idcheck", cmdIdcheck},
        {"assign", cmdAssign}, {"tasks", cmdTasks},   {"deadlines", cmdDeadlines}, {"desk", cmdDesk},
        {"report", cmdReport}, {"enroll", cmdEnroll}, {"sync", cmdSync},           {"check", cmdCheck},
        {"checks", cmdChecks}, {"case", cmdCase},     {"pawn", cmdPawn},           {"welfare", cmdWelfare},
    };
    const auto it = handlers.find(*command);
    if (it == handlers.end()) {
        return usageError(err, "unknown command \"" + *command + "\"");
    }
    return it->second(g, a, out, err);
}

} // namespace da06::cli
