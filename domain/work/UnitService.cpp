#include "domain/work/UnitService.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/audit/AuditLog.h"
#include "domain/store/Settings.h"
#include "domain/text/Text.h"
#include "domain/work/ChangeLog.h"
#include "domain/work/WorkDb.h"
#include "domain/work/WorkTypes.h"

namespace da06::work {

namespace {

std::string unitSearchText(const std::string& code, const std::string& name, const std::vector<std::string>& aliases)
{
    std::string s = name + " " + code;
    for (const auto& a : aliases) {
        s += " " + a;
    }
    return text::fold(s);
}

struct Existing {
    std::int64_t row = 0;
    std::string name, kind;
    std::optional<std::string> parent, memberOf, siteKind;
    std::set<std::string> aliases;
};

} // namespace

Result<UnitImportSummary> UnitService::importUnits(const std::vector<UnitRecord>& units)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ImportPlan, "import units"));
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());

    // What the store has now, by code.
    std::map<std::string, Existing> existing;
    {
        DA06_TRY(st, m_db.prepare("SELECT u.id, u.code, u.name, u.kind, p.code, m.code, u.site_kind FROM unit u "
                                  "LEFT JOIN unit p ON p.id = u.parent_id LEFT JOIN unit m ON m.id = u.member_of"));
        DA06_CHECK(detail::eachRow(*st, [&](const store::Statement& s) {
            Existing e;
            e.row = s.columnInt(0);
            e.name = s.columnText(2);
            e.kind = s.columnText(3);
            e.parent = s.columnOptText(4);
            e.memberOf = s.columnOptText(5);
            e.siteKind = s.columnOptText(6);
            existing.emplace(s.columnText(1), std::move(e));
        }));
        DA06_TRY(al, m_db.prepare("SELECT u.code, a.alias FROM unit_alias a JOIN unit u ON u.id = a.unit_id"));
        DA06_CHECK(detail::eachRow(
            *al, [&](const store::Statement& s) { existing[s.columnText(0)].aliases.insert(s.columnText(1)); }));
    }

    // References and cycles, over the store as it will be after the import.
    std::map<std::string, std::optional<std::string>> parentOf;
    for (const auto& [code, e] : existing) {
        parentOf[code] = e.parent;
    }
    for (const auto& u : units) {
        parentOf[u.id] = u.parent;
    }
    auto where = [](const UnitRecord& u) {
        return u.line > 0 ? "line " + std::to_string(u.line) + ": " : std::string();
    };
    for (const auto& u : units) {
        for (const auto& [ref, what] : {std::pair{&u.parent, "parent"}, std::pair{&u.memberOf, "member_of"}}) {
            if (*ref && !parentOf.contains(**ref)) {
                return fail(ErrorCode::InvalidInput, where(u) + "the " + what + " \"" + **ref + "\" of the unit \"" +
                                                         u.id + "\" is neither in the file nor in the store");
            }
        }
        std::string cur = u.id;
        for (std::size_t steps = 0; parentOf[cur]; ++steps) {
            cur = *parentOf[cur];
            if (cur == u.id || steps > parentOf.size()) {
                return fail(ErrorCode::InvalidInput,
                            where(u) + "the parents of the unit \"" + u.id + "\" form a cycle");
            }
        }
    }

    UnitImportSummary summary;
    const std::string now = m_clock.nowIso8601();
    DA06_TRY(ins, m_db.prepare(
                      "INSERT INTO unit (code, name, kind, site_kind, search_text, updated_at) VALUES (?,?,?,?,?,?)"));
    DA06_TRY(upd,
             m_db.prepare(
                 "UPDATE unit SET name = ?, kind = ?, site_kind = ?, search_text = ?, updated_at = ? WHERE id = ?"));
    DA06_TRY(insAlias, m_db.prepare("INSERT OR IGNORE INTO unit_alias (unit_id, alias) VALUES (?, ?)"));
    std::map<std::string, std::int64_t> rowOf;
    for (const auto& [code, e] : existing) {
        rowOf[code] = e.row;
    }
    struct Pending {
        const UnitRecord* unit;
        ChangeOp op;
        ChangeFields fields;
    };
    std::vector<Pending> changes;
    for (const auto& u : units) {
        auto it = existing.find(u.id);
        std::vector<std::string> allAliases = u.aliases;
        if (it == existing.end()) {
            ins->reset();
            ins->bind(1, u.id)
                .bind(2, u.name)
                .bind(3, u.kind)
                .bind(4, u.siteKind)
                .bind(5, unitSearchText(u.id, u.name, u.aliases));
            ins->bind(6, now);
            DA06_CHECK(ins->run());
            rowOf[u.id] = m_db.lastInsertId();
            ChangeFields f{{"name", u.name},
                           {"kind", u.kind},
                           {"parent", json::optText(u.parent)},
                           {"member_of", json::optText(u.memberOf)},
                           {"site_kind", json::optText(u.siteKind)}};
            json::Value aliases = json::Array{};
            for (const auto& a : u.aliases) {
                aliases.push(a);
            }
            f.emplace_back("aliases", aliases);
            changes.push_back({&u, ChangeOp::Insert, std::move(f)});
            ++summary.added;
        } else {
            const Existing& e = it->second;
            ChangeFields f;
            if (e.name != u.name)
                f.emplace_back("name", u.name);
            if (e.kind != u.kind)
                f.emplace_back("kind", u.kind);
            if (e.siteKind != u.siteKind)
                f.emplace_back("site_kind", json::optText(u.siteKind));
            // An import never removes a parent or membership it does not mention.
            if (u.parent && e.parent != u.parent)
                f.emplace_back("parent", json::optText(u.parent));
            if (u.memberOf && e.memberOf != u.memberOf)
                f.emplace_back("member_of", json::optText(u.memberOf));
            bool newAlias = false;
            for (const auto& a : u.aliases) {
                newAlias = newAlias || !e.aliases.contains(a);
            }
            if (newAlias) {
                json::Value aliases = json::Array{};
                std::set<std::string> all = e.aliases;
                all.insert(u.aliases.begin(), u.aliases.end());
                for (const auto& a : all) {
                    aliases.push(a);
                }
                f.emplace_back("aliases", aliases);
                allAliases.assign(all.begin(), all.end());
            }
            if (f.empty()) {
                ++summary.unchanged;
                continue;
            }
            upd->reset();
            upd->bind(1, u.name).bind(2, u.kind).bind(3, u.siteKind).bind(4, unitSearchText(u.id, u.name, allAliases));
            upd->bind(5, now).bind(6, e.row);
            DA06_CHECK(upd->run());
            changes.push_back({&u, ChangeOp::Update, std::move(f)});
            ++summary.updated;
        }
        for (const auto& a : u.aliases) {
            insAlias->reset();
            insAlias->bind(1, rowOf[u.id]).bind(2, a);
            DA06_CHECK(insAlias->run());
        }
    }
    // Parents and memberships once every unit has a row.
    DA06_TRY(setParent, m_db.prepare("UPDATE unit SET parent_id = ? WHERE id = ?"));
    DA06_TRY(setMember, m_db.prepare("UPDATE unit SET member_of = ? WHERE id = ?"));
    for (const auto& u : units) {
        if (u.parent) {
            setParent->reset();
            setParent->bind(1, rowOf.at(*u.parent)).bind(2, rowOf.at(u.id));
            DA06_CHECK(setParent->run());
        }
        if (u.memberOf) {
            setMember->reset();
            setMember->bind(1, rowOf.at(*u.memberOf)).bind(2, rowOf.at(u.id));
            DA06_CHECK(setMember->run());
        }
    }
    for (auto& c : changes) {
        DA06_TRY(rec, recordChange(m_db, m_clock, m_actor, "unit", c.unit->id, c.op, std::move(c.fields)));
        DA06_CHECK(audit::append(m_db, m_clock, m_actor, c.op == ChangeOp::Insert ? "unit.add" : "unit.update",
                                 "unit:" + c.unit->id));
    }
    DA06_CHECK(tx.commit());
    return summary;
}

Result<std::vector<WorkUnit>> UnitService::list(const UnitFilter& filter)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ReadPlan, "see the units"));
    if (filter.level && !isKnownUnitLevel(*filter.level)) {
        return fail(ErrorCode::Usage,
                    "unknown level \"" + *filter.level + "\" (use province, district, commune or site)");
    }
    if (filter.kind && !isKnownUnitKind(*filter.kind)) {
        return fail(ErrorCode::Usage, "unknown unit kind \"" + *filter.kind + "\"");
    }
    std::optional<std::vector<std::int64_t>> within;
    std::optional<std::int64_t> parentRow;
    if (filter.parent) {
        DA06_TRY(p, detail::findUnit(m_db, *filter.parent));
        parentRow = p->row;
        if (filter.below) {
            DA06_TRY(rows, detail::subtree(m_db, p->row));
            within = std::move(*rows);
        }
    }
    std::string sql = "SELECT u.id, u.code, u.name, u.kind, p.code, m.code, u.site_kind, u.search_text FROM unit u "
                      "LEFT JOIN unit p ON p.id = u.parent_id LEFT JOIN unit m ON m.id = u.member_of WHERE 1";
    if (filter.kind) {
        sql += " AND u.kind = ?";
    }
    if (within) {
        sql += " AND u.id IN " + detail::inList(*within) + " AND u.id <> " + std::to_string(*parentRow);
    } else if (parentRow) {
        sql += " AND u.parent_id = " + std::to_string(*parentRow);
    }
    sql += " ORDER BY CASE u.kind WHEN 'province' THEN 0 WHEN 'province_agency' THEN 1 WHEN 'national_agency' THEN 2 "
           "WHEN 'collective' THEN 3 WHEN 'enterprise' THEN 4 WHEN 'other' THEN 5 WHEN 'district_level' THEN 6 "
           "WHEN 'district' THEN 7 WHEN 'commune_level' THEN 8 WHEN 'commune' THEN 9 ELSE 10 END, u.id";
    DA06_TRY(st, m_db.prepare(sql));
    if (filter.kind) {
        st->bind(1, *filter.kind);
    }
    std::map<std::int64_t, std::vector<std::string>> aliases;
    {
        DA06_TRY(al, m_db.prepare("SELECT unit_id, alias FROM unit_alias ORDER BY alias"));
        DA06_CHECK(detail::eachRow(
            *al, [&](const store::Statement& s) { aliases[s.columnInt(0)].push_back(s.columnText(1)); }));
    }
    const std::string query = text::fold(filter.query);
    std::vector<WorkUnit> out;
    DA06_CHECK(detail::eachRow(*st, [&](const store::Statement& s) {
        WorkUnit u;
        u.id = s.columnText(1);
        u.name = s.columnText(2);
        u.kind = s.columnText(3);
        u.level = unitLevel(u.kind);
        u.parent = s.columnOptText(4);
        u.memberOf = s.columnOptText(5);
        u.siteKind = s.columnOptText(6);
        if (auto it = aliases.find(s.columnInt(0)); it != aliases.end()) {
            u.aliases = it->second;
        }
        if (filter.level && u.level != *filter.level) {
            return;
        }
        if (!query.empty()) {
            std::string hay = s.columnText(7) + " " + text::fold(u.name + " " + u.id);
            for (const auto& a : u.aliases) {
                hay += " " + text::fold(a);
            }
            if (!text::matchesFolded(hay, query)) {
                return;
            }
        }
        out.push_back(std::move(u));
    }));
    return out;
}

Result<WorkUnit> UnitService::find(const std::string& ref)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ReadPlan, "see the units"));
    DA06_TRY(row, detail::findUnit(m_db, ref));
    DA06_TRY(st, m_db.prepare("SELECT p.code, m.code FROM unit u LEFT JOIN unit p ON p.id = u.parent_id "
                              "LEFT JOIN unit m ON m.id = u.member_of WHERE u.id = ?"));
    st->bind(1, row->row);
    DA06_TRY(found, st->step());
    (void)found;
    WorkUnit u;
    u.id = row->code;
    u.name = row->name;
    u.kind = row->kind;
    u.level = unitLevel(u.kind);
    u.parent = st->columnOptText(0);
    u.memberOf = st->columnOptText(1);
    u.siteKind = row->siteKind;
    DA06_TRY(al, m_db.prepare("SELECT alias FROM unit_alias WHERE unit_id = ? ORDER BY alias"));
    al->bind(1, row->row);
    DA06_CHECK(detail::eachRow(*al, [&](const store::Statement& s) { u.aliases.push_back(s.columnText(0)); }));
    return u;
}

Result<std::optional<WorkUnit>> UnitService::deskUnit()
{
    DA06_CHECK(access::require(m_actor, access::Permission::ReadPlan, "see the desk's unit"));
    DA06_TRY(row, detail::deskUnit(m_db));
    if (!*row) {
        return std::optional<WorkUnit>();
    }
    DA06_TRY(u, find((*row)->code));
    return std::optional<WorkUnit>(std::move(*u));
}

Status UnitService::setDeskUnit(const std::string& ref)
{
    DA06_CHECK(access::require(m_actor, access::Permission::ImportPlan, "choose the desk's unit"));
    DA06_TRY(row, detail::findUnit(m_db, ref));
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_CHECK(store::Settings(m_db).set("desk_unit", row->code));
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "desk.unit", "unit:" + row->code));
    return tx.commit();
}

} // namespace da06::work
