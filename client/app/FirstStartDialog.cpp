#include "client/app/FirstStartDialog.h"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/filepicker.h>
#include <wx/gauge.h>
#include <wx/listbox.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/radiobut.h>
#include <wx/settings.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/statline.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/utils.h>

#include "client/app/WxText.h"
#include "client/readers/pcsc/ReaderManager.h"
#include "sync/client/SyncEngine.h"

namespace da06::app {

namespace {

wxStaticText* paragraph(wxWindow* parent, const wxString& text, int wrap)
{
    auto* t = new wxStaticText(parent, wxID_ANY, text);
    t->Wrap(wrap);
    return t;
}

wxColour severityColour(ui::ReaderSeverity s)
{
    switch (s) {
    case ui::ReaderSeverity::Ok:
        return wxColour(0x1b, 0x5e, 0x20);
    case ui::ReaderSeverity::Info:
        return wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    case ui::ReaderSeverity::Warning:
        return wxColour(0x8a, 0x4b, 0x00);
    case ui::ReaderSeverity::Error:
        return wxColour(0xb7, 0x1c, 0x1c);
    }
    return wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
}

} // namespace

FirstStartDialog::FirstStartDialog(wxWindow* parent, ui::FirstStartPresenter& presenter)
    : wxDialog(parent, wxID_ANY, _("Welcome to DA06 Desk"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_presenter(presenter)
{
    const int wrap = FromDIP(520);
    auto* top = new wxBoxSizer(wxVERTICAL);
    m_title = new wxStaticText(this, wxID_ANY, "");
    m_title->SetFont(m_title->GetFont().Bold().Scaled(1.25f));
    top->Add(m_title, 0, wxALL | wxEXPAND, FromDIP(12));
    m_book = new wxSimplebook(this);

    // 1. Unit
    auto* unitPage = new wxPanel(m_book);
    auto* us = new wxBoxSizer(wxVERTICAL);
    us->Add(paragraph(unitPage,
                      _("Choose the unit this desk works for. Its tasks, deadlines and reports are kept for this unit "
                        "and the units below it."),
                      wrap),
            0, wxBOTTOM, FromDIP(8));
    m_search = new wxSearchCtrl(unitPage, wxID_ANY);
    m_search->SetDescriptiveText(_("Search: name or code, with or without diacritics"));
    m_search->ShowCancelButton(true);
    us->Add(m_search, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
    m_units = new wxListBox(unitPage, wxID_ANY, wxDefaultPosition, wxSize(-1, FromDIP(260)));
    us->Add(m_units, 1, wxEXPAND);
    unitPage->SetSizer(us);
    m_book->AddPage(unitPage, "unit");

    // 2. Hub
    auto* hubPage = new wxPanel(m_book);
    auto* hs = new wxBoxSizer(wxVERTICAL);
    hs->Add(paragraph(hubPage,
                      _("The desk keeps everything in its encrypted store and works offline. Enrolled with the "
                        "provincial hub, it also receives the plan and assignments and sends task progress and check "
                        "counts (never the personal data of checks)."),
                      wrap),
            0, wxBOTTOM, FromDIP(10));
    m_enrollChoice = new wxRadioButton(hubPage, wxID_ANY, _("&Enroll with the provincial hub"), wxDefaultPosition,
                                       wxDefaultSize, wxRB_GROUP);
    hs->Add(m_enrollChoice, 0, wxBOTTOM, FromDIP(6));
    auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
    grid->AddGrowableCol(1, 1);
    grid->Add(new wxStaticText(hubPage, wxID_ANY, _("Hub &address:")), 0, wxALIGN_CENTER_VERTICAL);
    m_server = new wxTextCtrl(hubPage, wxID_ANY);
    m_server->SetHint("https://hub.tayninh.gov.vn:8443");
    grid->Add(m_server, 1, wxEXPAND);
    grid->Add(new wxStaticText(hubPage, wxID_ANY, _("Enrollment &code:")), 0, wxALIGN_CENTER_VERTICAL);
    m_code = new wxTextCtrl(hubPage, wxID_ANY);
    m_code->SetHint("K7Q2-M9XD-4TWP");
    grid->Add(m_code, 1, wxEXPAND);
    grid->Add(new wxStaticText(hubPage, wxID_ANY, _("Hub certificate (optional):")), 0, wxALIGN_CENTER_VERTICAL);
    m_ca = new wxFilePickerCtrl(hubPage, wxID_ANY, "", _("The hub's certificate authority"),
                                "PEM (*.pem;*.crt)|*.pem;*.crt|*|*");
    grid->Add(m_ca, 1, wxEXPAND);
    hs->Add(grid, 0, wxEXPAND | wxLEFT, FromDIP(24));
    m_enrollButton = new wxButton(hubPage, wxID_ANY, _("E&nroll now"));
    hs->Add(m_enrollButton, 0, wxLEFT | wxTOP, FromDIP(24));
    m_hubState = new wxStaticText(hubPage, wxID_ANY, "");
    hs->Add(m_hubState, 0, wxEXPAND | wxLEFT | wxTOP, FromDIP(24));
    m_aloneChoice =
        new wxRadioButton(hubPage, wxID_ANY, _("&Work alone for now (enroll later from the Administration menu)"));
    hs->Add(m_aloneChoice, 0, wxTOP, FromDIP(14));
    hubPage->SetSizer(hs);
    m_book->AddPage(hubPage, "hub");

    // 3. Readers
    auto* readerPage = new wxPanel(m_book);
    auto* rs = new wxBoxSizer(wxVERTICAL);
    rs->Add(paragraph(readerPage,
                      _("Identity-card chips are read with a contactless PC/SC reader. The desk looks for the smart "
                        "card service and the readers now."),
                      wrap),
            0, wxBOTTOM, FromDIP(10));
    m_readerSummary = new wxStaticText(readerPage, wxID_ANY, "");
    m_readerSummary->SetFont(m_readerSummary->GetFont().Bold());
    rs->Add(m_readerSummary, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
    m_readerAdvice = new wxStaticText(readerPage, wxID_ANY, "");
    rs->Add(m_readerAdvice, 1, wxEXPAND);
    m_checkAgain = new wxButton(readerPage, wxID_ANY, _("C&heck again"));
    rs->Add(m_checkAgain, 0, wxTOP, FromDIP(8));
    readerPage->SetSizer(rs);
    m_book->AddPage(readerPage, "readers");

    // 4. Done
    auto* donePage = new wxPanel(m_book);
    auto* ds = new wxBoxSizer(wxVERTICAL);
    m_summary = new wxStaticText(donePage, wxID_ANY, "");
    ds->Add(m_summary, 1, wxEXPAND);
    donePage->SetSizer(ds);
    m_book->AddPage(donePage, "done");

    top->Add(m_book, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    top->Add(new wxStaticLine(this), 0, wxEXPAND | wxTOP, FromDIP(10));
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    m_progress = new wxGauge(this, wxID_ANY, 100, wxDefaultPosition, wxSize(FromDIP(120), -1));
    m_progress->Hide();
    m_progressText = new wxStaticText(this, wxID_ANY, "");
    bar->Add(m_progress, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    bar->Add(m_progressText, 1, wxALIGN_CENTER_VERTICAL);
    m_back = new wxButton(this, wxID_BACKWARD, _("< &Back"));
    m_next = new wxButton(this, wxID_FORWARD, _("&Next >"));
    m_next->SetDefault();
    bar->Add(m_back, 0, wxRIGHT, FromDIP(6));
    bar->Add(m_next, 0);
    top->Add(bar, 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(top);
    SetMinSize(GetSize());
    CentreOnScreen();

    m_pulse.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { m_progress->Pulse(); });
    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { fillUnits(); });
    m_search->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) { m_search->Clear(); });
    m_units->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) { onNext(); });
    m_enrollButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onEnroll(); });
    m_enrollChoice->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { showStep(); });
    m_aloneChoice->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) {
        m_presenter.workAlone();
        showStep();
    });
    m_checkAgain->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onCheckReaders(); });
    m_back->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        m_presenter.back();
        showStep();
    });
    m_next->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onNext(); });
    // Esc closes the dialog, but not while the enrollment or the probe runs.
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        if (e.GetKeyCode() == WXK_ESCAPE && m_busy) {
            return;
        }
        e.Skip();
    });
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        if (m_busy && e.CanVeto()) {
            e.Veto();
            return;
        }
        EndModal(wxID_CANCEL);
    });

    fillUnits();
    m_enrollChoice->SetValue(true);
    showStep();
    m_search->SetFocus();
}

FirstStartDialog::~FirstStartDialog()
{
    m_pulse.Stop();
    m_task.stop(); // its work uses the presenter, which the caller destroys after the dialog
}

void FirstStartDialog::fillUnits()
{
    const std::string selected = m_presenter.chosenUnit().value_or("");
    m_shown = m_presenter.units(utf8(m_search->GetValue()));
    m_units->Clear();
    for (std::size_t i = 0; i < m_shown.size(); ++i) {
        const auto& u = m_shown[i];
        m_units->Append(wxString(' ', static_cast<std::size_t>(u.depth) * 4) + wx(u.label));
        if (u.id == selected) {
            m_units->SetSelection(static_cast<int>(i));
        }
    }
}

void FirstStartDialog::showStep()
{
    using Step = ui::FirstStartPresenter::Step;
    const Step s = m_presenter.step();
    switch (s) {
    case Step::Unit:
        m_title->SetLabel(_("Step 1 of 3: the unit of this desk"));
        break;
    case Step::Hub:
        m_title->SetLabel(_("Step 2 of 3: the provincial hub"));
        break;
    case Step::Readers:
        m_title->SetLabel(_("Step 3 of 3: identity-card readers"));
        break;
    case Step::Done:
        m_title->SetLabel(_("Ready"));
        break;
    }
    m_book->SetSelection(static_cast<std::size_t>(s));
    const bool enrolling = m_enrollChoice->GetValue();
    m_server->Enable(enrolling && !m_presenter.enrolled() && !m_busy);
    m_code->Enable(enrolling && !m_presenter.enrolled() && !m_busy);
    m_ca->Enable(enrolling && !m_presenter.enrolled() && !m_busy);
    m_enrollButton->Enable(enrolling && !m_presenter.enrolled() && !m_busy);
    if (m_presenter.enrolled()) {
        m_hubState->SetLabel(_("Enrolled. Synchronization will run in the background."));
        m_hubState->SetForegroundColour(severityColour(ui::ReaderSeverity::Ok));
    }
    if (s == Step::Readers && m_presenter.lastReaderCheck()) {
        showReaders(*m_presenter.lastReaderCheck());
    }
    if (s == Step::Done) {
        wxString text;
        for (const auto& line : m_presenter.summary()) {
            text += "•  " + wx(line) + "\n\n";
        }
        m_summary->SetLabel(text);
        m_summary->Wrap(FromDIP(520));
    }
    m_back->Enable(s != Step::Unit && !m_busy);
    m_next->SetLabel(s == Step::Done ? _("&Finish") : _("&Next >"));
    m_next->Enable(!m_busy);
    Layout();
}

void FirstStartDialog::onNext()
{
    using Step = ui::FirstStartPresenter::Step;
    if (m_busy) {
        return;
    }
    if (m_presenter.step() == Step::Done) {
        EndModal(wxID_OK);
        return;
    }
    if (m_presenter.step() == Step::Unit) {
        const int sel = m_units->GetSelection();
        if (sel != wxNOT_FOUND && static_cast<std::size_t>(sel) < m_shown.size()) {
            if (const std::string why = m_presenter.chooseUnit(m_shown[static_cast<std::size_t>(sel)].id);
                !why.empty()) {
                wxMessageBox(wx(why), GetTitle(), wxOK | wxICON_WARNING, this);
                return;
            }
        }
    }
    if (m_presenter.step() == Step::Hub && m_aloneChoice->GetValue()) {
        m_presenter.workAlone();
    }
    if (m_presenter.step() == Step::Hub) {
        // Entering the reader step probes the readers: do it off the UI thread.
        if (!m_presenter.decidedHub()) {
            wxMessageBox(wx(m_presenter.next()), GetTitle(), wxOK | wxICON_INFORMATION, this);
            return;
        }
        onCheckReaders();
        return;
    }
    if (const std::string why = m_presenter.next(); !why.empty()) {
        wxMessageBox(wx(why), GetTitle(), wxOK | wxICON_INFORMATION, this);
        return;
    }
    showStep();
}

void FirstStartDialog::setBusy(bool busy, const wxString& what)
{
    m_busy = busy;
    m_progress->Show(busy);
    if (busy) {
        m_progress->Pulse();
    }
    m_progressText->SetLabel(what);
    showStep();
}

void FirstStartDialog::onEnroll()
{
    ui::HubEnrollment request{utf8(m_server->GetValue().Strip(wxString::both)), utf8(m_code->GetValue()),
                              utf8(m_ca->GetPath())};
    setBusy(true, _("Enrolling with the hub..."));
    m_pulse.Start(100);
    ui::FirstStartPresenter& presenter = m_presenter; // outlives the dialog; closing is vetoed while busy
    m_task.run([request, &presenter](const TaskContext&) { return presenter.enroll(request); },
               [this](const std::string& why) {
                   m_pulse.Stop();
                   setBusy(false, "");
                   if (!why.empty()) {
                       m_hubState->SetLabel(wx(why));
                       m_hubState->SetForegroundColour(severityColour(ui::ReaderSeverity::Error));
                       m_hubState->Wrap(FromDIP(480));
                       Layout();
                   }
               });
}

void FirstStartDialog::onCheckReaders()
{
    setBusy(true, _("Looking for the smart card service and the readers..."));
    const bool entering = m_presenter.step() == ui::FirstStartPresenter::Step::Hub;
    ui::FirstStartPresenter& presenter = m_presenter;
    m_task.run(
        [entering, &presenter](const TaskContext&) {
            // next() from the hub step runs the first probe; later probes are checkReaders().
            std::string why;
            if (entering) {
                why = presenter.next();
            } else {
                presenter.checkReaders();
            }
            return why;
        },
        [this](const std::string& why) {
            setBusy(false, "");
            if (!why.empty()) {
                wxMessageBox(wx(why), GetTitle(), wxOK | wxICON_INFORMATION, this);
            }
            showStep();
        });
}

void FirstStartDialog::showReaders(const ui::ReaderCheckResult& r)
{
    m_readerSummary->SetLabel(wx(r.summary));
    m_readerSummary->SetForegroundColour(severityColour(r.severity));
    wxString advice;
    for (const auto& line : r.advice) {
        advice += "•  " + wx(line) + "\n";
    }
    m_readerAdvice->SetLabel(advice);
    m_readerAdvice->Wrap(FromDIP(520));
}

bool runDeskSetup(wxWindow* parent, access::Session& session, const Clock& clock)
{
    ui::Enroller enroller = [&session, &clock](const ui::HubEnrollment& r) -> Status {
        sync::client::EnrollParams params;
        params.serverUrl = r.server;
        params.code = r.code;
        params.deviceName = utf8(wxGetHostName());
        if (!r.caFile.empty()) {
            params.caFile = r.caFile;
        }
        auto enrolled = sync::client::enroll(session.store.db(), clock, session.actor, params);
        if (!enrolled) {
            return std::unexpected(enrolled.error());
        }
        return {};
    };
    // One look at the smart card service and the readers: the reader manager's first scan.
    ui::ReaderProbe probe = [] {
        pcsc::ReaderManager manager([](const pcsc::ReaderEvent&) {});
        manager.start();
        pcsc::ReaderSnapshot snap;
        for (int i = 0; i < 30; ++i) {
            snap = manager.snapshot();
            if (snap.scanned) {
                break;
            }
            wxMilliSleep(100);
        }
        manager.stop();
        ui::ReaderStatusInput input;
        input.scanned = snap.scanned;
        input.serviceRunning = snap.serviceRunning;
        for (const auto& r : snap.readers) {
            input.readers.push_back({r.name, r.cardPresent});
        }
        return input;
    };
    ui::FirstStartPresenter presenter(session, clock, enroller, probe);
    FirstStartDialog dlg(parent, presenter);
    dlg.ShowModal();
    return presenter.enrolled();
}

} // namespace da06::app
