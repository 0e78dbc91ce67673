#pragma once
// The units of the province in the store: the plan's units and, below them, the real districts,
// communes and sites (imported from a units file), and the desk's own unit.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/store/Database.h"
#include "domain/work/UnitFile.h"

namespace da06::work {

struct WorkUnit {
    std::string id; // the unit's code
    std::string name;
    std::string kind;
    std::string level; // "province", "district", "commune", "site"
    std::optional<std::string> parent;
    std::optional<std::string> memberOf;
    std::optional<std::string> siteKind;
    std::vector<std::string> aliases;
};

struct UnitFilter {
    std::optional<std::string> kind;
    std::optional<std::string> level;
    std::optional<std::string> parent; // the units directly below it (with below: all units below it)
    bool below = false;
    std::string query; // name, alias or id, with or without diacritics
};

struct UnitImportSummary {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
};

class UnitService {
public:
    UnitService(store::Database& db, const Clock& clock, access::Actor actor)
        : m_db(db), m_clock(clock), m_actor(std::move(actor))
    {
    }

    // All or nothing; units are matched by id (code): new ones added, known ones updated. Every
    // parent and member_of must name a unit of the file or of the store, without cycles. Needs
    // Permission::ImportPlan; each added or changed unit is audited and change-logged.
    Result<UnitImportSummary> importUnits(const std::vector<UnitRecord>& units);

    Result<std::vector<WorkUnit>> list(const UnitFilter& filter = {}); // ReadPlan
    // By id, or by a name or alias that only one unit has (diacritics and case ignored).
    Result<WorkUnit> find(const std::string& ref); // ReadPlan

    // The unit this desk belongs to (setting "desk_unit"); nullopt before it was chosen.
    Result<std::optional<WorkUnit>> deskUnit(); // ReadPlan
    // Chosen at first start (admin: Permission::ImportPlan); audited as "desk.unit".
    Status setDeskUnit(const std::string& ref);

private:
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
};

} // namespace da06::work
