#pragma once
// CSV of a document for Excel: UTF-8 with a byte order mark, CRLF line ends, RFC 4180 quoting; one
// section per table (its title, the header row, the rows, the totals row), a blank line between.
// Numbers are written in the ISO form (dot as the decimal separator).
#include <filesystem>
#include <string>

#include "domain/core/Error.h"
#include "reports/Document.h"

namespace da06::reports {

std::string csvText(const Document& d);
Status writeCsv(const Document& d, const std::filesystem::path& file);

} // namespace da06::reports
