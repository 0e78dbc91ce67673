// Accounts benchmark: unlock time per user (PBKDF2-HMAC-SHA256, 600,000 iterations, then the
// integrity check of open), and the cost of the audit entry per write: the same transaction with
// and without audit::append, in one run.   bench_accounts [writes]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <unistd.h>
#include <vector>

#include "domain/access/Accounts.h"
#include "domain/audit/AuditLog.h"
#include "domain/schema/FullSchema.h"
#include "tests/bench/BenchSupport.h"

using namespace da06;
using namespace da06::bench;
using Steady = std::chrono::steady_clock;

namespace {

// `writes` transactions of one insert each, with or without an audit entry.
double writeLoop(access::Session& s, const Clock& clock, int writes, bool audited, long first)
{
    auto& db = s.store.db();
    const std::string payload(200, 'x');
    const auto t0 = Steady::now();
    for (long n = first; n < first + writes; ++n) {
        store::Transaction tx(db);
        need(tx.begin());
        auto ins = need(db.prepare("INSERT INTO bench_probe (n, payload) VALUES (?, ?)"));
        ins.bind(1, static_cast<std::int64_t>(n)).bind(2, payload);
        need(ins.run());
        if (audited) {
            need(audit::append(db, clock, s.actor, "probe.write", "probe:" + std::to_string(n)));
        }
        need(tx.commit());
    }
    return msSince(t0);
}

} // namespace

int main(int argc, char** argv)
{
    const int writes = argc > 1 ? std::atoi(argv[1]) : 2000;
    const auto dir = std::filesystem::temp_directory_path() / ("da06-bench-acc-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / "store.da06";
    SystemClock clock;
    {
        auto admin = need(access::createStore(path, "admin", "mat khau quan tri", clock, da06::schema::full()));
        access::UserService users(admin, clock);
        need(users.add("lan", access::Role::Staff, "mat khau cua lan"));
        need(users.add("minh", access::Role::Checker, "mat khau cua minh"));
        need(users.add("hoa", access::Role::Coordinator, "mat khau cua hoa"));
        need(admin.store.db().exec("CREATE TABLE bench_probe (n INTEGER PRIMARY KEY, payload TEXT NOT NULL)"));
    }
    std::printf("unlock per user (PBKDF2-HMAC-SHA256 x %d + AES-GCM unwrap + quick_check), median of 5:\n",
                store::kKdfIterations);
    for (const auto& [user, pass] : std::vector<std::pair<std::string, std::string>>{{"admin", "mat khau quan tri"},
                                                                                     {"lan", "mat khau cua lan"},
                                                                                     {"minh", "mat khau cua minh"},
                                                                                     {"hoa", "mat khau cua hoa"}}) {
        std::vector<double> t;
        for (int i = 0; i < 5; ++i) {
            const auto t0 = Steady::now();
            auto s = need(access::openSession(path, user, pass, clock, da06::schema::full()));
            t.push_back(msSince(t0));
        }
        std::printf("  %-6s %7.1f ms\n", user.c_str(), median(t));
    }
    auto s = need(access::openSession(path, "admin", "mat khau quan tri", clock, da06::schema::full()));
    // Warm up, then alternate the two variants so that both see the same disk and cache state.
    writeLoop(s, clock, 100, true, 1);
    double plain = 0, audited = 0;
    long next = 1000;
    for (int round = 0; round < 4; ++round) {
        plain += writeLoop(s, clock, writes / 4, false, next);
        next += writes;
        audited += writeLoop(s, clock, writes / 4, true, next);
        next += writes;
    }
    std::printf("\n%d committed writes (one insert each, WAL, synchronous=FULL):\n", writes);
    std::printf("  without audit entry  %8.1f ms  (%.3f ms per write)\n", plain, plain / writes);
    std::printf("  with audit entry     %8.1f ms  (%.3f ms per write)\n", audited, audited / writes);
    std::printf("  ratio with/without   %.2fx\n", audited / plain);

    // The same without waiting for the disk (synchronous=OFF): what the audit entry itself costs.
    need(s.store.db().exec("PRAGMA synchronous = OFF;"));
    plain = audited = 0;
    for (int round = 0; round < 4; ++round) {
        plain += writeLoop(s, clock, writes / 4, false, next);
        next += writes;
        audited += writeLoop(s, clock, writes / 4, true, next);
        next += writes;
    }
    std::printf("\nthe same with synchronous=OFF (CPU and page cost only, no disk flush):\n");
    std::printf("  without audit entry  %8.1f ms  (%.3f ms per write)\n", plain, plain / writes);
    std::printf("  with audit entry     %8.1f ms  (%.3f ms per write)\n", audited, audited / writes);
    std::printf("  ratio with/without   %.2fx\n", audited / plain);
    std::filesystem::remove_all(dir);
    return 0;
}
