#include "sync/protocol/Protocol.h"

#include <utility>

namespace da06::sync::protocol {

namespace {

std::string dumpWithProtocol(json::Value v)
{
    return v.dump();
}

json::Value object()
{
    json::Value o = json::Object{};
    o.set("protocol", kVersion);
    return o;
}

Error invalid(std::string_view path, std::string_view what)
{
    return Error{ErrorCode::InvalidInput, std::string(path) + ": " + std::string(what)};
}

std::string child(std::string_view path, std::string_view key)
{
    if (path.empty()) {
        return std::string(key);
    }
    return std::string(path) + "." + std::string(key);
}

// Typed field readers: each names the path of the field in its error.
class Reader {
public:
    Reader(const json::Value& v, std::string path) : m_v(v), m_path(std::move(path)) {}

    Result<const json::Value*> field(std::string_view key, json::Value::Type type, const char* typeText) const
    {
        const json::Value* f = m_v.find(key);
        if (!f) {
            return std::unexpected(invalid(child(m_path, key), "missing"));
        }
        const bool ok = type == json::Value::Type::Double ? f->isNumber() : f->type() == type;
        if (!ok) {
            return std::unexpected(invalid(child(m_path, key), std::string("must be ") + typeText + ", not " +
                                                                   json::Value::typeName(f->type())));
        }
        return f;
    }
    Result<std::string> text(std::string_view key, bool nonEmpty = false) const
    {
        DA06_TRY(f, field(key, json::Value::Type::String, "a text"));
        if (nonEmpty && (*f)->asString().empty()) {
            return std::unexpected(invalid(child(m_path, key), "must not be empty"));
        }
        return (*f)->asString();
    }
    Result<std::int64_t> integer(std::string_view key) const
    {
        DA06_TRY(f, field(key, json::Value::Type::Integer, "an integer"));
        return (*f)->asInteger();
    }
    Result<bool> boolean(std::string_view key) const
    {
        DA06_TRY(f, field(key, json::Value::Type::Bool, "true or false"));
        return (*f)->asBool();
    }
    Result<const json::Array*> array(std::string_view key) const
    {
        DA06_TRY(f, field(key, json::Value::Type::ArrayValue, "an array"));
        return &(*f)->asArray();
    }
    // An optional text: absent → empty; present → must be a text.
    Result<std::string> optText(std::string_view key) const
    {
        if (!m_v.find(key)) {
            return std::string();
        }
        return text(key);
    }
    const std::string& path() const { return m_path; }

private:
    const json::Value& m_v;
    std::string m_path;
};

Result<json::Value> parseBody(std::string_view body)
{
    auto v = json::parse(body);
    if (!v) {
        return fail(ErrorCode::InvalidInput, "malformed JSON: " + v.error().message);
    }
    if (!v->isObject()) {
        return fail(ErrorCode::InvalidInput,
                    std::string("malformed JSON: the body must be an object, not ") + json::Value::typeName(v->type()));
    }
    DA06_CHECK(checkProtocol(*v));
    return v;
}

std::string indexPath(std::string_view path, std::size_t i)
{
    return std::string(path) + "[" + std::to_string(i) + "]";
}

Result<std::vector<WireChange>> decodeChanges(const Reader& r, std::string_view key)
{
    DA06_TRY(arr, r.array(key));
    std::vector<WireChange> out;
    out.reserve((*arr)->size());
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
        DA06_TRY(c, decodeWireChange((**arr)[i], indexPath(child(r.path(), key), i)));
        out.push_back(std::move(*c));
    }
    return out;
}

bool isLowerHex(std::string_view s)
{
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

} // namespace

Status checkProtocol(const json::Value& v)
{
    const json::Value* p = v.find("protocol");
    if (!p) {
        return fail(ErrorCode::InvalidInput, "protocol: missing (this side speaks version 1)");
    }
    if (!p->isInteger()) {
        return fail(ErrorCode::InvalidInput,
                    std::string("protocol: must be an integer, not ") + json::Value::typeName(p->type()));
    }
    if (p->asInteger() != kVersion) {
        return fail(ErrorCode::InvalidInput,
                    "protocol: version " + std::to_string(p->asInteger()) + " is not supported (supported: 1)");
    }
    return {};
}

DecodeProblem classify(const Error& e)
{
    const std::string_view m = e.message;
    if (m.starts_with("malformed JSON")) {
        return DecodeProblem::MalformedJson;
    }
    if (m.starts_with("protocol: version")) {
        return DecodeProblem::UnsupportedProtocol;
    }
    return DecodeProblem::InvalidRequest;
}

json::Value wireChangeToJson(const WireChange& c)
{
    json::Value o = json::Object{};
    o.set("change_id", c.record.changeId);
    o.set("entity", c.record.entity);
    o.set("entity_id", c.record.entityId);
    o.set("op", work::changeOpName(c.record.op));
    json::Value fields = json::Object{};
    for (const auto& [k, v] : c.record.fields) {
        fields.set(k, v);
    }
    o.set("fields", std::move(fields));
    o.set("hlc", c.record.hlc.toString());
    o.set("device", c.record.device);
    o.set("user", c.record.user);
    o.set("unit", c.unit);
    return o;
}

Result<WireChange> decodeWireChange(const json::Value& v, std::string_view path)
{
    if (!v.isObject()) {
        return std::unexpected(
            invalid(path, std::string("a change must be an object, not ") + json::Value::typeName(v.type())));
    }
    const Reader r(v, std::string(path));
    WireChange c;
    DA06_TRY(changeId, r.text("change_id", true));
    if (changeId->size() != 32 || !isLowerHex(*changeId)) {
        return std::unexpected(invalid(child(path, "change_id"), "must be 32 lower-case hex digits"));
    }
    DA06_TRY(entity, r.text("entity", true));
    DA06_TRY(entityId, r.text("entity_id", true));
    DA06_TRY(op, r.text("op"));
    if (*op == "insert") {
        c.record.op = work::ChangeOp::Insert;
    } else if (*op == "update") {
        c.record.op = work::ChangeOp::Update;
    } else if (*op == "delete") {
        c.record.op = work::ChangeOp::Delete;
    } else {
        return std::unexpected(invalid(child(path, "op"), "must be insert, update or delete"));
    }
    DA06_TRY(fields, r.field("fields", json::Value::Type::ObjectValue, "an object"));
    DA06_TRY(hlcText, r.text("hlc"));
    auto hlc = work::HlcTimestamp::parse(*hlcText);
    if (!hlc) {
        return std::unexpected(invalid(child(path, "hlc"), "is not a hybrid logical clock timestamp"));
    }
    DA06_TRY(device, r.text("device", true));
    DA06_TRY(user, r.text("user"));
    DA06_TRY(unit, r.text("unit"));
    if (*entity != "plan" && unit->empty()) {
        return std::unexpected(invalid(child(path, "unit"), "must not be empty"));
    }
    c.record.changeId = std::move(*changeId);
    c.record.entity = std::move(*entity);
    c.record.entityId = std::move(*entityId);
    for (const auto& [k, fv] : (*fields)->asObject()) {
        c.record.fields.emplace_back(k, fv);
    }
    c.record.hlc = std::move(*hlc);
    c.record.device = std::move(*device);
    c.record.user = std::move(*user);
    c.record.syncState = "remote";
    c.unit = std::move(*unit);
    return c;
}

std::string encode(const EnrollRequest& m)
{
    json::Value o = object();
    o.set("code", m.code);
    o.set("device_name", m.deviceName);
    o.set("node", m.node);
    return dumpWithProtocol(std::move(o));
}

std::string encode(const EnrollResponse& m)
{
    json::Value o = object();
    o.set("device_id", m.deviceId);
    o.set("device_secret", m.deviceSecret);
    o.set("unit", m.unit);
    o.set("hub_id", m.hubId);
    o.set("server_time", static_cast<long long>(m.serverTime));
    return dumpWithProtocol(std::move(o));
}

std::string encode(const PushRequest& m)
{
    json::Value o = object();
    json::Value arr = json::Array{};
    for (const auto& c : m.changes) {
        arr.push(wireChangeToJson(c));
    }
    o.set("changes", std::move(arr));
    return dumpWithProtocol(std::move(o));
}

std::string encode(const PushResponse& m)
{
    json::Value o = object();
    json::Value arr = json::Array{};
    for (const auto& r : m.results) {
        json::Value e = json::Object{};
        e.set("change_id", r.changeId);
        e.set("status", r.status);
        if (!r.reason.empty()) {
            e.set("reason", r.reason);
        }
        if (!r.message.empty()) {
            e.set("message", r.message);
        }
        arr.push(std::move(e));
    }
    o.set("results", std::move(arr));
    o.set("server_time", static_cast<long long>(m.serverTime));
    return dumpWithProtocol(std::move(o));
}

std::string encode(const PullResponse& m)
{
    json::Value o = object();
    json::Value arr = json::Array{};
    for (const auto& c : m.changes) {
        arr.push(wireChangeToJson(c));
    }
    o.set("changes", std::move(arr));
    o.set("cursor", static_cast<long long>(m.cursor));
    o.set("more", m.more);
    o.set("server_time", static_cast<long long>(m.serverTime));
    return dumpWithProtocol(std::move(o));
}

std::string encode(const StatusResponse& m)
{
    json::Value o = object();
    o.set("device_id", m.deviceId);
    o.set("unit", m.unit);
    o.set("hub_id", m.hubId);
    o.set("revoked", m.revoked);
    o.set("server_time", static_cast<long long>(m.serverTime));
    o.set("changes", static_cast<long long>(m.changes));
    return dumpWithProtocol(std::move(o));
}

std::string encode(const ErrorBody& m)
{
    json::Value o = object();
    o.set("error", m.error);
    o.set("message", m.message);
    if (m.serverTime) {
        o.set("server_time", static_cast<long long>(*m.serverTime));
    }
    if (m.error == "unsupported_protocol") {
        json::Value s = json::Array{};
        s.push(kVersion);
        o.set("supported", std::move(s));
    }
    return dumpWithProtocol(std::move(o));
}

Result<EnrollRequest> decodeEnrollRequest(std::string_view body)
{
    DA06_TRY(v, parseBody(body));
    const Reader r(*v, "");
    EnrollRequest m;
    DA06_TRY(code, r.text("code", true));
    DA06_TRY(name, r.text("device_name"));
    DA06_TRY(node, r.text("node", true));
    m.code = std::move(*code);
    m.deviceName = std::move(*name);
    m.node = std::move(*node);
    return m;
}

Result<EnrollResponse> decodeEnrollResponse(std::string_view body)
{
    DA06_TRY(v, parseBody(body));
    const Reader r(*v, "");
    EnrollResponse m;
    DA06_TRY(id, r.text("device_id", true));
    DA06_TRY(secret, r.text("device_secret", true));
    DA06_TRY(unit, r.text("unit", true));
    DA06_TRY(hub, r.text("hub_id", true));
    DA06_TRY(t, r.integer("server_time"));
    m.deviceId = std::move(*id);
    m.deviceSecret = std::move(*secret);
    m.unit = std::move(*unit);
    m.hubId = std::move(*hub);
    m.serverTime = *t;
    return m;
}

Result<PushRequest> decodePushRequest(std::string_view body)
{
    DA06_TRY(v, parseBody(body));
    const Reader r(*v, "");
    PushRequest m;
    DA06_TRY(changes, decodeChanges(r, "changes"));
    if (changes->size() > kMaxPushChanges) {
        return fail(ErrorCode::InvalidInput, "changes: at most 500 changes per push");
    }
    m.changes = std::move(*changes);
    return m;
}

Result<PushResponse> decodePushResponse(std::string_view body)
{
    DA06_TRY(v, parseBody(body));
    const Reader r(*v, "");
    PushResponse m;
    DA06_TRY(arr, r.array("results"));
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
        const json::Value& e = (**arr)[i];
        const std::string path = indexPath("results", i);
        if (!e.isObject()) {
            return std::unexpected(invalid(path, "must be an object"));
        }
        const Reader er(e, path);
        PushResult pr;
        DA06_TRY(id, er.text("change_id")); // empty when the change had no id
        DA06_TRY(status, er.text("status"));
        if (*status != "acked" && *status != "rejected") {
            return std::unexpected(invalid(path + ".status", "must be acked or rejected"));
        }
        DA06_TRY(reason, er.optText("reason"));
        DA06_TRY(message, er.optText("message"));
        if (*status == "rejected" && reason->empty()) {
            return std::unexpected(invalid(path + ".reason", "missing (a rejected change needs a reason)"));
        }
        pr.changeId = std::move(*id);
        pr.status = std::move(*status);
        pr.reason = std::move(*reason);
        pr.message = std::move(*message);
        m.results.push_back(std::move(pr));
    }
    DA06_TRY(t, r.integer("server_time"));
    m.serverTime = *t;
    return m;
}

Result<PullResponse> decodePullResponse(std::string_view body)
{
    DA06_TRY(v, parseBody(body));
    const Reader r(*v, "");
    PullResponse m;
    DA06_TRY(changes, decodeChanges(r, "changes"));
    DA06_TRY(cursor, r.integer("cursor"));
    if (*cursor < 0) {
        return fail(ErrorCode::InvalidInput, "cursor: must not be negative");
    }
    DA06_TRY(more, r.boolean("more"));
    DA06_TRY(t, r.integer("server_time"));
    m.changes = std::move(*changes);
    m.cursor = *cursor;
    m.more = *more;
    m.serverTime = *t;
    return m;
}

Result<StatusResponse> decodeStatusResponse(std::string_view body)
{
    DA06_TRY(v, parseBody(body));
    const Reader r(*v, "");
    StatusResponse m;
    DA06_TRY(id, r.text("device_id", true));
    DA06_TRY(unit, r.text("unit", true));
    DA06_TRY(hub, r.text("hub_id", true));
    DA06_TRY(revoked, r.boolean("revoked"));
    DA06_TRY(t, r.integer("server_time"));
    DA06_TRY(changes, r.integer("changes"));
    m.deviceId = std::move(*id);
    m.unit = std::move(*unit);
    m.hubId = std::move(*hub);
    m.revoked = *revoked;
    m.serverTime = *t;
    m.changes = *changes;
    return m;
}

Result<ErrorBody> decodeErrorBody(std::string_view body)
{
    DA06_TRY(v, parseBody(body));
    const Reader r(*v, "");
    ErrorBody m;
    DA06_TRY(error, r.text("error", true));
    DA06_TRY(message, r.text("message"));
    m.error = std::move(*error);
    m.message = std::move(*message);
    if (v->find("server_time")) {
        DA06_TRY(t, r.integer("server_time"));
        m.serverTime = *t;
    }
    return m;
}

std::string canonicalRequest(std::string_view method, std::string_view pathWithQuery, std::int64_t timestamp,
                             std::string_view nonce, std::string_view bodySha256Hex)
{
    std::string s;
    s.reserve(method.size() + pathWithQuery.size() + nonce.size() + bodySha256Hex.size() + 24);
    s.append(method).append("\n");
    s.append(pathWithQuery).append("\n");
    s.append(std::to_string(timestamp)).append("\n");
    s.append(nonce).append("\n");
    s.append(bodySha256Hex);
    return s;
}

} // namespace da06::sync::protocol
