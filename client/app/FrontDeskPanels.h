#pragma once
// The front desk's pages and dialogs (issue 8), thin over ui::DeskListsPresenter and
// ui::FrontDeskPresenter: the notarial cases ("Hồ sơ công chứng"), the pawnshop register ("Sổ cầm
// đồ", exported for a date range as PDF or XLSX) and the welfare payouts ("Chi trả an sinh": import
// a CSV list, the reconciliation of a period), each a searchable list (Ctrl+F; with or without
// diacritics) over the selected row's details; and the dialog that attaches a saved check to a
// case party, a new pawn contract, a payout or a loan application.
#include <functional>
#include <memory>
#include <vector>
#include <wx/panel.h>

#include "client/app/BackgroundTask.h"
#include "client/presenters/DeskListsPresenter.h"
#include "client/presenters/FrontDeskPresenter.h"

class wxButton;
class wxChoice;
class wxDataViewListCtrl;
class wxSearchCtrl;
class wxStaticText;
class wxTextCtrl;

namespace da06::app {

class WorkListStore;

class DeskListPage : public wxPanel, public ui::DeskListsView {
public:
    DeskListPage(wxWindow* parent, store::Database& db, const Clock& clock, const access::Actor& actor,
                 ui::DeskList list);
    ~DeskListPage() override;

    void refresh();
    void focusSearch();
    // Personal data off the screen (desk locked); refresh() shows it again.
    void clearForLock();
    std::function<void(const wxString&)> onStatus;

    // DeskListsView
    void showRows(ui::DeskList list, const std::vector<ui::DeskRow>& rows) override;
    void showDetail(ui::DeskList list, const ui::DeskDetail& detail) override;
    void showStatus(const std::string& text) override;
    void showError(const std::string& text) override;

private:
    void buildCaseTools(wxSizer* bar);
    void buildContractTools(wxSizer* bar);
    void buildPayoutTools(wxSizer* bar);
    std::string selectedKey() const;
    void onSelection();
    // Cases
    void completeSelected();
    void exceptionForSelected();
    void cancelSelected();
    // Contracts
    void applyRange();
    void closeSelected(desk::PawnStatus to);
    void exportRegister(const wxString& format);
    // Payouts
    void importList();
    void exportReconciliation();
    // Writes the document off the UI thread; the result comes back while the page lives.
    void writeInBackground(reports::Document doc, const std::filesystem::path& path, const std::string& format);

    ui::DeskList m_list;
    ui::DeskListsPresenter m_presenter;
    wxStaticText* m_heading = nullptr;
    wxSearchCtrl* m_search = nullptr;
    wxDataViewListCtrl* m_rows = nullptr;
    WorkListStore* m_rowStore = nullptr;
    wxStaticText* m_detailHeading = nullptr;
    wxDataViewListCtrl* m_detail = nullptr;
    WorkListStore* m_detailStore = nullptr;
    std::vector<std::string> m_keys;
    // Filters
    wxChoice* m_caseStatus = nullptr;
    wxTextCtrl* m_from = nullptr;
    wxTextCtrl* m_to = nullptr;
    wxTextCtrl* m_period = nullptr;
    std::vector<wxButton*> m_rowActions; // enabled with a selection
    BackgroundTask m_task;               // the document being written
};

// Attaches the saved check of the front desk to what its purpose calls for (a case party, a new
// pawn contract, a payout or a loan application). True when it was attached.
bool runAttachDialog(wxWindow* parent, ui::FrontDeskPresenter& presenter, const Clock& clock);

} // namespace da06::app
