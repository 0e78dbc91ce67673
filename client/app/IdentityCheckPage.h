#pragma once
// The identity-check page (checkers): the scan field (keyboard-wedge scanners type into it),
// paste, open an image, or listen to a serial scanner; the result of each QR code as a large
// coloured word, the identity, every check with its mark, the expiry and what to do next.
#include <atomic>
#include <memory>
#include <thread>
#include <wx/panel.h>

#include "IdentityCheckPresenter.h"

class wxTextCtrl;
class wxStaticText;
class wxScrolledWindow;
class wxBoxSizer;
class wxButton;

namespace da06::app {

class IdentityCheckPage : public wxPanel, public ui::IdentityCheckView {
public:
    IdentityCheckPage(wxWindow* parent, const Clock& clock);
    ~IdentityCheckPage() override;

    void focusScan();
    // Personal data off the screen (desk locked).
    void clearForLock();
    std::function<void(const wxString&)> onStatus;

    // IdentityCheckView
    void showCards(const std::vector<ui::IdentityCheckCard>& cards) override;
    void showScannerAdvice(const std::string& text) override;
    void showProblem(const std::string& text) override;
    void clearAll() override;

    // For tests and demonstrations: check this payload as if pasted.
    void checkText(const std::string& payload);

private:
    void onOpenImage();
    void onPaste();
    void onSerial();
    void stopSerial();

    ui::IdentityCheckPresenter m_presenter;
    wxTextCtrl* m_scan = nullptr;
    wxStaticText* m_advice = nullptr;
    wxStaticText* m_problem = nullptr;
    wxScrolledWindow* m_results = nullptr;
    wxBoxSizer* m_resultsSizer = nullptr;
    wxButton* m_serialButton = nullptr;
    std::thread m_imageWorker;
    std::thread m_serialWorker;
    std::atomic<bool> m_serialStop{false};
    std::atomic<bool> m_imageBusy{false};
    // Read and written on the UI thread only; workers just carry copies of the pointer.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace da06::app
