#include "sync/hub/HubStore.h"

#include <algorithm>
#include <functional>
#include <map>

#include "sync/protocol/Auth.h"
#include "sync/protocol/Merge.h"

namespace da06::hub {

namespace proto = da06::sync::protocol;
namespace auth = da06::sync::auth;

namespace {

constexpr int kSchemaVersion = 1;
constexpr const char* kCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

std::string schemaSql(Dialect d)
{
    const std::string seq =
        d == Dialect::Sqlite ? "seq INTEGER PRIMARY KEY AUTOINCREMENT" : "seq BIGSERIAL PRIMARY KEY";
    return "CREATE TABLE IF NOT EXISTS hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
           "CREATE TABLE IF NOT EXISTS hub_unit (code TEXT PRIMARY KEY, parent TEXT);"
           "CREATE TABLE IF NOT EXISTS enrollment_code (code_hash TEXT PRIMARY KEY, unit TEXT NOT NULL,"
           " created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT, device_id TEXT);"
           "CREATE TABLE IF NOT EXISTS device (id TEXT PRIMARY KEY, secret TEXT NOT NULL, unit TEXT NOT NULL,"
           " name TEXT NOT NULL, node TEXT NOT NULL, enrolled_at BIGINT NOT NULL, revoked_at BIGINT);"
           "CREATE TABLE IF NOT EXISTS nonce (device_id TEXT NOT NULL, nonce TEXT NOT NULL, seen_at BIGINT NOT NULL,"
           " PRIMARY KEY (device_id, nonce));"
           "CREATE INDEX IF NOT EXISTS nonce_seen ON nonce (seen_at);"
           "CREATE TABLE IF NOT EXISTS hub_change (" +
           seq +
           ", change_id TEXT NOT NULL UNIQUE, entity TEXT NOT NULL,"
           " entity_id TEXT NOT NULL, op TEXT NOT NULL, fields TEXT NOT NULL, hlc TEXT NOT NULL, device TEXT NOT NULL,"
           " author TEXT NOT NULL, unit TEXT NOT NULL, received_at BIGINT NOT NULL);"
           "CREATE INDEX IF NOT EXISTS hub_change_unit ON hub_change (unit, seq);"
           "CREATE TABLE IF NOT EXISTS entity_unit (entity TEXT NOT NULL, entity_id TEXT NOT NULL, unit TEXT NOT NULL,"
           " PRIMARY KEY (entity, entity_id));"
           "CREATE TABLE IF NOT EXISTS field_value (entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT NOT NULL,"
           " value TEXT NOT NULL, hlc TEXT NOT NULL, device TEXT NOT NULL, change_id TEXT NOT NULL,"
           " PRIMARY KEY (entity, entity_id, field));";
}

std::string quoteList(const std::set<std::string>& values)
{
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) {
            out += ",";
        }
        out += "'";
        for (char c : v) {
            if (c == '\'') {
                out += "''";
            } else if (c != '\0') {
                out += c;
            }
        }
        out += "'";
    }
    return out.empty() ? "''" : out;
}

std::string normalizeCode(std::string_view code)
{
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ') {
            continue;
        }
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return out;
}

// What a device may pull. The first term lets the database use the (unit, seq) index: the plan's
// changes have the unit "".
std::string visibleWhere(const Scope& s)
{
    std::set<std::string> any = s.down;
    any.insert(s.up.begin(), s.up.end());
    any.insert("");
    return "unit IN (" + quoteList(any) + ") AND (entity = 'plan' OR unit IN (" + quoteList(s.down) +
           ") OR (entity = 'unit' AND unit IN (" + quoteList(s.up) + ")))";
}

Device deviceFromRow(const SqlRow& r)
{
    Device d;
    d.id = r[0].value_or("");
    d.secretBase64 = r[1].value_or("");
    d.unit = r[2].value_or("");
    d.name = r[3].value_or("");
    d.node = r[4].value_or("");
    d.enrolledAt = toInt(r[5]);
    if (r[6]) {
        d.revokedAt = toInt(r[6]);
    }
    return d;
}

} // namespace

HubStore::HubStore(ConnectionPool& pool) : m_pool(pool)
{
}

std::unique_lock<std::mutex> HubStore::writeLock(SqlConnection& c)
{
    if (c.dialect() == Dialect::Sqlite) {
        return std::unique_lock<std::mutex>(m_writeMutex);
    }
    return {};
}

std::string HubStore::insertIgnore(SqlConnection& c, const std::string& rest) const
{
    if (c.dialect() == Dialect::Sqlite) {
        return "INSERT OR IGNORE INTO " + rest;
    }
    return "INSERT INTO " + rest + " ON CONFLICT DO NOTHING";
}

Status HubStore::migrate()
{
    DA06_TRY(c, m_pool.acquire());
    auto lock = writeLock(**c);
    SqlTransaction tx(**c);
    // The write lock also serializes hubs starting together on one PostgreSQL.
    DA06_CHECK(tx.beginWrite());
    DA06_CHECK((*c)->script(schemaSql((*c)->dialect())));
    DA06_TRY(version, (*c)->query("SELECT value FROM hub_meta WHERE key = 'schema_version'"));
    if (!version->empty() && toInt(version->front()[0]) > kSchemaVersion) {
        return fail(ErrorCode::StoreTooNew, "the hub's database was written by a newer da06-hub (schema " +
                                                version->front()[0].value_or("?") + ")");
    }
    DA06_CHECK((*c)->execute(insertIgnore(**c, "hub_meta (key, value) VALUES ('schema_version', ?)"),
                             {std::to_string(kSchemaVersion)}));
    DA06_CHECK((*c)->execute(insertIgnore(**c, "hub_meta (key, value) VALUES ('hub_id', ?)"), {auth::randomHex(16)}));
    DA06_TRY(id, (*c)->query("SELECT value FROM hub_meta WHERE key = 'hub_id'"));
    DA06_CHECK(tx.commit());
    m_hubId = id->empty() ? std::string() : id->front()[0].value_or("");
    return {};
}

Result<std::string> HubStore::hubId()
{
    if (m_hubId.empty()) {
        DA06_TRY(c, m_pool.acquire());
        DA06_TRY(id, (*c)->query("SELECT value FROM hub_meta WHERE key = 'hub_id'"));
        if (id->empty()) {
            return fail(ErrorCode::Internal, "the hub has no id: its schema was not created");
        }
        m_hubId = id->front()[0].value_or("");
    }
    return m_hubId;
}

Result<std::string> HubStore::createCode(const std::string& unit, int hours, std::int64_t now)
{
    if (unit.empty()) {
        return fail(ErrorCode::Usage, "an enrollment code needs a unit (--unit CODE)");
    }
    if (hours < 1 || hours > 24 * 365) {
        return fail(ErrorCode::Usage, "--hours must be between 1 and 8760");
    }
    const auto bytes = auth::randomBytes(12);
    std::string code;
    for (std::size_t i = 0; i < 12; ++i) {
        if (i == 4 || i == 8) {
            code += '-';
        }
        code += kCodeAlphabet[bytes[i] % 32]; // 256 is a multiple of 32: no bias
    }
    DA06_TRY(c, m_pool.acquire());
    auto lock = writeLock(**c);
    DA06_CHECK((*c)->execute(
        "INSERT INTO enrollment_code (code_hash, unit, created_at, expires_at) VALUES (?,?,?,?)",
        {auth::sha256Hex(normalizeCode(code)), unit, now, now + static_cast<std::int64_t>(hours) * 3600 * 1000}));
    return code;
}

Result<EnrollOutcome> HubStore::enroll(const protocol::EnrollRequest& request, std::int64_t now)
{
    DA06_TRY(hub, hubId());
    EnrollOutcome out;
    const std::string hash = auth::sha256Hex(normalizeCode(request.code));
    DA06_TRY(c, m_pool.acquire());
    auto lock = writeLock(**c);
    SqlTransaction tx(**c);
    DA06_CHECK(tx.beginWrite());
    DA06_TRY(rows, (*c)->query("SELECT unit, expires_at, used_at FROM enrollment_code WHERE code_hash = ?", {hash}));
    if (rows->empty()) {
        out.httpStatus = 401;
        out.error = "bad_credentials";
        out.message = "the enrollment code is not known to this hub";
        return out;
    }
    const SqlRow& r = rows->front();
    if (r[2]) {
        out.httpStatus = 410;
        out.error = "enrollment_code_used";
        out.message = "the enrollment code was used already: ask the hub admin for a new one";
        return out;
    }
    if (toInt(r[1]) < now) {
        out.httpStatus = 410;
        out.error = "enrollment_code_expired";
        out.message = "the enrollment code has expired: ask the hub admin for a new one";
        return out;
    }
    const std::string deviceId = "d-" + auth::randomHex(16);
    auto secret = auth::randomBytes(32);
    std::string secretB64 = auth::base64Encode(secret);
    auth::wipe(secret.data(), secret.size());
    DA06_TRY(used, (*c)->execute(
                       "UPDATE enrollment_code SET used_at = ?, device_id = ? WHERE code_hash = ? AND used_at IS NULL",
                       {now, deviceId, hash}));
    if (*used != 1) {
        out.httpStatus = 410;
        out.error = "enrollment_code_used";
        out.message = "the enrollment code was used already: ask the hub admin for a new one";
        return out;
    }
    DA06_CHECK((*c)->execute("INSERT INTO device (id, secret, unit, name, node, enrolled_at) VALUES (?,?,?,?,?,?)",
                             {deviceId, secretB64, r[0].value_or(""), request.deviceName, request.node, now}));
    DA06_CHECK(tx.commit());
    out.response.deviceId = deviceId;
    out.response.deviceSecret = std::move(secretB64);
    out.response.unit = r[0].value_or("");
    out.response.hubId = *hub;
    out.response.serverTime = now;
    return out;
}

Result<std::optional<Device>> HubStore::findDevice(const std::string& id)
{
    DA06_TRY(c, m_pool.acquire());
    DA06_TRY(rows, (*c)->query("SELECT id, secret, unit, name, node, enrolled_at, revoked_at FROM device WHERE id = ?",
                               {id}));
    if (rows->empty()) {
        return std::optional<Device>();
    }
    return std::optional<Device>(deviceFromRow(rows->front()));
}

Result<std::vector<Device>> HubStore::devices()
{
    DA06_TRY(c, m_pool.acquire());
    DA06_TRY(rows,
             (*c)->query(
                 "SELECT id, secret, unit, name, node, enrolled_at, revoked_at FROM device ORDER BY enrolled_at, id"));
    std::vector<Device> out;
    for (const auto& r : *rows) {
        out.push_back(deviceFromRow(r));
    }
    return out;
}

Result<bool> HubStore::revoke(const std::string& id, std::int64_t now)
{
    DA06_TRY(c, m_pool.acquire());
    auto lock = writeLock(**c);
    DA06_TRY(n, (*c)->execute("UPDATE device SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", {now, id}));
    if (*n == 0) {
        DA06_TRY(d, (*c)->query("SELECT id FROM device WHERE id = ?", {id}));
        return !d->empty();
    }
    return true;
}

Result<bool> HubStore::rememberNonce(const std::string& deviceId, const std::string& nonce, std::int64_t now)
{
    DA06_TRY(c, m_pool.acquire());
    auto lock = writeLock(**c);
    if ((m_nonceCalls.fetch_add(1) & 255u) == 0) {
        DA06_CHECK((*c)->execute("DELETE FROM nonce WHERE seen_at < ?", {now - proto::kNonceWindowMillis}));
    }
    DA06_TRY(n, (*c)->execute(insertIgnore(**c, "nonce (device_id, nonce, seen_at) VALUES (?,?,?)"),
                              {deviceId, nonce, now}));
    return *n == 1;
}

Result<Scope> HubStore::scopeOf(const std::string& unit)
{
    DA06_TRY(c, m_pool.acquire());
    return scopeOn(**c, unit);
}

Result<Scope> HubStore::scopeOn(SqlConnection& c, const std::string& unit)
{
    DA06_TRY(rows, c.query("SELECT code, parent FROM hub_unit"));
    std::map<std::string, std::string> parent;
    std::multimap<std::string, std::string> children;
    for (const auto& r : *rows) {
        if (r[0] && r[1]) {
            parent[*r[0]] = *r[1];
            children.emplace(*r[1], *r[0]);
        }
    }
    Scope s;
    s.parentOf = parent;
    std::vector<std::string> todo{unit};
    while (!todo.empty()) {
        std::string u = std::move(todo.back());
        todo.pop_back();
        if (!s.down.insert(u).second) {
            continue;
        }
        auto [b, e] = children.equal_range(u);
        for (auto it = b; it != e; ++it) {
            todo.push_back(it->second);
        }
    }
    std::string u = unit;
    while (s.up.insert(u).second) {
        auto it = parent.find(u);
        if (it == parent.end()) {
            break;
        }
        u = it->second;
    }
    return s;
}

namespace {

struct FieldKey {
    std::string entity, entityId, field;
    auto operator<=>(const FieldKey&) const = default;
};

struct FieldState {
    proto::FieldVersion version;
    std::string value; // JSON text
    std::string changeId;
    bool dirty = false;
    bool existed = false; // a row is in field_value already
};

std::string placeholders(std::size_t rows, std::size_t columns)
{
    std::string one = "(";
    for (std::size_t i = 0; i < columns; ++i) {
        one += i ? ",?" : "?";
    }
    one += ")";
    std::string out;
    for (std::size_t r = 0; r < rows; ++r) {
        out += r ? "," + one : one;
    }
    return out;
}

// PostgreSQL: runs `select` + "(?,…)" over the distinct entity ids of entities, 1000 ids a query,
// and hands onRow each row whose first two columns (entity, entity_id) are one of entities.
Status forEntityRows(SqlConnection& c, const std::string& select,
                     const std::set<std::pair<std::string, std::string>>& entities,
                     const std::function<void(const SqlRow&)>& onRow)
{
    std::vector<std::string> ids;
    for (const auto& e : entities) {
        ids.push_back(e.second);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    constexpr std::size_t kChunk = 1000;
    for (std::size_t from = 0; from < ids.size(); from += kChunk) {
        const std::size_t n = std::min(kChunk, ids.size() - from);
        std::vector<SqlParam> params(ids.begin() + static_cast<long>(from), ids.begin() + static_cast<long>(from + n));
        DA06_TRY(rows, c.query(select + placeholders(1, n), params));
        for (const auto& row : *rows) {
            if (entities.contains({row[0].value_or(""), row[1].value_or("")})) {
                onRow(row);
            }
        }
    }
    return {};
}

} // namespace

Result<HubStore::EntityUnits> HubStore::entityUnits(SqlConnection& c,
                                                    const std::set<std::pair<std::string, std::string>>& entities)
{
    std::map<std::pair<std::string, std::string>, std::string> out;
    if (c.dialect() == Dialect::Postgres) {
        DA06_CHECK(forEntityRows(
            c, "SELECT entity, entity_id, unit FROM entity_unit WHERE entity_id IN ", entities,
            [&](const SqlRow& row) { out[{row[0].value_or(""), row[1].value_or("")}] = row[2].value_or(""); }));
    } else {
        for (const auto& e : entities) {
            DA06_TRY(rows,
                     c.query("SELECT unit FROM entity_unit WHERE entity = ? AND entity_id = ?", {e.first, e.second}));
            if (!rows->empty()) {
                out[e] = rows->front()[0].value_or("");
            }
        }
    }
    return out;
}

Result<std::vector<bool>> HubStore::storeMany(SqlConnection& c, const std::vector<const protocol::WireChange*>& batch,
                                              std::int64_t now, const EntityUnits* knownOwners)
{
    std::vector<bool> fresh(batch.size(), false);
    const bool pg = c.dialect() == Dialect::Postgres;
    const std::string columns =
        "hub_change (change_id, entity, entity_id, op, fields, hlc, device, author, unit, received_at) VALUES ";
    auto rowParams = [&](const protocol::WireChange& w, std::vector<SqlParam>& out) {
        const auto& r = w.record;
        json::Value fields = json::Object{};
        for (const auto& [k, v] : r.fields) {
            fields.set(k, v);
        }
        out.insert(out.end(), {r.changeId, r.entity, r.entityId, std::string(work::changeOpName(r.op)), fields.dump(),
                               r.hlc.toString(), r.device, r.user, w.unit, now});
    };
    // 1. The changes, each id once (a duplicate is acked but not stored again).
    std::set<std::string> seen;
    if (pg) {
        constexpr std::size_t kChunk = 400;
        std::vector<std::size_t> order;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (seen.insert(batch[i]->record.changeId).second) {
                order.push_back(i);
            }
        }
        std::set<std::string> inserted;
        for (std::size_t from = 0; from < order.size(); from += kChunk) {
            const std::size_t n = std::min(kChunk, order.size() - from);
            std::vector<SqlParam> params;
            params.reserve(n * 10);
            for (std::size_t k = 0; k < n; ++k) {
                rowParams(*batch[order[from + k]], params);
            }
            DA06_TRY(rows, c.query("INSERT INTO " + columns + placeholders(n, 10) +
                                       " ON CONFLICT (change_id) DO NOTHING RETURNING change_id",
                                   params));
            for (const auto& row : *rows) {
                inserted.insert(row[0].value_or(""));
            }
        }
        for (std::size_t i : order) {
            fresh[i] = inserted.contains(batch[i]->record.changeId);
        }
    } else {
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (!seen.insert(batch[i]->record.changeId).second) {
                continue;
            }
            std::vector<SqlParam> params;
            rowParams(*batch[i], params);
            DA06_TRY(n, c.execute("INSERT OR IGNORE INTO " + columns + placeholders(1, 10), params));
            fresh[i] = *n == 1;
        }
    }
    // 2. The kept versions of the fields of the entities touched.
    std::set<std::pair<std::string, std::string>> entities;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (fresh[i]) {
            entities.emplace(batch[i]->record.entity, batch[i]->record.entityId);
        }
    }
    std::map<FieldKey, FieldState> state;
    auto addRow = [&](const SqlRow& row) {
        FieldState st;
        st.version.hlc = work::HlcTimestamp::parse(row[3].value_or("")).value_or(work::HlcTimestamp{});
        st.version.device = row[4].value_or("");
        st.existed = true;
        state[FieldKey{row[0].value_or(""), row[1].value_or(""), row[2].value_or("")}] = std::move(st);
    };
    if (pg) {
        DA06_CHECK(forEntityRows(c, "SELECT entity, entity_id, field, hlc, device FROM field_value WHERE entity_id IN ",
                                 entities, addRow));
    } else {
        for (const auto& [entity, id] : entities) {
            DA06_TRY(rows, c.query("SELECT entity, entity_id, field, hlc, device FROM field_value "
                                   "WHERE entity = ? AND entity_id = ?",
                                   {entity, id}));
            for (const auto& row : *rows) {
                addRow(row);
            }
        }
    }
    // 3. Merge in the batch's order.
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (!fresh[i]) {
            continue;
        }
        const auto& r = batch[i]->record;
        std::vector<std::pair<std::string, json::Value>> set = r.fields;
        if (r.op == work::ChangeOp::Delete) {
            set.emplace_back("_deleted", json::Value(true));
        }
        const proto::FieldVersion incoming{r.hlc, r.device};
        for (const auto& [field, value] : set) {
            FieldKey key{r.entity, r.entityId, field};
            auto it = state.find(key);
            if (it != state.end() && !proto::remoteWins(it->second.version, incoming)) {
                continue;
            }
            FieldState& st = state[key];
            st.version = incoming;
            st.value = value.dump();
            st.changeId = r.changeId;
            st.dirty = true;
        }
    }
    // 4. Write the values that changed.
    std::vector<const std::pair<const FieldKey, FieldState>*> dirty;
    for (const auto& entry : state) {
        if (entry.second.dirty) {
            dirty.push_back(&entry);
        }
    }
    auto valueParams = [](const std::pair<const FieldKey, FieldState>& e, std::vector<SqlParam>& out) {
        out.insert(out.end(), {e.first.entity, e.first.entityId, e.first.field, e.second.value,
                               e.second.version.hlc.toString(), e.second.version.device, e.second.changeId});
    };
    const std::string valueColumns = "field_value (entity, entity_id, field, value, hlc, device, change_id) VALUES ";
    if (pg) {
        constexpr std::size_t kChunk = 500;
        for (std::size_t from = 0; from < dirty.size(); from += kChunk) {
            const std::size_t n = std::min(kChunk, dirty.size() - from);
            std::vector<SqlParam> params;
            params.reserve(n * 7);
            for (std::size_t k = 0; k < n; ++k) {
                valueParams(*dirty[from + k], params);
            }
            DA06_CHECK(c.execute("INSERT INTO " + valueColumns + placeholders(n, 7) +
                                     " ON CONFLICT (entity, entity_id, field) DO UPDATE SET value = EXCLUDED.value,"
                                     " hlc = EXCLUDED.hlc, device = EXCLUDED.device, change_id = EXCLUDED.change_id",
                                 params));
        }
    } else {
        for (const auto* e : dirty) {
            if (e->second.existed) {
                DA06_CHECK(c.execute("UPDATE field_value SET value = ?, hlc = ?, device = ?, change_id = ? "
                                     "WHERE entity = ? AND entity_id = ? AND field = ?",
                                     {e->second.value, e->second.version.hlc.toString(), e->second.version.device,
                                      e->second.changeId, e->first.entity, e->first.entityId, e->first.field}));
            } else {
                std::vector<SqlParam> params;
                valueParams(*e, params);
                DA06_CHECK(c.execute("INSERT INTO " + valueColumns + placeholders(1, 7), params));
            }
        }
    }
    // 5. The unit each entity now belongs to (the last stored change names it).
    std::map<std::pair<std::string, std::string>, std::string> owners;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& r = batch[i]->record;
        if (fresh[i] && r.entity != "unit" && r.entity != "plan") {
            owners[{r.entity, r.entityId}] = batch[i]->unit;
        }
    }
    if (knownOwners) {
        std::erase_if(owners, [&](const auto& o) {
            auto it = knownOwners->find(o.first);
            return it != knownOwners->end() && it->second == o.second;
        });
    }
    if (pg) {
        constexpr std::size_t kChunk = 500;
        std::vector<const std::pair<const std::pair<std::string, std::string>, std::string>*> list;
        for (const auto& o : owners) {
            list.push_back(&o);
        }
        for (std::size_t from = 0; from < list.size(); from += kChunk) {
            const std::size_t n = std::min(kChunk, list.size() - from);
            std::vector<SqlParam> params;
            for (std::size_t k = 0; k < n; ++k) {
                params.insert(params.end(),
                              {list[from + k]->first.first, list[from + k]->first.second, list[from + k]->second});
            }
            DA06_CHECK(c.execute("INSERT INTO entity_unit (entity, entity_id, unit) VALUES " + placeholders(n, 3) +
                                     " ON CONFLICT (entity, entity_id) DO UPDATE SET unit = EXCLUDED.unit",
                                 params));
        }
    } else {
        for (const auto& [key, unit] : owners) {
            DA06_CHECK(c.execute("INSERT OR REPLACE INTO entity_unit (entity, entity_id, unit) VALUES (?,?,?)",
                                 {key.first, key.second, unit}));
        }
    }
    // 6. The units' tree.
    for (const auto& [entity, id] : entities) {
        if (entity != "unit") {
            continue;
        }
        DA06_CHECK(c.execute(insertIgnore(c, "hub_unit (code, parent) VALUES (?, NULL)"), {id}));
        auto it = state.find(FieldKey{"unit", id, "parent"});
        if (it != state.end() && it->second.dirty) {
            auto parent = json::parse(it->second.value);
            SqlParam p = parent && parent->isString() ? SqlParam(parent->asString()) : SqlParam(nullptr);
            DA06_CHECK(c.execute("UPDATE hub_unit SET parent = ? WHERE code = ?", {p, id}));
        }
    }
    return fresh;
}

Result<std::vector<protocol::PushResult>> HubStore::push(const Device* device, const std::vector<json::Value>& changes,
                                                         std::int64_t now)
{
    std::vector<protocol::WireChange> decoded(changes.size());
    std::vector<protocol::PushResult> results(changes.size());
    std::vector<bool> valid(changes.size(), false);
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const json::Value* id = changes[i].find("change_id");
        results[i].changeId = id && id->isString() ? id->asString() : std::string();
        auto w = proto::decodeWireChange(changes[i], "changes[" + std::to_string(i) + "]");
        if (!w) {
            results[i].status = "rejected";
            results[i].reason = "invalid";
            results[i].message = w.error().message;
            continue;
        }
        decoded[i] = std::move(*w);
        valid[i] = true;
    }
    DA06_TRY(c, m_pool.acquire());
    auto lock = writeLock(**c);
    SqlTransaction tx(**c);
    DA06_CHECK(tx.beginWrite());
    Scope scope;
    std::set<std::string> knownUnits;
    if (device) {
        DA06_TRY(s, scopeOn(**c, device->unit));
        scope = std::move(*s);
        DA06_TRY(all, (*c)->query("SELECT code FROM hub_unit"));
        for (const auto& r : *all) {
            knownUnits.insert(r[0].value_or(""));
        }
    }
    // The unit each entity of the batch was stored under: a device may change an entity only when
    // that unit is in its scope too (it cannot take over another unit's task by naming its own).
    std::map<std::pair<std::string, std::string>, std::string> entityUnit;
    if (device) {
        std::set<std::pair<std::string, std::string>> wanted;
        for (std::size_t i = 0; i < decoded.size(); ++i) {
            if (valid[i] && decoded[i].record.entity != "unit" && decoded[i].record.entity != "plan") {
                wanted.emplace(decoded[i].record.entity, decoded[i].record.entityId);
            }
        }
        DA06_TRY(units, entityUnits(**c, wanted));
        entityUnit = std::move(*units);
    }
    std::vector<const protocol::WireChange*> toStore;
    for (std::size_t i = 0; i < decoded.size(); ++i) {
        if (!valid[i]) {
            continue;
        }
        const auto& w = decoded[i];
        if (device) {
            std::string refusal;
            if (w.record.entity == "plan") {
                refusal = "only the hub writes the plan";
            } else if (w.record.device == proto::kHubDevice) {
                // The device "hub" wins every merge (Merge.h): only the hub's own changes carry it.
                refusal = "a change of a device cannot name the device \"hub\"";
            } else if (w.record.entity == "unit") {
                const json::Value* parent = nullptr;
                for (const auto& [k, v] : w.record.fields) {
                    if (k == "parent") {
                        parent = &v;
                    }
                }
                const bool inScope = scope.down.contains(w.record.entityId);
                const bool newBelow = !knownUnits.contains(w.record.entityId) && parent && parent->isString() &&
                                      scope.down.contains(parent->asString());
                const auto current = scope.parentOf.find(w.record.entityId);
                const bool parentMoves = parent && parent->isString() && !scope.down.contains(parent->asString()) &&
                                         (current == scope.parentOf.end() || current->second != parent->asString());
                if (!inScope && !newBelow) {
                    refusal = "the unit \"" + w.record.entityId + "\" is not the device's unit or below it";
                } else if (parentMoves) {
                    refusal = "a unit cannot be moved below \"" + parent->asString() +
                              "\", which is not the device's unit or below it";
                } else if (w.unit != w.record.entityId) {
                    refusal = "the unit of a unit change must be the unit itself";
                } else if (newBelow) {
                    scope.down.insert(w.record.entityId);
                    knownUnits.insert(w.record.entityId);
                }
            } else if (!scope.down.contains(w.unit)) {
                refusal = "the unit \"" + w.unit + "\" is not the device's unit or below it";
            } else if (auto owner = entityUnit.find({w.record.entity, w.record.entityId});
                       owner != entityUnit.end() && !scope.down.contains(owner->second)) {
                refusal = "the " + w.record.entity + " \"" + w.record.entityId + "\" belongs to the unit \"" +
                          owner->second + "\", which is not the device's unit or below it";
            }
            if (!refusal.empty()) {
                results[i].status = "rejected";
                results[i].reason = "not_authorized";
                results[i].message = refusal;
                continue;
            }
        }
        toStore.push_back(&w);
        results[i].status = "acked";
    }
    DA06_CHECK(storeMany(**c, toStore, now, device ? &entityUnit : nullptr));
    DA06_CHECK(tx.commit());
    return results;
}

Result<int> HubStore::adminChanges(const std::vector<AdminChange>& changes, std::int64_t now)
{
    DA06_TRY(c, m_pool.acquire());
    auto lock = writeLock(**c);
    SqlTransaction tx(**c);
    DA06_CHECK(tx.beginWrite());
    DA06_TRY(last, (*c)->query("SELECT value FROM hub_meta WHERE key = 'hub_hlc'"));
    work::HlcTimestamp clock{0, 0, proto::kHubDevice};
    if (!last->empty()) {
        clock = work::HlcTimestamp::parse(last->front()[0].value_or("")).value_or(clock);
    }
    std::vector<protocol::WireChange> made;
    made.reserve(changes.size());
    for (const auto& a : changes) {
        DA06_TRY(current, (*c)->query("SELECT field, value FROM field_value WHERE entity = ? AND entity_id = ?",
                                      {a.entity, a.entityId}));
        std::map<std::string, std::string> known;
        for (const auto& r : *current) {
            known[r[0].value_or("")] = r[1].value_or("");
        }
        protocol::WireChange w;
        w.record.op = current->empty() ? work::ChangeOp::Insert : a.op;
        for (const auto& [k, v] : a.fields) {
            auto it = known.find(k);
            if (it == known.end() || it->second != v.dump()) {
                w.record.fields.emplace_back(k, v);
            }
        }
        if (w.record.fields.empty()) {
            continue;
        }
        clock = work::hlcTick(clock, now);
        clock.node = proto::kHubDevice;
        w.record.changeId = auth::randomHex(16);
        w.record.entity = a.entity;
        w.record.entityId = a.entityId;
        w.record.hlc = clock;
        w.record.device = proto::kHubDevice;
        w.record.user = "hub-admin";
        w.unit = a.unit;
        made.push_back(std::move(w));
    }
    std::vector<const protocol::WireChange*> pointers;
    for (const auto& w : made) {
        pointers.push_back(&w);
    }
    DA06_CHECK(storeMany(**c, pointers, now, nullptr));
    const int stored = static_cast<int>(made.size());
    if (last->empty()) {
        DA06_CHECK((*c)->execute("INSERT INTO hub_meta (key, value) VALUES ('hub_hlc', ?)", {clock.toString()}));
    } else {
        DA06_CHECK((*c)->execute("UPDATE hub_meta SET value = ? WHERE key = 'hub_hlc'", {clock.toString()}));
    }
    DA06_CHECK(tx.commit());
    return stored;
}

Status HubStore::addPlanUnits(const std::vector<std::pair<std::string, std::optional<std::string>>>& units)
{
    DA06_TRY(c, m_pool.acquire());
    auto lock = writeLock(**c);
    SqlTransaction tx(**c);
    DA06_CHECK(tx.beginWrite());
    for (const auto& [code, parent] : units) {
        DA06_CHECK((*c)->execute(insertIgnore(**c, "hub_unit (code, parent) VALUES (?, NULL)"), {code}));
        if (parent) {
            DA06_CHECK(
                (*c)->execute("UPDATE hub_unit SET parent = ? WHERE code = ? AND parent IS NULL", {*parent, code}));
        }
    }
    return tx.commit();
}

Result<protocol::PullResponse> HubStore::pull(const Device& device, std::int64_t cursor, int limit, std::int64_t now)
{
    DA06_TRY(c, m_pool.acquire());
    DA06_TRY(scope, scopeOn(**c, device.unit));
    DA06_TRY(rows, (*c)->query("SELECT seq, change_id, entity, entity_id, op, fields, hlc, device, author, unit "
                               "FROM hub_change WHERE seq > ? AND " +
                                   visibleWhere(*scope) + " ORDER BY seq LIMIT ?",
                               {cursor, static_cast<std::int64_t>(limit) + 1}));
    protocol::PullResponse out;
    out.serverTime = now;
    out.cursor = cursor;
    out.more = rows->size() > static_cast<std::size_t>(limit);
    if (out.more) {
        rows->resize(static_cast<std::size_t>(limit));
    }
    out.changes.reserve(rows->size());
    for (const auto& r : *rows) {
        protocol::WireChange w;
        w.record.changeId = r[1].value_or("");
        w.record.entity = r[2].value_or("");
        w.record.entityId = r[3].value_or("");
        const std::string op = r[4].value_or("update");
        w.record.op = op == "insert" ? work::ChangeOp::Insert
                                     : (op == "delete" ? work::ChangeOp::Delete : work::ChangeOp::Update);
        auto fields = json::parse(r[5].value_or("{}"));
        if (!fields || !fields->isObject()) {
            return fail(ErrorCode::StoreDamaged, "the stored change " + w.record.changeId + " has damaged fields");
        }
        for (const auto& [k, v] : fields->asObject()) {
            w.record.fields.emplace_back(k, v);
        }
        w.record.hlc = work::HlcTimestamp::parse(r[6].value_or("")).value_or(work::HlcTimestamp{});
        w.record.device = r[7].value_or("");
        w.record.user = r[8].value_or("");
        w.record.syncState = "remote";
        w.unit = r[9].value_or("");
        out.cursor = toInt(r[0]);
        out.changes.push_back(std::move(w));
    }
    return out;
}

Result<std::int64_t> HubStore::visibleCount(const Device& device)
{
    DA06_TRY(c, m_pool.acquire());
    DA06_TRY(scope, scopeOn(**c, device.unit));
    DA06_TRY(rows, (*c)->query("SELECT count(*) FROM hub_change WHERE " + visibleWhere(*scope)));
    return rows->empty() ? 0 : toInt(rows->front()[0]);
}

Result<json::Value> HubStore::state()
{
    DA06_TRY(c, m_pool.acquire());
    DA06_TRY(rows,
             (*c)->query("SELECT entity, entity_id, field, value FROM field_value ORDER BY entity, entity_id, field"));
    json::Value out = json::Object{};
    json::Value entityObject, itemObject;
    std::string currentEntity, currentId;
    for (const auto& r : *rows) {
        const std::string entity = r[0].value_or(""), id = r[1].value_or(""), field = r[2].value_or("");
        auto value = json::parse(r[3].value_or("null"));
        if (!value) {
            return fail(ErrorCode::StoreDamaged,
                        "the merged value of " + entity + " " + id + " " + field + " is damaged");
        }
        // Rows come sorted: a Value copy shares its object, so the handles below write into out.
        if (entity != currentEntity || !entityObject.isObject()) {
            entityObject = out.set(entity, json::Object{});
            currentEntity = entity;
            currentId.clear();
            itemObject = json::Value();
        }
        if (id != currentId || !itemObject.isObject()) {
            itemObject = entityObject.set(id, json::Object{});
            currentId = id;
        }
        itemObject.set(field, std::move(*value));
    }
    return out;
}

Result<std::int64_t> HubStore::changeCount()
{
    DA06_TRY(c, m_pool.acquire());
    DA06_TRY(rows, (*c)->query("SELECT count(*) FROM hub_change"));
    return rows->empty() ? 0 : toInt(rows->front()[0]);
}

} // namespace da06::hub
