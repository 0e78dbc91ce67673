// Store benchmark: open + unlock time, and insert/query throughput of the same schema on
// SQLCipher (keyed) against the same SQLite engine without a key, in one run.
//   bench_store [rows]       (default 20000)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
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
#include "tests/bench/BenchSupport.h"

using namespace da06;
using namespace da06::bench;
using Clock_ = std::chrono::steady_clock;

namespace {

const char* const kPass = "benchmark passphrase for da06";

struct Figures {
    double insertMs = 0, pointMs = 0, listMs = 0, searchMs = 0;
};

// The same work on a connection: plan import, then rows inserts, point queries and listings.
Figures workload(store::Database& db, int rows)
{
    Figures f;
    FixedClock clock = FixedClock::at(Date{2024, 3, 1});
    plan::PlanRepository repo(db, clock);
    auto plan = plan::loadPlanText(assets::bundledPlanJson());
    const access::Actor admin{"admin", access::Role::Admin, {}};
    if (!plan || !repo.importPlan(*plan, admin)) {
        std::fprintf(stderr, "import failed\n");
        std::exit(1);
    }
    // Extra models in a second plan table space: the model table as the plan would fill it.
    auto t0 = Clock_::now();
    auto ins =
        db.prepare("INSERT INTO model (plan_id, number, group_code, title, objective, deadline_kind, deadline_due, "
                   "funding_kind, search_text) VALUES (1, ?, 'B', ?, ?, 'month', '2024-06-30', 'free', ?)");
    const std::string objective =
        "Đảm bảo cho người dân, doanh nghiệp tiếp cận dịch vụ công trực tuyến, giảm thời gian đi lại.";
    for (int i = 0; i < rows; i += 1000) {
        store::Transaction tx(db);
        need(tx.begin());
        for (int k = i; k < std::min(rows, i + 1000); ++k) {
            const std::string title = "Mô hình thử nghiệm số " + std::to_string(k) + " tại Tây Ninh";
            ins->reset();
            ins->bind(1, 1000 + k).bind(2, title).bind(3, objective).bind(4, text::fold(title));
            need(ins->run());
        }
        need(tx.commit());
    }
    f.insertMs = msSince(t0);

    std::mt19937 rng(42);
    auto sel = db.prepare("SELECT title, objective FROM model WHERE plan_id = 1 AND number = ?");
    t0 = Clock_::now();
    std::size_t bytes = 0;
    for (int i = 0; i < rows; ++i) {
        sel->reset();
        sel->bind(1, 1000 + static_cast<int>(rng() % static_cast<unsigned>(rows)));
        if (*sel->step()) {
            bytes += sel->columnText(0).size();
        }
    }
    f.pointMs = msSince(t0);

    t0 = Clock_::now();
    for (int i = 0; i < 20; ++i) {
        auto all = repo.models();
        bytes += all->size();
    }
    f.listMs = msSince(t0) / 20;

    t0 = Clock_::now();
    for (int i = 0; i < 20; ++i) {
        auto found = repo.models(plan::ModelFilter{std::nullopt, "thu nghiem 12"});
        bytes += found->size();
    }
    f.searchMs = msSince(t0) / 20;
    if (bytes == 0) {
        std::printf("(no rows?)\n");
    }
    return f;
}

} // namespace

int main(int argc, char** argv)
{
    const int rows = argc > 1 ? std::atoi(argv[1]) : 20000;
    const auto dir = std::filesystem::temp_directory_path() / ("da06-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);

    // 1. Create, then open + unlock (PBKDF2-HMAC-SHA256, 600,000 iterations, then quick_check).
    auto t0 = Clock_::now();
    {
        auto st = store::Store::create(dir / "enc.da06", kPass, da06::schema::full());
        need(st ? Status{} : std::unexpected(st.error()));
    }
    const double createMs = msSince(t0);
    std::vector<double> kdf, open;
    for (int i = 0; i < 5; ++i) {
        auto keys = store::KeyFile::load(store::KeyFile::pathFor(dir / "enc.da06"));
        t0 = Clock_::now();
        auto key = keys->unlock("", kPass);
        kdf.push_back(msSince(t0));
        t0 = Clock_::now();
        auto st = store::Store::open(dir / "enc.da06", kPass, da06::schema::full());
        open.push_back(msSince(t0));
    }
    std::printf("store create: %.1f ms\n", createMs);
    std::printf("unlock (key derivation + unwrap only): median %.1f ms of 5\n", median(kdf));
    std::printf("open + unlock + integrity check (empty store): median %.1f ms of 5\n", median(open));

    // 2. The same schema and workload, keyed (SQLCipher) and without a key (plain SQLite 3.15 of
    //    the same library), WAL and synchronous=FULL on both.
    Figures enc, plain;
    {
        auto st = store::Store::open(dir / "enc.da06", kPass, da06::schema::full());
        enc = workload(st->db(), rows);
    }
    {
        auto db = store::Database::open(dir / "plain.db", store::Database::Mode::Create, nullptr);
        need(db->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"));
        for (const auto& m : da06::schema::full().migrations()) {
            need(m.apply(*db));
        }
        plain = workload(*db, rows);
    }
    // 3. Open time of the full store (after the rows above).
    open.clear();
    for (int i = 0; i < 5; ++i) {
        t0 = Clock_::now();
        auto st = store::Store::open(dir / "enc.da06", kPass, da06::schema::full());
        open.push_back(msSince(t0));
    }
    std::printf("open + unlock + integrity check (%d extra rows, %.1f MB): median %.1f ms of 5\n", rows,
                static_cast<double>(std::filesystem::file_size(dir / "enc.da06")) / 1e6, median(open));

    auto row = [&](const char* what, double e, double p, int n) {
        std::printf("%-34s SQLCipher %9.1f ms (%9.0f /s)   SQLite %9.1f ms (%9.0f /s)   ratio %.2fx\n", what, e,
                    n / (e / 1000.0), p, n / (p / 1000.0), e / p);
    };
    std::printf("\n%d rows, transactions of 1000:\n", rows);
    row("insert", enc.insertMs, plain.insertMs, rows);
    row("point query by number", enc.pointMs, plain.pointMs, rows);
    row("list all models (repository)", enc.listMs, plain.listMs, rows);
    row("search 'thu nghiem 12' (folded)", enc.searchMs, plain.searchMs, rows);
    std::filesystem::remove_all(dir);
    return 0;
}
