// Work benchmark: a province-sized store (the plan, ~1,000 units and sites, every model assigned,
// 10 tasks per assignment), then the dashboard queries of one unit and the overdue list of a
// district, on SQLCipher (keyed) against the same queries on SQLite without a key, in one run.
//   bench_work [units] [tasks-per-assignment] [repeats]      (defaults 1000 10 15)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include "assets/Bundled.h"
#include "domain/core/Clock.h"
#include "domain/plan/PlanFile.h"
#include "domain/plan/PlanRepository.h"
#include "domain/schema/FullSchema.h"
#include "domain/store/Store.h"
#include "domain/text/Text.h"
#include "domain/work/BundledUnits.h"
#include "domain/work/Ids.h"
#include "domain/work/ProgressService.h"
#include "tests/bench/BenchSupport.h"

using namespace da06;
using namespace da06::bench;
using Steady = std::chrono::steady_clock;

namespace {

const char* const kPass = "benchmark passphrase for da06";
const Date kToday{2024, 5, 20};

struct Generated {
    int units = 0;
    int assignments = 0;
    int tasks = 0;
    double ms = 0;
};

// The plan and the bundled districts through the services; communes, sites, assignments and
// tasks by SQL in one transaction (the volume, not the services, is what is generated here).
Generated generate(store::Database& db, const Clock& clock, int unitTarget, int tasksPerAssignment)
{
    const auto t0 = Steady::now();
    const access::Actor admin{"admin", access::Role::Admin, {}};
    auto plan = need(plan::loadPlanText(assets::bundledPlanJson()), "plan");
    need(plan::PlanRepository(db, clock).importPlan(plan, admin), "plan import");
    need(work::UnitService(db, clock, admin).importUnits(need(work::bundledUnits(), "units")), "units import");

    std::mt19937 rng(20240201);
    Generated g;
    store::Transaction tx(db);
    need(tx.begin(), "begin");
    auto unitRow = [&](const std::string& code) {
        auto st = need(db.prepare("SELECT id FROM unit WHERE code = ?"), "prepare");
        st.bind(1, code);
        need(st.step(), "step");
        return st.columnInt(0);
    };
    const std::int64_t collectiveCommunes = unitRow("ubnd-cap-xa");
    std::vector<std::pair<std::string, std::int64_t>> districts;
    {
        auto st = need(db.prepare("SELECT code, id FROM unit WHERE kind = 'district' ORDER BY code"), "prepare");
        while (need(st.step(), "step")) {
            districts.emplace_back(st.columnText(0), st.columnInt(1));
        }
    }
    auto ins =
        need(db.prepare("INSERT INTO unit (code, name, kind, parent_id, member_of, site_kind, search_text, updated_at) "
                        "VALUES (?,?,?,?,?,?,?,?)"),
             "prepare");
    const std::string now = clock.nowIso8601();
    auto addUnit = [&](const std::string& code, const std::string& name, const char* kind, std::int64_t parent,
                       std::optional<std::int64_t> member, const char* siteKind) {
        ins.reset();
        ins.bind(1, code).bind(2, name).bind(3, kind).bind(4, parent);
        if (member) {
            ins.bind(5, *member);
        } else {
            ins.bindNull(5);
        }
        if (siteKind) {
            ins.bind(6, siteKind);
        } else {
            ins.bindNull(6);
        }
        ins.bind(7, text::fold(name)).bind(8, now);
        need(ins.run(), "unit");
        return db.lastInsertId();
    };
    // About a tenth communes, the rest sites (the kinds of the plan's desk models).
    const auto existing = need(db.queryInt("SELECT COUNT(*) FROM unit"), "count");
    const int toAdd = std::max(0, unitTarget - static_cast<int>(existing));
    const int communes = toAdd / 10;
    struct Place {
        std::int64_t row;
        std::size_t district;
    };
    std::vector<Place> communeRows;
    for (int i = 0; i < communes; ++i) {
        const std::size_t d = static_cast<std::size_t>(i) % districts.size();
        const std::string code = "xa-" + std::to_string(i + 1);
        communeRows.push_back({addUnit(code, "Xã Thử Nghiệm " + std::to_string(i + 1), "commune", districts[d].second,
                                       collectiveCommunes, nullptr),
                               d});
    }
    struct SiteKind {
        const char* kind;
        const char* name;
        std::vector<int> models;
    };
    const std::vector<SiteKind> siteKinds = {{"notary_office", "Văn phòng công chứng", {4, 8}},
                                             {"pawnshop", "Tiệm cầm đồ", {15}},
                                             {"lodging", "Nhà nghỉ", {9}},
                                             {"hospital", "Bệnh viện", {6, 7, 11}},
                                             {"school", "Trường", {20, 30}},
                                             {"bank_branch", "Chi nhánh ngân hàng", {19, 35}}};
    std::vector<std::pair<std::int64_t, const SiteKind*>> siteRows;
    for (int i = 0; i < toAdd - communes; ++i) {
        const auto& k = siteKinds[static_cast<std::size_t>(i) % siteKinds.size()];
        const auto& parent = communeRows[static_cast<std::size_t>(i) % communeRows.size()];
        siteRows.emplace_back(addUnit("site-" + std::to_string(i + 1),
                                      std::string(k.name) + " Thử Nghiệm " + std::to_string(i + 1), "site", parent.row,
                                      std::nullopt, k.kind),
                              &k);
    }
    g.units = static_cast<int>(need(db.queryInt("SELECT COUNT(*) FROM unit"), "count"));

    // Every (model, unit) pair that carries out a model: the plan's, the districts' (through
    // "UBND huyện, thị xã, thành phố"), and the desks' (communes and sites).
    struct Pair {
        int model;
        std::int64_t unit;
    };
    std::vector<Pair> pairs;
    std::vector<int> districtModels;
    {
        auto st =
            need(db.prepare("SELECT m.number, mu.unit_id, u.code FROM model_unit mu JOIN model m ON m.id = mu.model_id "
                            "JOIN unit u ON u.id = mu.unit_id"),
                 "prepare");
        while (need(st.step(), "step")) {
            pairs.push_back({static_cast<int>(st.columnInt(0)), st.columnInt(1)});
            if (st.columnText(2) == "ubnd-cap-huyen") {
                districtModels.push_back(static_cast<int>(st.columnInt(0)));
            }
        }
    }
    for (const auto& d : districts) {
        for (int m : districtModels) {
            pairs.push_back({m, d.second});
        }
    }
    auto assign =
        need(db.prepare("INSERT INTO assignment (uid, plan_key, model_number, unit_id, role, removed, updated_by, "
                        "updated_at) VALUES (?,?,?,?,'coordinating',0,'admin',?)"),
             "prepare");
    auto addAssignment = [&](int model, std::int64_t unit) {
        assign.reset();
        assign.bind(1, work::randomId()).bind(2, plan.id).bind(3, model).bind(4, unit).bind(5, now);
        need(assign.run(), "assignment");
        pairs.push_back({model, unit});
    };
    for (const auto& c : communeRows) {
        for (int m : districtModels) {
            addAssignment(m, c.row);
        }
    }
    for (const auto& [row, kind] : siteRows) {
        for (int m : kind->models) {
            addAssignment(m, row);
        }
    }
    g.assignments = static_cast<int>(pairs.size());

    // Tasks: spread over the year, mixed states.
    std::map<int, std::optional<Date>> due;
    for (const auto& m : plan.models) {
        due[m.number] = m.deadline.due;
    }
    auto task = need(
        db.prepare("INSERT INTO task (uid, plan_key, model_number, unit_id, title, responsible, start_date, due_date, "
                   "status, percent, completed_on, search_text, created_at, created_by, updated_at) "
                   "VALUES (?,?,?,?,?,'',?,?,?,?,?,?,?,'admin',?)"),
        "prepare");
    static const char* const statuses[] = {"not_started", "in_progress", "in_progress", "in_progress",
                                           "done",        "done",        "blocked"};
    for (const auto& p : pairs) {
        const Date base = due[p.model].value_or(Date{2024, 12, 31});
        for (int k = 0; k < tasksPerAssignment; ++k) {
            const Date d = Date::fromDaysSinceEpoch(base.daysSinceEpoch() - static_cast<long>(rng() % 120) + 30);
            const Date start = Date::fromDaysSinceEpoch(d.daysSinceEpoch() - 60);
            const char* status = statuses[rng() % 7];
            const bool done = std::string(status) == "done";
            const std::string title = "Nhiệm vụ " + std::to_string(k + 1) + " của mô hình " + std::to_string(p.model);
            task.reset();
            task.bind(1, work::randomId()).bind(2, plan.id).bind(3, p.model).bind(4, p.unit).bind(5, title);
            task.bind(6, start.toIso())
                .bind(7, d.toIso())
                .bind(8, status)
                .bind(9, done ? 100 : static_cast<int>(rng() % 100));
            if (done) {
                task.bind(10, Date::fromDaysSinceEpoch(d.daysSinceEpoch() - 5 + static_cast<long>(rng() % 10)).toIso());
            } else {
                task.bindNull(10);
            }
            task.bind(11, text::fold(title)).bind(12, now).bind(13, now);
            need(task.run(), "task");
            ++g.tasks;
        }
    }
    need(tx.commit(), "commit");
    g.ms = msSince(t0);
    return g;
}

struct Figures {
    double dashboardDistrict = 0, dashboardAgency = 0, dashboardProvince = 0, overdueDistrict = 0, modelTasks = 0;
};

struct Counts {
    std::size_t overdue = 0, districtTasks = 0, agencyModels = 0;
};

// Each query alternately on both connections (so that the other load of the machine falls on
// both alike), `repeats` times after one warm-up run each; medians.
std::pair<Figures, Figures> measure(store::Database& enc, store::Database& plain, const Clock& clock, int repeats,
                                    Counts& counts)
{
    const access::Actor staff{"lan", access::Role::Staff, {}};
    auto time = [&](auto&& fn) {
        std::vector<double> e, p;
        fn(enc);
        fn(plain);
        for (int i = 0; i < repeats; ++i) {
            for (int side = 0; side < 2; ++side) {
                const auto t0 = Steady::now();
                fn(side == 0 ? enc : plain);
                (side == 0 ? e : p).push_back(msSince(t0));
            }
        }
        return std::pair{median(e), median(p)};
    };
    std::pair<Figures, Figures> f;
    auto put = [&](double Figures::* field, std::pair<double, double> v) {
        f.first.*field = v.first;
        f.second.*field = v.second;
    };
    put(&Figures::dashboardDistrict, time([&](store::Database& db) {
        auto d = need(work::ProgressService(db, clock, staff).dashboard("huyen-tan-bien", kToday), "dashboard");
        counts.districtTasks = static_cast<std::size_t>(d.openTasks + d.doneTasks);
    }));
    put(&Figures::dashboardAgency, time([&](store::Database& db) {
        counts.agencyModels =
            need(work::ProgressService(db, clock, staff).dashboard("cong-an-tinh", kToday), "dashboard").models.size();
    }));
    put(&Figures::dashboardProvince, time([&](store::Database& db) {
        need(work::ProgressService(db, clock, staff).dashboard("tinh-tay-ninh", kToday), "dashboard");
    }));
    put(&Figures::overdueDistrict, time([&](store::Database& db) {
        counts.overdue =
            need(work::ProgressService(db, clock, staff).overdue("huyen-tan-bien", kToday), "overdue").size();
    }));
    put(&Figures::modelTasks, time([&](store::Database& db) {
        work::TaskFilter filter;
        filter.unit = "huyen-tan-bien";
        filter.model = 2;
        need(work::TaskService(db, clock, staff).list(filter), "list");
    }));
    return f;
}

} // namespace

int main(int argc, char** argv)
{
    const int units = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int perAssignment = argc > 2 ? std::atoi(argv[2]) : 10;
    const int repeats = argc > 3 ? std::atoi(argv[3]) : 15;
    const auto dir = std::filesystem::temp_directory_path() / ("da06-bench-work-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    FixedClock clock = FixedClock::at(kToday);

    Generated genEnc, genPlain;
    {
        auto st = need(store::Store::create(dir / "enc.da06", kPass, da06::schema::full()), "create");
        genEnc = generate(st.db(), clock, units, perAssignment);
    }
    {
        auto db = need(store::Database::open(dir / "plain.db", store::Database::Mode::Create, nullptr), "open plain");
        need(db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"), "pragmas");
        for (const auto& m : da06::schema::full().migrations()) {
            need(m.apply(db), m.name);
        }
        genPlain = generate(db, clock, units, perAssignment);
    }
    // Both reopened, as a desk would be: the page caches start cold.
    auto st = need(store::Store::open(dir / "enc.da06", kPass, da06::schema::full()), "open");
    auto plainDb =
        need(store::Database::open(dir / "plain.db", store::Database::Mode::ReadWrite, nullptr), "open plain");
    need(plainDb.exec("PRAGMA foreign_keys = ON;"), "pragmas");
    Counts counts;
    const auto [enc, plain] = measure(st.db(), plainDb, clock, repeats, counts);

    std::printf("store: %d units and sites, %d assignments (plan, districts, communes, sites), %d tasks\n",
                genEnc.units, genEnc.assignments, genEnc.tasks);
    std::printf("file size: SQLCipher %.1f MB, SQLite %.1f MB; generated in %.0f ms (SQLCipher) and %.0f ms (SQLite)\n",
                static_cast<double>(std::filesystem::file_size(dir / "enc.da06")) / 1e6,
                static_cast<double>(std::filesystem::file_size(dir / "plain.db")) / 1e6, genEnc.ms, genPlain.ms);
    std::printf("as of %s; medians of %d runs\n\n", kToday.toIso().c_str(), repeats);
    auto row = [](const char* what, double e, double p) {
        std::printf("%-58s SQLCipher %8.2f ms   SQLite %8.2f ms   ratio %.2fx\n", what, e, p, e / p);
    };
    char label[160];
    std::snprintf(label, sizeof label, "dashboard, district (Tân Biên: %zu tasks below it)", counts.districtTasks);
    row(label, enc.dashboardDistrict, plain.dashboardDistrict);
    std::snprintf(label, sizeof label, "dashboard, provincial agency (Công an Tỉnh: %zu models)", counts.agencyModels);
    row(label, enc.dashboardAgency, plain.dashboardAgency);
    std::snprintf(label, sizeof label, "dashboard, the province (all %d tasks)", genEnc.tasks);
    row(label, enc.dashboardProvince, plain.dashboardProvince);
    std::snprintf(label, sizeof label, "overdue list, district (%zu tasks)", counts.overdue);
    row(label, enc.overdueDistrict, plain.overdueDistrict);
    row("tasks of one model in a district", enc.modelTasks, plain.modelTasks);
    std::filesystem::remove_all(dir);
    return 0;
}
