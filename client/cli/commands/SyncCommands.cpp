// da06 enroll, da06 sync [status|conflicts|resolve]: the desk's synchronization with the hub.
#include <cstdlib>

#include "client/cli/Commands.h"
#include "client/cli/Runner.h"
#include "domain/sync/SyncStore.h"
#include "sync/client/SyncEngine.h"

namespace da06::cli {

namespace {

const char* const kSyncUsage =
    "usage: da06 enroll --server URL --code CODE [--ca FILE] [--pin sha256//BASE64] [--name NAME]\n"
    "       da06 sync [--attempts N] [--json]\n"
    "       da06 sync status [--json]\n"
    "       da06 sync conflicts [--all] [--json]\n"
    "       da06 sync resolve ID\n"
    "       da06 sync policy [counts|details]";

long envNumber(const char* name, long fallback)
{
    if (const char* v = std::getenv(name); v && *v) {
        if (auto n = parseInteger(v, 0, 1'000'000'000)) {
            return static_cast<long>(*n);
        }
    }
    return fallback;
}

// Test and bench knobs (environment): the base of the backoff, the stall limit, the page size.
sync::client::EngineOptions engineOptions()
{
    sync::client::EngineOptions o;
    o.transport.lowSpeedSeconds = envNumber("DA06_SYNC_STALL_SECONDS", o.transport.lowSpeedSeconds);
    o.transport.totalTimeoutSeconds = envNumber("DA06_SYNC_TIMEOUT_SECONDS", o.transport.totalTimeoutSeconds);
    o.pullLimit = static_cast<int>(envNumber("DA06_SYNC_PULL_LIMIT", o.pullLimit));
    return o;
}

// What a person does next, after the error's own sentence.
int reportSyncError(std::ostream& err, const Error& e)
{
    err << "da06: " << e.message << "\n";
    switch (e.code) {
    case ErrorCode::Network:
        err << "da06: nothing was lost: the changes stay in the outbox; run `da06 sync` again when the hub is "
               "reachable.\n";
        return kExitFailure;
    case ErrorCode::Unauthorized:
    case ErrorCode::AuthenticationFailed:
        return kExitAuthFailed;
    case ErrorCode::Protocol:
        return kExitFailure;
    default:
        return exitCodeFor(e);
    }
}

json::Value cycleJson(const sync::client::CycleResult& r)
{
    json::Value o;
    o.set("pushed", static_cast<long long>(r.pushed));
    o.set("acked", static_cast<long long>(r.acked));
    o.set("rejected", static_cast<long long>(r.rejected));
    o.set("pulled", static_cast<long long>(r.pulled));
    o.set("applied", static_cast<long long>(r.applied));
    o.set("duplicates", static_cast<long long>(r.duplicates));
    o.set("conflicts", static_cast<long long>(r.conflicts));
    o.set("pages", static_cast<long long>(r.pages));
    o.set("requests", static_cast<long long>(r.requests));
    o.set("bytes_sent", static_cast<long long>(r.bytesSent));
    o.set("bytes_received", static_cast<long long>(r.bytesReceived));
    o.set("cursor", static_cast<long long>(r.cursor));
    return o;
}

json::Value statusToJson(const std::optional<sync::Enrollment>& en, const sync::SyncStatus& status,
                         const std::vector<sync::RejectedChange>& rejected)
{
    json::Value o;
    o.set("enrolled", en.has_value());
    if (en) {
        o.set("server", en->serverUrl);
        o.set("device_id", en->deviceId);
        o.set("unit", en->unit);
        o.set("hub_id", en->hubId);
        o.set("clock_offset_ms", static_cast<long long>(en->clockOffsetMs));
        o.set("pinned", en->pin.has_value());
    }
    o.set("cursor", static_cast<long long>(status.cursor));
    o.set("last_attempt", json::optText(status.lastAttempt));
    o.set("last_success", json::optText(status.lastSuccess));
    o.set("last_error", json::optText(status.lastError));
    o.set("last_error_code", json::optText(status.lastErrorCode));
    o.set("next_attempt", json::optText(status.nextAttempt));
    o.set("failures", status.failures);
    json::Value ob;
    ob.set("pending", static_cast<long long>(status.outbox.pending));
    ob.set("sent", static_cast<long long>(status.outbox.sent));
    ob.set("acked", static_cast<long long>(status.outbox.acked));
    ob.set("rejected", static_cast<long long>(status.outbox.rejected));
    ob.set("held", static_cast<long long>(status.outbox.held));
    o.set("outbox", ob);
    o.set("remote_records", static_cast<long long>(status.remoteRecords));
    o.set("conflicts", static_cast<long long>(status.openConflicts));
    json::Value rj = json::Array{};
    for (const auto& r : rejected) {
        json::Value x;
        x.set("change_id", r.changeId);
        x.set("entity", r.entity);
        x.set("entity_id", r.entityId);
        x.set("reason", r.reason);
        x.set("message", r.message);
        rj.push(x);
    }
    o.set("rejected", rj);
    return o;
}

int syncStatus(access::Session& s, const Globals& g, bool asJson, std::ostream& out, std::ostream& err)
{
    sync::SyncStore store(s.store.db(), *g.clock);
    auto en = store.enrollment();
    auto st = store.status();
    auto rej = store.rejected();
    if (!en || !st || !rej) {
        return report(err, !en ? en.error() : !st ? st.error() : rej.error());
    }
    if (asJson) {
        out << statusToJson(*en, *st, *rej).dump(2) << "\n";
        return kExitOk;
    }
    if (!*en) {
        out << "Not enrolled with a hub (da06 enroll --server URL --code CODE).\n";
    } else {
        out << "Hub:           " << (*en)->serverUrl << " (unit " << (*en)->unit << ", device " << (*en)->deviceId
            << ")\n";
    }
    out << "Last success:  " << st->lastSuccess.value_or("never") << "\n";
    if (st->lastError) {
        out << "Last error:    " << *st->lastError << "\n";
    }
    if (st->nextAttempt) {
        out << "Next attempt:  " << *st->nextAttempt << "\n";
    }
    out << "Outbox:        " << st->outbox.pending << " pending, " << st->outbox.sent << " sent, " << st->outbox.acked
        << " acknowledged, " << st->outbox.rejected << " rejected, " << st->outbox.held << " kept on this desk\n";
    out << "Cursor:        " << st->cursor << " (" << st->remoteRecords << " records received)\n";
    out << "Conflicts:     " << st->openConflicts << " open (da06 sync conflicts)\n";
    for (const auto& r : *rej) {
        out << "  rejected " << r.entity << " " << r.entityId << ": " << r.reason
            << (r.message.empty() ? "" : " — " + r.message) << "\n";
    }
    return kExitOk;
}

int syncConflicts(access::Session& s, const Globals& g, bool all, bool asJson, std::ostream& out, std::ostream& err)
{
    sync::SyncStore store(s.store.db(), *g.clock);
    auto list = store.conflicts(!all);
    if (!list) {
        return report(err, list.error());
    }
    if (asJson) {
        json::Value arr = json::Array{};
        for (const auto& c : *list) {
            json::Value o;
            o.set("id", static_cast<long long>(c.id));
            o.set("entity", c.entity);
            o.set("entity_id", c.entityId);
            o.set("field", c.field);
            o.set("losing_value", c.losingValue);
            o.set("losing_hlc", c.losingHlc);
            o.set("losing_device", c.losingDevice);
            o.set("losing_user", c.losingUser);
            o.set("losing_change", c.losingChange);
            o.set("winning_value", c.winningValue);
            o.set("winning_hlc", c.winningHlc);
            o.set("winning_device", c.winningDevice);
            o.set("resolved_at", json::optText(c.resolvedAt));
            arr.push(o);
        }
        out << arr.dump(2) << "\n";
        return kExitOk;
    }
    if (list->empty()) {
        out << "No conflicts.\n";
    }
    for (const auto& c : *list) {
        out << "#" << c.id << "  " << c.entity << " " << c.entityId << "  " << c.field << ": kept "
            << c.winningValue.dump() << ", lost " << c.losingValue.dump() << " (by " << c.losingUser << " on "
            << c.losingDevice << ")" << (c.resolvedAt ? "  re-applied " + *c.resolvedAt : std::string()) << "\n";
    }
    return kExitOk;
}

// sync resolve ID: re-applies the value that lost a merge, as a new change.
Result<int> syncResolve(Context& c, access::Session& s, const std::string& arg)
{
    auto id = parseInteger(arg, 1, 1'000'000'000'000LL);
    if (!id) {
        return usageError(c.err, "the conflict ID is a number (see `da06 sync conflicts`)");
    }
    DA06_TRY(rec, sync::SyncStore(s.store.db(), *c.g.clock).resolveConflict(s.actor, *id));
    c.out << "Re-applied: " << rec->entity << " " << rec->entityId
          << " (a new change, sent at the next `da06 sync`).\n";
    return kExitOk;
}

// sync policy [counts|details]
Result<int> syncPolicy(Context& c, access::Session& s, const std::optional<std::string>& arg)
{
    sync::SyncStore store(s.store.db(), *c.g.clock);
    if (arg) {
        DA06_CHECK(store.setCheckDetailsPolicy(s.actor, *arg));
    }
    DA06_TRY(p, store.checkDetailsPolicy());
    c.out << sync::kCheckDetailsKey << " = " << *p << "\n";
    return kExitOk;
}

// sync: sends the outbox, then receives the hub's changes (retried with backoff).
int syncRun(Context& c, access::Session& s, int attempts)
{
    sync::client::SyncEngine engine(s.store.db(), *c.g.clock, engineOptions());
    sync::client::BackoffPolicy backoff;
    backoff.base = std::chrono::milliseconds(envNumber("DA06_SYNC_BACKOFF_BASE_MS", 2000));
    auto r = engine.runWithRetry(attempts, backoff, {});
    if (!r) {
        return reportSyncError(c.err, r.error());
    }
    if (c.json) {
        c.print(cycleJson(*r));
        return kExitOk;
    }
    c.out << "Synchronized: " << r->acked << " changes sent";
    if (r->rejected > 0) {
        c.out << " (" << r->rejected << " rejected: see `da06 sync status`)";
    }
    c.out << ", " << r->applied << " received";
    if (r->conflicts > 0) {
        c.out << ", " << r->conflicts << " conflicts recorded (da06 sync conflicts)";
    }
    c.out << ".\n";
    return kExitOk;
}

} // namespace

int cmdEnroll(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    sync::client::EnrollParams p;
    auto server = a.option("--server");
    auto code = a.option("--code");
    p.caFile = a.option("--ca");
    p.pin = a.option("--pin");
    auto name = a.option("--name");
    const bool asJson = a.flag("--json");
    if (auto problem = a.leftoverProblem()) {
        return usageError(err, *problem);
    }
    if (!server || !code || !a.rest().empty()) {
        return usageError(err, kSyncUsage);
    }
    p.serverUrl = *server;
    p.code = *code;
    p.deviceName = name.value_or("DA06 Desk");
    if (p.caFile) {
        p.caFile = std::filesystem::absolute(*p.caFile).string();
    }
    Context c{g, a, out, err};
    return withSession(c, [&](access::Session& s) -> Result<int> {
        auto e = sync::client::enroll(s.store.db(), *g.clock, s.actor, p, engineOptions().transport);
        if (!e) {
            return reportSyncError(err, e.error());
        }
        if (!asJson) {
            out << "Enrolled with " << e->serverUrl << " as device " << e->deviceId << " of unit " << e->unit << ".\n"
                << "Run `da06 sync` to send and receive changes.\n";
            return kExitOk;
        }
        json::Value o;
        o.set("device_id", e->deviceId);
        o.set("unit", e->unit);
        o.set("hub_id", e->hubId);
        o.set("server", e->serverUrl);
        c.print(o);
        return kExitOk;
    });
}

int cmdSync(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    const bool asJson = a.flag("--json");
    const bool all = a.flag("--all");
    auto attemptsText = a.option("--attempts");
    if (auto problem = a.leftoverProblem()) {
        return usageError(err, *problem);
    }
    auto sub = a.next();
    int attempts = 3;
    if (attemptsText) {
        auto n = parseInteger(*attemptsText, 1, 100);
        if (!n) {
            return usageError(err, "--attempts takes a number from 1 to 100");
        }
        attempts = static_cast<int>(*n);
    }
    std::optional<std::string> arg = a.next();
    if (!a.rest().empty()) {
        return usageError(err, kSyncUsage);
    }
    if (sub && *sub != "status" && *sub != "conflicts" && *sub != "resolve" && *sub != "policy") {
        return usageError(err, std::string("unknown sync command \"") + *sub + "\"\n" + kSyncUsage);
    }
    if (sub && *sub == "resolve" && !arg) {
        return usageError(err, "usage: da06 sync resolve ID   (the number shown by `da06 sync conflicts`)");
    }
    if ((!sub || *sub == "status" || *sub == "conflicts") && arg) {
        return usageError(err, kSyncUsage);
    }
    Context c{g, a, out, err};
    c.json = asJson;
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_CHECK(access::require(s.actor, access::Permission::ReadPlan, "synchronize"));
        if (sub && *sub == "status") {
            return syncStatus(s, g, asJson, out, err);
        }
        if (sub && *sub == "conflicts") {
            return syncConflicts(s, g, all, asJson, out, err);
        }
        if (sub && *sub == "resolve") {
            return syncResolve(c, s, *arg);
        }
        if (sub && *sub == "policy") {
            return syncPolicy(c, s, arg);
        }
        return syncRun(c, s, attempts);
    });
}

} // namespace da06::cli
