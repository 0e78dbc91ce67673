#include "domain/report/ReportTypes.h"

#include <cmath>
#include <cstdio>
#include <map>

namespace da06::report {

const char* modelOutcomeName(ModelOutcome o)
{
    switch (o) {
    case ModelOutcome::Done:
        return "done";
    case ModelOutcome::InProgress:
        return "in_progress";
    case ModelOutcome::Late:
        return "late";
    case ModelOutcome::NotStarted:
        return "not_started";
    }
    return "";
}

ModelOutcome ModelLine::outcome() const
{
    if (state == work::DeadlineState::DoneOnTime || state == work::DeadlineState::DoneLate || percent >= 100 ||
        (tasks > 0 && done == tasks)) {
        return ModelOutcome::Done;
    }
    if (state == work::DeadlineState::Overdue || overdue > 0) {
        return ModelOutcome::Late;
    }
    if (percent == 0 && done == 0) {
        return ModelOutcome::NotStarted;
    }
    return ModelOutcome::InProgress;
}

bool isDeskModel(int n)
{
    return n == 4 || n == 8 || n == 15 || n == 19 || n == 35 || n == 6 || (n >= 9 && n <= 12) || n == 16 || n == 20;
}

int UnitReport::leadModels() const
{
    int n = 0;
    for (const auto& m : models) {
        n += m.role == "lead";
    }
    return n;
}

int UnitReport::countOutcome(ModelOutcome o) const
{
    int n = 0;
    for (const auto& m : models) {
        n += m.outcome() == o;
    }
    return n;
}

int UnitReport::meanPercent() const
{
    if (models.empty()) {
        return 0;
    }
    long sum = 0;
    for (const auto& m : models) {
        sum += m.percent;
    }
    return static_cast<int>(std::lround(static_cast<double>(sum) / static_cast<double>(models.size())));
}

namespace {

bool blank(const std::string& s)
{
    for (unsigned char c : s) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            return false;
        }
    }
    return true;
}

} // namespace

std::vector<ValidationIssue> validate(const UnitReport& r, const Date& today)
{
    std::vector<ValidationIssue> out;
    if (blank(r.narrative.results)) {
        out.push_back({true, "results_missing", "the results section is empty", 0});
    }
    std::string late;
    for (const auto& m : r.models) {
        if (m.outcome() == ModelOutcome::Late) {
            late += (late.empty() ? "" : ", ") + std::to_string(m.number);
        }
    }
    if (!late.empty() && blank(r.narrative.difficulties)) {
        out.push_back({true, "difficulty_missing",
                       "model(s) " + late + " are behind their deadline: state the difficulties and obstacles", 0});
    }
    if (blank(r.narrative.nextPlan)) {
        out.push_back({false, "next_plan_missing", "the plan for the next month is empty", 0});
    }
    if (today < r.period.dataTo) {
        out.push_back({false, "period_not_ended",
                       "the data period ends on " + r.period.dataTo.toVietnamese() + ": figures may still change", 0});
    }
    return out;
}

bool hasBlocking(const std::vector<ValidationIssue>& issues)
{
    for (const auto& i : issues) {
        if (i.blocking) {
            return true;
        }
    }
    return false;
}

double ratePercent(int part, int whole)
{
    if (whole <= 0) {
        return 0;
    }
    return std::round(1000.0 * part / whole) / 10.0;
}

std::string vietnameseNumber(double v, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(v * scale) / scale;
    const bool negative = rounded < 0;
    const double a = std::fabs(rounded);
    const long long whole = static_cast<long long>(std::floor(a + 1e-9));
    long long frac = std::llround((a - static_cast<double>(whole)) * scale);
    std::string digits = std::to_string(whole);
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            grouped += '.';
        }
        grouped += digits[i];
    }
    std::string out = (negative ? "-" : "") + grouped;
    if (decimals > 0 && frac > 0) {
        std::string f = std::to_string(frac);
        f.insert(
            0, static_cast<std::size_t>(decimals) - std::min<std::size_t>(f.size(), static_cast<std::size_t>(decimals)),
            '0');
        while (!f.empty() && f.back() == '0') {
            f.pop_back();
        }
        out += "," + f;
    }
    return out;
}

std::string vietnameseDateLine(const std::string& place, const Date& d)
{
    // Decree 30/2020, appendix I: days below 10 and the months 1 and 2 are written with a leading 0.
    const std::string day = (d.day < 10 ? "0" : "") + std::to_string(d.day);
    const std::string month = (d.month <= 2 ? "0" : "") + std::to_string(d.month);
    return (place.empty() ? std::string() : place + ", ") + "ngày " + day + " tháng " + month + " năm " +
           std::to_string(d.year);
}

Narrative draftNarrative(const UnitReport& r)
{
    Narrative n;
    const int lead = r.leadModels();
    const int coord = static_cast<int>(r.models.size()) - lead;
    std::string s = "Trong " + r.period.vietnameseName() + " (số liệu từ ngày " + r.period.dataFrom.toVietnamese() +
                    " đến ngày " + r.period.dataTo.toVietnamese() + "), " + r.unitName + " chủ trì " +
                    std::to_string(lead) + " mô hình, phối hợp thực hiện " + std::to_string(coord) +
                    " mô hình của Đề án 06. Kết quả: " + std::to_string(r.countOutcome(ModelOutcome::Done)) +
                    " mô hình đã hoàn thành, " + std::to_string(r.countOutcome(ModelOutcome::InProgress)) +
                    " mô hình đang triển khai, " + std::to_string(r.countOutcome(ModelOutcome::Late)) +
                    " mô hình chậm tiến độ, " + std::to_string(r.countOutcome(ModelOutcome::NotStarted)) +
                    " mô hình chưa triển khai; tỷ lệ hoàn thành bình quân " + std::to_string(r.meanPercent()) + "%.";
    for (const auto& m : r.models) {
        if (m.role != "lead") {
            continue;
        }
        s += "\n- Mô hình " + std::to_string(m.number) + " (" + m.title + "): đạt " + std::to_string(m.percent) +
             "%, " + std::to_string(m.done) + "/" + std::to_string(m.tasks) + " nhiệm vụ hoàn thành";
        for (const auto& i : m.indicators) {
            s += "; " + i.name + ": " + (i.actual ? vietnameseNumber(*i.actual) : "—");
            if (i.target) {
                s += "/" + vietnameseNumber(*i.target);
            }
            if (!i.unitOfMeasure.empty()) {
                s += " " + i.unitOfMeasure;
            }
        }
        s += ".";
    }
    n.results = s;
    std::string late;
    std::string open;
    for (const auto& m : r.models) {
        if (m.outcome() == ModelOutcome::Late) {
            late += (late.empty() ? "" : ", ") + std::to_string(m.number);
        }
        if (m.outcome() != ModelOutcome::Done) {
            open += (open.empty() ? "" : ", ") + std::to_string(m.number);
        }
    }
    // A late model's difficulty is for the unit to state: left empty so that validation asks for it.
    n.difficulties = late.empty() ? "Không có khó khăn, vướng mắc phát sinh." : "";
    n.proposals = "";
    const Period next = nextMonth(r.period);
    n.nextPlan = open.empty() ? "Duy trì kết quả các mô hình đã hoàn thành trong " + next.vietnameseName() + "."
                              : "Tiếp tục triển khai các mô hình số " + open +
                                    "; phấn đấu hoàn thành các nhiệm vụ đến hạn trong " + next.vietnameseName() + ".";
    return n;
}

std::string draftCompilationNarrative(const Compilation& c)
{
    std::string s = "Trong " + c.period.vietnameseName() + ", " + std::to_string(c.received) + "/" +
                    std::to_string(c.expected) + " báo cáo đã được gửi (tỷ lệ đầy đủ " +
                    vietnameseNumber(c.completeness) + "%), trong đó " + std::to_string(c.onTime) +
                    " báo cáo đúng hạn (tỷ lệ đúng hạn " + vietnameseNumber(c.timeliness) + "%); " +
                    std::to_string(c.missing) + " báo cáo chưa gửi";
    s += c.returned > 0 ? ", " + std::to_string(c.returned) + " báo cáo bị trả lại để hoàn thiện." : ".";
    int done = 0;
    int late = 0;
    for (const auto& m : c.models) {
        done += m.done > 0 && m.done == m.units;
        late += m.late > 0;
    }
    s += "\nVề tiến độ: " + std::to_string(c.models.size()) + " mô hình có báo cáo, " + std::to_string(done) +
         " mô hình đã hoàn thành ở tất cả các đơn vị, " + std::to_string(late) + " mô hình có đơn vị chậm tiến độ.";
    if (!c.overdue.empty()) {
        s += "\nCác mô hình chậm tiến độ:";
        for (const auto& o : c.overdue) {
            s += "\n- Mô hình " + std::to_string(o.number) + " (" + o.title + "): ";
            for (std::size_t i = 0; i < o.units.size(); ++i) {
                s += (i ? ", " : "") + o.units[i];
            }
            s += ".";
        }
    }
    if (c.trends.size() >= 2) {
        const auto& prev = c.trends[c.trends.size() - 2];
        const auto& cur = c.trends.back();
        const double diff = cur.completeness - prev.completeness;
        s += "\nSo với " +
             monthPeriod(std::stoi(prev.period.substr(0, 4)), std::stoi(prev.period.substr(5, 2))).vietnameseName() +
             ", tỷ lệ báo cáo đầy đủ " +
             (diff > 0   ? "tăng "
              : diff < 0 ? "giảm "
                         : "không thay đổi") +
             (diff != 0 ? vietnameseNumber(std::fabs(diff)) + " điểm phần trăm" : std::string()) + ".";
    }
    return s;
}

} // namespace da06::report
