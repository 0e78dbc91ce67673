// The hub's storage on SQLite (SQLCipher 3.4 / SQLite 3.15: no UPSERT, no RETURNING), opened and
// keyed through the project's wrapper da06::store::Database; statements through the raw handle.
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlcipher/sqlite3.h>

#include "domain/core/DurableFile.h"
#include "domain/store/Database.h"
#include "domain/store/SecretBuffer.h"
#include "sync/hub/Sql.h"

namespace da06::hub {

namespace {

Result<store::SecretBuffer> loadOrCreateKey(const std::filesystem::path& keyPath)
{
    store::SecretBuffer key(32);
    int fd = ::open(keyPath.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        // Owner-only, and whole or not at all (a crash leaves no short key file).
        key = store::SecretBuffer::random(32);
        DA06_CHECK(writeFileDurably(keyPath, key.view()));
        return key;
    }
    if (fd < 0) {
        return fail(ErrorCode::Io, "cannot read the key file " + keyPath.string() + ": " + std::strerror(errno));
    }
    struct stat st{};
    if (::fstat(fd, &st) == 0 && (st.st_mode & 077) != 0) {
        ::close(fd);
        return fail(ErrorCode::PermissionDenied,
                    "the key file " + keyPath.string() + " may be read by others: make it 0600 (chmod 600)");
    }
    const ssize_t n = ::read(fd, key.data(), key.size());
    ::close(fd);
    if (n != 32) {
        return fail(ErrorCode::StoreDamaged, "the key file " + keyPath.string() + " is damaged (not 32 bytes)");
    }
    return key;
}

class RawStatement {
public:
    RawStatement() = default;
    explicit RawStatement(sqlite3_stmt* s) : m_s(s) {}
    RawStatement(RawStatement&& o) noexcept : m_s(o.m_s) { o.m_s = nullptr; }
    RawStatement& operator=(RawStatement&&) = delete;
    RawStatement(const RawStatement&) = delete;
    ~RawStatement() { sqlite3_finalize(m_s); }
    sqlite3_stmt* get() const { return m_s; }

private:
    sqlite3_stmt* m_s = nullptr;
};

class SqliteConnection final : public SqlConnection {
public:
    explicit SqliteConnection(store::Database db) : m_db(std::move(db)) {}
    ~SqliteConnection() override
    {
        m_cache.clear(); // finalize the statements before the connection closes
    }

    Dialect dialect() const override { return Dialect::Sqlite; }

    Result<std::vector<SqlRow>> query(std::string_view sql, const std::vector<SqlParam>& params) override
    {
        DA06_TRY(st, statement(sql, params));
        std::vector<SqlRow> rows;
        const int columns = sqlite3_column_count(*st);
        for (;;) {
            const int rc = sqlite3_step(*st);
            if (rc == SQLITE_DONE) {
                break;
            }
            if (rc != SQLITE_ROW) {
                sqlite3_reset(*st);
                return std::unexpected(error("a database query failed"));
            }
            SqlRow row(static_cast<std::size_t>(columns));
            for (int i = 0; i < columns; ++i) {
                if (sqlite3_column_type(*st, i) != SQLITE_NULL) {
                    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(*st, i));
                    row[static_cast<std::size_t>(i)] =
                        std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(*st, i)));
                }
            }
            rows.push_back(std::move(row));
        }
        sqlite3_reset(*st);
        return rows;
    }

    Result<std::int64_t> execute(std::string_view sql, const std::vector<SqlParam>& params) override
    {
        DA06_TRY(st, statement(sql, params));
        int rc;
        while ((rc = sqlite3_step(*st)) == SQLITE_ROW) {
        }
        sqlite3_reset(*st);
        if (rc != SQLITE_DONE) {
            return std::unexpected(error("a database command failed"));
        }
        return static_cast<std::int64_t>(sqlite3_changes(m_db.handle()));
    }

    Status script(std::string_view sql) override { return m_db.exec(sql); }

    // A write transaction (changes, devices) is on disk before its answer (synchronous FULL);
    // single statements outside one (nonces) survive a crash of the process but not of the machine.
    Status beginWrite() override { return m_db.exec("PRAGMA synchronous = FULL; BEGIN IMMEDIATE"); }
    Status beginRead() override { return m_db.exec("BEGIN"); }
    Status commit() override
    {
        auto s = m_db.exec("COMMIT");
        (void)m_db.exec("PRAGMA synchronous = NORMAL");
        return s;
    }
    void rollback() override
    {
        if (!sqlite3_get_autocommit(m_db.handle())) {
            (void)m_db.exec("ROLLBACK");
        }
        (void)m_db.exec("PRAGMA synchronous = NORMAL");
    }
    bool healthy() const override { return true; }

private:
    Error error(std::string_view what) const
    {
        Error e = m_db.lastError(what);
        const int code = sqlite3_errcode(m_db.handle());
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
            e.code = ErrorCode::ServiceUnavailable;
        }
        return e;
    }

    Result<sqlite3_stmt*> statement(std::string_view sql, const std::vector<SqlParam>& params)
    {
        std::string key(sql);
        auto it = m_cache.find(key);
        if (it == m_cache.end()) {
            sqlite3_stmt* raw = nullptr;
            if (sqlite3_prepare_v2(m_db.handle(), key.c_str(), static_cast<int>(key.size()), &raw, nullptr) !=
                SQLITE_OK) {
                sqlite3_finalize(raw);
                return std::unexpected(error("a database statement could not be prepared"));
            }
            if (m_cache.size() > 200) {
                m_cache.clear();
            }
            it = m_cache.emplace(key, RawStatement(raw)).first;
        }
        sqlite3_stmt* st = it->second.get();
        sqlite3_clear_bindings(st);
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int index = static_cast<int>(i) + 1;
            if (const auto* n = std::get_if<std::int64_t>(&params[i])) {
                sqlite3_bind_int64(st, index, *n);
            } else if (const auto* s = std::get_if<std::string>(&params[i])) {
                sqlite3_bind_text(st, index, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
            } else {
                sqlite3_bind_null(st, index);
            }
        }
        return st;
    }

    store::Database m_db;
    std::map<std::string, RawStatement, std::less<>> m_cache;
};

class SqliteBackend final : public SqlBackend {
public:
    explicit SqliteBackend(std::filesystem::path dir) : m_dir(std::move(dir)) {}

    Result<std::unique_ptr<SqlConnection>> connect() override
    {
        std::error_code ec;
        std::filesystem::create_directories(m_dir, ec);
        DA06_TRY(key, loadOrCreateKey(m_dir / "hub.key"));
        DA06_TRY(db, store::Database::open(m_dir / "hub.db", store::Database::Mode::Create, &*key));
        key->clear();
        // WAL: readers do not block the writer (write transactions switch to synchronous FULL).
        DA06_CHECK(db->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"));
        if (auto check = db->queryInt("SELECT count(*) FROM sqlite_master"); !check) {
            return std::unexpected(check.error());
        }
        return std::unique_ptr<SqlConnection>(std::make_unique<SqliteConnection>(std::move(*db)));
    }

    std::string describe() const override { return "SQLite " + (m_dir / "hub.db").string(); }

private:
    std::filesystem::path m_dir;
};

} // namespace

std::unique_ptr<SqlBackend> makeSqliteBackend(const std::filesystem::path& dataDir)
{
    return std::make_unique<SqliteBackend>(dataDir);
}

} // namespace da06::hub
