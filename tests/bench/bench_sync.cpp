// bench_sync [records] [pull limit]: the first synchronization of a district desk that receives
// `records` change records (default 100,000) from a real da06-hub on loopback (SQLite backend).
// The hub is filled by another desk's pushes (batches of 500, the engine's own); then a fresh
// desk, enrolled for the same district, runs one cycle. Prints time, records/s, pages and bytes.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>

#include "assets/Bundled.h"
#include "domain/access/Accounts.h"
#include "domain/plan/PlanFile.h"
#include "domain/schema/FullSchema.h"
#include "domain/work/ChangeLog.h"
#include "domain/work/StoreSeed.h"
#include "domain/work/UnitService.h"
#include "sync/client/SyncEngine.h"
#include "tests/support/TestSupport.h"

using namespace da06;
namespace sc = da06::sync::client;

namespace {

const char* const kPass = "mot hai ba bon nam sau";
const char* const kUnit = "huyen-tan-bien";

template <typename T> T orDie(Result<T> r, const char* what)
{
    if (!r) {
        std::cerr << "bench_sync: " << what << ": " << r.error().message << "\n";
        std::exit(1);
    }
    return std::move(*r);
}
void orDie(Status s, const char* what)
{
    if (!s) {
        std::cerr << "bench_sync: " << what << ": " << s.error().message << "\n";
        std::exit(1);
    }
}

std::string admin(const std::filesystem::path& data, const std::vector<std::string>& args)
{
    std::vector<std::string> all = {"admin", "--data", data.string()};
    all.insert(all.end(), args.begin(), args.end());
    auto r = test::runProgram(DA06_HUB_PROGRAM, all);
    if (r.exitCode != 0) {
        std::cerr << "bench_sync: da06-hub admin failed: " << r.err << "\n";
        std::exit(1);
    }
    while (!r.out.empty() && r.out.back() == '\n') {
        r.out.pop_back();
    }
    return r.out;
}

access::Session newDesk(const std::filesystem::path& path, const Clock& clock)
{
    auto s = orDie(access::createStore(path, "admin", kPass, clock, da06::schema::full()), "create a store");
    auto plan = orDie(plan::loadPlanText(assets::bundledPlanJson()), "the bundled plan");
    orDie(work::seedStore(s, plan, clock), "seed the store");
    orDie(work::UnitService(s.store.db(), clock, s.actor).setDeskUnit(kUnit), "set the desk's unit");
    return s;
}

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

} // namespace

int main(int argc, char** argv)
{
    const long records = argc > 1 ? std::atol(argv[1]) : 100000;
    const int pullLimit = argc > 2 ? std::atoi(argv[2]) : 1000;
    test::TempDir dir;
    SystemClock clock;
    const auto data = dir / "hub";
    admin(data, {"import-units", (test::sourceDir() / "assets/units/tay-ninh-units.json").string()});
    admin(data, {"import-plan", (test::sourceDir() / "assets/plans/tay-ninh-373-2024.json").string()});
    test::Child hub(DA06_HUB_PROGRAM, {"--data", data.string(), "--listen", "127.0.0.1:0", "--plain"});
    if (!hub.waitForLine("da06-hub: ready", 20000)) {
        std::cerr << "bench_sync: the hub did not start\n";
        return 1;
    }
    std::string url;
    for (const auto& l : hub.lines()) {
        if (auto p = l.find("http://"); p != std::string::npos) {
            url = l.substr(p, l.find(' ', p) - p);
        }
    }

    // The source desk: `records` change records of 5,000 tasks (one insert, then updates),
    // interleaved as a district's daily work would be.
    auto src = newDesk(dir / "source.da06", clock);
    orDie(sc::enroll(src.store.db(), clock, src.actor,
                     {url, admin(data, {"code", "create", "--unit", kUnit}), "source", {}, {}}),
          "enroll the source desk");
    const auto genStart = std::chrono::steady_clock::now();
    {
        auto& db = src.store.db();
        orDie(db.exec("BEGIN"), "begin");
        auto node = orDie(work::lastHlc(db), "the clock").node;
        auto ins = orDie(
            db.prepare("INSERT INTO change_log (change_id, entity, entity_id, op, fields, hlc, device, user, origin, "
                       "sync_state, recorded_at) VALUES (?,'task',?,?,?,?,?,'admin','local','pending',?)"),
            "prepare");
        std::mt19937_64 rng(42);
        const long tasks = std::min<long>(5000, records);
        const std::int64_t wall0 = 1732600000000;
        const std::string now = clock.nowIso8601();
        char id[40];
        for (long i = 0; i < records; ++i) {
            const long task = i % tasks;
            const long round = i / tasks;
            std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                          static_cast<unsigned long long>(rng()));
            char uid[40];
            std::snprintf(uid, sizeof uid, "%032lx", task + 1);
            json::Value f = json::Object{};
            if (round == 0) {
                f.set("plan", "373/KH-TCTĐA06");
                f.set("model", static_cast<int>(1 + task % 3));
                f.set("unit", kUnit);
                f.set("title", "Việc số " + std::to_string(task));
                f.set("responsible", "Cán bộ " + std::to_string(task % 17));
                f.set("start", "2024-02-01");
                f.set("due", "2024-12-31");
                f.set("period", nullptr);
                f.set("status", "not_started");
                f.set("percent", 0);
                f.set("completed_on", nullptr);
            } else {
                f.set("status", "in_progress");
                f.set("percent", static_cast<int>(round % 100));
            }
            work::HlcTimestamp h{wall0 + i, 0, node};
            ins.reset();
            ins.bind(1, std::string(id))
                .bind(2, std::string(uid))
                .bind(3, round == 0 ? "insert" : "update")
                .bind(4, f.dump());
            ins.bind(5, h.toString()).bind(6, node).bind(7, now);
            orDie(ins.run(), "insert a record");
        }
        orDie(db.exec("COMMIT"), "commit");
    }
    std::cout << "generated " << records << " records on the source desk in " << seconds(genStart) << " s\n";

    sc::EngineOptions pushOptions;
    sc::SyncEngine pusher(src.store.db(), clock, pushOptions);
    const auto pushStart = std::chrono::steady_clock::now();
    auto pushed = orDie(pusher.runCycle(), "push");
    const double pushSeconds = seconds(pushStart);
    std::cout << "push: " << pushed.acked << " acked in " << pushSeconds << " s ("
              << static_cast<long>(pushed.acked / pushSeconds) << " records/s, " << pushed.requests << " requests, "
              << pushed.bytesSent / (1024 * 1024) << " MiB sent)\n";

    // The district desk's first synchronization.
    auto desk = newDesk(dir / "district.da06", clock);
    orDie(sc::enroll(desk.store.db(), clock, desk.actor,
                     {url, admin(data, {"code", "create", "--unit", kUnit}), "district", {}, {}}),
          "enroll the district desk");
    sc::EngineOptions options;
    options.pullLimit = pullLimit;
    sc::SyncEngine engine(desk.store.db(), clock, options);
    const auto start = std::chrono::steady_clock::now();
    auto r = orDie(engine.runCycle(), "first sync");
    const double s = seconds(start);
    auto tasksOnDesk = orDie(desk.store.db().queryInt("SELECT COUNT(*) FROM task"), "count tasks");
    std::cout << "first sync of the district desk (pull limit " << pullLimit << "): " << r.pulled
              << " records received, " << r.applied << " applied, in " << s
              << " s = " << static_cast<long>(static_cast<double>(r.pulled) / s) << " records/s; " << r.pages
              << " pages, " << r.requests << " requests, " << r.bytesReceived / (1024 * 1024) << " MiB received ("
              << r.bytesReceived / std::max<std::int64_t>(1, r.pulled) << " bytes/record); " << tasksOnDesk
              << " tasks on the desk\n";
    return 0;
}
