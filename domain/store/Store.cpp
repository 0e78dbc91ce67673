#include "domain/store/Store.h"

#include <cstdlib>

#include "domain/core/DurableFile.h"

namespace da06::store {

namespace {

Status pragmas(Database& db)
{
    // WAL with synchronous=FULL: a committed transaction survives a crash or power cut.
    if (auto s = db.exec("PRAGMA journal_mode = WAL;"); !s) {
        return s;
    }
    if (auto s = db.exec("PRAGMA synchronous = FULL;"); !s) {
        return s;
    }
    return db.exec("PRAGMA foreign_keys = ON;");
}

void restrictPermissions(const std::filesystem::path& p)
{
    restrictToOwner(p);
}

} // namespace

std::filesystem::path Store::defaultPath()
{
    if (const char* env = std::getenv("DA06_STORE"); env && *env) {
        return env;
    }
#ifdef _WIN32
    if (const char* appData = std::getenv("APPDATA"); appData && *appData) {
        return std::filesystem::path(appData) / "DA06" / "store.da06";
    }
    return std::filesystem::path("store.da06");
#else
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        base = xdg;
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        base = std::filesystem::path(home) / ".local" / "share";
    } else {
        base = ".";
    }
    return base / "da06" / "store.da06";
#endif
}

Status Store::setKeySlot(const std::string& user, std::string_view passphrase)
{
    DA06_TRY(keys, keyFile());
    DA06_CHECK(keys->setSlot(m_dataKey, user, passphrase));
    return keys->save(KeyFile::pathFor(m_path));
}

Result<Database> Store::openCopyTarget(const std::filesystem::path& path) const
{
    auto db = Database::open(path, Database::Mode::Create, &m_dataKey);
    if (db) {
        restrictPermissions(path);
    }
    return db;
}

Result<Database> Store::openWorkerConnection() const
{
    DA06_TRY(db, Database::open(m_path, Database::Mode::ReadWrite, &m_dataKey));
    DA06_CHECK(pragmas(*db));
    return std::move(*db);
}

Status Store::checkIntegrity()
{
    DA06_TRY(st, m_db.prepare("PRAGMA integrity_check;"));
    DA06_TRY(row, st->step());
    if (!*row || st->columnText(0) != "ok") {
        return fail(ErrorCode::StoreDamaged, "the store " + m_path.string() + " fails its integrity check" +
                                                 (*row ? ": " + st->columnText(0) : std::string()));
    }
    return {};
}

Status Store::removeKeySlot(const std::string& user)
{
    DA06_TRY(keys, keyFile());
    DA06_CHECK(keys->removeSlot(user));
    return keys->save(KeyFile::pathFor(m_path));
}

Status Store::migrate(Database& db, const Schema& schema, int from, int to)
{
    if (from >= to) {
        return {};
    }
    Transaction tx(db);
    if (auto s = tx.begin(); !s) {
        return s;
    }
    for (const auto& m : schema.migrations()) {
        if (m.version > from && m.version <= to) {
            if (auto s = m.apply(db); !s) {
                return fail(s.error().code, "migration " + std::to_string(m.version) + " (" + m.name +
                                                ") failed: " + s.error().message);
            }
        }
    }
    if (auto s = db.exec("PRAGMA user_version = " + std::to_string(to) + ";"); !s) {
        return s;
    }
    return tx.commit();
}

Result<Store> Store::create(const std::filesystem::path& path, std::string_view passphrase, const Schema& schema,
                            const CreateOptions& options)
{
    DA06_CHECK(schema.check());
    const auto keyPath = KeyFile::pathFor(path);
    std::error_code ec;
    if (std::filesystem::exists(path, ec) || std::filesystem::exists(keyPath, ec)) {
        return fail(ErrorCode::AlreadyExists, "a store already exists at " + path.string() + "; it was left untouched");
    }
    if (passphrase.empty()) {
        return fail(ErrorCode::Usage, "the passphrase must not be empty");
    }
    const int version = options.schemaVersion == 0 ? schema.latestVersion() : options.schemaVersion;
    if (version < 1 || version > schema.latestVersion()) {
        return fail(ErrorCode::Usage, "no schema version " + std::to_string(version));
    }
    if (path.has_parent_path() && !std::filesystem::exists(path.parent_path(), ec)) {
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec) {
            return fail(ErrorCode::Io, "cannot create the folder " + path.parent_path().string() + ": " + ec.message());
        }
        std::filesystem::permissions(path.parent_path(), std::filesystem::perms::owner_all, ec);
    }

    SecretBuffer dataKey = SecretBuffer::random(32);
    auto keys = KeyFile::create(dataKey, options.user, passphrase);
    if (!keys) {
        return std::unexpected(keys.error());
    }
    auto cleanup = [&] {
        std::filesystem::remove(path, ec);
        std::filesystem::remove(path.string() + "-wal", ec);
        std::filesystem::remove(path.string() + "-shm", ec);
        std::filesystem::remove(keyPath, ec);
    };
    auto db = Database::open(path, Database::Mode::Create, &dataKey);
    if (!db) {
        cleanup();
        return std::unexpected(db.error());
    }
    restrictPermissions(path);
    Status s = db->exec("PRAGMA application_id = " + std::to_string(kApplicationId) + ";");
    if (s) {
        s = pragmas(*db);
    }
    if (s) {
        s = migrate(*db, schema, 0, version);
    }
    if (s) {
        s = keys->save(keyPath);
    }
    if (!s) {
        db = Result<Database>(Database());
        cleanup();
        return std::unexpected(s.error());
    }
    Store store;
    store.m_db = std::move(*db);
    store.m_path = path;
    store.m_schemaVersion = version;
    store.m_user = options.user;
    store.m_dataKey = std::move(dataKey);
    return store;
}

Result<Store> Store::open(const std::filesystem::path& path, std::string_view passphrase, const Schema& schema,
                          const OpenOptions& options)
{
    DA06_CHECK(schema.check());
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return fail(ErrorCode::StoreMissing,
                    "there is no store at " + path.string() + " (create one with `da06 init`)");
    }
    if (!std::filesystem::is_regular_file(path, ec)) {
        return fail(ErrorCode::StoreDamaged, path.string() + " is not a store file");
    }
    auto keys = KeyFile::load(KeyFile::pathFor(path));
    if (!keys) {
        if (keys.error().code == ErrorCode::StoreMissing) {
            return fail(ErrorCode::StoreDamaged, "the key file " + KeyFile::pathFor(path).string() +
                                                     " that unlocks this store is missing (restore it from a backup)");
        }
        return std::unexpected(keys.error());
    }
    SystemClock systemClock;
    const Clock& clock = options.clock ? *options.clock : systemClock;
    const long long now = std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
    KeySlot* slot = keys->findSlot(options.user);
    if (!slot) {
        return fail(ErrorCode::NotFound, "there is no user \"" + options.user + "\" in this store");
    }
    if (slot->failedAttempts >= kFreeAttempts && now < slot->retryAfter) {
        return fail(ErrorCode::LockedOut, "too many wrong passphrases for \"" + slot->user + "\": wait " +
                                              std::to_string(slot->retryAfter - now) +
                                              " seconds before the next attempt");
    }
    auto dataKey = keys->unlock(slot->user, passphrase);
    if (!dataKey) {
        if (dataKey.error().code == ErrorCode::WrongPassphrase) {
            ++slot->failedAttempts;
            slot->retryAfter = now + lockoutDelaySeconds(slot->failedAttempts);
            (void)keys->save(KeyFile::pathFor(path));
            const int left = kFreeAttempts - slot->failedAttempts;
            return fail(ErrorCode::WrongPassphrase,
                        left > 0 ? "the passphrase is wrong (" + std::to_string(left) + " more attempts before a wait)"
                                 : "the passphrase is wrong; the next attempt must wait " +
                                       std::to_string(lockoutDelaySeconds(slot->failedAttempts)) + " seconds");
        }
        return std::unexpected(dataKey.error());
    }
    if (slot->failedAttempts != 0) {
        slot->failedAttempts = 0;
        slot->retryAfter = 0;
        (void)keys->save(KeyFile::pathFor(path));
    }
    auto db = Database::open(path, Database::Mode::ReadWrite, &*dataKey);
    if (!db) {
        return std::unexpected(db.error());
    }
    // The first read checks the key against page 1: NOTADB here means the file is damaged,
    // since the key slot already proved the passphrase right.
    auto appId = db->queryInt("PRAGMA application_id;");
    if (!appId) {
        return std::unexpected(appId.error());
    }
    if (*appId != kApplicationId) {
        return fail(ErrorCode::StoreDamaged, path.string() + " is not a DA06 store");
    }
    auto version = db->queryInt("PRAGMA user_version;");
    if (!version) {
        return std::unexpected(version.error());
    }
    const int latest = schema.latestVersion();
    if (*version > latest) {
        return fail(ErrorCode::StoreTooNew, "the store was written by a newer version of DA06 Desk (schema " +
                                                std::to_string(*version) + ", this program knows " +
                                                std::to_string(latest) + "); update the program");
    }
    // Every page is read and its HMAC checked: a damaged page is found now, not mid-work.
    auto check = db->prepare("PRAGMA quick_check;");
    if (!check) {
        return std::unexpected(check.error());
    }
    auto row = check->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    if (!*row || check->columnText(0) != "ok") {
        return fail(ErrorCode::StoreDamaged,
                    "the store file " + path.string() + " is damaged (restore it from a backup)");
    }
    check = Statement();
    if (auto s = pragmas(*db); !s) {
        return std::unexpected(s.error());
    }
    int current = static_cast<int>(*version);
    if (current < latest) {
        if (!options.migrate) {
            return fail(ErrorCode::StoreTooNew, "the store needs upgrading from schema " + std::to_string(current));
        }
        if (auto s = migrate(*db, schema, current, latest); !s) {
            return std::unexpected(s.error());
        }
        current = latest;
    }
    Store store;
    store.m_db = std::move(*db);
    store.m_path = path;
    store.m_schemaVersion = current;
    store.m_user = slot->user;
    store.m_dataKey = std::move(*dataKey);
    return store;
}

} // namespace da06::store
