#pragma once
// The XLSX of a document: one sheet per table (header row, data rows, a "Tổng cộng" row whose
// totals are formulas), and a last sheet "Thông tin" with the document's header and text.
#include <filesystem>

#include "domain/core/Error.h"
#include "reports/Document.h"

namespace da06::reports {

Status writeXlsx(const Document& d, const std::filesystem::path& file);

// "A".."Z", "AA".. for a 0-based column.
std::string columnName(int column);

} // namespace da06::reports
