#include "domain/plan/PlanRepository.h"

#include <map>

#include "domain/audit/AuditLog.h"
#include "domain/store/Settings.h"
#include "domain/text/Text.h"

namespace da06::plan {

namespace {

std::string modelSearchText(const Model& m)
{
    return text::fold(m.title + " " + m.target.value_or("") + " " + m.objective.value_or(""));
}

} // namespace

Result<ImportSummary> PlanRepository::importPlan(const Plan& plan, const access::Actor& actor)
{
    DA06_CHECK(access::require(actor, access::Permission::ImportPlan, "import a plan"));
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    ImportSummary summary;
    summary.planId = plan.id;

    // Units: added when new, name and kind refreshed when known; unit ids are stable codes.
    std::map<std::string, std::int64_t> unitRows;
    DA06_TRY(findUnit, m_db.prepare("SELECT id FROM unit WHERE code = ?"));
    DA06_TRY(insertUnit, m_db.prepare("INSERT INTO unit (code, name, kind, search_text) VALUES (?, ?, ?, ?)"));
    DA06_TRY(updateUnit, m_db.prepare("UPDATE unit SET name = ?, kind = ?, search_text = ? WHERE id = ?"));
    DA06_TRY(insertAlias, m_db.prepare("INSERT OR IGNORE INTO unit_alias (unit_id, alias) VALUES (?, ?)"));
    for (const auto& u : plan.units) {
        findUnit->reset();
        findUnit->bind(1, u.id);
        DA06_TRY(found, findUnit->step());
        std::int64_t row = 0;
        if (*found) {
            row = findUnit->columnInt(0);
            updateUnit->reset();
            updateUnit->bind(1, u.name).bind(2, u.kind).bind(3, text::fold(u.name)).bind(4, row);
            DA06_CHECK(updateUnit->run());
        } else {
            insertUnit->reset();
            insertUnit->bind(1, u.id).bind(2, u.name).bind(3, u.kind).bind(4, text::fold(u.name));
            DA06_CHECK(insertUnit->run());
            row = m_db.lastInsertId();
            ++summary.unitsAdded;
        }
        unitRows[u.id] = row;
        for (const auto& a : u.aliases) {
            insertAlias->reset();
            insertAlias->bind(1, row).bind(2, a);
            DA06_CHECK(insertAlias->run());
        }
    }
    DA06_TRY(setParent, m_db.prepare("UPDATE unit SET parent_id = ? WHERE id = ?"));
    for (const auto& u : plan.units) {
        if (u.parent) {
            setParent->reset();
            setParent->bind(1, unitRows.at(*u.parent)).bind(2, unitRows.at(u.id));
            DA06_CHECK(setParent->run());
        }
    }

    // The plan replaces one of the same id.
    DA06_TRY(del, m_db.prepare("DELETE FROM plan WHERE plan_key = ?"));
    del->bind(1, plan.id);
    DA06_CHECK(del->run());
    summary.replaced = m_db.changes() > 0;

    DA06_TRY(insPlan, m_db.prepare("INSERT INTO plan (plan_key, title, issuer, province, issued, start_month, due_day, "
                                   "cutoff_day, imported_at) VALUES (?,?,?,?,?,?,?,?,?)"));
    insPlan->bind(1, plan.id).bind(2, plan.title).bind(3, plan.issuer).bind(4, plan.province);
    insPlan->bind(5, plan.issued ? std::optional<std::string>(plan.issued->toIso()) : std::nullopt);
    insPlan->bind(6, plan.start)
        .bind(7, plan.reporting.dueDay)
        .bind(8, plan.reporting.cutoffDay)
        .bind(9, m_clock.nowIso8601());
    DA06_CHECK(insPlan->run());
    const std::int64_t planRow = m_db.lastInsertId();

    DA06_TRY(insGroup, m_db.prepare("INSERT INTO plan_group (plan_id, code, title, original) VALUES (?,?,?,?)"));
    for (const auto& g : plan.groups) {
        insGroup->reset();
        insGroup->bind(1, planRow).bind(2, g.code).bind(3, g.title).bind(4, g.original);
        DA06_CHECK(insGroup->run());
    }

    DA06_TRY(insModel,
             m_db.prepare(
                 "INSERT INTO model (plan_id, number, group_code, title, target, objective, forces, deadline_kind, "
                 "deadline_period, deadline_year, deadline_due, funding_kind, funding_equipment, orig_target, "
                 "orig_objective, orig_assignment, orig_forces, orig_deadline, orig_tools, orig_funding, search_text) "
                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    DA06_TRY(insModelUnit,
             m_db.prepare("INSERT OR IGNORE INTO model_unit (model_id, unit_id, role, position) VALUES (?,?,?,?)"));
    DA06_TRY(insTool, m_db.prepare("INSERT INTO model_tool (model_id, position, tool) VALUES (?,?,?)"));
    for (const auto& m : plan.models) {
        insModel->reset();
        insModel->bind(1, planRow).bind(2, m.number).bind(3, m.group).bind(4, m.title).bind(5, m.target);
        insModel->bind(6, m.objective).bind(7, m.forces).bind(8, deadlineKindName(m.deadline.kind));
        insModel->bind(9, m.deadline.period).bind(10, m.deadline.year);
        insModel->bind(11, m.deadline.due ? std::optional<std::string>(m.deadline.due->toIso()) : std::nullopt);
        insModel->bind(12, fundingKindName(m.funding.kind)).bind(13, m.funding.equipment);
        insModel->bind(14, m.original.target).bind(15, m.original.objective).bind(16, m.original.assignment);
        insModel->bind(17, m.original.forces).bind(18, m.original.deadline).bind(19, m.original.tools);
        insModel->bind(20, m.original.funding).bind(21, modelSearchText(m));
        DA06_CHECK(insModel->run());
        const std::int64_t modelRow = m_db.lastInsertId();
        for (const auto& [ids, role] :
             {std::pair{&m.leadUnits, "lead"}, std::pair{&m.coordinatingUnits, "coordinating"}}) {
            int pos = 0;
            for (const auto& id : *ids) {
                insModelUnit->reset();
                insModelUnit->bind(1, modelRow).bind(2, unitRows.at(id)).bind(3, role).bind(4, pos++);
                DA06_CHECK(insModelUnit->run());
            }
        }
        int pos = 0;
        for (const auto& t : m.tools) {
            insTool->reset();
            insTool->bind(1, modelRow).bind(2, pos++).bind(3, t);
            DA06_CHECK(insTool->run());
        }
        ++summary.models;
    }

    DA06_CHECK(store::Settings(m_db).set("current_plan", plan.id));
    DA06_CHECK(
        audit::append(m_db, m_clock, actor, summary.replaced ? "plan.replace" : "plan.import", "plan:" + plan.id));
    DA06_CHECK(tx.commit());
    return summary;
}

Result<std::int64_t> PlanRepository::currentPlanRowId()
{
    DA06_TRY(st,
             m_db.prepare("SELECT p.id FROM plan p JOIN setting s ON s.key = 'current_plan' AND s.value = p.plan_key"));
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound, "no plan has been imported into this store (use `da06 plan import FILE`)");
    }
    return st->columnInt(0);
}

Result<std::optional<PlanInfo>> PlanRepository::currentPlan()
{
    DA06_TRY(st, m_db.prepare("SELECT p.plan_key, p.title, p.issuer, p.province, p.issued, p.imported_at, "
                              "(SELECT COUNT(*) FROM model m WHERE m.plan_id = p.id) "
                              "FROM plan p JOIN setting s ON s.key = 'current_plan' AND s.value = p.plan_key"));
    DA06_TRY(row, st->step());
    if (!*row) {
        return std::optional<PlanInfo>();
    }
    PlanInfo info;
    info.id = st->columnText(0);
    info.title = st->columnText(1);
    info.issuer = st->columnText(2);
    info.province = st->columnText(3);
    if (auto issued = st->columnOptText(4)) {
        info.issued = Date::parseIso(*issued);
    }
    info.importedAt = st->columnText(5);
    info.modelCount = static_cast<int>(st->columnInt(6));
    return std::optional<PlanInfo>(std::move(info));
}

Result<std::vector<Group>> PlanRepository::groups()
{
    DA06_TRY(planRow, currentPlanRowId());
    DA06_TRY(st, m_db.prepare("SELECT code, title, original FROM plan_group WHERE plan_id = ? ORDER BY code"));
    st->bind(1, *planRow);
    std::vector<Group> out;
    while (true) {
        DA06_TRY(row, st->step());
        if (!*row) {
            break;
        }
        out.push_back(Group{st->columnText(0), st->columnText(1), st->columnText(2)});
    }
    return out;
}

Result<std::vector<StoredModel>> PlanRepository::loadModels(std::int64_t planRow, const ModelFilter& filter,
                                                            std::optional<int> number)
{
    std::string sql =
        "SELECT m.id, m.number, m.group_code, m.title, m.target, m.objective, m.forces, m.deadline_kind, "
        "m.deadline_period, "
        "m.deadline_year, m.deadline_due, m.funding_kind, m.funding_equipment, m.orig_target, m.orig_objective, "
        "m.orig_assignment, m.orig_forces, m.orig_deadline, m.orig_tools, m.orig_funding, COALESCE(g.title, ''), "
        "m.search_text FROM model m LEFT JOIN plan_group g ON g.plan_id = m.plan_id AND g.code = m.group_code "
        "WHERE m.plan_id = ?";
    if (filter.group) {
        sql += " AND m.group_code = ?";
    }
    if (number) {
        sql += " AND m.number = ?";
    }
    sql += " ORDER BY m.number";
    DA06_TRY(st, m_db.prepare(sql));
    int idx = 1;
    st->bind(idx++, planRow);
    if (filter.group) {
        st->bind(idx++, *filter.group);
    }
    if (number) {
        st->bind(idx++, *number);
    }
    const std::string query = text::fold(filter.query);

    DA06_TRY(unitsOf,
             m_db.prepare(
                 "SELECT u.code, u.name, mu.role, u.search_text FROM model_unit mu JOIN unit u ON u.id = mu.unit_id "
                 "WHERE mu.model_id = ? ORDER BY mu.role DESC, mu.position"));
    DA06_TRY(toolsOf, m_db.prepare("SELECT tool FROM model_tool WHERE model_id = ? ORDER BY position"));

    std::vector<StoredModel> out;
    while (true) {
        DA06_TRY(row, st->step());
        if (!*row) {
            break;
        }
        StoredModel sm;
        Model& m = sm.model;
        const std::int64_t modelRow = st->columnInt(0);
        m.number = static_cast<int>(st->columnInt(1));
        m.group = st->columnText(2);
        m.title = st->columnText(3);
        m.target = st->columnOptText(4);
        m.objective = st->columnOptText(5);
        m.forces = st->columnOptText(6);
        m.deadline.kind = deadlineKindFromName(st->columnText(7)).value_or(DeadlineKind::Recurring);
        m.deadline.period = st->columnOptText(8);
        m.deadline.year = st->columnOptInt(9);
        if (auto due = st->columnOptText(10)) {
            m.deadline.due = Date::parseIso(*due);
        }
        m.funding.kind = fundingKindFromName(st->columnText(11)).value_or(FundingKind::Unspecified);
        m.funding.equipment = st->columnOptText(12);
        m.original.target = st->columnOptText(13);
        m.original.objective = st->columnOptText(14);
        m.original.assignment = st->columnOptText(15);
        m.original.forces = st->columnOptText(16);
        m.original.deadline = st->columnOptText(17);
        m.original.tools = st->columnOptText(18);
        m.original.funding = st->columnOptText(19);
        sm.groupTitle = st->columnText(20);
        std::string haystack = st->columnText(21) + " " + std::to_string(m.number);

        unitsOf->reset();
        unitsOf->bind(1, modelRow);
        while (true) {
            DA06_TRY(urow, unitsOf->step());
            if (!*urow) {
                break;
            }
            const bool lead = unitsOf->columnText(2) == "lead";
            (lead ? m.leadUnits : m.coordinatingUnits).push_back(unitsOf->columnText(0));
            (lead ? sm.leadUnitNames : sm.coordinatingUnitNames).push_back(unitsOf->columnText(1));
            haystack += " " + unitsOf->columnText(3);
        }
        if (!query.empty() && !text::matchesFolded(haystack, query)) {
            continue;
        }
        toolsOf->reset();
        toolsOf->bind(1, modelRow);
        while (true) {
            DA06_TRY(trow, toolsOf->step());
            if (!*trow) {
                break;
            }
            m.tools.push_back(toolsOf->columnText(0));
        }
        out.push_back(std::move(sm));
    }
    return out;
}

Result<std::vector<StoredModel>> PlanRepository::models(const ModelFilter& filter)
{
    DA06_TRY(planRow, currentPlanRowId());
    return loadModels(*planRow, filter, std::nullopt);
}

Result<StoredModel> PlanRepository::model(int number)
{
    DA06_TRY(planRow, currentPlanRowId());
    DA06_TRY(list, loadModels(*planRow, {}, number));
    if (list->empty()) {
        return fail(ErrorCode::NotFound, "the plan has no model " + std::to_string(number));
    }
    return std::move(list->front());
}

} // namespace da06::plan
