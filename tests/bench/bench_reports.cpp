// Reports benchmark (issue 9): a district of 100 units and a province of 1,000 units, all 42 models
// assigned, tasks with indicators, a year of monthly reports (2024-01 … 2024-12) with their figures;
// then the time to build a unit report, to compile the district / province (a month and the year),
// and to render the compilation as PDF, XLSX and CSV; and how that grows from 100 to 1,000 units.
//   bench_reports [district-units] [province-units] [repeats]      (defaults 100 1000 3)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include "assets/Bundled.h"
#include "domain/access/Accounts.h"
#include "domain/core/Clock.h"
#include "domain/plan/PlanFile.h"
#include "domain/plan/PlanRepository.h"
#include "domain/report/ReportJson.h"
#include "domain/report/ReportService.h"
#include "domain/schema/FullSchema.h"
#include "domain/store/Store.h"
#include "domain/text/Text.h"
#include "domain/work/BundledUnits.h"
#include "domain/work/Ids.h"
#include "domain/work/UnitService.h"
#include "reports/CsvWriter.h"
#include "reports/PdfWriter.h"
#include "reports/ReportDocuments.h"
#include "reports/XlsxWriter.h"
#include "tests/bench/BenchSupport.h"

using namespace da06;
using namespace da06::bench;
using Steady = std::chrono::steady_clock;

namespace {

const char* const kPass = "benchmark passphrase for da06";
const Date kToday{2025, 1, 10};

struct Scale {
    std::string label;
    std::string scope;
    std::string level;
    int units = 0; // expected reporting units
    int tasks = 0;
    int reports = 0;
    double generateMs = 0;
    double unitReportMs = 0; // median of building one unit report
    double submitMs = 0;     // median of one submission
    double compileMonth = 0, compileYear = 0, pdf = 0, xlsx = 0, csv = 0;
    int pages = 0;
    double completeness = 0, timeliness = 0;
};

// Units below the scope districts: a tenth communes (members of "UBND cấp xã"), the rest sites;
// each generated unit carries out 5 of the 42 models (besides what it inherits), with 2 tasks each.
void generate(store::Database& db, const Clock& clock, const std::vector<std::string>& districtCodes, int toAdd,
              std::mt19937& rng, Scale& s)
{
    store::Transaction tx(db);
    need(tx.begin(), "begin");
    auto rowOf = [&](const std::string& code) {
        auto st = need(db.prepare("SELECT id FROM unit WHERE code = ?"), "prepare");
        st.bind(1, code);
        need(st.step(), "step");
        return st.columnInt(0);
    };
    const std::int64_t communesCollective = rowOf("ubnd-cap-xa");
    auto pk = need(db.prepare("SELECT value FROM setting WHERE key = 'current_plan'"), "prepare");
    need(pk.step(), "step");
    const std::string plan = pk.columnText(0);
    std::vector<std::int64_t> districts;
    for (const auto& c : districtCodes) {
        districts.push_back(rowOf(c));
    }
    const std::string now = clock.nowIso8601();
    auto ins =
        need(db.prepare("INSERT INTO unit (code, name, kind, parent_id, member_of, site_kind, search_text, updated_at) "
                        "VALUES (?,?,?,?,?,?,?,?)"),
             "prepare");
    auto assign =
        need(db.prepare(
                 "INSERT INTO assignment (uid, plan_key, model_number, unit_id, role, removed, updated_by, updated_at) "
                 "VALUES (?,?,?,?,?,0,'admin',?)"),
             "prepare");
    auto task = need(
        db.prepare("INSERT INTO task (uid, plan_key, model_number, unit_id, title, responsible, start_date, due_date, "
                   "status, percent, completed_on, search_text, created_at, created_by, updated_at) "
                   "VALUES (?,?,?,?,?,'',?,?,?,?,?,?,?,'admin',?)"),
        "prepare");
    auto ind = need(
        db.prepare(
            "INSERT INTO task_indicator (uid, task_id, name, unit_of_measure, target, actual, position, updated_at) "
            "VALUES (?,?,?,?,?,?,0,?)"),
        "prepare");
    static const char* const statuses[] = {"not_started", "in_progress", "in_progress", "done", "done", "blocked"};
    static const char* const indicatorNames[] = {"Dịch vụ công trực tuyến", "Kiosk", "Tài khoản VNeID", "Hồ sơ số hóa"};
    const int communes = std::max(1, toAdd / 10);
    std::vector<std::int64_t> communeRows;
    for (int i = 0; i < toAdd; ++i) {
        const bool commune = i < communes;
        const std::int64_t parent = commune ? districts[static_cast<std::size_t>(i) % districts.size()]
                                            : communeRows[static_cast<std::size_t>(i) % communeRows.size()];
        const std::string code = (commune ? "xa-b-" : "site-b-") + std::to_string(i + 1);
        const std::string name = (commune ? "Xã Thử Nghiệm " : "Điểm Thử Nghiệm ") + std::to_string(i + 1);
        ins.reset();
        ins.bind(1, code).bind(2, name).bind(3, commune ? "commune" : "site").bind(4, parent);
        if (commune) {
            ins.bind(5, communesCollective).bindNull(6);
        } else {
            ins.bindNull(5).bind(6, "other");
        }
        ins.bind(7, text::fold(name)).bind(8, now);
        need(ins.run(), "unit");
        const std::int64_t row = db.lastInsertId();
        if (commune) {
            communeRows.push_back(row);
        }
        for (int k = 0; k < 5; ++k) {
            const int model =
                1 +
                static_cast<int>((static_cast<unsigned>(i) * 5u + static_cast<unsigned>(k) * 9u + rng() % 3u) % 42u);
            assign.reset();
            assign.bind(1, work::randomId())
                .bind(2, plan)
                .bind(3, model)
                .bind(4, row)
                .bind(5, k == 0 ? "lead" : "coordinating");
            assign.bind(6, now);
            if (!assign.run()) {
                continue; // the same model twice for a unit: skipped
            }
            for (int t = 0; t < 2; ++t) {
                const Date due =
                    Date::fromDaysSinceEpoch(Date{2024, 1, 31}.daysSinceEpoch() + static_cast<long>(rng() % 330));
                const char* status = statuses[rng() % 6];
                const bool done = std::string(status) == "done";
                const std::string title = "Nhiệm vụ " + std::to_string(t + 1) + " mô hình " + std::to_string(model);
                task.reset();
                task.bind(1, work::randomId()).bind(2, plan).bind(3, model).bind(4, row).bind(5, title);
                task.bind(6, Date::fromDaysSinceEpoch(due.daysSinceEpoch() - 60).toIso())
                    .bind(7, due.toIso())
                    .bind(8, status);
                task.bind(9, done ? 100 : static_cast<int>(rng() % 100));
                if (done) {
                    task.bind(10, due.toIso());
                } else {
                    task.bindNull(10);
                }
                task.bind(11, text::fold(title)).bind(12, now).bind(13, now);
                need(task.run(), "task");
                const std::int64_t taskRow = db.lastInsertId();
                ind.reset();
                ind.bind(1, work::randomId()).bind(2, taskRow).bind(3, indicatorNames[model % 4]).bind(4, "đơn vị");
                ind.bind(5, static_cast<double>(10 + rng() % 40)).bind(6, static_cast<double>(rng() % 40)).bind(7, now);
                need(ind.run(), "indicator");
                ++s.tasks;
            }
        }
    }
    need(tx.commit(), "commit");
}

// A year of reports: each expected unit's report is built once through the service (timed), and
// its figures stored for every month of 2024, received on time, late, returned or missing.
void history(store::Database& db, const Clock& clock, Scale& s, std::mt19937& rng)
{
    const access::Actor staff{"lan", access::Role::Staff, {}};
    report::ReportService svc(db, clock, staff);
    const auto c = need(svc.compile(s.scope, "2024-12", s.level), "compile");
    s.units = static_cast<int>(c.units.size());
    auto pk = need(db.prepare("SELECT value FROM setting WHERE key = 'current_plan'"), "prepare");
    need(pk.step(), "step");
    const std::string plan = pk.columnText(0);
    std::vector<double> build;
    store::Transaction tx(db);
    need(tx.begin(), "begin");
    auto ins = need(
        db.prepare(
            "INSERT INTO report (uid, plan_key, unit_id, period, status, results, figures, mean_percent, late_models, "
            "first_submitted_at, submitted_at, submitted_by, created_at, updated_at, updated_by) "
            "SELECT ?, ?, id, ?, ?, ?, ?, ?, ?, ?, ?, 'lan', ?, ?, 'lan' FROM unit WHERE code = ?"),
        "prepare");
    for (const auto& u : c.units) {
        const auto t0 = Steady::now();
        auto r = need(svc.unitReport(u.unitId, "2024-12"), "unit report");
        build.push_back(msSince(t0));
        const std::string figures = report::figuresToJson(r).dump();
        for (int m = 1; m <= 12; ++m) {
            const int roll = static_cast<int>(rng() % 100);
            if (roll < 8) {
                continue; // missing
            }
            const report::Period p = report::monthPeriod(2024, m);
            const long offset = roll < 75 ? -static_cast<long>(rng() % 10) : 1 + static_cast<long>(rng() % 15);
            const std::string at = Date::fromDaysSinceEpoch(p.due.daysSinceEpoch() + offset).toIso() + "T02:00:00Z";
            const char* status = roll < 12 ? "returned" : roll < 60 ? "accepted" : "submitted";
            ins.reset();
            ins.bind(1, report::ReportService::reportUid(plan, u.unitId, p.key()))
                .bind(2, plan)
                .bind(3, p.key())
                .bind(4, status);
            ins.bind(5, r.narrative.results)
                .bind(6, figures)
                .bind(7, r.meanPercent())
                .bind(8, r.countOutcome(report::ModelOutcome::Late));
            ins.bind(9, at).bind(10, at).bind(11, at).bind(12, at).bind(13, u.unitId);
            need(ins.run(), "report");
            ++s.reports;
        }
    }
    need(tx.commit(), "commit");
    s.unitReportMs = median(build);
}

void measure(store::Database& db, const Clock& clock, Scale& s, int repeats, const std::filesystem::path& dir)
{
    const access::Actor staff{"lan", access::Role::Staff, {}};
    report::ReportService svc(db, clock, staff);
    std::vector<double> month, year, pdf, xlsx, csv;
    report::Compilation c;
    for (int i = 0; i < repeats; ++i) {
        auto t0 = Steady::now();
        c = need(svc.compile(s.scope, "2024-12", s.level), "compile");
        month.push_back(msSince(t0));
        t0 = Steady::now();
        need(svc.compile(s.scope, "2024", s.level), "compile year");
        year.push_back(msSince(t0));
        const auto doc = reports::compilationDocument(c, kToday);
        t0 = Steady::now();
        need(reports::writePdf(doc, dir / (s.label + ".pdf")), "pdf");
        pdf.push_back(msSince(t0));
        t0 = Steady::now();
        need(reports::writeXlsx(doc, dir / (s.label + ".xlsx")), "xlsx");
        xlsx.push_back(msSince(t0));
        t0 = Steady::now();
        need(reports::writeCsv(doc, dir / (s.label + ".csv")), "csv");
        csv.push_back(msSince(t0));
        s.pages = reports::pageCount(doc);
    }
    s.compileMonth = median(month);
    s.compileYear = median(year);
    s.pdf = median(pdf);
    s.xlsx = median(xlsx);
    s.csv = median(csv);
    s.completeness = c.completeness;
    s.timeliness = c.timeliness;
    // Submitting: a few fresh submissions for January 2025 (validation, figures, change log, audit).
    std::vector<double> submit;
    for (std::size_t i = 0; i < c.units.size() && i < 10; ++i) {
        auto r = need(svc.unitReport(c.units[i].unitId, "2025-01"), "unit report");
        report::Narrative n = r.narrative;
        n.difficulties = "Thiếu thiết bị.";
        const auto t0 = Steady::now();
        need(svc.submit(c.units[i].unitId, "2025-01", report::ReportEdit{n, std::nullopt, std::nullopt}), "submit");
        submit.push_back(msSince(t0));
    }
    s.submitMs = median(submit);
}

Scale run(const std::filesystem::path& dir, const std::string& label, const std::string& scope,
          const std::string& level, const std::vector<std::string>& districts, int targetUnits, int repeats)
{
    Scale s;
    s.label = label;
    s.scope = scope;
    s.level = level;
    FixedClock clock = FixedClock::at(kToday);
    std::mt19937 rng(20240201);
    const auto t0 = Steady::now();
    auto session =
        need(access::createStore(dir / (label + ".da06"), "admin", kPass, clock, da06::schema::full()), "create");
    auto& db = session.store.db();
    const access::Actor admin{"admin", access::Role::Admin, {}};
    auto plan = need(plan::loadPlanText(assets::bundledPlanJson()), "plan");
    need(plan::PlanRepository(db, clock).importPlan(plan, admin), "plan import");
    need(work::UnitService(db, clock, admin).importUnits(need(work::bundledUnits(), "units")), "units import");
    // The scope's units already there (the bundled province has its agencies and districts).
    const access::Actor staff{"lan", access::Role::Staff, {}};
    const int before = static_cast<int>(
        need(report::ReportService(db, clock, staff).compile(scope, "2024-12", level), "compile").units.size());
    generate(db, clock, districts, std::max(0, targetUnits - before), rng, s);
    history(db, clock, s, rng);
    s.generateMs = msSince(t0);
    measure(db, clock, s, repeats, dir);
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    const int districtUnits = argc > 1 ? std::atoi(argv[1]) : 100;
    const int provinceUnits = argc > 2 ? std::atoi(argv[2]) : 1000;
    const int repeats = argc > 3 ? std::atoi(argv[3]) : 3;
    const auto dir = std::filesystem::temp_directory_path() / ("da06-bench-reports-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);

    const Scale d = run(dir, "district", "huyen-tan-bien", "district", {"huyen-tan-bien"}, districtUnits, repeats);
    const Scale p = run(dir, "province", "tinh-tay-ninh", "province",
                        {"huyen-tan-bien", "huyen-tan-chau", "huyen-duong-minh-chau", "huyen-chau-thanh",
                         "huyen-go-dau", "huyen-ben-cau", "tp-tay-ninh", "tx-hoa-thanh", "tx-trang-bang"},
                        provinceUnits, repeats);

    std::printf("SQLCipher store, 42 models, 12 months of reports (2024); medians of %d runs\n\n", repeats);
    std::printf("%-44s %12s %12s %8s\n", "", "district", "province", "growth");
    auto row = [](const char* what, double a, double b) {
        std::printf("%-44s %12.1f %12.1f %7.1fx\n", what, a, b, a > 0 ? b / a : 0.0);
    };
    row("reporting units", d.units, p.units);
    row("tasks (generated)", d.tasks, p.tasks);
    row("stored reports", d.reports, p.reports);
    row("setup incl. building every unit report (ms)", d.generateMs, p.generateMs);
    row("build one unit report (ms, median)", d.unitReportMs, p.unitReportMs);
    row("submit one unit report (ms, median)", d.submitMs, p.submitMs);
    row("compile one month (ms)", d.compileMonth, p.compileMonth);
    row("compile the year (ms)", d.compileYear, p.compileYear);
    row("render compilation PDF (ms)", d.pdf, p.pdf);
    row("write compilation XLSX (ms)", d.xlsx, p.xlsx);
    row("write compilation CSV (ms)", d.csv, p.csv);
    row("PDF pages", d.pages, p.pages);
    std::printf("\ncompleteness / timeliness of December: district %.1f%% / %.1f%%, province %.1f%% / %.1f%%\n",
                d.completeness, d.timeliness, p.completeness, p.timeliness);
    std::filesystem::remove_all(dir);
    return 0;
}
