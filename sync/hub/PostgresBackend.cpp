// The hub's storage on PostgreSQL (libpq). Parameters `?` become $1, $2, …; values go as text.
#include <libpq-fe.h>

#include "sync/hub/Sql.h"

namespace da06::hub {

namespace {

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

struct ConnDeleter {
    void operator()(PGconn* c) const { PQfinish(c); }
};
using PgConn = std::unique_ptr<PGconn, ConnDeleter>;

std::string numbered(std::string_view sql)
{
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    bool inString = false;
    for (char c : sql) {
        if (c == '\'') {
            inString = !inString;
        }
        if (c == '?' && !inString) {
            out += "$" + std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

// A write transaction: on disk before its answer (synchronous_commit on), holding the advisory
// lock that serializes the writers of all hubs on one database.
constexpr const char* kBeginWrite = "BEGIN; SET LOCAL synchronous_commit TO on; SELECT pg_advisory_xact_lock(6060601)";

class PostgresConnection final : public SqlConnection {
public:
    explicit PostgresConnection(PgConn c) : m_c(std::move(c)) {}

    Dialect dialect() const override { return Dialect::Postgres; }

    Result<std::vector<SqlRow>> query(std::string_view sql, const std::vector<SqlParam>& params) override
    {
        DA06_TRY(r, run(sql, params));
        std::vector<SqlRow> rows;
        const int n = PQntuples(r->get());
        const int columns = PQnfields(r->get());
        rows.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            SqlRow row(static_cast<std::size_t>(columns));
            for (int j = 0; j < columns; ++j) {
                if (!PQgetisnull(r->get(), i, j)) {
                    row[static_cast<std::size_t>(j)] =
                        std::string(PQgetvalue(r->get(), i, j), static_cast<std::size_t>(PQgetlength(r->get(), i, j)));
                }
            }
            rows.push_back(std::move(row));
        }
        return rows;
    }

    Result<std::int64_t> execute(std::string_view sql, const std::vector<SqlParam>& params) override
    {
        DA06_TRY(r, run(sql, params));
        const char* tuples = PQcmdTuples(r->get());
        return tuples && *tuples ? std::stoll(tuples) : 0;
    }

    Status script(std::string_view sql) override
    {
        const std::string text(sql);
        PgResult r(PQexec(m_c.get(), text.c_str()));
        return check(r.get(), "a database script failed");
    }

    Status beginWrite() override
    {
        if (auto s = script(kBeginWrite); !s) {
            rollback();
            return s;
        }
        return {};
    }
    Status beginRead() override { return script("BEGIN ISOLATION LEVEL REPEATABLE READ"); }
    Status commit() override { return script("COMMIT"); }
    void rollback() override
    {
        if (PQtransactionStatus(m_c.get()) != PQTRANS_IDLE) {
            PgResult r(PQexec(m_c.get(), "ROLLBACK"));
        }
    }
    bool healthy() const override { return PQstatus(m_c.get()) == CONNECTION_OK; }

private:
    Status check(PGresult* r, std::string_view what)
    {
        const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
            return {};
        }
        std::string message = std::string(what) + ": " + PQerrorMessage(m_c.get());
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
            message.pop_back();
        }
        if (PQstatus(m_c.get()) != CONNECTION_OK) {
            return fail(ErrorCode::ServiceUnavailable, message);
        }
        const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
        if (state && (std::string_view(state).starts_with("08") || std::string_view(state).starts_with("57P") ||
                      std::string_view(state) == "40001" || std::string_view(state) == "40P01")) {
            return fail(ErrorCode::ServiceUnavailable, message);
        }
        return fail(ErrorCode::Internal, message);
    }

    Result<PgResult> run(std::string_view sql, const std::vector<SqlParam>& params)
    {
        const std::string text = numbered(sql);
        std::vector<std::string> values(params.size());
        std::vector<const char*> pointers(params.size(), nullptr);
        for (std::size_t i = 0; i < params.size(); ++i) {
            if (const auto* n = std::get_if<std::int64_t>(&params[i])) {
                values[i] = std::to_string(*n);
                pointers[i] = values[i].c_str();
            } else if (const auto* s = std::get_if<std::string>(&params[i])) {
                pointers[i] = s->c_str();
            }
        }
        PgResult r(PQexecParams(m_c.get(), text.c_str(), static_cast<int>(params.size()), nullptr, pointers.data(),
                                nullptr, nullptr, 0));
        DA06_CHECK(check(r.get(), "a database statement failed"));
        return r;
    }

    PgConn m_c;
};

class PostgresBackend final : public SqlBackend {
public:
    explicit PostgresBackend(std::string url) : m_url(std::move(url)) {}

    Result<std::unique_ptr<SqlConnection>> connect() override
    {
        PgConn c(PQconnectdb(m_url.c_str()));
        if (!c || PQstatus(c.get()) != CONNECTION_OK) {
            std::string message = c ? PQerrorMessage(c.get()) : "out of memory";
            while (!message.empty() && message.back() == '\n') {
                message.pop_back();
            }
            return fail(ErrorCode::ServiceUnavailable, "cannot connect to PostgreSQL: " + message);
        }
        // Single statements (nonces) do not wait for the disk; write transactions do (kBeginWrite).
        PgResult r(PQexec(c.get(), "SET client_min_messages = warning; SET client_encoding = 'UTF8'; "
                                   "SET synchronous_commit = off"));
        return std::unique_ptr<SqlConnection>(std::make_unique<PostgresConnection>(std::move(c)));
    }

    std::string describe() const override
    {
        // The URL may carry a password: name the database without it.
        const auto at = m_url.rfind('@');
        return "PostgreSQL " + (at == std::string::npos ? std::string("(local)") : m_url.substr(at + 1));
    }

private:
    std::string m_url;
};

} // namespace

std::unique_ptr<SqlBackend> makePostgresBackend(const std::string& url)
{
    return std::make_unique<PostgresBackend>(url);
}

} // namespace da06::hub
