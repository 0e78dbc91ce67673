#pragma once
// The first start on a new machine (after the admin's passphrase): unit, hub or alone, readers.
// Thin: every decision is FirstStartPresenter's; this draws it and runs the slow parts (the
// enrollment over the network, the reader probe) off the UI thread.
#include <memory>

#include <wx/dialog.h>
#include <wx/timer.h>

#include "client/app/BackgroundTask.h"
#include "client/presenters/FirstStartPresenter.h"

class wxButton;
class wxGauge;
class wxListBox;
class wxRadioButton;
class wxSearchCtrl;
class wxSimplebook;
class wxStaticText;
class wxTextCtrl;
class wxFilePickerCtrl;

namespace da06::app {

// Runs the set-up dialog with the real enrollment (sync client) and reader probe (PC/SC): at the
// first start, and later from Administration > Set up this desk. True when the desk was enrolled.
bool runDeskSetup(wxWindow* parent, access::Session& session, const Clock& clock);

class FirstStartDialog : public wxDialog {
public:
    FirstStartDialog(wxWindow* parent, ui::FirstStartPresenter& presenter);
    ~FirstStartDialog() override;

private:
    void showStep();
    void fillUnits();
    void onNext();
    void onEnroll();
    void onCheckReaders();
    void showReaders(const ui::ReaderCheckResult& r);
    void setBusy(bool busy, const wxString& what);

    ui::FirstStartPresenter& m_presenter;
    wxTimer m_pulse;       // moves the gauge while the enrollment runs
    BackgroundTask m_task; // the enrollment or the reader probe; stopped before the dialog goes
    bool m_busy = false;
    wxStaticText* m_title = nullptr;
    wxSimplebook* m_book = nullptr;
    // unit
    wxSearchCtrl* m_search = nullptr;
    wxListBox* m_units = nullptr;
    std::vector<ui::UnitChoice> m_shown;
    // hub
    wxRadioButton* m_enrollChoice = nullptr;
    wxRadioButton* m_aloneChoice = nullptr;
    wxTextCtrl* m_server = nullptr;
    wxTextCtrl* m_code = nullptr;
    wxFilePickerCtrl* m_ca = nullptr;
    wxButton* m_enrollButton = nullptr;
    wxStaticText* m_hubState = nullptr;
    // readers
    wxStaticText* m_readerSummary = nullptr;
    wxStaticText* m_readerAdvice = nullptr;
    wxButton* m_checkAgain = nullptr;
    // done
    wxStaticText* m_summary = nullptr;
    // buttons
    wxGauge* m_progress = nullptr;
    wxStaticText* m_progressText = nullptr;
    wxButton* m_back = nullptr;
    wxButton* m_next = nullptr;
};

} // namespace da06::app
