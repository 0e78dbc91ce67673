#include "domain/work/WorkTypes.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace da06::work {

namespace {

std::string normalizedWord(std::string_view s)
{
    std::string out;
    for (char c : s) {
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if (c == '-' || c == ' ') {
            out += '_';
        } else {
            out += c;
        }
    }
    return out;
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

// A decimal number at the start of s ("12", "12.5", "12,5"); advances s past it.
std::optional<double> leadingNumber(std::string_view& s)
{
    std::string digits;
    std::size_t i = 0;
    bool seenDigit = false;
    bool seenPoint = false;
    if (i < s.size() && s[i] == '-') {
        digits += '-';
        ++i;
    }
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            digits += c;
            seenDigit = true;
        } else if ((c == '.' || c == ',') && !seenPoint && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') {
            digits += '.';
            seenPoint = true;
        } else {
            break;
        }
    }
    if (!seenDigit) {
        return std::nullopt;
    }
    s.remove_prefix(i);
    return std::strtod(digits.c_str(), nullptr);
}

} // namespace

const char* taskStatusName(TaskStatus s)
{
    switch (s) {
    case TaskStatus::NotStarted:
        return "not_started";
    case TaskStatus::InProgress:
        return "in_progress";
    case TaskStatus::Done:
        return "done";
    case TaskStatus::Blocked:
        return "blocked";
    case TaskStatus::Cancelled:
        return "cancelled";
    }
    return "not_started";
}

std::optional<TaskStatus> taskStatusFromName(std::string_view s)
{
    const std::string w = normalizedWord(trimmed(s));
    if (w == "not_started" || w == "todo" || w == "new")
        return TaskStatus::NotStarted;
    if (w == "in_progress" || w == "doing" || w == "started")
        return TaskStatus::InProgress;
    if (w == "done" || w == "completed" || w == "finished")
        return TaskStatus::Done;
    if (w == "blocked")
        return TaskStatus::Blocked;
    if (w == "cancelled" || w == "canceled")
        return TaskStatus::Cancelled;
    return std::nullopt;
}

bool isOpen(TaskStatus s)
{
    return s == TaskStatus::NotStarted || s == TaskStatus::InProgress || s == TaskStatus::Blocked;
}

const char* unitLevel(std::string_view kind)
{
    if (kind == "district" || kind == "district_level")
        return "district";
    if (kind == "commune" || kind == "commune_level")
        return "commune";
    if (kind == "site")
        return "site";
    return "province";
}

bool isKnownUnitKind(std::string_view kind)
{
    static constexpr std::array<std::string_view, 11> kinds = {
        "province",   "province_agency", "national_agency", "district_level", "commune_level", "collective",
        "enterprise", "other",           "district",        "commune",        "site"};
    for (auto k : kinds) {
        if (k == kind) {
            return true;
        }
    }
    return false;
}

bool isKnownUnitLevel(std::string_view level)
{
    return level == "province" || level == "district" || level == "commune" || level == "site";
}

bool isKnownSiteKind(std::string_view kind)
{
    static constexpr std::array<std::string_view, 7> kinds = {"notary_office", "pawnshop",    "lodging", "hospital",
                                                              "school",        "bank_branch", "other"};
    for (auto k : kinds) {
        if (k == kind) {
            return true;
        }
    }
    return false;
}

Result<IndicatorValue> parseIndicatorValue(std::string_view text)
{
    std::string_view s = trimmed(text);
    IndicatorValue v;
    if (s.empty()) {
        return fail(ErrorCode::Usage, "an indicator value is empty: write ACTUAL, ACTUAL/TARGET or ACTUAL/TARGET UNIT");
    }
    if (s.front() != '/') {
        v.actual = leadingNumber(s);
        if (!v.actual) {
            return fail(ErrorCode::Usage, "\"" + std::string(text) +
                                              "\" is not an indicator value: it must start with a number "
                                              "(for example 25, 25/25 or 3/10 kiosk)");
        }
    }
    s = trimmed(s);
    if (!s.empty() && s.front() == '/') {
        s.remove_prefix(1);
        s = trimmed(s);
        v.target = leadingNumber(s);
        if (!v.target) {
            return fail(ErrorCode::Usage, "\"" + std::string(text) + "\": a target number must follow '/'");
        }
    }
    s = trimmed(s);
    if (!s.empty()) {
        v.unitOfMeasure = std::string(s);
    }
    for (const auto& n : {v.actual, v.target}) {
        if (n && (*n < 0 || !std::isfinite(*n) || *n > 1e12)) {
            return fail(ErrorCode::Usage,
                        "\"" + std::string(text) + "\": indicator numbers must be between 0 and 10^12");
        }
    }
    return v;
}

Result<std::pair<std::string, IndicatorValue>> parseIndicatorAssignment(std::string_view text)
{
    const auto eq = text.rfind('=');
    if (eq == std::string_view::npos) {
        return fail(ErrorCode::Usage, "an indicator is written NAME=VALUE (for example \"kiosks installed=3/10\")");
    }
    const std::string name(trimmed(text.substr(0, eq)));
    if (name.empty()) {
        return fail(ErrorCode::Usage, "the indicator \"" + std::string(text) + "\" has no name before '='");
    }
    DA06_TRY(value, parseIndicatorValue(text.substr(eq + 1)));
    return std::pair{name, *value};
}

std::string formatNumber(double v)
{
    char buf[64];
    if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
        std::snprintf(buf, sizeof buf, "%.0f", v);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.3f", v);
    std::string s(buf);
    while (!s.empty() && s.back() == '0') {
        s.pop_back();
    }
    if (!s.empty() && s.back() == '.') {
        s.pop_back();
    }
    return s;
}

} // namespace da06::work
