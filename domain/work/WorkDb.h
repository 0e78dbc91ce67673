#pragma once
// Queries shared by the work services (units by code, the current plan, a unit's subtree, the
// desk's scope). Internal to domain/work.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/Error.h"
#include "domain/plan/Plan.h"
#include "domain/store/Database.h"

namespace da06::work::detail {

struct UnitRow {
    std::int64_t row = 0;
    std::string code;
    std::string name;
    std::string kind;
    std::optional<std::string> siteKind;
    std::optional<std::int64_t> parentRow;
    std::optional<std::int64_t> memberRow;
};

// The plan_key of the current plan; NotFound when none was imported.
Result<std::string> currentPlanKey(store::Database& db);

// By code, else by name or alias (diacritics and case ignored) when exactly one unit has it.
Result<UnitRow> findUnit(store::Database& db, const std::string& ref);
Result<std::optional<UnitRow>> unitByRow(store::Database& db, std::int64_t row);

// The unit and every unit below it (by parent).
Result<std::vector<std::int64_t>> subtree(store::Database& db, std::int64_t root);
// "(1,2,3)" for an IN clause (ids are integers from the store).
std::string inList(const std::vector<std::int64_t>& rows);

// The desk's unit (setting desk_unit), if set and known.
Result<std::optional<UnitRow>> deskUnit(store::Database& db);
// PermissionDenied unless the desk has no unit yet, or unitRow is the desk's unit or below it.
Status requireInDeskScope(store::Database& db, const UnitRow& unit, const std::string& what);

struct ModelRow {
    std::int64_t row = 0;
    int number = 0;
    std::string group;
    std::string title;
    plan::Deadline deadline;
};
// NotFound when the current plan has no such model.
Result<ModelRow> findModel(store::Database& db, const std::string& planKey, int number);
Result<std::vector<ModelRow>> allModels(store::Database& db, const std::string& planKey);

// Runs st to the end, calling f for each row.
template <typename F> Status eachRow(store::Statement& st, F&& f)
{
    while (true) {
        DA06_TRY(row, st.step());
        if (!*row) {
            return {};
        }
        f(st);
    }
}

} // namespace da06::work::detail
