// A writer process for the crash and backup tests: unlocks a store (DA06_PASSPHRASE) and
// commits numbered rows, each with an audit entry, printing "committed N" after every commit.
//   store_writer STORE FIRST COUNT [PAUSE_MS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "domain/access/Accounts.h"
#include "domain/audit/AuditLog.h"
#include "domain/schema/FullSchema.h"

using namespace da06;

int main(int argc, char** argv)
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: store_writer STORE FIRST COUNT [PAUSE_MS]\n");
        return 2;
    }
    const long first = std::atol(argv[2]);
    const long count = std::atol(argv[3]);
    const int pause = argc > 4 ? std::atoi(argv[4]) : 0;
    const char* pass = std::getenv("DA06_PASSPHRASE");
    SystemClock clock;
    auto session = access::openSession(argv[1], "", pass ? pass : "", clock, da06::schema::full());
    if (!session) {
        std::fprintf(stderr, "store_writer: %s\n", session.error().message.c_str());
        return 3;
    }
    auto& db = session->store.db();
    if (!db.exec("CREATE TABLE IF NOT EXISTS crash_probe (n INTEGER PRIMARY KEY, payload TEXT NOT NULL)")) {
        return 4;
    }
    std::printf("ready\n");
    std::fflush(stdout);
    const std::string payload(700, 'x');
    for (long n = first; n < first + count; ++n) {
        store::Transaction tx(db);
        auto ok = tx.begin();
        auto ins = db.prepare("INSERT INTO crash_probe (n, payload) VALUES (?, ?)");
        if (!ok || !ins) {
            return 5;
        }
        ins->bind(1, static_cast<std::int64_t>(n)).bind(2, payload);
        if (!ins->run() || !audit::append(db, clock, session->actor, "probe.write", "probe:" + std::to_string(n)) ||
            !tx.commit()) {
            std::fprintf(stderr, "store_writer: write %ld failed\n", n);
            return 6;
        }
        std::printf("committed %ld\n", n);
        std::fflush(stdout);
        if (pause > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(pause));
        }
    }
    return 0;
}
