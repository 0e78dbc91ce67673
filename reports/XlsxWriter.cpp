#include "reports/XlsxWriter.h"

#include <set>
#include <xlsxwriter.h>

#include "domain/report/ReportTypes.h"

namespace da06::reports {

std::string columnName(int column)
{
    std::string s;
    for (int c = column + 1; c > 0; c = (c - 1) / 26) {
        s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
    }
    return s;
}

namespace {

// Excel refuses sheet names longer than 31 characters, with []:*?/\ or repeated.
std::string sheetName(const std::string& wanted, std::set<std::string>& used)
{
    std::string base;
    std::size_t cps = 0;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(wanted[i]);
        if ((c & 0xC0) != 0x80) {
            if (cps == 28) {
                break;
            }
            ++cps;
        }
        base += std::string(":\\/?*[]").find(static_cast<char>(c)) == std::string::npos ? static_cast<char>(c) : '-';
    }
    if (base.empty()) {
        base = "Bảng";
    }
    std::string name = base;
    for (int n = 2; used.contains(name); ++n) {
        name = base + " " + std::to_string(n);
    }
    used.insert(name);
    return name;
}

} // namespace

Status writeXlsx(const Document& d, const std::filesystem::path& file)
{
    lxw_workbook_options options = {};
    options.constant_memory = LXW_FALSE;
    lxw_workbook* wb = workbook_new_opt(file.string().c_str(), &options);
    if (!wb) {
        return fail(ErrorCode::Io, "cannot create " + file.string());
    }
    lxw_format* head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_CENTER);
    format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_bg_color(head, 0xEAEAEA);
    lxw_format* textCell = workbook_add_format(wb);
    format_set_text_wrap(textCell);
    format_set_border(textCell, LXW_BORDER_THIN);
    format_set_align(textCell, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* intCell = workbook_add_format(wb);
    format_set_num_format(intCell, "#,##0");
    format_set_border(intCell, LXW_BORDER_THIN);
    lxw_format* decCell = workbook_add_format(wb);
    format_set_num_format(decCell, "#,##0.0##");
    format_set_border(decCell, LXW_BORDER_THIN);
    lxw_format* totalText = workbook_add_format(wb);
    format_set_bold(totalText);
    format_set_border(totalText, LXW_BORDER_THIN);
    lxw_format* totalNum = workbook_add_format(wb);
    format_set_bold(totalNum);
    format_set_num_format(totalNum, "#,##0.0##");
    format_set_border(totalNum, LXW_BORDER_THIN);
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

    std::set<std::string> used;
    for (const auto& t : d.tables) {
        lxw_worksheet* ws =
            workbook_add_worksheet(wb, sheetName(t.sheetName.empty() ? t.title : t.sheetName, used).c_str());
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const auto col = static_cast<lxw_col_t>(c);
            worksheet_set_column(ws, col, col, t.columns[c].numeric ? 12 : 10 + 8 * t.columns[c].width, nullptr);
            worksheet_write_string(ws, 0, col, t.columns[c].header.c_str(), head);
        }
        lxw_row_t r = 1;
        for (const auto& row : t.rows) {
            for (std::size_t c = 0; c < t.columns.size() && c < row.size(); ++c) {
                const auto col = static_cast<lxw_col_t>(c);
                if (t.columns[c].numeric && row[c].number) {
                    worksheet_write_number(ws, r, col, *row[c].number, t.columns[c].decimals > 0 ? decCell : intCell);
                } else {
                    worksheet_write_string(ws, r, col, row[c].text.c_str(), textCell);
                }
            }
            ++r;
        }
        if (t.totals && !t.rows.empty()) {
            const auto values = totalsRow(t);
            const std::string first = "2";
            const std::string last = std::to_string(r); // rows 2..r in A1 notation
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                const auto col = static_cast<lxw_col_t>(c);
                const auto& spec = t.columns[c];
                const std::string name = columnName(static_cast<int>(c));
                switch (spec.total) {
                case TotalKind::None:
                    worksheet_write_blank(ws, r, col, totalText);
                    break;
                case TotalKind::Label:
                    worksheet_write_string(ws, r, col, kTotalLabel, totalText);
                    break;
                case TotalKind::Sum:
                    worksheet_write_formula_num(ws, r, col, ("=SUM(" + name + first + ":" + name + last + ")").c_str(),
                                                totalNum, values[c].number.value_or(0));
                    break;
                case TotalKind::Ratio: {
                    const std::string of = columnName(spec.ratioOf);
                    const std::string over = columnName(spec.ratioOver);
                    const std::string f = "=IF(SUM(" + over + first + ":" + over + last + ")=0,0,ROUND(SUM(" + of +
                                          first + ":" + of + last + ")*100/SUM(" + over + first + ":" + over + last +
                                          "),1))";
                    worksheet_write_formula_num(ws, r, col, f.c_str(), totalNum, values[c].number.value_or(0));
                    break;
                }
                }
            }
            ++r;
        }
        if (!t.note.empty()) {
            worksheet_write_string(ws, r + 1, 0, t.note.c_str(), nullptr);
        }
        worksheet_freeze_panes(ws, 1, 0);
    }

    // The document itself: header, title, text of the body.
    lxw_worksheet* info = workbook_add_worksheet(wb, sheetName("Thông tin", used).c_str());
    worksheet_set_column(info, 0, 0, 28, nullptr);
    worksheet_set_column(info, 1, 1, 100, nullptr);
    lxw_row_t r = 0;
    auto pair = [&](const std::string& k, const std::string& v) {
        worksheet_write_string(info, r, 0, k.c_str(), bold);
        worksheet_write_string(info, r, 1, v.c_str(), wrap);
        ++r;
    };
    pair("Quốc hiệu, tiêu ngữ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc");
    pair("Cơ quan chủ quản", d.header.parentBody);
    pair("Cơ quan ban hành", d.header.issuingBody);
    pair("Số, ký hiệu", d.header.number);
    pair("Địa danh, ngày tháng", report::vietnameseDateLine(d.header.place, d.header.date));
    pair("Tên loại", d.header.title);
    pair("Trích yếu", d.header.subtitle);
    ++r;
    for (const auto& b : d.body) {
        if (const auto* h = std::get_if<Heading>(&b)) {
            worksheet_write_string(info, r++, 0, h->text.c_str(), bold);
        } else if (const auto* p = std::get_if<Paragraph>(&b)) {
            worksheet_write_string(info, r++, 1, p->text.c_str(), wrap);
        } else if (const auto* q = std::get_if<QrCode>(&b)) {
            // No image: the caption and the text the code holds.
            worksheet_write_string(info, r, 0, (q->caption.empty() ? std::string("Mã QR") : q->caption).c_str(), bold);
            worksheet_write_string(info, r++, 1, q->payload.c_str(), wrap);
        }
    }
    ++r;
    std::string recipients;
    for (const auto& x : d.recipients) {
        recipients += (recipients.empty() ? "- " : "\n- ") + x;
    }
    pair("Nơi nhận", recipients);
    pair("Người ký", d.signerTitle + (d.signerName.empty() ? "" : " - " + d.signerName));

    const lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) {
        return fail(ErrorCode::Io, "cannot write " + file.string() + ": " + lxw_strerror(err));
    }
    return {};
}

} // namespace da06::reports
