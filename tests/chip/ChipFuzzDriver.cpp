// A fuzz driver for compilers without libFuzzer (g++), for the chip's parsers: replays built-in
// seeds (and any files given), then mutates them at random for --seconds (or --iterations),
// calling the same targets as the libFuzzer build (ChipFuzzTargets.cpp). Built with AddressSanitizer
// and UBSan; a crash or a failed invariant aborts and leaves the input in
// chip-fuzz-crash-<target>.bin in the current folder.
//   chip_fuzz --target tlv|dg1|dg13|sod|sm [--seconds S] [--iterations N] [--seed N] [FILE…]
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "tests/chip/ChipTestData.h"

namespace da06::fuzz {
void fuzzTlv(const std::uint8_t* data, std::size_t size);
void fuzzDg1(const std::uint8_t* data, std::size_t size);
void fuzzDg13(const std::uint8_t* data, std::size_t size);
void fuzzSod(const std::uint8_t* data, std::size_t size);
void fuzzSm(const std::uint8_t* data, std::size_t size);
} // namespace da06::fuzz

namespace {

using chiptest::Bytes;
using da06::chip::encodeTlv;

constexpr std::size_t kMaxInput = 8192;

Bytes hex(const char* h)
{
    return *da06::chip::fromHex(h);
}

Bytes sodSeed()
{
    using namespace chiptest;
    std::vector<Bytes> list;
    for (int dg : {1, 2, 13, 14}) {
        list.push_back(encodeTlv(
            0x30, std::vector<Bytes>{integer(dg), encodeTlv(0x04, Bytes(32, static_cast<std::uint8_t>(dg)))}));
    }
    const Bytes alg =
        encodeTlv(0x30, std::vector<Bytes>{encodeTlv(0x06, *da06::chip::oidFromString("2.16.840.1.101.3.4.2.1"))});
    const Bytes lds = encodeTlv(0x30, std::vector<Bytes>{integer(0), alg, encodeTlv(0x30, list)});
    const Bytes encap =
        encodeTlv(0x30, std::vector<Bytes>{encodeTlv(0x06, *da06::chip::oidFromString("2.23.136.1.1.1")),
                                           encodeTlv(0xA0, encodeTlv(0x04, lds))});
    const Bytes sd =
        encodeTlv(0x30, std::vector<Bytes>{integer(3), encodeTlv(0x31, alg), encap,
                                           encodeTlv(0xA0, encodeTlv(0x30, hex("0500"))), encodeTlv(0x31, Bytes{})});
    return encodeTlv(
        0x77, encodeTlv(0x30, std::vector<Bytes>{encodeTlv(0x06, *da06::chip::oidFromString("1.2.840.113549.1.7.2")),
                                                 encodeTlv(0xA0, sd)}));
}

std::vector<Bytes> seeds(const std::string& target)
{
    chiptest::Person p;
    const Bytes dg13 = chiptest::dg13Of(p);
    const Bytes dg1 = chiptest::dg1(chiptest::mrzOf(p));
    if (target == "dg1") {
        const std::string mrz = chiptest::mrzOf(p);
        return {dg1, Bytes(mrz.begin(), mrz.end()),
                chiptest::dg1(
                    "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<4\nSTEVENSON<<PETER<JOHN<<<<<<<<<")};
    }
    if (target == "dg13") {
        return {dg13, chiptest::dg13({chiptest::field(2, "Lý Thị Ửng"), chiptest::field(21, "x")}), hex("6D00")};
    }
    if (target == "sod") {
        return {sodSeed(), hex("3112300F060A04007F0007020204020202010202010D")};
    }
    if (target == "sm") {
        return {hex("9000990290008E08FA855A5D4C50A8ED"), hex("90008709019FF0EC34F9922651990290008E08AD55CC17140B2DED"),
                hex("6982"), hex("9000871101000102030405060708090A0B0C0D0E0F99029000")};
    }
    return {dg13, dg1, sodSeed(), hex("60145F0104303130365F36063034303030305C026175"), hex("7F8101020102")};
}

class Mutator {
public:
    explicit Mutator(std::uint32_t seed) : m_rng(seed) {}

    Bytes mutate(const Bytes& in, const std::vector<Bytes>& pool)
    {
        Bytes b = in;
        for (int r = pick(1, 5); r > 0; --r) {
            switch (pick(0, 7)) {
            case 0:
                if (!b.empty()) {
                    b[at(b)] ^= static_cast<std::uint8_t>(1u << pick(0, 7));
                }
                break;
            case 1:
                if (!b.empty()) {
                    b[at(b)] = interesting();
                }
                break;
            case 2:
                b.insert(b.begin() + static_cast<long>(b.empty() ? 0 : at(b)), interesting());
                break;
            case 3:
                if (!b.empty()) {
                    const std::size_t i = at(b);
                    b.erase(b.begin() + static_cast<long>(i),
                            b.begin() +
                                static_cast<long>(std::min(b.size(), i + static_cast<std::size_t>(pick(1, 8)))));
                }
                break;
            case 4: {
                const Bytes& o = pool[static_cast<std::size_t>(pick(0, static_cast<int>(pool.size()) - 1))];
                if (!o.empty()) {
                    const std::size_t from = at(o);
                    const std::size_t n = std::min(o.size() - from, static_cast<std::size_t>(pick(1, 48)));
                    b.insert(b.begin() + static_cast<long>(b.empty() ? 0 : at(b)), o.begin() + static_cast<long>(from),
                             o.begin() + static_cast<long>(from + n));
                }
                break;
            }
            case 5:
                if (!b.empty()) {
                    b[at(b)] = static_cast<std::uint8_t>(b[at(b)] + pick(-4, 4));
                }
                break;
            case 6:
                if (!b.empty()) {
                    b.resize(static_cast<std::size_t>(pick(0, static_cast<int>(b.size()))));
                }
                break;
            default:
                if (!b.empty()) {
                    b[at(b)] = static_cast<std::uint8_t>(pick(0, 255));
                }
                break;
            }
        }
        if (b.size() > kMaxInput) {
            b.resize(kMaxInput);
        }
        return b;
    }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
    std::size_t at(const Bytes& b) { return static_cast<std::size_t>(pick(0, static_cast<int>(b.size()) - 1)); }
    std::uint8_t interesting()
    {
        static constexpr std::uint8_t v[] = {0x00, 0x01, 0x02, 0x04, 0x06, 0x0C, 0x1F, 0x30, 0x31, 0x5F, 0x7F, 0x80,
                                             0x81, 0x82, 0x83, 0x84, 0x85, 0x87, 0x8E, 0x99, 0xA0, 0xFF, '<',  '0'};
        return v[pick(0, static_cast<int>(sizeof v) - 1)];
    }
    std::mt19937 m_rng;
};

std::string g_target = "tlv";
const Bytes* g_current = nullptr;

void saveCrash(int sig)
{
    if (g_current) {
        const std::string name = "chip-fuzz-crash-" + g_target + ".bin";
        if (FILE* f = std::fopen(name.c_str(), "wb")) {
            std::fwrite(g_current->data(), 1, g_current->size(), f);
            std::fclose(f);
        }
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

} // namespace

int main(int argc, char** argv)
{
    double seconds = 3;
    long long iterations = -1;
    std::uint32_t seed = 1;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--target") {
            g_target = next();
        } else if (a == "--seconds") {
            seconds = std::atof(next().c_str());
        } else if (a == "--iterations") {
            iterations = std::atoll(next().c_str());
        } else if (a == "--seed") {
            seed = static_cast<std::uint32_t>(std::strtoul(next().c_str(), nullptr, 10));
        } else {
            files.push_back(a);
        }
    }
    void (*run)(const std::uint8_t*, std::size_t) = nullptr;
    if (g_target == "tlv") {
        run = da06::fuzz::fuzzTlv;
    } else if (g_target == "dg1") {
        run = da06::fuzz::fuzzDg1;
    } else if (g_target == "dg13") {
        run = da06::fuzz::fuzzDg13;
    } else if (g_target == "sod") {
        run = da06::fuzz::fuzzSod;
    } else if (g_target == "sm") {
        run = da06::fuzz::fuzzSm;
    } else {
        std::cerr << "unknown target " << g_target << " (tlv, dg1, dg13, sod, sm)\n";
        return 2;
    }
    std::vector<Bytes> pool = seeds(g_target);
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string s = ss.str();
        pool.emplace_back(s.begin(), s.end());
    }
    std::signal(SIGABRT, saveCrash);
    std::signal(SIGSEGV, saveCrash);
    for (const Bytes& b : pool) {
        g_current = &b;
        run(b.data(), b.size());
    }
    Mutator mutator(seed);
    std::mt19937 pickRng(seed + 1);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    long long n = 0;
    while (iterations >= 0 ? n < iterations : std::chrono::steady_clock::now() < deadline) {
        const Bytes& parent = pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(pickRng)];
        const Bytes child = mutator.mutate(parent, pool);
        g_current = &child;
        run(child.data(), child.size());
        if (n % 64 == 0 && pool.size() < 512) {
            pool.push_back(child);
        }
        ++n;
    }
    g_current = nullptr;
    std::cout << "chip_fuzz " << g_target << ": " << n << " mutated inputs, no failure\n";
    return 0;
}
