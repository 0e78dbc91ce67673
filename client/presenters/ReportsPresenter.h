#pragma once
// The reports page: the desk unit's monthly periods with their state, the editor of the selected
// period's report (prefilled, editable until submitted or locked), validation, save and submit,
// the document for the preview and the exports (rendered off the UI thread by the page), and for
// coordinators the completeness and timeliness of their units' reports with reminders to send,
// and accepting or returning a report.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/desk/CheckService.h"
#include "domain/report/ReportService.h"
#include "domain/store/Database.h"
#include "reports/Document.h"

namespace da06::ui {

enum class ReportTone { Neutral, Good, Warning, Bad };

struct ReportPeriodItem {
    std::string key;       // "2024-03"
    std::string label;     // "March 2024" (translated: "Tháng 3/2024")
    std::string due;       // dd/MM/yyyy
    std::string state;     // the word: Open, Due soon, Overdue, Submitted, Accepted, Returned, Locked
    std::string stateCode; // report::periodStateName
    ReportTone tone = ReportTone::Neutral;
};

struct ReportEditorModel {
    std::string heading;   // "Huyện Tân Biên — tháng 3/2024"
    std::string dataRange; // "Data from 15/02/2024 to 14/03/2024, due 14/03/2024"
    std::string status;    // translated status word
    std::string summary;   // "12 models: 1 done, 3 in progress, 5 late, 3 not started"
    report::Narrative narrative;
    std::string docNumber;
    std::string signer;
    bool editable = false;           // draft or returned, period not locked
    bool canSubmit = false;          // editable and no blocking issue
    std::vector<std::string> issues; // translated, blocking ones first
    std::string reviewComment;       // "Returned: …"
};

struct CompletenessRow {
    std::string unitId;
    std::string unit;
    std::string status;    // translated
    std::string submitted; // dd/MM/yyyy or ""
    bool onTime = false;
    bool needsReminder = false; // missing, draft or returned
    ReportTone tone = ReportTone::Neutral;
};

class ReportsView {
public:
    virtual ~ReportsView() = default;
    virtual void showPeriods(const std::vector<ReportPeriodItem>& periods, std::size_t selected) = 0;
    virtual void showEditor(const ReportEditorModel& model) = 0;
    // Coordinators: the table, a summary line ("3 of 5 received (60%), 2 on time (40%)"), reminders.
    virtual void showCompleteness(const std::vector<CompletenessRow>& rows, const std::string& summary,
                                  const std::vector<std::string>& reminders) = 0;
    virtual void showStatus(const std::string& text) = 0;
    virtual void showError(const std::string& text) = 0;
};

class ReportsPresenter {
public:
    ReportsPresenter(ReportsView& view, store::Database& db, const Clock& clock, access::Actor actor)
        : m_view(view), m_db(db), m_clock(clock), m_actor(std::move(actor))
    {
    }

    // Reads the desk's unit, its periods, and selects the newest period with something to do.
    void load();
    // Another unit than the desk's (a coordinator looking at one of theirs); empty: the desk's.
    void showUnit(const std::string& unitId);
    void selectPeriod(const std::string& key);
    // The text as edited in the view (kept until save or submit; the issues are re-checked).
    void editNarrative(const report::Narrative& n, const std::string& docNumber, const std::string& signer);
    void save();
    void submit();
    // Coordinators.
    void accept(const std::string& unitId, const std::string& comment);
    void returnReport(const std::string& unitId, const std::string& comment);

    bool isCoordinator() const;
    const std::string& unitId() const { return m_unitId; }
    const std::string& periodKey() const { return m_periodKey; }
    // The document of the selected report (for the preview and the exports), or nullopt.
    std::optional<reports::Document> document() const;
    // The compilation document of the coordinator's units for the selected period.
    std::optional<reports::Document> compilationDocument() const { return m_compilationDoc; }
    // "bao-cao-huyen-tan-bien-2024-03"
    std::string fileStem() const;

private:
    void refreshEditor();
    void refreshCompleteness();
    report::ReportService service() { return report::ReportService(m_db, m_clock, m_actor, &m_checkCounts); }

    ReportsView& m_view;
    store::Database& m_db;
    desk::StoredCheckCounts m_checkCounts{m_db};
    const Clock& m_clock;
    access::Actor m_actor;
    std::string m_unitId;
    std::string m_unitName;
    std::string m_deskUnitId;
    std::string m_periodKey;
    std::vector<report::PeriodRow> m_periods;
    std::optional<report::UnitReport> m_report;
    std::optional<reports::Document> m_compilationDoc;
};

// Labels (translated through tr()).
std::string periodStateLabel(report::PeriodState s);
ReportTone periodStateTone(report::PeriodState s);
std::string reportStatusLabel(const std::optional<report::ReportStatus>& s);
std::string issueText(const report::ValidationIssue& issue);

} // namespace da06::ui
