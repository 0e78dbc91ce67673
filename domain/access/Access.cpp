#include "domain/access/Access.h"

namespace da06::access {

const char* roleName(Role r)
{
    switch (r) {
    case Role::Admin:
        return "admin";
    case Role::Staff:
        return "staff";
    case Role::Checker:
        return "checker";
    case Role::Coordinator:
        return "coordinator";
    }
    return "staff";
}

std::optional<Role> roleFromName(const std::string& s)
{
    if (s == "admin")
        return Role::Admin;
    if (s == "staff")
        return Role::Staff;
    if (s == "checker")
        return Role::Checker;
    if (s == "coordinator")
        return Role::Coordinator;
    return std::nullopt;
}

bool allows(Role role, Permission p)
{
    switch (p) {
    case Permission::ReadPlan:
    case Permission::ReadCheckCounts:
        return true;
    case Permission::ManageUsers:
    case Permission::ReadAudit:
    case Permission::BackupRestore:
    case Permission::ImportPlan:
        return role == Role::Admin;
    case Permission::EditProgress:
        return role == Role::Staff || role == Role::Coordinator || role == Role::Admin;
    case Permission::EditAssignments:
        return role == Role::Coordinator || role == Role::Admin;
    case Permission::MakeChecks:
        return role == Role::Checker;
    case Permission::CompileReports:
        return role == Role::Staff || role == Role::Coordinator;
    case Permission::ApproveReports:
        return role == Role::Coordinator;
    }
    return false;
}

Status require(const Actor& actor, Permission p, const char* what)
{
    if (allows(actor.role, p)) {
        return {};
    }
    return fail(ErrorCode::PermissionDenied,
                std::string("the role ") + roleName(actor.role) + " of user \"" + actor.user + "\" may not " + what);
}

} // namespace da06::access
