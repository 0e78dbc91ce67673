#include "reports/DeskDocuments.h"

#include <array>

namespace da06::reports {

// ---- Amounts --------------------------------------------------------------------------------------

namespace {

// The magnitude of an amount, without overflow for the smallest std::int64_t.
std::uint64_t magnitude(std::int64_t v)
{
    return v < 0 ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
}

std::string grouped(std::uint64_t v)
{
    const std::string digits = std::to_string(v);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += '.';
        }
        out += digits[i];
    }
    return out;
}

constexpr std::array<const char*, 10> kDigits = {"không", "một", "hai", "ba",  "bốn",
                                                 "năm",   "sáu", "bảy", "tám", "chín"};

void append(std::string& out, const std::string& word)
{
    if (!word.empty()) {
        out += (out.empty() ? "" : " ") + word;
    }
}

// Three digits. `full`: the group follows a larger one, so its hundreds and a lone unit are read
// ("không trăm linh năm"); a leading group reads only what it has ("năm", "hai mươi mốt").
std::string groupWords(unsigned n, bool full)
{
    const unsigned h = n / 100;
    const unsigned t = n / 10 % 10;
    const unsigned u = n % 10;
    std::string out;
    if (full || h > 0) {
        append(out, std::string(kDigits[h]) + " trăm");
    }
    if (t == 0) {
        if (u > 0) {
            if (!out.empty()) {
                append(out, "linh");
            }
            append(out, kDigits[u]);
        }
    } else if (t == 1) {
        append(out, "mười");
        if (u > 0) {
            append(out, u == 5 ? "lăm" : kDigits[u]);
        }
    } else {
        append(out, std::string(kDigits[t]) + " mươi");
        if (u > 0) {
            append(out, u == 1 ? "mốt" : u == 5 ? "lăm" : kDigits[u]);
        }
    }
    return out;
}

// n > 0. Groups of three digits with "nghìn" and "triệu"; "tỷ" takes the number of billions,
// itself read the same way (so 10^12 is "một nghìn tỷ"). Groups of zeros are left out.
std::string numberWords(std::uint64_t n, bool leading)
{
    constexpr std::uint64_t billion = 1'000'000'000;
    std::string out;
    if (n >= billion) {
        append(out, numberWords(n / billion, leading) + " tỷ");
        n %= billion;
        leading = false;
    }
    const std::array<std::pair<std::uint64_t, const char*>, 3> scales = {
        {{1'000'000, "triệu"}, {1'000, "nghìn"}, {1, ""}}};
    for (const auto& [scale, name] : scales) {
        const auto group = static_cast<unsigned>(n / scale % 1000);
        if (group == 0) {
            continue;
        }
        std::string words = groupWords(group, !leading);
        if (*name) {
            words += std::string(" ") + name;
        }
        append(out, words);
        leading = false;
    }
    return out;
}

} // namespace

std::string vndAmount(std::int64_t dong)
{
    return (dong < 0 ? "-" : "") + grouped(magnitude(dong)) + " đồng";
}

std::string vndInWords(std::int64_t dong)
{
    if (dong == 0) {
        return "Không đồng";
    }
    std::string words = numberWords(magnitude(dong), true);
    if (dong < 0) {
        return "Âm " + words + " đồng";
    }
    words[0] = static_cast<char>(words[0] - 'a' + 'A'); // every number word starts with an ASCII letter
    return words + " đồng";
}

std::string maskIdNumber(const std::string& id)
{
    const bool cccd = id.size() == 12 && id.find_first_not_of("0123456789") == std::string::npos;
    if (cccd) {
        return id.substr(0, 3) + "******" + id.substr(9);
    }
    // Code points, so that a stray non-ASCII character is masked as one.
    std::vector<std::string> chars;
    for (std::size_t i = 0; i < id.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(id[i]);
        if ((c & 0xC0) != 0x80 || chars.empty()) {
            chars.emplace_back();
        }
        chars.back() += id[i];
    }
    const std::size_t shown = chars.size() > 3 ? 3 : 0;
    std::string out(chars.size() - shown, '*');
    for (std::size_t i = chars.size() - shown; i < chars.size(); ++i) {
        out += chars[i];
    }
    return out;
}

// ---- Documents ------------------------------------------------------------------------------------

namespace {

Cell money(std::int64_t v)
{
    return Cell::num(static_cast<double>(v));
}

} // namespace

Document receiptDocument(const Receipt& r)
{
    Document d;
    d.header.parentBody = r.parentBody;
    d.header.issuingBody = r.issuingBody;
    d.header.place = r.place;
    d.header.date = r.date;
    d.header.title = r.title;
    d.header.subtitle = r.reference.empty() ? std::string() : "Số tham chiếu: " + r.reference;

    Table lines;
    lines.sheetName = "Biên nhận";
    lines.columns = {textColumn("Nội dung", 1.3), textColumn("Thông tin", 3.2)};
    if (!r.time.empty()) {
        lines.rows.push_back({Cell::of("Thời gian"), Cell::of(r.time + " ngày " + r.date.toVietnamese())});
    }
    for (const auto& l : r.lines) {
        lines.rows.push_back({Cell::of(l.label), Cell::of(l.value)});
    }
    if (!lines.rows.empty()) {
        d.tables.push_back(std::move(lines));
        d.body.push_back(TableRef{0});
    }
    if (!r.amountInWords.empty()) {
        d.body.push_back(Paragraph{"Bằng chữ: " + r.amountInWords, true});
    }
    if (!r.qrPayload.empty()) {
        d.body.push_back(QrCode{r.qrPayload, 28, r.reference});
    }
    if (!r.note.empty()) {
        d.body.push_back(Paragraph{r.note, true});
    }
    d.signerTitle = r.signerTitle;
    d.signerName = r.signerName;
    return d;
}

Document pawnRegisterDocument(const PawnRegister& r)
{
    Document d;
    d.landscape = true;
    d.header.issuingBody = r.businessName;
    d.header.date = r.issued;
    d.header.title = "SỔ THEO DÕI CẦM ĐỒ";
    d.header.subtitle = "Từ ngày " + r.from.toVietnamese() + " đến ngày " + r.to.toVietnamese();

    d.body.push_back(Paragraph{"Cơ sở kinh doanh dịch vụ cầm đồ: " + r.businessName +
                                   (r.address.empty() ? std::string() : "; địa chỉ: " + r.address) + ".",
                               false});
    Table t;
    t.title = "Danh sách hợp đồng cầm đồ";
    t.sheetName = "Sổ theo dõi cầm đồ";
    // The number, code and date columns are widened to their longest word by the PDF writer; the
    // weights share the rest among the columns of text.
    t.columns = {textColumn("STT", 0.3),
                 textColumn("Số HĐ", 0.6),
                 textColumn("Họ và tên", 1.4, TotalKind::Label),
                 textColumn("Số CCCD", 0.8),
                 textColumn("Ngày sinh", 0.7),
                 textColumn("Nơi cư trú", 2.0),
                 textColumn("Tài sản cầm cố", 1.9),
                 numberColumn("Giá trị (đồng)", 0.8),
                 numberColumn("Số tiền cho vay (đồng)", 0.8),
                 numberColumn("Lãi suất (%/tháng)", 0.5, TotalKind::None, 2),
                 textColumn("Ngày cầm", 0.7),
                 textColumn("Hạn chuộc", 0.7),
                 textColumn("Tình trạng", 1.1),
                 textColumn("Cảnh báo", 1.6)};
    int alerts = 0;
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        const auto& row = r.rows[i];
        const std::string status = row.closedDate.empty()
                                       ? row.status
                                       : row.status + (row.status.empty() ? "" : " ") + "(" + row.closedDate + ")";
        t.rows.push_back({Cell::of(std::to_string(i + 1)), Cell::of(row.number), Cell::of(row.customerName),
                          Cell::of(row.idNumber), Cell::of(row.dateOfBirth), Cell::of(row.address), Cell::of(row.item),
                          money(row.value), money(row.loan), Cell::num(row.interestPercentPerMonth, 2),
                          Cell::of(row.startDate), Cell::of(row.dueDate), Cell::of(status), Cell::of(row.alerts)});
        alerts += row.alerts.empty() ? 0 : 1;
    }
    t.totals = !t.rows.empty();
    if (t.rows.empty()) {
        t.note = "Không có hợp đồng cầm đồ nào trong kỳ.";
    } else {
        t.note =
            "Số hợp đồng trong kỳ: " + std::to_string(t.rows.size()) + "; có cảnh báo: " + std::to_string(alerts) + ".";
    }
    d.tables.push_back(std::move(t));
    d.body.push_back(TableRef{0});
    d.signerTitle = "CHỦ CƠ SỞ KINH DOANH";
    return d;
}

Document reconciliationDocument(const Reconciliation& r)
{
    Document d;
    d.header.parentBody = r.parentBody;
    d.header.issuingBody = r.issuingBody;
    d.header.place = r.place;
    d.header.date = r.issued;
    d.header.title = "BẢNG ĐỐI CHIẾU DANH SÁCH VÀ CHI TRẢ";
    d.header.subtitle = r.period.empty() ? std::string() : "Kỳ chi trả: " + r.period;

    long listed = 0;
    long paid = 0;
    std::int64_t listedAmount = 0;
    std::int64_t paidAmount = 0;
    Table t;
    t.title = "Bảng 1. Đối chiếu theo chương trình và đối tượng";
    t.sheetName = "Đối chiếu chi trả";
    t.columns = {textColumn("Chương trình", 2.0, TotalKind::Label),
                 textColumn("Đối tượng", 1.6),
                 textColumn("Kỳ", 0.6),
                 numberColumn("Số người trong danh sách", 1.1),
                 numberColumn("Đã nhận", 0.8),
                 numberColumn("Chưa nhận", 0.8),
                 numberColumn("Tiền theo danh sách (đồng)", 1.2),
                 numberColumn("Đã chi (đồng)", 1.2)};
    for (const auto& row : r.rows) {
        t.rows.push_back({Cell::of(row.programme), Cell::of(row.category), Cell::of(row.period), Cell::num(row.listed),
                          Cell::num(row.paid), Cell::num(row.listed - row.paid), money(row.listedAmount),
                          money(row.paidAmount)});
        listed += row.listed;
        paid += row.paid;
        listedAmount += row.listedAmount;
        paidAmount += row.paidAmount;
    }
    t.totals = !t.rows.empty();
    if (t.rows.empty()) {
        t.note = "Không có danh sách chi trả nào trong kỳ.";
    }
    d.body.push_back(Paragraph{
        "Số người trong danh sách: " + std::to_string(listed) + "; đã nhận: " + std::to_string(paid) +
            "; chưa nhận: " + std::to_string(listed - paid) + ". Số tiền theo danh sách: " + vndAmount(listedAmount) +
            "; đã chi: " + vndAmount(paidAmount) + "; còn lại: " + vndAmount(listedAmount - paidAmount) + ".",
        false});
    d.body.push_back(Heading{"I. ĐỐI CHIẾU THEO CHƯƠNG TRÌNH, ĐỐI TƯỢNG"});
    d.tables.push_back(std::move(t));
    d.body.push_back(TableRef{0});

    d.body.push_back(Heading{"II. DANH SÁCH NGƯỜI CHƯA NHẬN"});
    if (r.unpaid.empty()) {
        d.body.push_back(Paragraph{"Không có: tất cả người trong danh sách đã nhận.", false});
    } else {
        Table u;
        u.title = "Bảng 2. Người trong danh sách chưa nhận";
        u.sheetName = "Chưa nhận";
        u.columns = {textColumn("STT", 0.5), textColumn("Họ và tên", 3.0), textColumn("Số CCCD", 2.0)};
        for (std::size_t i = 0; i < r.unpaid.size(); ++i) {
            u.rows.push_back(
                {Cell::of(std::to_string(i + 1)), Cell::of(r.unpaid[i].first), Cell::of(r.unpaid[i].second)});
        }
        d.tables.push_back(std::move(u));
        d.body.push_back(TableRef{1});
    }
    d.recipients = {"Lưu: VT."};
    d.signerTitle = "THỦ TRƯỞNG ĐƠN VỊ";
    return d;
}

} // namespace da06::reports
