#pragma once
// The plan as data: groups, units and models, as in assets/plans/FORMAT.md.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/Date.h"

namespace da06::plan {

enum class DeadlineKind { Month, Quarter, Recurring, Completed };
enum class FundingKind { Free, Funded, SelfEquipped, Unspecified };
enum class UnitRole { Lead, Coordinating };

const char* deadlineKindName(DeadlineKind k); // "month", "quarter", "recurring", "completed"
std::optional<DeadlineKind> deadlineKindFromName(const std::string& s);
const char* fundingKindName(FundingKind k); // "free", "funded", "self_equipped", "unspecified"
std::optional<FundingKind> fundingKindFromName(const std::string& s);
const char* unitRoleName(UnitRole r); // "lead", "coordinating"

struct Deadline {
    DeadlineKind kind = DeadlineKind::Recurring;
    std::optional<std::string> period; // "2024-01" or "2024-Q1"
    std::optional<int> year;           // completed: the year it was done
    std::optional<Date> due;           // month/quarter: last day of the period

    bool operator==(const Deadline&) const = default;
};

struct Funding {
    FundingKind kind = FundingKind::Unspecified;
    std::optional<std::string> equipment;
};

struct Group {
    std::string code;
    std::string title;
    std::string original;
};

struct Unit {
    std::string id; // stable code, [a-z0-9-]+
    std::string name;
    std::string kind;
    std::optional<std::string> parent;
    std::vector<std::string> aliases;
};

// The document's own wording of each field (absent where the document has none).
struct OriginalText {
    std::optional<std::string> target, objective, assignment, forces, deadline, tools, funding;
};

struct Model {
    int number = 0;
    std::string group;
    std::string title;
    std::optional<std::string> target;
    std::optional<std::string> objective;
    std::vector<std::string> leadUnits;         // unit ids
    std::vector<std::string> coordinatingUnits; // unit ids
    std::optional<std::string> forces;
    Deadline deadline;
    std::vector<std::string> tools;
    Funding funding;
    OriginalText original;
};

struct ReportingRule {
    int dueDay = 15;    // reports due before this day of the month
    int cutoffDay = 14; // data up to this day of the reporting month
};

struct Plan {
    std::string id;
    std::string title;
    std::string issuer;
    std::string province;
    std::optional<Date> issued;
    std::optional<std::string> start; // YYYY-MM
    ReportingRule reporting;
    std::vector<Group> groups;
    std::vector<Unit> units;
    std::vector<Model> models;

    const Unit* findUnit(const std::string& unitId) const;
    const Model* findModel(int number) const;
};

} // namespace da06::plan
