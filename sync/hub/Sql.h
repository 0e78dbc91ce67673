#pragma once
// The hub's storage interface: a small SQL connection (parameters written `?`, values as text or
// integers, rows as text) with two implementations, SQLite through the project's SQLCipher
// wrapper (da06::store) and PostgreSQL (libpq). All of the hub's logic (HubStore) is written once
// on top of it; the few dialect differences are asked of dialect().
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/core/Error.h"

namespace da06::hub {

using SqlParam = std::variant<std::nullptr_t, std::int64_t, std::string>;
using SqlRow = std::vector<std::optional<std::string>>;

enum class Dialect { Sqlite, Postgres };

class SqlConnection {
public:
    virtual ~SqlConnection() = default;
    virtual Dialect dialect() const = 0;
    // Runs one statement; returns its rows (none for statements without rows).
    virtual Result<std::vector<SqlRow>> query(std::string_view sql, const std::vector<SqlParam>& params = {}) = 0;
    // Runs one statement without rows; returns the number of rows it changed.
    virtual Result<std::int64_t> execute(std::string_view sql, const std::vector<SqlParam>& params = {}) = 0;
    // Runs a script of several statements without parameters.
    virtual Status script(std::string_view sql) = 0;
    // A write transaction: SQLite takes the write lock at once (BEGIN IMMEDIATE); PostgreSQL takes
    // the hub's transaction-level advisory lock, so that writers of all hubs on one database are
    // serialized and the change sequence grows in commit order (a pull never skips a change).
    virtual Status beginWrite() = 0;
    virtual Status beginRead() = 0;
    virtual Status commit() = 0;
    virtual void rollback() = 0;
    // False when the connection is broken (the pool then replaces it).
    virtual bool healthy() const = 0;
};

// Opens connections of one backend.
class SqlBackend {
public:
    virtual ~SqlBackend() = default;
    virtual Result<std::unique_ptr<SqlConnection>> connect() = 0;
    virtual std::string describe() const = 0;
};

// SQLite in DIR/hub.db, keyed with the raw 256-bit key of DIR/hub.key (created 0600 on first use).
std::unique_ptr<SqlBackend> makeSqliteBackend(const std::filesystem::path& dataDir);
// PostgreSQL at a libpq connection URL.
std::unique_ptr<SqlBackend> makePostgresBackend(const std::string& url);

// A pool of connections shared by the request threads.
class ConnectionPool {
public:
    ConnectionPool(std::unique_ptr<SqlBackend> backend, std::size_t maxConnections);
    ~ConnectionPool();

    class Lease {
    public:
        Lease(ConnectionPool* pool, std::unique_ptr<SqlConnection> c) : m_pool(pool), m_conn(std::move(c)) {}
        Lease(Lease&& o) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        ~Lease();
        SqlConnection* operator->() { return m_conn.get(); }
        SqlConnection& operator*() { return *m_conn; }

    private:
        ConnectionPool* m_pool;
        std::unique_ptr<SqlConnection> m_conn;
    };

    // Waits for a free connection, or opens a new one (ServiceUnavailable when the database is unreachable).
    Result<Lease> acquire();
    SqlBackend& backend() { return *m_backend; }

private:
    void release(std::unique_ptr<SqlConnection> c);

    std::unique_ptr<SqlBackend> m_backend;
    std::size_t m_max;
    std::size_t m_open = 0;
    std::vector<std::unique_ptr<SqlConnection>> m_idle;
    std::mutex m_mutex;
    std::condition_variable m_cv;
};

// Rolls back unless committed.
class SqlTransaction {
public:
    explicit SqlTransaction(SqlConnection& c) : m_c(c) {}
    SqlTransaction(const SqlTransaction&) = delete;
    SqlTransaction& operator=(const SqlTransaction&) = delete;
    ~SqlTransaction()
    {
        if (m_active) {
            m_c.rollback();
        }
    }
    Status beginWrite()
    {
        DA06_CHECK(m_c.beginWrite());
        m_active = true;
        return {};
    }
    Status beginRead()
    {
        DA06_CHECK(m_c.beginRead());
        m_active = true;
        return {};
    }
    Status commit()
    {
        m_active = false;
        return m_c.commit();
    }

private:
    SqlConnection& m_c;
    bool m_active = false;
};

// Helpers for reading rows.
std::int64_t toInt(const std::optional<std::string>& v, std::int64_t fallback = 0);

} // namespace da06::hub
