#include "client/app/SyncPanel.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/gauge.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "client/app/WxText.h"

namespace da06::app {

SyncPanel::SyncPanel(wxWindow* parent, store::Database& db, const Clock& clock, const access::Actor& actor)
    : wxPanel(parent), m_presenter(*this, db, clock, actor)
{
    SetName("da06-sync");
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, _("Synchronization with the hub"));
    title->SetFont(title->GetFont().Bold().Larger());
    top->Add(title, 0, wxALL, FromDIP(8));
    m_enrollment = new wxStaticText(this, wxID_ANY, "");
    m_lastSuccess = new wxStaticText(this, wxID_ANY, "");
    m_lastError = new wxStaticText(this, wxID_ANY, "");
    m_counts = new wxStaticText(this, wxID_ANY, "");
    for (auto* t : {m_enrollment, m_lastSuccess, m_lastError, m_counts}) {
        top->Add(t, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    }
    auto* run = new wxBoxSizer(wxHORIZONTAL);
    m_syncButton = new wxButton(this, wxID_ANY, _("Synchronize now"));
    m_cancelButton = new wxButton(this, wxID_CANCEL, _("Cancel"));
    m_gauge = new wxGauge(this, wxID_ANY, 100);
    m_progressText = new wxStaticText(this, wxID_ANY, "");
    run->Add(m_syncButton, 0, wxRIGHT, FromDIP(6));
    run->Add(m_cancelButton, 0, wxRIGHT, FromDIP(12));
    run->Add(m_gauge, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    run->Add(m_progressText, 1, wxALIGN_CENTER_VERTICAL);
    top->Add(run, 0, wxEXPAND | wxALL, FromDIP(8));

    top->Add(new wxStaticText(this, wxID_ANY, _("Conflicts (values that lost a merge):")), 0, wxLEFT | wxTOP,
             FromDIP(8));
    m_conflictList = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    m_conflictList->AppendColumn(_("Record and field"), wxLIST_FORMAT_LEFT, FromDIP(260));
    m_conflictList->AppendColumn(_("Value in force"), wxLIST_FORMAT_LEFT, FromDIP(200));
    m_conflictList->AppendColumn(_("Value that lost"), wxLIST_FORMAT_LEFT, FromDIP(200));
    m_conflictList->AppendColumn(_("Set by"), wxLIST_FORMAT_LEFT, FromDIP(180));
    top->Add(m_conflictList, 2, wxEXPAND | wxALL, FromDIP(8));
    m_applyButton = new wxButton(this, wxID_ANY, _("Apply this value"));
    top->Add(m_applyButton, 0, wxLEFT | wxBOTTOM, FromDIP(8));
    top->Add(new wxStaticText(this, wxID_ANY, _("Changes the hub rejected:")), 0, wxLEFT, FromDIP(8));
    m_rejected = new wxListBox(this, wxID_ANY);
    top->Add(m_rejected, 1, wxEXPAND | wxALL, FromDIP(8));
    SetSizer(top);

    m_syncButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (onSyncNow) {
            m_presenter.onStarted();
            onSyncNow();
        }
    });
    m_cancelButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (onCancel) {
            onCancel();
        }
    });
    m_applyButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const long sel = m_conflictList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        if (sel >= 0 && static_cast<std::size_t>(sel) < m_conflicts.size()) {
            m_presenter.applyConflict(m_conflicts[static_cast<std::size_t>(sel)].id);
        }
    });
    m_conflictList->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { m_applyButton->Enable(true); });
    m_applyButton->Enable(false);
    m_cancelButton->Enable(false);
}

void SyncPanel::showModel(const ui::SyncPanelModel& m)
{
    m_enrollment->SetLabel(wx(m.enrollment));
    m_lastSuccess->SetLabel(wx(m.lastSuccess));
    m_lastError->SetLabel(wx(m.lastError));
    m_counts->SetLabel(wx(m.counts));
    m_syncButton->Enable(m.canSync);
    m_cancelButton->Enable(m.canCancel);
    m_conflicts = m.conflicts;
    m_conflictList->DeleteAllItems();
    long row = 0;
    for (const auto& c : m.conflicts) {
        const long i = m_conflictList->InsertItem(row++, wx(c.what));
        m_conflictList->SetItem(i, 1, wx(c.kept));
        m_conflictList->SetItem(i, 2, wx(c.lost));
        m_conflictList->SetItem(i, 3, wx(c.by));
    }
    m_applyButton->Enable(false);
    m_rejected->Clear();
    for (const auto& r : m.rejected) {
        m_rejected->Append(wx(r));
    }
    Layout();
}

void SyncPanel::showProgress(int percent, const std::string& text)
{
    m_gauge->SetValue(std::clamp(percent, 0, 100));
    m_progressText->SetLabel(wx(text));
    const bool running = m_presenter.snapshot().running;
    m_cancelButton->Enable(running);
    m_syncButton->Enable(!running && m_presenter.snapshot().enrolled);
}

void SyncPanel::showStatusText(const std::string& text)
{
    if (onStatusText) {
        onStatusText(wx(text));
    }
}

void SyncPanel::showError(const std::string& text)
{
    wxMessageBox(wx(text), _("Synchronization"), wxOK | wxICON_WARNING, this);
}

} // namespace da06::app
