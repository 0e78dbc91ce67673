#pragma once
// The user management dialog (admins): the users with their roles, add, reset, change role,
// remove. No wx.
#include <string>
#include <vector>

#include "domain/access/Accounts.h"

namespace da06::ui {

struct UserRow {
    std::string name;
    std::string role;     // translated role name
    std::string created;  // dd/MM/yyyy
    std::string attempts; // "" or "3 wrong passphrases"
    bool self = false;
};

class UsersView {
public:
    virtual ~UsersView() = default;
    virtual void showUsers(const std::vector<UserRow>& rows) = 0;
    virtual void showError(const std::string& text) = 0;
    virtual void showInfo(const std::string& text) = 0;
};

class UsersPresenter {
public:
    UsersPresenter(UsersView& view, access::Session& session, const Clock& clock)
        : m_view(view), m_service(session, clock), m_self(session.actor.user)
    {
    }

    void load();
    // Each returns true when done (the view then shows the new list and a confirmation).
    bool add(const std::string& name, const std::string& roleName, const std::string& pass,
             const std::string& repeated);
    bool reset(const std::string& name, const std::string& pass, const std::string& repeated);
    bool setRole(const std::string& name, const std::string& roleName);
    bool remove(const std::string& name);

    static std::string roleLabel(access::Role r); // translated
    static std::vector<std::string> roleNames();  // "admin", "staff", "checker", "coordinator"

private:
    bool check(const Status& s, const std::string& done);

    UsersView& m_view;
    access::UserService m_service;
    std::string m_self;
};

} // namespace da06::ui
