#pragma once
// The command groups of `da06`, each in its own file; Cli.cpp dispatches to them.
#include <ostream>

#include "cli/Common.h"

namespace da06::cli {

int cmdInit(const Globals& g, Args& a, std::ostream& out, std::ostream& err);
int cmdPlan(const Globals& g, Args& a, std::ostream& out, std::ostream& err);     // plan import|list|show
int cmdUnits(const Globals& g, Args& a, std::ostream& out, std::ostream& err);    // units list
int cmdUser(const Globals& g, Args& a, std::ostream& out, std::ostream& err);     // user add|list|passwd|remove|reset|role
int cmdAudit(const Globals& g, Args& a, std::ostream& out, std::ostream& err);    // audit verify|list
int cmdBackup(const Globals& g, Args& a, std::ostream& out, std::ostream& err);   // backup --to FILE
int cmdRestore(const Globals& g, Args& a, std::ostream& out, std::ostream& err);  // restore --from FILE
int cmdIdcheck(const Globals& g, Args& a, std::ostream& out, std::ostream& err);  // idcheck qr … (no store)

} // namespace da06::cli
