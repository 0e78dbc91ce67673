#pragma once
// The identity-check page (checkers), the front desk: the purpose of the checks (remembered per
// desk) and the legal ground at the top; the scan field (keyboard-wedge scanners type into it),
// paste, open an image, or listen to a serial scanner; the chip read (F5); the result of each QR
// code or chip as a large coloured word, the identity, every check with its mark, the expiry and
// what to do next; then save the check (Ctrl+S), attach it to a case, a contract or a payout
// (Ctrl+G) and print the receipt (Ctrl+P). The flow is ui::FrontDeskPresenter's; the devices are
// driven by ui::ChipCheckPresenter (the chip) and ui::QrInputPresenter (image, serial scanner), and
// their slow work runs on BackgroundTasks: this page only wires the view.
#include <memory>
#include <wx/panel.h>

#include "client/app/BackgroundTask.h"
#include "client/presenters/ChipCheckPresenter.h"
#include "client/presenters/FrontDeskPresenter.h"
#include "client/presenters/IdentityCheckPresenter.h"
#include "client/presenters/QrInputPresenter.h"
#include "client/presenters/ReaderStatus.h"

class wxTextCtrl;
class wxStaticText;
class wxScrolledWindow;
class wxBoxSizer;
class wxButton;
class wxGauge;
class wxChoice;
class wxRadioButton;

namespace da06::pcsc {
class ReaderManager;
}

namespace da06::app {

class IdentityCheckPage : public wxPanel,
                          public ui::IdentityCheckView,
                          public ui::FrontDeskView,
                          public ui::ChipCheckView,
                          public ui::QrInputView {
public:
    IdentityCheckPage(wxWindow* parent, store::Database& db, const Clock& clock, const access::Actor& actor);
    ~IdentityCheckPage() override;

    void focusScan();
    // Personal data off the screen (desk locked).
    void clearForLock();
    std::function<void(const wxString&)> onStatus;
    // The reader state for the status bar ("Reader: ACS ACR1252 — card present").
    std::function<void(const wxString&)> onReaderStatus;
    // Chip: read the card on the reader (F5), cancel a reading (Esc while reading).
    void readChip();
    void cancelChip();
    // The front desk: save the check (Ctrl+S), attach it (Ctrl+G), print its receipt (Ctrl+P).
    void saveCheck();
    void attachCheck();
    void printReceipt();
    // A check was saved or attached (the lists of cases, contracts and payouts change).
    std::function<void()> onDeskChanged;

    // IdentityCheckView
    void showCards(const std::vector<ui::IdentityCheckCard>& cards) override;
    void showScannerAdvice(const std::string& text) override;
    void showProblem(const std::string& text) override;
    void clearAll() override;

    // FrontDeskView
    void showDeskState(const ui::FrontDeskState& state) override;
    void showStatus(const std::string& text) override;
    void showError(const std::string& text) override;

    // ChipCheckView
    void showChipKey(const std::string& can) override;
    void showChipKeyProblem(const std::string& text) override;
    void showChipStarted() override;
    void showChipProgress(const ui::ChipProgress& progress) override;
    void showChipFinished(bool ok, const std::string& problem) override;
    void showChipResult(const ui::ChipReadOutcome& outcome) override;

    // QrInputView
    void showQrStatus(const std::string& text) override;
    void showScannerListening(bool listening) override;
    void showScannerNotice(const std::string& text, bool warning) override;
    std::optional<std::string> chooseScannerPort(const std::vector<std::string>& ports) override;
    void showScannerFailed(const std::string& text) override;

    // For tests and demonstrations: check this payload as if pasted.
    void checkText(const std::string& payload);

private:
    void onOpenImage();
    void onPaste();
    void onSerial();
    void refreshReaderState();
    void showChip(const ui::ChipCheckCard& card, const wxImage& photo);
    void buildDeskBar(wxSizer* top);
    void buildActionBar(wxSizer* top);
    void clearResult();

    ui::IdentityCheckPresenter m_presenter;
    ui::FrontDeskPresenter m_desk;
    ui::ChipCheckPresenter m_chip;
    ui::QrInputPresenter m_qr;
    store::Database& m_db;
    // Front desk
    wxChoice* m_purpose = nullptr;
    wxRadioButton* m_consentNone = nullptr;
    wxRadioButton* m_consentGiven = nullptr;
    wxRadioButton* m_consentLegal = nullptr;
    wxTextCtrl* m_consentNote = nullptr;
    wxStaticText* m_deskSummary = nullptr;
    wxStaticText* m_deskHint = nullptr;
    wxButton* m_saveButton = nullptr;
    wxButton* m_attachButton = nullptr;
    wxButton* m_printButton = nullptr;
    wxTextCtrl* m_scan = nullptr;
    wxStaticText* m_advice = nullptr;
    wxStaticText* m_problem = nullptr;
    wxScrolledWindow* m_results = nullptr;
    wxBoxSizer* m_resultsSizer = nullptr;
    wxButton* m_serialButton = nullptr;
    // Chip
    wxStaticText* m_readerState = nullptr;
    wxTextCtrl* m_can = nullptr;
    wxButton* m_readChipButton = nullptr;
    wxButton* m_cancelChipButton = nullptr;
    wxGauge* m_chipGauge = nullptr;
    wxStaticText* m_chipStep = nullptr;
    wxPanel* m_chipBox = nullptr;
    std::unique_ptr<pcsc::ReaderManager> m_readerManager;
    const Clock& m_clock;
    // The reader manager's events reach the page through it, only while the page lives.
    OwnerToken m_owner;
    // Last: destroyed (stopped and joined) before what their work and results use.
    BackgroundTask m_chipTask;
    BackgroundTask m_imageTask;
    BackgroundTask m_serialTask;
    BackgroundTask m_printTask;
};

} // namespace da06::app
