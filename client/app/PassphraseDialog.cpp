#include "client/app/PassphraseDialog.h"

#include <wx/button.h>
#include <wx/combobox.h>
#include <wx/gauge.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/WxText.h"
#include "client/presenters/PassphraseRules.h"
#include "domain/store/SecretBuffer.h"

namespace da06::app {

namespace {

void wipeString(std::string& s)
{
    if (!s.empty()) {
        store::wipe(s.data(), s.size());
    }
    s.clear();
}

wxString titleFor(PassphraseDialog::Mode mode)
{
    switch (mode) {
    case PassphraseDialog::Mode::Create:
        return _("DA06 Desk - first start");
    case PassphraseDialog::Mode::Login:
        return _("DA06 Desk - sign in");
    case PassphraseDialog::Mode::Lock:
        return _("DA06 Desk - locked");
    case PassphraseDialog::Mode::ChangeOwn:
        return _("Change your passphrase");
    case PassphraseDialog::Mode::SetForUser:
        return _("Set a new passphrase");
    }
    return _("DA06 Desk");
}

wxString introFor(PassphraseDialog::Mode mode, const std::string& user)
{
    switch (mode) {
    case PassphraseDialog::Mode::Create:
        return _("Welcome. DA06 Desk keeps its data encrypted on this computer.\nChoose a passphrase that protects it; "
                 "it cannot be recovered if forgotten.");
    case PassphraseDialog::Mode::Login:
        return _("Enter your passphrase to open the data store.");
    case PassphraseDialog::Mode::Lock:
        return wxString::Format(
            _("The desk was locked after a period without use. %s, enter your passphrase to continue."), wx(user));
    case PassphraseDialog::Mode::ChangeOwn:
        return _("Enter your current passphrase, then the new one twice.");
    case PassphraseDialog::Mode::SetForUser:
        return wxString::Format(_("Choose a new passphrase for %s and give it to them in person."), wx(user));
    }
    return {};
}

} // namespace

PassphraseDialog::Entries::~Entries()
{
    wipeString(current);
    wipeString(passphrase);
    wipeString(repeated);
}

PassphraseDialog::PassphraseDialog(wxWindow* parent, Mode mode, const wxString& storePath,
                                   const std::vector<std::string>& users, const std::string& user, Submit submit)
    : wxDialog(parent, wxID_ANY, titleFor(mode), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_mode(mode), m_submit(std::move(submit)), m_fixedUser(user)
{
    const bool asksNew = mode == Mode::Create || mode == Mode::ChangeOwn || mode == Mode::SetForUser;
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(this, wxID_ANY, introFor(mode, user));
    intro->Wrap(FromDIP(460));
    top->Add(intro, 0, wxALL | wxEXPAND, FromDIP(12));

    auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(8));
    grid->AddGrowableCol(1, 1);
    if (mode == Mode::Create) {
        grid->Add(new wxStaticText(this, wxID_ANY, _("&Administrator name:")), 0, wxALIGN_CENTER_VERTICAL);
        m_userText = new wxTextCtrl(this, wxID_ANY, wx(user.empty() ? "admin" : user));
        m_userText->SetName("user");
        grid->Add(m_userText, 1, wxEXPAND);
    } else if (mode == Mode::Login) {
        grid->Add(new wxStaticText(this, wxID_ANY, _("&User:")), 0, wxALIGN_CENTER_VERTICAL);
        wxArrayString choices;
        for (const auto& u : users) {
            choices.Add(wx(u));
        }
        m_userChoice = new wxComboBox(this, wxID_ANY, wx(user.empty() && !users.empty() ? users.front() : user),
                                      wxDefaultPosition, wxDefaultSize, choices);
        m_userChoice->SetName("user");
        grid->Add(m_userChoice, 1, wxEXPAND);
    }
    if (mode == Mode::ChangeOwn) {
        grid->Add(new wxStaticText(this, wxID_ANY, _("C&urrent passphrase:")), 0, wxALIGN_CENTER_VERTICAL);
        m_current = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD);
        grid->Add(m_current, 1, wxEXPAND);
    }
    grid->Add(
        new wxStaticText(this, wxID_ANY, asksNew && mode != Mode::Create ? _("&New passphrase:") : _("&Passphrase:")),
        0, wxALIGN_CENTER_VERTICAL);
    m_pass = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(300), -1),
                            wxTE_PASSWORD | wxTE_PROCESS_ENTER);
    m_pass->SetName("passphrase");
    grid->Add(m_pass, 1, wxEXPAND);
    if (asksNew) {
        grid->Add(new wxStaticText(this, wxID_ANY, _("&Repeat:")), 0, wxALIGN_CENTER_VERTICAL);
        m_repeat =
            new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD | wxTE_PROCESS_ENTER);
        m_repeat->SetName("repeat");
        grid->Add(m_repeat, 1, wxEXPAND);
        grid->Add(new wxStaticText(this, wxID_ANY, _("Strength:")), 0, wxALIGN_CENTER_VERTICAL);
        m_gauge = new wxGauge(this, wxID_ANY, 4);
        grid->Add(m_gauge, 1, wxEXPAND | wxALIGN_CENTER_VERTICAL);
        grid->AddSpacer(0);
        m_strength = new wxStaticText(this, wxID_ANY, "");
        grid->Add(m_strength, 1, wxEXPAND);
    }
    top->Add(grid, 0, wxLEFT | wxRIGHT | wxEXPAND, FromDIP(12));
    if (mode == Mode::Create || mode == Mode::Login) {
        top->Add(new wxStaticText(this, wxID_ANY, wxString::Format(_("Data store: %s"), storePath)), 0,
                 wxLEFT | wxRIGHT | wxTOP | wxEXPAND, FromDIP(12));
    }
    m_error = new wxStaticText(this, wxID_ANY, "");
    m_error->SetForegroundColour(wxColour(176, 0, 32));
    top->Add(m_error, 0, wxALL | wxEXPAND, FromDIP(12));
    top->Add(CreateStdDialogButtonSizer(mode == Mode::Lock ? wxOK : wxOK | wxCANCEL), 0, wxALL | wxEXPAND, FromDIP(12));
    SetSizerAndFit(top);
    SetMinSize(GetSize());
    CentreOnScreen();

    if (m_repeat) {
        m_pass->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { onText(); });
        m_repeat->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { onText(); });
        m_repeat->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { onOk(); });
        m_pass->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { m_repeat->SetFocus(); });
        onText();
    } else {
        m_pass->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { onOk(); });
    }
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onOk(); }, wxID_OK);
    if (m_current) {
        m_current->SetFocus();
    } else {
        m_pass->SetFocus();
    }
}

void PassphraseDialog::onText()
{
    std::string p = utf8(m_pass->GetValue());
    std::string r = utf8(m_repeat->GetValue());
    const auto s = ui::evaluatePassphrase(p);
    const bool mismatch = !r.empty() && p != r;
    wipeString(p);
    wipeString(r);
    m_gauge->SetValue(s.score);
    m_strength->SetLabel(wx(s.label + ". " + s.hint));
    m_strength->Wrap(FromDIP(300));
    m_error->SetLabel(mismatch ? _("The two passphrases differ.") : wxString());
    Layout();
    Fit();
}

void PassphraseDialog::onOk()
{
    Entries e;
    if (m_userText) {
        e.user = utf8(m_userText->GetValue().Strip(wxString::both));
    } else if (m_userChoice) {
        e.user = utf8(m_userChoice->GetValue().Strip(wxString::both));
    } else {
        e.user = m_fixedUser;
    }
    if (m_current) {
        e.current = utf8(m_current->GetValue());
    }
    e.passphrase = utf8(m_pass->GetValue());
    e.repeated = m_repeat ? utf8(m_repeat->GetValue()) : e.passphrase;
    SetCursor(*wxHOURGLASS_CURSOR);
    m_error->SetLabel(_("Opening the data store..."));
    Update();
    const std::string error = m_submit(e);
    SetCursor(wxNullCursor);
    if (error.empty()) {
        m_pass->Clear();
        if (m_repeat) {
            m_repeat->Clear();
        }
        if (m_current) {
            m_current->Clear();
        }
        EndModal(wxID_OK);
        return;
    }
    m_error->SetLabel(wx(error));
    m_error->Wrap(FromDIP(460));
    Layout();
    Fit();
    m_pass->SelectAll();
    m_pass->SetFocus();
}

} // namespace da06::app
