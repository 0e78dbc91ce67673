// da06 report unit|district|province|periods|save|submit|accept|return|reopen|rule: monthly reports.
#include <fstream>
#include <iomanip>
#include <iterator>

#include "client/cli/Commands.h"
#include "client/cli/Runner.h"
#include "domain/desk/CheckService.h"
#include "domain/report/ReportJson.h"
#include "domain/report/ReportService.h"
#include "domain/work/UnitService.h"
#include "reports/CsvWriter.h"
#include "reports/PdfWriter.h"
#include "reports/ReportDocuments.h"
#include "reports/XlsxWriter.h"

namespace da06::cli {

namespace {

const char* const kReportUsage =
    "usage: da06 report unit --period YYYY-MM [--unit U] [--pdf F] [--xlsx F] [--csv F] [--json]\n"
    "       da06 report district --period P --district D [--pdf F] [--xlsx F] [--csv F] [--json]\n"
    "       da06 report province --period P [--province U] [--pdf F] [--xlsx F] [--csv F] [--json]\n"
    "       da06 report periods [--unit U] [--count N] [--json]\n"
    "       da06 report save|submit --period YYYY-MM [--unit U] [--results T] [--difficulties T] [--proposals T]\n"
    "                               [--next-plan T] [--number N] [--signer NAME] [--json]\n"
    "       da06 report accept --period YYYY-MM --unit U [--comment T]\n"
    "       da06 report return --period YYYY-MM --unit U --comment T\n"
    "       da06 report reopen --period YYYY-MM [--unit U]\n"
    "       da06 report rule [--cutoff-day N] [--due-day N] [--lock-days N] [--json]\n"
    "  P is a month (YYYY-MM), a quarter (YYYY-Qn) or a year (YYYY); district and province take the\n"
    "  district's or province's unit id. --narrative-file F (district, province) sets the edited text.";

struct Outputs {
    std::optional<std::string> pdf, xlsx, csv;
};

Outputs outputOptions(Args& a)
{
    Outputs o;
    o.pdf = a.option("--pdf");
    o.xlsx = a.option("--xlsx");
    o.csv = a.option("--csv");
    return o;
}

Status writeOutputs(const reports::Document& d, const Outputs& o, std::ostream& out, bool quiet)
{
    using Writer = Status (*)(const reports::Document&, const std::filesystem::path&);
    const std::pair<const std::optional<std::string>*, Writer> files[] = {
        {&o.pdf, reports::writePdf}, {&o.xlsx, reports::writeXlsx}, {&o.csv, reports::writeCsv}};
    for (const auto& [path, write] : files) {
        if (*path) {
            DA06_CHECK(write(d, **path));
            if (!quiet) {
                out << "wrote " << **path << "\n";
            }
        }
    }
    return {};
}

void printUnitReport(std::ostream& out, const report::UnitReport& r)
{
    out << r.unitName << " — " << r.period.vietnameseName() << " (data " << r.period.dataFrom.toVietnamese() << "–"
        << r.period.dataTo.toVietnamese() << ", due " << r.period.due.toVietnamese() << ")\n";
    out << "status: " << (r.status ? report::reportStatusName(*r.status) : "not written")
        << (r.locked ? " (locked)" : "")
        << (r.frozen ? ", figures as submitted" : ", figures as of " + r.asOf.toVietnamese()) << "\n";
    out << "models: " << r.models.size() << " (lead " << r.leadModels() << "), done "
        << r.countOutcome(report::ModelOutcome::Done) << ", in progress "
        << r.countOutcome(report::ModelOutcome::InProgress) << ", late " << r.countOutcome(report::ModelOutcome::Late)
        << ", not started " << r.countOutcome(report::ModelOutcome::NotStarted) << "; mean " << r.meanPercent()
        << "%\n";
    for (const auto& m : r.models) {
        out << "  M" << padded(std::to_string(m.number), 3) << " " << padded(m.role, 13) << std::setw(3) << m.percent
            << "%  " << padded(report::modelOutcomeName(m.outcome()), 12) << " " << m.done << "/" << m.tasks
            << " tasks  " << m.title << "\n";
    }
    if (!r.checks.available) {
        out << "identity checks: " << r.checks.note << "\n";
    }
    if (r.reviewComment) {
        out << "review: " << *r.reviewComment << "\n";
    }
}

void printCompilation(std::ostream& out, const report::Compilation& c)
{
    out << c.scopeName << " — " << c.period.vietnameseName() << ": " << c.received << "/" << c.expected << " received ("
        << report::vietnameseNumber(c.completeness) << "%), " << c.onTime << " on time ("
        << report::vietnameseNumber(c.timeliness) << "%), " << c.returned << " returned, " << c.missing << " missing\n";
    for (const auto& u : c.units) {
        out << "  " << padded(u.unitName, 40) << " "
            << padded(u.status ? report::reportStatusName(*u.status) : "missing", 10) << " " << u.received << "/"
            << u.expected << " received, " << u.onTime << " on time\n";
    }
    if (!c.overdue.empty()) {
        out << "overdue models:\n";
        for (const auto& o : c.overdue) {
            out << "  M" << o.number << ": ";
            for (std::size_t i = 0; i < o.units.size(); ++i) {
                out << (i ? ", " : "") << o.units[i];
            }
            out << "\n";
        }
    }
}

// The report service with the identity-check counts of this store.
struct Reports {
    desk::StoredCheckCounts checkCounts;
    report::ReportService svc;

    Reports(access::Session& s, const Clock& clock)
        : checkCounts(s.store.db()), svc(s.store.db(), clock, s.actor, &checkCounts)
    {
    }
};

// The province's unit when --province is not given: the first unit of level province.
Result<std::optional<std::string>> firstProvince(access::Session& s, const Clock& clock)
{
    work::UnitService units(s.store.db(), clock, s.actor);
    DA06_TRY(provinces, units.list(work::UnitFilter{std::string("province"), std::nullopt, std::nullopt, false, ""}));
    if (provinces->empty()) {
        return std::optional<std::string>();
    }
    return std::optional<std::string>(provinces->front().id);
}

Status saveNarrative(report::ReportService& svc, const std::string& file, const std::string& scope,
                     const std::string& period)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return fail(ErrorCode::Io, "cannot read " + file);
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return svc.saveCompilationNarrative(scope, period, text);
}

// report district|province: the compilation of the units' reports.
int compileCommand(Context& c, const std::string& level)
{
    auto period = c.a.option("--period");
    auto scope = c.a.option(level == "district" ? "--district" : "--province");
    auto narrativeFile = c.a.option("--narrative-file");
    const auto outputs = outputOptions(c.a);
    const bool json = c.a.flag("--json");
    if (c.a.leftoverProblem() || !c.a.rest().empty() || !period || (level == "district" && !scope)) {
        return usageError(c.err, kReportUsage);
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        if (!scope) {
            DA06_TRY(province, firstProvince(s, *c.g.clock));
            if (!*province) {
                return usageError(c.err, "name the province's unit with --province");
            }
            scope = **province;
        }
        Reports r(s, *c.g.clock);
        if (narrativeFile) {
            DA06_CHECK(saveNarrative(r.svc, *narrativeFile, *scope, *period));
        }
        DA06_TRY(compiled, r.svc.compile(*scope, *period, level));
        DA06_CHECK(writeOutputs(reports::compilationDocument(*compiled, c.g.clock->today()), outputs, c.out, json));
        if (json) {
            c.print(report::compilationToJson(*compiled));
        } else {
            printCompilation(c.out, *compiled);
        }
        return kExitOk;
    });
}

int reportDistrict(Context& c)
{
    return compileCommand(c, "district");
}

int reportProvince(Context& c)
{
    return compileCommand(c, "province");
}

// Sets the days given; false when one is not a whole number in its range.
bool changeRule(report::PeriodRule& rule, const std::optional<std::string>& cutoff,
                const std::optional<std::string>& due, const std::optional<std::string>& lock)
{
    auto set = [](const std::optional<std::string>& v, int& target, long long max) {
        if (!v) {
            return true;
        }
        auto n = parseInteger(*v, 0, max);
        if (!n) {
            return false;
        }
        target = static_cast<int>(*n);
        return true;
    };
    return set(cutoff, rule.cutoffDay, 28) && set(due, rule.dueDay, 28) && set(lock, rule.lockAfterDays, 365);
}

int reportRule(Context& c)
{
    auto cutoff = c.a.option("--cutoff-day");
    auto due = c.a.option("--due-day");
    auto lock = c.a.option("--lock-days");
    const bool json = c.a.flag("--json");
    if (c.a.leftoverProblem() || !c.a.rest().empty()) {
        return usageError(c.err, kReportUsage);
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        Reports r(s, *c.g.clock);
        DA06_TRY(rule, r.svc.rule());
        if (cutoff || due || lock) {
            if (!changeRule(*rule, cutoff, due, lock)) {
                return usageError(c.err, "days must be whole numbers: cut-off and due day 1–28, lock days 0–365");
            }
            DA06_CHECK(r.svc.setRule(*rule));
        }
        if (json) {
            json::Value v = json::Object{};
            v.set("cutoff_day", rule->cutoffDay);
            v.set("due_day", rule->dueDay);
            v.set("lock_days", rule->lockAfterDays);
            c.print(v);
        } else {
            c.out << "data to the " << rule->cutoffDay << "th of the month, due before the " << rule->dueDay
                  << "th, locked " << rule->lockAfterDays << " days after the due date\n";
        }
        return kExitOk;
    });
}

// --period and --unit, which every other report command reads first.
struct PeriodUnit {
    std::optional<std::string> period, unit;

    explicit PeriodUnit(Args& a) : period(a.option("--period")), unit(a.option("--unit")) {}
};

json::Value periodRowToJson(const report::PeriodRow& r)
{
    json::Value v = report::periodToJson(r.period);
    v.set("state", report::periodStateName(r.state));
    v.set("status", r.status ? json::Value(report::reportStatusName(*r.status)) : json::Value());
    v.set("submitted_at", r.submittedAt ? json::Value(*r.submittedAt) : json::Value());
    v.set("locked", r.locked);
    return v;
}

int reportPeriods(Context& c)
{
    const PeriodUnit pu(c.a);
    auto countText = c.a.option("--count");
    const bool json = c.a.flag("--json");
    if (c.a.leftoverProblem() || !c.a.rest().empty()) {
        return usageError(c.err, kReportUsage);
    }
    const auto count = countText ? parseInteger(*countText, 1, 120) : std::optional<long long>(12);
    if (!count) {
        return usageError(c.err, "--count must be a number of months from 1 to 120");
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(u, unitOrDesk(s, c.g, pu.unit));
        DA06_TRY(rows, report::ReportService(s.store.db(), *c.g.clock, s.actor).periods(*u, static_cast<int>(*count)));
        if (json) {
            c.print(jsonArray(*rows, periodRowToJson));
            return kExitOk;
        }
        for (const auto& r : *rows) {
            c.out << r.period.key() << "  " << padded(report::periodStateName(r.state), 11) << " due "
                  << r.period.due.toVietnamese() << (r.locked ? "  locked" : "") << "\n";
        }
        return kExitOk;
    });
}

int reportReopen(Context& c)
{
    const PeriodUnit pu(c.a);
    if (c.a.leftoverProblem() || !c.a.rest().empty() || !pu.period) {
        return usageError(c.err, kReportUsage);
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_CHECK(report::ReportService(s.store.db(), *c.g.clock, s.actor).reopen(*pu.period, pu.unit.value_or("")));
        c.out << "reopened " << *pu.period << (pu.unit ? " for " + *pu.unit : std::string(" for every unit")) << "\n";
        return kExitOk;
    });
}

// report accept|return --period P --unit U [--comment T] (return needs the comment)
int reviewCommand(Context& c, bool accept)
{
    const PeriodUnit pu(c.a);
    auto comment = c.a.option("--comment");
    if (c.a.leftoverProblem() || !c.a.rest().empty() || !pu.period || !pu.unit || (!accept && !comment)) {
        return usageError(c.err, kReportUsage);
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        Reports rs(s, *c.g.clock);
        DA06_TRY(r, accept ? rs.svc.accept(*pu.unit, *pu.period, comment.value_or(""))
                           : rs.svc.returnReport(*pu.unit, *pu.period, *comment));
        c.out << r->unitName << " " << r->period.key() << ": " << report::reportStatusName(*r->status) << "\n";
        return kExitOk;
    });
}

int reportAccept(Context& c)
{
    return reviewCommand(c, true);
}

int reportReturn(Context& c)
{
    return reviewCommand(c, false);
}

// The texts of report save|submit; only the ones given change the report's narrative.
struct NarrativeEdit {
    std::optional<std::string> results, difficulties, proposals, nextPlan;

    bool any() const { return results || difficulties || proposals || nextPlan; }
    report::Narrative over(report::Narrative n) const
    {
        n.results = results.value_or(n.results);
        n.difficulties = difficulties.value_or(n.difficulties);
        n.proposals = proposals.value_or(n.proposals);
        n.nextPlan = nextPlan.value_or(n.nextPlan);
        return n;
    }
};

json::Value unitReportWithIssues(const report::UnitReport& r, const Date& today)
{
    json::Value v = report::unitReportToJson(r);
    json::Value issues = json::Array{};
    for (const auto& i : report::validate(r, today)) {
        json::Value x = json::Object{};
        x.set("code", i.code);
        x.set("blocking", i.blocking);
        x.set("message", i.message);
        issues.push(std::move(x));
    }
    v.set("issues", std::move(issues));
    return v;
}

// report unit (read, with its files), report save, report submit.
int unitReportCommand(Context& c, const std::string& sub)
{
    const PeriodUnit pu(c.a);
    report::ReportEdit edit;
    NarrativeEdit texts;
    Outputs outputs;
    if (sub != "unit") {
        texts = {c.a.option("--results"), c.a.option("--difficulties"), c.a.option("--proposals"),
                 c.a.option("--next-plan")};
        edit.docNumber = c.a.option("--number");
        edit.signer = c.a.option("--signer");
    } else {
        outputs = outputOptions(c.a);
    }
    const bool json = c.a.flag("--json");
    if (c.a.leftoverProblem() || !c.a.rest().empty() || !pu.period) {
        return usageError(c.err, kReportUsage);
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(u, unitOrDesk(s, c.g, pu.unit));
        Reports rs(s, *c.g.clock);
        DA06_TRY(current, rs.svc.unitReport(*u, *pu.period));
        if (texts.any()) {
            edit.narrative = texts.over(current->narrative);
        }
        Result<report::UnitReport> r = *current;
        if (sub == "save") {
            r = rs.svc.save(*u, *pu.period, edit);
        } else if (sub == "submit") {
            r = rs.svc.submit(*u, *pu.period, edit);
        }
        if (!r) {
            return std::unexpected(r.error());
        }
        const Date day = (r->submittedAt ? vietnamDayOf(*r->submittedAt) : std::nullopt).value_or(c.g.clock->today());
        DA06_CHECK(writeOutputs(reports::unitReportDocument(*r, day), outputs, c.out, json));
        if (json) {
            c.print(unitReportWithIssues(*r, c.g.clock->today()));
        } else {
            printUnitReport(c.out, *r);
        }
        return kExitOk;
    });
}

int reportUnit(Context& c)
{
    return unitReportCommand(c, "unit");
}

int reportSave(Context& c)
{
    return unitReportCommand(c, "save");
}

int reportSubmit(Context& c)
{
    return unitReportCommand(c, "submit");
}

constexpr SubcommandEntry kReportCommands[] = {
    {"district", reportDistrict}, {"province", reportProvince}, {"rule", reportRule},     {"periods", reportPeriods},
    {"reopen", reportReopen},     {"accept", reportAccept},     {"return", reportReturn}, {"unit", reportUnit},
    {"save", reportSave},         {"submit", reportSubmit},
};

} // namespace

int cmdReport(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    Context c{g, a, out, err};
    return dispatch(c, kReportCommands, "report", kReportUsage);
}

} // namespace da06::cli
