#pragma once
// Who is acting, and what their role allows. Permissions are enforced in the domain services
// (each service calls require() before it reads or changes anything), not only in the UI.
#include <optional>
#include <string>

#include "domain/core/Error.h"

namespace da06::access {

enum class Role { Admin, Staff, Checker, Coordinator };

const char* roleName(Role r); // "admin", "staff", "checker", "coordinator"
std::optional<Role> roleFromName(const std::string& s);

enum class Permission {
    ManageUsers,     // add, remove, reset users; change policy
    ReadAudit,       // browse and verify the audit log
    BackupRestore,   // write a backup, restore one
    ImportPlan,      // load a plan file, import units
    ReadPlan,        // see the models, units and assignments
    EditProgress,    // tasks, indicators, progress of the desk's unit
    EditAssignments, // assign models to units (coordinators, admins)
    MakeChecks,      // identity checks and their personal details
    ReadCheckCounts, // counts of checks, without personal data
    CompileReports,  // unit and district reports
    ApproveReports,  // accept or return reports
};

bool allows(Role role, Permission p);

struct Actor {
    std::string user;
    Role role = Role::Staff;
    std::string device; // the desk's device id (empty before enrollment)
};

// PermissionDenied with a sentence naming the action and the role, when the role lacks p.
Status require(const Actor& actor, Permission p, const char* what);

} // namespace da06::access
