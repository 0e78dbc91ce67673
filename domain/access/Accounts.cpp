#include "domain/access/Accounts.h"

#include "domain/audit/AuditLog.h"

namespace da06::access {

namespace {

Status checkPassphrase(std::string_view p)
{
    if (p.size() < kMinPassphraseBytes) {
        return fail(ErrorCode::Usage, "the passphrase is too short: use at least " +
                                          std::to_string(kMinPassphraseBytes) + " characters (a few words is best)");
    }
    return {};
}

} // namespace

Result<Session> createStore(const std::filesystem::path& path, const std::string& adminName,
                            std::string_view passphrase, const Clock& clock, const store::Schema& schema)
{
    if (!UserService::isValidName(adminName)) {
        return fail(ErrorCode::Usage, "a user name is 1–32 characters of a-z, 0-9, '.', '_' and '-'");
    }
    DA06_CHECK(checkPassphrase(passphrase));
    DA06_TRY(st, store::Store::create(path, passphrase, schema, store::CreateOptions{adminName, 0}));
    store::Transaction tx(st->db());
    DA06_CHECK(tx.begin());
    DA06_TRY(ins, st->db().prepare("INSERT INTO app_user (name, role, created_at) VALUES (?, 'admin', ?)"));
    ins->bind(1, adminName).bind(2, clock.nowIso8601());
    DA06_CHECK(ins->run());
    DA06_CHECK(audit::append(st->db(), clock, adminName, "store.create", "store"));
    DA06_CHECK(audit::append(st->db(), clock, adminName, "user.add", "user:" + adminName));
    DA06_CHECK(tx.commit());
    return Session{std::move(*st), Actor{adminName, Role::Admin, {}}};
}

Result<Session> openSession(const std::filesystem::path& path, const std::string& user, std::string_view passphrase,
                            const Clock& clock, const store::Schema& schema)
{
    DA06_TRY(st, store::Store::open(path, passphrase, schema, store::OpenOptions{user, true, &clock}));
    const std::string name = st->user();
    DA06_TRY(q, st->db().prepare("SELECT role FROM app_user WHERE name = ?"));
    q->bind(1, name);
    DA06_TRY(row, q->step());
    if (*row) {
        auto role = roleFromName(q->columnText(0));
        if (!role) {
            return fail(ErrorCode::StoreDamaged, "the account of \"" + name + "\" has an unknown role");
        }
        return Session{std::move(*st), Actor{name, *role, {}}};
    }
    q = store::Statement();
    // A store from before accounts existed: its only user becomes the admin.
    DA06_TRY(count, st->db().queryInt("SELECT COUNT(*) FROM app_user"));
    if (*count != 0) {
        return fail(ErrorCode::PermissionDenied,
                    "the key slot of \"" + name + "\" has no account in this store (it was removed)");
    }
    store::Transaction tx(st->db());
    DA06_CHECK(tx.begin());
    DA06_TRY(ins, st->db().prepare("INSERT INTO app_user (name, role, created_at) VALUES (?, 'admin', ?)"));
    ins->bind(1, name).bind(2, clock.nowIso8601());
    DA06_CHECK(ins->run());
    DA06_CHECK(audit::append(st->db(), clock, name, "user.bootstrap", "user:" + name));
    DA06_CHECK(tx.commit());
    return Session{std::move(*st), Actor{name, Role::Admin, {}}};
}

bool UserService::isValidName(const std::string& name)
{
    if (name.empty() || name.size() > 32) {
        return false;
    }
    for (char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
            return false;
        }
    }
    return true;
}

Result<std::optional<Role>> UserService::roleOf(const std::string& name)
{
    DA06_TRY(q, m_session.store.db().prepare("SELECT role FROM app_user WHERE name = ?"));
    q->bind(1, name);
    DA06_TRY(row, q->step());
    if (!*row) {
        return std::optional<Role>();
    }
    return roleFromName(q->columnText(0));
}

Result<int> UserService::adminCount()
{
    DA06_TRY(n, m_session.store.db().queryInt("SELECT COUNT(*) FROM app_user WHERE role = 'admin'"));
    return static_cast<int>(*n);
}

Result<std::vector<UserInfo>> UserService::list()
{
    DA06_CHECK(require(m_session.actor, Permission::ManageUsers, "list the users"));
    DA06_TRY(keys, m_session.store.keyFile());
    DA06_TRY(q, m_session.store.db().prepare(
                    "SELECT name, role, created_at, passphrase_changed_at FROM app_user ORDER BY name"));
    std::vector<UserInfo> out;
    while (true) {
        DA06_TRY(row, q->step());
        if (!*row) {
            break;
        }
        UserInfo u;
        u.name = q->columnText(0);
        u.role = roleFromName(q->columnText(1)).value_or(Role::Staff);
        u.createdAt = q->columnText(2);
        u.passphraseChangedAt = q->columnOptText(3);
        if (const auto* slot = keys->findSlot(u.name)) {
            u.failedAttempts = slot->failedAttempts;
        }
        out.push_back(std::move(u));
    }
    return out;
}

Status UserService::add(const std::string& name, Role role, std::string_view passphrase)
{
    DA06_CHECK(require(m_session.actor, Permission::ManageUsers, "add users"));
    if (!isValidName(name)) {
        return fail(ErrorCode::Usage, "a user name is 1–32 characters of a-z, 0-9, '.', '_' and '-'");
    }
    DA06_CHECK(checkPassphrase(passphrase));
    DA06_TRY(existing, roleOf(name));
    if (*existing) {
        return fail(ErrorCode::AlreadyExists, "there is already a user \"" + name + "\"");
    }
    auto& db = m_session.store.db();
    store::Transaction tx(db);
    DA06_CHECK(tx.begin());
    DA06_TRY(ins, db.prepare("INSERT INTO app_user (name, role, created_at) VALUES (?, ?, ?)"));
    ins->bind(1, name).bind(2, roleName(role)).bind(3, m_clock.nowIso8601());
    DA06_CHECK(ins->run());
    DA06_CHECK(audit::append(db, m_clock, m_session.actor, std::string("user.add:") + roleName(role), "user:" + name));
    // The key slot is written before the commit: if it cannot be written, nothing is kept.
    DA06_CHECK(m_session.store.setKeySlot(name, passphrase));
    return tx.commit();
}

Status UserService::remove(const std::string& name)
{
    DA06_CHECK(require(m_session.actor, Permission::ManageUsers, "remove users"));
    DA06_TRY(role, roleOf(name));
    if (!*role) {
        return fail(ErrorCode::NotFound, "there is no user \"" + name + "\"");
    }
    if (name == m_session.actor.user) {
        return fail(ErrorCode::Usage, "you cannot remove yourself; another admin can");
    }
    if (**role == Role::Admin) {
        DA06_TRY(admins, adminCount());
        if (*admins <= 1) {
            return fail(ErrorCode::Usage, "the last admin cannot be removed");
        }
    }
    auto& db = m_session.store.db();
    store::Transaction tx(db);
    DA06_CHECK(tx.begin());
    DA06_TRY(del, db.prepare("DELETE FROM app_user WHERE name = ?"));
    del->bind(1, name);
    DA06_CHECK(del->run());
    DA06_CHECK(audit::append(db, m_clock, m_session.actor, "user.remove", "user:" + name));
    DA06_CHECK(m_session.store.removeKeySlot(name));
    return tx.commit();
}

Status UserService::reset(const std::string& name, std::string_view newPassphrase)
{
    DA06_CHECK(require(m_session.actor, Permission::ManageUsers, "reset passphrases"));
    DA06_CHECK(checkPassphrase(newPassphrase));
    DA06_TRY(role, roleOf(name));
    if (!*role) {
        return fail(ErrorCode::NotFound, "there is no user \"" + name + "\"");
    }
    return rewrapSlot(name, newPassphrase, "user.reset");
}

Status UserService::rewrapSlot(const std::string& name, std::string_view newPassphrase, const char* action)
{
    auto& db = m_session.store.db();
    store::Transaction tx(db);
    DA06_CHECK(tx.begin());
    DA06_TRY(up, db.prepare("UPDATE app_user SET passphrase_changed_at = ? WHERE name = ?"));
    up->bind(1, m_clock.nowIso8601()).bind(2, name);
    DA06_CHECK(up->run());
    DA06_CHECK(audit::append(db, m_clock, m_session.actor, action, "user:" + name));
    // The key slot is written before the commit: if it cannot be written, nothing is kept.
    DA06_CHECK(m_session.store.setKeySlot(name, newPassphrase));
    return tx.commit();
}

Status UserService::setRole(const std::string& name, Role role)
{
    DA06_CHECK(require(m_session.actor, Permission::ManageUsers, "change roles"));
    DA06_TRY(current, roleOf(name));
    if (!*current) {
        return fail(ErrorCode::NotFound, "there is no user \"" + name + "\"");
    }
    if (**current == Role::Admin && role != Role::Admin) {
        DA06_TRY(admins, adminCount());
        if (*admins <= 1) {
            return fail(ErrorCode::Usage, "the last admin must stay an admin");
        }
    }
    auto& db = m_session.store.db();
    store::Transaction tx(db);
    DA06_CHECK(tx.begin());
    DA06_TRY(up, db.prepare("UPDATE app_user SET role = ? WHERE name = ?"));
    up->bind(1, roleName(role)).bind(2, name);
    DA06_CHECK(up->run());
    DA06_CHECK(audit::append(db, m_clock, m_session.actor, std::string("user.role:") + roleName(role), "user:" + name));
    return tx.commit();
}

Status UserService::changeOwnPassphrase(std::string_view currentPassphrase, std::string_view newPassphrase)
{
    DA06_CHECK(checkPassphrase(newPassphrase));
    const std::string& name = m_session.actor.user;
    DA06_TRY(keys, m_session.store.keyFile());
    auto check = keys->unlock(name, currentPassphrase);
    if (!check) {
        return std::unexpected(check.error());
    }
    check->clear();
    return rewrapSlot(name, newPassphrase, "user.passwd");
}

} // namespace da06::access
