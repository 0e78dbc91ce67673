// Fuzz target hub_request: the hub's own handling of an HTTP request, HubService::handle (the path
// and its method, Content-Type, the body size, the four authentication headers — device,
// timestamp, nonce, HMAC signature —, the query string of /v1/pull, the JSON bodies of enroll and
// push, the replay and clock checks). Poco parses the raw HTTP in the real server; this target
// starts where our code does (HubServer's handler lower-cases the header names and hands
// method, URI, headers and body to HubService::handle).
//
// Input: the request as text, one line "METHOD URI", header lines "Name: value", an empty line,
// then the body. So that inputs get past authentication, four header values are replaced: device
// DEVICE → the enrolled device's id, timestamp NOW → the hub's clock, nonce FRESH → a nonce not
// seen yet, signature SIGN → the right HMAC of the request (any other value is used as it is).
// Every answer must be one the desk decodes: an error body for a refusal, the message of the
// endpoint for a success.
#include <cstdint>
#include <cstdio>
#include <string>

#include "sync/hub/HubService.h"
#include "sync/protocol/Protocol.h"
#include "tests/fuzz/data/FuzzHub.h"

using namespace da06;
namespace proto = da06::sync::protocol;
namespace auth = da06::sync::auth;
using da06::fuzz::data::FuzzHub;
using da06::fuzz::data::require;

namespace {

std::string lower(std::string s)
{
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

hub::HubRequest requestOf(std::string_view in)
{
    hub::HubRequest r;
    auto nextLine = [&in]() {
        const auto end = in.find('\n');
        std::string_view line = in.substr(0, end);
        in = end == std::string_view::npos ? std::string_view() : in.substr(end + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        return line;
    };
    const std::string_view first = nextLine();
    const auto space = first.find(' ');
    r.method = std::string(first.substr(0, space));
    r.uri = space == std::string_view::npos ? std::string() : std::string(first.substr(space + 1));
    while (!in.empty()) {
        const std::string_view line = nextLine();
        if (line.empty()) {
            break;
        }
        const auto colon = line.find(':');
        std::string_view value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
            value.remove_prefix(1);
        }
        r.headers[lower(std::string(line.substr(0, colon)))] = std::string(value);
    }
    r.body = std::string(in);
    return r;
}

void authenticate(hub::HubRequest& r, FuzzHub& hub)
{
    static std::uint64_t nonces = 0;
    auto it = r.headers.find("x-da06-device");
    if (it != r.headers.end() && it->second == "DEVICE") {
        it->second = hub.device().id;
    }
    it = r.headers.find("x-da06-timestamp");
    if (it != r.headers.end() && it->second == "NOW") {
        it->second = std::to_string(FuzzHub::kNow);
    }
    it = r.headers.find("x-da06-nonce");
    if (it != r.headers.end() && it->second == "FRESH") {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%032llx", static_cast<unsigned long long>(++nonces));
        it->second = buf;
    }
    it = r.headers.find("x-da06-signature");
    if (it != r.headers.end() && it->second == "SIGN") {
        const auto ts = r.headers.find("x-da06-timestamp");
        const auto nonce = r.headers.find("x-da06-nonce");
        std::int64_t timestamp = 0;
        if (ts != r.headers.end()) {
            try {
                timestamp = std::stoll(ts->second);
            } catch (const std::exception&) {
                timestamp = 0;
            }
        }
        it->second =
            auth::hmacSha256Hex(hub.secret(), proto::canonicalRequest(r.method, r.uri, timestamp,
                                                                      nonce == r.headers.end() ? "" : nonce->second,
                                                                      auth::sha256Hex(r.body)));
    }
}

bool known(int status)
{
    for (int s : {200, 400, 401, 403, 404, 405, 410, 413, 415, 500, 503}) {
        if (s == status) {
            return true;
        }
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzHub& hub = FuzzHub::instance();
    static hub::HubService service(hub.store(), [] { return FuzzHub::kNow; });
    hub::HubRequest request = requestOf(da06::fuzz::data::textOf(data, size));
    authenticate(request, hub);
    const hub::HubReply reply = service.handle(request);
    require(known(reply.status));
    require(reply.status != 500 && reply.status != 503); // the database never fails here
    require((reply.status == 405) == !reply.allow.empty());
    const std::string path = request.uri.substr(0, request.uri.find('?'));
    if (reply.status != 200) {
        auto e = proto::decodeErrorBody(reply.body);
        require(e.has_value() && !e->error.empty());
    } else if (path == proto::kPathPush) {
        require(proto::decodePushResponse(reply.body).has_value());
    } else if (path == proto::kPathPull) {
        require(proto::decodePullResponse(reply.body).has_value());
    } else if (path == proto::kPathStatus) {
        require(proto::decodeStatusResponse(reply.body).has_value());
    } else if (path == proto::kPathEnroll) {
        require(proto::decodeEnrollResponse(reply.body).has_value());
    } else {
        auto v = json::parse(reply.body);
        require(v.has_value() && proto::checkProtocol(*v).has_value());
    }
    hub.reset();
    return 0;
}
