#pragma once
// The users of a desk: one key slot each (in the key file beside the store), their role in the
// encrypted store. Opening a session unlocks the store with one user's passphrase and resolves
// that user's role; every later domain call is made as that Actor.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/store/Store.h"

namespace da06::access {

struct Session {
    store::Store store;
    Actor actor;
};

struct UserInfo {
    std::string name;
    Role role = Role::Staff;
    std::string createdAt;
    std::optional<std::string> passphraseChangedAt;
    int failedAttempts = 0; // since the last successful unlock
};

// schema: every migration of the program (da06::schema::full(), domain/schema), passed down to
// store::Store::open/create.

// Unlocks the store as user (empty: the first key slot) and resolves the role. A store written
// before users existed makes its single user the admin.
Result<Session> openSession(const std::filesystem::path& path, const std::string& user, std::string_view passphrase,
                            const Clock& clock, const store::Schema& schema);

// Creates a new store whose first user is an admin.
Result<Session> createStore(const std::filesystem::path& path, const std::string& adminName,
                            std::string_view passphrase, const Clock& clock, const store::Schema& schema);

} // namespace da06::access

namespace da06::access {

// Managing the users of a desk. Every method checks the acting user's permission and writes the
// audit log in the same transaction as its change.
class UserService {
public:
    UserService(Session& session, const Clock& clock) : m_session(session), m_clock(clock) {}

    Result<std::vector<UserInfo>> list();                                        // admin
    Status add(const std::string& name, Role role, std::string_view passphrase); // admin
    Status remove(const std::string& name);                                      // admin
    Status reset(const std::string& name, std::string_view newPassphrase);       // admin
    Status setRole(const std::string& name, Role role);                          // admin
    // Any user, for themself: re-wraps their own slot only.
    Status changeOwnPassphrase(std::string_view currentPassphrase, std::string_view newPassphrase);

    // User names: 1–32 of a-z, 0-9, '.', '_', '-'.
    static bool isValidName(const std::string& name);

private:
    Result<std::optional<Role>> roleOf(const std::string& name);
    Result<int> adminCount();
    // Re-wraps the data key for name under newPassphrase, with the audit entry, in one transaction.
    Status rewrapSlot(const std::string& name, std::string_view newPassphrase, const char* action);

    Session& m_session;
    const Clock& m_clock;
};

inline constexpr std::size_t kMinPassphraseBytes = 8;

} // namespace da06::access
