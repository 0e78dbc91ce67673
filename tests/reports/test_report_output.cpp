// The documents: the PDF (text read back with pdftotext, A4, Liberation Serif embedded, the
// Decree 30/2020 parts), the XLSX (cells and formulas read back from the zip), the CSV (UTF-8 with a
// byte order mark). In development the pages are also written as PNG next to the test binary
// (DA06_REPORT_PNG=1) to look at.
#include <cstdlib>
#include <fstream>

#include "reports/CsvWriter.h"
#include "reports/PdfWriter.h"
#include "reports/ReportDocuments.h"
#include "reports/XlsxWriter.h"
#include "tests/reports/ReportTestSupport.h"

using namespace da06;
using namespace da06::report;

namespace {

std::string run(const std::string& program, const std::vector<std::string>& args)
{
    auto r = test::runProgram(program, args);
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, program + " failed: " + r.err);
    return r.out;
}

struct Output : test::ReportFixture {
    UnitReport unit;
    Compilation district;

    Output()
    {
        auto models = assignments().forUnit("huyen-tan-bien");
        BOOST_REQUIRE(models && models->size() >= 2);
        addTask((*models)[0].modelNumber, "huyen-tan-bien", "Triển khai dịch vụ công", Date{2024, 3, 31}, 40,
                "Dịch vụ công trực tuyến", 10, 25, "dịch vụ");
        addTask((*models)[1].modelNumber, "huyen-tan-bien", "Lắp đặt kiosk", Date{2024, 3, 31}, 100, "Kiosk", 3, 5,
                "kiosk");
        on(Date{2024, 3, 10});
        auto svc = reports();
        auto r = svc.unitReport("huyen-tan-bien", "2024-03");
        BOOST_REQUIRE(r);
        Narrative n = r->narrative;
        n.difficulties = "Thiếu thiết bị đầu đọc CCCD gắn chip; đường truyền chậm.";
        n.proposals = "Đề nghị Sở Tài chính bố trí kinh phí.";
        auto s = svc.submit("huyen-tan-bien", "2024-03",
                            ReportEdit{n, std::string("15/BC-UBND"), std::string("Nguyễn Thị Hoa")});
        BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().message));
        unit = *s;
        on(Date{2024, 3, 20});
        auto x = svc.unitReport("xa-thu-1", "2024-03");
        Narrative nx = x->narrative;
        nx.difficulties = "Chưa có cán bộ chuyên trách.";
        BOOST_REQUIRE(svc.submit("xa-thu-1", "2024-03", ReportEdit{nx, std::nullopt, std::nullopt}));
        auto c = svc.compile("huyen-tan-bien", "2024-03", "district");
        BOOST_REQUIRE(c);
        district = *c;
    }
};

void maybePng(const reports::Document& d, const std::string& stem)
{
    if (const char* e = std::getenv("DA06_REPORT_PNG"); e && *e == '1') {
        const int pages = reports::pageCount(d);
        for (int p = 0; p < pages; ++p) {
            BOOST_REQUIRE(
                reports::writePagePng(d, p, 60, test::binaryDir() / (stem + "-" + std::to_string(p + 1) + ".png")));
        }
    }
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(report_output, Output)

BOOST_AUTO_TEST_CASE(unit_report_pdf_has_the_decree_30_parts)
{
    const auto doc = reports::unitReportDocument(unit, Date{2024, 3, 10});
    const auto pdf = dir / "bao-cao.pdf";
    BOOST_REQUIRE(reports::writePdf(doc, pdf));
    maybePng(doc, "unit-report");
    const std::string text = run("/usr/bin/pdftotext", {"-enc", "UTF-8", pdf.string(), "-"});
    for (const char* expected : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                 "Độc lập - Tự do - Hạnh phúc",
                                 "TỈNH TÂY NINH",
                                 "HUYỆN TÂN BIÊN",
                                 "Số: 15/BC-UBND",
                                 "Tây Ninh, ngày 10 tháng 3 năm 2024",
                                 "BÁO CÁO",
                                 "Kết quả thực hiện Đề án 06 tháng 3/2024",
                                 "I. KẾT QUẢ THỰC HIỆN",
                                 "II. KHÓ KHĂN, VƯỚNG MẮC",
                                 "Thiếu thiết bị đầu đọc CCCD gắn chip; đường truyền chậm.",
                                 "III. ĐỀ XUẤT, KIẾN NGHỊ",
                                 "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG TỚI",
                                 "Bảng 1. Tiến độ thực hiện các mô hình",
                                 "Dịch vụ công trực tuyến",
                                 "Biểu đồ 1. Tỷ lệ hoàn thành (%) theo mô hình",
                                 "Chưa có dữ liệu kiểm tra danh tính tại quầy",
                                 "Nơi nhận:",
                                 "THỦ TRƯỞNG ĐƠN VỊ",
                                 "Nguyễn Thị Hoa",
                                 "Lưu: VT."}) {
        BOOST_TEST(text.find(expected) != std::string::npos, "PDF text lacks \"" << expected << "\"");
    }
    const std::string info = run("/usr/bin/pdfinfo", {pdf.string()});
    BOOST_TEST(info.find("595.276 x 841.89 pts (A4)") != std::string::npos);
    const std::string fonts = run("/usr/bin/pdffonts", {pdf.string()});
    BOOST_TEST(fonts.find("LiberationSerif") != std::string::npos);
    BOOST_TEST(fonts.find("DejaVu") == std::string::npos); // no fallback font: every glyph is in Liberation Serif
    BOOST_TEST(reports::pageCount(doc) >= 2);
    auto img = reports::renderPage(doc, 0, 30);
    BOOST_REQUIRE(img);
    BOOST_TEST(img->width == 248);
    BOOST_TEST(img->rgb.size() == static_cast<std::size_t>(img->width * img->height * 3));
    BOOST_TEST(!reports::renderPage(doc, 99, 30));
}

BOOST_AUTO_TEST_CASE(compilation_pdf_xlsx_and_csv_agree)
{
    const auto doc = reports::compilationDocument(district, Date{2024, 3, 20});
    const auto pdf = dir / "tong-hop.pdf";
    BOOST_REQUIRE(reports::writePdf(doc, pdf));
    maybePng(doc, "district");
    const std::string text = run("/usr/bin/pdftotext", {"-enc", "UTF-8", pdf.string(), "-"});
    for (const char* expected :
         {"BÁO CÁO TỔNG HỢP", "Kết quả thực hiện Đề án 06 tháng 3/2024 trên địa bàn Huyện Tân Biên",
          "I. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ", "Bảng 1. Tính đầy đủ và đúng hạn của báo cáo theo đơn vị",
          "Xã Thử Nghiệm Một", "Bệnh viện Thử Nghiệm", "Chưa gửi", "Tổng cộng", "III. CÁC MÔ HÌNH CHẬM TIẾN ĐỘ",
          "IV. XU HƯỚNG QUA CÁC THÁNG", "V. ĐÁNH GIÁ CHUNG"}) {
        BOOST_TEST(text.find(expected) != std::string::npos, "PDF text lacks \"" << expected << "\"");
    }
    const std::string rate = "tỷ lệ đầy đủ " + vietnameseNumber(district.completeness) + "%";
    BOOST_TEST(text.find(rate) != std::string::npos, rate);

    // XLSX: one sheet per table, then "Thông tin"; the totals are formulas.
    const auto xlsx = dir / "tong-hop.xlsx";
    BOOST_REQUIRE(reports::writeXlsx(doc, xlsx));
    const std::string workbook = run("/usr/bin/unzip", {"-p", xlsx.string(), "xl/workbook.xml"});
    BOOST_TEST(workbook.find("name=\"Đầy đủ, đúng hạn\"") != std::string::npos);
    BOOST_TEST(workbook.find("name=\"Thông tin\"") != std::string::npos);
    const std::string shared = run("/usr/bin/unzip", {"-p", xlsx.string(), "xl/sharedStrings.xml"});
    for (const char* s : {"Đơn vị", "Phải gửi", "Đã gửi", "Đúng hạn", "Tổng cộng", "Xã Thử Nghiệm Một",
                          "Huyện Tân Biên", "BÁO CÁO TỔNG HỢP", "Tây Ninh, ngày 20 tháng 3 năm 2024",
                          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"}) {
        BOOST_TEST(shared.find(s) != std::string::npos, s);
    }
    const std::string sheet1 = run("/usr/bin/unzip", {"-p", xlsx.string(), "xl/worksheets/sheet1.xml"});
    const int n = static_cast<int>(district.units.size());
    const std::string last = std::to_string(n + 1);
    BOOST_TEST(sheet1.find("<f>SUM(B2:B" + last + ")</f><v>" + std::to_string(district.expected) + "</v>") !=
                   std::string::npos,
               sheet1);
    BOOST_TEST(sheet1.find("<f>SUM(C2:C" + last + ")</f><v>" + std::to_string(district.received) + "</v>") !=
               std::string::npos);
    BOOST_TEST(sheet1.find("<f>SUM(D2:D" + last + ")</f><v>" + std::to_string(district.onTime) + "</v>") !=
               std::string::npos);
    BOOST_TEST(sheet1.find("<f>IF(SUM(B2:B" + last + ")=0,0,ROUND(SUM(C2:C" + last + ")*100/SUM(B2:B" + last +
                           "),1))</f>") != std::string::npos);
    // The totals row's cached ratio equals the compilation's completeness.
    std::ostringstream completeness;
    completeness << district.completeness;
    BOOST_TEST(sheet1.find("*100/SUM(B2:B" + last + "),1))</f><v>" + completeness.str() + "</v>") != std::string::npos);

    // CSV: BOM, the same tables and totals.
    const std::string csv = reports::csvText(doc);
    BOOST_TEST(csv.rfind("\xEF\xBB\xBF", 0) == 0u);
    BOOST_TEST(csv.find("Bảng 1. Tính đầy đủ và đúng hạn của báo cáo theo đơn vị\r\n") != std::string::npos);
    BOOST_TEST(csv.find("Đơn vị,Phải gửi,Đã gửi,Đúng hạn,Bị trả lại,Trạng thái,Đầy đủ (%),Đúng hạn (%)\r\n") !=
               std::string::npos);
    const std::string totals = "Tổng cộng," + std::to_string(district.expected) + "," +
                               std::to_string(district.received) + "," + std::to_string(district.onTime) + ",";
    BOOST_TEST(csv.find(totals) != std::string::npos, totals);
    const auto csvFile = dir / "tong-hop.csv";
    BOOST_REQUIRE(reports::writeCsv(doc, csvFile));
    BOOST_TEST(test::readFile(csvFile) == csv);
}

BOOST_AUTO_TEST_CASE(unit_report_xlsx_cells)
{
    const auto doc = reports::unitReportDocument(unit, Date{2024, 3, 10});
    const auto xlsx = dir / "bao-cao.xlsx";
    BOOST_REQUIRE(reports::writeXlsx(doc, xlsx));
    const std::string shared = run("/usr/bin/unzip", {"-p", xlsx.string(), "xl/sharedStrings.xml"});
    for (const char* s :
         {"Mô hình", "Tên mô hình", "Tiến độ (%)", "Phối hợp", "Chỉ tiêu", "Dịch vụ công trực tuyến", "dịch vụ",
          "Hợp lệ", "Chưa xác thực được", "Thiếu thiết bị đầu đọc CCCD gắn chip; đường truyền chậm."}) {
        BOOST_TEST(shared.find(s) != std::string::npos, s);
    }
    const std::string sheet2 = run("/usr/bin/unzip", {"-p", xlsx.string(), "xl/worksheets/sheet2.xml"});
    BOOST_TEST(sheet2.find("<v>25</v>") != std::string::npos); // target
    BOOST_TEST(sheet2.find("<v>10</v>") != std::string::npos); // actual
    BOOST_TEST(sheet2.find("<v>40</v>") != std::string::npos); // rate 10/25
    const std::string csv = reports::csvText(doc);
    BOOST_TEST(csv.find("Dịch vụ công trực tuyến,dịch vụ,25,10,40") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
