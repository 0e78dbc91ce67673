// da06 checks list|stats|purge|retention: the register of identity checks, its statistics and the
// retention of their personal details (issue 8).
#include "client/cli/Commands.h"
#include "client/cli/commands/DeskSupport.h"
#include "domain/desk/CheckService.h"
#include "domain/desk/DeskJson.h"
#include "reports/ReportDocuments.h"

namespace da06::cli {

namespace {

const char* const kChecksUsage =
    "usage: da06 checks list [--purpose MODEL] [--search TEXT] [--from DATE] [--to DATE] [--purged] [--limit N] "
    "[--json]\n"
    "       da06 checks stats --month YYYY-MM [--to-month YYYY-MM] [--unit CODE] [--json]\n"
    "       da06 checks purge [--dry-run] [--json]\n"
    "       da06 checks retention [--set MODEL=DAYS]... [--json]     (MODEL \"other\": every other purpose)";

void printCheckLine(std::ostream& out, const desk::CheckRecord& r)
{
    out << padded(r.reference, 19) << " " << padded(ui::localTimeText(r.checkedAt), 22) << " M"
        << padded(std::to_string(r.model), 3) << " " << padded(desk::methodName(r.method), 7) << " "
        << padded(desk::outcomeName(r.outcome), 11) << " "
        << (r.identity ? padded(r.identity->fullName, 28) + " " + reports::maskIdNumber(r.identity->idNumber)
                       : std::string("(details deleted)"))
        << (r.attachedKind ? "  → " + *r.attachedKind : "") << "\n";
}

int checksList(Context& c)
{
    Options o(c.a, kChecksUsage);
    const bool json = o.flag("--json");
    desk::CheckQuery q;
    if (auto m = o.integer("--purpose", 1, 1000, "a model number")) {
        q.model = static_cast<int>(*m);
    }
    q.text = o.text("--search").value_or("");
    q.from = o.date("--from");
    q.to = o.date("--to");
    q.includePurged = o.flag("--purged");
    if (auto l = o.integer("--limit", 1, 100000, "a number from 1 to 100000")) {
        q.limit = static_cast<int>(*l);
    }
    return o.run(0, c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(list, desk::CheckService(s.store.db(), *c.g.clock, s.actor).list(q));
        if (json) {
            c.print(jsonArray(*list, desk::checkToJson));
            return kExitOk;
        }
        for (const auto& r : *list) {
            printCheckLine(c.out, r);
        }
        c.out << counted(list->size(), "check") << "\n";
        return kExitOk;
    });
}

// The statistics of checks stats, between two months, for one unit or every unit.
struct StatsQuery {
    std::string month, to;
    std::optional<std::string> unit;
};

json::Value statsToJson(const StatsQuery& q, const std::vector<desk::CheckStat>& stats, std::int64_t total)
{
    json::Value o;
    o.set("from_month", q.month);
    o.set("to_month", q.to);
    o.set("unit", q.unit ? json::Value(*q.unit) : json::Value(nullptr));
    o.set("total", static_cast<long long>(total));
    o.set("rows", jsonArray(stats, [](const desk::CheckStat& x) {
              json::Value r;
              r.set("unit", x.unitCode);
              r.set("month", x.month);
              r.set("model", x.model);
              r.set("method", x.method);
              r.set("outcome", x.outcome);
              r.set("count", static_cast<long long>(x.count));
              return r;
          }));
    return o;
}

void printStats(std::ostream& out, const StatsQuery& q, const std::vector<desk::CheckStat>& stats, std::int64_t total)
{
    out << "Identity checks " << q.month << (q.to != q.month ? " to " + q.to : "") << (q.unit ? " at " + *q.unit : "")
        << ": " << total << "\n";
    for (const auto& x : stats) {
        out << "  " << padded(x.unitCode, 24) << " " << x.month << "  M" << padded(std::to_string(x.model), 3) << " "
            << padded(x.method, 7) << " " << padded(x.outcome, 11) << " " << x.count << "\n";
    }
}

int checksStats(Context& c)
{
    Options o(c.a, kChecksUsage);
    const bool json = o.flag("--json");
    auto month = o.text("--month");
    auto toMonth = o.text("--to-month");
    auto unit = o.text("--unit");
    o.require(month.has_value(), "checks stats needs --month YYYY-MM");
    for (const auto& m : {month, toMonth}) {
        if (m && !isMonth(*m)) {
            o.problem("\"" + *m + "\" is not a month: write YYYY-MM");
        }
    }
    int rc = kExitOk;
    if (!o.done(0, rc, c.err)) {
        return rc;
    }
    const StatsQuery q{*month, toMonth.value_or(*month), unit};
    if (q.to < q.month) {
        return usageError(c.err, "--to-month comes before --month");
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        desk::CheckService checks(s.store.db(), *c.g.clock, s.actor);
        DA06_TRY(stats, checks.stats(q.month, q.to, q.unit.value_or("")));
        std::int64_t total = 0;
        for (const auto& x : *stats) {
            total += x.count;
        }
        if (json) {
            c.print(statsToJson(q, *stats, total));
        } else {
            printStats(c.out, q, *stats, total);
        }
        return kExitOk;
    });
}

int checksPurge(Context& c)
{
    Options o(c.a, kChecksUsage);
    const bool json = o.flag("--json");
    const bool dryRun = o.flag("--dry-run");
    return o.run(0, c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(p, desk::CheckService(s.store.db(), *c.g.clock, s.actor).purge(dryRun));
        if (json) {
            c.print(desk::purgeToJson(*p));
            return kExitOk;
        }
        c.out << (dryRun ? "Would delete" : "Deleted") << " the personal details of " << p->checks << " checks ("
              << p->parties << " notarial party names) whose retention ended by " << p->asOf.toVietnamese()
              << "; the counts stay.\n";
        for (const auto& [m, n] : p->byModel) {
            c.out << "  M" << padded(std::to_string(m), 3) << " " << n << "\n";
        }
        return kExitOk;
    });
}

// "4=1825" or "other=90".
bool parseRetention(const std::string& s, int& model, int& days)
{
    const auto eq = s.find('=');
    if (eq == std::string::npos) {
        return false;
    }
    const std::string m = s.substr(0, eq);
    auto d = parseInteger(s.substr(eq + 1), 1, 36500);
    if (!d) {
        return false;
    }
    days = static_cast<int>(*d);
    if (m == "other" || m == "0") {
        model = 0;
        return true;
    }
    auto n = parseInteger(m, 1, 1000);
    if (!n) {
        return false;
    }
    model = static_cast<int>(*n);
    return true;
}

void printRetention(std::ostream& out, const desk::RetentionPolicy& policy)
{
    out << "Retention of check details (days after the check):\n";
    for (int m : desk::checkPurposes()) {
        out << "  M" << padded(std::to_string(m), 3) << " " << policy.daysFor(m) << "\n";
    }
    out << "  other " << policy.otherDays << "\n";
}

int checksRetention(Context& c)
{
    Options o(c.a, kChecksUsage);
    const bool json = o.flag("--json");
    std::vector<std::pair<int, int>> changes;
    for (const auto& setting : c.a.options("--set")) {
        int model = 0;
        int days = 0;
        if (!parseRetention(setting, model, days)) {
            o.problem("--set: \"" + setting +
                      "\" is not MODEL=DAYS (days 1–36500; MODEL \"other\" for every other purpose)");
        }
        changes.emplace_back(model, days);
    }
    return o.run(0, c, [&](access::Session& s) -> Result<int> {
        for (const auto& [model, days] : changes) {
            DA06_CHECK(desk::setRetention(s.store.db(), *c.g.clock, s.actor, model, days));
        }
        DA06_TRY(policy, desk::readRetention(s.store.db()));
        if (json) {
            c.print(desk::retentionToJson(*policy));
        } else {
            printRetention(c.out, *policy);
        }
        return kExitOk;
    });
}

constexpr SubcommandEntry kChecksCommands[] = {
    {"list", checksList},
    {"stats", checksStats},
    {"purge", checksPurge},
    {"retention", checksRetention},
};

} // namespace

int cmdChecks(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    Context c{g, a, out, err};
    return dispatch(c, kChecksCommands, "checks", kChecksUsage);
}

} // namespace da06::cli
