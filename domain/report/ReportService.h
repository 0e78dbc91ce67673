#pragma once
// Monthly reports on the encrypted store: the periods of a unit with their state, a unit's report
// (prefilled from the work data, narrative editable), submission with validation, acceptance or
// return by a coordinator, reopening a locked period, and the district or province compilation
// (completeness and timeliness as DHIS2 computes them, per-model aggregates, indicator and check
// totals, overdue models, trends, a Vietnamese draft narrative).
//
// Every change checks the actor's permission, writes its audit entry and a change record (entity
// "report" or "report_compilation") in the same transaction, so reports travel with the sync.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/report/CheckCountSource.h"
#include "domain/report/ReportTypes.h"
#include "domain/store/Database.h"

namespace da06::report {

struct PeriodRow {
    Period period;
    PeriodState state = PeriodState::Open;
    std::optional<ReportStatus> status;
    std::optional<std::string> submittedAt;
    std::optional<std::string> reviewComment;
    bool locked = false;
};

struct ReportEdit {
    std::optional<Narrative> narrative;
    std::optional<std::string> docNumber;
    std::optional<std::string> signer;
};

class ReportService {
public:
    // checks: nullptr → NoCheckRecords.
    ReportService(store::Database& db, const Clock& clock, access::Actor actor,
                  const CheckCountSource* checks = nullptr);

    // The plan's rule (due day, cut-off day, lock days). ReadPlan.
    Result<PeriodRule> rule();
    // Changes the plan's rule. ApproveReports (coordinator); audited "report.rule".
    Status setRule(const PeriodRule& r);

    // The monthly periods of a unit, newest first: the current month's period and `count - 1` before
    // it (not before the plan's start month). ReadPlan.
    Result<std::vector<PeriodRow>> periods(const std::string& unitRef, int count = 12);

    // The unit's report of a month ("YYYY-MM"): the stored one (a submitted report keeps its frozen
    // figures) or one built from the work data as of the cut-off (or today, if earlier), with a
    // prefilled narrative. A unit reports its own tasks only (the units below it send their own
    // reports, so a compilation never counts a task twice). CompileReports.
    Result<UnitReport> unitReport(const std::string& unitRef, const std::string& periodKey);
    // Saves the draft (creates it if needed). Refused once submitted or accepted, and when the period
    // is locked (unless reopened or returned). CompileReports, desk scope; audited "report.save".
    Result<UnitReport> save(const std::string& unitRef, const std::string& periodKey, const ReportEdit& edit);
    // Validates, freezes the figures and submits. Blocking issues → InvalidInput naming them.
    // Audited "report.submit".
    Result<UnitReport> submit(const std::string& unitRef, const std::string& periodKey, const ReportEdit& edit = {});
    // A coordinator accepts a submitted report or returns it with a comment (required).
    Result<UnitReport> accept(const std::string& unitRef, const std::string& periodKey,
                              const std::string& comment = {});
    Result<UnitReport> returnReport(const std::string& unitRef, const std::string& periodKey,
                                    const std::string& comment);
    // A coordinator reopens a locked period for one unit, or for every unit (unitRef empty).
    Status reopen(const std::string& periodKey, const std::string& unitRef = {});

    // The compilation of the units in scope (the unit and every unit below it that carries out a
    // model) for a month, quarter ("2024-Q1") or year. level: "district" or "province". CompileReports.
    Result<Compilation> compile(const std::string& scopeRef, const std::string& periodKey, const std::string& level,
                                int trendMonths = 12);
    // Saves the edited narrative of a compilation ("" restores the draft). CompileReports.
    Status saveCompilationNarrative(const std::string& scopeRef, const std::string& periodKey, const std::string& text);

    static std::string reportUid(const std::string& planKey, const std::string& unitCode, const std::string& period);

private:
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
    NoCheckRecords m_noChecks;
    const CheckCountSource* m_checks;
};

} // namespace da06::report
