#pragma once
// The content of a unit's monthly report and of a district or province compilation: every figure
// the documents (PDF, XLSX, CSV) and the JSON show. Standard library only (with da06::core and the
// work rules' vocabulary).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/Date.h"
#include "domain/report/ReportPeriod.h"
#include "domain/work/DeadlineRules.h"

namespace da06::report {

struct IndicatorLine {
    std::string name;
    std::string unitOfMeasure;
    std::optional<double> target; // summed over the tasks that set one
    std::optional<double> actual;
};

// How one model stands for one unit (its tasks and those of the units below it).
enum class ModelOutcome { Done, InProgress, Late, NotStarted };
const char* modelOutcomeName(ModelOutcome o); // "done", "in_progress", "late", "not_started"

struct ModelLine {
    int number = 0;
    std::string group;
    std::string title;
    std::string role;         // "lead" or "coordinating"
    std::optional<Date> due;  // month/quarter deadlines
    std::string deadlineKind; // "month", "quarter", "recurring", "completed"
    work::DeadlineState state = work::DeadlineState::NoDeadline;
    int percent = 0;
    int tasks = 0;
    int done = 0;
    int overdue = 0;
    int atRisk = 0;
    int dueSoon = 0;
    std::vector<IndicatorLine> indicators;

    ModelOutcome outcome() const;
};

// Identity checks at the desk models, by method and outcome. The front-desk check records do not
// exist yet: a CheckCountSource fills this later; until then `available` is false and every count
// is zero.
struct CheckCount {
    int model = 0;
    std::string method;  // "qr", "chip", "manual"
    std::string outcome; // "valid", "warning", "invalid", "unverified"
    std::int64_t count = 0;
};

struct CheckCounts {
    bool available = false;
    std::string note;             // why the counts are zero, for the document
    std::vector<CheckCount> rows; // one per (desk model of the unit, method, outcome)
};

inline constexpr const char* kCheckMethods[] = {"qr", "chip", "manual"};
inline constexpr const char* kCheckOutcomes[] = {"valid", "warning", "invalid", "unverified"};
// The models whose work includes identity checks at a desk (domain notes).
bool isDeskModel(int number);

// The parts of an official report a person writes; prefilled from the figures.
struct Narrative {
    std::string results;      // Kết quả thực hiện
    std::string difficulties; // Khó khăn, vướng mắc
    std::string proposals;    // Đề xuất, kiến nghị
    std::string nextPlan;     // Phương hướng, nhiệm vụ tháng tới

    bool operator==(const Narrative&) const = default;
};

struct UnitReport {
    std::string uid;
    std::string planKey;
    std::string planTitle;
    std::string unitId;
    std::string unitName;
    std::string parentName; // the body above the issuing unit (header of the document)
    std::string province;   // place name of the date line ("Tây Ninh")
    Period period;
    Date asOf;                          // the figures are as of this day (the cut-off, or today if earlier)
    std::optional<ReportStatus> status; // nullopt: nothing stored yet
    bool locked = false;                // may not be edited now (submitted, accepted, or the period locked)
    bool frozen = false;                // the figures come from the submission, not from the live data
    std::vector<ModelLine> models;
    CheckCounts checks;
    Narrative narrative;
    std::string docNumber; // "12/BC-CAT" (number and symbol)
    std::string signer;
    std::optional<std::string> submittedAt;
    std::optional<std::string> firstSubmittedAt;
    std::optional<std::string> submittedBy;
    std::optional<std::string> reviewedAt;
    std::optional<std::string> reviewedBy;
    std::optional<std::string> reviewComment;

    int leadModels() const;
    int countOutcome(ModelOutcome o) const;
    int meanPercent() const; // over the models (0 without models)
};

struct ValidationIssue {
    bool blocking = true;
    std::string code;    // "results_missing", "difficulty_missing", "next_plan_missing", "period_not_ended"
    std::string message; // English (the presenters translate by code)
    int model = 0;
};

// Checks before submission: results must be written; a model that is late needs a stated difficulty;
// the next month's plan should be written; the data period should have ended.
std::vector<ValidationIssue> validate(const UnitReport& r, const Date& today);
bool hasBlocking(const std::vector<ValidationIssue>& issues);

// One unit in a compilation: what it sent for the period (and, for roll-ups, how many months).
struct UnitReporting {
    std::string unitId;
    std::string unitName;
    std::string kind;
    std::optional<ReportStatus> status; // of the last month of the period; nullopt: nothing stored
    int expected = 0;                   // reports expected (1 for a month, 3 for a quarter, 12 for a year)
    int received = 0;                   // submitted or accepted
    int onTime = 0;                     // received, first submission on or before the due date
    int returned = 0;
    std::optional<std::string> submittedAt; // latest submission of the last month
    std::optional<std::string> reviewComment;
    int models = 0; // in the figures of the latest received report
    int overdueModels = 0;
    int percent = 0;
};

struct ModelAggregate {
    int number = 0;
    std::string group;
    std::string title;
    int units = 0; // units that reported on it
    int done = 0;
    int inProgress = 0;
    int late = 0;
    int notStarted = 0;
    int percent = 0; // mean over the units that reported on it
};

struct IndicatorTotal {
    int model = 0;
    std::string name;
    std::string unitOfMeasure;
    double target = 0;
    double actual = 0;
    int units = 0;
};

struct OverdueModel {
    int number = 0;
    std::string title;
    std::vector<std::string> units; // names of the units responsible, lead units first
};

struct TrendPoint {
    std::string period; // "2024-03"
    int expected = 0;
    int received = 0;
    int onTime = 0;
    double completeness = 0; // percent, one decimal
    double timeliness = 0;
    int percent = 0; // mean percent done in the received reports
};

struct Compilation {
    std::string level; // "district" or "province"
    std::string scopeId;
    std::string scopeName;
    std::string parentName;
    std::string province;
    std::string planTitle;
    Period period;
    Date asOf;
    int expected = 0; // reports (units × months)
    int received = 0;
    int onTime = 0;
    int returned = 0;
    int missing = 0;         // expected − received
    double completeness = 0; // received / expected × 100, one decimal (DHIS2 reporting rate)
    double timeliness = 0;   // on time / expected × 100 (DHIS2 reporting rate on time)
    std::vector<UnitReporting> units;
    std::vector<ModelAggregate> models;
    std::vector<IndicatorTotal> indicators;
    CheckCounts checks; // totals
    std::vector<OverdueModel> overdue;
    std::vector<TrendPoint> trends;
    std::string narrative; // Vietnamese draft, or the edited text
    bool narrativeEdited = false;
    std::string docNumber;
    std::string signer;
};

// The rate in percent with one decimal (0 when nothing is expected).
double ratePercent(int part, int whole);

// Vietnamese drafts from the figures.
Narrative draftNarrative(const UnitReport& r);
std::string draftCompilationNarrative(const Compilation& c);
// "3,5" (Vietnamese decimal comma; no decimals for whole numbers), "1.234" (thousands dot).
std::string vietnameseNumber(double v, int decimals = 1);
// "Tây Ninh, ngày 14 tháng 03 năm 2024"
std::string vietnameseDateLine(const std::string& place, const Date& d);

} // namespace da06::report
