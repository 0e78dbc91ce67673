#pragma once
// Reading CSV text (RFC 4180): records of fields separated by ',' or ';', quoted with '"' ("" inside
// quotes is one quote), ending with CRLF or LF. Each record keeps the line it starts on, for
// messages; blank lines are skipped. Used by the unit files and the welfare beneficiary lists.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace da06::text {

struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
};

struct CsvText {
    std::vector<CsvRecord> records;
    std::optional<int> unclosedQuoteLine; // a quoted field opened on this line is never closed
};

// ';' when the first line has more semicolons than commas (outside quotes), else ','.
char detectCsvSeparator(std::string_view text);
// The records of text; when a quoted field is never closed, the records before it and the line
// where it opened.
CsvText readCsv(std::string_view text, char sep = ',');

} // namespace da06::text
