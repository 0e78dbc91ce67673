#include "tests/vcard/FaceImage.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

#include <openjpeg.h>

namespace da06::vcard {
namespace {

struct Rgb {
    double r, g, b;
};

class Canvas {
public:
    Canvas(int w, int h) : m_w(w), m_h(h), m_px(static_cast<std::size_t>(w * h)) {}
    int width() const { return m_w; }
    int height() const { return m_h; }
    Rgb& at(int x, int y) { return m_px[static_cast<std::size_t>(y * m_w + x)]; }

    // Fills an ellipse; shade(x, y, base) may modulate the colour.
    template <typename Shade> void ellipse(double cx, double cy, double rx, double ry, Rgb c, Shade shade)
    {
        for (int y = std::max(0, int(cy - ry)); y < std::min(m_h, int(cy + ry) + 1); ++y) {
            for (int x = std::max(0, int(cx - rx)); x < std::min(m_w, int(cx + rx) + 1); ++x) {
                double dx = (x - cx) / rx;
                double dy = (y - cy) / ry;
                double d = dx * dx + dy * dy;
                if (d <= 1.0) {
                    at(x, y) = shade(dx, dy, c);
                }
            }
        }
    }
    void ellipse(double cx, double cy, double rx, double ry, Rgb c)
    {
        ellipse(cx, cy, rx, ry, c, [](double, double, Rgb base) { return base; });
    }
    void rect(int x0, int y0, int x1, int y1, Rgb c)
    {
        for (int y = std::max(0, y0); y < std::min(m_h, y1); ++y) {
            for (int x = std::max(0, x0); x < std::min(m_w, x1); ++x) {
                at(x, y) = c;
            }
        }
    }

private:
    int m_w;
    int m_h;
    std::vector<Rgb> m_px;
};

unsigned hash(unsigned x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

Canvas drawFace(unsigned seed, int w, int h)
{
    Canvas c(w, h);
    double s = w / 240.0;
    unsigned r = hash(seed + 1);
    Rgb skin{222.0 - (r % 40), 180.0 - (r % 50), 150.0 - (r % 40)};
    Rgb hair{30.0 + (r >> 8) % 40, 22.0 + (r >> 8) % 25, 18.0 + (r >> 8) % 20};
    Rgb shirt{40.0 + (r >> 12) % 120, 60.0 + (r >> 16) % 100, 90.0 + (r >> 20) % 120};
    // Background: a soft vertical gradient, as on ID photos.
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            double t = double(y) / h;
            c.at(x, y) = Rgb{235 - 30 * t, 238 - 25 * t, 245 - 10 * t};
        }
    }
    // Shoulders and neck.
    c.ellipse(120 * s, 330 * s, 115 * s, 75 * s, shirt, [](double dx, double, Rgb b) {
        double k = 1.0 - 0.25 * std::abs(dx);
        return Rgb{b.r * k, b.g * k, b.b * k};
    });
    c.rect(int(97 * s), int(215 * s), int(143 * s), int(268 * s), Rgb{skin.r * 0.85, skin.g * 0.85, skin.b * 0.85});
    // Hair behind the head.
    c.ellipse(120 * s, 130 * s, 80 * s, 95 * s, hair);
    // Ears.
    c.ellipse(52 * s, 150 * s, 10 * s, 20 * s, skin);
    c.ellipse(188 * s, 150 * s, 10 * s, 20 * s, skin);
    // Face with light from the upper left.
    c.ellipse(120 * s, 152 * s, 66 * s, 88 * s, skin, [](double dx, double dy, Rgb b) {
        double k = 1.05 - 0.18 * (dx + 0.4 * dy) - 0.12 * (dx * dx + dy * dy);
        return Rgb{b.r * k, b.g * k, b.b * k};
    });
    // Fringe.
    c.ellipse(120 * s, 78 * s, 70 * s, 30 * s, hair);
    // Eyebrows, eyes, nose, mouth.
    for (double side : {-1.0, 1.0}) {
        double ex = 120 + side * 27;
        c.ellipse(ex * s, 128 * s, 17 * s, 3.5 * s, hair);
        c.ellipse(ex * s, 143 * s, 14 * s, 7 * s, Rgb{245, 245, 240});
        c.ellipse(ex * s, 143 * s, 6 * s, 6 * s, Rgb{70, 45, 30});
        c.ellipse(ex * s, 143 * s, 2.5 * s, 2.5 * s, Rgb{10, 10, 10});
    }
    c.ellipse(120 * s, 170 * s, 6 * s, 20 * s, Rgb{skin.r * 0.9, skin.g * 0.88, skin.b * 0.88});
    c.ellipse(120 * s, 188 * s, 12 * s, 4 * s, Rgb{skin.r * 0.75, skin.g * 0.7, skin.b * 0.7});
    c.ellipse(120 * s, 206 * s, 22 * s, 7 * s, Rgb{180, 80, 85}, [](double, double dy, Rgb b) {
        double k = dy < 0 ? 0.9 : 1.05;
        return Rgb{b.r * k, b.g * k, b.b * k};
    });
    // Fine grain, as a camera sensor gives: keeps the codec from collapsing flat areas.
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            unsigned n = hash(seed * 7919U + static_cast<unsigned>(y * w + x));
            double g = double(n % 9) - 4.0;
            auto& p = c.at(x, y);
            p = Rgb{p.r + g, p.g + g, p.b + g};
        }
    }
    return c;
}

struct CodecFree {
    void operator()(opj_codec_t* p) const { opj_destroy_codec(p); }
};
struct StreamFree {
    void operator()(opj_stream_t* p) const { opj_stream_destroy(p); }
};
struct ImageFree {
    void operator()(opj_image_t* p) const { opj_image_destroy(p); }
};

std::size_t encode(const Canvas& canvas, float ratio, const std::filesystem::path& file)
{
    int w = canvas.width();
    int h = canvas.height();
    opj_image_cmptparm_t parms[3] = {};
    for (auto& p : parms) {
        p.dx = 1;
        p.dy = 1;
        p.w = static_cast<OPJ_UINT32>(w);
        p.h = static_cast<OPJ_UINT32>(h);
        p.prec = 8;
        p.sgnd = 0;
    }
    std::unique_ptr<opj_image_t, ImageFree> image(opj_image_create(3, parms, OPJ_CLRSPC_SRGB));
    if (!image) {
        throw std::runtime_error("OpenJPEG cannot create an image");
    }
    image->x0 = 0;
    image->y0 = 0;
    image->x1 = static_cast<OPJ_UINT32>(w);
    image->y1 = static_cast<OPJ_UINT32>(h);
    auto& cv = const_cast<Canvas&>(canvas);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const Rgb& p = cv.at(x, y);
            auto clamp = [](double v) { return static_cast<OPJ_INT32>(std::clamp(std::lround(v), 0L, 255L)); };
            std::size_t i = static_cast<std::size_t>(y * w + x);
            image->comps[0].data[i] = clamp(p.r);
            image->comps[1].data[i] = clamp(p.g);
            image->comps[2].data[i] = clamp(p.b);
        }
    }
    opj_cparameters_t params;
    opj_set_default_encoder_parameters(&params);
    params.tcp_numlayers = 1;
    params.tcp_rates[0] = ratio;
    params.cp_disto_alloc = 1;
    params.irreversible = 1;
    params.tcp_mct = 1;
    params.numresolution = 5;
    std::unique_ptr<opj_codec_t, CodecFree> codec(opj_create_compress(OPJ_CODEC_JP2));
    if (!codec || !opj_setup_encoder(codec.get(), &params, image.get())) {
        throw std::runtime_error("OpenJPEG encoder set-up failed");
    }
    std::unique_ptr<opj_stream_t, StreamFree> stream(opj_stream_create_default_file_stream(file.c_str(), OPJ_FALSE));
    if (!stream) {
        throw std::runtime_error("cannot write " + file.string());
    }
    if (!opj_start_compress(codec.get(), image.get(), stream.get()) || !opj_encode(codec.get(), stream.get()) ||
        !opj_end_compress(codec.get(), stream.get())) {
        throw std::runtime_error("OpenJPEG encoding failed");
    }
    stream.reset();
    return static_cast<std::size_t>(std::filesystem::file_size(file));
}

} // namespace

FaceImage makeFaceJp2(unsigned seed, std::size_t minBytes, std::size_t maxBytes, const std::filesystem::path& workFile)
{
    const int w = 240;
    const int h = 320;
    Canvas canvas = drawFace(seed, w, h);
    double target = (double(minBytes) + double(maxBytes)) / 2.0;
    double raw = double(w) * h * 3;
    double ratio = raw / target;
    for (int attempt = 0; attempt < 8; ++attempt) {
        std::size_t size = encode(canvas, static_cast<float>(ratio), workFile);
        if (size >= minBytes && size <= maxBytes) {
            std::ifstream in(workFile, std::ios::binary);
            FaceImage out;
            out.jp2.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            out.width = w;
            out.height = h;
            std::filesystem::remove(workFile);
            return out;
        }
        ratio *= double(size) / target;
        ratio = std::max(ratio, 1.0);
    }
    std::filesystem::remove(workFile);
    throw std::runtime_error("the face image cannot be brought to the size asked for");
}

} // namespace da06::vcard
