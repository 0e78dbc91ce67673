#pragma once
// The synchronization page ("Đồng bộ"): the desk's enrollment, last success and last error, the
// pending / rejected / conflict counts, the progress of a running cycle with a Cancel button,
// the conflict list with "Apply this value", the records the hub rejected. The cycles run in
// the frame's ui::SyncController; its events reach this page on the UI thread.
#include <functional>
#include <wx/panel.h>

#include "client/presenters/SyncPresenter.h"

class wxButton;
class wxGauge;
class wxListBox;
class wxListCtrl;
class wxStaticText;

namespace da06::app {

class SyncPanel : public wxPanel, public ui::SyncView {
public:
    SyncPanel(wxWindow* parent, store::Database& db, const Clock& clock, const access::Actor& actor);

    ui::SyncPresenter& presenter() { return m_presenter; }

    std::function<void()> onSyncNow;                   // set by the frame
    std::function<void()> onCancel;                    // set by the frame
    std::function<void(const wxString&)> onStatusText; // the status-bar field

    // SyncView
    void showModel(const ui::SyncPanelModel& model) override;
    void showProgress(int percent, const std::string& text) override;
    void showStatusText(const std::string& text) override;
    void showError(const std::string& text) override;

private:
    ui::SyncPresenter m_presenter;
    std::vector<ui::ConflictRow> m_conflicts;
    wxStaticText* m_enrollment = nullptr;
    wxStaticText* m_lastSuccess = nullptr;
    wxStaticText* m_lastError = nullptr;
    wxStaticText* m_counts = nullptr;
    wxGauge* m_gauge = nullptr;
    wxStaticText* m_progressText = nullptr;
    wxButton* m_syncButton = nullptr;
    wxButton* m_cancelButton = nullptr;
    wxListCtrl* m_conflictList = nullptr;
    wxButton* m_applyButton = nullptr;
    wxListBox* m_rejected = nullptr;
};

} // namespace da06::app
