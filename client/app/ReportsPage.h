#pragma once
// The reports page ("Báo cáo"): the desk unit's monthly periods with their state, the editor of the
// selected report (prefilled, editable until submitted), a preview of page 1 of the PDF, export to
// PDF, XLSX and CSV, submit; for coordinators the completeness and timeliness of their units with
// reminders, accept and return. Rendering and exporting run off the UI thread (a BackgroundTask);
// their results come back only while the page still exists.
// Keys: Ctrl+S save the draft, Ctrl+P preview, F5 refresh.
#include <functional>
#include <memory>
#include <wx/panel.h>

#include "client/app/BackgroundTask.h"
#include "client/presenters/ReportsPresenter.h"

class wxButton;
class wxListCtrl;
class wxNotebook;
class wxScrolledWindow;
class wxStaticBitmap;
class wxStaticText;
class wxTextCtrl;

namespace da06::app {

class ReportsPage : public wxPanel, public ui::ReportsView {
public:
    ReportsPage(wxWindow* parent, store::Database& db, const Clock& clock, const access::Actor& actor);
    ~ReportsPage() override;

    void refresh();        // F5
    void preview();        // renders page 1 of the selected report into the Preview tab
    void showPreviewTab(); // Ctrl+P

    std::function<void(const wxString&)> onStatus; // set by the frame

    // ReportsView
    void showPeriods(const std::vector<ui::ReportPeriodItem>& periods, std::size_t selected) override;
    void showEditor(const ui::ReportEditorModel& model) override;
    void showCompleteness(const std::vector<ui::CompletenessRow>& rows, const std::string& summary,
                          const std::vector<std::string>& reminders) override;
    void showStatus(const std::string& text) override;
    void showError(const std::string& text) override;

private:
    wxWindow* buildEditor(wxWindow* parent);
    wxWindow* buildPreview(wxWindow* parent);
    wxWindow* buildUnits(wxWindow* parent);
    void onTextChanged();
    void exportAs(const wxString& kind);
    // True (and says so) while the previous document is still being written.
    bool stillWorking();
    void reviewSelected(bool accept);

    ui::ReportsPresenter m_presenter;
    std::vector<ui::ReportPeriodItem> m_periods;
    std::vector<ui::CompletenessRow> m_units;
    bool m_updating = false;

    wxListCtrl* m_periodList = nullptr;
    wxNotebook* m_book = nullptr;
    wxStaticText* m_heading = nullptr;
    wxStaticText* m_range = nullptr;
    wxStaticText* m_status = nullptr;
    wxStaticText* m_summary = nullptr;
    wxStaticText* m_review = nullptr;
    wxStaticText* m_issues = nullptr;
    wxTextCtrl* m_number = nullptr;
    wxTextCtrl* m_signer = nullptr;
    wxTextCtrl* m_results = nullptr;
    wxTextCtrl* m_difficulties = nullptr;
    wxTextCtrl* m_proposals = nullptr;
    wxTextCtrl* m_nextPlan = nullptr;
    wxButton* m_save = nullptr;
    wxButton* m_submit = nullptr;
    wxScrolledWindow* m_previewArea = nullptr;
    wxStaticBitmap* m_previewImage = nullptr;
    wxListCtrl* m_unitList = nullptr;
    wxStaticText* m_unitSummary = nullptr;
    wxTextCtrl* m_reminders = nullptr;

    BackgroundTask m_task; // rendering and exporting; one at a time
};

} // namespace da06::app
