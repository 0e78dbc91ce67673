// da06 report unit|district|province|periods|save|submit|accept|return|reopen|rule: monthly reports.
#include <fstream>
#include <iomanip>
#include <iterator>

#include "CsvWriter.h"
#include "PdfWriter.h"
#include "ReportDocuments.h"
#include "XlsxWriter.h"
#include "cli/Commands.h"
#include "report/ReportJson.h"
#include "desk/CheckService.h"
#include "report/ReportService.h"
#include "work/UnitService.h"

namespace da06::cli {

int cmdReport(const Globals& g, Args& a, std::ostream& out, std::ostream& err);

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
    if (o.pdf) {
        DA06_CHECK(reports::writePdf(d, *o.pdf));
        if (!quiet) {
            out << "wrote " << *o.pdf << "\n";
        }
    }
    if (o.xlsx) {
        DA06_CHECK(reports::writeXlsx(d, *o.xlsx));
        if (!quiet) {
            out << "wrote " << *o.xlsx << "\n";
        }
    }
    if (o.csv) {
        DA06_CHECK(reports::writeCsv(d, *o.csv));
        if (!quiet) {
            out << "wrote " << *o.csv << "\n";
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

int compileCommand(const Globals& g, Args& a, std::ostream& out, std::ostream& err, const std::string& level)
{
    auto period = a.option("--period");
    auto scope = a.option(level == "district" ? "--district" : "--province");
    auto narrativeFile = a.option("--narrative-file");
    const auto outputs = outputOptions(a);
    const bool json = a.flag("--json");
    if (a.leftoverProblem() || !a.rest().empty() || !period || (level == "district" && !scope)) {
        return usageError(err, kReportUsage);
    }
    auto s = openSession(g);
    if (!s) {
        return report(err, s.error());
    }
    if (!scope) {
        work::UnitService units(s->store.db(), *g.clock, s->actor);
        auto provinces = units.list(work::UnitFilter{std::string("province"), std::nullopt, std::nullopt, false, ""});
        if (!provinces) {
            return report(err, provinces.error());
        }
        if (provinces->empty()) {
            return usageError(err, "name the province's unit with --province");
        }
        scope = provinces->front().id;
    }
    desk::StoredCheckCounts checkCounts(s->store.db());
    report::ReportService svc(s->store.db(), *g.clock, s->actor, &checkCounts);
    if (narrativeFile) {
        std::ifstream in(*narrativeFile, std::ios::binary);
        if (!in) {
            return report(err, Error(ErrorCode::Io, "cannot read " + *narrativeFile));
        }
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (auto st = svc.saveCompilationNarrative(*scope, *period, text); !st) {
            return report(err, st.error());
        }
    }
    auto c = svc.compile(*scope, *period, level);
    if (!c) {
        return report(err, c.error());
    }
    if (auto st = writeOutputs(reports::compilationDocument(*c, g.clock->today()), outputs, out, json); !st) {
        return report(err, st.error());
    }
    if (json) {
        out << report::compilationToJson(*c).dump(2) << "\n";
    } else {
        printCompilation(out, *c);
    }
    return kExitOk;
}

} // namespace

int cmdReport(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto sub = a.next();
    if (!sub) {
        return usageError(err, kReportUsage);
    }
    if (*sub == "district" || *sub == "province") {
        return compileCommand(g, a, out, err, *sub);
    }
    if (*sub == "rule") {
        auto cutoff = a.option("--cutoff-day");
        auto due = a.option("--due-day");
        auto lock = a.option("--lock-days");
        const bool json = a.flag("--json");
        if (a.leftoverProblem() || !a.rest().empty()) {
            return usageError(err, kReportUsage);
        }
        auto s = openSession(g);
        if (!s) {
            return report(err, s.error());
        }
        desk::StoredCheckCounts checkCounts(s->store.db());
    report::ReportService svc(s->store.db(), *g.clock, s->actor, &checkCounts);
        auto rule = svc.rule();
        if (!rule) {
            return report(err, rule.error());
        }
        if (cutoff || due || lock) {
            auto set = [&](const std::optional<std::string>& v, int& target, long long max) {
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
            if (!set(cutoff, rule->cutoffDay, 28) || !set(due, rule->dueDay, 28) ||
                !set(lock, rule->lockAfterDays, 365)) {
                return usageError(err, "days must be whole numbers: cut-off and due day 1–28, lock days 0–365");
            }
            if (auto st = svc.setRule(*rule); !st) {
                return report(err, st.error());
            }
        }
        if (json) {
            json::Value v = json::Object{};
            v.set("cutoff_day", rule->cutoffDay);
            v.set("due_day", rule->dueDay);
            v.set("lock_days", rule->lockAfterDays);
            out << v.dump(2) << "\n";
        } else {
            out << "data to the " << rule->cutoffDay << "th of the month, due before the " << rule->dueDay
                << "th, locked " << rule->lockAfterDays << " days after the due date\n";
        }
        return kExitOk;
    }

    auto period = a.option("--period");
    auto unit = a.option("--unit");
    if (*sub == "periods") {
        auto countText = a.option("--count");
        const bool json = a.flag("--json");
        if (a.leftoverProblem() || !a.rest().empty()) {
            return usageError(err, kReportUsage);
        }
        const auto count = countText ? parseInteger(*countText, 1, 120) : std::optional<long long>(12);
        if (!count) {
            return usageError(err, "--count must be a number of months from 1 to 120");
        }
        auto s = openSession(g);
        if (!s) {
            return report(err, s.error());
        }
        auto u = unitOrDesk(*s, g, unit);
        if (!u) {
            return report(err, u.error());
        }
        auto rows = report::ReportService(s->store.db(), *g.clock, s->actor).periods(*u, static_cast<int>(*count));
        if (!rows) {
            return report(err, rows.error());
        }
        json::Value arr = json::Array{};
        for (const auto& r : *rows) {
            if (json) {
                json::Value v = report::periodToJson(r.period);
                v.set("state", report::periodStateName(r.state));
                v.set("status", r.status ? json::Value(report::reportStatusName(*r.status)) : json::Value());
                v.set("submitted_at", r.submittedAt ? json::Value(*r.submittedAt) : json::Value());
                v.set("locked", r.locked);
                arr.push(std::move(v));
            } else {
                out << r.period.key() << "  " << padded(report::periodStateName(r.state), 11) << " due "
                    << r.period.due.toVietnamese() << (r.locked ? "  locked" : "") << "\n";
            }
        }
        if (json) {
            out << arr.dump(2) << "\n";
        }
        return kExitOk;
    }
    if (*sub == "reopen") {
        if (a.leftoverProblem() || !a.rest().empty() || !period) {
            return usageError(err, kReportUsage);
        }
        auto s = openSession(g);
        if (!s) {
            return report(err, s.error());
        }
        if (auto st = report::ReportService(s->store.db(), *g.clock, s->actor).reopen(*period, unit.value_or(""));
            !st) {
            return report(err, st.error());
        }
        out << "reopened " << *period << (unit ? " for " + *unit : std::string(" for every unit")) << "\n";
        return kExitOk;
    }
    if (*sub == "accept" || *sub == "return") {
        auto comment = a.option("--comment");
        if (a.leftoverProblem() || !a.rest().empty() || !period || !unit || (*sub == "return" && !comment)) {
            return usageError(err, kReportUsage);
        }
        auto s = openSession(g);
        if (!s) {
            return report(err, s.error());
        }
        desk::StoredCheckCounts checkCounts(s->store.db());
    report::ReportService svc(s->store.db(), *g.clock, s->actor, &checkCounts);
        auto r = *sub == "accept" ? svc.accept(*unit, *period, comment.value_or(""))
                                  : svc.returnReport(*unit, *period, *comment);
        if (!r) {
            return report(err, r.error());
        }
        out << r->unitName << " " << r->period.key() << ": " << report::reportStatusName(*r->status) << "\n";
        return kExitOk;
    }
    if (*sub == "save" || *sub == "submit" || *sub == "unit") {
        report::ReportEdit edit;
        std::optional<std::string> results, difficulties, proposals, nextPlan;
        Outputs outputs;
        if (*sub != "unit") {
            results = a.option("--results");
            difficulties = a.option("--difficulties");
            proposals = a.option("--proposals");
            nextPlan = a.option("--next-plan");
            edit.docNumber = a.option("--number");
            edit.signer = a.option("--signer");
        } else {
            outputs = outputOptions(a);
        }
        const bool json = a.flag("--json");
        if (a.leftoverProblem() || !a.rest().empty() || !period) {
            return usageError(err, kReportUsage);
        }
        auto s = openSession(g);
        if (!s) {
            return report(err, s.error());
        }
        auto u = unitOrDesk(*s, g, unit);
        if (!u) {
            return report(err, u.error());
        }
        desk::StoredCheckCounts checkCounts(s->store.db());
    report::ReportService svc(s->store.db(), *g.clock, s->actor, &checkCounts);
        auto current = svc.unitReport(*u, *period);
        if (!current) {
            return report(err, current.error());
        }
        if (results || difficulties || proposals || nextPlan) {
            report::Narrative n = current->narrative;
            n.results = results.value_or(n.results);
            n.difficulties = difficulties.value_or(n.difficulties);
            n.proposals = proposals.value_or(n.proposals);
            n.nextPlan = nextPlan.value_or(n.nextPlan);
            edit.narrative = n;
        }
        Result<report::UnitReport> r = *current;
        if (*sub == "save") {
            r = svc.save(*u, *period, edit);
        } else if (*sub == "submit") {
            r = svc.submit(*u, *period, edit);
        }
        if (!r) {
            return report(err, r.error());
        }
        if (auto st = writeOutputs(reports::unitReportDocument(*r, (r->submittedAt ? vietnamDayOf(*r->submittedAt) : std::nullopt).value_or(g.clock->today())), outputs,
                                   out, json);
            !st) {
            return report(err, st.error());
        }
        if (json) {
            json::Value v = report::unitReportToJson(*r);
            json::Value issues = json::Array{};
            for (const auto& i : report::validate(*r, g.clock->today())) {
                json::Value x = json::Object{};
                x.set("code", i.code);
                x.set("blocking", i.blocking);
                x.set("message", i.message);
                issues.push(std::move(x));
            }
            v.set("issues", std::move(issues));
            out << v.dump(2) << "\n";
        } else {
            printUnitReport(out, *r);
        }
        return kExitOk;
    }
    return usageError(err, "unknown report command \"" + *sub + "\"\n" + kReportUsage);
}

} // namespace da06::cli
