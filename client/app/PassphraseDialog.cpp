#include "app/PassphraseDialog.h"

#include <wx/button.h>
#include <wx/gauge.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "PassphraseRules.h"
#include "app/WxText.h"
#include "store/SecretBuffer.h"

namespace da06::app {

namespace {

// Reads a password field into a std::string and clears the control.
std::string takeText(wxTextCtrl* c)
{
    std::string s = utf8(c->GetValue());
    return s;
}

void wipeString(std::string& s)
{
    if (!s.empty()) {
        store::wipe(s.data(), s.size());
    }
    s.clear();
}

} // namespace

PassphraseDialog::PassphraseDialog(wxWindow* parent, Mode mode, const wxString& storePath, Submit submit)
    : wxDialog(parent, wxID_ANY, mode == Mode::Create ? _("DA06 Desk — first start") : _("DA06 Desk — unlock"),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_mode(mode), m_submit(std::move(submit))
{
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(
        this, wxID_ANY,
        mode == Mode::Create
            ? _("Welcome. DA06 Desk keeps its data encrypted on this computer.\nChoose a passphrase that protects it; "
                "it cannot be recovered if forgotten.")
            : _("Enter your passphrase to open the data store."));
    intro->Wrap(FromDIP(460));
    top->Add(intro, 0, wxALL | wxEXPAND, FromDIP(12));

    auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(8));
    grid->AddGrowableCol(1, 1);
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Passphrase:")), 0, wxALIGN_CENTER_VERTICAL);
    m_pass = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(300), -1), wxTE_PASSWORD | wxTE_PROCESS_ENTER);
    m_pass->SetName("passphrase");
    grid->Add(m_pass, 1, wxEXPAND);
    if (mode == Mode::Create) {
        grid->Add(new wxStaticText(this, wxID_ANY, _("&Repeat:")), 0, wxALIGN_CENTER_VERTICAL);
        m_repeat = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD | wxTE_PROCESS_ENTER);
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

    top->Add(new wxStaticText(this, wxID_ANY, wxString::Format(_("Data store: %s"), storePath)), 0,
             wxLEFT | wxRIGHT | wxTOP | wxEXPAND, FromDIP(12));
    m_error = new wxStaticText(this, wxID_ANY, "");
    m_error->SetForegroundColour(wxColour(176, 0, 32));
    top->Add(m_error, 0, wxALL | wxEXPAND, FromDIP(12));

    auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
    top->Add(buttons, 0, wxALL | wxEXPAND, FromDIP(12));
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
    m_pass->SetFocus();
}

void PassphraseDialog::onText()
{
    std::string p = takeText(m_pass);
    const auto s = ui::evaluatePassphrase(p);
    wipeString(p);
    m_gauge->SetValue(s.score);
    m_strength->SetLabel(wx(s.label + ". " + s.hint));
    m_strength->Wrap(FromDIP(300));
    std::string r = takeText(m_repeat);
    const bool mismatch = !r.empty() && utf8(m_pass->GetValue()) != r;
    wipeString(r);
    m_error->SetLabel(mismatch ? _("The two passphrases differ.") : wxString());
    Layout();
    Fit();
}

void PassphraseDialog::onOk()
{
    std::string p = takeText(m_pass);
    std::string r = m_repeat ? takeText(m_repeat) : p;
    SetCursor(*wxHOURGLASS_CURSOR);
    m_error->SetLabel(_("Opening the data store…"));
    Update();
    const std::string error = m_submit(p, r);
    SetCursor(wxNullCursor);
    wipeString(p);
    wipeString(r);
    if (error.empty()) {
        m_pass->Clear();
        if (m_repeat) {
            m_repeat->Clear();
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
