#include "sync/client/SyncEngine.h"

#include <cstdlib>
#include <thread>

#include <filesystem>

#include "domain/work/ChangeLog.h"
#include "sync/protocol/Auth.h"
#include "sync/protocol/Protocol.h"

namespace da06::sync::client {

namespace pr = da06::sync::protocol;

namespace {

std::int64_t millisOf(const Clock& clock)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock.now().time_since_epoch()).count();
}

std::string trimSlash(std::string url)
{
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    return url;
}

TransportOptions transportFor(const TransportOptions& base, const std::optional<std::string>& ca,
                              const std::optional<std::string>& pin)
{
    TransportOptions t = base;
    if (!t.caFile && ca) {
        t.caFile = ca;
    }
    if (!t.pin && pin) {
        t.pin = pin;
    }
    return t;
}

} // namespace

const char* phaseName(Phase p)
{
    switch (p) {
    case Phase::Connecting:
        return "connecting";
    case Phase::Pushing:
        return "pushing";
    case Phase::Pulling:
        return "pulling";
    case Phase::Done:
        return "done";
    }
    return "done";
}

Error errorFromAnswer(long httpStatus, const std::string& body, const std::string& what)
{
    auto parsed = pr::decodeErrorBody(body);
    const std::string code = parsed ? parsed->error : std::string();
    const std::string msg = parsed && !parsed->message.empty() ? " (" + parsed->message + ")" : std::string();
    const std::string status = std::to_string(httpStatus);
    if (httpStatus >= 500) {
        return {ErrorCode::Network, "the hub could not " + what + ": it answered " + status +
                                        (code.empty() ? "" : " " + code) + msg +
                                        "; nothing was lost, the desk retries later"};
    }
    if (code == "device_revoked") {
        return {ErrorCode::Unauthorized,
                "the hub admin revoked this desk: it can no longer synchronize; ask the admin for a "
                "new enrollment code and run `da06 enroll` again"};
    }
    if (code == "no_credentials" || code == "bad_credentials") {
        return {ErrorCode::Unauthorized,
                "the hub refused this desk's credentials (" + code +
                    "); ask the hub admin for a new enrollment code and run `da06 enroll` again"};
    }
    if (code == "enrollment_code_used") {
        return {ErrorCode::Unauthorized, "the enrollment code was already used; ask the hub admin for a new one"};
    }
    if (code == "enrollment_code_expired") {
        return {ErrorCode::Unauthorized, "the enrollment code has expired; ask the hub admin for a new one"};
    }
    if (code == "not_authorized") {
        return {ErrorCode::Unauthorized, "the hub does not allow this desk to " + what + msg};
    }
    if (code == "replayed" || code == "clock_skew") {
        return {ErrorCode::Network, "the hub refused the request (" + code + ")" + msg + "; the desk retries later"};
    }
    if (httpStatus == 401 || httpStatus == 403 || httpStatus == 410) {
        return {ErrorCode::Unauthorized,
                "the hub refused to " + what + " (" + status + (code.empty() ? "" : " " + code) + ")" + msg};
    }
    return {ErrorCode::Protocol, "the hub refused to " + what + ": " + status + (code.empty() ? "" : " " + code) + msg +
                                     " (the desk and the hub may speak different versions of the protocol)"};
}

Result<Enrollment> enroll(store::Database& db, const Clock& clock, const access::Actor& actor,
                          const EnrollParams& params, const TransportOptions& transport)
{
    DA06_CHECK(access::require(actor, access::Permission::ManageUsers, "enroll this desk with a hub"));
    DA06_CHECK(checkServerUrl(params.serverUrl));
    if (params.code.empty()) {
        return fail(ErrorCode::Usage, "the enrollment code is empty");
    }
    if (params.pin && !params.pin->starts_with("sha256//")) {
        return fail(ErrorCode::Usage, "a pin is written sha256//BASE64 (the SHA-256 of the hub's public key)");
    }
    if (params.caFile) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(*params.caFile, ec)) {
            return fail(ErrorCode::NotFound, "there is no CA file " + *params.caFile);
        }
    }
    DA06_TRY(last, work::lastHlc(db));
    pr::EnrollRequest req{params.code, params.deviceName, last->node};
    HttpClient http(transportFor(transport, params.caFile, params.pin));
    const std::string url = trimSlash(params.serverUrl) + pr::kPathEnroll;
    DA06_TRY(resp, http.request("POST", url, {"Content-Type: application/json", "Expect:"}, pr::encode(req)));
    if (resp->status != 200) {
        return std::unexpected(errorFromAnswer(resp->status, resp->body, "enroll this desk"));
    }
    auto answer = pr::decodeEnrollResponse(resp->body);
    pr::wipe(resp->body.data(), resp->body.size()); // it carried the device secret
    if (!answer) {
        return fail(ErrorCode::Protocol, "the hub's answer to the enrollment is not valid: " + answer.error().message);
    }
    Enrollment e;
    e.serverUrl = trimSlash(params.serverUrl);
    e.deviceId = answer->deviceId;
    e.unit = answer->unit;
    e.hubId = answer->hubId;
    e.deviceName = params.deviceName;
    e.pin = params.pin;
    e.caFile = params.caFile;
    e.clockOffsetMs = answer->serverTime > 0 ? answer->serverTime - millisOf(clock) : 0;
    if (std::llabs(e.clockOffsetMs) < 2000) {
        e.clockOffsetMs = 0; // within the time of the exchange: the clocks agree
    }
    SyncStore store(db, clock);
    auto saved = store.saveEnrollment(actor, e, answer->deviceSecret);
    pr::wipe(answer->deviceSecret.data(), answer->deviceSecret.size());
    DA06_CHECK(saved);
    DA06_TRY(reread, store.enrollment());
    return **reread;
}

SyncEngine::SyncEngine(store::Database& db, const Clock& clock, EngineOptions options)
    : m_db(db), m_clock(clock), m_options(std::move(options)), m_rng(std::random_device{}())
{
}

std::int64_t SyncEngine::nowMillis(std::int64_t offset) const
{
    return millisOf(m_clock) + offset;
}

bool SyncEngine::isRetryable(const Error& e)
{
    return e.code == ErrorCode::Network || e.code == ErrorCode::Timeout;
}

Result<SyncEngine::Answer> SyncEngine::signedRequest(const Enrollment& en, const char* method,
                                                     const std::string& pathWithQuery, const std::string& body,
                                                     const std::atomic<bool>* cancel, CycleResult& stats)
{
    SyncStore store(m_db, m_clock);
    HttpClient http(transportFor(m_options.transport, en.caFile, en.pin));
    std::int64_t offset = en.clockOffsetMs;
    const std::string bodyHash = pr::sha256Hex(body);
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (cancel && cancel->load()) {
            return fail(ErrorCode::Cancelled, "the synchronization was cancelled");
        }
        const std::int64_t ts = nowMillis(offset);
        const std::string nonce = pr::randomHex(16);
        std::string signature;
        {
            DA06_TRY(secretText, store.deviceSecret());
            auto key = pr::base64Decode(secretText->view());
            if (!key) {
                return fail(ErrorCode::StoreDamaged,
                            "the device secret in the store is damaged; enroll this desk again");
            }
            signature = pr::hmacSha256Hex(*key, pr::canonicalRequest(method, pathWithQuery, ts, nonce, bodyHash));
            pr::wipe(key->data(), key->size());
        }
        std::vector<std::string> headers = {std::string(pr::kHeaderDevice) + ": " + en.deviceId,
                                            std::string(pr::kHeaderTimestamp) + ": " + std::to_string(ts),
                                            std::string(pr::kHeaderNonce) + ": " + nonce,
                                            std::string(pr::kHeaderSignature) + ": " + signature, "Expect:"};
        if (std::string_view(method) == "POST") {
            headers.push_back("Content-Type: application/json");
        }
        DA06_TRY(resp, http.request(method, en.serverUrl + pathWithQuery, headers, body, cancel));
        ++stats.requests;
        stats.bytesSent += static_cast<std::int64_t>(body.size());
        stats.bytesReceived += static_cast<std::int64_t>(resp->body.size());
        if (resp->status == 200) {
            return Answer{resp->status, std::move(resp->body)};
        }
        if (resp->status == 401 && attempt == 0) {
            auto eb = pr::decodeErrorBody(resp->body);
            if (eb && eb->error == "clock_skew" && eb->serverTime) {
                offset = *eb->serverTime - millisOf(m_clock);
                DA06_CHECK(store.setClockOffset(offset));
                continue; // once more with the corrected clock
            }
        }
        std::string what = pathWithQuery.starts_with(pr::kPathPush)   ? "accept the changes of this desk"
                           : pathWithQuery.starts_with(pr::kPathPull) ? "send changes to this desk"
                                                                      : "answer this desk";
        return std::unexpected(errorFromAnswer(resp->status, resp->body, what));
    }
    return fail(ErrorCode::Network,
                "the desk's clock differs from the hub's and could not be corrected; check the date and time");
}

Result<std::string> SyncEngine::remoteStatusJson(const std::atomic<bool>* cancel)
{
    SyncStore store(m_db, m_clock);
    DA06_TRY(en, store.enrollment());
    if (!*en) {
        return fail(ErrorCode::Usage,
                    "this desk is not enrolled with a hub (run `da06 enroll --server URL --code CODE`)");
    }
    CycleResult stats;
    DA06_TRY(answer, signedRequest(**en, "GET", pr::kPathStatus, "", cancel, stats));
    return answer->body;
}

Result<CycleResult> SyncEngine::runCycle(const ProgressFn& progressIn, const std::atomic<bool>* cancel)
{
    auto progress = [&](Phase p, std::int64_t done, std::int64_t total) {
        if (progressIn) {
            progressIn(p, done, total);
        }
    };
    SyncStore store(m_db, m_clock);
    DA06_TRY(enOpt, store.enrollment());
    if (!*enOpt) {
        return fail(ErrorCode::Usage,
                    "this desk is not enrolled with a hub (run `da06 enroll --server URL --code CODE`)");
    }
    (void)store.recordAttempt();
    CycleResult stats;
    auto body = [&]() -> Status {
        progress(Phase::Connecting, 0, 0);
        // Status first: a revoked desk learns it before sending anything.
        DA06_TRY(st, signedRequest(**enOpt, "GET", pr::kPathStatus, "", cancel, stats));
        auto remote = pr::decodeStatusResponse(st->body);
        if (!remote) {
            return fail(ErrorCode::Protocol, "the hub's status answer is not valid: " + remote.error().message);
        }
        if (remote->revoked) {
            return fail(ErrorCode::Unauthorized,
                        "the hub admin revoked this desk: it can no longer synchronize; ask the admin for "
                        "a new enrollment code and run `da06 enroll` again");
        }
        DA06_TRY(enNow, store.enrollment()); // the offset may have moved
        const Enrollment en = **enNow;

        // Push.
        DA06_TRY(before, store.status());
        const std::int64_t pushTotal = before->outbox.pending + before->outbox.sent;
        std::string lastFirst;
        while (true) {
            DA06_TRY(batch, store.outbox(m_options.pushBatch));
            if (batch->empty()) {
                break;
            }
            if (batch->front().record.changeId == lastFirst) {
                return fail(ErrorCode::Protocol, "the hub did not settle change " + lastFirst + "; the push stopped");
            }
            lastFirst = batch->front().record.changeId;
            progress(Phase::Pushing, stats.pushed, pushTotal);
            std::vector<std::string> ids;
            pr::PushRequest req;
            for (auto& oc : *batch) {
                ids.push_back(oc.record.changeId);
                req.changes.push_back(pr::WireChange{oc.record, oc.unit});
            }
            DA06_CHECK(store.markSent(ids));
            DA06_TRY(answer, signedRequest(en, "POST", pr::kPathPush, pr::encode(req), cancel, stats));
            auto resp = pr::decodePushResponse(answer->body);
            if (!resp) {
                return fail(ErrorCode::Protocol, "the hub's answer to a push is not valid: " + resp.error().message);
            }
            if (resp->results.size() != ids.size()) {
                return fail(ErrorCode::Protocol, "the hub answered " + std::to_string(resp->results.size()) +
                                                     " results for " + std::to_string(ids.size()) + " changes");
            }
            std::vector<PushOutcome> outcomes;
            for (std::size_t i = 0; i < ids.size(); ++i) {
                const auto& r = resp->results[i];
                if (r.changeId != ids[i]) {
                    return fail(ErrorCode::Protocol, "the hub's results are not in the order of the changes pushed");
                }
                const bool acked = r.status == "acked";
                outcomes.push_back({r.changeId, acked, r.reason, r.message});
                ++(acked ? stats.acked : stats.rejected);
            }
            DA06_CHECK(store.markOutcomes(outcomes));
            stats.pushed += static_cast<std::int64_t>(ids.size());
            progress(Phase::Pushing, stats.pushed, pushTotal);
        }

        // Pull.
        DA06_TRY(now, store.status());
        std::int64_t cursor = now->cursor;
        const std::int64_t pullTotal =
            std::max<std::int64_t>(0, remote->changes - now->remoteRecords - now->outbox.acked);
        progress(Phase::Pulling, 0, pullTotal);
        while (true) {
            const std::string path = std::string(pr::kPathPull) + "?cursor=" + std::to_string(cursor) +
                                     "&limit=" + std::to_string(m_options.pullLimit);
            DA06_TRY(answer, signedRequest(en, "GET", path, "", cancel, stats));
            auto page = pr::decodePullResponse(answer->body);
            if (!page) {
                return fail(ErrorCode::Protocol, "the hub's page of changes is not valid: " + page.error().message);
            }
            std::vector<IncomingChange> incoming;
            incoming.reserve(page->changes.size());
            for (auto& c : page->changes) {
                incoming.push_back(IncomingChange{std::move(c.record), std::move(c.unit)});
            }
            DA06_TRY(applied, applyRemoteChanges(m_db, m_clock, incoming, page->cursor));
            ++stats.pages;
            stats.pulled += static_cast<std::int64_t>(incoming.size());
            stats.applied += applied->applied;
            stats.duplicates += applied->duplicates;
            stats.conflicts += applied->conflicts;
            progress(Phase::Pulling, stats.pulled, std::max(pullTotal, stats.pulled));
            if (!page->more) {
                cursor = page->cursor;
                break;
            }
            if (page->cursor <= cursor && incoming.empty()) {
                return fail(ErrorCode::Protocol, "the hub announced more changes but its cursor did not move");
            }
            cursor = page->cursor;
            if (cancel && cancel->load()) {
                return fail(ErrorCode::Cancelled, "the synchronization was cancelled");
            }
        }
        stats.cursor = cursor;
        progress(Phase::Done, stats.pulled, stats.pulled);
        return {};
    };
    auto done = body();
    if (!done) {
        (void)store.recordFailure(done.error(), std::nullopt);
        return std::unexpected(done.error());
    }
    DA06_CHECK(store.recordSuccess(stats.acked, stats.applied));
    return stats;
}

Result<CycleResult> SyncEngine::runWithRetry(int maxAttempts, const BackoffPolicy& backoff,
                                             const std::function<void(std::chrono::milliseconds)>& sleep,
                                             const ProgressFn& progress, const std::atomic<bool>* cancel)
{
    int failures = 0;
    while (true) {
        auto r = runCycle(progress, cancel);
        if (r || !isRetryable(r.error()) || failures + 1 >= maxAttempts || (cancel && cancel->load())) {
            return r;
        }
        ++failures;
        const auto wait = backoff.delay(failures, m_rng);
        if (sleep) {
            sleep(wait);
        } else {
            std::this_thread::sleep_for(wait);
        }
    }
}

} // namespace da06::sync::client
