#include "reports/CsvWriter.h"

#include <cmath>
#include <cstdio>
#include <fstream>

namespace da06::reports {

namespace {

std::string quote(const std::string& s)
{
    if (s.find_first_of(",\"\r\n") == std::string::npos) {
        return s;
    }
    std::string out = "\"";
    for (char c : s) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

std::string isoNumber(double v)
{
    if (std::fabs(v - std::round(v)) < 1e-9) {
        return std::to_string(static_cast<long long>(std::llround(v)));
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') {
        s.pop_back();
    }
    return s;
}

std::string cellText(const Column& c, const Cell& cell)
{
    return c.numeric && cell.number ? isoNumber(*cell.number) : quote(cell.text);
}

} // namespace

std::string csvText(const Document& d)
{
    std::string out = "\xEF\xBB\xBF";
    auto line = [&](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            out += (i ? "," : "") + fields[i];
        }
        out += "\r\n";
    };
    line({quote(d.header.issuingBody), quote(d.header.title + " - " + d.header.subtitle)});
    out += "\r\n";
    // QR codes as text: the caption, then what the code holds.
    bool qr = false;
    for (const auto& b : d.body) {
        if (const auto* q = std::get_if<QrCode>(&b)) {
            line({quote(q->caption.empty() ? std::string("Mã QR") : q->caption), quote(q->payload)});
            qr = true;
        }
    }
    if (qr) {
        out += "\r\n";
    }
    for (const auto& t : d.tables) {
        line({quote(t.title)});
        std::vector<std::string> head;
        for (const auto& c : t.columns) {
            head.push_back(quote(c.header));
        }
        line(head);
        auto emit = [&](const std::vector<Cell>& row) {
            std::vector<std::string> f;
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                f.push_back(c < row.size() ? cellText(t.columns[c], row[c]) : std::string());
            }
            line(f);
        };
        for (const auto& row : t.rows) {
            emit(row);
        }
        if (t.totals && !t.rows.empty()) {
            emit(totalsRow(t));
        }
        if (!t.note.empty()) {
            line({quote(t.note)});
        }
        out += "\r\n";
    }
    return out;
}

Status writeCsv(const Document& d, const std::filesystem::path& file)
{
    const std::string text = csvText(d);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
        return fail(ErrorCode::Io, "cannot write " + file.string() + ": check the folder exists and is writable");
    }
    return {};
}

} // namespace da06::reports
