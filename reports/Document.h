#pragma once
// A report as a document: the administrative header of Decree 30/2020/NĐ-CP, a body of headings,
// paragraphs, tables, bar charts and QR codes, the recipients and the signature block. The PDF, XLSX and CSV
// writers all take this one model, so the three show the same figures and the same Vietnamese text.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/core/Date.h"

namespace da06::reports {

struct Cell {
    std::string text;             // what is shown (numbers formatted the Vietnamese way)
    std::optional<double> number; // the value, for numeric columns (XLSX cells, CSV, totals)

    static Cell of(std::string t) { return Cell{std::move(t), std::nullopt}; }
    static Cell num(double v, int decimals = 0);
};

enum class TotalKind { None, Label, Sum, Ratio };

struct Column {
    std::string header;
    double width = 1; // relative width in the PDF
    bool numeric = false;
    TotalKind total = TotalKind::None;
    int ratioOf = -1; // Ratio: 100 × sum(column ratioOf) / sum(column ratioOver), one decimal
    int ratioOver = -1;
    int decimals = 0;
};

// A text column, and a numeric one (summed in the totals row unless told otherwise).
Column textColumn(std::string header, double width, TotalKind total = TotalKind::None);
Column numberColumn(std::string header, double width, TotalKind total = TotalKind::Sum, int decimals = 0);

struct Table {
    std::string title;     // shown above the table; also the XLSX sheet and CSV section
    std::string sheetName; // at most 31 characters
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
    bool totals = false; // a "Tổng cộng" row (formulas in the XLSX)
    std::string note;    // shown under the table
};

struct BarChart {
    std::string title;
    std::vector<std::pair<std::string, double>> bars; // label, value
    double maximum = 100;
    std::string unit = "%";
};

struct Heading {
    std::string text;
};
struct Paragraph {
    std::string text; // "\n" separates paragraphs; lines starting "- " are list items
    bool italic = false;
};
struct TableRef {
    std::size_t index = 0; // into Document::tables
};

// A QR code (receipts: the reference and a check value, for the desk's scanner). The PDF draws it
// as black squares on white with a 4-module quiet zone, centred, the caption under it; the XLSX and
// CSV writers write the caption and the payload as a line of text.
struct QrCode {
    std::string payload; // UTF-8 (NFC); at most kQrMaxBytes (QrCode.h) bytes
    double sizeMm = 28;  // side of the printed symbol without its quiet zone; 25 mm or more scans well
    std::string caption; // small text under the code, may be empty
};

using Block = std::variant<Heading, Paragraph, TableRef, BarChart, QrCode>;

struct DocumentHeader {
    std::string parentBody;  // the body above the issuer (upper case in the header), may be empty
    std::string issuingBody; // the issuer (bold, upper case)
    std::string number;      // "Số: 12/BC-CAT"
    std::string place;       // "Tây Ninh"
    Date date;
    std::string title;    // "BÁO CÁO"
    std::string subtitle; // the summary line under the title
};

struct Document {
    DocumentHeader header;
    std::vector<Block> body;
    std::vector<Table> tables;
    std::vector<std::string> recipients; // "Nơi nhận" (the block is left out when empty)
    std::string signerTitle;             // "THỦ TRƯỞNG ĐƠN VỊ"
    std::string signerName;
    bool landscape = false; // A4 across (wide tables such as registers); the same margins
};

// The totals row of a table: a label in Label columns, sums and ratios of the rows.
std::vector<Cell> totalsRow(const Table& t);
inline constexpr const char* kTotalLabel = "Tổng cộng";

} // namespace da06::reports
