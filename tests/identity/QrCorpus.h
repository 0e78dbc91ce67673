#pragma once
// Test helper: synthetic CCCD payloads and QR images made on the spot (nothing real, nothing kept:
// files go to TempDir folders). QR matrices from ZXing-cpp's MultiFormatWriter (UTF-8 with an ECI
// header) or from the qrencode tool (8-bit mode, no ECI, as some cards may be); drawn through a
// projective transform with anti-aliasing, then degraded (blur, noise, low contrast, uneven light,
// JPEG) and written as PNG, BMP or JPEG.
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "client/readers/GrayImage.h"

namespace da06::test::qr {

using readers::GrayImage;

// ---- payloads -------------------------------------------------------------------------------
struct Person {
    std::string id;    // 12 digits
    std::string oldId; // 9 digits or ""
    std::string name;
    std::string dob; // ddmmyyyy
    std::string sex; // "Nam" / "Nữ"
    std::string address;
    std::string issue; // ddmmyyyy
};

// Names and places that between them carry every Vietnamese tone mark and vowel form, in both cases.
const std::vector<std::string>& sampleNames();
const std::vector<std::string>& sampleAddresses();

// A consistent person: the number agrees with sex and year; issued 2021–June 2024 at 14 or later;
// the card valid on 30/06/2024.
Person randomPerson(std::mt19937& rng);
// ID|oldID|name|dob|sex|address|issue (7 fields)
std::string payload7(const Person& p);
// ID|name|dob|sex|address|issue (6 fields)
std::string payload6(const Person& p);
// the 7 fields then four more, the last ones empty (11 fields)
std::string payload11(const Person& p, const std::string& extra1 = "");

// ---- QR matrices ----------------------------------------------------------------------------
struct Matrix {
    int size = 0;
    std::vector<std::uint8_t> dark; // size * size, 1 = dark module
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)] != 0; }
};

Matrix encodeZxing(const std::string& utf8, int eccLevel = 4);  // 0..8 (ZXing's scale)
Matrix encodeQrencode(const std::string& utf8, char ecc = 'M'); // qrencode -8 (no ECI)

// ---- drawing --------------------------------------------------------------------------------
struct Quad {
    double x[4];
    double y[4]; // top-left, top-right, bottom-right, bottom-left
};

// Where a code lands: centre, module size in pixels, rotation in degrees, and perspective (0: none;
// 0.2: the far edge 20 % shorter).
struct Placement {
    double cx = 0, cy = 0;
    double module = 4;
    double angle = 0;
    double tilt = 0;
    int quiet = 4; // quiet zone in modules, drawn light
};

Quad quadFor(const Matrix& m, const Placement& p);
// Draws m (with its quiet zone) into img so that its outer corners land on q.
void drawQr(GrayImage& img, const Matrix& m, const Quad& q, int quiet, std::uint8_t darkLevel = 20,
            std::uint8_t lightLevel = 235);
void fillQuad(GrayImage& img, const Quad& q, std::uint8_t level);

// ---- degradations ---------------------------------------------------------------------------
void gaussianBlur(GrayImage& img, double sigma);
void addNoise(GrayImage& img, double sigma, std::mt19937& rng);
void addSaltPepper(GrayImage& img, double share, std::mt19937& rng);
// Light falling from one side: multiplies by a ramp from low to 1.
void unevenLight(GrayImage& img, double low);
GrayImage scaled(const GrayImage& img, double factor); // box/bilinear resampling
GrayImage background(int w, int h, std::mt19937& rng); // a desk: grey ramp with texture

// ---- files ----------------------------------------------------------------------------------
void writePng(const std::filesystem::path& p, const GrayImage& img);
void writeRgbaPng(const std::filesystem::path& p, const GrayImage& img);            // colour with alpha
void writeBmp(const std::filesystem::path& p, const GrayImage& img, int bits = 24); // 8, 24 or 32
void writeJpeg(const std::filesystem::path& p, const GrayImage& img, int quality);

} // namespace da06::test::qr
