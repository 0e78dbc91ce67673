// bench_qr: how well and how fast the project reads QR codes, against zbarimg on the same images.
// Generates a degraded corpus (rotation, perspective, blur, noise, low contrast, uneven light,
// small modules, inversion, JPEG) of synthetic CCCD payloads in a temporary folder, decodes each
// image with da06::readers (file loading included, the thorough search the CLI and the desk use,
// and the fast one) and with `zbarimg -q --raw` (one process per image, its start-up measured
// apart), prints success rates and times, and lists any image zbar read that the project missed.
// Then times a 1920×1080 frame with and without a code.
//   bench_qr [--images N (default 320)] [--seed N] [--keep DIR: write the corpus there instead]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "client/readers/ImageFile.h"
#include "client/readers/QrImageReader.h"
#include "tests/identity/QrCorpus.h"
#include "tests/support/TestSupport.h"

namespace qr = da06::test::qr;
using da06::readers::GrayImage;
using Clock = std::chrono::steady_clock;

namespace {

struct Sample {
    std::filesystem::path file;
    std::string expected;
    std::string description;
};

double ms(Clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

struct Stats {
    std::vector<double> times;
    int ok = 0;
    void add(double t, bool success)
    {
        times.push_back(t);
        ok += success ? 1 : 0;
    }
    double mean() const
    {
        return times.empty() ? 0 : std::accumulate(times.begin(), times.end(), 0.0) / static_cast<double>(times.size());
    }
    double percentile(double p) const
    {
        if (times.empty()) {
            return 0;
        }
        std::vector<double> t = times;
        std::sort(t.begin(), t.end());
        return t[std::min(t.size() - 1, static_cast<std::size_t>(p * static_cast<double>(t.size())))];
    }
};

Sample makeSample(int index, std::mt19937& rng, const std::filesystem::path& dir)
{
    auto uni = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    auto chance = [&](double p) { return uni(0, 1) < p; };
    const qr::Person person = qr::randomPerson(rng);
    const int form = index % 3;
    const std::string text = form == 0   ? qr::payload7(person)
                             : form == 1 ? qr::payload6(person)
                                         : qr::payload11(person);
    const bool zxing = index % 2 == 0;
    const qr::Matrix m = zxing ? qr::encodeZxing(text) : qr::encodeQrencode(text);

    qr::Placement p;
    p.module = uni(1.5, 5.0);
    p.angle = chance(0.3) ? 0 : uni(0, 360);
    p.tilt = chance(0.5) ? uni(0, 0.35) : 0;
    const int side = static_cast<int>((m.size + 8) * p.module * 1.6) + 60;
    GrayImage img = qr::background(side, side, rng);
    p.cx = side / 2.0 + uni(-10, 10);
    p.cy = side / 2.0 + uni(-10, 10);
    const bool inverted = chance(0.05);
    std::uint8_t dark = static_cast<std::uint8_t>(uni(10, 60)), light = static_cast<std::uint8_t>(uni(190, 245));
    const bool faint = chance(0.2);
    if (faint) {
        dark = static_cast<std::uint8_t>(uni(80, 120));
        light = static_cast<std::uint8_t>(uni(150, 190));
    }
    if (inverted) {
        std::swap(dark, light);
    }
    qr::drawQr(img, m, qr::quadFor(m, p), 4, dark, light);
    const double uneven = chance(0.3) ? uni(0.4, 0.9) : 1.0;
    if (uneven < 1) {
        qr::unevenLight(img, uneven);
    }
    const double blur = chance(0.6) ? uni(0.3, std::min(2.2, 0.25 + p.module * 0.4)) : 0;
    qr::gaussianBlur(img, blur);
    const double noise = chance(0.6) ? uni(2, 28) : 0;
    if (noise > 0) {
        qr::addNoise(img, noise, rng);
    }
    const bool jpeg = chance(0.4);
    const int quality = static_cast<int>(uni(20, 90));
    std::ostringstream d;
    d << std::fixed << std::setprecision(1) << (zxing ? "zxing-eci" : "qrencode") << " v" << (m.size - 17) / 4
      << " module " << p.module << "px angle " << p.angle << " tilt " << p.tilt << " blur " << blur << " noise "
      << noise << (faint ? " faint" : "") << (inverted ? " inverted" : "") << (uneven < 1 ? " uneven" : "");
    Sample s;
    s.expected = text;
    if (jpeg) {
        d << " jpeg q" << quality;
        s.file = dir / ("img" + std::to_string(index) + ".jpg");
        qr::writeJpeg(s.file, img, quality);
    } else {
        s.file = dir / ("img" + std::to_string(index) + ".png");
        qr::writePng(s.file, img);
    }
    s.description = d.str();
    return s;
}

std::filesystem::path zbarimg()
{
    for (const char* p : {"/usr/bin/zbarimg", "/usr/local/bin/zbarimg"}) {
        if (std::filesystem::exists(p)) {
            return p;
        }
    }
    return {};
}

bool containsLine(const std::string& out, const std::string& expected)
{
    std::istringstream ss(out);
    std::string line;
    while (std::getline(ss, line)) {
        if (line == expected) {
            return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    int count = 320;
    std::uint32_t seed = 6;
    std::filesystem::path keep;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--images") {
            count = std::max(1, std::atoi(argv[i + 1]));
        } else if (a == "--seed") {
            seed = static_cast<std::uint32_t>(std::strtoul(argv[i + 1], nullptr, 10));
        } else if (a == "--keep") {
            keep = argv[i + 1];
        }
    }
    da06::test::TempDir temp;
    const std::filesystem::path dir = keep.empty() ? temp.path() : keep;
    std::filesystem::create_directories(dir);
    std::mt19937 rng(seed);

    std::cout << "bench_qr: generating " << count << " degraded QR images (seed " << seed << ")…\n" << std::flush;
    std::vector<Sample> samples;
    for (int i = 0; i < count; ++i) {
        samples.push_back(makeSample(i, rng, dir));
    }

    Stats thorough, fast, zbar, zbarAny;
    std::map<std::string, int> byPass; // the pass that found each code first (thorough search)
    int zbarOnly = 0, projectOnly = 0;
    std::vector<std::string> missed;
    const auto zbarPath = zbarimg();
    for (const Sample& s : samples) {
        auto t0 = Clock::now();
        const auto image = da06::readers::loadImageFile(s.file);
        bool okThorough = false, okFast = false;
        if (image) {
            for (const auto& c : da06::readers::readQrCodes(*image, da06::readers::QrSearch::Thorough)) {
                if (c.text == s.expected && !okThorough) {
                    ++byPass[c.pass];
                }
                okThorough = okThorough || c.text == s.expected;
            }
        }
        thorough.add(ms(Clock::now() - t0), okThorough);
        t0 = Clock::now();
        const auto image2 = da06::readers::loadImageFile(s.file);
        if (image2) {
            for (const auto& c : da06::readers::readQrCodes(*image2, da06::readers::QrSearch::Fast)) {
                okFast = okFast || c.text == s.expected;
            }
        }
        fast.add(ms(Clock::now() - t0), okFast);
        bool okZbar = false;
        if (!zbarPath.empty()) {
            t0 = Clock::now();
            const auto r = da06::test::runProgram(zbarPath, {"-q", "--raw", s.file.string()});
            okZbar = containsLine(r.out, s.expected);
            zbar.add(ms(Clock::now() - t0), okZbar);
            zbarAny.add(0, !r.out.empty());
        }
        if (okZbar && !okThorough) {
            ++zbarOnly;
            missed.push_back(s.file.filename().string() + ": " + s.description);
        }
        if (okThorough && !okZbar) {
            ++projectOnly;
        }
    }
    // zbarimg's own start-up, to set its per-image time apart from process creation.
    Stats zbarStartup;
    if (!zbarPath.empty()) {
        qr::writePng(dir / "tiny.png", GrayImage(16, 16, 255));
        for (int i = 0; i < 10; ++i) {
            const auto t0 = Clock::now();
            da06::test::runProgram(zbarPath, {"-q", "--raw", (dir / "tiny.png").string()});
            zbarStartup.add(ms(Clock::now() - t0), true);
        }
    }

    const double n = static_cast<double>(samples.size());
    std::cout << std::fixed << std::setprecision(1);
    std::cout << "\nDecoding " << samples.size() << " images (correct text = success):\n";
    std::cout << "  da06 readers, thorough : " << thorough.ok << "/" << samples.size() << " ("
              << 100.0 * thorough.ok / n << " %), mean " << thorough.mean() << " ms, median "
              << thorough.percentile(0.5) << " ms, p95 " << thorough.percentile(0.95)
              << " ms per image (file loading included)\n";
    std::cout << "    found first by pass  :";
    for (const auto& [pass, k] : byPass) {
        std::cout << " " << pass << " " << k;
    }
    std::cout << "\n";
    std::cout << "  da06 readers, fast     : " << fast.ok << "/" << samples.size() << " (" << 100.0 * fast.ok / n
              << " %), mean " << fast.mean() << " ms, median " << fast.percentile(0.5) << " ms\n";
    if (!zbarPath.empty()) {
        std::cout << "  zbarimg                : " << zbar.ok << "/" << samples.size() << " (" << 100.0 * zbar.ok / n
                  << " %; some text found in " << zbarAny.ok << "), mean " << zbar.mean() << " ms per image including "
                  << zbarStartup.mean() << " ms of process start-up\n";
        std::cout << "  read by zbar only      : " << zbarOnly << "\n  read by da06 only      : " << projectOnly
                  << "\n";
        for (const auto& m : missed) {
            std::cout << "    missed: " << m << "\n";
        }
    } else {
        std::cout << "  zbarimg is not installed (zbar-tools): no comparison\n";
    }

    // A 1920×1080 camera frame.
    GrayImage frame = qr::background(1920, 1080, rng);
    const qr::Person person = qr::randomPerson(rng);
    const std::string text = qr::payload7(person);
    const qr::Matrix m = qr::encodeZxing(text);
    qr::Placement p;
    p.cx = 1100;
    p.cy = 500;
    p.module = 5;
    p.angle = 8;
    p.tilt = 0.1;
    GrayImage empty = frame;
    qr::drawQr(frame, m, qr::quadFor(m, p), 4, 30, 220);
    qr::gaussianBlur(frame, 0.8);
    qr::addNoise(frame, 5, rng);
    auto timeFrame = [&](const GrayImage& img, da06::readers::QrSearch mode, bool& found) {
        Stats st;
        for (int i = 0; i < 5; ++i) {
            const auto t0 = Clock::now();
            const auto codes = da06::readers::readQrCodes(img, mode);
            st.add(ms(Clock::now() - t0), true);
            found = !codes.empty() && codes.front().text == text;
        }
        return st.percentile(0.5);
    };
    bool foundFast = false, foundThorough = false, foundEmpty = false;
    const double tFast = timeFrame(frame, da06::readers::QrSearch::Fast, foundFast);
    const double tThorough = timeFrame(frame, da06::readers::QrSearch::Thorough, foundThorough);
    const double tEmpty = timeFrame(empty, da06::readers::QrSearch::Thorough, foundEmpty);
    std::cout << "\n1920×1080 frame (median of 5):\n  with a code, fast search     : " << tFast << " ms"
              << (foundFast ? "" : " (NOT read)") << "\n  with a code, thorough search : " << tThorough << " ms"
              << (foundThorough ? "" : " (NOT read)") << "\n  without a code, thorough     : " << tEmpty << " ms\n";
    return zbarOnly == 0 && foundFast && foundThorough ? 0 : 1;
}
