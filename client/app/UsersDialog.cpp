#include "client/app/UsersDialog.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/PassphraseDialog.h"
#include "client/app/WxText.h"

namespace da06::app {

namespace {

enum { ID_Add = wxID_HIGHEST + 100, ID_Reset, ID_Role, ID_Remove };

wxArrayString roleLabels()
{
    wxArrayString labels;
    for (const auto& name : ui::UsersPresenter::roleNames()) {
        labels.Add(wx(ui::UsersPresenter::roleLabel(*access::roleFromName(name))));
    }
    return labels;
}

// Name, role and the first passphrase of a new user.
class AddUserDialog : public wxDialog {
public:
    AddUserDialog(wxWindow* parent, ui::UsersPresenter& presenter)
        : wxDialog(parent, wxID_ANY, _("Add a user")), m_presenter(presenter)
    {
        auto* top = new wxBoxSizer(wxVERTICAL);
        auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(8));
        grid->AddGrowableCol(1, 1);
        grid->Add(new wxStaticText(this, wxID_ANY, _("&User name:")), 0, wxALIGN_CENTER_VERTICAL);
        m_name = new wxTextCtrl(this, wxID_ANY);
        m_name->SetHint(_("e.g. nguyen.lan"));
        grid->Add(m_name, 1, wxEXPAND);
        grid->Add(new wxStaticText(this, wxID_ANY, _("R&ole:")), 0, wxALIGN_CENTER_VERTICAL);
        m_role = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, roleLabels());
        m_role->SetSelection(1);
        grid->Add(m_role, 1, wxEXPAND);
        grid->Add(new wxStaticText(this, wxID_ANY, _("&Passphrase:")), 0, wxALIGN_CENTER_VERTICAL);
        m_pass = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(280), -1), wxTE_PASSWORD);
        grid->Add(m_pass, 1, wxEXPAND);
        grid->Add(new wxStaticText(this, wxID_ANY, _("&Repeat:")), 0, wxALIGN_CENTER_VERTICAL);
        m_repeat = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD);
        grid->Add(m_repeat, 1, wxEXPAND);
        top->Add(grid, 0, wxALL | wxEXPAND, FromDIP(12));
        top->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxALL | wxEXPAND, FromDIP(12));
        SetSizerAndFit(top);
        CentreOnParent();
        Bind(
            wxEVT_BUTTON,
            [this](wxCommandEvent&) {
                std::string p = utf8(m_pass->GetValue()), r = utf8(m_repeat->GetValue());
                const auto role =
                    ui::UsersPresenter::roleNames()[static_cast<std::size_t>(std::max(0, m_role->GetSelection()))];
                const bool done = m_presenter.add(utf8(m_name->GetValue().Strip(wxString::both)), role, p, r);
                store::wipe(p.data(), p.size());
                store::wipe(r.data(), r.size());
                if (done) {
                    EndModal(wxID_OK);
                }
            },
            wxID_OK);
    }

private:
    ui::UsersPresenter& m_presenter;
    wxTextCtrl* m_name;
    wxChoice* m_role;
    wxTextCtrl* m_pass;
    wxTextCtrl* m_repeat;
};

} // namespace

UsersDialog::UsersDialog(wxWindow* parent, access::Session& session, const Clock& clock)
    : wxDialog(parent, wxID_ANY, _("Users of this desk"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_presenter(*this, session, clock)
{
    auto* top = new wxBoxSizer(wxVERTICAL);
    m_list =
        new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(640, 260)), wxLC_REPORT | wxLC_SINGLE_SEL);
    m_list->AppendColumn(_("User"), wxLIST_FORMAT_LEFT, FromDIP(140));
    m_list->AppendColumn(_("Role"), wxLIST_FORMAT_LEFT, FromDIP(220));
    m_list->AppendColumn(_("Since"), wxLIST_FORMAT_LEFT, FromDIP(100));
    m_list->AppendColumn(_("Sign-in problems"), wxLIST_FORMAT_LEFT, FromDIP(160));
    top->Add(m_list, 1, wxALL | wxEXPAND, FromDIP(12));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(new wxButton(this, ID_Add, _("&Add...")), 0, wxRIGHT, FromDIP(6));
    buttons->Add(new wxButton(this, ID_Reset, _("Set &passphrase...")), 0, wxRIGHT, FromDIP(6));
    buttons->Add(new wxButton(this, ID_Role, _("Change r&ole...")), 0, wxRIGHT, FromDIP(6));
    buttons->Add(new wxButton(this, ID_Remove, _("Re&move")), 0, wxRIGHT, FromDIP(6));
    buttons->AddStretchSpacer();
    buttons->Add(new wxButton(this, wxID_CLOSE, _("&Close")));
    top->Add(buttons, 0, wxLEFT | wxRIGHT | wxEXPAND, FromDIP(12));
    m_message = new wxStaticText(this, wxID_ANY, "");
    top->Add(m_message, 0, wxALL | wxEXPAND, FromDIP(12));
    SetSizerAndFit(top);
    SetEscapeId(wxID_CLOSE);
    CentreOnParent();

    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onAdd(); }, ID_Add);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onReset(); }, ID_Reset);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onRole(); }, ID_Role);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onRemove(); }, ID_Remove);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); }, wxID_CLOSE);
    m_presenter.load();
}

void UsersDialog::showUsers(const std::vector<ui::UserRow>& rows)
{
    m_rows = rows;
    m_list->DeleteAllItems();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const long item = m_list->InsertItem(static_cast<long>(i), wx(rows[i].name + (rows[i].self ? " ★" : "")));
        m_list->SetItem(item, 1, wx(rows[i].role));
        m_list->SetItem(item, 2, wx(rows[i].created));
        m_list->SetItem(item, 3, wx(rows[i].attempts));
    }
}

void UsersDialog::showError(const std::string& text)
{
    wxMessageBox(wx(text), _("Users of this desk"), wxOK | wxICON_WARNING, this);
}

void UsersDialog::showInfo(const std::string& text)
{
    m_message->SetLabel(wx(text));
}

std::string UsersDialog::selectedUser() const
{
    const long sel = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    return sel >= 0 && static_cast<std::size_t>(sel) < m_rows.size() ? m_rows[static_cast<std::size_t>(sel)].name
                                                                     : std::string();
}

void UsersDialog::onAdd()
{
    AddUserDialog dlg(this, m_presenter);
    dlg.ShowModal();
}

void UsersDialog::onReset()
{
    const std::string user = selectedUser();
    if (user.empty()) {
        return;
    }
    PassphraseDialog dlg(this, PassphraseDialog::Mode::SetForUser, "", {}, user,
                         [this, user](const PassphraseDialog::Entries& e) -> std::string {
                             return m_presenter.reset(user, e.passphrase, e.repeated) ? "" : " ";
                         });
    dlg.ShowModal();
}

void UsersDialog::onRole()
{
    const std::string user = selectedUser();
    if (user.empty()) {
        return;
    }
    wxSingleChoiceDialog dlg(this, wxString::Format(_("The role of %s:"), wx(user)), _("Change role"), roleLabels());
    if (dlg.ShowModal() == wxID_OK) {
        m_presenter.setRole(user, ui::UsersPresenter::roleNames()[static_cast<std::size_t>(dlg.GetSelection())]);
    }
}

void UsersDialog::onRemove()
{
    const std::string user = selectedUser();
    if (user.empty()) {
        return;
    }
    if (wxMessageBox(
            wxString::Format(_("Remove the user %s? Their passphrase will no longer open this desk."), wx(user)),
            _("Remove user"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, this) == wxYES) {
        m_presenter.remove(user);
    }
}

} // namespace da06::app
