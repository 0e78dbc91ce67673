#include "client/app/FrontDeskPanels.h"

#include <fstream>
#include <iterator>
#include <sstream>

#include <wx/app.h>
#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/listbox.h>
#include <wx/msgdlg.h>
#include <wx/radiobut.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/srchctrl.h>
#include <wx/statline.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include "client/app/WorkListStore.h"
#include "client/app/WxText.h"
#include "client/presenters/Translate.h"
#include "reports/PdfWriter.h"
#include "reports/XlsxWriter.h"

namespace da06::app {

namespace {

wxStaticText* boldLabel(wxWindow* parent, const wxString& text, int sizeDelta = 0)
{
    auto* t = new wxStaticText(parent, wxID_ANY, text);
    wxFont f = t->GetFont();
    f.SetPointSize(f.GetPointSize() + sizeDelta);
    f.SetWeight(wxFONTWEIGHT_BOLD);
    t->SetFont(f);
    return t;
}

// "1.500.000", "1500000 đồng", " 1 500 000 " → 1500000; nullopt without a digit or with letters.
std::optional<std::int64_t> parseAmount(const wxString& textIn)
{
    const std::string text = utf8(textIn);
    std::int64_t v = 0;
    bool any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            if (v > 100'000'000'000'000LL) {
                return std::nullopt;
            }
            v = v * 10 + (c - '0');
            any = true;
        } else if (c == '.' || c == ' ' || c == ',') {
            continue;
        } else {
            // "đồng" or "d" after the digits is fine; anything else is not an amount.
            const std::string rest = text.substr(i);
            if (rest == "đồng" || rest == "d" || rest == "đ" || rest == "vnd" || rest == "VND") {
                break;
            }
            return std::nullopt;
        }
    }
    return any ? std::optional<std::int64_t>(v) : std::nullopt;
}

std::optional<double> parsePercent(const wxString& textIn)
{
    wxString t = textIn;
    t.Replace(",", ".");
    t.Replace("%", "");
    t.Trim(true).Trim(false);
    double v = 0;
    if (t.empty() || !t.ToCDouble(&v) || v < 0) {
        return std::nullopt;
    }
    return v;
}

wxString addDaysText(const Date& d, int days)
{
    return wx(Date::fromDaysSinceEpoch(d.daysSinceEpoch() + days).toVietnamese());
}

// ---- Attach to a notarial case ---------------------------------------------------------------

class AttachCaseDialog : public wxDialog {
public:
    AttachCaseDialog(wxWindow* parent, ui::FrontDeskPresenter& p)
        : wxDialog(parent, wxID_ANY, _("Attach the check to a notarial case"), wxDefaultPosition, wxDefaultSize,
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
          m_p(p)
    {
        const int gap = FromDIP(6);
        auto* top = new wxBoxSizer(wxVERTICAL);
        m_existing =
            new wxRadioButton(this, wxID_ANY, _("Add to an &open case"), wxDefaultPosition, wxDefaultSize, wxRB_GROUP);
        top->Add(m_existing, 0, wxALL, gap);
        m_search = new wxSearchCtrl(this, wxID_ANY);
        m_search->SetDescriptiveText(_("Number, title or a party's name"));
        top->Add(m_search, 0, wxLEFT | wxRIGHT | wxEXPAND, gap * 4);
        m_cases = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(520), FromDIP(140)));
        top->Add(m_cases, 1, wxLEFT | wxRIGHT | wxTOP | wxEXPAND, gap * 4);

        m_new = new wxRadioButton(this, wxID_ANY, _("Open a &new case"));
        top->Add(m_new, 0, wxALL, gap);
        auto* grid = new wxFlexGridSizer(2, gap, gap * 2);
        grid->AddGrowableCol(1);
        grid->Add(new wxStaticText(this, wxID_ANY, _("Case n&umber:")), 0, wxALIGN_CENTER_VERTICAL);
        m_number = new wxTextCtrl(this, wxID_ANY);
        m_number->SetHint(_("for example 125/2024/HD"));
        m_number->SetName("case-number");
        grid->Add(m_number, 1, wxEXPAND);
        grid->Add(new wxStaticText(this, wxID_ANY, _("&Kind of act:")), 0, wxALIGN_CENTER_VERTICAL);
        m_kind = new wxChoice(this, wxID_ANY);
        for (const auto& k : ui::FrontDeskPresenter::actKinds()) {
            m_kind->Append(wx(k.label));
            m_kinds.push_back(k.code);
        }
        m_kind->SetSelection(0);
        grid->Add(m_kind, 1, wxEXPAND);
        grid->Add(new wxStaticText(this, wxID_ANY, _("&Title:")), 0, wxALIGN_CENTER_VERTICAL);
        m_title = new wxTextCtrl(this, wxID_ANY);
        m_title->SetName("case-title");
        grid->Add(m_title, 1, wxEXPAND);
        top->Add(grid, 0, wxLEFT | wxRIGHT | wxEXPAND, gap * 4);

        top->Add(new wxStaticLine(this), 0, wxALL | wxEXPAND, gap);
        auto* roleRow = new wxBoxSizer(wxHORIZONTAL);
        roleRow->Add(new wxStaticText(this, wxID_ANY, _("The citizen's &role in the case:")), 0,
                     wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
        m_role = new wxChoice(this, wxID_ANY);
        for (const auto& r : ui::FrontDeskPresenter::partyRoles()) {
            m_role->Append(wx(r.label));
            m_roles.push_back(r.code);
        }
        m_role->SetSelection(0);
        roleRow->Add(m_role, 1);
        top->Add(roleRow, 0, wxALL | wxEXPAND, gap);

        auto* buttons = new wxStdDialogButtonSizer;
        auto* ok = new wxButton(this, wxID_OK, _("&Attach"));
        ok->SetDefault();
        buttons->AddButton(ok);
        buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
        buttons->Realize();
        top->Add(buttons, 0, wxALL | wxEXPAND, gap);
        SetSizerAndFit(top);

        loadCases("");
        const bool haveCases = !m_items.empty();
        (haveCases ? m_existing : m_new)->SetValue(true);
        m_existing->Enable(haveCases);
        syncEnabled();
        // The first field has the focus once the dialog is up.
        wxWindow* first = haveCases ? static_cast<wxWindow*>(m_search) : m_number;
        CallAfter([first] { first->SetFocus(); });

        m_existing->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { syncEnabled(); });
        m_new->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { syncEnabled(); });
        m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { loadCases(utf8(m_search->GetValue())); });
        m_cases->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) { attach(); });
        ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { attach(); });
    }

private:
    void loadCases(const std::string& query)
    {
        m_items = m_p.openCases(query);
        m_cases->Clear();
        for (const auto& c : m_items) {
            m_cases->Append(wx(c.label));
        }
        if (!m_items.empty()) {
            m_cases->SetSelection(0);
        }
    }

    void syncEnabled()
    {
        const bool existing = m_existing->GetValue();
        m_search->Enable(existing);
        m_cases->Enable(existing);
        m_number->Enable(!existing);
        m_kind->Enable(!existing);
        m_title->Enable(!existing);
    }

    void attach()
    {
        const int r = m_role->GetSelection();
        if (r < 0) {
            return;
        }
        const std::string role = m_roles[static_cast<std::size_t>(r)];
        bool ok = false;
        if (m_existing->GetValue()) {
            const int i = m_cases->GetSelection();
            if (i < 0 || static_cast<std::size_t>(i) >= m_items.size()) {
                wxMessageBox(_("Choose the case in the list, or open a new case."), GetTitle(),
                             wxOK | wxICON_INFORMATION, this);
                return;
            }
            ok = m_p.attachToCase(m_items[static_cast<std::size_t>(i)].uid, role);
        } else {
            desk::NewCase c;
            c.number = utf8(m_number->GetValue());
            c.actKind = m_kinds[static_cast<std::size_t>(std::max(0, m_kind->GetSelection()))];
            c.title = utf8(m_title->GetValue());
            c.model = 0; // the check's purpose (4 or 8)
            ok = m_p.attachToNewCase(c, role);
        }
        if (ok) {
            EndModal(wxID_OK);
        }
    }

    ui::FrontDeskPresenter& m_p;
    wxRadioButton* m_existing = nullptr;
    wxRadioButton* m_new = nullptr;
    wxSearchCtrl* m_search = nullptr;
    wxListBox* m_cases = nullptr;
    wxTextCtrl* m_number = nullptr;
    wxChoice* m_kind = nullptr;
    wxTextCtrl* m_title = nullptr;
    wxChoice* m_role = nullptr;
    std::vector<ui::CaseItem> m_items;
    std::vector<std::string> m_kinds;
    std::vector<std::string> m_roles;
};

// ---- A new pawn contract -------------------------------------------------------------------------

class NewContractDialog : public wxDialog {
public:
    NewContractDialog(wxWindow* parent, ui::FrontDeskPresenter& p, const Clock& clock)
        : wxDialog(parent, wxID_ANY, _("New pawn contract for the checked customer"), wxDefaultPosition, wxDefaultSize,
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
          m_p(p)
    {
        const int gap = FromDIP(6);
        auto* top = new wxBoxSizer(wxVERTICAL);
        auto* grid = new wxFlexGridSizer(2, gap, gap * 2);
        grid->AddGrowableCol(1);
        auto field = [&](const wxString& label, const wxString& value, const wxString& name) {
            grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
            auto* t = new wxTextCtrl(this, wxID_ANY, value, wxDefaultPosition, wxSize(FromDIP(320), -1));
            t->SetName(name);
            grid->Add(t, 1, wxEXPAND);
            return t;
        };
        m_number = field(_("Contract &number:"), wx(p.proposedContractNumber()), "contract-number");
        m_item = field(_("Pawned &item:"), "", "contract-item");
        m_item->SetHint(_("for example: Honda Wave motorbike, plate 70H1-123.45"));
        m_value = field(_("&Value (dong):"), "", "contract-value");
        m_loan = field(_("&Loan (dong):"), "", "contract-loan");
        m_interest = field(_("Interest (% per &month):"), "1", "contract-interest");
        const Date today = clock.today();
        m_start = field(_("&From (dd/mm/yyyy):"), wx(today.toVietnamese()), "contract-start");
        m_due = field(_("&Until (dd/mm/yyyy):"), addDaysText(today, 30), "contract-due");
        top->Add(grid, 0, wxALL | wxEXPAND, gap * 2);

        top->Add(boldLabel(this, _("Alerts of the register for this customer:")), 0, wxLEFT | wxRIGHT, gap * 2);
        m_alerts = new wxStaticText(this, wxID_ANY, "");
        m_alerts->SetName("contract-alerts");
        top->Add(m_alerts, 0, wxALL | wxEXPAND, gap * 2);

        auto* buttons = new wxStdDialogButtonSizer;
        auto* ok = new wxButton(this, wxID_OK, _("&Save contract"));
        ok->SetDefault();
        buttons->AddButton(ok);
        buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
        buttons->Realize();
        top->Add(buttons, 0, wxALL | wxEXPAND, gap);
        SetSizer(top);
        showAlerts();
        Fit();
        CallAfter([this] { m_item->SetFocus(); });

        m_start->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { showAlerts(); });
        ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
    }

private:
    // The register's alerts are shown before the contract is saved.
    void showAlerts()
    {
        const auto start = ui::parseDateInput(utf8(m_start->GetValue()));
        if (!start) {
            return;
        }
        const auto alerts = m_p.contractAlerts(*start);
        wxString text;
        for (const auto& a : alerts) {
            text += wxString::FromUTF8("⚠ ") + wx(a) + "\n";
        }
        if (alerts.empty()) {
            m_alerts->SetLabel(wxString::FromUTF8("✔ ") + _("None."));
            m_alerts->SetForegroundColour(toneColour(ui::Tone::Good));
        } else {
            m_alerts->SetLabel(text.Trim());
            m_alerts->SetForegroundColour(toneColour(ui::Tone::Danger));
            wxFont f = m_alerts->GetFont();
            f.SetWeight(wxFONTWEIGHT_BOLD);
            m_alerts->SetFont(f);
        }
        m_alerts->Wrap(FromDIP(480));
        Layout();
        Fit();
    }

    void save()
    {
        const auto value = parseAmount(m_value->GetValue());
        const auto loan = parseAmount(m_loan->GetValue());
        const auto interest = parsePercent(m_interest->GetValue());
        const auto start = ui::parseDateInput(utf8(m_start->GetValue()));
        const auto due = ui::parseDateInput(utf8(m_due->GetValue()));
        wxTextCtrl* bad = !value      ? m_value
                          : !loan     ? m_loan
                          : !interest ? m_interest
                          : !start    ? m_start
                          : !due      ? m_due
                                      : nullptr;
        if (bad) {
            wxMessageBox(_("Check this field: amounts in dong (digits), the interest in percent per month, dates as "
                           "dd/mm/yyyy."),
                         GetTitle(), wxOK | wxICON_WARNING, this);
            bad->SetFocus();
            bad->SelectAll();
            return;
        }
        desk::NewPawn pawn;
        pawn.number = utf8(m_number->GetValue());
        pawn.item = utf8(m_item->GetValue());
        pawn.value = *value;
        pawn.loan = *loan;
        pawn.interest = *interest;
        pawn.start = *start;
        pawn.due = *due;
        if (m_p.attachToNewContract(pawn)) {
            EndModal(wxID_OK);
        }
    }

    ui::FrontDeskPresenter& m_p;
    wxTextCtrl* m_number = nullptr;
    wxTextCtrl* m_item = nullptr;
    wxTextCtrl* m_value = nullptr;
    wxTextCtrl* m_loan = nullptr;
    wxTextCtrl* m_interest = nullptr;
    wxTextCtrl* m_start = nullptr;
    wxTextCtrl* m_due = nullptr;
    wxStaticText* m_alerts = nullptr;
};

// ---- A welfare payout or a loan application ------------------------------------------------------

class PayoutDialog : public wxDialog {
public:
    PayoutDialog(wxWindow* parent, ui::FrontDeskPresenter& p, const Clock& clock, bool loan)
        : wxDialog(parent, wxID_ANY,
                   loan ? _("Loan application for the checked citizen") : _("Welfare payout for the checked citizen"),
                   wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
          m_p(p), m_loan(loan)
    {
        const int gap = FromDIP(6);
        auto* top = new wxBoxSizer(wxVERTICAL);
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        row->Add(new wxStaticText(this, wxID_ANY, _("Pay &period:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
        m_period = new wxTextCtrl(this, wxID_ANY, loan ? wxString() : wx(clock.today().toIso().substr(0, 7)),
                                  wxDefaultPosition, wxSize(FromDIP(110), -1), wxTE_PROCESS_ENTER);
        m_period->SetHint(_("2024-11, 2024-Q4, 2024 or empty"));
        row->Add(m_period, 0, wxRIGHT, gap);
        auto* check = new wxButton(this, wxID_ANY, _("&Match with the lists"));
        row->Add(check, 0);
        top->Add(row, 0, wxALL, gap * 2);

        m_verdict = boldLabel(this, "", 8);
        top->Add(m_verdict, 0, wxLEFT | wxRIGHT, gap * 2);
        m_warnings = new wxStaticText(this, wxID_ANY, "");
        top->Add(m_warnings, 0, wxALL | wxEXPAND, gap * 2);
        top->Add(new wxStaticText(this, wxID_ANY, _("&Entries of the lists for this card number:")), 0,
                 wxLEFT | wxRIGHT, gap * 2);
        m_entries = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(560), FromDIP(110)));
        top->Add(m_entries, 1, wxALL | wxEXPAND, gap * 2);

        if (loan) {
            auto* grid = new wxFlexGridSizer(2, gap, gap * 2);
            grid->AddGrowableCol(1);
            grid->Add(new wxStaticText(this, wxID_ANY, _("&Amount (dong):")), 0, wxALIGN_CENTER_VERTICAL);
            m_amount = new wxTextCtrl(this, wxID_ANY);
            grid->Add(m_amount, 1, wxEXPAND);
            grid->Add(new wxStaticText(this, wxID_ANY, _("P&urpose of the loan:")), 0, wxALIGN_CENTER_VERTICAL);
            m_purpose = new wxTextCtrl(this, wxID_ANY);
            grid->Add(m_purpose, 1, wxEXPAND);
            grid->Add(new wxStaticText(this, wxID_ANY, _("&Term (months):")), 0, wxALIGN_CENTER_VERTICAL);
            m_term = new wxTextCtrl(this, wxID_ANY, "12");
            grid->Add(m_term, 1, wxEXPAND);
            top->Add(grid, 0, wxLEFT | wxRIGHT | wxBOTTOM | wxEXPAND, gap * 2);
        }

        auto* buttons = new wxStdDialogButtonSizer;
        m_ok = new wxButton(this, wxID_OK, loan ? _("&Record the application") : _("&Pay"));
        buttons->AddButton(m_ok);
        buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
        buttons->Realize();
        top->Add(buttons, 0, wxALL | wxEXPAND, gap);
        SetSizer(top);
        m_ok->Disable();
        Fit();
        CallAfter([this] { m_period->SetFocus(); });

        m_period->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { match(); });
        check->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { match(); });
        m_entries->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) { syncOk(); });
        m_entries->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) { confirm(); }); // Enter too
        m_ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { confirm(); });
        CallAfter([this] { match(); });
    }

private:
    void match()
    {
        auto m = m_p.matchPayout(utf8(m_period->GetValue()));
        m_entries->Clear();
        m_match = m;
        if (!m) {
            m_verdict->SetLabel("");
            m_warnings->SetLabel("");
            syncOk();
            return;
        }
        const wxString sign = m->tone == ui::Tone::Good      ? wxString::FromUTF8("✔ ")
                              : m->tone == ui::Tone::Warning ? wxString::FromUTF8("⚠ ")
                                                             : wxString::FromUTF8("✖ ");
        m_verdict->SetLabel(sign + wx(m->verdict));
        m_verdict->SetForegroundColour(toneColour(m->tone));
        wxString warnings;
        for (const auto& w : m->warnings) {
            warnings += wxString::FromUTF8("• ") + wx(w) + "\n";
        }
        m_warnings->SetLabel(warnings.Trim());
        m_warnings->SetForegroundColour(toneColour(m->warnings.empty() ? ui::Tone::Neutral : ui::Tone::Warning));
        m_warnings->Wrap(FromDIP(540));
        for (const auto& e : m->entries) {
            m_entries->Append(wx(e.label));
        }
        if (!m->entries.empty()) {
            m_entries->SetSelection(0);
        }
        syncOk();
        Layout();
        Fit();
        // Enter on the chosen entry pays (or records the application).
        if (m_ok->IsEnabled()) {
            m_entries->SetFocus();
        }
    }

    void syncOk()
    {
        const bool chosen = m_match && m_entries->GetSelection() >= 0;
        // A payout only for an eligible entry (the service refuses a second one anyway).
        m_ok->Enable(chosen && (m_loan || m_match->eligibility == desk::Eligibility::Eligible));
        if (m_ok->IsEnabled()) {
            m_ok->SetDefault();
        }
    }

    void confirm()
    {
        const int i = m_entries->GetSelection();
        if (!m_match || i < 0 || static_cast<std::size_t>(i) >= m_match->entries.size()) {
            return;
        }
        const std::int64_t id = m_match->entries[static_cast<std::size_t>(i)].beneficiaryId;
        bool ok = false;
        if (m_loan) {
            const auto amount = parseAmount(m_amount->GetValue());
            long term = 0;
            if (!amount || !m_term->GetValue().ToLong(&term) || term <= 0) {
                wxMessageBox(_("Type the amount in dong and the term in months."), GetTitle(), wxOK | wxICON_WARNING,
                             this);
                return;
            }
            ok = m_p.applyForLoan(id, *amount, utf8(m_purpose->GetValue()), static_cast<int>(term));
        } else {
            ok = m_p.pay(id);
        }
        if (ok) {
            EndModal(wxID_OK);
        }
    }

    ui::FrontDeskPresenter& m_p;
    bool m_loan = false;
    wxTextCtrl* m_period = nullptr;
    wxStaticText* m_verdict = nullptr;
    wxStaticText* m_warnings = nullptr;
    wxListBox* m_entries = nullptr;
    wxTextCtrl* m_amount = nullptr;
    wxTextCtrl* m_purpose = nullptr;
    wxTextCtrl* m_term = nullptr;
    wxButton* m_ok = nullptr;
    std::optional<ui::PayoutMatchView> m_match;
};

} // namespace

bool runAttachDialog(wxWindow* parent, ui::FrontDeskPresenter& presenter, const Clock& clock)
{
    if (!presenter.saved()) {
        wxMessageBox(wx(ui::tr("Save the check first (Ctrl+S), then attach it.")), _("Identity check"),
                     wxOK | wxICON_INFORMATION, parent);
        return false;
    }
    switch (presenter.attachTarget()) {
    case ui::AttachTarget::Case: {
        AttachCaseDialog dlg(parent, presenter);
        return dlg.ShowModal() == wxID_OK;
    }
    case ui::AttachTarget::Contract: {
        NewContractDialog dlg(parent, presenter, clock);
        return dlg.ShowModal() == wxID_OK;
    }
    case ui::AttachTarget::Payout:
    case ui::AttachTarget::Loan: {
        PayoutDialog dlg(parent, presenter, clock, presenter.attachTarget() == ui::AttachTarget::Loan);
        return dlg.ShowModal() == wxID_OK;
    }
    case ui::AttachTarget::None:
        wxMessageBox(
            _("Checks for this purpose are not attached to a case, a contract or a payout. Print the receipt if the "
              "citizen needs one."),
            _("Identity check"), wxOK | wxICON_INFORMATION, parent);
        return false;
    }
    return false;
}

// ---- The list pages -------------------------------------------------------------------------------

DeskListPage::DeskListPage(wxWindow* parent, store::Database& db, const Clock& clock, const access::Actor& actor,
                           ui::DeskList list)
    : wxPanel(parent), m_list(list), m_presenter(*this, db, clock, actor)
{
    const int gap = FromDIP(4);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    const wxString heading = list == ui::DeskList::Cases       ? _("Notarial cases")
                             : list == ui::DeskList::Contracts ? _("Pawn register")
                                                               : _("Welfare payouts");
    m_heading = boldLabel(this, heading, 2);
    bar->Add(m_heading, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 4);
    m_search = new wxSearchCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(240), -1));
    m_search->SetDescriptiveText(_("Search (Ctrl+F), with or without diacritics"));
    m_search->SetName("desk-search");
    bar->Add(m_search, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 2);
    top->Add(bar, 0, wxEXPAND | wxALL, gap * 2);

    auto* tools = new wxBoxSizer(wxHORIZONTAL);
    switch (list) {
    case ui::DeskList::Cases:
        buildCaseTools(tools);
        break;
    case ui::DeskList::Contracts:
        buildContractTools(tools);
        break;
    case ui::DeskList::Payouts:
        buildPayoutTools(tools);
        break;
    }
    top->Add(tools, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap * 2);

    auto* split =
        new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    split->SetMinimumPaneSize(FromDIP(80));
    split->SetSashGravity(0.7);
    m_rows = new wxDataViewListCtrl(split, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxDV_ROW_LINES | wxDV_SINGLE);
    m_rows->SetName("desk-rows");
    m_rowStore = WorkListStore::attachTo(m_rows, ui::DeskListsPresenter::toneColumn(list));
    for (const auto& c : ui::DeskListsPresenter::columns(list)) {
        m_rows->AppendTextColumn(wx(c.title), wxDATAVIEW_CELL_INERT, FromDIP(c.width),
                                 c.alignRight ? wxALIGN_RIGHT : wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
    }
    auto* detailPanel = new wxPanel(split);
    auto* ds = new wxBoxSizer(wxVERTICAL);
    m_detailHeading = boldLabel(detailPanel, "", 1);
    ds->Add(m_detailHeading, 0, wxALL, gap);
    m_detail = new wxDataViewListCtrl(detailPanel, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                      wxDV_ROW_LINES | wxDV_NO_HEADER);
    m_detailStore = WorkListStore::attachTo(m_detail, 1);
    m_detail->AppendTextColumn(_("Field"), wxDATAVIEW_CELL_INERT, FromDIP(170));
    m_detail->AppendTextColumn(_("Value"), wxDATAVIEW_CELL_INERT, FromDIP(700), wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
    ds->Add(m_detail, 1, wxEXPAND);
    detailPanel->SetSizer(ds);
    // The details keep about a third of the page (a negative position counts from the bottom).
    split->SplitHorizontally(m_rows, detailPanel, -FromDIP(230));
    top->Add(split, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap * 2);
    SetSizer(top);

    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { m_presenter.setQuery(m_list, utf8(m_search->GetValue())); });
    m_search->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) { m_search->Clear(); });
    m_rows->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent&) { onSelection(); });
    m_rows->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { m_detail->SetFocus(); });
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        if (e.GetModifiers() == wxMOD_CONTROL && e.GetKeyCode() == 'F') {
            focusSearch();
            return;
        }
        const wxWindow* focus = FindFocus();
        const bool inSearch = focus && (focus == m_search || focus->GetParent() == m_search);
        if (inSearch && e.GetKeyCode() == WXK_DOWN) { // from the search into the list
            m_rows->SetFocus();
            if (m_rows->GetItemCount() > 0 && m_rows->GetSelectedRow() == wxNOT_FOUND) {
                m_rows->SelectRow(0);
                onSelection();
            }
            return;
        }
        if (inSearch && e.GetKeyCode() == WXK_ESCAPE && !m_search->GetValue().empty()) {
            m_search->Clear();
            return;
        }
        e.Skip();
    });
    for (auto* b : m_rowActions) {
        b->Disable();
    }
}

DeskListPage::~DeskListPage()
{
    m_task.stop();
}

void DeskListPage::buildCaseTools(wxSizer* bar)
{
    const int gap = FromDIP(4);
    bar->Add(new wxStaticText(this, wxID_ANY, _("S&how:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    m_caseStatus = new wxChoice(this, wxID_ANY);
    m_caseStatus->Append(_("Open cases"));
    m_caseStatus->Append(_("Completed cases"));
    m_caseStatus->Append(_("Cancelled cases"));
    m_caseStatus->Append(_("Every case"));
    m_caseStatus->SetSelection(3);
    bar->Add(m_caseStatus, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 4);
    auto* complete = new wxButton(this, wxID_ANY, _("Co&mplete case"));
    complete->SetToolTip(_("Complete the selected case: every party needs a passing check or an exception"));
    auto* exception = new wxButton(this, wxID_ANY, _("E&xception for a party..."));
    exception->SetToolTip(_("Record why a party goes without a passing check (at least 10 characters)"));
    auto* cancel = new wxButton(this, wxID_ANY, _("Cancel case..."));
    for (auto* b : {complete, exception, cancel}) {
        bar->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
        m_rowActions.push_back(b);
    }
    m_caseStatus->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) {
        static const std::optional<desk::CaseStatus> statuses[] = {desk::CaseStatus::Open, desk::CaseStatus::Completed,
                                                                   desk::CaseStatus::Cancelled, std::nullopt};
        const int i = e.GetSelection();
        if (i >= 0 && i < 4) {
            m_presenter.setCaseStatus(statuses[i]);
        }
    });
    complete->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { completeSelected(); });
    exception->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { exceptionForSelected(); });
    cancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancelSelected(); });
}

void DeskListPage::buildContractTools(wxSizer* bar)
{
    const int gap = FromDIP(4);
    bar->Add(new wxStaticText(this, wxID_ANY, _("Started &from:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    m_from = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(100), -1), wxTE_PROCESS_ENTER);
    m_from->SetHint(_("dd/mm/yyyy"));
    bar->Add(m_from, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    bar->Add(new wxStaticText(this, wxID_ANY, _("&to:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    m_to = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(100), -1), wxTE_PROCESS_ENTER);
    m_to->SetHint(_("dd/mm/yyyy"));
    bar->Add(m_to, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    auto* apply = new wxButton(this, wxID_ANY, _("&Apply"));
    bar->Add(apply, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 4);
    auto* redeemed = new wxButton(this, wxID_ANY, _("&Redeemed"));
    redeemed->SetToolTip(_("The customer repaid the loan and took the item back"));
    auto* liquidated = new wxButton(this, wxID_ANY, _("&Liquidated"));
    liquidated->SetToolTip(_("The item was sold after the due date"));
    for (auto* b : {redeemed, liquidated}) {
        bar->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
        m_rowActions.push_back(b);
    }
    bar->AddStretchSpacer();
    auto* pdf = new wxButton(this, wxID_ANY, _("Export register &PDF..."));
    pdf->SetToolTip(
        _("The register of the contracts started in the range (this month when it is empty), for inspection"));
    auto* xlsx = new wxButton(this, wxID_ANY, _("Export register &XLSX..."));
    bar->Add(pdf, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    bar->Add(xlsx, 0, wxALIGN_CENTER_VERTICAL);
    m_from->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { applyRange(); });
    m_to->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { applyRange(); });
    apply->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { applyRange(); });
    redeemed->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { closeSelected(desk::PawnStatus::Redeemed); });
    liquidated->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { closeSelected(desk::PawnStatus::Liquidated); });
    pdf->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { exportRegister("pdf"); });
    xlsx->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { exportRegister("xlsx"); });
}

void DeskListPage::buildPayoutTools(wxSizer* bar)
{
    const int gap = FromDIP(4);
    bar->Add(new wxStaticText(this, wxID_ANY, _("Pay &period:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    m_period = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(100), -1), wxTE_PROCESS_ENTER);
    m_period->SetHint(_("every period"));
    bar->Add(m_period, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    auto* apply = new wxButton(this, wxID_ANY, _("&Apply"));
    bar->Add(apply, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 4);
    bar->AddStretchSpacer();
    auto* import = new wxButton(this, wxID_ANY, _("&Import list (CSV)..."));
    import->SetToolTip(_("Import a list of beneficiaries: ID number, name, category, programme, amount, period"));
    auto* reconcile = new wxButton(this, wxID_ANY, _("&Reconciliation (PDF)..."));
    reconcile->SetToolTip(_("Listed against paid for a period, with the people not yet paid"));
    bar->Add(import, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    bar->Add(reconcile, 0, wxALIGN_CENTER_VERTICAL);
    m_period->Bind(wxEVT_TEXT_ENTER,
                   [this](wxCommandEvent&) { m_presenter.setPayoutPeriod(utf8(m_period->GetValue())); });
    apply->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_presenter.setPayoutPeriod(utf8(m_period->GetValue())); });
    import->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { importList(); });
    reconcile->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { exportReconciliation(); });
}

void DeskListPage::refresh()
{
    m_presenter.load(m_list);
}

void DeskListPage::focusSearch()
{
    m_search->SetFocus();
    m_search->SelectAll();
}

void DeskListPage::clearForLock()
{
    m_rowStore->clearRows();
    m_keys.clear();
    m_detailStore->clearRows();
    m_detailHeading->SetLabel("");
    m_search->ChangeValue("");
}

void DeskListPage::showRows(ui::DeskList list, const std::vector<ui::DeskRow>& rows)
{
    if (list != m_list) {
        return;
    }
    const std::string keep = m_presenter.selected(m_list);
    m_rows->Freeze();
    m_rowStore->clearRows();
    m_keys.clear();
    int reselect = -1;
    for (const auto& r : rows) {
        wxVector<wxVariant> values;
        for (const auto& c : r.cells) {
            values.push_back(wxVariant(wx(c)));
        }
        if (r.key == keep) {
            reselect = static_cast<int>(m_keys.size());
        }
        m_rowStore->appendRow(values, r.tone);
        m_keys.push_back(r.key);
    }
    m_rows->Thaw();
    if (reselect >= 0) {
        m_rows->SelectRow(static_cast<unsigned>(reselect));
    }
    for (auto* b : m_rowActions) {
        b->Enable(reselect >= 0);
    }
}

void DeskListPage::showDetail(ui::DeskList list, const ui::DeskDetail& detail)
{
    if (list != m_list) {
        return;
    }
    m_detailHeading->SetLabel(wx(detail.heading));
    m_detail->Freeze();
    m_detailStore->clearRows();
    for (const auto& l : detail.lines) {
        m_detailStore->appendRow(variantRow({wxVariant(wx(l.label)), wxVariant(wx(l.value))}), l.tone);
    }
    m_detail->Thaw();
    Layout();
}

void DeskListPage::showStatus(const std::string& text)
{
    // A list refreshed behind another page does not take the status bar.
    if (onStatus && IsShownOnScreen()) {
        onStatus(wx(text));
    }
}

void DeskListPage::showError(const std::string& text)
{
    wxMessageBox(wx(text), m_heading->GetLabel(), wxOK | wxICON_WARNING, this);
}

std::string DeskListPage::selectedKey() const
{
    const int row = m_rows->GetSelectedRow();
    if (row == wxNOT_FOUND || static_cast<std::size_t>(row) >= m_keys.size()) {
        return {};
    }
    return m_keys[static_cast<std::size_t>(row)];
}

void DeskListPage::onSelection()
{
    const std::string key = selectedKey();
    m_presenter.select(m_list, key);
    for (auto* b : m_rowActions) {
        b->Enable(!key.empty());
    }
}

void DeskListPage::completeSelected()
{
    if (const std::string key = selectedKey(); !key.empty()) {
        m_presenter.completeCase(key);
    }
}

void DeskListPage::exceptionForSelected()
{
    const std::string key = selectedKey();
    if (key.empty()) {
        return;
    }
    const auto parties = m_presenter.blockingParties(key);
    if (parties.empty()) {
        wxMessageBox(_("Every party of this case has a passing check or an exception."), m_heading->GetLabel(),
                     wxOK | wxICON_INFORMATION, this);
        return;
    }
    wxArrayString labels;
    for (const auto& p : parties) {
        labels.Add(wx(p.label));
    }
    wxSingleChoiceDialog pick(this, _("The party without a passing check:"), _("Exception for a party"), labels);
    if (pick.ShowModal() != wxID_OK) {
        return;
    }
    wxTextEntryDialog why(this,
                          _("Why does this party go without a passing check? (at least 10 characters, for example: "
                            "\"card expired, passport C1234567 checked\")"),
                          _("Exception for a party"));
    if (why.ShowModal() == wxID_OK) {
        m_presenter.setPartyException(key, parties[static_cast<std::size_t>(pick.GetSelection())].uid,
                                      utf8(why.GetValue()));
    }
}

void DeskListPage::cancelSelected()
{
    const std::string key = selectedKey();
    if (key.empty()) {
        return;
    }
    wxTextEntryDialog why(this, _("Why is the case cancelled?"), _("Cancel case"));
    if (why.ShowModal() == wxID_OK) {
        m_presenter.cancelCase(key, utf8(why.GetValue()));
    }
}

void DeskListPage::applyRange()
{
    m_presenter.setContractRange(utf8(m_from->GetValue()), utf8(m_to->GetValue()));
}

void DeskListPage::closeSelected(desk::PawnStatus to)
{
    const std::string key = selectedKey();
    if (key.empty()) {
        return;
    }
    wxTextEntryDialog day(
        this, to == desk::PawnStatus::Redeemed ? _("Redeemed on (dd/mm/yyyy):") : _("Liquidated on (dd/mm/yyyy):"),
        _("Pawn register"), wx(m_presenter.defaultRegisterRange().second));
    if (day.ShowModal() == wxID_OK) {
        m_presenter.closeContract(key, to, utf8(day.GetValue()));
    }
}

void DeskListPage::exportRegister(const wxString& format)
{
    auto range = m_presenter.defaultRegisterRange();
    if (!m_from->GetValue().Strip(wxString::both).empty()) {
        range.first = utf8(m_from->GetValue());
    }
    if (!m_to->GetValue().Strip(wxString::both).empty()) {
        range.second = utf8(m_to->GetValue());
    }
    auto doc = m_presenter.registerDocument(range.first, range.second);
    if (!doc) {
        return;
    }
    const auto from = ui::parseDateInput(range.first);
    const auto to = ui::parseDateInput(range.second);
    const wxString stem = wx(ui::DeskListsPresenter::registerFileStem(*from, *to));
    const wxString wildcard = format == "pdf" ? _("PDF files (*.pdf)|*.pdf") : _("Excel workbooks (*.xlsx)|*.xlsx");
    wxFileDialog dlg(this, _("Export the pawn register"), wxEmptyString, stem + "." + format, wildcard,
                     wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK) {
        return;
    }
    writeInBackground(std::move(*doc), std::filesystem::path(utf8(dlg.GetPath())), utf8(format));
}

void DeskListPage::importList()
{
    wxFileDialog pick(this, _("Import a list of beneficiaries"), wxEmptyString, wxEmptyString,
                      _("CSV files (*.csv)|*.csv;*.CSV|All files|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (pick.ShowModal() != wxID_OK) {
        return;
    }
    wxArrayString models;
    models.Add(_("Model 35: welfare payouts"));
    models.Add(_("Model 19: loans for poor households and people with meritorious service"));
    wxSingleChoiceDialog which(this, _("What is this list for?"), _("Import a list of beneficiaries"), models);
    if (which.ShowModal() != wxID_OK) {
        return;
    }
    wxTextEntryDialog name(this, _("Name of the list:"), _("Import a list of beneficiaries"),
                           pick.GetFilename().BeforeLast('.'));
    if (name.ShowModal() != wxID_OK) {
        return;
    }
    std::ifstream in(std::filesystem::path(utf8(pick.GetPath())), std::ios::binary);
    if (!in) {
        showError(utf8(_("The file cannot be read. Check that it exists and that you may read it.")));
        return;
    }
    const std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    m_presenter.importList(utf8(name.GetValue()), which.GetSelection() == 0 ? 35 : 19, csv);
}

void DeskListPage::exportReconciliation()
{
    wxString period = m_period->GetValue().Strip(wxString::both);
    wxTextEntryDialog ask(this, _("Period to reconcile (2024-11, 2024-Q4 or 2024):"), _("Reconciliation"),
                          period.empty() ? wx(m_presenter.currentMonth()) : period);
    if (ask.ShowModal() != wxID_OK) {
        return;
    }
    period = ask.GetValue().Strip(wxString::both);
    auto doc = m_presenter.reconciliationDocument(utf8(period));
    if (!doc) {
        return;
    }
    wxFileDialog dlg(this, _("Export the reconciliation"), wxEmptyString,
                     wx(ui::DeskListsPresenter::reconciliationFileStem(utf8(period))) + ".pdf",
                     _("PDF files (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK) {
        return;
    }
    writeInBackground(std::move(*doc), std::filesystem::path(utf8(dlg.GetPath())), "pdf");
}

void DeskListPage::writeInBackground(reports::Document doc, const std::filesystem::path& path,
                                     const std::string& format)
{
    if (m_task.busy()) {
        showStatus(utf8(_("Still working on the previous document...")));
        return;
    }
    showStatus(utf8(_("Writing the document...")));
    m_task.run(
        [doc = std::move(doc), path, format](const TaskContext&) {
            return format == "xlsx" ? reports::writeXlsx(doc, path) : reports::writePdf(doc, path);
        },
        [this, path](const Status& st) {
            if (!st) {
                showError(st.error().message);
            } else {
                showStatus(utf8(wxString::Format(_("Saved %s"), wx(path.string()))));
            }
        });
}

} // namespace da06::app
