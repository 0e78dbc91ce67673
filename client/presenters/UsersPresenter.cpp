#include "client/presenters/UsersPresenter.h"

#include "client/presenters/PassphraseRules.h"
#include "client/presenters/StartupPresenter.h"
#include "client/presenters/Translate.h"

namespace da06::ui {

std::string UsersPresenter::roleLabel(access::Role r)
{
    switch (r) {
    case access::Role::Admin:
        return tr("Administrator");
    case access::Role::Staff:
        return tr("Staff (plan progress)");
    case access::Role::Checker:
        return tr("Checker (identity checks)");
    case access::Role::Coordinator:
        return tr("Coordinator (district reports)");
    }
    return "";
}

std::vector<std::string> UsersPresenter::roleNames()
{
    return {"admin", "staff", "checker", "coordinator"};
}

void UsersPresenter::load()
{
    auto users = m_service.list();
    if (!users) {
        m_view.showError(StartupPresenter::messageFor(users.error()));
        return;
    }
    std::vector<UserRow> rows;
    for (const auto& u : *users) {
        UserRow r;
        r.name = u.name;
        r.role = roleLabel(u.role);
        if (auto d = Date::parseIso(u.createdAt.substr(0, 10))) {
            r.created = d->toVietnamese();
        }
        if (u.failedAttempts > 0) {
            r.attempts = format1(tr("%s wrong passphrases"), std::to_string(u.failedAttempts));
        }
        r.self = u.name == m_self;
        rows.push_back(std::move(r));
    }
    m_view.showUsers(rows);
}

bool UsersPresenter::check(const Status& s, const std::string& done)
{
    if (!s) {
        m_view.showError(StartupPresenter::messageFor(s.error()));
        return false;
    }
    load();
    m_view.showInfo(done);
    return true;
}

bool UsersPresenter::add(const std::string& name, const std::string& roleName, const std::string& pass,
                         const std::string& repeated)
{
    auto role = access::roleFromName(roleName);
    if (!role) {
        m_view.showError(tr("Choose a role."));
        return false;
    }
    if (!access::UserService::isValidName(name)) {
        m_view.showError(tr("A user name is 1 to 32 characters: lower-case letters a–z, digits, '.', '_' or '-'."));
        return false;
    }
    if (pass != repeated) {
        m_view.showError(tr("The two passphrases differ. Type the same passphrase twice."));
        return false;
    }
    if (auto strength = evaluatePassphrase(pass); !strength.acceptable) {
        m_view.showError(strength.hint);
        return false;
    }
    return check(m_service.add(name, *role, pass), format1(tr("Added the user %s."), name));
}

bool UsersPresenter::reset(const std::string& name, const std::string& pass, const std::string& repeated)
{
    if (pass != repeated) {
        m_view.showError(tr("The two passphrases differ. Type the same passphrase twice."));
        return false;
    }
    if (auto strength = evaluatePassphrase(pass); !strength.acceptable) {
        m_view.showError(strength.hint);
        return false;
    }
    return check(m_service.reset(name, pass), format1(tr("Set a new passphrase for %s."), name));
}

bool UsersPresenter::setRole(const std::string& name, const std::string& roleName)
{
    auto role = access::roleFromName(roleName);
    if (!role) {
        m_view.showError(tr("Choose a role."));
        return false;
    }
    return check(m_service.setRole(name, *role), format1(tr("Changed the role of %s."), name));
}

bool UsersPresenter::remove(const std::string& name)
{
    return check(m_service.remove(name), format1(tr("Removed the user %s."), name));
}

} // namespace da06::ui
