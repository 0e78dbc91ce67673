#pragma once
// JSON of reports and compilations: every figure of the documents (`da06 report … --json`), and the
// frozen figures of a submitted report (stored, and carried by the change log).
#include "domain/core/Json.h"
#include "domain/report/ReportTypes.h"

namespace da06::report {

json::Value periodToJson(const Period& p);
json::Value unitReportToJson(const UnitReport& r);
json::Value compilationToJson(const Compilation& c);

// The figures part of a unit report (models, checks, as-of day): what is frozen at submission.
json::Value figuresToJson(const UnitReport& r);
// Fills r.models, r.checks and r.asOf from figuresToJson's output.
Status figuresFromJson(const json::Value& v, UnitReport& r);

} // namespace da06::report
