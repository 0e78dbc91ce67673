// The front desk end to end (issue 8) with the virtual CCCD of the chip issue: the real pcscd with
// its vpcd driver, `da06_vcard` playing person 1 on "Virtual PCD 00 00", the real `da06`. Tap and
// verify (`da06 idcheck chip --json` with the trust anchor), record the check for a notarial act,
// attach it to a case, complete the case, print the receipt; the receipt's text is extracted with
// pdftotext and its QR code, rendered with pdftoppm, is decoded with ZXing.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

#include <ZXing/ReadBarcode.h>

#include "client/readers/ImageFile.h"
#include "domain/core/Json.h"
#include "tests/pcsc/PcscdFixture.h"
#include "tests/pcsc/VirtualCccd.h"
#include "tests/support/TestSupport.h"

using namespace da06;
namespace fs = std::filesystem;

namespace {

const fs::path kBin = fs::path(DA06_BINARY_DIR) / "bin";
const std::string kPass = "mot hai ba bon nam sau";
const std::string kCheckerPass = "bay tam chin muoi mot";
const std::string kToday = "2024-06-01";
// Person 1 of da06_vcard_make: Đặng Quốc Bảo, 072201003358, born 22/08/2001, issued 15/07/2021.
const std::string kId = "072201003358";
const std::string kQr =
    "072201003358||Đặng Quốc Bảo|22082001|Nam|Ấp Trường Đông, Xã Trường Hòa, Thị xã Hòa Thành, Tây Ninh|15072021";

struct Desk {
    test::TempDir dir;
    fs::path store = dir / "store.da06";

    test::RunResult da06(std::vector<std::string> args, bool asChecker = true,
                         const std::map<std::string, std::string>& extra = {})
    {
        args.insert(args.begin(), {"--store", store.string()});
        if (asChecker) {
            args.insert(args.begin(), {"--user", "kiemtra"});
        }
        std::map<std::string, std::string> env = {{"DA06_PASSPHRASE", asChecker ? kCheckerPass : kPass},
                                                  {"DA06_FAKE_TODAY", kToday}};
        for (const auto& [k, v] : extra) {
            env[k] = v;
        }
        return test::runProgram(kBin / "da06", args, env);
    }

    void init()
    {
        auto r = da06({"init"}, false);
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        r = da06({"units", "import", "--bundled"}, false);
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        r = da06({"desk", "unit", "set", "tinh-tay-ninh"}, false);
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        r = da06({"user", "add", "kiemtra", "--role", "checker"}, false, {{"DA06_NEW_PASSPHRASE", kCheckerPass}});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    }
};

json::Value parse(const test::RunResult& r)
{
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    auto v = json::parse(r.out);
    BOOST_REQUIRE_MESSAGE(v.has_value(), "not JSON: " + r.out.substr(0, 300));
    return *v;
}

// Every QR code on a PNG page.
std::vector<std::string> qrCodesOf(const fs::path& png)
{
    auto image = readers::loadImageFile(png);
    BOOST_REQUIRE_MESSAGE(image, (image ? "" : image.error().message));
    const ZXing::ImageView view(image->pixels.data(), image->width, image->height, ZXing::ImageFormat::Lum);
    std::vector<std::string> out;
    for (const auto& r : ZXing::ReadBarcodes(view, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode))) {
        if (r.isValid()) {
            out.push_back(r.text());
        }
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(desk_e2e)

BOOST_AUTO_TEST_CASE(tap_verify_attach_to_a_case_and_print_the_receipt)
{
    Desk desk;
    desk.init();

    // Tap: the chip read with the keys of the card's QR code, verified against the test CSCA.
    test::VirtualCccd c;
    c.insert();
    const auto read =
        test::runProgram(kBin / "da06", {"idcheck", "chip", "--reader", test::Pcscd::instance().readerName(0),
                                         "--as-of", kToday, "--qr-text", kQr, "--csca", c.trust.string(), "--json"});
    BOOST_REQUIRE_MESSAGE(read.exitCode == 0, read.err);
    const json::Value chip = parse(read);
    BOOST_TEST(chip.find("passive_authentication")->find("result")->asString() == "verified");
    const fs::path chipJson = desk.dir / "chip.json";
    test::writeFile(chipJson, read.out);

    // Record the check for a notarial act (model 4), with the citizen's consent.
    const auto recorded = parse(desk.da06(
        {"check", "record", "--purpose", "4", "--from-json", chipJson.string(), "--consent", "given", "--json"}));
    const std::string ref = recorded.find("reference")->asString();
    BOOST_TEST(ref.rfind("KT-20240601-", 0) == 0u);
    BOOST_TEST(recorded.find("method")->asString() == "chip");
    BOOST_TEST(recorded.find("outcome")->asString() == "valid");
    BOOST_TEST(recorded.find("passing")->asBool());
    BOOST_TEST(recorded.find("identity")->find("id_number")->asString() == kId);
    BOOST_TEST(recorded.find("identity")->find("full_name")->asString() == "Đặng Quốc Bảo");
    bool pa = false;
    for (const auto& v : recorded.find("verifications")->asArray()) {
        pa = pa ||
             (v.find("name")->asString() == "passive_authentication" && v.find("result")->asString() == "verified");
    }
    BOOST_TEST(pa);

    // Attach it to a case and complete the case.
    auto r = desk.da06({"case", "open", "--number", "42/2024/CT-VP", "--model", "4", "--kind",
                        "signature_certification", "--title", "Chứng thực chữ ký trên giấy ủy quyền"});
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    r = desk.da06({"case", "party", "42/2024/CT-VP", "--role", "signer", "--check", ref});
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    BOOST_TEST(r.out.find("verified by " + ref) != std::string::npos);
    const auto done = parse(desk.da06({"case", "complete", "42/2024/CT-VP", "--json"}));
    BOOST_TEST(done.find("status")->asString() == "completed");
    BOOST_REQUIRE(done.find("parties")->asArray().size() == 1u);
    BOOST_TEST(done.find("parties")->asArray()[0].find("check_reference")->asString() == ref);
    BOOST_TEST(parse(desk.da06({"check", "show", ref, "--json"})).find("attached")->find("kind")->asString() == "case");

    // Print the receipt and read it back: its text, then its QR code.
    const fs::path pdf = desk.dir / "bien-nhan.pdf";
    r = desk.da06({"check", "receipt", ref, "--pdf", pdf.string()});
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    const fs::path txt = desk.dir / "bien-nhan.txt";
    const auto extracted = test::runProgram("/usr/bin/pdftotext", {"-layout", pdf.string(), txt.string()});
    BOOST_REQUIRE_MESSAGE(extracted.exitCode == 0, extracted.err);
    const std::string text = test::readFile(txt);
    BOOST_TEST(text.find(ref) != std::string::npos);
    BOOST_TEST(text.find("BIÊN NHẬN") != std::string::npos);
    BOOST_TEST(text.find("Mô hình 4") != std::string::npos);
    BOOST_TEST(text.find("Chip CCCD") != std::string::npos);
    BOOST_TEST(text.find("072******358") != std::string::npos);
    BOOST_TEST(text.find(kId) == std::string::npos); // the full number is never printed on the receipt
    BOOST_TEST(text.find("Nghị định 13/2023/NĐ-CP") != std::string::npos);

    const auto rendered = test::runProgram(
        "/usr/bin/pdftoppm", {"-r", "150", "-png", "-f", "1", "-l", "1", pdf.string(), (desk.dir / "page").string()});
    BOOST_REQUIRE_MESSAGE(rendered.exitCode == 0, rendered.err);
    fs::path png;
    for (const auto& e : fs::directory_iterator(desk.dir.path())) {
        if (e.path().extension() == ".png" && e.path().filename().string().rfind("page", 0) == 0) {
            png = e.path();
        }
    }
    BOOST_REQUIRE_MESSAGE(!png.empty(), "pdftoppm wrote no page");
    const auto codes = qrCodesOf(png);
    BOOST_REQUIRE_EQUAL(codes.size(), 1u);
    BOOST_TEST(codes.front() == "DA06-KT|" + ref + "|tinh-tay-ninh");
}

BOOST_AUTO_TEST_SUITE_END()
