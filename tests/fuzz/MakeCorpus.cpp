// Writes the seed corpora of tests/fuzz (real, valid inputs) from the test fixtures: the CCCD
// payloads and QR images of tests/identity/QrCorpus, the chip files of tests/chip/ChipTestData.h
// and ChipTestPki (the files FakeCard serves), secure-messaging responses sealed with the keys
// of FuzzSmUnwrap.cpp, and BMP variants for every branch of the decoder. Run once by hand:
//   cmake --build build --target da06_fuzz_make_corpus && build/bin/da06_fuzz_make_corpus tests/fuzz/corpus
// Writes seed-*.bin files only (crash regressions, crash-*.bin, are added by hand).
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "client/readers/emrtd/Crypto.h"
#include "domain/identity/chip/Tlv.h"
#include "tests/chip/ChipTestData.h"
#include "tests/chip/ChipTestPki.h"
#include "tests/identity/QrCorpus.h"

namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

fs::path g_root;

void put(const std::string& target, const std::string& name, const Bytes& bytes)
{
    const fs::path dir = g_root / target;
    fs::create_directories(dir);
    std::ofstream(dir / ("seed-" + name + ".bin"), std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

void put(const std::string& target, const std::string& name, const std::string& text)
{
    put(target, name, Bytes(text.begin(), text.end()));
}

// ---- the CCCD payload and the MRZ -----------------------------------------------------------

void payloads()
{
    namespace qr = da06::test::qr;
    std::mt19937 rng(18);
    for (int i = 0; i < 3; ++i) {
        const qr::Person p = qr::randomPerson(rng);
        put("qr_payload", "p7-" + std::to_string(i), qr::payload7(p));
        put("qr_payload", "p6-" + std::to_string(i), qr::payload6(p));
        put("qr_payload", "p11-" + std::to_string(i), qr::payload11(p, "x"));
    }
    put("qr_payload", "decomposed",
        std::string("072190001234||Tra\xCC\x82\xCC\x80n Thi\xCC\xA3 Bi\xCC\x81"
                    "ch|01021990|Nu\xCC\x9B\xCC\x83|Ta\xCC\x82y Ninh|20062021"));
    put("qr_payload", "lost-separators", std::string("072090001234\\280123456\\Nguyen Van An"));
    put("qr_payload", "old-date-form",
        std::string("072099001234||Nguyen Van An|29021999|Nu|Ap 3, Tay Ninh|10/05/2016"));
    put("qr_payload", "url", std::string("https://dichvucong.gov.vn/"));

    const chiptest::Person a;
    chiptest::Person b;
    b.id12 = "079085012345";
    b.mrzName = "NGUYEN<<VAN<AN";
    b.dobMrz = "850315";
    b.sexMrz = 'M';
    b.expiryMrz = "450315";
    for (const auto& [name, p] : {std::pair{"female", a}, std::pair{"male", b}}) {
        const std::string mrz = chiptest::mrzOf(p);
        put("mrz", name, mrz);
        std::string flat;
        for (const char c : mrz) {
            if (c != '\n') {
                flat.push_back(c);
            }
        }
        put("mrz", std::string(name) + "-flat", flat);
        put("dg1", name, chiptest::dg1(mrz));
    }
}

// ---- the chip's files ----------------------------------------------------------------------

void chipFiles()
{
    const chiptest::Person person;
    const Bytes dg1 = chiptest::dg1(chiptest::mrzOf(person));
    const Bytes dg13 = chiptest::dg13Of(person);
    const Bytes com = chiptest::efCom({0x61, 0x75, 0x6D, 0x6E, 0x6F});
    put("ef_com", "cccd", com);
    put("ef_com", "dg1-only", chiptest::efCom({0x61}));
    put("dg13", "cccd", dg13);
    put("dg13", "few-fields",
        chiptest::dg13({chiptest::field(1, "072090001234"), chiptest::field(2, "Nguyễn Văn An"),
                        chiptest::field(3, "15/03/1990"), chiptest::field(4, "Nam"), chiptest::field(16, "280123456"),
                        chiptest::field(20, "x")}));

    const Bytes jpeg = chiptest::makeJpeg(8, 8);
    put("dg2", "jpeg", chiptest::makeDg2(jpeg, 8, 8));
    put("dg2", "j2k", chiptest::makeDg2(chiptest::makeJpeg2000(8, 8, false), 8, 8));
    put("dg2", "jp2", chiptest::makeDg2(chiptest::makeJpeg2000(8, 8, true), 8, 8));

    const auto chipKey = chiptest::ecKey();
    const auto aaKey = chiptest::ecKey();
    const Bytes dg14 = chiptest::makeDg14(chipKey.get());
    const Bytes dg15 = chiptest::makeDg15(aaKey.get());
    put("dg14", "dg14", dg14);
    put("dg14", "card-access", chiptest::makeCardAccess());
    put("dg15", "ec-p256", dg15);

    const chiptest::Pki pki = chiptest::makePki();
    const Bytes sod = chiptest::makeSod({{1, dg1}, {13, dg13}, {14, dg14}, {15, dg15}}, pki);
    put("sod", "four-groups", sod);
    put("sod", "one-group", chiptest::makeSod({{1, dg1}}, pki));

    put("tlv", "dg1", dg1);
    put("tlv", "ef-com", com);
    put("tlv", "dg14", dg14);
    put("tlv", "list", [&] {
        Bytes b = chiptest::integer(13);
        const Bytes oid = da06::chip::encodeTlv(0x06, *da06::chip::oidFromString("2.23.136.1.1.1"));
        b.insert(b.end(), oid.begin(), oid.end());
        const Bytes s = chiptest::str("Tây Ninh");
        b.insert(b.end(), s.begin(), s.end());
        return b;
    }());
}

// ---- secure-messaging responses (the keys and SSC of FuzzSmUnwrap.cpp) ----------------------

Bytes smResponse(bool aes, const Bytes& plain, bool withData, std::uint16_t sw)
{
    using namespace da06::emrtd;
    const SecretBytes kEnc(*da06::chip::fromHex("979EC13B1CBFE9DCD01AB0FED307EAE5"));
    Bytes ssc(aes ? 16 : 8, 0x11);
    ssc.back() = static_cast<std::uint8_t>(ssc.back() + 1); // the chip's SSC for this response
    Bytes objects;
    if (withData) {
        const Bytes padded = padIso9797(plain, aes ? 16 : 8);
        Bytes enc = aes ? *aesCbcEncrypt(kEnc.view(), padded, *aesEcbEncrypt(kEnc.view(), ssc))
                        : *des3CbcEncrypt(kEnc.view(), padded);
        enc.insert(enc.begin(), 0x01);
        objects = da06::chip::encodeTlv(0x87, enc);
    }
    const Bytes do99 =
        da06::chip::encodeTlv(0x99, Bytes{static_cast<std::uint8_t>(sw >> 8), static_cast<std::uint8_t>(sw)});
    objects.insert(objects.end(), do99.begin(), do99.end());
    // flags (AES, sealed: the target appends DO8E), SW, objects
    Bytes out{static_cast<std::uint8_t>((aes ? 1 : 0) | 2), 0x90, 0x00};
    out.insert(out.end(), objects.begin(), objects.end());
    return out;
}

void smResponses()
{
    const Bytes read{0x60, 0x14, 0x5F, 0x01, 0x04, '0', '1', '0', '7'};
    put("sm_unwrap", "3des-data", smResponse(false, read, true, 0x9000));
    put("sm_unwrap", "aes-data", smResponse(true, read, true, 0x9000));
    put("sm_unwrap", "3des-status", smResponse(false, {}, false, 0x9000));
    put("sm_unwrap", "aes-warning", smResponse(true, {}, false, 0x6282));
    put("sm_unwrap", "plain-error", Bytes{0x00, 0x69, 0x82});
}

// ---- images --------------------------------------------------------------------------------

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

// A BMP with the given header size, depth, compression, grey palette and pixel bytes as they are.
Bytes bmp(int w, int h, int bpp, std::uint32_t compression, std::size_t palette, const Bytes& pixels,
          std::uint32_t header = 40)
{
    const std::size_t entry = header == 12 ? 3 : 4; // RGBTRIPLE in the core header, RGBQUAD after
    Bytes b(14 + header + palette * entry, 0);
    b[0] = 'B';
    b[1] = 'M';
    put32(b, 2, static_cast<std::uint32_t>(b.size() + pixels.size()));
    put32(b, 10, static_cast<std::uint32_t>(b.size()));
    put32(b, 14, header);
    if (header == 12) {
        put16(b, 18, static_cast<unsigned>(w));
        put16(b, 20, static_cast<unsigned>(h));
        put16(b, 22, 1);
        put16(b, 24, static_cast<unsigned>(bpp));
    } else {
        put32(b, 18, static_cast<std::uint32_t>(w));
        put32(b, 22, static_cast<std::uint32_t>(h));
        put16(b, 26, 1);
        put16(b, 28, static_cast<unsigned>(bpp));
        put32(b, 30, compression);
        put32(b, 46, static_cast<std::uint32_t>(palette));
    }
    if (header >= 56 && compression == 3) {
        put32(b, 54, 0x00FF0000);
        put32(b, 58, 0x0000FF00);
        put32(b, 62, 0x000000FF);
        put32(b, 66, 0xFF000000);
    }
    for (std::size_t i = 0; i < palette; ++i) {
        const auto v = static_cast<std::uint8_t>(i * 255 / (palette > 1 ? palette - 1 : 1));
        b[14 + header + i * entry] = b[15 + header + i * entry] = b[16 + header + i * entry] = v;
    }
    b.insert(b.end(), pixels.begin(), pixels.end());
    return b;
}

Bytes readFile(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void images()
{
    namespace qr = da06::test::qr;
    qr::GrayImage img(12, 10);
    for (int y = 0; y < img.height; ++y) {
        for (int x = 0; x < img.width; ++x) {
            img.at(x, y) = static_cast<std::uint8_t>((x * 21 + y * 13) & 0xFF);
        }
    }
    const fs::path tmp = fs::temp_directory_path() / "da06-fuzz-corpus";
    fs::create_directories(tmp);
    qr::writePng(tmp / "g.png", img);
    put("image_png", "gray", readFile(tmp / "g.png"));
    qr::writeRgbaPng(tmp / "c.png", img);
    put("image_png", "rgba", readFile(tmp / "c.png"));
    qr::writeJpeg(tmp / "g.jpg", img, 75);
    put("image_jpeg", "gray", readFile(tmp / "g.jpg"));
    put("image_jpeg", "rgb", chiptest::makeJpeg(16, 8));
    for (const int bits : {8, 24, 32}) {
        qr::writeBmp(tmp / "i.bmp", img, bits);
        put("image_bmp", "written-" + std::to_string(bits), readFile(tmp / "i.bmp"));
    }
    fs::remove_all(tmp);

    put("image_bmp", "rgb24", bmp(4, 2, 24, 0, 0, Bytes(24, 0x80)));
    put("image_bmp", "pal8", bmp(5, 3, 8, 0, 256, Bytes(24, 0x40)));
    put("image_bmp", "pal1", bmp(9, 2, 1, 0, 2, Bytes{0xAA, 0x80, 0, 0, 0x55, 0x00, 0, 0}));
    put("image_bmp", "pal4", bmp(6, 2, 4, 0, 16, Bytes{0x12, 0x34, 0x56, 0, 0x65, 0x43, 0x21, 0}));
    put("image_bmp", "rle8", bmp(6, 2, 8, 1, 2, Bytes{3, 1, 0, 3, 0, 1, 0, 0, 0, 0, 6, 1, 0, 1}));
    put("image_bmp", "rle4", bmp(4, 1, 4, 2, 2, Bytes{4, 0x10, 0, 2, 1, 0, 0, 1}));
    put("image_bmp", "rgb16", bmp(2, 2, 16, 0, 0, Bytes{0xFF, 0x7F, 0, 0, 0, 0, 0xFF, 0x7F}));
    put("image_bmp", "bitfields32-v4", bmp(2, 1, 32, 3, 0, Bytes{0, 0, 0, 0, 0, 0, 0, 0xFF}, 108));
    put("image_bmp", "top-down", bmp(3, -2, 24, 0, 0, Bytes(24, 0xC0)));
    put("image_bmp", "core-header", bmp(3, 2, 8, 0, 2, Bytes{0, 1, 0, 0, 1, 0, 1, 0}, 12));
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: da06_fuzz_make_corpus tests/fuzz/corpus\n";
        return 2;
    }
    g_root = argv[1];
    payloads();
    chipFiles();
    smResponses();
    images();
    std::cout << "seed corpora written under " << g_root << "\n";
    return 0;
}
