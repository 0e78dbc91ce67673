// Chip reading benchmark (issue 6): a full read of the virtual CCCD (tests/vcard, a 15–20 KB JPEG
// 2000 photo) through the real pcscd and its vpcd driver, as `da06 idcheck chip` reads it: time
// and APDU count for PACE and for BAC, with READ BINARY at a fixed Le of 256 against the adaptive
// strategy (256 → 224 → 160 → 128), on a chip that accepts Le 256 and on one that refuses above
// 160 — all in one run. Needs the binaries of the build folder (da06_vcard, da06_vcard_make).
//   bench_chip [READS_PER_CASE]      default 10
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "client/readers/emrtd/ChipSession.h"
#include "client/readers/pcsc/PcscCardChannel.h"
#include "tests/bench/BenchSupport.h"
#include "tests/pcsc/PcscdFixture.h"
#include "tests/support/TestSupport.h"

using namespace da06;
namespace fs = std::filesystem;

namespace {

struct Case {
    const char* access; // "PACE" / "BAC"
    int chipMaxLe;      // 256 or 160
    bool adaptive;
};

struct Figures {
    bool ok = false;
    std::string error;
    double medianMs = 0, minMs = 0;
    std::size_t apdus = 0;
    int le = 0;
    double dg2Ms = 0;
};

} // namespace

int main(int argc, char** argv)
{
    const int reads = argc > 1 ? std::atoi(argv[1]) : 10;
    const fs::path bin = fs::path(DA06_BINARY_DIR) / "bin";
    test::Pcscd& pcscd = test::Pcscd::instance();
    const std::string reader = pcscd.readerName(0);
    test::TempDir dir;
    if (test::runProgram(bin / "da06_vcard_make", {"--out", (dir / "card").string(), "--person", "0"}).exitCode != 0) {
        std::fprintf(stderr, "da06_vcard_make failed\n");
        return 1;
    }
    const auto dg2 = fs::file_size(dir / "card" / "dg2.bin");
    std::printf(
        "bench_chip: virtual CCCD through pcscd/vpcd (\"%s\"), DG2 %zu bytes (JPEG 2000), %d reads per case\n\n",
        reader.c_str(), static_cast<std::size_t>(dg2), reads);
    // Person 0: 072190004217, CAN 004217.
    auto key = bench::need(emrtd::AccessKey::fromId12("072190004217", "900314", "300314"), "key");

    const std::vector<Case> cases = {
        {"PACE", 256, false}, {"PACE", 256, true}, {"PACE", 160, false}, {"PACE", 160, true},
        {"BAC", 256, false},  {"BAC", 256, true},  {"BAC", 160, false},  {"BAC", 160, true},
    };
    std::printf("%-6s %-9s %-14s %10s %10s %8s %6s %10s\n", "access", "chip Le", "READ BINARY", "median ms", "min ms",
                "APDUs", "Le", "DG2 ms");
    std::vector<Figures> all;
    for (const Case& c : cases) {
        std::vector<std::string> args{"--card", (dir / "card").string(), "--port", std::to_string(pcscd.vpcdPort(0))};
        if (c.chipMaxLe != 256) {
            args.insert(args.end(), {"--max-le", std::to_string(c.chipMaxLe)});
        }
        // A card that connects but does not answer (vpcd still busy with the previous one) is
        // plugged in again; the warm-up read below proves it answers.
        std::unique_ptr<test::Child> card;
        bool answering = false;
        for (int attempt = 0; attempt < 4 && !answering; ++attempt) {
            card = std::make_unique<test::Child>(bin / "da06_vcard", args);
            if (!card->waitForLine("da06_vcard ready on port " + std::to_string(pcscd.vpcdPort(0)), 15000)) {
                std::fprintf(stderr, "the virtual card did not start\n");
                return 1;
            }
            for (int wait = 0; wait < 30 && !answering; ++wait) {
                auto ch = pcsc::openCard(reader);
                if (ch) {
                    emrtd::ReadOptions probe;
                    probe.readFace = false;
                    probe.asOf = Date{2024, 6, 1};
                    emrtd::CancelToken none;
                    answering = emrtd::readChip(**ch, key, probe, emrtd::Progress(), none).has_value();
                    break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            if (!answering) {
                ::kill(card->pid(), SIGTERM);
                card->wait();
                std::this_thread::sleep_for(std::chrono::seconds(1));
            }
        }
        Figures f;
        std::vector<double> times;
        for (int i = 0; i < reads + 1; ++i) { // the first read warms up (not counted)
            Result<std::unique_ptr<pcsc::PcscCardChannel>> channel = std::unexpected(Error{});
            for (int wait = 0; wait < 50; ++wait) {
                channel = pcsc::openCard(reader);
                if (channel || channel.error().code != ErrorCode::NoCard) {
                    break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            if (!channel) {
                f.error = channel.error().message;
                break;
            }
            emrtd::ReadOptions options;
            options.allowPace = std::string(c.access) == "PACE";
            options.adaptiveLe = c.adaptive;
            options.initialLe = 256;
            options.asOf = Date{2024, 6, 1};
            emrtd::CancelToken cancel;
            const auto t0 = std::chrono::steady_clock::now();
            auto r = emrtd::readChip(**channel, key, options, emrtd::Progress(), cancel);
            const double ms = bench::msSince(t0);
            if (!r) {
                f.error = r.error().message;
                break;
            }
            if (i == 0) {
                continue;
            }
            times.push_back(ms);
            f.apdus = r->apduCount;
            f.le = r->learnedLe;
            for (const auto& t : r->timings) {
                if (t.step == "dg2") {
                    f.dg2Ms = t.milliseconds;
                }
            }
        }
        if (!times.empty() && f.error.empty()) {
            f.ok = true;
            f.medianMs = bench::median(times);
            f.minMs = *std::min_element(times.begin(), times.end());
        }
        ::kill(card->pid(), SIGTERM);
        card->wait();
        for (int wait = 0; wait < 50; ++wait) {
            auto ch = pcsc::openCard(reader);
            if (!ch && ch.error().code == ErrorCode::NoCard) {
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        all.push_back(f);
        const char* strategy = c.adaptive ? "adaptive" : "fixed 256";
        if (f.ok) {
            std::printf("%-6s %-9d %-14s %10.1f %10.1f %8zu %6d %10.1f\n", c.access, c.chipMaxLe, strategy, f.medianMs,
                        f.minMs, f.apdus, f.le, f.dg2Ms);
        } else {
            std::printf("%-6s %-9d %-14s %10s   (fails: %s)\n", c.access, c.chipMaxLe, strategy, "-", f.error.c_str());
        }
    }
    std::printf("\nratios (adaptive / fixed 256, same chip): ");
    for (std::size_t i = 0; i + 1 < all.size(); i += 2) {
        if (all[i].ok && all[i + 1].ok) {
            std::printf("%s Le%d time %.2f, APDUs %.2f;  ", cases[i].access, cases[i].chipMaxLe,
                        all[i + 1].medianMs / all[i].medianMs,
                        static_cast<double>(all[i + 1].apdus) / static_cast<double>(all[i].apdus));
        } else if (all[i + 1].ok) {
            std::printf("%s Le%d: fixed 256 cannot read this chip;  ", cases[i].access, cases[i].chipMaxLe);
        }
    }
    std::printf("\n");
    return 0;
}
