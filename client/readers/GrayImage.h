#pragma once
// An 8-bit grey image in memory (what the QR decoder works on), row-major, no padding.
#include <cstdint>
#include <vector>

namespace da06::readers {

struct GrayImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels; // width * height

    GrayImage() = default;
    GrayImage(int w, int h, std::uint8_t fill = 255)
        : width(w), height(h), pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), fill)
    {
    }

    std::uint8_t at(int x, int y) const
    {
        return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)];
    }
    std::uint8_t& at(int x, int y)
    {
        return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)];
    }
    bool empty() const { return width <= 0 || height <= 0; }
};

// Largest image the readers accept (a 600 dpi A3 scan is about 7000 × 9900 = 70 Mpixel).
inline constexpr long long kMaxImagePixels = 100'000'000;
inline constexpr int kMaxImageSide = 30'000;

// ITU-R BT.601 luma, as ZXing computes it.
inline std::uint8_t lumaOf(unsigned r, unsigned g, unsigned b)
{
    return static_cast<std::uint8_t>((306 * r + 601 * g + 117 * b + 0x200) >> 10);
}

} // namespace da06::readers
