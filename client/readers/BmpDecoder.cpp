#include "client/readers/BmpDecoder.h"

#include <algorithm>
#include <array>
#include <bit>

namespace da06::readers {

namespace {

constexpr std::uint32_t kBiRgb = 0, kBiRle8 = 1, kBiRle4 = 2, kBiBitfields = 3, kBiAlphaBitfields = 6;

std::uint16_t u16(std::span<const std::uint8_t> d, std::size_t at)
{
    return static_cast<std::uint16_t>(d[at] | (d[at + 1] << 8));
}

std::uint32_t u32(std::span<const std::uint8_t> d, std::size_t at)
{
    return static_cast<std::uint32_t>(d[at]) | (static_cast<std::uint32_t>(d[at + 1]) << 8) |
           (static_cast<std::uint32_t>(d[at + 2]) << 16) | (static_cast<std::uint32_t>(d[at + 3]) << 24);
}

std::unexpected<Error> bad(const std::string& why)
{
    return fail(ErrorCode::InvalidInput, "the BMP image cannot be read: " + why);
}

// One channel of a BI_BITFIELDS pixel, scaled to 0..255.
struct Channel {
    std::uint32_t mask = 0;
    int shift = 0;
    std::uint32_t max = 0;

    explicit Channel(std::uint32_t m = 0) : mask(m)
    {
        if (m != 0) {
            shift = std::countr_zero(m);
            max = m >> shift;
        }
    }
    unsigned get(std::uint32_t px) const
    {
        if (mask == 0) {
            return 0;
        }
        return static_cast<unsigned>(((px & mask) >> shift) * 255u / max);
    }
};

} // namespace

bool looksLikeBmp(std::span<const std::uint8_t> d)
{
    return d.size() >= 18 && d[0] == 'B' && d[1] == 'M';
}

Result<GrayImage> decodeBmp(std::span<const std::uint8_t> d)
{
    if (!looksLikeBmp(d)) {
        return bad("it does not start like a BMP file");
    }
    const std::uint32_t dataOffset = u32(d, 10);
    const std::uint32_t headerSize = u32(d, 14);
    if (headerSize < 12 || 14 + static_cast<std::size_t>(headerSize) > d.size()) {
        return bad("its header is cut short");
    }
    long long width = 0, height = 0;
    int bpp = 0;
    std::uint32_t compression = kBiRgb;
    std::uint32_t colorsUsed = 0;
    std::size_t paletteEntrySize = 4;
    std::array<std::uint32_t, 4> masks{}; // R, G, B, A
    std::size_t afterHeader = 14 + headerSize;
    if (headerSize == 12) { // BITMAPCOREHEADER
        width = u16(d, 18);
        height = u16(d, 20);
        bpp = u16(d, 24);
        paletteEntrySize = 3;
    } else {
        if (headerSize < 40) {
            return bad("its header has an unknown size");
        }
        width = static_cast<std::int32_t>(u32(d, 18));
        height = static_cast<std::int32_t>(u32(d, 22));
        bpp = u16(d, 28);
        compression = u32(d, 30);
        colorsUsed = u32(d, 46);
        if (headerSize == 64 && compression >= 3) {
            return bad("OS/2 compressed bitmaps are not supported");
        }
        if (compression == kBiBitfields || compression == kBiAlphaBitfields) {
            const std::size_t count = compression == kBiAlphaBitfields ? 4 : 3;
            const std::size_t at = 14 + 40; // inside a V2+ header, or right after a 40-byte one
            if (at + count * 4 > d.size()) {
                return bad("its colour masks are cut short");
            }
            for (std::size_t i = 0; i < count; ++i) {
                masks[i] = u32(d, at + i * 4);
            }
            if (headerSize == 40) {
                afterHeader += count * 4;
            }
        }
        if (headerSize >= 56 && compression == kBiBitfields) {
            masks[3] = u32(d, 14 + 52);
        }
    }
    const bool topDown = height < 0;
    if (topDown) {
        height = -height;
    }
    if (width <= 0 || height <= 0 || width > kMaxImageSide || height > kMaxImageSide ||
        width * height > kMaxImagePixels) {
        return bad("its size (" + std::to_string(width) + " × " + std::to_string(height) + ") is not acceptable");
    }
    const bool rle = compression == kBiRle8 || compression == kBiRle4;
    if (!(compression == kBiRgb || compression == kBiBitfields || compression == kBiAlphaBitfields ||
          (compression == kBiRle8 && bpp == 8) || (compression == kBiRle4 && bpp == 4))) {
        return bad("its compression (" + std::to_string(compression) + ") is not supported");
    }
    if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32) {
        return bad("its colour depth (" + std::to_string(bpp) + " bits) is not supported");
    }
    if ((compression == kBiBitfields || compression == kBiAlphaBitfields) && bpp != 16 && bpp != 32) {
        return bad("colour masks need 16 or 32 bits per pixel");
    }
    if (rle && topDown) {
        return bad("a compressed bitmap cannot be stored top-down");
    }
    if (dataOffset >= d.size()) {
        return bad("its pixel data is missing");
    }

    // Palette, as grey levels.
    std::vector<std::uint8_t> palette;
    if (bpp <= 8) {
        std::size_t n = colorsUsed != 0 ? colorsUsed : (std::size_t{1} << bpp);
        if (n > 256) {
            return bad("its palette is too large");
        }
        // Some writers announce more colours than they store: keep what fits before the pixels.
        const std::size_t room = dataOffset > afterHeader ? (dataOffset - afterHeader) / paletteEntrySize : 0;
        n = std::min(n, room);
        if (n == 0 || afterHeader + n * paletteEntrySize > d.size()) {
            return bad("its palette is missing");
        }
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t at = afterHeader + i * paletteEntrySize;
            palette.push_back(lumaOf(d[at + 2], d[at + 1], d[at]));
        }
    }
    auto paletteGrey = [&](unsigned index) -> std::uint8_t {
        return index < palette.size() ? palette[index] : palette[0];
    };

    const int w = static_cast<int>(width), h = static_cast<int>(height);
    const std::span<const std::uint8_t> data = d.subspan(dataOffset);
    if (rle) {
        if (width * height > static_cast<long long>(data.size()) * 2048) {
            return bad("its size does not fit its compressed data");
        }
        GrayImage img(w, h, paletteGrey(0));
        int x = 0, y = 0; // y counts rows from the bottom
        std::size_t i = 0;
        auto put = [&](unsigned index) {
            if (x < w && y < h) {
                img.at(x, h - 1 - y) = paletteGrey(index);
            }
            ++x;
        };
        while (i + 1 < data.size() && y < h) {
            const unsigned count = data[i], value = data[i + 1];
            i += 2;
            if (count > 0) {
                for (unsigned k = 0; k < count; ++k) {
                    put(compression == kBiRle8 ? value : (k % 2 == 0 ? value >> 4 : value & 0x0Fu));
                }
                continue;
            }
            if (value == 0) { // end of line
                x = 0;
                ++y;
            } else if (value == 1) { // end of bitmap
                break;
            } else if (value == 2) { // delta
                if (i + 1 >= data.size()) {
                    break;
                }
                x += data[i];
                y += data[i + 1];
                i += 2;
            } else { // absolute run of value pixels
                const std::size_t bytes = compression == kBiRle8 ? value : (value + 1) / 2;
                if (i + bytes > data.size()) {
                    break;
                }
                for (unsigned k = 0; k < value; ++k) {
                    put(compression == kBiRle8 ? data[i + k]
                                               : (k % 2 == 0 ? data[i + k / 2] >> 4 : data[i + k / 2] & 0x0Fu));
                }
                i += bytes + (bytes % 2);
            }
        }
        return img;
    }

    const std::size_t stride = ((static_cast<std::size_t>(bpp) * static_cast<std::size_t>(w) + 31) / 32) * 4;
    if (stride * static_cast<std::size_t>(h) > data.size()) {
        return bad("its pixel data is cut short");
    }
    if (compression == kBiRgb && bpp == 16) {
        masks = {0x7C00, 0x03E0, 0x001F, 0};
    }
    const Channel red(masks[0]), green(masks[1]), blue(masks[2]), alpha(masks[3]);
    const bool useMasks = bpp == 16 || (bpp == 32 && compression != kBiRgb);

    GrayImage img(w, h);
    std::vector<std::uint8_t> alphaValues;
    bool anyAlpha = false;
    if (alpha.mask != 0) {
        alphaValues.assign(img.pixels.size(), 255);
    }
    for (int row = 0; row < h; ++row) {
        const std::uint8_t* p = data.data() + stride * static_cast<std::size_t>(row);
        const int y = topDown ? row : h - 1 - row;
        for (int x = 0; x < w; ++x) {
            std::uint8_t v = 0;
            const auto ux = static_cast<std::size_t>(x);
            switch (bpp) {
            case 1:
                v = paletteGrey((p[ux / 8] >> (7 - ux % 8)) & 1u);
                break;
            case 4:
                v = paletteGrey(ux % 2 == 0 ? p[ux / 2] >> 4 : p[ux / 2] & 0x0Fu);
                break;
            case 8:
                v = paletteGrey(p[ux]);
                break;
            case 24:
                v = lumaOf(p[ux * 3 + 2], p[ux * 3 + 1], p[ux * 3]);
                break;
            default: {
                const std::uint32_t px = bpp == 16 ? static_cast<std::uint32_t>(p[ux * 2] | (p[ux * 2 + 1] << 8))
                                                   : static_cast<std::uint32_t>(p[ux * 4]) |
                                                         (static_cast<std::uint32_t>(p[ux * 4 + 1]) << 8) |
                                                         (static_cast<std::uint32_t>(p[ux * 4 + 2]) << 16) |
                                                         (static_cast<std::uint32_t>(p[ux * 4 + 3]) << 24);
                if (useMasks) {
                    v = lumaOf(red.get(px), green.get(px), blue.get(px));
                    if (alpha.mask != 0) {
                        const auto a = static_cast<std::uint8_t>(alpha.get(px));
                        alphaValues[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + ux] = a;
                        anyAlpha = anyAlpha || a != 0;
                    }
                } else {
                    v = lumaOf(p[ux * 4 + 2], p[ux * 4 + 1], p[ux * 4]);
                }
            }
            }
            img.at(x, y) = v;
        }
    }
    // A mask with every alpha at 0 is a writer that does not use alpha, not an invisible image.
    if (anyAlpha) {
        for (std::size_t i = 0; i < img.pixels.size(); ++i) {
            const unsigned a = alphaValues[i];
            img.pixels[i] = static_cast<std::uint8_t>((img.pixels[i] * a + 255u * (255u - a) + 127u) / 255u);
        }
    }
    return img;
}

} // namespace da06::readers
