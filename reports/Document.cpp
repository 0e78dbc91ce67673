#include "reports/Document.h"

#include <cmath>

#include "domain/report/ReportTypes.h"

namespace da06::reports {

Cell Cell::num(double v, int decimals)
{
    return Cell{report::vietnameseNumber(v, decimals), v};
}

std::vector<Cell> totalsRow(const Table& t)
{
    std::vector<double> sums(t.columns.size(), 0.0);
    for (const auto& row : t.rows) {
        for (std::size_t c = 0; c < t.columns.size() && c < row.size(); ++c) {
            sums[c] += row[c].number.value_or(0);
        }
    }
    std::vector<Cell> out;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const auto& col = t.columns[c];
        switch (col.total) {
        case TotalKind::None:
            out.push_back(Cell::of(""));
            break;
        case TotalKind::Label:
            out.push_back(Cell::of(kTotalLabel));
            break;
        case TotalKind::Sum:
            out.push_back(Cell::num(sums[c], col.decimals));
            break;
        case TotalKind::Ratio: {
            const double over = col.ratioOver >= 0 ? sums[static_cast<std::size_t>(col.ratioOver)] : 0;
            const double of = col.ratioOf >= 0 ? sums[static_cast<std::size_t>(col.ratioOf)] : 0;
            const double v = over == 0 ? 0 : std::round(of * 1000.0 / over) / 10.0;
            out.push_back(Cell::num(v, 1));
            break;
        }
        }
    }
    return out;
}

Column textColumn(std::string header, double width, TotalKind total)
{
    Column c;
    c.header = std::move(header);
    c.width = width;
    c.total = total;
    return c;
}

Column numberColumn(std::string header, double width, TotalKind total, int decimals)
{
    Column c;
    c.header = std::move(header);
    c.width = width;
    c.numeric = true;
    c.total = total;
    c.decimals = decimals;
    return c;
}

} // namespace da06::reports
