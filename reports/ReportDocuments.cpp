#include "reports/ReportDocuments.h"

#include <map>

#include "domain/report/CheckCountSource.h"

namespace da06::reports {

using report::ModelOutcome;

std::string statusLabel(const std::optional<report::ReportStatus>& s)
{
    if (!s) {
        return "Chưa gửi";
    }
    switch (*s) {
    case report::ReportStatus::Draft:
        return "Dự thảo (chưa gửi)";
    case report::ReportStatus::Submitted:
        return "Đã gửi";
    case report::ReportStatus::Accepted:
        return "Đã tiếp nhận";
    case report::ReportStatus::Returned:
        return "Bị trả lại";
    }
    return "";
}

std::string deadlineStateLabel(work::DeadlineState s)
{
    using work::DeadlineState;
    switch (s) {
    case DeadlineState::NoDeadline:
        return "Không có thời hạn";
    case DeadlineState::OnTrack:
        return "Đúng tiến độ";
    case DeadlineState::AtRisk:
        return "Có nguy cơ chậm";
    case DeadlineState::DueSoon:
        return "Sắp đến hạn";
    case DeadlineState::Overdue:
        return "Quá hạn";
    case DeadlineState::DoneOnTime:
        return "Hoàn thành đúng hạn";
    case DeadlineState::DoneLate:
        return "Hoàn thành muộn";
    case DeadlineState::Cancelled:
        return "Đã hủy";
    }
    return "";
}

std::string outcomeLabel(ModelOutcome o)
{
    switch (o) {
    case ModelOutcome::Done:
        return "Hoàn thành";
    case ModelOutcome::InProgress:
        return "Đang triển khai";
    case ModelOutcome::Late:
        return "Chậm tiến độ";
    case ModelOutcome::NotStarted:
        return "Chưa triển khai";
    }
    return "";
}

std::string methodLabel(const std::string& m)
{
    if (m == "qr") {
        return "Mã QR";
    }
    if (m == "chip") {
        return "Chip CCCD";
    }
    if (m == "manual") {
        return "Nhập thủ công";
    }
    return m;
}

std::string checkOutcomeLabel(const std::string& o)
{
    if (o == "valid") {
        return "Hợp lệ";
    }
    if (o == "warning") {
        return "Cảnh báo";
    }
    if (o == "invalid") {
        return "Không hợp lệ";
    }
    if (o == "unverified") {
        return "Chưa xác thực được";
    }
    return o;
}

namespace {

Column ratio(std::string h, double w, int of, int over)
{
    Column c = numberColumn(std::move(h), w, TotalKind::Ratio, 1);
    c.ratioOf = of;
    c.ratioOver = over;
    return c;
}

std::string dueText(const report::ModelLine& m)
{
    if (m.due) {
        return m.due->toVietnamese();
    }
    if (m.deadlineKind == "recurring") {
        return "Thường xuyên";
    }
    if (m.deadlineKind == "completed") {
        return "Đã xong";
    }
    return "—";
}

std::string numberLine(const std::string& docNumber, const std::string& symbol)
{
    return "Số: " + (docNumber.empty() ? std::string("      /") + symbol : docNumber);
}

// The identity-check table: one row per desk model and method, the outcomes as columns.
Table checksTable(const report::CheckCounts& checks, const std::string& title)
{
    Table t;
    t.title = title;
    t.sheetName = "Kiểm tra danh tính";
    t.columns = {textColumn("Mô hình", 0.8, TotalKind::Label), textColumn("Phương thức", 1.4)};
    for (const char* o : report::kCheckOutcomes) {
        t.columns.push_back(numberColumn(checkOutcomeLabel(o), 1.1));
    }
    t.columns.push_back(numberColumn("Tổng", 0.8));
    std::map<std::pair<int, std::string>, std::map<std::string, long>> grid;
    std::vector<std::pair<int, std::string>> order;
    for (const auto& r : checks.rows) {
        const auto key = std::make_pair(r.model, r.method);
        if (!grid.contains(key)) {
            order.push_back(key);
        }
        grid[key][r.outcome] += r.count;
    }
    for (const auto& key : order) {
        std::vector<Cell> row = {Cell::num(key.first), Cell::of(methodLabel(key.second))};
        row[0].number.reset(); // the model number is a label, not a quantity
        long sum = 0;
        for (const char* o : report::kCheckOutcomes) {
            const long v = grid[key][o];
            sum += v;
            row.push_back(Cell::num(static_cast<double>(v)));
        }
        row.push_back(Cell::num(static_cast<double>(sum)));
        t.rows.push_back(std::move(row));
    }
    t.totals = !t.rows.empty();
    if (!checks.available) {
        t.note = checks.note.empty() ? report::kNoCheckRecordsNote : checks.note;
    }
    if (t.rows.empty()) {
        t.note = "Đơn vị không thực hiện mô hình nào có kiểm tra danh tính tại quầy.";
    }
    return t;
}

void addParagraphs(Document& d, const std::string& text, const std::string& ifEmpty)
{
    d.body.push_back(Paragraph{text.empty() ? ifEmpty : text, text.empty()});
}

} // namespace

Document unitReportDocument(const report::UnitReport& r, const Date& issued)
{
    Document d;
    d.header.parentBody = r.parentName; // the PDF writer upper-cases header lines (Unicode-aware)
    d.header.issuingBody = r.unitName;
    d.header.number = numberLine(r.docNumber, "BC");
    d.header.place = r.province;
    d.header.date = issued;
    d.header.title = "BÁO CÁO";
    d.header.subtitle = "Kết quả thực hiện Đề án 06 " + r.period.vietnameseName();

    d.body.push_back(Paragraph{"Thực hiện Kế hoạch " + r.planKey + " về " + r.planTitle + ", " + r.unitName +
                                   " báo cáo kết quả thực hiện " + r.period.vietnameseName() + " (số liệu từ ngày " +
                                   r.period.dataFrom.toVietnamese() + " đến ngày " + r.period.dataTo.toVietnamese() +
                                   ") như sau:",
                               false});
    d.body.push_back(Heading{"I. KẾT QUẢ THỰC HIỆN"});
    addParagraphs(d, r.narrative.results, "(Chưa có nội dung.)");

    Table models;
    models.title = "Bảng 1. Tiến độ thực hiện các mô hình";
    models.sheetName = "Tiến độ mô hình";
    models.columns = {textColumn("Mô hình", 0.75, TotalKind::Label),
                      textColumn("Tên mô hình", 2.7),
                      textColumn("Vai trò", 0.85),
                      textColumn("Thời hạn", 1.5),
                      textColumn("Tình trạng", 1.25),
                      numberColumn("Tiến độ (%)", 0.8, TotalKind::None),
                      numberColumn("Nhiệm vụ", 0.9),
                      numberColumn("Hoàn thành", 0.95),
                      numberColumn("Quá hạn", 0.8)};
    models.totals = true;
    for (const auto& m : r.models) {
        models.rows.push_back({Cell::of(std::to_string(m.number)), Cell::of(m.title),
                               Cell::of(m.role == "lead" ? "Chủ trì" : "Phối hợp"), Cell::of(dueText(m)),
                               Cell::of(outcomeLabel(m.outcome())), Cell::num(m.percent), Cell::num(m.tasks),
                               Cell::num(m.done), Cell::num(m.overdue)});
    }
    if (r.models.empty()) {
        models.note = "Đơn vị chưa được giao mô hình nào.";
    }
    d.tables.push_back(std::move(models));
    d.body.push_back(TableRef{0});

    BarChart chart;
    chart.title = "Biểu đồ 1. Tỷ lệ hoàn thành (%) theo mô hình";
    for (const auto& m : r.models) {
        chart.bars.emplace_back("Mô hình " + std::to_string(m.number), m.percent);
    }
    if (!chart.bars.empty()) {
        d.body.push_back(chart);
    }

    Table inds;
    inds.title = "Bảng 2. Chỉ tiêu (kế hoạch và thực hiện)";
    inds.sheetName = "Chỉ tiêu";
    inds.columns = {textColumn("Mô hình", 0.7),
                    textColumn("Chỉ tiêu", 3.0),
                    textColumn("Đơn vị tính", 1.1),
                    numberColumn("Kế hoạch", 1.0, TotalKind::None, 3),
                    numberColumn("Thực hiện", 1.0, TotalKind::None, 3),
                    numberColumn("Tỷ lệ (%)", 0.9, TotalKind::None, 1)};
    for (const auto& m : r.models) {
        for (const auto& i : m.indicators) {
            std::vector<Cell> row = {Cell::of(std::to_string(m.number)), Cell::of(i.name), Cell::of(i.unitOfMeasure)};
            row.push_back(i.target ? Cell::num(*i.target, 3) : Cell::of("—"));
            row.push_back(i.actual ? Cell::num(*i.actual, 3) : Cell::of("—"));
            row.push_back(i.target && i.actual && *i.target != 0 ? Cell::num(*i.actual * 100.0 / *i.target, 1)
                                                                 : Cell::of("—"));
            inds.rows.push_back(std::move(row));
        }
    }
    if (inds.rows.empty()) {
        inds.note = "Chưa có chỉ tiêu nào được cập nhật.";
    }
    d.tables.push_back(std::move(inds));
    d.body.push_back(TableRef{1});

    d.tables.push_back(checksTable(r.checks, "Bảng 3. Kiểm tra danh tính tại quầy theo phương thức và kết quả"));
    d.body.push_back(TableRef{2});

    d.body.push_back(Heading{"II. KHÓ KHĂN, VƯỚNG MẮC"});
    addParagraphs(d, r.narrative.difficulties, "Không có.");
    d.body.push_back(Heading{"III. ĐỀ XUẤT, KIẾN NGHỊ"});
    addParagraphs(d, r.narrative.proposals, "Không có.");
    d.body.push_back(Heading{"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG TỚI"});
    addParagraphs(d, r.narrative.nextPlan, "(Chưa có nội dung.)");

    d.recipients = {"Công an tỉnh (Thường trực Tổ công tác Đề án 06);", "Lưu: VT."};
    d.signerTitle = "THỦ TRƯỞNG ĐƠN VỊ";
    d.signerName = r.signer;
    return d;
}

Document compilationDocument(const report::Compilation& c, const Date& issued)
{
    Document d;
    d.header.parentBody = c.parentName;
    d.header.issuingBody = c.scopeName;
    d.header.number = numberLine(c.docNumber, "BC-TH");
    d.header.place = c.province;
    d.header.date = issued;
    d.header.title = "BÁO CÁO TỔNG HỢP";
    d.header.subtitle = "Kết quả thực hiện Đề án 06 " + c.period.vietnameseName() + " trên địa bàn " + c.scopeName;

    d.body.push_back(Heading{"I. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ"});
    d.body.push_back(Paragraph{
        "Số báo cáo phải gửi: " + std::to_string(c.expected) + "; đã gửi: " + std::to_string(c.received) +
            " (tỷ lệ đầy đủ " + report::vietnameseNumber(c.completeness) + "%); đúng hạn: " + std::to_string(c.onTime) +
            " (tỷ lệ đúng hạn " + report::vietnameseNumber(c.timeliness) +
            "%); bị trả lại: " + std::to_string(c.returned) + "; chưa gửi: " + std::to_string(c.missing) +
            ". Hạn gửi báo cáo: ngày " + c.period.due.toVietnamese() + ".",
        false});
    Table units;
    units.title = "Bảng 1. Tính đầy đủ và đúng hạn của báo cáo theo đơn vị";
    units.sheetName = "Đầy đủ, đúng hạn";
    units.columns = {textColumn("Đơn vị", 3.0, TotalKind::Label),
                     numberColumn("Phải gửi", 0.8),
                     numberColumn("Đã gửi", 0.8),
                     numberColumn("Đúng hạn", 0.8),
                     numberColumn("Bị trả lại", 0.8),
                     textColumn("Trạng thái", 1.3),
                     ratio("Đầy đủ (%)", 0.9, 2, 1),
                     ratio("Đúng hạn (%)", 0.9, 3, 1)};
    units.totals = true;
    for (const auto& u : c.units) {
        units.rows.push_back({Cell::of(u.unitName), Cell::num(u.expected), Cell::num(u.received), Cell::num(u.onTime),
                              Cell::num(u.returned), Cell::of(statusLabel(u.status)),
                              Cell::num(report::ratePercent(u.received, u.expected), 1),
                              Cell::num(report::ratePercent(u.onTime, u.expected), 1)});
    }
    d.tables.push_back(std::move(units));
    d.body.push_back(TableRef{0});

    d.body.push_back(Heading{"II. KẾT QUẢ THỰC HIỆN CÁC MÔ HÌNH"});
    Table models;
    models.title = "Bảng 2. Kết quả theo mô hình (theo báo cáo đã nhận)";
    models.sheetName = "Theo mô hình";
    models.columns = {textColumn("Mô hình", 0.7, TotalKind::Label),
                      textColumn("Tên mô hình", 3.0),
                      numberColumn("Số đơn vị", 0.8),
                      numberColumn("Hoàn thành", 0.9),
                      numberColumn("Đang triển khai", 0.9),
                      numberColumn("Chậm tiến độ", 0.9),
                      numberColumn("Chưa triển khai", 0.9),
                      numberColumn("Tiến độ bình quân (%)", 1.0, TotalKind::None)};
    models.totals = true;
    for (const auto& m : c.models) {
        models.rows.push_back({Cell::of(std::to_string(m.number)), Cell::of(m.title), Cell::num(m.units),
                               Cell::num(m.done), Cell::num(m.inProgress), Cell::num(m.late), Cell::num(m.notStarted),
                               Cell::num(m.percent)});
    }
    if (c.models.empty()) {
        models.note = "Chưa nhận được báo cáo nào.";
    }
    d.tables.push_back(std::move(models));
    d.body.push_back(TableRef{1});
    BarChart chart;
    chart.title = "Biểu đồ 1. Tiến độ bình quân (%) theo mô hình";
    for (const auto& m : c.models) {
        chart.bars.emplace_back("Mô hình " + std::to_string(m.number), m.percent);
    }
    if (!chart.bars.empty()) {
        d.body.push_back(chart);
    }

    Table inds;
    inds.title = "Bảng 3. Tổng hợp chỉ tiêu";
    inds.sheetName = "Chỉ tiêu";
    inds.columns = {textColumn("Mô hình", 0.7),
                    textColumn("Chỉ tiêu", 2.8),
                    textColumn("Đơn vị tính", 1.0),
                    numberColumn("Số đơn vị", 0.8, TotalKind::None),
                    numberColumn("Kế hoạch", 1.0, TotalKind::None, 3),
                    numberColumn("Thực hiện", 1.0, TotalKind::None, 3),
                    numberColumn("Tỷ lệ (%)", 0.9, TotalKind::None, 1)};
    for (const auto& i : c.indicators) {
        inds.rows.push_back({Cell::of(std::to_string(i.model)), Cell::of(i.name), Cell::of(i.unitOfMeasure),
                             Cell::num(i.units), Cell::num(i.target, 3), Cell::num(i.actual, 3),
                             i.target != 0 ? Cell::num(i.actual * 100.0 / i.target, 1) : Cell::of("—")});
    }
    if (inds.rows.empty()) {
        inds.note = "Chưa có chỉ tiêu nào trong các báo cáo đã nhận.";
    }
    d.tables.push_back(std::move(inds));
    d.body.push_back(TableRef{2});
    d.tables.push_back(checksTable(c.checks, "Bảng 4. Kiểm tra danh tính tại quầy theo phương thức và kết quả"));
    d.body.push_back(TableRef{3});

    d.body.push_back(Heading{"III. CÁC MÔ HÌNH CHẬM TIẾN ĐỘ"});
    Table overdue;
    overdue.title = "Bảng 5. Mô hình chậm tiến độ và đơn vị chịu trách nhiệm";
    overdue.sheetName = "Chậm tiến độ";
    overdue.columns = {textColumn("Mô hình", 0.7), textColumn("Tên mô hình", 2.6),
                       numberColumn("Số đơn vị", 0.8, TotalKind::None), textColumn("Đơn vị chịu trách nhiệm", 3.0)};
    for (const auto& o : c.overdue) {
        std::string names;
        for (std::size_t i = 0; i < o.units.size(); ++i) {
            names += (i ? "; " : "") + o.units[i];
        }
        overdue.rows.push_back({Cell::of(std::to_string(o.number)), Cell::of(o.title),
                                Cell::num(static_cast<double>(o.units.size())), Cell::of(names)});
    }
    if (overdue.rows.empty()) {
        overdue.note = "Không có mô hình chậm tiến độ.";
    }
    d.tables.push_back(std::move(overdue));
    d.body.push_back(TableRef{4});

    d.body.push_back(Heading{"IV. XU HƯỚNG QUA CÁC THÁNG"});
    Table trends;
    trends.title = "Bảng 6. Tỷ lệ báo cáo đầy đủ, đúng hạn và tiến độ bình quân theo tháng";
    trends.sheetName = "Xu hướng";
    trends.columns = {textColumn("Tháng", 1.0, TotalKind::Label),
                      numberColumn("Phải gửi", 0.9),
                      numberColumn("Đã gửi", 0.9),
                      numberColumn("Đúng hạn", 0.9),
                      ratio("Đầy đủ (%)", 1.0, 2, 1),
                      ratio("Đúng hạn (%)", 1.0, 3, 1),
                      numberColumn("Tiến độ bình quân (%)", 1.2, TotalKind::None)};
    trends.totals = true;
    BarChart trendChart;
    trendChart.title = "Biểu đồ 2. Tỷ lệ báo cáo đầy đủ (%) theo tháng";
    for (const auto& t : c.trends) {
        const std::string label = t.period.substr(5, 2) + "/" + t.period.substr(0, 4);
        trends.rows.push_back({Cell::of(label), Cell::num(t.expected), Cell::num(t.received), Cell::num(t.onTime),
                               Cell::num(t.completeness, 1), Cell::num(t.timeliness, 1), Cell::num(t.percent)});
        trendChart.bars.emplace_back(label, t.completeness);
    }
    d.tables.push_back(std::move(trends));
    d.body.push_back(TableRef{5});
    if (!trendChart.bars.empty()) {
        d.body.push_back(trendChart);
    }

    d.body.push_back(Heading{"V. ĐÁNH GIÁ CHUNG"});
    addParagraphs(d, c.narrative, "(Chưa có nội dung.)");

    d.recipients = {c.level == "province" ? "Ban Chỉ đạo Đề án 06 tỉnh;"
                                          : "Công an tỉnh (Thường trực Tổ công tác Đề án 06);",
                    "Tổ công tác Đề án 06;", "Lưu: VT."};
    d.signerTitle = c.level == "province" ? "TỔ TRƯỞNG TỔ CÔNG TÁC" : "THỦ TRƯỞNG ĐƠN VỊ";
    d.signerName = c.signer;
    return d;
}

} // namespace da06::reports
