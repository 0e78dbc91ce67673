// A fuzz driver for compilers without libFuzzer (g++): replays built-in seeds and any corpus files
// given, then mutates them at random for --seconds (or --iterations), calling the same target
// functions as the libFuzzer build. Built with AddressSanitizer and UBSan; a crash or a failed
// invariant aborts, and the input that did it is written to fuzz-crash-<target>.bin in the
// current folder.
//   identity_fuzz --target payload|bmp [--seconds S] [--iterations N] [--seed N] [FILE…]
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace da06::fuzz {
void fuzzPayload(const std::uint8_t* data, std::size_t size);
void fuzzBmp(const std::uint8_t* data, std::size_t size);
} // namespace da06::fuzz

namespace {

using Bytes = std::vector<std::uint8_t>;
constexpr std::size_t kMaxInput = 4096;

Bytes bytes(const std::string& s)
{
    return Bytes(s.begin(), s.end());
}

std::vector<Bytes> payloadSeeds()
{
    return {
        bytes("072090001234|280123456|Nguyễn Văn An|15031990|Nam|Ấp Thạnh Hiệp, Xã Thạnh Tây, Tây Ninh|10052021"),
        bytes("072190001234|Trần Thị Bích Ngọc|01021990|Nữ|Khu phố 3, Phường 2, Tây Ninh|20062021"),
        bytes("072190001234||Trần Thị Bích Ngọc|01021990|Nữ|Khu phố 3, Phường 2, Tây Ninh|20062021||x|y|"),
        bytes("072099001234||Nguyen Van An|29021999|Nu|Ap 3, Xa Suoi Ngo, Tay Ninh|10/05/2016"),
        bytes("072190001234||Tra\xCC\x82\xCC\x80n Thi\xCC\xA3 Bi\xCC\x81"
              "ch|01021990|Nu\xCC\x9B\xCC\x83|Ta\xCC\x82y Ninh|20062021"),
        bytes("072090001234\\280123456\\Nguyen Van An"),
        bytes("|||||||||||"),
        bytes("https://dichvucong.gov.vn/"),
        bytes(""),
    };
}

void put16(Bytes& b, std::size_t at, unsigned v)
{
    b[at] = static_cast<std::uint8_t>(v & 0xFF);
    b[at + 1] = static_cast<std::uint8_t>((v >> 8) & 0xFF);
}

void put32(Bytes& b, std::size_t at, std::uint32_t v)
{
    put16(b, at, v & 0xFFFF);
    put16(b, at + 2, v >> 16);
}

Bytes bmp(int w, int h, int bpp, std::uint32_t compression, std::size_t palette, const Bytes& pixels,
          std::uint32_t header = 40)
{
    Bytes b(14 + header + palette * 4, 0);
    b[0] = 'B';
    b[1] = 'M';
    put32(b, 10, static_cast<std::uint32_t>(b.size()));
    put32(b, 14, header);
    put32(b, 18, static_cast<std::uint32_t>(w));
    put32(b, 22, static_cast<std::uint32_t>(h));
    put16(b, 26, 1);
    put16(b, 28, static_cast<unsigned>(bpp));
    put32(b, 30, compression);
    put32(b, 46, static_cast<std::uint32_t>(palette));
    if (header >= 56 && compression == 3) {
        put32(b, 54, 0x00FF0000);
        put32(b, 58, 0x0000FF00);
        put32(b, 62, 0x000000FF);
        put32(b, 66, 0xFF000000);
    }
    for (std::size_t i = 0; i < palette; ++i) {
        const auto v = static_cast<std::uint8_t>(i * 255 / (palette > 1 ? palette - 1 : 1));
        b[14 + header + i * 4] = b[15 + header + i * 4] = b[16 + header + i * 4] = v;
    }
    b.insert(b.end(), pixels.begin(), pixels.end());
    return b;
}

std::vector<Bytes> bmpSeeds()
{
    return {
        bmp(4, 2, 24, 0, 0, Bytes(24, 0x80)),
        bmp(5, 3, 8, 0, 256, Bytes(24, 0x40)),
        bmp(9, 2, 1, 0, 2, Bytes{0xAA, 0x80, 0, 0, 0x55, 0x00, 0, 0}),
        bmp(6, 2, 4, 0, 16, Bytes{0x12, 0x34, 0x56, 0, 0x65, 0x43, 0x21, 0}),
        bmp(6, 2, 8, 1, 2, Bytes{3, 1, 0, 3, 0, 1, 0, 0, 0, 0, 6, 1, 0, 1}),
        bmp(4, 1, 4, 2, 2, Bytes{4, 0x10, 0, 2, 1, 0, 0, 1}),
        bmp(2, 2, 16, 0, 0, Bytes{0xFF, 0x7F, 0, 0, 0, 0, 0xFF, 0x7F}),
        bmp(2, 1, 32, 3, 0, Bytes{0, 0, 0, 0, 0, 0, 0, 0xFF}, 108),
        bmp(3, -2, 24, 0, 0, Bytes(24, 0xC0)),
    };
}

class Mutator {
public:
    explicit Mutator(std::uint32_t seed) : m_rng(seed) {}

    Bytes mutate(const Bytes& in, const std::vector<Bytes>& pool)
    {
        Bytes b = in;
        const int rounds = pick(1, 6);
        for (int r = 0; r < rounds; ++r) {
            switch (pick(0, 9)) {
            case 0:
                flipBit(b);
                break;
            case 1:
                setByte(b, static_cast<std::uint8_t>(pick(0, 255)));
                break;
            case 2:
                setByte(b, interesting());
                break;
            case 3:
                insertBytes(b);
                break;
            case 4:
                eraseBytes(b);
                break;
            case 5:
                duplicate(b);
                break;
            case 6:
                splice(b, pool[static_cast<std::size_t>(pick(0, static_cast<int>(pool.size()) - 1))]);
                break;
            case 7:
                insertText(b);
                break;
            case 8:
                arithmetic(b);
                break;
            default:
                if (!b.empty()) {
                    b.resize(static_cast<std::size_t>(pick(0, static_cast<int>(b.size()))));
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
    std::size_t where(const Bytes& b)
    {
        return b.empty() ? 0 : static_cast<std::size_t>(pick(0, static_cast<int>(b.size()) - 1));
    }
    std::uint8_t interesting()
    {
        static constexpr std::uint8_t values[] = {0,    1,    0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xCC, 0xE1, 0xED, 0xEF,
                                                  0xF0, 0xF4, 0xFF, '|',  '0',  '9',  '/',  '?',  ' ',  '\r', '\n'};
        return values[pick(0, static_cast<int>(sizeof values) - 1)];
    }
    void flipBit(Bytes& b)
    {
        if (!b.empty()) {
            b[where(b)] ^= static_cast<std::uint8_t>(1u << pick(0, 7));
        }
    }
    void setByte(Bytes& b, std::uint8_t v)
    {
        if (!b.empty()) {
            b[where(b)] = v;
        }
    }
    void insertBytes(Bytes& b)
    {
        const std::size_t at = b.empty() ? 0 : where(b);
        const int n = pick(1, 16);
        for (int i = 0; i < n; ++i) {
            b.insert(b.begin() + static_cast<long>(at),
                     pick(0, 1) ? interesting() : static_cast<std::uint8_t>(pick(0, 255)));
        }
    }
    void eraseBytes(Bytes& b)
    {
        if (b.empty()) {
            return;
        }
        const std::size_t at = where(b);
        const std::size_t n = std::min(b.size() - at, static_cast<std::size_t>(pick(1, 16)));
        b.erase(b.begin() + static_cast<long>(at), b.begin() + static_cast<long>(at + n));
    }
    void duplicate(Bytes& b)
    {
        if (b.empty()) {
            return;
        }
        const std::size_t at = where(b);
        const std::size_t n = std::min(b.size() - at, static_cast<std::size_t>(pick(1, 64)));
        const Bytes chunk(b.begin() + static_cast<long>(at), b.begin() + static_cast<long>(at + n));
        b.insert(b.begin() + static_cast<long>(where(b)), chunk.begin(), chunk.end());
    }
    void splice(Bytes& b, const Bytes& other)
    {
        if (other.empty()) {
            return;
        }
        const std::size_t from = where(other);
        const std::size_t n = std::min(other.size() - from, static_cast<std::size_t>(pick(1, 64)));
        b.insert(b.begin() + static_cast<long>(b.empty() ? 0 : where(b)), other.begin() + static_cast<long>(from),
                 other.begin() + static_cast<long>(from + n));
    }
    void insertText(Bytes& b)
    {
        static const char* const texts[] = {"|",        "||",           "Nữ",           "Nam",
                                            "29022024", "31122099",     "000000000000", "ễ",
                                            "\xCC\x83", "\xEF\xBB\xBF", "99999999",     "0720900012345"};
        const std::string t = texts[pick(0, static_cast<int>(std::size(texts)) - 1)];
        b.insert(b.begin() + static_cast<long>(b.empty() ? 0 : where(b)), t.begin(), t.end());
    }
    void arithmetic(Bytes& b)
    {
        if (!b.empty()) {
            b[where(b)] = static_cast<std::uint8_t>(b[where(b)] + pick(-16, 16));
        }
    }

    std::mt19937 m_rng;
};

const char* g_target = "payload";
const Bytes* g_current = nullptr;

void saveCrash(int sig)
{
    if (g_current) {
        const std::string name = std::string("fuzz-crash-") + g_target + ".bin";
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
            static std::string t;
            t = next();
            g_target = t.c_str();
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
    const bool bmp = std::strcmp(g_target, "bmp") == 0;
    if (!bmp && std::strcmp(g_target, "payload") != 0) {
        std::cerr << "unknown target " << g_target << " (payload or bmp)\n";
        return 2;
    }
    auto run = bmp ? da06::fuzz::fuzzBmp : da06::fuzz::fuzzPayload;
    std::vector<Bytes> pool = bmp ? bmpSeeds() : payloadSeeds();
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        pool.push_back(bytes(ss.str()));
    }
    std::signal(SIGABRT, saveCrash);
    std::signal(SIGSEGV, saveCrash);

    for (const Bytes& b : pool) { // every seed as it is
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
        // Keep some children as parents, so mutations accumulate.
        if (n % 64 == 0 && pool.size() < 512) {
            pool.push_back(child);
        }
        ++n;
    }
    g_current = nullptr;
    std::cout << "identity_fuzz " << g_target << ": " << n << " mutated inputs, no failure\n";
    return 0;
}
