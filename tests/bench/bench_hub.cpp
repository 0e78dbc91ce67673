// The hub under load: 200 simulated desks (threads, each its own enrolled device) syncing at once
// against one da06-hub on loopback — each pushes a batch of its changes, then pulls until done —
// on SQLite and on PostgreSQL (a throwaway cluster). Prints throughput and p50/p99 latency per
// request type.
// Then the first sync of a district desk that receives 100,000 records (pushed before by one of
// its communes in batches of 500).
//   bench_hub [--desks N] [--changes-per-desk M] [--threads T] [--backend sqlite|postgres|both]
//             [--first-sync RECORDS] [--pull-limit L]
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "sync/protocol/Auth.h"
#include "sync/protocol/Protocol.h"
#include "tests/bench/BenchSupport.h"
#include "tests/support/TestSupport.h"
#include "tests/sync/hub/HubTestSupport.h"

using namespace da06;
using namespace da06::hubtest;
namespace proto = da06::sync::protocol;
namespace auth = da06::sync::auth;

namespace {

struct Config {
    int desks = 200;
    int changesPerDesk = 100;
    int threads = 32;
    int pullLimit = 1000;
    int firstSync = 100000; // records a district desk receives on its first sync (0: skip)
    std::string backend = "both";
};

struct Samples {
    std::mutex mutex;
    std::vector<double> enroll, push, pull;
    std::atomic<long> requests{0}, pushed{0}, pulled{0}, failures{0};
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

std::string unitsFile(int desks)
{
    std::string s =
        R"({"format":"da06-units","format_version":1,"units":[{"id":"p","name":"Tỉnh P","kind":"province"})";
    const int districts = 10;
    for (int d = 0; d < districts; ++d) {
        s += ",{\"id\":\"d" + std::to_string(d) + "\",\"name\":\"Huyện " + std::to_string(d) +
             "\",\"kind\":\"district\",\"parent\":\"p\"}";
    }
    for (int i = 0; i < desks; ++i) {
        s += ",{\"id\":\"c" + std::to_string(i) + "\",\"name\":\"Xã " + std::to_string(i) +
             "\",\"kind\":\"commune\",\"parent\":\"d" + std::to_string(i % districts) + "\"}";
    }
    return s + "]}";
}

std::vector<std::string> adminArgs(const std::vector<std::string>& backend, std::vector<std::string> rest)
{
    std::vector<std::string> a{"admin"};
    a.insert(a.end(), backend.begin(), backend.end());
    a.insert(a.end(), rest.begin(), rest.end());
    return a;
}

void runDesk(const HubProcess& hub, const std::string& code, const std::string& unit, const Config& cfg, Samples& s)
{
    auto record = [&](std::vector<double> Samples::* which, double ms) {
        std::lock_guard lock(s.mutex);
        (s.*which).push_back(ms);
    };
    auto t0 = std::chrono::steady_clock::now();
    auto e = http("POST", hub.url() + "/v1/enroll",
                  proto::encode(proto::EnrollRequest{code, "Bàn " + unit, auth::randomHex(8)}),
                  {"Content-Type: application/json"}, HttpOptions{{}, {}, 60000});
    record(&Samples::enroll, bench::msSince(t0));
    ++s.requests;
    auto enrolled = proto::decodeEnrollResponse(e.body);
    if (e.status != 200 || !enrolled) {
        ++s.failures;
        return;
    }
    Credentials c{enrolled->deviceId, auth::base64Decode(enrolled->deviceSecret).value(), enrolled->unit};
    std::vector<proto::WireChange> changes;
    for (int i = 0; i < cfg.changesPerDesk; ++i) {
        proto::WireChange w;
        w.record.changeId = auth::randomHex(16);
        w.record.entity = i % 10 == 0 ? "task_note" : "task";
        w.record.entityId = unit + "-t" + std::to_string(i % 25);
        w.record.op = work::ChangeOp::Update;
        w.record.fields = {{"status", json::Value("doing")}, {"progress", json::Value(i)}};
        w.record.hlc = work::HlcTimestamp{nowMillis(), static_cast<std::uint32_t>(i), c.deviceId.substr(2, 16)};
        w.record.device = c.deviceId;
        w.record.user = "bench";
        w.unit = unit;
        changes.push_back(std::move(w));
    }
    for (std::size_t from = 0; from < changes.size(); from += proto::kMaxPushChanges) {
        std::vector<proto::WireChange> batch(
            changes.begin() + static_cast<long>(from),
            changes.begin() + static_cast<long>(std::min(changes.size(), from + proto::kMaxPushChanges)));
        const std::string body = proto::encode(proto::PushRequest{batch});
        t0 = std::chrono::steady_clock::now();
        auto r = http("POST", hub.url() + "/v1/push", body,
                      signedHeaders(c, "POST", "/v1/push", body, nowMillis(), auth::randomHex(16)),
                      HttpOptions{{}, {}, 60000});
        record(&Samples::push, bench::msSince(t0));
        ++s.requests;
        auto p = proto::decodePushResponse(r.body);
        if (r.status != 200 || !p) {
            ++s.failures;
            return;
        }
        s.pushed += static_cast<long>(batch.size());
    }
    std::int64_t cursor = 0;
    for (;;) {
        const std::string uri = "/v1/pull?cursor=" + std::to_string(cursor) + "&limit=" + std::to_string(cfg.pullLimit);
        t0 = std::chrono::steady_clock::now();
        auto r = http("GET", hub.url() + uri, {}, signedHeaders(c, "GET", uri, {}, nowMillis(), auth::randomHex(16)),
                      HttpOptions{{}, {}, 60000});
        record(&Samples::pull, bench::msSince(t0));
        ++s.requests;
        auto p = proto::decodePullResponse(r.body);
        if (r.status != 200 || !p) {
            ++s.failures;
            return;
        }
        s.pulled += static_cast<long>(p->changes.size());
        cursor = p->cursor;
        if (!p->more) {
            break;
        }
    }
}

Credentials enrollDesk(const HubProcess& hub, const std::vector<std::string>& backend, const std::string& unit)
{
    auto code = test::runProgram(hubProgram(), adminArgs(backend, {"code", "create", "--unit", unit}));
    auto e = http("POST", hub.url() + "/v1/enroll",
                  proto::encode(proto::EnrollRequest{code.out.substr(0, 14), "Bàn " + unit, auth::randomHex(8)}),
                  {"Content-Type: application/json"});
    auto enrolled = proto::decodeEnrollResponse(e.body);
    if (e.status != 200 || !enrolled) {
        std::fprintf(stderr, "enrollment failed: %s\n", e.body.c_str());
        std::exit(1);
    }
    return Credentials{enrolled->deviceId, auth::base64Decode(enrolled->deviceSecret).value(), unit};
}

void firstSync(const HubProcess& hub, const std::vector<std::string>& backend, const Config& cfg)
{
    const Credentials commune = enrollDesk(hub, backend, "c0");
    const Credentials district = enrollDesk(hub, backend, "d0");
    auto t0 = std::chrono::steady_clock::now();
    int pushes = 0;
    for (int from = 0; from < cfg.firstSync; from += static_cast<int>(proto::kMaxPushChanges)) {
        proto::PushRequest req;
        const int n = std::min(static_cast<int>(proto::kMaxPushChanges), cfg.firstSync - from);
        for (int i = 0; i < n; ++i) {
            proto::WireChange w;
            w.record.changeId = auth::randomHex(16);
            w.record.entity = "task";
            w.record.entityId = "c0-big-" + std::to_string((from + i) % 5000);
            w.record.fields = {{"status", json::Value("doing")},
                               {"progress", json::Value(from + i)},
                               {"note", json::Value("Cập nhật tiến độ thực hiện nhiệm vụ")}};
            w.record.hlc = work::HlcTimestamp{nowMillis(), static_cast<std::uint32_t>(from + i), "c0c0"};
            w.record.device = commune.deviceId;
            w.record.user = "bench";
            w.unit = "c0";
            req.changes.push_back(std::move(w));
        }
        const std::string body = proto::encode(req);
        auto r = http("POST", hub.url() + "/v1/push", body,
                      signedHeaders(commune, "POST", "/v1/push", body, nowMillis(), auth::randomHex(16)),
                      HttpOptions{{}, {}, 120000});
        if (r.status != 200) {
            std::fprintf(stderr, "push failed: %ld %s\n", r.status, r.body.c_str());
            std::exit(1);
        }
        ++pushes;
    }
    const double pushSeconds = bench::msSince(t0) / 1000.0;
    t0 = std::chrono::steady_clock::now();
    std::int64_t cursor = 0;
    long received = 0;
    int pages = 0;
    std::size_t bytes = 0;
    for (;;) {
        const std::string uri = "/v1/pull?cursor=" + std::to_string(cursor) + "&limit=5000";
        auto r =
            http("GET", hub.url() + uri, {}, signedHeaders(district, "GET", uri, {}, nowMillis(), auth::randomHex(16)),
                 HttpOptions{{}, {}, 120000});
        auto p = proto::decodePullResponse(r.body);
        if (r.status != 200 || !p) {
            std::fprintf(stderr, "pull failed: %ld %s\n", r.status, r.body.substr(0, 200).c_str());
            std::exit(1);
        }
        received += static_cast<long>(p->changes.size());
        bytes += r.body.size();
        ++pages;
        cursor = p->cursor;
        if (!p->more) {
            break;
        }
    }
    const double pullSeconds = bench::msSince(t0) / 1000.0;
    std::printf("  first sync of a district desk: %d records pushed by a commune in %d pushes of 500: %.2f s "
                "(%.0f changes/s); the district desk pulled %ld records in %d pages of 5000 (%.1f MB): %.2f s "
                "(%.0f records/s)\n",
                cfg.firstSync, pushes, pushSeconds, cfg.firstSync / pushSeconds, received, pages,
                static_cast<double>(bytes) / 1e6, pullSeconds, static_cast<double>(received) / pullSeconds);
}

void runBackend(const std::string& name, const std::vector<std::string>& backend, const test::TempDir& dir,
                const Config& cfg)
{
    test::writeFile(dir / (name + "-units.json"), unitsFile(cfg.desks));
    auto units =
        test::runProgram(hubProgram(), adminArgs(backend, {"import-units", (dir / (name + "-units.json")).string()}));
    auto plan = test::runProgram(
        hubProgram(),
        adminArgs(backend, {"import-plan", (test::sourceDir() / "assets/plans/tay-ninh-373-2024.json").string()}));
    if (units.exitCode != 0 || plan.exitCode != 0) {
        std::fprintf(stderr, "import failed: %s%s\n", units.err.c_str(), plan.err.c_str());
        std::exit(1);
    }
    std::vector<std::string> codes;
    for (int i = 0; i < cfg.desks; ++i) {
        auto r =
            test::runProgram(hubProgram(), adminArgs(backend, {"code", "create", "--unit", "c" + std::to_string(i)}));
        if (r.exitCode != 0) {
            std::fprintf(stderr, "code create failed: %s\n", r.err.c_str());
            std::exit(1);
        }
        codes.push_back(r.out.substr(0, 14));
    }
    HubProcess hub(backend, dir / (name + "-hub.log"), {"--plain", "--threads", std::to_string(cfg.threads)});
    hub.start();
    Samples s;
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> desks;
    for (int i = 0; i < cfg.desks; ++i) {
        desks.emplace_back(
            [&, i] { runDesk(hub, codes[static_cast<std::size_t>(i)], "c" + std::to_string(i), cfg, s); });
    }
    for (auto& t : desks) {
        t.join();
    }
    const double wall = bench::msSince(t0) / 1000.0;
    std::printf("\n%s: %d desks, %d changes each, hub threads %d: %.2f s, %ld requests (%.0f req/s), "
                "%ld changes pushed (%.0f/s), %ld pulled (%.0f/s), %ld failures\n",
                name.c_str(), cfg.desks, cfg.changesPerDesk, cfg.threads, wall, s.requests.load(),
                static_cast<double>(s.requests.load()) / wall, s.pushed.load(),
                static_cast<double>(s.pushed.load()) / wall, s.pulled.load(),
                static_cast<double>(s.pulled.load()) / wall, s.failures.load());
    std::printf("  %-8s %8s %10s %10s %10s\n", "request", "count", "p50 ms", "p99 ms", "max ms");
    for (auto [label, v] : {std::pair{"enroll", &s.enroll}, std::pair{"push", &s.push}, std::pair{"pull", &s.pull}}) {
        std::printf("  %-8s %8zu %10.1f %10.1f %10.1f\n", label, v->size(), percentile(*v, 0.5), percentile(*v, 0.99),
                    percentile(*v, 1.0));
    }
    if (cfg.firstSync > 0) {
        firstSync(hub, backend, cfg);
    }
    hub.terminate();
    // The hub's own time per request (from its log: without the queueing in front of its threads).
    std::map<std::string, std::vector<double>> server;
    std::istringstream log(test::readFile(dir / (name + "-hub.log")));
    for (std::string line; std::getline(log, line);) {
        std::istringstream fields(line);
        std::string when, method, path, status, ms;
        fields >> when >> method >> path >> status >> ms;
        if (!ms.empty()) {
            server[path].push_back(std::atof(ms.c_str()));
        }
    }
    std::printf("  hub's own time per request (from its log):\n");
    for (const auto& [path, v] : server) {
        std::printf("  %-10s %8zu %10.1f %10.1f %10.1f\n", path.c_str(), v.size(), percentile(v, 0.5),
                    percentile(v, 0.99), percentile(v, 1.0));
    }
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    Config cfg;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--desks") {
            cfg.desks = std::atoi(argv[i + 1]);
        } else if (a == "--changes-per-desk") {
            cfg.changesPerDesk = std::atoi(argv[i + 1]);
        } else if (a == "--threads") {
            cfg.threads = std::atoi(argv[i + 1]);
        } else if (a == "--backend") {
            cfg.backend = argv[i + 1];
        } else if (a == "--first-sync") {
            cfg.firstSync = std::atoi(argv[i + 1]);
        } else if (a == "--pull-limit") {
            cfg.pullLimit = std::atoi(argv[i + 1]);
        }
    }
    test::TempDir dir;
    if (cfg.backend == "sqlite" || cfg.backend == "both") {
        runBackend("SQLite", {"--data", (dir / "sqlite").string()}, dir, cfg);
    }
    if (cfg.backend == "postgres" || cfg.backend == "both") {
        PostgresCluster cluster;
        runBackend("PostgreSQL", {"--postgres", cluster.newDatabase()}, dir, cfg);
    }
    return 0;
}
