// Fuzz target units_csv: a units file in CSV (assets/units/FORMAT.md) as `da06 units import` reads
// it (parseUnitsCsv, on the RFC 4180 reader of domain/text/Csv). Units that parse keep the
// promises checked in UnitChecks.h; a refusal is InvalidInput. The CSV reader itself, with both
// separators, gives records in line order.
#include <cstdint>

#include "domain/text/Csv.h"
#include "tests/fuzz/data/UnitChecks.h"

using namespace da06;
using da06::fuzz::data::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto text = da06::fuzz::data::textOf(data, size);
    auto units = work::parseUnitsCsv(text);
    if (!units) {
        require(units.error().code == ErrorCode::InvalidInput);
    } else {
        da06::fuzz::data::checkUnits(*units);
    }
    const char sep = text::detectCsvSeparator(text);
    require(sep == ',' || sep == ';');
    const text::CsvText csv = text::readCsv(text, sep);
    int line = 0;
    for (const auto& r : csv.records) {
        require(r.line > line && !r.fields.empty());
        line = r.line;
    }
    require(!csv.unclosedQuoteLine || *csv.unclosedQuoteLine > line);
    return 0;
}
