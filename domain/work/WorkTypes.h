#pragma once
// The vocabulary of the staff's daily work: task statuses, unit kinds and levels, site kinds, and
// the text forms of indicator values. Standard library only (with da06::core), so it
// cross-compiles with the deadline rules.
#include <optional>
#include <string>
#include <string_view>

#include "domain/core/Error.h"

namespace da06::work {

enum class TaskStatus { NotStarted, InProgress, Done, Blocked, Cancelled };

const char* taskStatusName(TaskStatus s); // "not_started", "in_progress", "done", "blocked", "cancelled"
// Also accepts "not-started", "in-progress", "todo", "doing" and spaces for underscores.
std::optional<TaskStatus> taskStatusFromName(std::string_view s);
bool isOpen(TaskStatus s); // not started, in progress or blocked

// Unit kinds. The plan's kinds (province, province_agency, national_agency, district_level,
// commune_level, collective, enterprise, other) name the units of the document, some of them
// collectives ("UBND huyện, thị xã, thành phố"); the real administrative units below them are
// district, commune and site (a place where a model is carried out: notary office, pawnshop, …).
bool isKnownUnitKind(std::string_view kind);
// The tier a kind sits at: "province" (the province and its agencies, national agencies,
// collectives, enterprises), "district", "commune" or "site".
const char* unitLevel(std::string_view kind);
bool isKnownUnitLevel(std::string_view level);

// Sites: notary_office, pawnshop, lodging, hospital, school, bank_branch, other.
bool isKnownSiteKind(std::string_view kind);

// "25", "25/25", "3/10 kiosk", "/25" (target only), "12.5/40 %": actual and target are decimal
// numbers (dot or comma as the decimal separator), the rest is the unit of measure.
struct IndicatorValue {
    std::optional<double> actual;
    std::optional<double> target;
    std::optional<std::string> unitOfMeasure;
};
Result<IndicatorValue> parseIndicatorValue(std::string_view text);
// "NAME=VALUE" as above; the name is trimmed and must not be empty.
Result<std::pair<std::string, IndicatorValue>> parseIndicatorAssignment(std::string_view text);
// 25 → "25", 12.5 → "12.5" (no trailing zeros, at most 3 decimals).
std::string formatNumber(double v);

// Evidence files kept inside the store are limited to this size.
inline constexpr std::size_t kMaxEvidenceBytes = 10u * 1024u * 1024u;

} // namespace da06::work
