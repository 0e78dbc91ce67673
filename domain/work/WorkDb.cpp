#include "domain/work/WorkDb.h"

#include <algorithm>

#include "domain/text/Text.h"

namespace da06::work::detail {

namespace {

const char* const kUnitColumns = "u.id, u.code, u.name, u.kind, u.site_kind, u.parent_id, u.member_of";

UnitRow readUnit(const store::Statement& st)
{
    UnitRow u;
    u.row = st.columnInt(0);
    u.code = st.columnText(1);
    u.name = st.columnText(2);
    u.kind = st.columnText(3);
    u.siteKind = st.columnOptText(4);
    if (!st.isNull(5)) {
        u.parentRow = st.columnInt(5);
    }
    if (!st.isNull(6)) {
        u.memberRow = st.columnInt(6);
    }
    return u;
}

ModelRow readModel(const store::Statement& st)
{
    ModelRow m;
    m.row = st.columnInt(0);
    m.number = static_cast<int>(st.columnInt(1));
    m.group = st.columnText(2);
    m.title = st.columnText(3);
    m.deadline.kind = plan::deadlineKindFromName(st.columnText(4)).value_or(plan::DeadlineKind::Recurring);
    m.deadline.period = st.columnOptText(5);
    m.deadline.year = st.columnOptInt(6);
    if (auto due = st.columnOptText(7)) {
        m.deadline.due = Date::parseIso(*due);
    }
    return m;
}

} // namespace

Result<std::string> currentPlanKey(store::Database& db)
{
    DA06_TRY(
        st,
        db.prepare("SELECT p.plan_key FROM plan p JOIN setting s ON s.key = 'current_plan' AND s.value = p.plan_key"));
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound, "no plan has been imported into this store (use `da06 plan import FILE`)");
    }
    return st->columnText(0);
}

Result<UnitRow> findUnit(store::Database& db, const std::string& ref)
{
    {
        DA06_TRY(st, db.prepare(std::string("SELECT ") + kUnitColumns + " FROM unit u WHERE u.code = ?"));
        st->bind(1, ref);
        DA06_TRY(row, st->step());
        if (*row) {
            return readUnit(*st);
        }
    }
    const std::string folded = text::fold(ref);
    if (!folded.empty()) {
        std::vector<std::int64_t> matchRows;
        DA06_TRY(names, db.prepare("SELECT id, name FROM unit UNION SELECT unit_id, alias FROM unit_alias"));
        DA06_CHECK(eachRow(*names, [&](const store::Statement& s) {
            if (text::fold(s.columnText(1)) == folded) {
                const std::int64_t r = s.columnInt(0);
                if (std::find(matchRows.begin(), matchRows.end(), r) == matchRows.end()) {
                    matchRows.push_back(r);
                }
            }
        }));
        if (matchRows.size() == 1) {
            DA06_TRY(u, unitByRow(db, matchRows.front()));
            if (*u) {
                return **u;
            }
        }
        if (matchRows.size() > 1) {
            return fail(ErrorCode::Usage, "\"" + ref + "\" names " + std::to_string(matchRows.size()) +
                                              " units; use the unit's id (see `da06 units list`)");
        }
    }
    return fail(ErrorCode::NotFound, "there is no unit \"" + ref + "\" (see `da06 units list`)");
}

Result<std::optional<UnitRow>> unitByRow(store::Database& db, std::int64_t rowId)
{
    DA06_TRY(st, db.prepare(std::string("SELECT ") + kUnitColumns + " FROM unit u WHERE u.id = ?"));
    st->bind(1, rowId);
    DA06_TRY(row, st->step());
    if (!*row) {
        return std::optional<UnitRow>();
    }
    return std::optional<UnitRow>(readUnit(*st));
}

Result<std::vector<std::int64_t>> subtree(store::Database& db, std::int64_t root)
{
    DA06_TRY(st,
             db.prepare(
                 "WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id) "
                 "SELECT id FROM sub"));
    st->bind(1, root);
    std::vector<std::int64_t> out;
    DA06_CHECK(eachRow(*st, [&](const store::Statement& s) { out.push_back(s.columnInt(0)); }));
    return out;
}

std::string inList(const std::vector<std::int64_t>& rows)
{
    std::string s = "(";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        s += (i ? "," : "") + std::to_string(rows[i]);
    }
    return s + ")";
}

Result<std::optional<UnitRow>> deskUnit(store::Database& db)
{
    DA06_TRY(st, db.prepare(std::string("SELECT ") + kUnitColumns +
                            " FROM setting s JOIN unit u ON u.code = s.value WHERE s.key = 'desk_unit'"));
    DA06_TRY(row, st->step());
    if (!*row) {
        return std::optional<UnitRow>();
    }
    return std::optional<UnitRow>(readUnit(*st));
}

Status requireInDeskScope(store::Database& db, const UnitRow& unit, const std::string& what)
{
    DA06_TRY(desk, deskUnit(db));
    if (!*desk) {
        return {};
    }
    // Walk up from the unit: at most a few levels (province, district, commune, site).
    std::optional<std::int64_t> cur = unit.row;
    for (int depth = 0; cur && depth < 32; ++depth) {
        if (*cur == (*desk)->row) {
            return {};
        }
        DA06_TRY(u, unitByRow(db, *cur));
        cur = *u ? (*u)->parentRow : std::nullopt;
    }
    return fail(ErrorCode::PermissionDenied, "this desk belongs to " + (*desk)->name + " (" + (*desk)->code +
                                                 "): it may not " + what + " of " + unit.name + " (" + unit.code +
                                                 "), which is not that unit or a unit below it");
}

Result<ModelRow> findModel(store::Database& db, const std::string& planKey, int number)
{
    DA06_TRY(st,
             db.prepare(
                 "SELECT m.id, m.number, m.group_code, m.title, m.deadline_kind, m.deadline_period, m.deadline_year, "
                 "m.deadline_due FROM model m JOIN plan p ON p.id = m.plan_id WHERE p.plan_key = ? AND m.number = ?"));
    st->bind(1, planKey).bind(2, number);
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound, "the plan has no model " + std::to_string(number));
    }
    return readModel(*st);
}

Result<std::vector<ModelRow>> allModels(store::Database& db, const std::string& planKey)
{
    DA06_TRY(st,
             db.prepare(
                 "SELECT m.id, m.number, m.group_code, m.title, m.deadline_kind, m.deadline_period, m.deadline_year, "
                 "m.deadline_due FROM model m JOIN plan p ON p.id = m.plan_id WHERE p.plan_key = ? ORDER BY m.number"));
    st->bind(1, planKey);
    std::vector<ModelRow> out;
    DA06_CHECK(eachRow(*st, [&](const store::Statement& s) { out.push_back(readModel(s)); }));
    return out;
}

} // namespace da06::work::detail
