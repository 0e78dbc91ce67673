#pragma once
// The encrypted local store: an SQLCipher database keyed with a random 256-bit data key, and the
// key-slot file beside it (KeyFile). Stamped with application_id and user_version; the numbered
// migrations of the schema the caller passes (store/Schema.h) run in one transaction; a file
// newer than that schema is refused.
#include <filesystem>
#include <string>
#include <string_view>

#include "domain/core/Clock.h"
#include "domain/core/Error.h"
#include "domain/store/Database.h"
#include "domain/store/KeyFile.h"
#include "domain/store/Schema.h"

namespace da06::store {

inline constexpr std::int32_t kApplicationId = 0x44413036; // "DA06"

struct CreateOptions {
    std::string user = "admin";
    int schemaVersion = 0; // 0: the schema's latest; tests create older files to exercise migrations
};

struct OpenOptions {
    std::string user;             // empty: the first slot
    bool migrate = true;          // false: refuse a file that needs migrating (read-only tools)
    const Clock* clock = nullptr; // for the brute-force brake; nullptr: the system clock
};

class Store {
public:
    Store(Store&&) noexcept = default;
    Store& operator=(Store&&) noexcept = default;

    // schema: every migration of the program (da06::schema::full()); a schema whose check()
    // fails → Internal, before any file is touched.
    // Refuses to overwrite: an existing store or key file → AlreadyExists.
    static Result<Store> create(const std::filesystem::path& path, std::string_view passphrase, const Schema& schema,
                                const CreateOptions& options = {});
    // Missing → StoreMissing; wrong passphrase → WrongPassphrase; damaged → StoreDamaged;
    // written by a newer program (a version above schema's latest) → StoreTooNew. Never creates
    // anything. After kFreeAttempts wrong passphrases for a user, attempts before the slot's
    // retry time → LockedOut. An older file is migrated to schema's latest version.
    static Result<Store> open(const std::filesystem::path& path, std::string_view passphrase, const Schema& schema,
                              const OpenOptions& options = {});

    Database& db() { return m_db; }
    const std::filesystem::path& path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }
    const std::string& user() const { return m_user; }
    // Adds or replaces the key slot of user (the data key wrapped under passphrase) and saves the
    // key file atomically. Removing: the slot of user is deleted.
    Status setKeySlot(const std::string& user, std::string_view passphrase);
    Status removeKeySlot(const std::string& user);
    // A new, empty database file keyed with this store's data key (the target of a backup copy).
    Result<Database> openCopyTarget(const std::filesystem::path& path) const;
    // A second connection to this store (same key, same pragmas as open()), for a background
    // thread whose transactions must not interleave with those of this connection.
    Result<Database> openWorkerConnection() const;
    // PRAGMA integrity_check over every page and index (slower than the quick check of open()).
    Status checkIntegrity();
    // The key file as it was read when the store was opened (slots, brake counters).
    Result<KeyFile> keyFile() const { return KeyFile::load(KeyFile::pathFor(m_path)); }

    // The default store of this user: $XDG_DATA_HOME/da06/store.da06 (~/.local/share/…) on
    // Linux, %APPDATA%\DA06\store.da06 on Windows. DA06_STORE overrides it.
    static std::filesystem::path defaultPath();

private:
    Store() = default;
    static Status migrate(Database& db, const Schema& schema, int from, int to);

    Database m_db;
    SecretBuffer m_dataKey; // kept while open, to wrap new key slots; wiped on close
    std::filesystem::path m_path;
    int m_schemaVersion = 0;
    std::string m_user;
};

} // namespace da06::store
