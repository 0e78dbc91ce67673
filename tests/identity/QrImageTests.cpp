// QR codes in image files: generated codes, drawn rotated, tilted, blurred, noisy, faint, small,
// inverted, several to a page, saved as PNG, BMP and JPEG, read back through da06::readers.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>

#include "client/readers/ImageFile.h"
#include "client/readers/QrImageReader.h"
#include "domain/identity/CccdNormalize.h"
#include "tests/identity/QrCorpus.h"
#include "tests/support/TestSupport.h"

using namespace da06;
using namespace da06::readers;
namespace qr = da06::test::qr;

namespace {

struct Look {
    double module = 4;
    double angle = 0;
    double tilt = 0;
    double blur = 0;
    double noise = 0;
    double saltPepper = 0;
    std::uint8_t dark = 20;
    std::uint8_t light = 235;
    double light0 = 1; // uneven light: 1 = none
    bool inverted = false;
};

GrayImage render(const qr::Matrix& m, const Look& look, std::mt19937& rng, int w = 0, int h = 0)
{
    const double side = (m.size + 8) * look.module * 1.5 + 40;
    w = w ? w : static_cast<int>(side);
    h = h ? h : static_cast<int>(side);
    GrayImage img(w, h, look.inverted ? look.dark : look.light);
    qr::Placement p;
    p.cx = w / 2.0;
    p.cy = h / 2.0;
    p.module = look.module;
    p.angle = look.angle;
    p.tilt = look.tilt;
    qr::drawQr(img, m, qr::quadFor(m, p), 4, look.inverted ? look.light : look.dark,
               look.inverted ? look.dark : look.light);
    if (look.light0 < 1) {
        qr::unevenLight(img, look.light0);
    }
    qr::gaussianBlur(img, look.blur);
    if (look.noise > 0) {
        qr::addNoise(img, look.noise, rng);
    }
    if (look.saltPepper > 0) {
        qr::addSaltPepper(img, look.saltPepper, rng);
    }
    return img;
}

std::vector<std::string> textsIn(const std::filesystem::path& p)
{
    auto codes = readQrCodesFromFile(p);
    BOOST_REQUIRE_MESSAGE(codes.has_value(), (codes.has_value() ? std::string() : codes.error().message));
    std::vector<std::string> out;
    for (const auto& c : *codes) {
        out.push_back(c.text);
    }
    return out;
}

struct Fixture {
    test::TempDir dir;
    std::mt19937 rng{20240630};
    qr::Person person = qr::randomPerson(rng);
    std::string payload = qr::payload7(person);
    qr::Matrix zx = qr::encodeZxing(payload);
    qr::Matrix plain = qr::encodeQrencode(payload);

    void expectRead(const GrayImage& img, const std::string& name, const std::string& expected)
    {
        const auto path = dir / name;
        qr::writePng(path, img);
        const auto texts = textsIn(path);
        BOOST_TEST_INFO(name);
        BOOST_TEST(texts.size() == 1u);
        BOOST_TEST_INFO(name);
        BOOST_TEST((texts.size() == 1 && texts.front() == expected));
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(qr_images, Fixture)

BOOST_AUTO_TEST_CASE(clean_codes_from_both_encoders_check_as_valid)
{
    for (const auto* m : {&zx, &plain}) {
        const auto path = dir / "clean.png";
        qr::writePng(path, render(*m, Look{}, rng));
        const auto texts = textsIn(path);
        BOOST_REQUIRE(texts.size() == 1u);
        BOOST_TEST(texts.front() == payload); // Vietnamese UTF-8 intact, with or without ECI
        BOOST_TEST(identity::checkQrText(texts.front(), Date{2024, 6, 30}).valid());
    }
    // The 6- and 11-field forms.
    for (const std::string& text : {qr::payload6(person), qr::payload11(person)}) {
        expectRead(render(qr::encodeQrencode(text), Look{}, rng), "form.png", text);
    }
}

BOOST_AUTO_TEST_CASE(rotations_and_perspective)
{
    for (double angle : {17.0, 45.0, 90.0, 135.0, 180.0, 270.0, 333.0}) {
        Look look;
        look.angle = angle;
        expectRead(render(zx, look, rng), "rot" + std::to_string(static_cast<int>(angle)) + ".png", payload);
    }
    for (double tilt : {0.15, 0.3}) {
        Look look;
        look.tilt = tilt;
        look.angle = 10;
        expectRead(render(plain, look, rng), "tilt.png", payload);
    }
}

BOOST_AUTO_TEST_CASE(blur_noise_low_contrast_uneven_light)
{
    Look blur;
    blur.module = 5;
    blur.blur = 1.4;
    expectRead(render(zx, blur, rng), "blur.png", payload);
    Look noise;
    noise.noise = 25;
    expectRead(render(zx, noise, rng), "noise.png", payload);
    Look salt;
    salt.saltPepper = 0.03;
    expectRead(render(plain, salt, rng), "salt.png", payload);
    Look faint;
    faint.dark = 115;
    faint.light = 150;
    faint.noise = 3;
    expectRead(render(zx, faint, rng), "faint.png", payload);
    Look shade;
    shade.light0 = 0.35;
    shade.angle = 5;
    expectRead(render(plain, shade, rng), "shade.png", payload);
}

BOOST_AUTO_TEST_CASE(small_modules_and_inversion)
{
    for (double module : {2.0, 1.6}) {
        Look small;
        small.module = module;
        small.blur = 0.4;
        expectRead(render(zx, small, rng), "small.png", payload);
    }
    Look inv;
    inv.inverted = true;
    inv.angle = 30;
    expectRead(render(plain, inv, rng), "inverted.png", payload);
}

BOOST_AUTO_TEST_CASE(file_formats)
{
    Look look;
    look.angle = 12;
    look.blur = 0.8;
    const GrayImage img = render(zx, look, rng);
    for (int bits : {8, 24, 32}) {
        qr::writeBmp(dir / "code.bmp", img, bits);
        BOOST_TEST(textsIn(dir / "code.bmp") == std::vector<std::string>{payload});
    }
    qr::writeJpeg(dir / "code.jpg", img, 30);
    BOOST_TEST(textsIn(dir / "code.jpg") == std::vector<std::string>{payload});
    qr::writeRgbaPng(dir / "rgba.png", img);
    BOOST_TEST(textsIn(dir / "rgba.png") == std::vector<std::string>{payload});
    // Files from ImageMagick: progressive colour JPEG, 16-bit PNG, palette PNG, a ".png" that is a JPEG.
    qr::writePng(dir / "code.png", img);
    const std::vector<std::pair<std::string, std::vector<std::string>>> variants{
        {"prog.jpg", {"-colorspace", "sRGB", "-type", "TrueColor", "-interlace", "JPEG", "-quality", "40"}},
        {"deep.png", {"-depth", "16", "-type", "TrueColor"}},
        {"PNG8:pal.png", {}},
        {"JPG:fake.png", {"-quality", "60"}},
    };
    for (const auto& [name, options] : variants) {
        std::vector<std::string> args{(dir / "code.png").string()};
        args.insert(args.end(), options.begin(), options.end());
        const auto colon = name.find(':');
        const std::string file = colon == std::string::npos ? name : name.substr(colon + 1);
        args.push_back(colon == std::string::npos ? (dir / file).string()
                                                  : name.substr(0, colon + 1) + (dir / file).string());
        const auto r = test::runProgram("/usr/bin/convert", args);
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        BOOST_TEST_INFO(name);
        BOOST_TEST(textsIn(dir / file) == std::vector<std::string>{payload});
    }
}

BOOST_AUTO_TEST_CASE(a_phone_photo_of_a_card)
{
    for (int shot = 0; shot < 3; ++shot) {
        GrayImage img = qr::background(1280, 960, rng);
        // The card (85.6 × 54 mm) about 700 px wide, turned and tilted; its code in the top right.
        const double angle = -12.0 + 12.0 * shot;
        qr::Placement card;
        card.cx = 640;
        card.cy = 480;
        card.module = 700.0 / 57; // the card as a 57-module square's width, only for its shape
        card.angle = angle;
        card.tilt = 0.08;
        card.quiet = 0;
        qr::Matrix blank;
        blank.size = 57;
        blank.dark.assign(57 * 57, 0);
        auto quad = qr::quadFor(blank, card);
        qr::fillQuad(img, quad, 215);
        qr::Placement code;
        code.cx = 640 + 200 * std::cos(angle * 3.14159265 / 180) + 90 * std::sin(angle * 3.14159265 / 180);
        code.cy = 480 + 200 * std::sin(angle * 3.14159265 / 180) - 90 * std::cos(angle * 3.14159265 / 180);
        code.module = 3.2;
        code.angle = angle;
        code.tilt = 0.08;
        code.quiet = 2;
        qr::drawQr(img, plain, qr::quadFor(plain, code), 2, 30, 215);
        qr::unevenLight(img, 0.6);
        qr::gaussianBlur(img, 1.0);
        qr::addNoise(img, 5, rng);
        const auto path = dir / "photo.jpg";
        qr::writeJpeg(path, img, 70);
        BOOST_TEST_INFO("shot " << shot);
        BOOST_TEST(textsIn(path) == std::vector<std::string>{payload});
    }
}

BOOST_AUTO_TEST_CASE(a_scanned_a4_page_with_several_cards)
{
    // 150 dpi A4: 1240 × 1754. Six cards, two of them copies of the same card.
    GrayImage page(1240, 1754, 245);
    std::vector<std::string> expected;
    for (int i = 0; i < 6; ++i) {
        const std::string text = i == 5 ? expected.front() : qr::payload7(qr::randomPerson(rng));
        expected.push_back(text);
        const qr::Matrix m = i % 2 ? qr::encodeZxing(text) : qr::encodeQrencode(text);
        qr::Placement p;
        p.cx = 320 + 600 * (i % 2);
        p.cy = 300 + 560 * (i / 2);
        p.module = 2.6;
        p.angle = -3 + i * 1.3;
        qr::drawQr(page, m, qr::quadFor(m, p), 4, 40, 240);
    }
    qr::gaussianBlur(page, 0.7);
    qr::addNoise(page, 4, rng);
    const auto path = dir / "page.png";
    qr::writePng(path, page);
    auto texts = textsIn(path);
    std::sort(texts.begin(), texts.end());
    std::sort(expected.begin(), expected.end());
    BOOST_TEST(texts == expected);
}

BOOST_AUTO_TEST_CASE(no_code_and_not_an_image)
{
    GrayImage img = qr::background(640, 480, rng);
    qr::writePng(dir / "none.png", img);
    BOOST_TEST(textsIn(dir / "none.png").empty());
    test::writeFile(dir / "text.png", "plain text");
    const auto r = readQrCodesFromFile(dir / "text.png");
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST((r.error().code == ErrorCode::InvalidInput));
}

BOOST_AUTO_TEST_CASE(fast_search_stops_at_the_first_find)
{
    Look inv;
    inv.inverted = true;
    const GrayImage img = render(zx, inv, rng);
    const auto fast = readQrCodes(img, QrSearch::Fast);
    BOOST_REQUIRE(fast.size() == 1u);
    BOOST_TEST(fast.front().pass == "inverted");
    BOOST_TEST(fast.front().corners.size() == 4u);
    BOOST_TEST(readQrCodes(img, QrSearch::Thorough).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
