#include "domain/work/AssignmentService.h"

#include <algorithm>
#include <map>

#include "domain/audit/AuditLog.h"
#include "domain/work/ChangeLog.h"
#include "domain/work/Ids.h"
#include "domain/work/WorkDb.h"

namespace da06::work {

namespace {

plan::UnitRole roleFromText(const std::string& s)
{
    return s == "lead" ? plan::UnitRole::Lead : plan::UnitRole::Coordinating;
}

struct Row {
    int number = 0;
    std::string title;
    plan::UnitRole role = plan::UnitRole::Lead;
    bool removed = false;
};

// The plan's assignments of one unit row, by model number (lead wins when both are listed).
Result<std::map<int, Row>> planRows(store::Database& db, const std::string& planKey, std::int64_t unitRow)
{
    DA06_TRY(st, db.prepare("SELECT m.number, m.title, mu.role FROM model_unit mu JOIN model m ON m.id = mu.model_id "
                            "JOIN plan p ON p.id = m.plan_id WHERE p.plan_key = ? AND mu.unit_id = ?"));
    st->bind(1, planKey).bind(2, unitRow);
    std::map<int, Row> out;
    DA06_CHECK(detail::eachRow(*st, [&](const store::Statement& s) {
        Row r{static_cast<int>(s.columnInt(0)), s.columnText(1), roleFromText(s.columnText(2)), false};
        auto [it, added] = out.emplace(r.number, r);
        if (!added && r.role == plan::UnitRole::Lead) {
            it->second.role = plan::UnitRole::Lead;
        }
    }));
    return out;
}

// The desk's edits of one unit row, by model number (including removals).
Result<std::map<int, Row>> deskRows(store::Database& db, const std::string& planKey, std::int64_t unitRow)
{
    DA06_TRY(st, db.prepare("SELECT a.model_number, COALESCE(m.title, ''), a.role, a.removed FROM assignment a "
                            "LEFT JOIN plan p ON p.plan_key = a.plan_key LEFT JOIN model m ON m.plan_id = p.id AND "
                            "m.number = a.model_number WHERE a.plan_key = ? AND a.unit_id = ?"));
    st->bind(1, planKey).bind(2, unitRow);
    std::map<int, Row> out;
    DA06_CHECK(detail::eachRow(*st, [&](const store::Statement& s) {
        out[static_cast<int>(s.columnInt(0))] =
            Row{static_cast<int>(s.columnInt(0)), s.columnText(1), roleFromText(s.columnText(2)), s.columnInt(3) != 0};
    }));
    return out;
}

} // namespace

const char* assignmentSourceName(AssignmentSource s)
{
    switch (s) {
    case AssignmentSource::Plan:
        return "plan";
    case AssignmentSource::Desk:
        return "desk";
    case AssignmentSource::Inherited:
        return "inherited";
    }
    return "plan";
}

std::string AssignmentService::assignmentUid(const std::string& planKey, int modelNumber, const std::string& unitCode)
{
    const std::string n = std::to_string(modelNumber);
    return derivedId({"assignment", planKey, n, unitCode});
}

Result<std::vector<Assignment>> AssignmentService::forUnit(const std::string& unitRef)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ReadPlan, "see the assignments"));
    DA06_TRY(planKey, detail::currentPlanKey(m_db));
    DA06_TRY(unit, detail::findUnit(m_db, unitRef));
    DA06_TRY(own, planRows(m_db, *planKey, unit->row));
    DA06_TRY(edits, deskRows(m_db, *planKey, unit->row));
    std::map<int, Assignment> result;
    auto make = [&](const Row& r, AssignmentSource source) {
        Assignment a;
        a.uid = assignmentUid(*planKey, r.number, unit->code);
        a.modelNumber = r.number;
        a.modelTitle = r.title;
        a.unitId = unit->code;
        a.unitName = unit->name;
        a.role = r.role;
        a.source = source;
        return a;
    };
    if (unit->memberRow) {
        DA06_TRY(collective, detail::unitByRow(m_db, *unit->memberRow));
        DA06_TRY(inherited, planRows(m_db, *planKey, *unit->memberRow));
        for (const auto& [n, r] : *inherited) {
            Assignment a = make(r, AssignmentSource::Inherited);
            if (*collective) {
                a.via = (*collective)->code;
            }
            result[n] = a;
        }
    }
    for (const auto& [n, r] : *own) {
        result[n] = make(r, AssignmentSource::Plan);
    }
    for (const auto& [n, r] : *edits) {
        if (r.removed) {
            result.erase(n);
        } else {
            result[n] = make(r, AssignmentSource::Desk);
        }
    }
    std::vector<Assignment> out;
    for (auto& [n, a] : result) {
        out.push_back(std::move(a));
    }
    return out;
}

Result<std::vector<Assignment>> AssignmentService::forModel(int modelNumber)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ReadPlan, "see the assignments"));
    DA06_TRY(planKey, detail::currentPlanKey(m_db));
    DA06_TRY(model, detail::findModel(m_db, *planKey, modelNumber));
    struct Entry {
        Assignment a;
        int order = 0;
    };
    std::map<std::string, Entry> byUnit;
    int order = 0;
    DA06_TRY(st, m_db.prepare("SELECT u.code, u.name, mu.role FROM model_unit mu JOIN unit u ON u.id = mu.unit_id "
                              "WHERE mu.model_id = ? ORDER BY mu.role DESC, mu.position"));
    st->bind(1, model->row);
    DA06_CHECK(detail::eachRow(*st, [&](const store::Statement& s) {
        if (byUnit.contains(s.columnText(0))) {
            return;
        }
        Assignment a;
        a.unitId = s.columnText(0);
        a.unitName = s.columnText(1);
        a.role = roleFromText(s.columnText(2));
        byUnit[a.unitId] = Entry{a, order++};
    }));
    DA06_TRY(ed,
             m_db.prepare("SELECT u.code, u.name, a.role, a.removed FROM assignment a JOIN unit u ON u.id = a.unit_id "
                          "WHERE a.plan_key = ? AND a.model_number = ? ORDER BY u.code"));
    ed->bind(1, *planKey).bind(2, modelNumber);
    DA06_CHECK(detail::eachRow(*ed, [&](const store::Statement& s) {
        const std::string code = s.columnText(0);
        if (s.columnInt(3) != 0) {
            byUnit.erase(code);
            return;
        }
        Assignment a;
        a.unitId = code;
        a.unitName = s.columnText(1);
        a.role = roleFromText(s.columnText(2));
        a.source = AssignmentSource::Desk;
        const int o = byUnit.contains(code) ? byUnit[code].order : 1000 + order++;
        byUnit[code] = Entry{a, o};
    }));
    std::vector<Entry> entries;
    for (auto& [code, e] : byUnit) {
        e.a.uid = assignmentUid(*planKey, modelNumber, code);
        e.a.modelNumber = modelNumber;
        e.a.modelTitle = model->title;
        entries.push_back(std::move(e));
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
        if (x.a.role != y.a.role) {
            return x.a.role == plan::UnitRole::Lead;
        }
        return x.order < y.order;
    });
    std::vector<Assignment> out;
    for (auto& e : entries) {
        out.push_back(std::move(e.a));
    }
    return out;
}

Result<std::optional<Assignment>> AssignmentService::find(int modelNumber, const std::string& unitRef)
{
    DA06_TRY(all, forUnit(unitRef));
    for (auto& a : *all) {
        if (a.modelNumber == modelNumber) {
            return std::optional<Assignment>(std::move(a));
        }
    }
    return std::optional<Assignment>();
}

Result<bool> AssignmentService::assign(int modelNumber, const std::string& unitRef, plan::UnitRole role)
{
    DA06_CHECK(access::require(m_actor, access::Permission::EditAssignments, "assign models to units"));
    DA06_TRY(planKey, detail::currentPlanKey(m_db));
    DA06_TRY(model, detail::findModel(m_db, *planKey, modelNumber));
    DA06_TRY(unit, detail::findUnit(m_db, unitRef));
    DA06_CHECK(detail::requireInDeskScope(m_db, *unit, "assign models"));
    DA06_TRY(current, find(modelNumber, unit->code));
    if (*current && (*current)->role == role) {
        return false;
    }
    const std::string uid = assignmentUid(*planKey, modelNumber, unit->code);
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(del, m_db.prepare("DELETE FROM assignment WHERE uid = ?"));
    del->bind(1, uid);
    DA06_CHECK(del->run());
    const bool existed = m_db.changes() > 0;
    DA06_TRY(ins,
             m_db.prepare(
                 "INSERT INTO assignment (uid, plan_key, model_number, unit_id, role, removed, updated_by, updated_at) "
                 "VALUES (?,?,?,?,?,0,?,?)"));
    ins->bind(1, uid).bind(2, *planKey).bind(3, modelNumber).bind(4, unit->row).bind(5, plan::unitRoleName(role));
    ins->bind(6, m_actor.user).bind(7, m_clock.nowIso8601());
    DA06_CHECK(ins->run());
    ChangeFields fields;
    if (!existed) {
        fields = {{"plan", *planKey}, {"model", modelNumber}, {"unit", unit->code}};
    }
    fields.emplace_back("role", plan::unitRoleName(role));
    fields.emplace_back("removed", false);
    DA06_CHECK(recordChange(m_db, m_clock, m_actor, "assignment", uid, existed ? ChangeOp::Update : ChangeOp::Insert,
                            std::move(fields)));
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "assignment.set",
                             "assignment:" + std::to_string(model->number) + "@" + unit->code));
    DA06_CHECK(tx.commit());
    return true;
}

Status AssignmentService::unassign(int modelNumber, const std::string& unitRef)
{
    DA06_CHECK(access::require(m_actor, access::Permission::EditAssignments, "remove assignments"));
    DA06_TRY(planKey, detail::currentPlanKey(m_db));
    DA06_TRY(model, detail::findModel(m_db, *planKey, modelNumber));
    DA06_TRY(unit, detail::findUnit(m_db, unitRef));
    DA06_CHECK(detail::requireInDeskScope(m_db, *unit, "remove assignments"));
    DA06_TRY(current, find(modelNumber, unit->code));
    if (!*current) {
        return fail(ErrorCode::NotFound, "model " + std::to_string(modelNumber) + " is not assigned to " + unit->name);
    }
    DA06_TRY(open, m_db.prepare("SELECT COUNT(*) FROM task WHERE plan_key = ? AND model_number = ? AND unit_id = ? AND "
                                "status IN ('not_started','in_progress','blocked')"));
    open->bind(1, *planKey).bind(2, modelNumber).bind(3, unit->row);
    DA06_TRY(row, open->step());
    if (*row && open->columnInt(0) > 0) {
        return fail(ErrorCode::Usage, unit->name + " has " + std::to_string(open->columnInt(0)) +
                                          " open tasks under model " + std::to_string(modelNumber) +
                                          ": finish or cancel them first");
    }
    const std::string uid = assignmentUid(*planKey, modelNumber, unit->code);
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(del, m_db.prepare("DELETE FROM assignment WHERE uid = ?"));
    del->bind(1, uid);
    DA06_CHECK(del->run());
    const bool existed = m_db.changes() > 0;
    DA06_TRY(ins,
             m_db.prepare(
                 "INSERT INTO assignment (uid, plan_key, model_number, unit_id, role, removed, updated_by, updated_at) "
                 "VALUES (?,?,?,?,?,1,?,?)"));
    ins->bind(1, uid)
        .bind(2, *planKey)
        .bind(3, modelNumber)
        .bind(4, unit->row)
        .bind(5, plan::unitRoleName((*current)->role));
    ins->bind(6, m_actor.user).bind(7, m_clock.nowIso8601());
    DA06_CHECK(ins->run());
    ChangeFields fields;
    if (!existed) {
        fields = {{"plan", *planKey},
                  {"model", modelNumber},
                  {"unit", unit->code},
                  {"role", plan::unitRoleName((*current)->role)}};
    }
    fields.emplace_back("removed", true);
    DA06_CHECK(recordChange(m_db, m_clock, m_actor, "assignment", uid, existed ? ChangeOp::Update : ChangeOp::Insert,
                            std::move(fields)));
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "assignment.remove",
                             "assignment:" + std::to_string(model->number) + "@" + unit->code));
    return tx.commit();
}

} // namespace da06::work
