#include "sync/hub/HubService.h"

#include <charconv>
#include <iostream>

#include "sync/protocol/Auth.h"

namespace da06::hub {

namespace proto = da06::sync::protocol;
namespace auth = da06::sync::auth;

namespace {

std::string header(const HubRequest& r, const std::string& lowerName)
{
    auto it = r.headers.find(lowerName);
    return it == r.headers.end() ? std::string() : it->second;
}

std::string lower(std::string s)
{
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

std::optional<std::int64_t> parseInt(std::string_view s)
{
    if (s.empty() || s.size() > 19) {
        return std::nullopt;
    }
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) {
        return std::nullopt;
    }
    return v;
}

bool isHex(std::string_view s)
{
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

std::string pathOf(std::string_view uri)
{
    return std::string(uri.substr(0, uri.find('?')));
}

// name → value of a query string (no percent-decoding: the protocol's values are digits).
std::map<std::string, std::string> queryOf(std::string_view uri)
{
    std::map<std::string, std::string> out;
    const auto q = uri.find('?');
    if (q == std::string_view::npos) {
        return out;
    }
    std::string_view rest = uri.substr(q + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        std::string_view item = rest.substr(0, amp);
        const auto eq = item.find('=');
        out[std::string(item.substr(0, eq))] = eq == std::string_view::npos ? "" : std::string(item.substr(eq + 1));
        if (amp == std::string_view::npos) {
            break;
        }
        rest = rest.substr(amp + 1);
    }
    return out;
}

// Parses a request body: the JSON, then its protocol version (the refusals of PROTOCOL.md).
std::variant<json::Value, HubReply> parseRequestBody(const std::string& body)
{
    auto v = json::parse(body);
    if (!v) {
        return errorReply(400, "malformed_json", "the body is not valid JSON: " + v.error().message);
    }
    if (!v->isObject()) {
        return errorReply(400, "malformed_json", "the body must be a JSON object");
    }
    if (auto s = proto::checkProtocol(*v); !s) {
        if (proto::classify(s.error()) == proto::DecodeProblem::UnsupportedProtocol) {
            return errorReply(400, "unsupported_protocol", s.error().message);
        }
        return errorReply(400, "invalid_request", s.error().message);
    }
    return std::move(*v);
}

} // namespace

// Keeps a message valid UTF-8 (a parse error may quote the offending byte): the well-formed
// sequences of Unicode's table 3-7 only (no overlong form, no surrogate, nothing above U+10FFFF),
// as the desk's JSON parser reads them; any other byte, and a control character, becomes '?'.
std::string validUtf8(const std::string& s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF; // the range of the second byte
        if (c >= 0x20 && c < 0x80) {
            len = 1;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            lo = c == 0xE0 ? 0xA0 : lo;
            hi = c == 0xED ? 0x9F : hi;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            lo = c == 0xF0 ? 0x90 : lo;
            hi = c == 0xF4 ? 0x8F : hi;
        }
        bool ok = len > 0 && i + len <= s.size();
        for (std::size_t k = 1; ok && k < len; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            ok = k == 1 ? (b >= lo && b <= hi) : (b & 0xC0) == 0x80;
        }
        if (ok) {
            out.append(s, i, len);
            i += len;
        } else {
            out += '?';
            ++i;
        }
    }
    return out;
}

HubReply errorReply(int status, std::string error, std::string message, std::optional<std::int64_t> serverTime)
{
    message = validUtf8(message);
    HubReply r;
    r.status = status;
    r.body = proto::encode(proto::ErrorBody{status, std::move(error), std::move(message), serverTime});
    return r;
}

HubService::HubService(HubStore& store, ClockFn clock) : m_store(store), m_clock(std::move(clock))
{
}

std::string HubService::methodOf(std::string_view path)
{
    if (path == proto::kPathEnroll || path == proto::kPathPush) {
        return "POST";
    }
    if (path == proto::kPathPull || path == proto::kPathStatus || path == proto::kPathHealth) {
        return "GET";
    }
    return {};
}

HubReply HubService::storageFailure(const Error& e, std::int64_t now)
{
    std::cerr << "da06-hub: database failure: " << e.message << std::endl;
    if (e.code == ErrorCode::ServiceUnavailable) {
        return errorReply(503, "unavailable", "the hub's database is unavailable: retry later", now);
    }
    return errorReply(500, "internal", "the hub failed; nothing was stored", now);
}

HubReply HubService::handle(const HubRequest& r)
{
    const std::int64_t now = m_clock();
    const std::string path = pathOf(r.uri);
    const std::string method = methodOf(path);
    if (method.empty()) {
        return errorReply(404, "not_found", "no such path: " + path);
    }
    if (r.method != method) {
        HubReply reply = errorReply(405, "method_not_allowed", path + " takes " + method);
        reply.allow = method;
        return reply;
    }
    if (method == "POST") {
        const std::string type = lower(header(r, "content-type"));
        const std::string base = type.substr(0, type.find(';'));
        std::string trimmed = base;
        while (!trimmed.empty() && trimmed.back() == ' ') {
            trimmed.pop_back();
        }
        if (trimmed != proto::kContentType) {
            return errorReply(415, "unsupported_media_type", "the body must be application/json");
        }
        if (r.body.size() > proto::kMaxBodyBytes) {
            return errorReply(413, "body_too_large", "the body is larger than 8 MiB");
        }
    }
    if (path == proto::kPathHealth) {
        HubReply reply;
        reply.body = "{\"protocol\":1,\"status\":\"ok\"}";
        return reply;
    }
    if (path == proto::kPathEnroll) {
        return enroll(r, now);
    }
    auto a = authenticate(r, now);
    if (auto* refusal = std::get_if<HubReply>(&a)) {
        return std::move(*refusal);
    }
    const Device& d = std::get<Device>(a);
    HubReply reply;
    if (path == proto::kPathPush) {
        reply = push(r, d, now);
    } else if (path == proto::kPathPull) {
        reply = pull(r, d, now);
    } else {
        reply = status(d, now);
    }
    reply.deviceId = d.id;
    return reply;
}

std::variant<Device, HubReply> HubService::authenticate(const HubRequest& r, std::int64_t now)
{
    const std::string deviceId = header(r, lower(proto::kHeaderDevice));
    const std::string timestamp = header(r, lower(proto::kHeaderTimestamp));
    const std::string nonce = header(r, lower(proto::kHeaderNonce));
    const std::string signature = header(r, lower(proto::kHeaderSignature));
    if (deviceId.empty() || timestamp.empty() || nonce.empty() || signature.empty()) {
        return errorReply(
            401, "no_credentials",
            "the request needs the headers X-DA06-Device, X-DA06-Timestamp, X-DA06-Nonce and X-DA06-Signature");
    }
    const auto ts = parseInt(timestamp);
    if (!ts || nonce.size() != 32 || !isHex(nonce) || signature.size() != 64) {
        HubReply reply = errorReply(401, "bad_credentials", "the authentication headers are malformed");
        reply.deviceId = deviceId.size() <= 64 ? deviceId : std::string();
        return reply;
    }
    auto found = m_store.findDevice(deviceId);
    if (!found) {
        return storageFailure(found.error(), now);
    }
    if (!*found) {
        return errorReply(401, "bad_credentials", "unknown device or wrong signature");
    }
    Device d = std::move(**found);
    auto secret = auth::base64Decode(d.secretBase64);
    auth::wipe(d.secretBase64.data(), d.secretBase64.size());
    d.secretBase64.clear();
    if (!secret) {
        return storageFailure(Error{ErrorCode::StoreDamaged, "the secret of device " + d.id + " is damaged"}, now);
    }
    const std::string expected =
        auth::hmacSha256Hex(*secret, proto::canonicalRequest(r.method, r.uri, *ts, nonce, auth::sha256Hex(r.body)));
    auth::wipe(secret->data(), secret->size());
    if (!auth::constantTimeEquals(expected, lower(signature))) {
        HubReply reply = errorReply(401, "bad_credentials", "unknown device or wrong signature");
        reply.deviceId = d.id;
        return reply;
    }
    if (d.revokedAt) {
        HubReply reply = errorReply(403, "device_revoked", "this device was revoked by the hub admin: enroll it again");
        reply.deviceId = d.id;
        return reply;
    }
    if (*ts < now - proto::kMaxClockSkewMillis || *ts > now + proto::kMaxClockSkewMillis) {
        HubReply reply =
            errorReply(401, "clock_skew", "the request's timestamp is more than 300 s from the hub's clock", now);
        reply.deviceId = d.id;
        return reply;
    }
    auto fresh = m_store.rememberNonce(d.id, lower(nonce), now);
    if (!fresh) {
        return storageFailure(fresh.error(), now);
    }
    if (!*fresh) {
        HubReply reply = errorReply(401, "replayed", "this request was seen already (its nonce was used)");
        reply.deviceId = d.id;
        return reply;
    }
    return d;
}

HubReply HubService::enroll(const HubRequest& r, std::int64_t now)
{
    auto parsed = parseRequestBody(r.body);
    if (auto* refusal = std::get_if<HubReply>(&parsed)) {
        return std::move(*refusal);
    }
    auto request = proto::decodeEnrollRequest(r.body);
    if (!request) {
        return errorReply(400, "invalid_request", request.error().message);
    }
    auto outcome = m_store.enroll(*request, now);
    if (!outcome) {
        return storageFailure(outcome.error(), now);
    }
    if (!outcome->error.empty()) {
        return errorReply(outcome->httpStatus, outcome->error, outcome->message);
    }
    HubReply reply;
    reply.body = proto::encode(outcome->response);
    reply.deviceId = outcome->response.deviceId;
    // The secret leaves only in this answer.
    auth::wipe(outcome->response.deviceSecret.data(), outcome->response.deviceSecret.size());
    return reply;
}

HubReply HubService::push(const HubRequest& r, const Device& d, std::int64_t now)
{
    auto parsed = parseRequestBody(r.body);
    if (auto* refusal = std::get_if<HubReply>(&parsed)) {
        return std::move(*refusal);
    }
    const json::Value& v = std::get<json::Value>(parsed);
    const json::Value* changes = v.find("changes");
    if (!changes) {
        return errorReply(400, "invalid_request", "changes: missing");
    }
    if (!changes->isArray()) {
        return errorReply(400, "invalid_request",
                          std::string("changes: must be an array, not ") + json::Value::typeName(changes->type()));
    }
    if (changes->asArray().size() > proto::kMaxPushChanges) {
        return errorReply(400, "invalid_request", "changes: at most 500 changes per push");
    }
    auto results = m_store.push(&d, changes->asArray(), now);
    if (!results) {
        return storageFailure(results.error(), now);
    }
    HubReply reply;
    reply.body = proto::encode(proto::PushResponse{std::move(*results), now});
    return reply;
}

HubReply HubService::pull(const HubRequest& r, const Device& d, std::int64_t now)
{
    const auto query = queryOf(r.uri);
    std::int64_t cursor = 0;
    std::int64_t limit = proto::kDefaultPullLimit;
    if (auto it = query.find("cursor"); it != query.end()) {
        auto c = parseInt(it->second);
        if (!c || *c < 0) {
            return errorReply(400, "invalid_request", "cursor: must be a whole number from 0");
        }
        cursor = *c;
    }
    if (auto it = query.find("limit"); it != query.end()) {
        auto l = parseInt(it->second);
        if (!l || *l < 1 || *l > proto::kMaxPullLimit) {
            return errorReply(400, "invalid_request", "limit: must be a whole number from 1 to 5000");
        }
        limit = *l;
    }
    auto page = m_store.pull(d, cursor, static_cast<int>(limit), now);
    if (!page) {
        return storageFailure(page.error(), now);
    }
    HubReply reply;
    reply.body = proto::encode(*page);
    return reply;
}

HubReply HubService::status(const Device& d, std::int64_t now)
{
    auto count = m_store.visibleCount(d);
    if (!count) {
        return storageFailure(count.error(), now);
    }
    auto hub = m_store.hubId();
    if (!hub) {
        return storageFailure(hub.error(), now);
    }
    HubReply reply;
    reply.body = proto::encode(proto::StatusResponse{d.id, d.unit, *hub, d.revokedAt.has_value(), now, *count});
    return reply;
}

} // namespace da06::hub
