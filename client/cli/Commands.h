#pragma once
// The command groups of `da06`, each in its own file; Cli.cpp dispatches to them.
#include <ostream>

#include "client/cli/Common.h"

namespace da06::cli {

int cmdInit(const Globals& g, Args& a, std::ostream& out, std::ostream& err);
int cmdPlan(const Globals& g, Args& a, std::ostream& out, std::ostream& err);  // plan import|list|show
int cmdUnits(const Globals& g, Args& a, std::ostream& out, std::ostream& err); // units list
int cmdUser(const Globals& g, Args& a, std::ostream& out, std::ostream& err);  // user add|list|passwd|remove|reset|role
int cmdAudit(const Globals& g, Args& a, std::ostream& out, std::ostream& err); // audit verify|list
int cmdBackup(const Globals& g, Args& a, std::ostream& out, std::ostream& err);      // backup --to FILE
int cmdRestore(const Globals& g, Args& a, std::ostream& out, std::ostream& err);     // restore --from FILE
int cmdUnitsImport(const Globals& g, Args& a, std::ostream& out, std::ostream& err); // units import FILE|--bundled
int cmdUnitsList(const Globals& g, Args& a, std::ostream& out, std::ostream& err);   // units list [filters]
int cmdAssign(const Globals& g, Args& a, std::ostream& out, std::ostream& err);      // assign MODEL UNIT …|assign list
int cmdTasks(const Globals& g, Args& a, std::ostream& out,
             std::ostream& err); // tasks list|add|update|attach|show|evidence|monthly
int cmdDeadlines(const Globals& g, Args& a, std::ostream& out, std::ostream& err); // deadlines
int cmdDesk(const Globals& g, Args& a, std::ostream& out, std::ostream& err);      // desk unit|dashboard|changes
int cmdReport(const Globals& g, Args& a, std::ostream& out,
              std::ostream& err); // report unit|district|province|periods|save|submit|accept|return|reopen|rule
// commands/{Check,Checks,Case,Pawn,Welfare}Commands.cpp: the front desk (issue 8).
int cmdCheck(const Globals& g, Args& a, std::ostream& out, std::ostream& err);  // check record|show|receipt
int cmdChecks(const Globals& g, Args& a, std::ostream& out, std::ostream& err); // checks list|stats|purge|retention
int cmdCase(const Globals& g, Args& a, std::ostream& out,
            std::ostream& err); // case open|party|verify|exception|complete|…
int cmdPawn(const Globals& g, Args& a, std::ostream& out, std::ostream& err);    // pawn create|close|list|register
int cmdWelfare(const Globals& g, Args& a, std::ostream& out, std::ostream& err); // welfare import|lists|match|pay|…
extern const char* const kDeskUsage;                                             // the lines of `da06 --help`
int cmdIdcheck(const Globals& g, Args& a, std::ostream& out, std::ostream& err); // idcheck qr … (no store)

} // namespace da06::cli
