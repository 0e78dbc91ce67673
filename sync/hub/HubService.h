#pragma once
// The endpoints of sync/PROTOCOL.md, independent of the HTTP server: a request in, an answer out.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>

#include "sync/hub/HubStore.h"

namespace da06::hub {

struct HubRequest {
    std::string method;
    std::string uri;                            // path with query, as sent (it is signed)
    std::map<std::string, std::string> headers; // names in lower case
    std::string body;
};

struct HubReply {
    int status = 200;
    std::string body;
    std::string deviceId; // for the log line
    std::string allow;    // for 405
};

// An error answer of PROTOCOL.md ("Errors").
HubReply errorReply(int status, std::string error, std::string message, std::optional<std::int64_t> serverTime = {});

class HubService {
public:
    using ClockFn = std::function<std::int64_t()>;
    explicit HubService(HubStore& store, ClockFn clock);

    // Which method a known path takes (empty: unknown path).
    static std::string methodOf(std::string_view path);

    HubReply handle(const HubRequest& request);

private:
    HubReply enroll(const HubRequest& r, std::int64_t now);
    HubReply push(const HubRequest& r, const Device& d, std::int64_t now);
    HubReply pull(const HubRequest& r, const Device& d, std::int64_t now);
    HubReply status(const Device& d, std::int64_t now);
    // The device of an authenticated request, or the refusal.
    std::variant<Device, HubReply> authenticate(const HubRequest& r, std::int64_t now);
    HubReply storageFailure(const Error& e, std::int64_t now);

    HubStore& m_store;
    ClockFn m_clock;
};

} // namespace da06::hub
