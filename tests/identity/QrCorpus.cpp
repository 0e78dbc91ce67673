#include "tests/identity/QrCorpus.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <jpeglib.h>
#include <png.h>

#include "domain/identity/CardExpiry.h"
#include "tests/support/TestSupport.h"

namespace da06::test::qr {

namespace {

std::uint8_t clamp8(double v)
{
    return static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
}

std::filesystem::path findProgram(const std::string& name)
{
    const char* path = std::getenv("PATH");
    std::stringstream ss(path ? path : "/usr/bin:/bin");
    std::string dir;
    while (std::getline(ss, dir, ':')) {
        const auto p = std::filesystem::path(dir) / name;
        if (std::filesystem::exists(p)) {
            return p;
        }
    }
    throw std::runtime_error(name + " is not installed");
}

// Square [0,1]² → quad (Heckbert's projective mapping), and its inverse.
struct Homography {
    double m[9]; // row-major 3×3

    static Homography squareTo(const Quad& q)
    {
        const double x0 = q.x[0], y0 = q.y[0], x1 = q.x[1], y1 = q.y[1], x2 = q.x[2], y2 = q.y[2], x3 = q.x[3],
                     y3 = q.y[3];
        const double dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3;
        const double dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3;
        double g = 0, h = 0;
        if (std::abs(dx3) > 1e-9 || std::abs(dy3) > 1e-9) {
            const double det = dx1 * dy2 - dx2 * dy1;
            g = (dx3 * dy2 - dx2 * dy3) / det;
            h = (dx1 * dy3 - dx3 * dy1) / det;
        }
        return Homography{{x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1}};
    }

    Homography inverse() const
    {
        const double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        const double A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
        const double det = a * A + b * B + c * C;
        return Homography{{A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det,
                           -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det}};
    }

    void apply(double x, double y, double& ox, double& oy) const
    {
        const double w = m[6] * x + m[7] * y + m[8];
        ox = (m[0] * x + m[1] * y + m[2]) / w;
        oy = (m[3] * x + m[4] * y + m[5]) / w;
    }
};

template <typename Sample> void rasterQuad(GrayImage& img, const Quad& q, Sample sample)
{
    const Homography inv = Homography::squareTo(q).inverse();
    const int x0 = std::max(0, static_cast<int>(std::floor(*std::min_element(q.x, q.x + 4))));
    const int x1 = std::min(img.width - 1, static_cast<int>(std::ceil(*std::max_element(q.x, q.x + 4))));
    const int y0 = std::max(0, static_cast<int>(std::floor(*std::min_element(q.y, q.y + 4))));
    const int y1 = std::min(img.height - 1, static_cast<int>(std::ceil(*std::max_element(q.y, q.y + 4))));
    constexpr int kSub = 3;
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
            double sum = 0;
            int inside = 0;
            for (int sy = 0; sy < kSub; ++sy) {
                for (int sx = 0; sx < kSub; ++sx) {
                    double u = 0, v = 0;
                    inv.apply(x + (sx + 0.5) / kSub, y + (sy + 0.5) / kSub, u, v);
                    if (u >= 0 && u < 1 && v >= 0 && v < 1) {
                        sum += sample(u, v);
                        ++inside;
                    }
                }
            }
            if (inside > 0) {
                const double outside = kSub * kSub - inside;
                img.at(x, y) = clamp8((sum + outside * img.at(x, y)) / (kSub * kSub));
            }
        }
    }
}

std::string pad(int v, int width)
{
    std::string s = std::to_string(v);
    return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(s.size()))), '0') + s;
}

} // namespace

const std::vector<std::string>& sampleNames()
{
    // Tones: sắc (á), huyền (à), hỏi (ả), ngã (ã), nặng (ạ); vowels ă â ê ô ơ ư and đ; capitals too.
    static const std::vector<std::string> names{
        "Nguyễn Văn An",    "Trần Thị Bích Ngọc", "Lê Hoàng Phúc", "Phạm Thị Hương", "Đặng Quốc Bảo",
        "Võ Thị Ánh Tuyết", "Huỳnh Ngọc Ẩn",      "Bùi Thị Ửng",   "Đỗ Minh Khôi",   "Hồ Thị Mỹ Duyên",
        "Ngô Đức Thắng",    "Dương Thị Thuỷ",     "Lý Văn Hải",    "Trịnh Thị Ỷ",    "Vũ Thị Ngữ",
        "Phan Thị Ổi",      "Châu Thị Ẽm",        "Lâm Ứng Đạt",   "Tô Thị Ợt",      "Hà Văn Ễnh",
        "NGUYỄN THỊ ĐÀO",   "Ông Ích Khiêm",      "Ưng Thị Ỡm",    "Âu Dương Ấn",    "Thạch Thị Sa Rươne",
        "Kiều Thị Ẩm",      "Mạc Văn Ờ",          "Ê Ban Ỳ",
    };
    return names;
}

const std::vector<std::string>& sampleAddresses()
{
    static const std::vector<std::string> places{
        "Ấp Thạnh Hiệp, Xã Thạnh Tây, Huyện Tân Biên, Tây Ninh",
        "Khu phố 3, Phường 2, Thành phố Tây Ninh, Tây Ninh",
        "Số 12 Đường Cách Mạng Tháng Tám, Phường Hiệp Ninh, Thành phố Tây Ninh, Tây Ninh",
        "Tổ 5, Ấp Bàu Vừng, Xã Phước Đông, Huyện Gò Dầu, Tây Ninh",
        "Thôn Đông Ngạc, Phường Đông Ngạc, Quận Bắc Từ Liêm, Hà Nội",
        "Khóm 1, Phường 9, Thành phố Cà Mau, Cà Mau",
        "Bản Nà Ẳng, Xã Mường Ảng, Huyện Mường Ảng, Điện Biên",
        "Ấp Suối Ngô, Xã Suối Ngô, Huyện Tân Châu, Tây Ninh",
    };
    return places;
}

Person randomPerson(std::mt19937& rng)
{
    static const char* const provinces[] = {"001", "072", "079", "096", "011", "048", "092", "046"};
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const Date checkDay{2024, 6, 30};
    while (true) {
        Person p;
        const Date birth{pick(1940, 2008), pick(1, 12), pick(1, 28)};
        // Issued between 2021 and June 2024 (chip cards), at 14 or later, and valid on 30/06/2024.
        const Date issue{pick(2021, 2024), pick(1, 12), pick(1, 28)};
        const auto expiry = identity::computeCardExpiry(birth, issue);
        if (checkDay < issue || issue < identity::birthdayAtAge(birth, 14) || !expiry ||
            identity::isExpired(*expiry, checkDay)) {
            continue;
        }
        const bool female = pick(0, 1) == 1;
        const int g = (birth.year >= 2000 ? 2 : 0) + (female ? 1 : 0);
        p.id =
            std::string(provinces[pick(0, 7)]) + std::to_string(g) + pad(birth.year % 100, 2) + pad(pick(0, 999999), 6);
        p.oldId = pick(0, 3) == 0 ? std::string() : pad(pick(10000000, 399999999), 9);
        p.name = sampleNames()[static_cast<std::size_t>(pick(0, static_cast<int>(sampleNames().size()) - 1))];
        p.dob = pad(birth.day, 2) + pad(birth.month, 2) + std::to_string(birth.year);
        p.sex = female ? "Nữ" : "Nam";
        p.address =
            sampleAddresses()[static_cast<std::size_t>(pick(0, static_cast<int>(sampleAddresses().size()) - 1))];
        p.issue = pad(issue.day, 2) + pad(issue.month, 2) + std::to_string(issue.year);
        return p;
    }
}

std::string payload7(const Person& p)
{
    return p.id + "|" + p.oldId + "|" + p.name + "|" + p.dob + "|" + p.sex + "|" + p.address + "|" + p.issue;
}

std::string payload6(const Person& p)
{
    return p.id + "|" + p.name + "|" + p.dob + "|" + p.sex + "|" + p.address + "|" + p.issue;
}

std::string payload11(const Person& p, const std::string& extra1)
{
    return payload7(p) + "|" + extra1 + "|||";
}

Matrix encodeZxing(const std::string& utf8, int eccLevel)
{
    const ZXing::BitMatrix bits = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                                      .setEncoding(ZXing::CharacterSet::UTF8)
                                      .setEccLevel(eccLevel)
                                      .setMargin(0)
                                      .encode(utf8, 0, 0);
    Matrix m;
    m.size = bits.width();
    m.dark.resize(static_cast<std::size_t>(m.size * m.size));
    for (int y = 0; y < m.size; ++y) {
        for (int x = 0; x < m.size; ++x) {
            m.dark[static_cast<std::size_t>(y * m.size + x)] = bits.get(x, y) ? 1 : 0;
        }
    }
    return m;
}

Matrix encodeQrencode(const std::string& utf8, char ecc)
{
    const RunResult r = runProgram(findProgram("qrencode"),
                                   {"-8", "-l", std::string(1, ecc), "-m", "0", "-t", "ASCII", "-o", "-"}, {}, utf8);
    if (r.exitCode != 0) {
        throw std::runtime_error("qrencode failed: " + r.err);
    }
    std::vector<std::string> rows;
    std::stringstream ss(r.out);
    std::string line;
    while (std::getline(ss, line)) {
        if (!line.empty()) {
            rows.push_back(line);
        }
    }
    Matrix m;
    m.size = static_cast<int>(rows.size());
    m.dark.assign(static_cast<std::size_t>(m.size * m.size), 0);
    for (int y = 0; y < m.size; ++y) {
        for (int x = 0; x < m.size && static_cast<std::size_t>(2 * x) < rows[static_cast<std::size_t>(y)].size(); ++x) {
            m.dark[static_cast<std::size_t>(y * m.size + x)] =
                rows[static_cast<std::size_t>(y)][static_cast<std::size_t>(2 * x)] == '#';
        }
    }
    return m;
}

Quad quadFor(const Matrix& m, const Placement& p)
{
    const double side = (m.size + 2 * p.quiet) * p.module;
    const double h = side / 2;
    // Corners before rotation: the top edge shortened by the tilt.
    const double top = h * (1 - p.tilt);
    const double px[4] = {-top, top, h, -h};
    const double py[4] = {-h, -h, h, h};
    const double a = p.angle * 3.14159265358979323846 / 180.0;
    Quad q{};
    for (int i = 0; i < 4; ++i) {
        q.x[i] = p.cx + px[i] * std::cos(a) - py[i] * std::sin(a);
        q.y[i] = p.cy + px[i] * std::sin(a) + py[i] * std::cos(a);
    }
    return q;
}

void drawQr(GrayImage& img, const Matrix& m, const Quad& q, int quiet, std::uint8_t darkLevel, std::uint8_t lightLevel)
{
    const int total = m.size + 2 * quiet;
    rasterQuad(img, q, [&](double u, double v) -> double {
        const int mx = static_cast<int>(u * total) - quiet, my = static_cast<int>(v * total) - quiet;
        const bool dark = mx >= 0 && my >= 0 && mx < m.size && my < m.size && m.at(mx, my);
        return dark ? darkLevel : lightLevel;
    });
}

void fillQuad(GrayImage& img, const Quad& q, std::uint8_t level)
{
    rasterQuad(img, q, [&](double, double) -> double { return level; });
}

void gaussianBlur(GrayImage& img, double sigma)
{
    if (sigma <= 0.05) {
        return;
    }
    const int r = static_cast<int>(std::ceil(3 * sigma));
    std::vector<double> k(static_cast<std::size_t>(2 * r + 1));
    double sum = 0;
    for (int i = -r; i <= r; ++i) {
        k[static_cast<std::size_t>(i + r)] = std::exp(-(i * i) / (2 * sigma * sigma));
        sum += k[static_cast<std::size_t>(i + r)];
    }
    for (auto& v : k) {
        v /= sum;
    }
    std::vector<double> tmp(img.pixels.size());
    for (int y = 0; y < img.height; ++y) {
        for (int x = 0; x < img.width; ++x) {
            double acc = 0;
            for (int i = -r; i <= r; ++i) {
                acc += k[static_cast<std::size_t>(i + r)] * img.at(std::clamp(x + i, 0, img.width - 1), y);
            }
            tmp[static_cast<std::size_t>(y * img.width + x)] = acc;
        }
    }
    for (int y = 0; y < img.height; ++y) {
        for (int x = 0; x < img.width; ++x) {
            double acc = 0;
            for (int i = -r; i <= r; ++i) {
                acc += k[static_cast<std::size_t>(i + r)] *
                       tmp[static_cast<std::size_t>(std::clamp(y + i, 0, img.height - 1) * img.width + x)];
            }
            img.at(x, y) = clamp8(acc);
        }
    }
}

void addNoise(GrayImage& img, double sigma, std::mt19937& rng)
{
    std::normal_distribution<double> n(0.0, sigma);
    for (auto& p : img.pixels) {
        p = clamp8(p + n(rng));
    }
}

void addSaltPepper(GrayImage& img, double share, std::mt19937& rng)
{
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (auto& p : img.pixels) {
        const double r = u(rng);
        if (r < share / 2) {
            p = 0;
        } else if (r < share) {
            p = 255;
        }
    }
}

void unevenLight(GrayImage& img, double low)
{
    for (int y = 0; y < img.height; ++y) {
        for (int x = 0; x < img.width; ++x) {
            const double t = (static_cast<double>(x) / img.width + static_cast<double>(y) / img.height) / 2;
            img.at(x, y) = clamp8(img.at(x, y) * (low + (1 - low) * t));
        }
    }
}

GrayImage scaled(const GrayImage& img, double f)
{
    const int w = std::max(1, static_cast<int>(std::lround(img.width * f)));
    const int h = std::max(1, static_cast<int>(std::lround(img.height * f)));
    GrayImage out(w, h);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            // Average of the source footprint (at least one pixel).
            const double sx0 = x / f, sx1 = (x + 1) / f, sy0 = y / f, sy1 = (y + 1) / f;
            const int ix0 = std::clamp(static_cast<int>(sx0), 0, img.width - 1);
            const int ix1 = std::clamp(static_cast<int>(std::ceil(sx1)) - 1, ix0, img.width - 1);
            const int iy0 = std::clamp(static_cast<int>(sy0), 0, img.height - 1);
            const int iy1 = std::clamp(static_cast<int>(std::ceil(sy1)) - 1, iy0, img.height - 1);
            double sum = 0;
            int n = 0;
            for (int yy = iy0; yy <= iy1; ++yy) {
                for (int xx = ix0; xx <= ix1; ++xx) {
                    sum += img.at(xx, yy);
                    ++n;
                }
            }
            out.at(x, y) = clamp8(sum / n);
        }
    }
    return out;
}

GrayImage background(int w, int h, std::mt19937& rng)
{
    GrayImage img(w, h);
    std::uniform_int_distribution<int> base(70, 150);
    const int b0 = base(rng), b1 = base(rng);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            img.at(x, y) =
                clamp8(b0 + (b1 - b0) * static_cast<double>(x) / w + 10 * std::sin(y * 0.05) * std::sin(x * 0.031));
        }
    }
    addNoise(img, 6, rng);
    return img;
}

void writePng(const std::filesystem::path& p, const GrayImage& img)
{
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(img.width);
    image.height = static_cast<png_uint_32>(img.height);
    image.format = PNG_FORMAT_GRAY;
    if (!png_image_write_to_file(&image, p.c_str(), 0, img.pixels.data(), 0, nullptr)) {
        throw std::runtime_error(std::string("png write failed: ") + image.message);
    }
}

void writeRgbaPng(const std::filesystem::path& p, const GrayImage& img)
{
    std::vector<std::uint8_t> rgba(img.pixels.size() * 4);
    for (std::size_t i = 0; i < img.pixels.size(); ++i) {
        const std::uint8_t v = img.pixels[i];
        rgba[i * 4] = v;
        rgba[i * 4 + 1] = static_cast<std::uint8_t>(v * 0.95);
        rgba[i * 4 + 2] = static_cast<std::uint8_t>(std::min(255, v + 10));
        rgba[i * 4 + 3] = 255;
    }
    // A fully transparent band along the top: must come out white, not black.
    for (int y = 0; y < std::min(8, img.height); ++y) {
        for (int x = 0; x < img.width; ++x) {
            rgba[static_cast<std::size_t>(y * img.width + x) * 4 + 3] = 0;
        }
    }
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(img.width);
    image.height = static_cast<png_uint_32>(img.height);
    image.format = PNG_FORMAT_RGBA;
    if (!png_image_write_to_file(&image, p.c_str(), 0, rgba.data(), 0, nullptr)) {
        throw std::runtime_error(std::string("png write failed: ") + image.message);
    }
}

void writeBmp(const std::filesystem::path& p, const GrayImage& img, int bits)
{
    const std::size_t stride = ((static_cast<std::size_t>(bits) * static_cast<std::size_t>(img.width) + 31) / 32) * 4;
    const std::size_t paletteBytes = bits == 8 ? 256 * 4 : 0;
    const std::size_t offset = 14 + 40 + paletteBytes;
    const std::size_t size = offset + stride * static_cast<std::size_t>(img.height);
    std::string out(size, '\0');
    auto put16 = [&](std::size_t at, unsigned v) {
        out[at] = static_cast<char>(v & 0xFF);
        out[at + 1] = static_cast<char>((v >> 8) & 0xFF);
    };
    auto put32 = [&](std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) {
            out[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
        }
    };
    out[0] = 'B';
    out[1] = 'M';
    put32(2, static_cast<std::uint32_t>(size));
    put32(10, static_cast<std::uint32_t>(offset));
    put32(14, 40);
    put32(18, static_cast<std::uint32_t>(img.width));
    put32(22, static_cast<std::uint32_t>(img.height)); // bottom-up
    put16(26, 1);
    put16(28, static_cast<unsigned>(bits));
    put32(34, static_cast<std::uint32_t>(stride * static_cast<std::size_t>(img.height)));
    if (bits == 8) {
        put32(46, 256);
        for (std::size_t i = 0; i < 256; ++i) {
            out[54 + i * 4] = out[55 + i * 4] = out[56 + i * 4] = static_cast<char>(i);
        }
    }
    for (int y = 0; y < img.height; ++y) {
        const std::size_t row = offset + stride * static_cast<std::size_t>(img.height - 1 - y);
        for (int x = 0; x < img.width; ++x) {
            const char v = static_cast<char>(img.at(x, y));
            const auto ux = static_cast<std::size_t>(x);
            if (bits == 8) {
                out[row + ux] = v;
            } else {
                const std::size_t bpp = static_cast<std::size_t>(bits / 8);
                out[row + ux * bpp] = out[row + ux * bpp + 1] = out[row + ux * bpp + 2] = v;
            }
        }
    }
    writeFile(p, out);
}

void writeJpeg(const std::filesystem::path& p, const GrayImage& img, int quality)
{
    jpeg_compress_struct cinfo{};
    jpeg_error_mgr jerr{};
    cinfo.err = jpeg_std_error(&jerr);
    jpeg_create_compress(&cinfo);
    unsigned char* mem = nullptr;
    unsigned long memSize = 0;
    jpeg_mem_dest(&cinfo, &mem, &memSize);
    cinfo.image_width = static_cast<JDIMENSION>(img.width);
    cinfo.image_height = static_cast<JDIMENSION>(img.height);
    cinfo.input_components = 1;
    cinfo.in_color_space = JCS_GRAYSCALE;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = const_cast<JSAMPROW>(img.pixels.data() + static_cast<std::size_t>(cinfo.next_scanline) *
                                                                    static_cast<std::size_t>(img.width));
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    writeFile(p, std::string(reinterpret_cast<const char*>(mem), memSize));
    std::free(mem);
}

} // namespace da06::test::qr
