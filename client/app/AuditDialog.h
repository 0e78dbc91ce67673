#pragma once
// The audit log browser (admins).
#include <wx/dialog.h>

#include "client/presenters/AuditPresenter.h"

class wxListCtrl;
class wxStaticText;
class wxDatePickerCtrl;

namespace da06::app {

class AuditDialog : public wxDialog, public ui::AuditView {
public:
    AuditDialog(wxWindow* parent, access::Session& session);

    void showEntries(const std::vector<ui::AuditRow>& rows) override;
    void showVerification(bool ok, const std::string& text) override;
    void showError(const std::string& text) override;

private:
    ui::AuditPresenter m_presenter;
    wxListCtrl* m_list = nullptr;
    wxStaticText* m_result = nullptr;
    wxDatePickerCtrl* m_since = nullptr;
};

} // namespace da06::app
