#include "reports/PdfWriter.h"

#include <algorithm>
#include <cairo-pdf.h>
#include <cairo.h>
#include <fstream>
#include <memory>
#include <optional>
#include <pango/pangocairo.h>

#include "domain/report/ReportTypes.h"
#include "reports/QrCode.h"

namespace da06::reports {

namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kA4Short = 210 * kMm;
constexpr double kA4Long = 297 * kMm;
constexpr double kTop = 20 * kMm;    // Decree 30/2020: top 20–25 mm
constexpr double kBottom = 20 * kMm; // bottom 20–25 mm
constexpr double kLeft = 30 * kMm;   // left 30–35 mm
constexpr double kRight = 15 * kMm;  // right 15–20 mm
constexpr double kBody = 13;         // body text 13–14 pt
constexpr double kTableSize = 11;
constexpr int kQrQuietZone = 4; // modules of white around a QR code (ISO/IEC 18004)

double pageWidth(const Document& d)
{
    return d.landscape ? kA4Long : kA4Short;
}

double pageHeight(const Document& d)
{
    return d.landscape ? kA4Short : kA4Long;
}

// Table text: 11 pt, smaller for wide tables (registers) so that a column keeps a few words a line.
double tableSize(const Table& t)
{
    const std::size_t n = t.columns.size();
    return n <= 9 ? kTableSize : n <= 11 ? kTableSize - 1 : kTableSize - 2;
}
constexpr const char* kFamily = "Liberation Serif";

std::string upperCase(const std::string& s)
{
    gchar* u = g_utf8_strup(s.c_str(), -1);
    std::string out(u);
    g_free(u);
    return out;
}

struct LayoutDeleter {
    void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

struct Style {
    double size = kBody;
    bool bold = false;
    bool italic = false;
    PangoAlignment align = PANGO_ALIGN_LEFT;
    bool justify = false;
    bool underline = false;
};

class Renderer {
public:
    // targetPage < 0: every page is drawn (PDF); else only that page is drawn (preview).
    Renderer(cairo_t* cr, int targetPage, bool pdf, bool landscape)
        : m_cr(cr), m_target(targetPage), m_pdf(pdf), m_pageW(landscape ? kA4Long : kA4Short),
          m_pageH(landscape ? kA4Short : kA4Long), m_width(m_pageW - kLeft - kRight)
    {
        m_context = pango_cairo_create_context(cr);
        cairo_font_options_t* fo = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(m_context, fo);
        cairo_font_options_destroy(fo);
    }
    ~Renderer() { g_object_unref(m_context); }
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    void render(const Document& d)
    {
        header(d.header);
        for (const auto& b : d.body) {
            if (const auto* h = std::get_if<Heading>(&b)) {
                keep(3 * kBody);
                m_y += 4;
                text(h->text, Style{kBody, true}, kLeft, m_width);
                m_y += 2;
            } else if (const auto* p = std::get_if<Paragraph>(&b)) {
                paragraphs(p->text, p->italic);
            } else if (const auto* t = std::get_if<TableRef>(&b)) {
                if (t->index < d.tables.size()) {
                    table(d.tables[t->index]);
                }
            } else if (const auto* c = std::get_if<BarChart>(&b)) {
                chart(*c);
            } else if (const auto* q = std::get_if<QrCode>(&b)) {
                qr(*q);
            }
        }
        closing(d);
    }

    int pages() const { return m_page + 1; }
    // The first block that could not be drawn (a QR code whose text cannot be encoded).
    const std::optional<Error>& error() const { return m_error; }

private:
    bool drawing() const { return m_target < 0 || m_page == m_target; }

    LayoutPtr layout(const std::string& s, const Style& st, double width)
    {
        LayoutPtr l(pango_layout_new(m_context));
        PangoFontDescription* fd = pango_font_description_new();
        pango_font_description_set_family(fd, kFamily);
        pango_font_description_set_absolute_size(fd, st.size * PANGO_SCALE);
        pango_font_description_set_weight(fd, st.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_style(fd, st.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
        pango_layout_set_font_description(l.get(), fd);
        pango_font_description_free(fd);
        pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(l.get(), st.align);
        pango_layout_set_justify(l.get(), st.justify);
        if (st.underline) {
            PangoAttrList* attrs = pango_attr_list_new();
            pango_attr_list_insert(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
            pango_layout_set_attributes(l.get(), attrs);
            pango_attr_list_unref(attrs);
        }
        pango_layout_set_text(l.get(), s.c_str(), static_cast<int>(s.size()));
        return l;
    }

    static double heightOf(PangoLayout* l)
    {
        int w = 0;
        int h = 0;
        pango_layout_get_size(l, &w, &h);
        return static_cast<double>(h) / PANGO_SCALE;
    }

    // The width of s on one line.
    double naturalWidth(const std::string& s, const Style& st)
    {
        auto l = layout(s, st, 0);
        pango_layout_set_width(l.get(), -1);
        return inkWidthOf(l.get());
    }

    static double inkWidthOf(PangoLayout* l)
    {
        PangoRectangle ink;
        PangoRectangle logical;
        pango_layout_get_extents(l, &ink, &logical);
        return static_cast<double>(logical.width) / PANGO_SCALE;
    }

    void show(PangoLayout* l, double x, double y)
    {
        if (drawing()) {
            cairo_set_source_rgb(m_cr, 0, 0, 0);
            cairo_move_to(m_cr, x, y);
            pango_cairo_show_layout(m_cr, l);
        }
    }

    void line(double x0, double y0, double x1, double y1, double width = 0.6)
    {
        if (drawing()) {
            cairo_set_source_rgb(m_cr, 0, 0, 0);
            cairo_set_line_width(m_cr, width);
            cairo_move_to(m_cr, x0, y0);
            cairo_line_to(m_cr, x1, y1);
            cairo_stroke(m_cr);
        }
    }

    void newPage()
    {
        if (m_pdf) {
            cairo_show_page(m_cr);
        }
        ++m_page;
        m_y = kTop;
        // Decree 30/2020: page numbers in Arabic figures at the top centre, from the second page.
        auto n = layout(std::to_string(m_page + 1), Style{kBody, false, false, PANGO_ALIGN_CENTER}, m_width);
        show(n.get(), kLeft, 10 * kMm);
    }

    // Starts a new page unless h points fit on this one.
    void keep(double h)
    {
        if (m_y + h > m_pageH - kBottom && m_y > kTop) {
            newPage();
        }
    }

    // A block of text, broken across pages line by line.
    void text(const std::string& s, const Style& st, double x, double width, double indent = 0, double lineGap = 1.5)
    {
        auto l = layout(s, st, width);
        pango_layout_set_indent(l.get(), static_cast<int>(indent * PANGO_SCALE));
        PangoLayoutIter* it = pango_layout_get_iter(l.get());
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(it, nullptr, &logical);
            const double h = static_cast<double>(logical.height) / PANGO_SCALE;
            if (m_y + h > m_pageH - kBottom) {
                newPage();
            }
            if (drawing()) {
                const double baseline =
                    static_cast<double>(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
                cairo_set_source_rgb(m_cr, 0, 0, 0);
                cairo_move_to(m_cr, x + static_cast<double>(logical.x) / PANGO_SCALE, m_y + baseline);
                pango_cairo_show_layout_line(m_cr, pango_layout_iter_get_line_readonly(it));
            }
            m_y += h + lineGap;
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
    }

    void paragraphs(const std::string& s, bool italic)
    {
        std::size_t start = 0;
        while (start <= s.size()) {
            auto end = s.find('\n', start);
            if (end == std::string::npos) {
                end = s.size();
            }
            const std::string para = s.substr(start, end - start);
            if (!para.empty()) {
                const bool item = para.rfind("- ", 0) == 0;
                text(para, Style{kBody, false, italic, PANGO_ALIGN_LEFT, true}, kLeft, m_width,
                     item ? 0 : 1.27 * 10 * kMm);
                m_y += 4; // space after a paragraph (6 pt is the decree's minimum between paragraphs with 1.5 pt line
                          // gaps)
            }
            start = end + 1;
        }
    }

    void header(const DocumentHeader& h)
    {
        const double leftW = m_width * 0.42;
        const double rightX = kLeft + m_width * 0.40;
        const double rightW = m_width * 0.60 + 4 * kMm;
        const double top = m_y;
        auto nation = layout("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Style{12, true, false, PANGO_ALIGN_CENTER}, rightW);
        // The issuer's block sits a little into the left margin, as usual, and ends 3 mm before the
        // national name. A name too long for it takes the room from 20 mm from the page's edge to
        // the national name; longer still, it wraps rather than run into the national name.
        const double nationStart = rightX + (rightW - inkWidthOf(nation.get())) / 2;
        double centre = kLeft - 8 * kMm + (leftW + 16 * kMm) / 2;
        double blockW = std::min(leftW + 16 * kMm, 2 * (nationStart - 3 * kMm - centre));
        const double widest =
            std::max({naturalWidth(upperCase(h.parentBody), Style{12}),
                      naturalWidth(upperCase(h.issuingBody), Style{12, true}), naturalWidth(h.number, Style{kBody})});
        if (widest > blockW) {
            const double wideLeft = kLeft - 10 * kMm;
            blockW = std::max(blockW, nationStart - 3 * kMm - wideLeft);
            centre = wideLeft + blockW / 2;
        }
        const double leftX = centre - blockW / 2;

        // Left: the parent body, the issuing body (bold) with a short rule, the number and symbol.
        double y = top;
        if (!h.parentBody.empty()) {
            auto p = layout(upperCase(h.parentBody), Style{12, false, false, PANGO_ALIGN_CENTER}, blockW);
            show(p.get(), leftX, y);
            y += heightOf(p.get());
        }
        auto issuer = layout(upperCase(h.issuingBody), Style{12, true, false, PANGO_ALIGN_CENTER}, blockW);
        show(issuer.get(), leftX, y);
        y += heightOf(issuer.get()) + 2;
        const double ruleW = leftW / 3;
        line(centre - ruleW / 2, y, centre + ruleW / 2, y);
        y += 6;
        auto number = layout(h.number, Style{kBody, false, false, PANGO_ALIGN_CENTER}, blockW);
        show(number.get(), leftX, y);
        const double numberY = y;
        if (!h.number.empty()) {
            y += heightOf(number.get());
        }

        // Right: the national name and motto (underlined by a rule as long as the motto), place and date.
        double ry = top;
        show(nation.get(), rightX, ry);
        ry += heightOf(nation.get());
        auto motto = layout("Độc lập - Tự do - Hạnh phúc", Style{kBody, true, false, PANGO_ALIGN_CENTER}, rightW);
        show(motto.get(), rightX, ry);
        ry += heightOf(motto.get()) + 2;
        const double mottoW = inkWidthOf(motto.get());
        line(rightX + (rightW - mottoW) / 2, ry, rightX + (rightW + mottoW) / 2, ry);
        // The date on the line of the number, and never on the motto's rule (no parent body, no number).
        const double dateY = std::max(numberY, ry + 6);
        std::string dateLine = report::vietnameseDateLine(h.place, h.date);
        if (h.place.empty() && !dateLine.empty()) {
            dateLine[0] = 'N'; // "Ngày 01 tháng 12 năm 2024" when there is no place name
        }
        auto date = layout(dateLine, Style{kBody, false, true, PANGO_ALIGN_CENTER}, rightW);
        show(date.get(), rightX, dateY);
        m_y = std::max(y, dateY + heightOf(date.get())) + 18;

        // Title, summary line, and a short rule under it.
        text(h.title, Style{14, true, false, PANGO_ALIGN_CENTER}, kLeft, m_width);
        const std::string& under = h.subtitle.empty() ? h.title : h.subtitle;
        auto sub = layout(under, Style{14, true, false, PANGO_ALIGN_CENTER}, m_width);
        if (!h.subtitle.empty()) {
            text(h.subtitle, Style{14, true, false, PANGO_ALIGN_CENTER}, kLeft, m_width);
        }
        const double subW = std::min(inkWidthOf(sub.get()), m_width) / 3;
        line(kLeft + (m_width - subW) / 2, m_y + 4, kLeft + (m_width + subW) / 2, m_y + 4);
        m_y += 18;
    }

    struct RowLayouts {
        std::vector<LayoutPtr> cells;
        double height = 0;
    };

    RowLayouts rowLayouts(const Table& t, const std::vector<Cell>& cells, const std::vector<double>& widths, bool bold,
                          bool head)
    {
        constexpr double pad = 3;
        RowLayouts r;
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const std::string s = c < cells.size() ? cells[c].text : std::string();
            const PangoAlignment align = head                   ? PANGO_ALIGN_CENTER
                                         : t.columns[c].numeric ? PANGO_ALIGN_RIGHT
                                                                : PANGO_ALIGN_LEFT;
            auto l = layout(s, Style{head ? tableSize(t) - 1 : tableSize(t), bold, false, align}, widths[c] - 2 * pad);
            if (head) {
                pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD); // headers break between words only
            }
            r.height = std::max(r.height, heightOf(l.get()) + 2 * pad);
            r.cells.push_back(std::move(l));
        }
        return r;
    }

    void drawRow(const RowLayouts& r, const std::vector<double>& widths, bool shaded)
    {
        constexpr double pad = 3;
        if (!drawing()) {
            m_y += r.height;
            return;
        }
        double x = kLeft;
        for (std::size_t c = 0; c < r.cells.size(); ++c) {
            if (shaded) {
                cairo_set_source_rgb(m_cr, 0.92, 0.92, 0.92);
                cairo_rectangle(m_cr, x, m_y, widths[c], r.height);
                cairo_fill(m_cr);
            }
            cairo_set_source_rgb(m_cr, 0, 0, 0);
            cairo_set_line_width(m_cr, 0.5);
            cairo_rectangle(m_cr, x, m_y, widths[c], r.height);
            cairo_stroke(m_cr);
            show(r.cells[c].get(), x + pad, m_y + pad);
            x += widths[c];
        }
        m_y += r.height;
    }

    // The width of the longest word of s: the least a cell needs so that no word is broken.
    double widestWord(const std::string& s, const Style& st)
    {
        if (s.empty()) {
            return 0;
        }
        auto l = layout(s, st, 1); // one word a line
        pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD);
        PangoRectangle logical;
        pango_layout_get_extents(l.get(), nullptr, &logical);
        return static_cast<double>(logical.width) / PANGO_SCALE;
    }

    // The columns' widths: in proportion to Column::width, except that a column is widened (and
    // the others narrowed) so that its longest word (a CCCD number, a date, an amount) fits on one
    // line, as long as the table's width allows it.
    std::vector<double> columnWidths(const Table& t, const std::vector<Cell>& headCells)
    {
        constexpr double pad = 3;
        const std::size_t n = t.columns.size();
        std::vector<double> need(n, 0.0);
        auto measure = [&](const std::vector<Cell>& cells, const Style& st) {
            for (std::size_t c = 0; c < n && c < cells.size(); ++c) {
                need[c] = std::max(need[c], widestWord(cells[c].text, st) + 2 * pad + 0.5);
            }
        };
        measure(headCells, Style{tableSize(t) - 1, true});
        for (const auto& row : t.rows) {
            measure(row, Style{tableSize(t)});
        }
        if (t.totals && !t.rows.empty()) {
            measure(totalsRow(t), Style{tableSize(t), true});
        }
        std::vector<bool> pinned(n, false); // held at their need
        for (std::size_t pass = 0; pass <= n; ++pass) {
            double room = m_width;
            double weight = 0;
            for (std::size_t c = 0; c < n; ++c) {
                if (pinned[c]) {
                    room -= need[c];
                } else {
                    weight += t.columns[c].width;
                }
            }
            if (room <= 0 || weight <= 0) {
                break;
            }
            std::vector<double> widths(n);
            bool changed = false;
            for (std::size_t c = 0; c < n; ++c) {
                widths[c] = pinned[c] ? need[c] : t.columns[c].width * room / weight;
                if (!pinned[c] && widths[c] < need[c]) {
                    pinned[c] = true;
                    changed = true;
                }
            }
            if (!changed) {
                return widths;
            }
        }
        // The words do not all fit: the widths in proportion to what each column needs.
        double sum = 0;
        for (double v : need) {
            sum += v;
        }
        std::vector<double> widths(n);
        for (std::size_t c = 0; c < n; ++c) {
            widths[c] = sum > 0 ? need[c] * m_width / sum : m_width / static_cast<double>(n);
        }
        return widths;
    }

    void table(const Table& t)
    {
        std::vector<Cell> headCells;
        for (const auto& c : t.columns) {
            headCells.push_back(Cell::of(c.header));
        }
        const std::vector<double> widths = columnWidths(t, headCells);
        const auto head = rowLayouts(t, headCells, widths, true, true);
        auto title = layout(t.title, Style{12, true, true, PANGO_ALIGN_CENTER}, m_width);
        const double firstRow = t.rows.empty() ? 0 : rowLayouts(t, t.rows.front(), widths, false, false).height;
        keep((t.title.empty() ? 0 : heightOf(title.get())) + head.height + firstRow + 8);
        m_y += 4;
        if (!t.title.empty()) {
            text(t.title, Style{12, true, true, PANGO_ALIGN_CENTER}, kLeft, m_width);
            m_y += 2;
        }
        drawRow(head, widths, true);
        auto emit = [&](const std::vector<Cell>& cells, bool bold) {
            const auto r = rowLayouts(t, cells, widths, bold, false);
            if (m_y + r.height > m_pageH - kBottom) {
                newPage();
                drawRow(rowLayouts(t, headCells, widths, true, true), widths, true); // the header again on each page
            }
            drawRow(r, widths, false);
        };
        for (const auto& row : t.rows) {
            emit(row, false);
        }
        if (t.totals && !t.rows.empty()) {
            emit(totalsRow(t), true);
        }
        if (!t.note.empty()) {
            m_y += 3;
            text(t.note, Style{kTableSize, false, true}, kLeft, m_width);
        }
        m_y += 6;
    }

    void chart(const BarChart& c)
    {
        constexpr double barH = 11;
        constexpr double gap = 3;
        const double labelW = m_width * 0.22;
        const double valueW = 40;
        const double areaX = kLeft + labelW + 4;
        const double areaW = m_width - labelW - valueW - 8;
        auto title = layout(c.title, Style{12, true, true, PANGO_ALIGN_CENTER}, m_width);
        keep(heightOf(title.get()) + 4 * (barH + gap) + 20);
        m_y += 4;
        text(c.title, Style{12, true, true, PANGO_ALIGN_CENTER}, kLeft, m_width);
        m_y += 4;
        // Scale: 0, 25, 50, 75, 100 % of the maximum.
        auto scaleLine = [&]() {
            for (int i = 0; i <= 4; ++i) {
                const double x = areaX + areaW * i / 4;
                auto l = layout(report::vietnameseNumber(c.maximum * i / 4, 0),
                                Style{9, false, false, PANGO_ALIGN_CENTER}, 30);
                show(l.get(), x - 15, m_y);
            }
            m_y += 12;
        };
        scaleLine();
        for (const auto& [label, value] : c.bars) {
            if (m_y + barH + gap > m_pageH - kBottom) {
                newPage();
                scaleLine();
            }
            auto l = layout(label, Style{10, false, false, PANGO_ALIGN_RIGHT}, labelW);
            show(l.get(), kLeft, m_y - 1);
            const double frac = c.maximum > 0 ? std::clamp(value / c.maximum, 0.0, 1.0) : 0;
            if (drawing()) {
                cairo_set_source_rgb(m_cr, 0.95, 0.95, 0.95);
                cairo_rectangle(m_cr, areaX, m_y, areaW, barH);
                cairo_fill(m_cr);
                cairo_set_source_rgb(m_cr, 0.16, 0.38, 0.66);
                cairo_rectangle(m_cr, areaX, m_y, areaW * frac, barH);
                cairo_fill(m_cr);
                cairo_set_source_rgb(m_cr, 0.6, 0.6, 0.6);
                cairo_set_line_width(m_cr, 0.3);
                for (int i = 0; i <= 4; ++i) {
                    cairo_move_to(m_cr, areaX + areaW * i / 4, m_y);
                    cairo_line_to(m_cr, areaX + areaW * i / 4, m_y + barH);
                }
                cairo_stroke(m_cr);
            }
            auto v = layout(report::vietnameseNumber(value, 1) + c.unit, Style{10}, valueW);
            show(v.get(), areaX + areaW + 4, m_y - 1);
            m_y += barH + gap;
        }
        m_y += 8;
    }

    // A QR code, centred, with its quiet zone and the caption under it, kept on one page.
    void qr(const QrCode& q)
    {
        auto m = encodeQr(q.payload);
        if (!m) {
            if (!m_error) {
                m_error = m.error();
            }
            text("[Không tạo được mã QR: " + m.error().message + "]",
                 Style{kTableSize, false, true, PANGO_ALIGN_CENTER}, kLeft, m_width);
            m_y += 6;
            return;
        }
        const double room = std::min(m_width, m_pageH - kTop - kBottom - 60);
        const double side = std::clamp(q.sizeMm * kMm, 10 * kMm, room * m->size / (m->size + 2 * kQrQuietZone));
        const double module = side / m->size;
        const double quiet = kQrQuietZone * module;
        const double total = side + 2 * quiet;
        const Style captionStyle{10, false, false, PANGO_ALIGN_CENTER};
        auto caption = layout(q.caption, captionStyle, m_width);
        const double captionH = q.caption.empty() ? 0 : heightOf(caption.get()) + 2;
        keep(total + captionH + 6);
        const double x0 = kLeft + (m_width - total) / 2;
        const double y0 = m_y;
        if (drawing()) {
            cairo_save(m_cr);
            cairo_set_source_rgb(m_cr, 1, 1, 1);
            cairo_rectangle(m_cr, x0, y0, total, total);
            cairo_fill(m_cr);
            // One path of the dark runs of each row, filled once: no seams between modules.
            cairo_set_source_rgb(m_cr, 0, 0, 0);
            cairo_set_fill_rule(m_cr, CAIRO_FILL_RULE_WINDING);
            for (int y = 0; y < m->size; ++y) {
                for (int x = 0; x < m->size;) {
                    if (!m->dark(x, y)) {
                        ++x;
                        continue;
                    }
                    int run = 1;
                    while (m->dark(x + run, y)) {
                        ++run;
                    }
                    cairo_rectangle(m_cr, x0 + quiet + x * module, y0 + quiet + y * module, run * module, module);
                    x += run;
                }
            }
            cairo_fill(m_cr);
            cairo_restore(m_cr);
        }
        m_y = y0 + total;
        if (!q.caption.empty()) {
            text(q.caption, captionStyle, kLeft, m_width);
        }
        m_y += 6;
    }

    void closing(const Document& d)
    {
        const double colW = m_width * 0.5;
        double itemsH = d.recipients.empty() ? 0 : 20;
        for (std::size_t i = 0; i < d.recipients.size(); ++i) {
            itemsH += 14;
        }
        auto title = layout(upperCase(d.signerTitle), Style{kBody, true, false, PANGO_ALIGN_CENTER}, colW);
        auto name = layout(d.signerName, Style{kBody, true, false, PANGO_ALIGN_CENTER}, colW);
        const double signatureH =
            heightOf(title.get()) + 70 + (d.signerName.empty() ? 0 : std::max(heightOf(name.get()), 25.0));
        keep(std::max(itemsH, signatureH) + 10); // the signature never alone at the top of a page
        m_y += 10;
        const double top = m_y;
        // Left: "Nơi nhận:" (bold italic 12 pt), the recipients (11 pt); nothing for documents that
        // are not sent anywhere (receipts, registers).
        double y = top;
        if (!d.recipients.empty()) {
            auto label = layout("Nơi nhận:", Style{12, true, true}, colW);
            show(label.get(), kLeft, top);
            y += heightOf(label.get());
        }
        for (const auto& r : d.recipients) {
            auto l = layout("- " + r, Style{11}, colW);
            show(l.get(), kLeft, y);
            y += heightOf(l.get());
        }
        // Right: the signer's title (bold, upper case), room for the signature and seal, the name (bold).
        show(title.get(), kLeft + colW, top);
        double ry = top + heightOf(title.get()) + 70;
        if (!d.signerName.empty()) {
            show(name.get(), kLeft + colW, ry);
            ry += heightOf(name.get());
        }
        m_y = std::max(y, ry);
    }

    cairo_t* m_cr;
    int m_target;
    bool m_pdf;
    double m_pageW;
    double m_pageH;
    double m_width; // between the margins
    PangoContext* m_context = nullptr;
    std::optional<Error> m_error;
    int m_page = 0;
    double m_y = kTop;
};

cairo_status_t appendToString(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

} // namespace

Status writePdf(const Document& d, const std::filesystem::path& file)
{
    std::string bytes;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(appendToString, &bytes, pageWidth(d), pageHeight(d));
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                   (d.header.title + " - " + d.header.subtitle).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "DA06 Desk");
    cairo_t* cr = cairo_create(surface);
    std::optional<Error> drawError;
    {
        Renderer r(cr, -1, true, d.landscape);
        r.render(d);
        drawError = r.error();
    }
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        return fail(ErrorCode::Internal, std::string("the PDF could not be drawn: ") + cairo_status_to_string(status));
    }
    if (drawError) {
        return std::unexpected(*drawError);
    }
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        return fail(ErrorCode::Io, "cannot write " + file.string() + ": check the folder exists and is writable");
    }
    return {};
}

int pageCount(const Document& d)
{
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
    cairo_t* cr = cairo_create(surface);
    int pages = 0;
    {
        Renderer r(cr, 1 << 30, false, d.landscape);
        r.render(d);
        pages = r.pages();
    }
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return pages;
}

namespace {

cairo_surface_t* renderSurface(const Document& d, int page, double dpi, int& pages, std::optional<Error>& error)
{
    const int w = static_cast<int>(pageWidth(d) * dpi / 72.0 + 0.5);
    const int h = static_cast<int>(pageHeight(d) * dpi / 72.0 + 0.5);
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, dpi / 72.0, dpi / 72.0);
    {
        Renderer r(cr, page, false, d.landscape);
        r.render(d);
        pages = r.pages();
        error = r.error();
    }
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    return surface;
}

} // namespace

Result<PageImage> renderPage(const Document& d, int page, double dpi)
{
    if (dpi <= 0 || dpi > 600) {
        return fail(ErrorCode::Usage, "the preview resolution must be between 1 and 600 dpi");
    }
    int pages = 0;
    std::optional<Error> error;
    cairo_surface_t* surface = renderSurface(d, page, dpi, pages, error);
    if (page < 0 || page >= pages) {
        cairo_surface_destroy(surface);
        return fail(ErrorCode::NotFound, "the document has " + std::to_string(pages) + " page(s)");
    }
    if (error) {
        cairo_surface_destroy(surface);
        return std::unexpected(*error);
    }
    PageImage img;
    img.width = cairo_image_surface_get_width(surface);
    img.height = cairo_image_surface_get_height(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    img.rgb.resize(static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height) * 3);
    for (int y = 0; y < img.height; ++y) {
        const auto* px = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        auto* out = img.rgb.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(img.width) * 3;
        for (int x = 0; x < img.width; ++x) {
            const std::uint32_t v = px[x];
            out[3 * x] = static_cast<std::uint8_t>((v >> 16) & 0xFF);
            out[3 * x + 1] = static_cast<std::uint8_t>((v >> 8) & 0xFF);
            out[3 * x + 2] = static_cast<std::uint8_t>(v & 0xFF);
        }
    }
    cairo_surface_destroy(surface);
    return img;
}

Status writePagePng(const Document& d, int page, double dpi, const std::filesystem::path& file)
{
    int pages = 0;
    std::optional<Error> error;
    cairo_surface_t* surface = renderSurface(d, page, dpi, pages, error);
    if (page < 0 || page >= pages) {
        cairo_surface_destroy(surface);
        return fail(ErrorCode::NotFound, "the document has " + std::to_string(pages) + " page(s)");
    }
    if (error) {
        cairo_surface_destroy(surface);
        return std::unexpected(*error);
    }
    const cairo_status_t st = cairo_surface_write_to_png(surface, file.string().c_str());
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS) {
        return fail(ErrorCode::Io, "cannot write " + file.string() + ": " + cairo_status_to_string(st));
    }
    return {};
}

} // namespace da06::reports
