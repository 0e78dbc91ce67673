#include "domain/store/Database.h"

#include <sqlcipher/sqlite3.h>

#include "domain/core/Hex.h"

namespace da06::store {

namespace {

const char* const kDamagedAdvice = "the store file is damaged or is not a DA06 store (restore it from a backup)";

} // namespace

Statement& Statement::operator=(Statement&& o) noexcept
{
    if (this != &o) {
        sqlite3_finalize(m_stmt);
        m_db = o.m_db;
        m_stmt = o.m_stmt;
        o.m_stmt = nullptr;
    }
    return *this;
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value)
{
    sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value)
{
    return value ? bind(index, std::string_view(*value)) : bindNull(index);
}

Statement& Statement::bind(int index, const std::optional<int>& value)
{
    return value ? bind(index, static_cast<std::int64_t>(*value)) : bindNull(index);
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t size)
{
    sqlite3_bind_blob(m_stmt, index, data, static_cast<int>(size), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Result<bool> Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    return std::unexpected(m_db->lastError("a database statement failed"));
}

Status Statement::run()
{
    while (true) {
        auto r = step();
        if (!r) {
            return std::unexpected(r.error());
        }
        if (!*r) {
            return {};
        }
    }
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int c) const
{
    return sqlite3_column_type(m_stmt, c) == SQLITE_NULL;
}

std::int64_t Statement::columnInt(int c) const
{
    return sqlite3_column_int64(m_stmt, c);
}

double Statement::columnDouble(int c) const
{
    return sqlite3_column_double(m_stmt, c);
}

std::string Statement::columnText(int c) const
{
    const auto* p = sqlite3_column_text(m_stmt, c);
    const int n = sqlite3_column_bytes(m_stmt, c);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

std::optional<std::string> Statement::columnOptText(int c) const
{
    if (isNull(c)) {
        return std::nullopt;
    }
    return columnText(c);
}

std::optional<int> Statement::columnOptInt(int c) const
{
    if (isNull(c)) {
        return std::nullopt;
    }
    return static_cast<int>(columnInt(c));
}

std::vector<unsigned char> Statement::columnBlob(int c) const
{
    const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(m_stmt, c));
    const int n = sqlite3_column_bytes(m_stmt, c);
    return p ? std::vector<unsigned char>(p, p + n) : std::vector<unsigned char>();
}

Database& Database::operator=(Database&& o) noexcept
{
    if (this != &o) {
        sqlite3_close_v2(m_db);
        m_db = o.m_db;
        m_path = std::move(o.m_path);
        o.m_db = nullptr;
    }
    return *this;
}

Database::~Database()
{
    sqlite3_close_v2(m_db);
}

Result<Database> Database::open(const std::filesystem::path& path, Mode mode, const SecretBuffer* rawKey)
{
    Database db;
    db.m_path = path;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (mode == Mode::Create ? SQLITE_OPEN_CREATE : 0);
    const int rc = sqlite3_open_v2(path.string().c_str(), &db.m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error e = rc == SQLITE_CANTOPEN ? Error{mode == Mode::Create ? ErrorCode::Io : ErrorCode::StoreMissing,
                                                "cannot open the store file " + path.string()}
                                        : db.lastError("cannot open the store file " + path.string());
        return std::unexpected(e);
    }
    sqlite3_extended_result_codes(db.m_db, 1);
    sqlite3_busy_timeout(db.m_db, 10000);
    if (rawKey) {
        if (rawKey->size() != 32) {
            return fail(ErrorCode::Internal, "a data key must be 256 bits");
        }
        // x'<64 hex digits>' : SQLCipher uses the bytes as the key, without its own KDF.
        SecretBuffer keySpec(2 + 64 + 1);
        unsigned char* k = keySpec.data();
        k[0] = 'x';
        k[1] = '\'';
        hex::encodeTo(rawKey->data(), 32, reinterpret_cast<char*>(k + 2));
        k[66] = '\'';
        if (sqlite3_key(db.m_db, keySpec.data(), static_cast<int>(keySpec.size())) != SQLITE_OK) {
            return std::unexpected(db.lastError("cannot key the store"));
        }
        // The same page size on SQLCipher 3.4 (default 1024) and 4.x (default 4096).
        if (auto s = db.exec("PRAGMA cipher_page_size = 4096;"); !s) {
            return std::unexpected(s.error());
        }
    }
    // Plaintext must not reach temporary files.
    if (auto s = db.exec("PRAGMA temp_store = MEMORY;"); !s) {
        return std::unexpected(s.error());
    }
    return db;
}

Status Database::exec(std::string_view sql)
{
    const std::string text(sql);
    char* err = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) {
        return std::unexpected(lastError("a database command failed"));
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql)
{
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return std::unexpected(lastError("a database statement could not be prepared"));
    }
    return Statement(this, stmt);
}

Result<std::int64_t> Database::queryInt(std::string_view sql)
{
    auto st = prepare(sql);
    if (!st) {
        return std::unexpected(st.error());
    }
    auto row = st->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    return *row ? st->columnInt(0) : 0;
}

Status Database::copyTo(Database& dest)
{
    sqlite3_backup* b = sqlite3_backup_init(dest.m_db, "main", m_db, "main");
    if (!b) {
        return std::unexpected(dest.lastError("cannot start the copy"));
    }
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 200; ++attempt) {
        rc = sqlite3_backup_step(b, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
            break;
        }
        sqlite3_sleep(50);
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        return std::unexpected(dest.lastError("the copy failed"));
    }
    return {};
}

std::int64_t Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

std::string Database::lastErrorMessage() const
{
    return m_db ? sqlite3_errmsg(m_db) : "no connection";
}

Error Database::lastError(std::string_view what) const
{
    const int rc = m_db ? (sqlite3_extended_errcode(m_db) & 0xFF) : SQLITE_ERROR;
    const std::string detail = std::string(what) + ": " + lastErrorMessage();
    switch (rc) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return Error{ErrorCode::StoreDamaged, std::string(kDamagedAdvice) + " [" + detail + "]"};
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return Error{ErrorCode::Io, detail};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return Error{ErrorCode::Io, "the store is busy in another program; try again (" + detail + ")"};
    case SQLITE_CONSTRAINT:
        return Error{ErrorCode::InvalidInput, detail};
    default:
        return Error{ErrorCode::Internal, detail};
    }
}

Transaction::~Transaction()
{
    if (m_active) {
        (void)m_db->exec("ROLLBACK;");
    }
}

Status Transaction::begin()
{
    auto s = m_db->exec("BEGIN IMMEDIATE;");
    if (s) {
        m_active = true;
    }
    return s;
}

Status Transaction::commit()
{
    auto s = m_db->exec("COMMIT;");
    if (s) {
        m_active = false;
    }
    return s;
}

} // namespace da06::store
