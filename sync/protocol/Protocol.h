#pragma once
// The messages of the sync protocol, version 1 (sync/PROTOCOL.md), and their JSON codec.
// Shared by the desk (sync/client) and the hub (sync/hub). Standard library + da06::core JSON +
// da06::work_rules change records only, so that it cross-compiles with mingw-w64.
//
// Every decodeX() checks "protocol", every field and its type, and fails with
// ErrorCode::InvalidInput and a message that starts with the JSON path of the offending value
// ("changes[3].hlc: …"). A body that is not JSON fails with a message starting "malformed JSON";
// a wrong or missing protocol version with a message starting "protocol: ".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/Error.h"
#include "domain/core/Json.h"
#include "domain/work/ChangeRecord.h"

namespace da06::sync::protocol {

inline constexpr int kVersion = 1;

inline constexpr const char* kHeaderDevice = "X-DA06-Device";
inline constexpr const char* kHeaderTimestamp = "X-DA06-Timestamp";
inline constexpr const char* kHeaderNonce = "X-DA06-Nonce";
inline constexpr const char* kHeaderSignature = "X-DA06-Signature";

inline constexpr const char* kContentType = "application/json";
inline constexpr std::size_t kMaxBodyBytes = 8u * 1024u * 1024u; // 8 MiB
inline constexpr std::size_t kMaxPushChanges = 500;
inline constexpr int kDefaultPullLimit = 1000;
inline constexpr int kMaxPullLimit = 5000;
inline constexpr std::int64_t kMaxClockSkewMillis = 300'000; // ±300 s
inline constexpr std::int64_t kNonceWindowMillis = 600'000;  // nonces remembered 600 s
inline constexpr const char* kHubDevice = "hub";             // the device of the hub admin's changes

// Paths.
inline constexpr const char* kPathEnroll = "/v1/enroll";
inline constexpr const char* kPathPush = "/v1/push";
inline constexpr const char* kPathPull = "/v1/pull";
inline constexpr const char* kPathStatus = "/v1/status";
inline constexpr const char* kPathHealth = "/v1/health";

// A change record on the wire: the record plus the code of the unit its entity belongs to.
struct WireChange {
    work::ChangeRecord record;
    std::string unit;
};

struct EnrollRequest {
    std::string code, deviceName, node;
};
struct EnrollResponse {
    std::string deviceId, deviceSecret /*base64*/, unit, hubId;
    std::int64_t serverTime = 0;
};
struct PushRequest {
    std::vector<WireChange> changes;
};
struct PushResult {
    std::string changeId, status /*acked|rejected*/, reason, message;
};
struct PushResponse {
    std::vector<PushResult> results;
    std::int64_t serverTime = 0;
};
struct PullResponse {
    std::vector<WireChange> changes;
    std::int64_t cursor = 0;
    bool more = false;
    std::int64_t serverTime = 0;
};
struct StatusResponse {
    std::string deviceId, unit, hubId;
    bool revoked = false;
    std::int64_t serverTime = 0, changes = 0;
};
// A refusal. httpStatus is not part of the body: the reader of an answer fills it from the HTTP
// status line (decodeErrorBody leaves 0).
struct ErrorBody {
    int httpStatus = 0;
    std::string error, message;
    std::optional<std::int64_t> serverTime;
};

std::string encode(const EnrollRequest& m);
std::string encode(const EnrollResponse& m);
std::string encode(const PushRequest& m);
std::string encode(const PushResponse& m);
std::string encode(const PullResponse& m);
std::string encode(const StatusResponse& m);
std::string encode(const ErrorBody& m); // adds "supported":[1] for unsupported_protocol

Result<EnrollRequest> decodeEnrollRequest(std::string_view body);
Result<EnrollResponse> decodeEnrollResponse(std::string_view body);
Result<PushRequest> decodePushRequest(std::string_view body);
Result<PushResponse> decodePushResponse(std::string_view body);
Result<PullResponse> decodePullResponse(std::string_view body);
Result<StatusResponse> decodeStatusResponse(std::string_view body);
Result<ErrorBody> decodeErrorBody(std::string_view body);

// The pieces the decoders are made of (the hub refuses single changes of a push, not the batch).
json::Value wireChangeToJson(const WireChange& c);
// path: the JSON path of v, for messages ("changes[3]").
Result<WireChange> decodeWireChange(const json::Value& v, std::string_view path);
// Checks that v is an object carrying "protocol": kVersion.
Status checkProtocol(const json::Value& v);

// What kind of problem a decode error is, from its message (for the hub's error codes).
enum class DecodeProblem { MalformedJson, UnsupportedProtocol, InvalidRequest };
DecodeProblem classify(const Error& e);

// The string that X-DA06-Signature signs:
// METHOD \n PATH_WITH_QUERY \n TIMESTAMP \n NONCE \n hex(SHA-256(body)).
std::string canonicalRequest(std::string_view method, std::string_view pathWithQuery, std::int64_t timestamp,
                             std::string_view nonce, std::string_view bodySha256Hex);

} // namespace da06::sync::protocol
