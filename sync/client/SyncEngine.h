#pragma once
// The desk's synchronization engine (PROTOCOL.md): enrollment, and a sync cycle = push the outbox
// in batches of at most 500 (oldest first), then pull pages until `more` is false, each page
// applied in one transaction. Every request is signed; a clock_skew answer corrects the desk's
// offset and the request is sent again once. Failures are da06::Error: Network (unreachable,
// 5xx: retried), Unauthorized (credentials refused, device revoked), AuthenticationFailed
// (certificate not trusted, pin mismatch), Protocol (an answer the protocol does not allow),
// Cancelled.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/store/Database.h"
#include "domain/sync/SyncStore.h"
#include "sync/client/Backoff.h"
#include "sync/client/HttpClient.h"

namespace da06::sync::client {

enum class Phase { Connecting, Pushing, Pulling, Done };
const char* phaseName(Phase p); // "connecting", "pushing", "pulling", "done"

// done/total in records; total 0 when not known yet.
using ProgressFn = std::function<void(Phase phase, std::int64_t done, std::int64_t total)>;

struct CycleResult {
    std::int64_t pushed = 0; // records sent
    std::int64_t acked = 0;
    std::int64_t rejected = 0;
    std::int64_t pulled = 0;  // records received
    std::int64_t applied = 0; // new ones stored
    std::int64_t duplicates = 0;
    std::int64_t conflicts = 0;
    std::int64_t pages = 0;
    std::int64_t requests = 0;
    std::int64_t bytesSent = 0;
    std::int64_t bytesReceived = 0;
    std::int64_t cursor = 0;
};

struct EnrollParams {
    std::string serverUrl;
    std::string code;
    std::string deviceName;
    std::optional<std::string> caFile;
    std::optional<std::string> pin;
};

struct EngineOptions {
    TransportOptions transport; // caFile/pin are taken from the enrollment when unset
    int pullLimit = 1000;
    int pushBatch = kMaxPushBatch;
};

// Enrolls this desk with code (needs the admin role), stores the credentials in the encrypted
// store. Refused codes → Unauthorized.
Result<Enrollment> enroll(store::Database& db, const Clock& clock, const access::Actor& actor,
                          const EnrollParams& params, const TransportOptions& transport = {});

class SyncEngine {
public:
    SyncEngine(store::Database& db, const Clock& clock, EngineOptions options = {});

    // One cycle. Records last success / last error in the store (not the next attempt: see
    // runWithRetry and SyncScheduler).
    Result<CycleResult> runCycle(const ProgressFn& progress = {}, const std::atomic<bool>* cancel = nullptr);

    // Up to maxAttempts cycles, waiting between them by the backoff policy while the error is
    // retryable (network, 5xx). sleep is called with each wait (tests pass a recorder).
    Result<CycleResult> runWithRetry(int maxAttempts, const BackoffPolicy& backoff,
                                     const std::function<void(std::chrono::milliseconds)>& sleep,
                                     const ProgressFn& progress = {}, const std::atomic<bool>* cancel = nullptr);

    // GET /v1/status.
    Result<std::string> remoteStatusJson(const std::atomic<bool>* cancel = nullptr);

    static bool isRetryable(const Error& e);

private:
    struct Answer {
        long status = 0;
        std::string body;
    };
    Result<Answer> signedRequest(const Enrollment& e, const char* method, const std::string& pathWithQuery,
                                 const std::string& body, const std::atomic<bool>* cancel, CycleResult& stats);
    std::int64_t nowMillis(std::int64_t offset) const;

    store::Database& m_db;
    const Clock& m_clock;
    EngineOptions m_options;
    std::mt19937_64 m_rng;
};

// The error of a refusal (PROTOCOL.md "Errors"), as a sentence.
Error errorFromAnswer(long httpStatus, const std::string& body, const std::string& what);

} // namespace da06::sync::client
