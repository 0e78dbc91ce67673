// The front desk's documents (issue 8): QR codes (sizes, errors, and the code read back with ZXing
// from the rendered receipt page), the receipt's PDF text, amounts in figures and in words, the pawn
// register (PDF across the page, XLSX for inspection), the reconciliation, masked identity numbers.
// With DA06_DESK_PDF_DIR set, the PDFs are also copied there to look at.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>

#include <ZXing/ReadBarcode.h>

#include "reports/CsvWriter.h"
#include "reports/DeskDocuments.h"
#include "reports/PdfWriter.h"
#include "reports/QrCode.h"
#include "reports/XlsxWriter.h"
#include "tests/support/TestSupport.h"

using namespace da06;
using namespace da06::reports;

namespace {

std::string run(const std::string& program, const std::vector<std::string>& args)
{
    auto r = test::runProgram(program, args);
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, program + " failed: " + r.err);
    return r.out;
}

// The text of a PDF with every run of white space as one space: the words of a table cell that
// wraps stay together.
std::string pdfText(const std::filesystem::path& pdf)
{
    const std::string raw = run("/usr/bin/pdftotext", {"-enc", "UTF-8", pdf.string(), "-"});
    std::string out;
    for (char c : raw) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\f' || c == '\t';
        if (!space) {
            out += c;
        } else if (!out.empty() && out.back() != ' ') {
            out += ' ';
        }
    }
    return out;
}

void keepCopy(const std::filesystem::path& file)
{
    if (const char* dir = std::getenv("DA06_DESK_PDF_DIR"); dir && *dir) {
        std::error_code ec;
        std::filesystem::copy_file(file, std::filesystem::path(dir) / file.filename(),
                                   std::filesystem::copy_options::overwrite_existing, ec);
    }
}

// The payload of a receipt's QR code: the reference, the name with its diacritics, a check value.
const std::string kPayload = "DA06|KT-20241105-7F3A|Nguyễn Thị Ánh Tuyết|072******358|2024-11-05T14:32|c9f1";

Receipt sampleReceipt()
{
    Receipt r;
    r.parentBody = "Công an huyện Tân Biên";
    r.issuingBody = "Công an xã Thạnh Tây";
    r.place = "Tây Ninh";
    r.date = Date{2024, 11, 5};
    r.time = "14:32";
    r.title = "BIÊN NHẬN KIỂM TRA DANH TÍNH";
    r.reference = "KT-20241105-7F3A";
    r.qrPayload = kPayload;
    r.lines = {{"Họ và tên", "Nguyễn Thị Ánh Tuyết"},
               {"Số định danh cá nhân", "072******358"},
               {"Phương thức kiểm tra", "Đọc chip CCCD, xác thực chữ ký số của Bộ Công an"},
               {"Kết quả", "Hợp lệ"},
               {"Lệ phí", vndAmount(1'500'000)}};
    r.amountInWords = vndInWords(1'500'000);
    r.note = "Người được kiểm tra đồng ý cho cơ quan đối chiếu thông tin trên thẻ Căn cước công dân với Cơ sở dữ "
             "liệu quốc gia về dân cư và lưu kết quả trong 30 ngày.";
    r.signerTitle = "Cán bộ tiếp nhận";
    r.signerName = "Trần Văn Đức";
    return r;
}

PawnRegister sampleRegister()
{
    PawnRegister p;
    p.businessName = "Tiệm cầm đồ Phúc Lộc";
    p.address = "Số 12 đường 30/4, ấp Thạnh Hiệp, xã Thạnh Tây, huyện Tân Biên, tỉnh Tây Ninh";
    p.from = Date{2024, 11, 1};
    p.to = Date{2024, 11, 30};
    p.issued = Date{2024, 12, 1};
    p.rows = {
        {"HĐ-0412", "Lê Văn Bình", "072090001234", "12/03/1990", "Ấp Thạnh Hòa, xã Thạnh Tây, huyện Tân Biên",
         "Xe máy Honda Wave RSX, biển số 70H1-123.45", 18'000'000, 12'000'000, 3.0, "02/11/2024", "02/12/2024",
         "Đang cầm", "", ""},
        {"HĐ-0413", "Phạm Thị Hồng", "072185009876", "25/07/1985", "Khu phố 2, thị trấn Tân Biên",
         "Dây chuyền vàng 18K, 2 chỉ", 9'500'000, 7'500'000, 2.5, "05/11/2024", "05/12/2024", "Đã chuộc", "20/11/2024",
         ""},
        {"HĐ-0414", "Nguyễn Hoàng Long", "072099004321", "01/01/1999", "Ấp Suối Ngô, xã Tân Hòa, huyện Tân Châu",
         "Điện thoại iPhone 13, không có hộp", 11'000'000, 8'000'000, 3.5, "18/11/2024", "18/12/2024", "Đang cầm", "",
         "Số CCCD có trong danh sách cảnh báo"},
    };
    return p;
}

Reconciliation sampleReconciliation()
{
    Reconciliation r;
    r.parentBody = "Ủy ban nhân dân huyện Tân Biên";
    r.issuingBody = "Ủy ban nhân dân xã Thạnh Tây";
    r.place = "Tây Ninh";
    r.issued = Date{2024, 11, 28};
    r.period = "tháng 11/2024";
    r.rows = {{"Trợ cấp xã hội hằng tháng", "Người cao tuổi", "11/2024", 120, 117, 60'000'000, 58'500'000},
              {"Trợ cấp xã hội hằng tháng", "Người khuyết tật", "11/2024", 45, 44, 33'750'000, 33'000'000},
              {"Ưu đãi người có công", "Thân nhân liệt sĩ", "11/2024", 18, 18, 41'400'000, 41'400'000}};
    r.unpaid = {{"Võ Thị Lựu", maskIdNumber("072040001358")},
                {"Đặng Văn Út", maskIdNumber("072038007777")},
                {"Huỳnh Thị Mến", maskIdNumber("072045002468")},
                {"Trương Văn Sáu", maskIdNumber("B1234567")}};
    return r;
}

} // namespace

BOOST_AUTO_TEST_SUITE(desk_documents)

BOOST_AUTO_TEST_CASE(qr_matrix_sizes)
{
    auto small = encodeQr("KT-1");
    BOOST_REQUIRE_MESSAGE(small, (small ? "" : small.error().message));
    BOOST_TEST(small->size == 21); // version 1
    BOOST_TEST(small->modules.size() == 21u * 21u);
    // The finder pattern: dark corner, light separator; nothing outside the matrix.
    BOOST_TEST(small->dark(0, 0));
    BOOST_TEST(small->dark(6, 6));
    BOOST_TEST(small->dark(20, 0));
    BOOST_TEST(small->dark(0, 20));
    BOOST_TEST(!small->dark(7, 7));
    BOOST_TEST(!small->dark(-1, 0));
    BOOST_TEST(!small->dark(21, 0));

    for (std::size_t n : {30u, 100u, 500u, 1500u}) {
        auto m = encodeQr(std::string(n, 'x'));
        BOOST_REQUIRE(m);
        BOOST_TEST(m->size >= 21);
        BOOST_TEST(m->size <= 177);
        BOOST_TEST((m->size - 21) % 4 == 0, m->size);
        BOOST_TEST(m->modules.size() == static_cast<std::size_t>(m->size * m->size));
    }
    auto vi = encodeQr(kPayload);
    BOOST_REQUIRE(vi);
    BOOST_TEST(vi->size > 21);
    BOOST_TEST((vi->size - 21) % 4 == 0);
}

BOOST_AUTO_TEST_CASE(qr_errors)
{
    auto empty = encodeQr("");
    BOOST_REQUIRE(!empty);
    BOOST_TEST(empty.error().code == ErrorCode::InvalidInput);
    BOOST_TEST(empty.error().message.find("no text") != std::string::npos, empty.error().message);

    auto huge = encodeQr(std::string(3000, 'a'));
    BOOST_REQUIRE(!huge);
    BOOST_TEST(huge.error().code == ErrorCode::InvalidInput);
    BOOST_TEST(huge.error().message.find("too long") != std::string::npos, huge.error().message);
    // Just under the byte limit, the ECI header does not leave room: still "too long", not an exception.
    auto edge = encodeQr(std::string(kQrMaxBytes, 'a'));
    if (!edge) {
        BOOST_TEST(edge.error().message.find("too long") != std::string::npos, edge.error().message);
    }

    auto bad = encodeQr("abc\xff");
    BOOST_REQUIRE(!bad);
    BOOST_TEST(bad.error().code == ErrorCode::InvalidInput);

    // A document with a QR code that cannot be encoded is refused by the writers that draw it.
    test::TempDir dir;
    Document d;
    d.header.title = "BIÊN NHẬN";
    QrCode unencodable;
    unencodable.caption = "KT-1";
    d.body.emplace_back(unencodable);
    auto pdf = writePdf(d, dir / "x.pdf");
    BOOST_REQUIRE(!pdf);
    BOOST_TEST(pdf.error().code == ErrorCode::InvalidInput);
    BOOST_TEST(!renderPage(d, 0, 30));
    BOOST_TEST(pageCount(d) == 1);
}

BOOST_AUTO_TEST_CASE(receipt_pdf_text)
{
    test::TempDir dir;
    const auto doc = receiptDocument(sampleReceipt());
    const auto pdf = dir / "bien-nhan.pdf";
    auto st = writePdf(doc, pdf);
    BOOST_REQUIRE_MESSAGE(st, (st ? "" : st.error().message));
    keepCopy(pdf);
    BOOST_TEST(pageCount(doc) == 1);
    const std::string text = pdfText(pdf);
    for (const char* expected : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                 "Độc lập - Tự do - Hạnh phúc",
                                 "CÔNG AN HUYỆN TÂN BIÊN",
                                 "CÔNG AN XÃ THẠNH TÂY",
                                 "Tây Ninh, ngày 05 tháng 11 năm 2024",
                                 "BIÊN NHẬN KIỂM TRA DANH TÍNH",
                                 "Số tham chiếu: KT-20241105-7F3A",
                                 "Thời gian",
                                 "14:32 ngày 05/11/2024",
                                 "Họ và tên",
                                 "Nguyễn Thị Ánh Tuyết",
                                 "Số định danh cá nhân",
                                 "072******358",
                                 "Phương thức kiểm tra",
                                 "Lệ phí",
                                 "1.500.000 đồng",
                                 "Bằng chữ: Một triệu năm trăm nghìn đồng",
                                 "Người được kiểm tra đồng ý",
                                 "CÁN BỘ TIẾP NHẬN",
                                 "Trần Văn Đức"}) {
        BOOST_TEST(text.find(expected) != std::string::npos, "PDF text lacks \"" << expected << "\"");
    }
    // The reference twice: under the title and as the caption of the QR code. No "Nơi nhận".
    const auto first = text.find("KT-20241105-7F3A");
    BOOST_TEST(text.find("KT-20241105-7F3A", first + 1) != std::string::npos);
    BOOST_TEST(text.find("Nơi nhận") == std::string::npos);
    const std::string fonts = run("/usr/bin/pdffonts", {pdf.string()});
    BOOST_TEST(fonts.find("DejaVu") == std::string::npos);
    const std::string info = run("/usr/bin/pdfinfo", {pdf.string()});
    BOOST_TEST(info.find("595.276 x 841.89 pts (A4)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(receipt_qr_reads_back)
{
    const auto doc = receiptDocument(sampleReceipt());
    constexpr double dpi = 200;
    auto page = renderPage(doc, 0, dpi);
    BOOST_REQUIRE_MESSAGE(page, (page ? "" : page.error().message));
    const ZXing::ImageView view(page->rgb.data(), page->width, page->height, ZXing::ImageFormat::RGB);
    const auto result = ZXing::ReadBarcode(view, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
    BOOST_REQUIRE(result.isValid());
    BOOST_TEST(result.text() == kPayload);
    BOOST_TEST(result.ecLevel() == "M");
    // At least 25 mm across (the corners are the finder patterns' outer corners).
    const auto pos = result.position();
    const double side = std::hypot(pos.topRight().x - pos.topLeft().x, pos.topRight().y - pos.topLeft().y);
    BOOST_TEST(side * 25.4 / dpi >= 25.0, side * 25.4 / dpi << " mm");
    // Centred on the page.
    const double centre = (pos.topLeft().x + pos.topRight().x) / 2.0 * 25.4 / dpi;
    BOOST_TEST(std::fabs(centre - (30 + (210 - 45) / 2.0)) < 2.0, centre << " mm from the left edge");
}

BOOST_AUTO_TEST_CASE(receipt_with_a_long_unbroken_value)
{
    // A certification receipt: a SHA-256 of 64 hexadecimal digits stays on one line of its cell, and
    // a longer payload (a larger QR version at the same 28 mm) still reads back.
    const std::string sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    Receipt r = sampleReceipt();
    r.title = "CHỨNG THỰC BẢN ĐIỆN TỬ";
    r.lines = {
        {"Số hồ sơ", "CT-2024-000123"}, {"Mã băm SHA-256", sha}, {"Thời điểm chứng thực", "09:15 ngày 05/11/2024"}};
    r.amountInWords.clear();
    r.qrPayload = "DA06-CT|CT-20241105-0001|TN-TB-TT|" + sha + "|Bản sao điện tử từ bản chính";
    const auto doc = receiptDocument(r);
    test::TempDir dir;
    const auto pdf = dir / "chung-thuc.pdf";
    BOOST_REQUIRE(writePdf(doc, pdf));
    keepCopy(pdf);
    BOOST_TEST(pdfText(pdf).find(sha) != std::string::npos);
    auto page = renderPage(doc, 0, 200);
    BOOST_REQUIRE(page);
    const auto result =
        ZXing::ReadBarcode(ZXing::ImageView(page->rgb.data(), page->width, page->height, ZXing::ImageFormat::RGB),
                           ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
    BOOST_REQUIRE(result.isValid());
    BOOST_TEST(result.text() == r.qrPayload);
}

BOOST_AUTO_TEST_CASE(qr_as_text_in_xlsx_and_csv)
{
    test::TempDir dir;
    const auto doc = receiptDocument(sampleReceipt());
    const std::string csv = csvText(doc);
    BOOST_TEST(csv.find("KT-20241105-7F3A," + kPayload + "\r\n") != std::string::npos, csv);
    BOOST_TEST(csv.find("Họ và tên,Nguyễn Thị Ánh Tuyết\r\n") != std::string::npos);
    const auto xlsx = dir / "bien-nhan.xlsx";
    BOOST_REQUIRE(writeXlsx(doc, xlsx));
    const std::string shared = run("/usr/bin/unzip", {"-p", xlsx.string(), "xl/sharedStrings.xml"});
    BOOST_TEST(shared.find(kPayload) != std::string::npos);
    BOOST_TEST(shared.find("Số tham chiếu: KT-20241105-7F3A") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(amounts_in_figures_and_words)
{
    BOOST_TEST(vndAmount(1'500'000) == "1.500.000 đồng");
    BOOST_TEST(vndAmount(0) == "0 đồng");
    BOOST_TEST(vndAmount(999) == "999 đồng");
    BOOST_TEST(vndAmount(1000) == "1.000 đồng");
    BOOST_TEST(vndAmount(-25'000) == "-25.000 đồng");
    BOOST_TEST(vndAmount(999'999'999'999) == "999.999.999.999 đồng");

    const std::vector<std::pair<std::int64_t, std::string>> words = {
        {0, "Không đồng"},
        {1, "Một đồng"},
        {5, "Năm đồng"},
        {10, "Mười đồng"},
        {11, "Mười một đồng"},
        {14, "Mười bốn đồng"},
        {15, "Mười lăm đồng"},
        {20, "Hai mươi đồng"},
        {21, "Hai mươi mốt đồng"},
        {24, "Hai mươi bốn đồng"},
        {25, "Hai mươi lăm đồng"},
        {55, "Năm mươi lăm đồng"},
        {100, "Một trăm đồng"},
        {104, "Một trăm linh bốn đồng"},
        {105, "Một trăm linh năm đồng"},
        {110, "Một trăm mười đồng"},
        {115, "Một trăm mười lăm đồng"},
        {121, "Một trăm hai mươi mốt đồng"},
        {1001, "Một nghìn không trăm linh một đồng"},
        {1010, "Một nghìn không trăm mười đồng"},
        {1100, "Một nghìn một trăm đồng"},
        {10'000, "Mười nghìn đồng"},
        {15'000, "Mười lăm nghìn đồng"},
        {21'000, "Hai mươi mốt nghìn đồng"},
        {250'000, "Hai trăm năm mươi nghìn đồng"},
        {1'000'000, "Một triệu đồng"},
        {1'500'000, "Một triệu năm trăm nghìn đồng"},
        {2'005'000, "Hai triệu không trăm linh năm nghìn đồng"},
        {1'000'005, "Một triệu không trăm linh năm đồng"},
        {7'777'777, "Bảy triệu bảy trăm bảy mươi bảy nghìn bảy trăm bảy mươi bảy đồng"},
        {1'000'000'000, "Một tỷ đồng"},
        {1'000'001'000, "Một tỷ không trăm linh một nghìn đồng"},
        {2'300'000'000, "Hai tỷ ba trăm triệu đồng"},
        {999'999'999'999,
         "Chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm "
         "chín mươi chín đồng"},
        {1'000'000'000'000, "Một nghìn tỷ đồng"},
        {-50'000, "Âm năm mươi nghìn đồng"},
    };
    for (const auto& [v, expected] : words) {
        BOOST_TEST(vndInWords(v) == expected, v);
    }
    BOOST_TEST(!vndInWords(std::numeric_limits<std::int64_t>::min()).empty());
}

BOOST_AUTO_TEST_CASE(masked_id_numbers)
{
    BOOST_TEST(maskIdNumber("072095001358") == "072******358");
    BOOST_TEST(maskIdNumber("07209500135") == "********135"); // 11 digits: not a CCCD number
    BOOST_TEST(maskIdNumber("B1234567") == "*****567");
    BOOST_TEST(maskIdNumber("0720950013589") == "**********589");
    BOOST_TEST(maskIdNumber("1234") == "*234");
    BOOST_TEST(maskIdNumber("123") == "***");
    BOOST_TEST(maskIdNumber("") == "");
    BOOST_TEST(maskIdNumber("Đ12345") == "***345");
}

BOOST_AUTO_TEST_CASE(pawn_register_pdf_and_xlsx)
{
    test::TempDir dir;
    const auto doc = pawnRegisterDocument(sampleRegister());
    BOOST_TEST(doc.landscape);
    BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
    BOOST_TEST(doc.tables[0].columns.size() == 14u);
    const auto pdf = dir / "so-cam-do.pdf";
    BOOST_REQUIRE(writePdf(doc, pdf));
    keepCopy(pdf);
    const std::string text = pdfText(pdf);
    for (const char* expected : {"SỔ THEO DÕI CẦM ĐỒ",
                                 "TIỆM CẦM ĐỒ PHÚC LỘC",
                                 "Từ ngày 01/11/2024 đến ngày 30/11/2024",
                                 "STT",
                                 "Số HĐ",
                                 "Họ và tên",
                                 "Số CCCD",
                                 "Tài sản cầm cố",
                                 "Tình trạng",
                                 "Cảnh báo",
                                 "HĐ-0413",
                                 "Phạm Thị Hồng",
                                 "072185009876",
                                 "Đã chuộc",
                                 "(20/11/2024)",
                                 "Tổng cộng",
                                 "38.500.000",
                                 "27.500.000",
                                 "2,5",
                                 "Số CCCD có trong",
                                 "Số hợp đồng trong kỳ: 3; có cảnh báo: 1."}) {
        BOOST_TEST(text.find(expected) != std::string::npos, "PDF text lacks \"" << expected << "\"");
    }
    const std::string info = run("/usr/bin/pdfinfo", {pdf.string()});
    BOOST_TEST(info.find("841.89 x 595.276 pts") != std::string::npos, info);
    BOOST_TEST(pageCount(doc) == 1); // the three contracts and the signature on one page across
    auto img = renderPage(doc, 0, 30);
    BOOST_REQUIRE(img);
    BOOST_TEST(img->width > img->height);

    const auto xlsx = dir / "so-cam-do.xlsx";
    BOOST_REQUIRE(writeXlsx(doc, xlsx));
    const std::string workbook = run("/usr/bin/unzip", {"-p", xlsx.string(), "xl/workbook.xml"});
    BOOST_TEST(workbook.find("name=\"Sổ theo dõi cầm đồ\"") != std::string::npos, workbook);
    const std::string shared = run("/usr/bin/unzip", {"-p", xlsx.string(), "xl/sharedStrings.xml"});
    for (const char* s : {"STT", "Số HĐ", "Số CCCD", "Nơi cư trú", "Giá trị (đồng)", "Số tiền cho vay (đồng)",
                          "Lãi suất (%/tháng)", "Hạn chuộc", "Nguyễn Hoàng Long", "072099004321",
                          "Số CCCD có trong danh sách cảnh báo", "Tổng cộng", "SỔ THEO DÕI CẦM ĐỒ"}) {
        BOOST_TEST(shared.find(s) != std::string::npos, s);
    }
    const std::string sheet = run("/usr/bin/unzip", {"-p", xlsx.string(), "xl/worksheets/sheet1.xml"});
    BOOST_TEST(sheet.find("<f>SUM(H2:H4)</f><v>38500000</v>") != std::string::npos);
    BOOST_TEST(sheet.find("<f>SUM(I2:I4)</f><v>27500000</v>") != std::string::npos);
    BOOST_TEST(sheet.find("<v>12000000</v>") != std::string::npos); // amounts are numbers, not text
    BOOST_TEST(sheet.find("<v>2.5</v>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(empty_pawn_register)
{
    PawnRegister p = sampleRegister();
    p.rows.clear();
    const auto doc = pawnRegisterDocument(p);
    BOOST_TEST(doc.tables[0].note == "Không có hợp đồng cầm đồ nào trong kỳ.");
    BOOST_TEST(!doc.tables[0].totals);
    BOOST_TEST(pageCount(doc) == 1);
}

BOOST_AUTO_TEST_CASE(reconciliation_document)
{
    test::TempDir dir;
    const auto doc = reconciliationDocument(sampleReconciliation());
    const auto pdf = dir / "doi-chieu.pdf";
    BOOST_REQUIRE(writePdf(doc, pdf));
    keepCopy(pdf);
    const std::string text = pdfText(pdf);
    for (const char* expected :
         {"BẢNG ĐỐI CHIẾU DANH SÁCH VÀ CHI TRẢ", "Kỳ chi trả: tháng 11/2024", "ỦY BAN NHÂN DÂN XÃ THẠNH TÂY",
          "Người cao tuổi", "Thân nhân", "Tổng cộng", "183", "179", "135.150.000", "132.900.000",
          "II. DANH SÁCH NGƯỜI CHƯA NHẬN", "Võ Thị Lựu", "072******358", "*****567", "Lưu: VT."}) {
        BOOST_TEST(text.find(expected) != std::string::npos, "PDF text lacks \"" << expected << "\"");
    }
    BOOST_TEST(text.find("072040001358") == std::string::npos); // never the full number
    BOOST_TEST(text.find("Số người trong danh sách: 183; đã nhận: 179; chưa nhận: 4.") != std::string::npos);
    const std::string csv = csvText(doc);
    BOOST_TEST(csv.find("Tổng cộng,,,183,179,4,135150000,132900000\r\n") != std::string::npos, csv);
    BOOST_TEST(csv.find("1,Võ Thị Lựu,072******358\r\n") != std::string::npos);
    BOOST_TEST(csv.find("Ưu đãi người có công,Thân nhân liệt sĩ,11/2024,18,18,0,41400000,41400000\r\n") !=
               std::string::npos);

    Reconciliation allPaid = sampleReconciliation();
    allPaid.unpaid.clear();
    const auto done = reconciliationDocument(allPaid);
    BOOST_TEST(done.tables.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
