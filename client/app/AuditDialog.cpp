#include "client/app/AuditDialog.h"

#include <wx/button.h>
#include <wx/datectrl.h>
#include <wx/dateevt.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "client/app/WxText.h"

namespace da06::app {

namespace {
enum { ID_Verify = wxID_HIGHEST + 200, ID_Since };
}

AuditDialog::AuditDialog(wxWindow* parent, access::Session& session)
    : wxDialog(parent, wxID_ANY, _("Audit log"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_presenter(*this, session)
{
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    bar->Add(new wxStaticText(this, wxID_ANY, _("Since:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_since = new wxDatePickerCtrl(this, ID_Since, wxDateTime::Today().Subtract(wxDateSpan::Month()));
    bar->Add(m_since, 0, wxRIGHT, FromDIP(12));
    bar->AddStretchSpacer();
    bar->Add(new wxButton(this, ID_Verify, _("&Verify the chain")));
    top->Add(bar, 0, wxALL | wxEXPAND, FromDIP(12));
    m_result = new wxStaticText(this, wxID_ANY, "");
    auto font = m_result->GetFont();
    font.SetWeight(wxFONTWEIGHT_BOLD);
    font.SetPointSize(font.GetPointSize() + 2);
    m_result->SetFont(font);
    top->Add(m_result, 0, wxLEFT | wxRIGHT | wxEXPAND, FromDIP(12));
    m_list =
        new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(760, 360)), wxLC_REPORT | wxLC_SINGLE_SEL);
    m_list->AppendColumn(_("No."), wxLIST_FORMAT_RIGHT, FromDIP(60));
    m_list->AppendColumn(_("Time (UTC)"), wxLIST_FORMAT_LEFT, FromDIP(150));
    m_list->AppendColumn(_("User"), wxLIST_FORMAT_LEFT, FromDIP(110));
    m_list->AppendColumn(_("Action"), wxLIST_FORMAT_LEFT, FromDIP(200));
    m_list->AppendColumn(_("Object"), wxLIST_FORMAT_LEFT, FromDIP(220));
    top->Add(m_list, 1, wxALL | wxEXPAND, FromDIP(12));
    top->Add(CreateStdDialogButtonSizer(wxCLOSE), 0, wxALL | wxEXPAND, FromDIP(12));
    SetSizerAndFit(top);
    SetEscapeId(wxID_CLOSE);
    CentreOnParent();

    auto reload = [this] {
        const wxDateTime d = m_since->GetValue();
        m_presenter.load(utf8(d.FormatISODate()));
    };
    Bind(wxEVT_DATE_CHANGED, [reload](wxDateEvent&) { reload(); }, ID_Since);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_presenter.verify(); }, ID_Verify);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); }, wxID_CLOSE);
    reload();
    m_presenter.verify();
}

void AuditDialog::showEntries(const std::vector<ui::AuditRow>& rows)
{
    m_list->DeleteAllItems();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const long item = m_list->InsertItem(static_cast<long>(i), wx(rows[i].seq));
        m_list->SetItem(item, 1, wx(rows[i].at));
        m_list->SetItem(item, 2, wx(rows[i].user));
        m_list->SetItem(item, 3, wx(rows[i].action));
        m_list->SetItem(item, 4, wx(rows[i].object));
    }
}

void AuditDialog::showVerification(bool ok, const std::string& text)
{
    // A word and a colour, never colour alone.
    m_result->SetLabel((ok ? _("Valid") : _("Invalid")) + " — " + wx(text));
    m_result->SetForegroundColour(ok ? wxColour(0, 110, 40) : wxColour(176, 0, 32));
    m_result->Wrap(FromDIP(740));
    Layout();
}

void AuditDialog::showError(const std::string& text)
{
    wxMessageBox(wx(text), _("Audit log"), wxOK | wxICON_WARNING, this);
}

} // namespace da06::app
