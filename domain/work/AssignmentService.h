#pragma once
// Assignments of the plan's models to units, as lead or coordinating unit. The plan's own
// assignments (model_unit, from the plan file) apply to the units the plan names and, through
// member_of, to the real units of a collective ("UBND huyện, thị xã, thành phố" → each district).
// A desk edits them: a district assigns a model to its communes and sites, a coordinator changes
// a role or removes an assignment. Edits are kept beside the plan's (table assignment), so that
// re-importing the plan keeps them.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/plan/Plan.h"
#include "domain/store/Database.h"

namespace da06::work {

enum class AssignmentSource { Plan, Desk, Inherited };
const char* assignmentSourceName(AssignmentSource s); // "plan", "desk", "inherited"

struct Assignment {
    std::string uid; // derived from (plan, model, unit): the same on every desk
    int modelNumber = 0;
    std::string modelTitle;
    std::string unitId;
    std::string unitName;
    plan::UnitRole role = plan::UnitRole::Lead;
    AssignmentSource source = AssignmentSource::Plan;
    std::optional<std::string> via; // inherited: the collective unit of the plan it comes from
};

class AssignmentService {
public:
    AssignmentService(store::Database& db, const Clock& clock, access::Actor actor)
        : m_db(db), m_clock(clock), m_actor(std::move(actor))
    {
    }

    // The models a unit carries out (its own assignments and those of its collective), by model
    // number. Needs Permission::ReadPlan.
    Result<std::vector<Assignment>> forUnit(const std::string& unitRef);
    // The units a model is assigned to (the plan's and the desks'; collectives not expanded).
    Result<std::vector<Assignment>> forModel(int modelNumber);
    // The effective assignment of a model to a unit, if any.
    Result<std::optional<Assignment>> find(int modelNumber, const std::string& unitRef);

    // Assigns (or changes the role). Needs Permission::EditAssignments and a unit within the
    // desk's unit; audited as "assignment.set", change-logged. Returns false when nothing changed.
    Result<bool> assign(int modelNumber, const std::string& unitRef, plan::UnitRole role);
    // Removes an assignment; refused while the unit has open tasks under it.
    Status unassign(int modelNumber, const std::string& unitRef);

    static std::string assignmentUid(const std::string& planKey, int modelNumber, const std::string& unitCode);

private:
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
};

} // namespace da06::work
