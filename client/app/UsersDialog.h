#pragma once
// User management (admins): the list of users and the actions on them.
#include <wx/dialog.h>

#include "client/presenters/UsersPresenter.h"

class wxListCtrl;
class wxStaticText;

namespace da06::app {

class UsersDialog : public wxDialog, public ui::UsersView {
public:
    UsersDialog(wxWindow* parent, access::Session& session, const Clock& clock);

    void showUsers(const std::vector<ui::UserRow>& rows) override;
    void showError(const std::string& text) override;
    void showInfo(const std::string& text) override;

private:
    std::string selectedUser() const;
    void onAdd();
    void onReset();
    void onRole();
    void onRemove();

    ui::UsersPresenter m_presenter;
    wxListCtrl* m_list = nullptr;
    wxStaticText* m_message = nullptr;
    std::vector<ui::UserRow> m_rows;
};

} // namespace da06::app
