// The BMP decoder: the layouts writers produce, the files ImageMagick writes, and damaged files.
#include <boost/test/unit_test.hpp>

#include <cstring>

#include "client/readers/BmpDecoder.h"
#include "client/readers/ImageFile.h"
#include "tests/identity/QrCorpus.h"
#include "tests/support/TestSupport.h"

using namespace da06;
using namespace da06::readers;

namespace {

std::vector<std::uint8_t> bytesOf(const std::string& s)
{
    return {s.begin(), s.end()};
}

struct BmpBuilder {
    std::vector<std::uint8_t> b;
    void u8(unsigned v) { b.push_back(static_cast<std::uint8_t>(v)); }
    void u16(unsigned v)
    {
        u8(v & 0xFF);
        u8((v >> 8) & 0xFF);
    }
    void u32(std::uint32_t v)
    {
        u16(v & 0xFFFF);
        u16(v >> 16);
    }
    void fileHeader(std::uint32_t offset)
    {
        u8('B');
        u8('M');
        u32(0);
        u32(0);
        u32(offset);
    }
    void infoHeader(std::int32_t w, std::int32_t h, unsigned bpp, std::uint32_t compression, std::uint32_t colors)
    {
        u32(40);
        u32(static_cast<std::uint32_t>(w));
        u32(static_cast<std::uint32_t>(h));
        u16(1);
        u16(bpp);
        u32(compression);
        u32(0);
        u32(2835);
        u32(2835);
        u32(colors);
        u32(0);
    }
    // Pads a row of n bytes to the 4-byte row stride.
    void padRow(std::size_t n)
    {
        while (n++ % 4 != 0) {
            u8(0);
        }
    }
};

GrayImage checker(int w, int h)
{
    GrayImage img(w, h);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            img.at(x, y) = static_cast<std::uint8_t>(((x / 2 + y / 3) % 2) ? 255 : 0);
        }
    }
    return img;
}

} // namespace

BOOST_AUTO_TEST_SUITE(bmp_decoder)

BOOST_AUTO_TEST_CASE(our_writer_8_24_32_bits)
{
    test::TempDir dir;
    const GrayImage img = checker(37, 21); // odd width: row padding
    for (int bits : {8, 24, 32}) {
        const auto p = dir / ("c" + std::to_string(bits) + ".bmp");
        test::qr::writeBmp(p, img, bits);
        auto out = loadImageFile(p);
        BOOST_REQUIRE_MESSAGE(out.has_value(), (out.has_value() ? std::string() : out.error().message));
        BOOST_TEST(out->width == 37);
        BOOST_TEST(out->height == 21);
        BOOST_TEST((out->pixels == img.pixels));
    }
}

BOOST_AUTO_TEST_CASE(one_and_four_bit_palettes_top_down)
{
    // 1 bit, 10 × 2, top-down, palette black/white.
    BmpBuilder b;
    b.fileHeader(14 + 40 + 8);
    b.infoHeader(10, -2, 1, 0, 2);
    b.u32(0x000000);
    b.u32(0xFFFFFF);
    b.u8(0b10101010);
    b.u8(0b11000000);
    b.padRow(2);
    b.u8(0xFF);
    b.u8(0xFF);
    b.padRow(2);
    auto img = decodeBmp(b.b);
    BOOST_REQUIRE(img.has_value());
    BOOST_TEST(img->at(0, 0) == 255);
    BOOST_TEST(img->at(1, 0) == 0);
    BOOST_TEST(img->at(8, 0) == 255);
    BOOST_TEST(img->at(9, 0) == 255);
    BOOST_TEST(img->at(3, 1) == 255);

    // 4 bit, 3 × 1, bottom-up, 16 greys.
    BmpBuilder c;
    c.fileHeader(14 + 40 + 16 * 4);
    c.infoHeader(3, 1, 4, 0, 16);
    for (unsigned i = 0; i < 16; ++i) {
        c.u32(i * 17 * 0x010101u);
    }
    c.u8(0x0F);
    c.u8(0x80);
    c.padRow(2);
    img = decodeBmp(c.b);
    BOOST_REQUIRE(img.has_value());
    BOOST_TEST(img->at(0, 0) == 0);
    BOOST_TEST(img->at(1, 0) == 255);
    BOOST_TEST(img->at(2, 0) == 136);
}

BOOST_AUTO_TEST_CASE(sixteen_bit_and_bitfields_with_alpha)
{
    // 16 bit 5-5-5: white, black.
    BmpBuilder b;
    b.fileHeader(54);
    b.infoHeader(2, 1, 16, 0, 0);
    b.u16(0x7FFF);
    b.u16(0x0000);
    auto img = decodeBmp(b.b);
    BOOST_REQUIRE(img.has_value());
    BOOST_TEST(img->at(0, 0) == 255);
    BOOST_TEST(img->at(1, 0) == 0);

    // 32 bit BI_BITFIELDS in a V4 header with alpha: transparent black comes out white.
    BmpBuilder c;
    c.fileHeader(14 + 108);
    c.u32(108);
    c.u32(2);
    c.u32(1);
    c.u16(1);
    c.u16(32);
    c.u32(3);
    for (int i = 0; i < 5; ++i) {
        c.u32(0);
    }
    c.u32(0x00FF0000);
    c.u32(0x0000FF00);
    c.u32(0x000000FF);
    c.u32(0xFF000000);
    while (c.b.size() < 14 + 108) {
        c.u8(0);
    }
    c.u32(0x00000000); // transparent black
    c.u32(0xFF000000); // opaque black
    img = decodeBmp(c.b);
    BOOST_REQUIRE(img.has_value());
    BOOST_TEST(img->at(0, 0) == 255);
    BOOST_TEST(img->at(1, 0) == 0);
}

BOOST_AUTO_TEST_CASE(rle8_and_rle4)
{
    BmpBuilder b;
    b.fileHeader(14 + 40 + 2 * 4);
    b.infoHeader(6, 2, 8, 1, 2);
    b.u32(0x000000);
    b.u32(0xFFFFFF);
    // bottom row: 3 × white, absolute 3: black white black; end of line
    for (unsigned v : {3u, 1u, 0u, 3u, 0u, 1u, 0u, 0u, 0u, 0u}) {
        b.u8(v);
    }
    // top row: 6 × white; end of bitmap
    for (unsigned v : {6u, 1u, 0u, 1u}) {
        b.u8(v);
    }
    auto img = decodeBmp(b.b);
    BOOST_REQUIRE(img.has_value());
    const std::vector<std::uint8_t> expected{255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 255, 0};
    BOOST_TEST((img->pixels == expected));

    BmpBuilder c;
    c.fileHeader(14 + 40 + 2 * 4);
    c.infoHeader(4, 1, 4, 2, 2);
    c.u32(0x000000);
    c.u32(0xFFFFFF);
    for (unsigned v : {4u, 0x10u, 0u, 1u}) { // 4 pixels alternating 1,0
        c.u8(v);
    }
    img = decodeBmp(c.b);
    BOOST_REQUIRE(img.has_value());
    BOOST_TEST((img->pixels == std::vector<std::uint8_t>{255, 0, 255, 0}));
}

BOOST_AUTO_TEST_CASE(imagemagick_variants)
{
    test::TempDir dir;
    const GrayImage img = checker(41, 17);
    test::qr::writePng(dir / "c.png", img);
    const std::vector<std::pair<std::string, std::vector<std::string>>> variants{
        {"BMP3:" + (dir / "v3.bmp").string(), {}},
        {"BMP2:" + (dir / "v2.bmp").string(), {}},
        {"BMP:" + (dir / "v5.bmp").string(), {"-type", "TrueColor"}},
        {"BMP3:" + (dir / "rle.bmp").string(), {"-type", "Palette", "-compress", "RLE"}},
        {"BMP:" + (dir / "alpha.bmp").string(), {"-type", "TrueColorAlpha"}},
    };
    for (const auto& [target, options] : variants) {
        std::vector<std::string> args{(dir / "c.png").string()};
        args.insert(args.end(), options.begin(), options.end());
        args.push_back(target);
        const auto r = test::runProgram("/usr/bin/convert", args);
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        const auto file = target.substr(target.find(':') + 1);
        auto out = loadImageFile(file);
        BOOST_TEST_INFO(target);
        BOOST_REQUIRE_MESSAGE(out.has_value(), (out.has_value() ? std::string() : out.error().message));
        BOOST_TEST(out->width == 41);
        BOOST_TEST(out->height == 17);
        int wrong = 0;
        for (std::size_t i = 0; i < img.pixels.size(); ++i) {
            wrong += std::abs(int(out->pixels[i]) - int(img.pixels[i])) > 8 ? 1 : 0;
        }
        BOOST_TEST(wrong == 0);
    }
}

BOOST_AUTO_TEST_CASE(damaged_files_are_refused)
{
    test::TempDir dir;
    test::qr::writeBmp(dir / "ok.bmp", checker(16, 16), 24);
    const std::string ok = test::readFile(dir / "ok.bmp");
    for (std::size_t cut : {std::size_t{2}, std::size_t{20}, std::size_t{54}, ok.size() - 1}) {
        BOOST_TEST(!decodeBmp(bytesOf(ok.substr(0, cut))).has_value());
    }
    std::string huge = ok;
    huge[18] = '\xFF';
    huge[19] = '\xFF';
    huge[20] = '\xFF';
    huge[21] = '\x7F'; // width 2^31 - 1
    const auto r = decodeBmp(bytesOf(huge));
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST((r.error().code == ErrorCode::InvalidInput));
    std::string bits = ok;
    bits[28] = 7;
    BOOST_TEST(!decodeBmp(bytesOf(bits)).has_value());
    BOOST_TEST(!decodeImage(bytesOf("GIF89a....")).has_value());
    BOOST_TEST(!loadImageFile(dir / "missing.bmp").has_value());
    BOOST_TEST((loadImageFile(dir / "missing.bmp").error().code == ErrorCode::Io));
    test::writeFile(dir / "bad.png", "\x89PNG\r\n\x1a\nnot really");
    BOOST_TEST((loadImageFile(dir / "bad.png").error().code == ErrorCode::InvalidInput));
    test::writeFile(dir / "bad.jpg", "\xFF\xD8\xFF\xE0 truncated");
    BOOST_TEST((loadImageFile(dir / "bad.jpg").error().code == ErrorCode::InvalidInput));
}

BOOST_AUTO_TEST_SUITE_END()
