#pragma once
// RAII wrapper over an SQLCipher connection. SQLite result codes never leave this file pair:
// failures come back as da06::Error with a message a person can act on.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/Error.h"
#include "domain/store/SecretBuffer.h"

struct sqlite3;
struct sqlite3_stmt;

namespace da06::store {

class Database;

class Statement {
public:
    Statement() = default;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& o) noexcept : m_db(o.m_db), m_stmt(o.m_stmt) { o.m_stmt = nullptr; }
    Statement& operator=(Statement&& o) noexcept;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::optional<std::string>& value);
    Statement& bind(int index, const std::optional<int>& value);
    Statement& bindBlob(int index, const void* data, std::size_t size);
    Statement& bindNull(int index);

    // Runs one step: true while a row is available, false when done; errors as values.
    Result<bool> step();
    // Runs to completion (for statements without rows).
    Status run();
    void reset();

    bool isNull(int column) const;
    std::int64_t columnInt(int column) const;
    double columnDouble(int column) const;
    std::string columnText(int column) const;
    std::optional<std::string> columnOptText(int column) const;
    std::optional<int> columnOptInt(int column) const;
    std::vector<unsigned char> columnBlob(int column) const;

private:
    friend class Database;
    Statement(Database* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    Database* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

class Database {
public:
    Database() = default;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    Database(Database&& o) noexcept : m_db(o.m_db), m_path(std::move(o.m_path)) { o.m_db = nullptr; }
    Database& operator=(Database&& o) noexcept;
    ~Database();

    enum class Mode { ReadWrite, Create };
    // Opens (or creates) the file. With a key, the connection is keyed with the raw 256-bit key
    // (no KDF); without one the file is plain SQLite (the benchmark baseline only).
    static Result<Database> open(const std::filesystem::path& path, Mode mode, const SecretBuffer* rawKey);

    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    Result<std::int64_t> queryInt(std::string_view sql);
    // Copies the whole database into dest (same key and page size) in one step, under a read
    // transaction: a consistent snapshot while other connections keep writing.
    Status copyTo(Database& dest);
    std::int64_t lastInsertId() const;
    int changes() const;
    const std::filesystem::path& path() const { return m_path; }

    // The text of the last error of this connection, for messages.
    std::string lastErrorMessage() const;
    // Maps the connection's current error to a da06::Error (NOTADB/CORRUPT → StoreDamaged).
    Error lastError(std::string_view what) const;
    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
};

// Rolls back in the destructor unless committed.
class Transaction {
public:
    explicit Transaction(Database& db) : m_db(&db) {}
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Status begin(); // BEGIN IMMEDIATE: takes the write lock now, not at the first write
    Status commit();

private:
    Database* m_db;
    bool m_active = false;
};

} // namespace da06::store
