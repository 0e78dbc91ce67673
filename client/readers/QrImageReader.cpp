#include "client/readers/QrImageReader.h"

#include <algorithm>
#include <cmath>

#include <ZXing/ReadBarcode.h>

#include "client/readers/ImageFile.h"

namespace da06::readers {

namespace {

GrayImage inverted(const GrayImage& in)
{
    GrayImage out = in;
    for (auto& p : out.pixels) {
        p = static_cast<std::uint8_t>(255 - p);
    }
    return out;
}

// Bilinear 2× upscale: lets the detector find codes whose modules are one or two pixels wide.
GrayImage upscaled2(const GrayImage& in)
{
    GrayImage out(in.width * 2, in.height * 2);
    for (int y = 0; y < out.height; ++y) {
        const float fy = std::max(0.0f, (static_cast<float>(y) + 0.5f) / 2.0f - 0.5f);
        const int y0 = std::min(static_cast<int>(fy), in.height - 1), y1 = std::min(y0 + 1, in.height - 1);
        const float wy = fy - static_cast<float>(y0);
        for (int x = 0; x < out.width; ++x) {
            const float fx = std::max(0.0f, (static_cast<float>(x) + 0.5f) / 2.0f - 0.5f);
            const int x0 = std::min(static_cast<int>(fx), in.width - 1), x1 = std::min(x0 + 1, in.width - 1);
            const float wx = fx - static_cast<float>(x0);
            const float top = static_cast<float>(in.at(x0, y0)) * (1 - wx) + static_cast<float>(in.at(x1, y0)) * wx;
            const float bottom = static_cast<float>(in.at(x0, y1)) * (1 - wx) + static_cast<float>(in.at(x1, y1)) * wx;
            out.at(x, y) = static_cast<std::uint8_t>(top * (1 - wy) + bottom * wy + 0.5f);
        }
    }
    return out;
}

// 3×3 box blur: takes the edge off salt-and-pepper and sensor noise.
GrayImage blurred3(const GrayImage& in)
{
    GrayImage out(in.width, in.height);
    for (int y = 0; y < in.height; ++y) {
        for (int x = 0; x < in.width; ++x) {
            unsigned sum = 0, n = 0;
            for (int dy = -1; dy <= 1; ++dy) {
                for (int dx = -1; dx <= 1; ++dx) {
                    const int xx = x + dx, yy = y + dy;
                    if (xx >= 0 && yy >= 0 && xx < in.width && yy < in.height) {
                        sum += in.at(xx, yy);
                        ++n;
                    }
                }
            }
            out.at(x, y) = static_cast<std::uint8_t>((sum + n / 2) / n);
        }
    }
    return out;
}

// Mean of the (2r+1)² box around each pixel (clipped at the borders), from a summed-area table.
std::vector<float> boxMeans(const GrayImage& in, int r)
{
    const auto w = static_cast<std::size_t>(in.width), h = static_cast<std::size_t>(in.height);
    std::vector<std::uint32_t> sum((w + 1) * (h + 1), 0);
    for (std::size_t y = 0; y < h; ++y) {
        std::uint32_t row = 0;
        for (std::size_t x = 0; x < w; ++x) {
            row += in.pixels[y * w + x];
            sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1] + row;
        }
    }
    std::vector<float> mean(w * h);
    for (int y = 0; y < in.height; ++y) {
        const auto y0 = static_cast<std::size_t>(std::max(0, y - r)),
                   y1 = static_cast<std::size_t>(std::min(in.height, y + r + 1));
        for (int x = 0; x < in.width; ++x) {
            const auto x0 = static_cast<std::size_t>(std::max(0, x - r)),
                       x1 = static_cast<std::size_t>(std::min(in.width, x + r + 1));
            const std::uint32_t box =
                sum[y1 * (w + 1) + x1] - sum[y0 * (w + 1) + x1] - sum[y1 * (w + 1) + x0] + sum[y0 * (w + 1) + x0];
            mean[static_cast<std::size_t>(y) * w + static_cast<std::size_t>(x)] =
                static_cast<float>(box) / static_cast<float>((y1 - y0) * (x1 - x0));
        }
    }
    return mean;
}

// base + gain · (pixel − local mean): gain 1 and base = pixel is an unsharp mask (restores the edges
// of out-of-focus photos, where modules run into each other); base 128 with a larger gain is a
// local contrast normalisation (faint codes whose modules are one or two pixels wide).
GrayImage highPass(const GrayImage& in, int r, float gain, bool keepLevel)
{
    const std::vector<float> mean = boxMeans(in, r);
    GrayImage out(in.width, in.height);
    for (std::size_t i = 0; i < in.pixels.size(); ++i) {
        const float p = in.pixels[i];
        const float v = (keepLevel ? p : 128.0f) + gain * (p - mean[i]);
        out.pixels[i] = static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
    }
    return out;
}

struct Pass {
    const char* name;
    const GrayImage* image;
    int scale; // image pixels per original pixel
    ZXing::Binarizer binarizer;
};

QrPoint centerOf(const DecodedQr& q)
{
    long sx = 0, sy = 0;
    for (const auto& p : q.corners) {
        sx += p.x;
        sy += p.y;
    }
    const long n = std::max<long>(1, static_cast<long>(q.corners.size()));
    return {static_cast<int>(sx / n), static_cast<int>(sy / n)};
}

double sideOf(const DecodedQr& q)
{
    if (q.corners.size() < 2) {
        return 0;
    }
    return std::hypot(q.corners[1].x - q.corners[0].x, q.corners[1].y - q.corners[0].y);
}

// Same text at about the same place: one code found twice. Two cards with the same text on one
// page (copies of one card) stay two entries.
bool sameCode(const DecodedQr& a, const DecodedQr& b)
{
    if (a.text != b.text) {
        return false;
    }
    const QrPoint ca = centerOf(a), cb = centerOf(b);
    const double limit = std::max(16.0, 0.5 * std::max(sideOf(a), sideOf(b)));
    return std::hypot(ca.x - cb.x, ca.y - cb.y) <= limit;
}

void decodePass(const Pass& pass, std::vector<DecodedQr>& found)
{
    const GrayImage& img = *pass.image;
    const ZXing::ImageView view(img.pixels.data(), img.width, img.height, ZXing::ImageFormat::Lum);
    const auto hints = ZXing::DecodeHints()
                           .setFormats(ZXing::BarcodeFormat::QRCode)
                           .setTryHarder(true)
                           .setTryRotate(true)
                           .setTryDownscale(true)
                           .setBinarizer(pass.binarizer);
    for (const ZXing::Result& r : ZXing::ReadBarcodes(view, hints)) {
        if (!r.isValid()) {
            continue;
        }
        DecodedQr q;
        q.text = r.text();
        q.pass = pass.name;
        for (const auto& p : r.position()) {
            q.corners.push_back({p.x / pass.scale, p.y / pass.scale});
        }
        const bool known = std::any_of(found.begin(), found.end(), [&](const DecodedQr& f) { return sameCode(f, q); });
        if (!known) {
            found.push_back(std::move(q));
        }
    }
}

} // namespace

std::vector<DecodedQr> readQrCodes(const GrayImage& image, QrSearch search)
{
    std::vector<DecodedQr> found;
    if (image.empty()) {
        return found;
    }
    const bool fast = search == QrSearch::Fast;
    decodePass({"direct", &image, 1, ZXing::Binarizer::LocalAverage}, found);
    if (fast && !found.empty()) {
        return found;
    }
    {
        const GrayImage sharp = highPass(image, 2, 1.0f, true);
        decodePass({"sharpened", &sharp, 1, ZXing::Binarizer::LocalAverage}, found);
    }
    if (fast && !found.empty()) {
        return found;
    }
    {
        const GrayImage inv = inverted(image);
        decodePass({"inverted", &inv, 1, ZXing::Binarizer::LocalAverage}, found);
    }
    if (fast && !found.empty()) {
        return found;
    }
    decodePass({"global-threshold", &image, 1, ZXing::Binarizer::GlobalHistogram}, found);
    if (fast && !found.empty()) {
        return found;
    }
    {
        const GrayImage soft = blurred3(image);
        decodePass({"blurred", &soft, 1, ZXing::Binarizer::LocalAverage}, found);
    }
    if (fast && !found.empty()) {
        return found;
    }
    // Small modules: only worth it (and affordable) for images up to about a 1080p frame.
    if (static_cast<long long>(image.width) * image.height <= 2'100'000) {
        const GrayImage big = upscaled2(image);
        decodePass({"upscaled", &big, 2, ZXing::Binarizer::LocalAverage}, found);
        if (fast && !found.empty()) {
            return found;
        }
        const GrayImage fine = highPass(big, 6, 3.0f, false);
        decodePass({"upscaled-normalized", &fine, 2, ZXing::Binarizer::LocalAverage}, found);
    }
    return found;
}

Result<std::vector<DecodedQr>> readQrCodesFromFile(const std::filesystem::path& path, QrSearch search)
{
    auto image = loadImageFile(path);
    if (!image) {
        return std::unexpected(image.error());
    }
    return readQrCodes(*image, search);
}

Result<std::vector<std::string>> readQrTextsFromFile(const std::filesystem::path& path)
{
    auto codes = readQrCodesFromFile(path);
    if (!codes) {
        return std::unexpected(codes.error());
    }
    std::vector<std::string> texts;
    for (auto& c : *codes) {
        texts.push_back(std::move(c.text));
    }
    return texts;
}

} // namespace da06::readers
