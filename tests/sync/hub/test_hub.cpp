// The hub against a real da06-hub process, on SQLite or on PostgreSQL (DA06_HUB_BACKEND=sqlite |
// postgres: the same suite runs twice). A raw client signs its requests with da06::sync_auth.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "domain/core/Json.h"
#include "sync/protocol/Auth.h"
#include "sync/protocol/Protocol.h"
#include "tests/support/TestSupport.h"
#include "tests/sync/hub/HubTestSupport.h"

using namespace da06;
using namespace da06::hubtest;
namespace proto = da06::sync::protocol;
namespace auth = da06::sync::auth;

namespace {

bool onPostgres()
{
    const char* b = std::getenv("DA06_HUB_BACKEND");
    return b && std::string(b) == "postgres";
}

// Units for the tests: province p; districts a and b; commune a1 below a.
const char* const kUnits = R"({"format":"da06-units","format_version":1,"units":[
 {"id":"p","name":"Tỉnh P","kind":"province"},
 {"id":"a","name":"Huyện A","kind":"district","parent":"p"},
 {"id":"b","name":"Huyện B","kind":"district","parent":"p"},
 {"id":"a1","name":"Xã A1","kind":"commune","parent":"a"}]})";

// One hub (or several on one database) with a fresh database per test case.
class HubEnv {
public:
    HubEnv()
    {
        if (onPostgres()) {
            m_backend = {"--postgres", sharedCluster().newDatabase()};
        } else {
            m_backend = {"--data", (m_dir / "data").string()};
        }
        test::writeFile(m_dir / "units.json", kUnits);
        auto r = admin({"import-units", (m_dir / "units.json").string()});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    }

    test::RunResult admin(std::vector<std::string> args) const
    {
        std::vector<std::string> all{"admin"};
        all.insert(all.end(), m_backend.begin(), m_backend.end());
        all.insert(all.end(), args.begin(), args.end());
        return test::runProgram(hubProgram(), all);
    }

    std::unique_ptr<HubProcess> hub(std::vector<std::string> extra = {"--plain"},
                                    std::map<std::string, std::string> env = {})
    {
        auto h = std::make_unique<HubProcess>(m_backend, m_dir / ("hub" + std::to_string(++m_hubs) + ".log"),
                                              std::move(extra), std::move(env));
        h->start();
        return h;
    }

    std::string code(const std::string& unit) const
    {
        auto r = admin({"code", "create", "--unit", unit});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        std::string c = r.out;
        while (!c.empty() && (c.back() == '\n' || c.back() == '\r')) {
            c.pop_back();
        }
        return c;
    }

    std::int64_t changeCount() const
    {
        auto r = admin({"changes", "count"});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        return std::stoll(r.out);
    }

    Credentials enroll(const HubProcess& h, const std::string& unit)
    {
        const std::string body = proto::encode(proto::EnrollRequest{code(unit), "Bàn " + unit, auth::randomHex(8)});
        auto r = http("POST", h.url() + "/v1/enroll", body, {"Content-Type: application/json"});
        BOOST_REQUIRE_EQUAL(r.status, 200);
        auto e = proto::decodeEnrollResponse(r.body);
        BOOST_REQUIRE_MESSAGE(e, r.body);
        BOOST_REQUIRE_EQUAL(e->unit, unit);
        Credentials c{e->deviceId, auth::base64Decode(e->deviceSecret).value(), e->unit};
        BOOST_REQUIRE_EQUAL(c.secret.size(), 32u);
        return c;
    }

    const test::TempDir& dir() const { return m_dir; }

private:
    test::TempDir m_dir;
    std::vector<std::string> m_backend;
    int m_hubs = 0;
};

HttpResult signedRequest(const HubProcess& h, const Credentials& c, const std::string& method, const std::string& uri,
                         const std::string& body = {}, std::int64_t timestampShift = 0)
{
    return http(method, h.url() + uri, body,
                signedHeaders(c, method, uri, body, nowMillis() + timestampShift, auth::randomHex(16)));
}

proto::WireChange change(const std::string& unit, const std::string& entityId, const std::string& field,
                         json::Value value, const std::string& device = "desk")
{
    proto::WireChange w;
    w.record.changeId = auth::randomHex(16);
    w.record.entity = "task";
    w.record.entityId = entityId;
    w.record.op = work::ChangeOp::Update;
    w.record.fields.emplace_back(field, std::move(value));
    static std::atomic<std::uint32_t> counter{0};
    w.record.hlc = work::HlcTimestamp{nowMillis(), counter++, "00aa"};
    w.record.device = device;
    w.record.user = "tester";
    w.unit = unit;
    return w;
}

std::string pushBody(const std::vector<proto::WireChange>& changes)
{
    return proto::encode(proto::PushRequest{changes});
}

proto::PushResponse push(const HubProcess& h, const Credentials& c, const std::vector<proto::WireChange>& changes)
{
    auto r = signedRequest(h, c, "POST", "/v1/push", pushBody(changes));
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body + r.error);
    auto p = proto::decodePushResponse(r.body);
    BOOST_REQUIRE_MESSAGE(p, r.body);
    BOOST_REQUIRE_EQUAL(p->results.size(), changes.size());
    return *p;
}

std::vector<proto::WireChange> pullAll(const HubProcess& h, const Credentials& c, int limit, int* pages = nullptr)
{
    std::vector<proto::WireChange> all;
    std::int64_t cursor = 0;
    for (int page = 0; page < 10000; ++page) {
        auto r =
            signedRequest(h, c, "GET", "/v1/pull?cursor=" + std::to_string(cursor) + "&limit=" + std::to_string(limit));
        BOOST_REQUIRE_MESSAGE(r.status == 200, r.body + r.error);
        auto p = proto::decodePullResponse(r.body);
        BOOST_REQUIRE_MESSAGE(p, r.body);
        BOOST_REQUIRE_LE(p->changes.size(), static_cast<std::size_t>(limit));
        BOOST_REQUIRE_GE(p->cursor, cursor);
        all.insert(all.end(), p->changes.begin(), p->changes.end());
        cursor = p->cursor;
        if (pages) {
            ++*pages;
        }
        if (!p->more) {
            break;
        }
    }
    return all;
}

std::string errorOf(const HttpResult& r)
{
    auto e = proto::decodeErrorBody(r.body);
    return e ? e->error : "(not an error body: " + r.body + r.error + ")";
}

} // namespace

BOOST_AUTO_TEST_CASE(enrollment_codes_are_single_use_and_expire)
{
    HubEnv env;
    auto hub = env.hub();
    auto health = http("GET", hub->url() + "/v1/health");
    BOOST_TEST(health.status == 200);
    BOOST_TEST(health.body == "{\"protocol\":1,\"status\":\"ok\"}");

    const std::string code = env.code("a");
    BOOST_TEST(code.size() == 14u);
    BOOST_TEST(code[4] == '-');
    BOOST_TEST(code.find_first_not_of("23456789ABCDEFGHJKLMNPQRSTUVWXYZ-") == std::string::npos);
    const std::string body = proto::encode(proto::EnrollRequest{code, "Văn phòng công chứng số 1", "9f3c0a1b2c3d4e5f"});
    auto first = http("POST", hub->url() + "/v1/enroll", body, {"Content-Type: application/json"});
    BOOST_REQUIRE_EQUAL(first.status, 200);
    auto e = proto::decodeEnrollResponse(first.body);
    BOOST_REQUIRE(e);
    BOOST_TEST(e->deviceId.starts_with("d-"));
    BOOST_TEST(e->deviceId.size() == 34u);
    BOOST_TEST(auth::base64Decode(e->deviceSecret)->size() == 32u);
    BOOST_TEST(e->unit == "a");
    BOOST_TEST(e->hubId.size() == 32u);
    BOOST_TEST(std::llabs(e->serverTime - nowMillis()) < 60000);

    // Used: a second enrollment with the same code.
    auto again = http("POST", hub->url() + "/v1/enroll", body, {"Content-Type: application/json"});
    BOOST_TEST(again.status == 410);
    BOOST_TEST(errorOf(again) == "enrollment_code_used");
    // Unknown code.
    auto unknown =
        http("POST", hub->url() + "/v1/enroll", proto::encode(proto::EnrollRequest{"2222-3333-4444", "x", "n"}),
             {"Content-Type: application/json"});
    BOOST_TEST(unknown.status == 401);
    BOOST_TEST(errorOf(unknown) == "bad_credentials");
    // Expired: a code of one hour, presented to a hub whose clock is two hours later.
    auto oneHour = env.admin({"code", "create", "--unit", "b", "--hours", "1"});
    BOOST_REQUIRE_EQUAL(oneHour.exitCode, 0);
    std::string late = oneHour.out.substr(0, 14);
    auto later = env.hub({"--plain"}, {{"DA06_HUB_TEST_CLOCK_OFFSET_MS", std::to_string(2 * 3600 * 1000)}});
    auto expired = http("POST", later->url() + "/v1/enroll", proto::encode(proto::EnrollRequest{late, "x", "n"}),
                        {"Content-Type: application/json"});
    BOOST_TEST(expired.status == 410);
    BOOST_TEST(errorOf(expired) == "enrollment_code_expired");
    // A malformed enrollment stores nothing and is named.
    auto bad =
        http("POST", hub->url() + "/v1/enroll", "{\"protocol\":1,\"code\":5}", {"Content-Type: application/json"});
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(errorOf(bad) == "invalid_request");
    BOOST_TEST(bad.body.find("code") != std::string::npos);

    auto list = env.admin({"devices", "list", "--json"});
    BOOST_REQUIRE_EQUAL(list.exitCode, 0);
    auto devices = json::parse(list.out);
    BOOST_REQUIRE(devices);
    BOOST_REQUIRE_EQUAL(devices->asArray().size(), 1u);
    BOOST_TEST(devices->asArray()[0].find("id")->asString() == e->deviceId);
    // The code is kept only as a hash, the log has no body content.
    BOOST_TEST(hub->terminate() == 0);
    const std::string log = test::readFile(env.dir() / "hub1.log");
    BOOST_TEST(log.find("POST /v1/enroll 200") != std::string::npos);
    BOOST_TEST(log.find(code) == std::string::npos);
    BOOST_TEST(log.find("Văn phòng") == std::string::npos);
    BOOST_TEST(log.find(e->deviceSecret) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(push_is_idempotent_by_change_id)
{
    HubEnv env;
    auto hub = env.hub();
    const auto desk = env.enroll(*hub, "a");
    const std::int64_t before = env.changeCount();
    std::vector<proto::WireChange> batch{change("a", "t-1", "status", "doing"), change("a", "t-1", "progress", 40),
                                         change("a1", "t-2", "status", "done")};
    auto first = push(*hub, desk, batch);
    for (const auto& r : first.results) {
        BOOST_TEST(r.status == "acked");
    }
    BOOST_TEST(std::llabs(first.serverTime - nowMillis()) < 60000);
    // A duplicate delivery (the answer was lost): acked again, stored once.
    auto second = push(*hub, desk, batch);
    for (const auto& r : second.results) {
        BOOST_TEST(r.status == "acked");
    }
    // The same change twice in one batch.
    auto third = push(*hub, desk, {batch[0], batch[0], change("a", "t-3", "status", "new")});
    BOOST_TEST(third.results[0].status == "acked");
    BOOST_TEST(third.results[1].status == "acked");
    BOOST_TEST(env.changeCount() == before + 4);

    // The merged values, with the greater hlc winning.
    auto older = change("a", "t-1", "status", "stale");
    older.record.hlc.wall -= 3600 * 1000;
    auto newer = change("a", "t-1", "progress", 90);
    push(*hub, desk, {older, newer});
    auto state = env.admin({"state", "--json"});
    BOOST_REQUIRE_EQUAL(state.exitCode, 0);
    auto s = json::parse(state.out);
    BOOST_REQUIRE(s);
    const json::Value* t1 = s->find("task")->find("t-1");
    BOOST_REQUIRE(t1);
    BOOST_TEST(t1->find("status")->asString() == "doing");
    BOOST_TEST(t1->find("progress")->asInteger() == 90);
    BOOST_TEST(s->find("unit")->find("a1")->find("parent")->asString() == "a");
    BOOST_TEST(s->find("task")->find("t-2")->find("status")->asString() == "done");
}

BOOST_AUTO_TEST_CASE(pull_pages_with_cursors)
{
    HubEnv env;
    auto hub = env.hub();
    const auto desk = env.enroll(*hub, "a");
    std::set<std::string> pushed;
    for (int batch = 0; batch < 3; ++batch) {
        std::vector<proto::WireChange> changes;
        for (int i = 0; i < 9; ++i) {
            changes.push_back(change("a", "t-" + std::to_string(batch * 9 + i), "status", "doing"));
            pushed.insert(changes.back().record.changeId);
        }
        push(*hub, desk, changes);
    }
    int pages = 0;
    auto all = pullAll(*hub, desk, 10, &pages);
    // The 27 task changes and the unit changes of p, a, a1 (not b).
    std::set<std::string> ids, units;
    for (const auto& c : all) {
        BOOST_TEST(ids.insert(c.record.changeId).second, "a change came twice: " << c.record.changeId);
        if (c.record.entity == "unit") {
            units.insert(c.record.entityId);
        }
    }
    for (const auto& id : pushed) {
        BOOST_TEST(ids.contains(id));
    }
    BOOST_TEST(all.size() == 30u);
    BOOST_TEST((units == std::set<std::string>{"p", "a", "a1"}));
    BOOST_TEST(pages == 3);
    // At the last cursor: nothing more.
    auto status = signedRequest(*hub, desk, "GET", "/v1/status");
    BOOST_REQUIRE_EQUAL(status.status, 200);
    auto st = proto::decodeStatusResponse(status.body);
    BOOST_REQUIRE(st);
    BOOST_TEST(st->changes == 30);
    BOOST_TEST(st->unit == "a");
    BOOST_TEST(st->deviceId == desk.deviceId);
    BOOST_TEST(!st->revoked);
    // The default limit and a limit out of range.
    auto one = pullAll(*hub, desk, 1000);
    BOOST_TEST(one.size() == 30u);
    auto zero = signedRequest(*hub, desk, "GET", "/v1/pull?cursor=0&limit=0");
    BOOST_TEST(zero.status == 400);
    BOOST_TEST(errorOf(zero) == "invalid_request");
    auto big = signedRequest(*hub, desk, "GET", "/v1/pull?cursor=0&limit=5001");
    BOOST_TEST(big.status == 400);
    auto neg = signedRequest(*hub, desk, "GET", "/v1/pull?cursor=-1");
    BOOST_TEST(neg.status == 400);
}

BOOST_AUTO_TEST_CASE(scope_refuses_and_filters_other_units)
{
    HubEnv env;
    test::writeFile(env.dir() / "plan.json", test::readFile(test::sourceDir() / "assets/plans/tay-ninh-373-2024.json"));
    auto imported = env.admin({"import-plan", (env.dir() / "plan.json").string()});
    BOOST_REQUIRE_MESSAGE(imported.exitCode == 0, imported.err);
    auto hub = env.hub();
    const auto deskA = env.enroll(*hub, "a");
    const auto deskB = env.enroll(*hub, "b");
    const std::int64_t before = env.changeCount();

    auto own = change("a", "t-a", "status", "doing");
    auto below = change("a1", "t-a1", "status", "doing");
    auto other = change("b", "t-b", "status", "stolen");
    auto above = change("p", "t-p", "status", "stolen");
    auto plan = change("", "373/KH-TCTĐA06", "document", json::Object{});
    plan.record.entity = "plan";
    auto unitB = change("b", "b", "name", "Huyện B mới");
    unitB.record.entity = "unit";
    auto newCommune = change("a2", "a2", "parent", "a");
    newCommune.record.entity = "unit";
    newCommune.record.op = work::ChangeOp::Insert;
    auto r = push(*hub, deskA, {own, below, other, above, plan, unitB, newCommune});
    BOOST_TEST(r.results[0].status == "acked");
    BOOST_TEST(r.results[1].status == "acked");
    for (int i : {2, 3, 4, 5}) {
        BOOST_TEST(r.results[static_cast<std::size_t>(i)].status == "rejected");
        BOOST_TEST(r.results[static_cast<std::size_t>(i)].reason == "not_authorized");
        BOOST_TEST(!r.results[static_cast<std::size_t>(i)].message.empty());
    }
    BOOST_TEST(r.results[6].status == "acked"); // a new unit below its own
    BOOST_TEST(env.changeCount() == before + 3);

    // B cannot take over A's task by naming its own unit, nor move A's new commune below itself.
    auto takeover = change("b", "t-a", "status", "taken");
    auto move = change("a2", "a2", "parent", "b");
    move.record.entity = "unit";
    auto moveByA = change("a2", "a2", "parent", "b");
    moveByA.record.entity = "unit";
    auto fromB = push(*hub, deskB, {takeover, move});
    BOOST_TEST(fromB.results[0].reason == "not_authorized");
    BOOST_TEST(fromB.results[0].message.find("belongs to the unit \"a\"") != std::string::npos,
               fromB.results[0].message);
    BOOST_TEST(fromB.results[1].reason == "not_authorized");
    auto fromA = push(*hub, deskA, {moveByA});
    BOOST_TEST(fromA.results[0].reason == "not_authorized", fromA.results[0].message);
    BOOST_TEST(env.changeCount() == before + 3);

    // The plan's units are in the tree: a desk of the plan's province sees its agencies' data.
    auto planUnits = env.admin({"code", "create", "--unit", "tinh-tay-ninh"});
    BOOST_REQUIRE_EQUAL(planUnits.exitCode, 0);
    BOOST_TEST(planUnits.err.find("warning") == std::string::npos, planUnits.err);

    // Unit data belong to the hub: a desk's later edit of its own unit is stored but loses.
    auto rename = change("a", "a", "name", "Huyện A (desk)");
    rename.record.entity = "unit";
    rename.record.hlc.wall += 24LL * 3600 * 1000;
    BOOST_TEST(push(*hub, deskA, {rename}).results[0].status == "acked");
    auto state = json::parse(env.admin({"state", "--json"}).out);
    BOOST_REQUIRE(state);
    BOOST_TEST(state->find("unit")->find("a")->find("name")->asString() == "Huyện A");
    BOOST_TEST(state->find("unit")->find("a2")->find("parent")->asString() == "a");
    BOOST_TEST(state->find("plan")->find("373/KH-TCTĐA06")->find("document")->isObject());

    // B sees the plan, its own unit and the province's unit record, none of A's data.
    auto seenByB = pullAll(*hub, deskB, 100);
    std::set<std::string> entities;
    for (const auto& c : seenByB) {
        BOOST_TEST(c.unit != "a");
        BOOST_TEST(c.unit != "a1");
        BOOST_TEST(c.unit != "a2");
        entities.insert(c.record.entity + ":" + c.record.entityId);
    }
    BOOST_TEST(entities.contains("plan:373/KH-TCTĐA06"));
    BOOST_TEST(entities.contains("unit:p"));
    BOOST_TEST(entities.contains("unit:b"));
    BOOST_TEST(!entities.contains("task:t-a"));
    // A sees its data, the new commune, and p's record; not b.
    auto seenByA = pullAll(*hub, deskA, 100);
    std::set<std::string> aEntities;
    for (const auto& c : seenByA) {
        aEntities.insert(c.record.entity + ":" + c.record.entityId);
    }
    BOOST_TEST(aEntities.contains("task:t-a"));
    BOOST_TEST(aEntities.contains("task:t-a1"));
    BOOST_TEST(aEntities.contains("unit:a2"));
    BOOST_TEST(aEntities.contains("unit:p"));
    BOOST_TEST(!aEntities.contains("unit:b"));
    // The plan document came down whole.
    for (const auto& c : seenByA) {
        if (c.record.entity == "plan") {
            BOOST_REQUIRE_EQUAL(c.record.fields.size(), 1u);
            BOOST_TEST(c.record.fields[0].first == "document");
            BOOST_TEST(c.record.fields[0].second.find("id")->asString() == "373/KH-TCTĐA06");
            BOOST_TEST(c.record.device == "hub");
        }
    }
}

BOOST_AUTO_TEST_CASE(authentication_failures_store_nothing)
{
    HubEnv env;
    auto hub = env.hub();
    const auto desk = env.enroll(*hub, "a");
    const auto victim = env.enroll(*hub, "a");
    const std::int64_t before = env.changeCount();
    const std::string body = pushBody({change("a", "t-x", "status", "doing")});

    // No credentials.
    auto none = http("POST", hub->url() + "/v1/push", body, {"Content-Type: application/json"});
    BOOST_TEST(none.status == 401);
    BOOST_TEST(errorOf(none) == "no_credentials");
    // Wrong signature: signed with another key.
    Credentials wrong = desk;
    wrong.secret[0] ^= 1;
    auto bad = signedRequest(*hub, wrong, "POST", "/v1/push", body);
    BOOST_TEST(bad.status == 401);
    BOOST_TEST(errorOf(bad) == "bad_credentials");
    // Signature of another body.
    auto headers = signedHeaders(desk, "POST", "/v1/push", body, nowMillis(), auth::randomHex(16));
    auto tampered = http("POST", hub->url() + "/v1/push", pushBody({change("a", "t-y", "status", "x")}), headers);
    BOOST_TEST(tampered.status == 401);
    BOOST_TEST(errorOf(tampered) == "bad_credentials");
    // Unknown device.
    Credentials ghost = desk;
    ghost.deviceId = "d-" + auth::randomHex(16);
    auto unknown = signedRequest(*hub, ghost, "POST", "/v1/push", body);
    BOOST_TEST(unknown.status == 401);
    BOOST_TEST(errorOf(unknown) == "bad_credentials");
    // A timestamp far off: clock_skew with the hub's time.
    auto skew = signedRequest(*hub, desk, "POST", "/v1/push", body, 24LL * 3600 * 1000);
    BOOST_TEST(skew.status == 401);
    auto skewBody = proto::decodeErrorBody(skew.body);
    BOOST_REQUIRE(skewBody);
    BOOST_TEST(skewBody->error == "clock_skew");
    BOOST_REQUIRE(skewBody->serverTime.has_value());
    BOOST_TEST(std::llabs(*skewBody->serverTime - nowMillis()) < 60000);
    auto behind = signedRequest(*hub, desk, "GET", "/v1/status", "", -301LL * 1000);
    BOOST_TEST(errorOf(behind) == "clock_skew");
    // A replay: the same request (same nonce) twice.
    const std::string nonce = auth::randomHex(16);
    const auto replayHeaders = signedHeaders(desk, "GET", "/v1/status", "", nowMillis(), nonce);
    auto firstTime = http("GET", hub->url() + "/v1/status", "", replayHeaders);
    BOOST_TEST(firstTime.status == 200);
    auto replay = http("GET", hub->url() + "/v1/status", "", replayHeaders);
    BOOST_TEST(replay.status == 401);
    BOOST_TEST(errorOf(replay) == "replayed");
    const auto pushHeaders = signedHeaders(desk, "POST", "/v1/push", body, nowMillis(), auth::randomHex(16));
    BOOST_TEST(http("POST", hub->url() + "/v1/push", body, pushHeaders).status == 200);
    auto replayedPush = http("POST", hub->url() + "/v1/push", body, pushHeaders);
    BOOST_TEST(errorOf(replayedPush) == "replayed");
    BOOST_TEST(env.changeCount() == before + 1);
    // A revoked device.
    auto revoke = env.admin({"devices", "revoke", victim.deviceId});
    BOOST_REQUIRE_MESSAGE(revoke.exitCode == 0, revoke.err);
    auto revoked = signedRequest(*hub, victim, "POST", "/v1/push", pushBody({change("a", "t-z", "status", "x")}));
    BOOST_TEST(revoked.status == 403);
    BOOST_TEST(errorOf(revoked) == "device_revoked");
    auto revokedPull = signedRequest(*hub, victim, "GET", "/v1/pull");
    BOOST_TEST(errorOf(revokedPull) == "device_revoked");
    BOOST_TEST(env.admin({"devices", "revoke", "d-nosuch"}).exitCode != 0);
    BOOST_TEST(env.changeCount() == before + 1);
    // The other device still works.
    BOOST_TEST(signedRequest(*hub, desk, "GET", "/v1/status").status == 200);
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_and_the_hub_keeps_serving)
{
    HubEnv env;
    auto hub = env.hub();
    const auto desk = env.enroll(*hub, "a");
    const std::int64_t before = env.changeCount();
    auto expect = [&](const HttpResult& r, long status, const std::string& error) {
        BOOST_TEST(r.status == status, "status " << r.status << " for " << error << ": " << r.body);
        BOOST_TEST(errorOf(r) == error);
    };
    expect(signedRequest(*hub, desk, "POST", "/v1/push", "{\"protocol\":1,\"changes\":[{]}"), 400, "malformed_json");
    expect(signedRequest(*hub, desk, "POST", "/v1/push", "\xff\xfe"), 400, "malformed_json");
    expect(signedRequest(*hub, desk, "POST", "/v1/push", "{\"protocol\":1,\"changes\":\"all\"}"), 400,
           "invalid_request");
    expect(signedRequest(*hub, desk, "POST", "/v1/push", "{\"protocol\":1}"), 400, "invalid_request");
    expect(signedRequest(*hub, desk, "POST", "/v1/push", "{\"protocol\":\"1\",\"changes\":[]}"), 400,
           "invalid_request");
    auto v2 = signedRequest(*hub, desk, "POST", "/v1/push", "{\"protocol\":2,\"changes\":[]}");
    expect(v2, 400, "unsupported_protocol");
    BOOST_TEST(v2.body.find("\"supported\":[1]") != std::string::npos);
    // Too many changes in one push.
    std::vector<proto::WireChange> many(501, change("a", "t-many", "status", "x"));
    expect(signedRequest(*hub, desk, "POST", "/v1/push", pushBody(many)), 400, "invalid_request");
    // Wrong content type.
    auto headers = signedHeaders(desk, "POST", "/v1/push", "{}", nowMillis(), auth::randomHex(16));
    headers.back() = "Content-Type: text/plain";
    expect(http("POST", hub->url() + "/v1/push", "{}", headers), 415, "unsupported_media_type");
    // Unknown path and wrong method.
    expect(http("GET", hub->url() + "/v1/nothing"), 404, "not_found");
    expect(http("DELETE", hub->url() + "/v1/push"), 405, "method_not_allowed");
    expect(http("GET", hub->url() + "/v1/enroll"), 405, "method_not_allowed");
    // Wrong types inside a change: that change is rejected as invalid, the others acked.
    auto good = change("a", "t-good", "status", "doing");
    auto goodJson = proto::wireChangeToJson(good).dump();
    auto badChange = proto::wireChangeToJson(change("a", "t-bad", "status", "x"));
    badChange.set("hlc", 17);
    const std::string mixed = "{\"protocol\":1,\"changes\":[" + goodJson + "," + badChange.dump() + ",\"text\"]}";
    auto mixedAnswer = signedRequest(*hub, desk, "POST", "/v1/push", mixed);
    BOOST_REQUIRE_EQUAL(mixedAnswer.status, 200);
    auto m = proto::decodePushResponse(mixedAnswer.body);
    BOOST_REQUIRE(m);
    BOOST_TEST(m->results[0].status == "acked");
    BOOST_TEST(m->results[1].status == "rejected");
    BOOST_TEST(m->results[1].reason == "invalid");
    BOOST_TEST(m->results[1].message.find("changes[1].hlc") != std::string::npos, m->results[1].message);
    BOOST_TEST(m->results[2].reason == "invalid");
    BOOST_TEST(env.changeCount() == before + 1);
    // A huge body: refused on its Content-Length…
    const std::string head = "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             "Content-Length: " +
                             std::to_string(9 * 1024 * 1024) + "\r\n\r\n";
    const std::string byLength = rawExchange(hub->port(), head, 1024, false);
    BOOST_TEST(byLength.starts_with("HTTP/1.1 413"), byLength.substr(0, 100));
    BOOST_TEST(byLength.find("body_too_large") != std::string::npos);
    // …and while reading a chunked one.
    const std::string chunkedHead = "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                    "Transfer-Encoding: chunked\r\n\r\n";
    const std::string byReading = rawExchange(hub->port(), chunkedHead, 9 * 1024 * 1024, true);
    BOOST_TEST(byReading.starts_with("HTTP/1.1 413"), byReading.substr(0, 100));
    // And through curl with a signed 9 MiB body.
    const std::string huge(9 * 1024 * 1024, ' ');
    auto hugeAnswer = signedRequest(*hub, desk, "POST", "/v1/push", huge);
    BOOST_TEST((hugeAnswer.status == 413 || hugeAnswer.status == 0));
    // Still serving, nothing stored.
    BOOST_TEST(http("GET", hub->url() + "/v1/health").status == 200);
    BOOST_TEST(signedRequest(*hub, desk, "GET", "/v1/status").status == 200);
    BOOST_TEST(push(*hub, desk, {change("a", "t-after", "status", "ok")}).results[0].status == "acked");
    BOOST_TEST(env.changeCount() == before + 2);
    // SIGTERM stops it cleanly.
    BOOST_TEST(hub->terminate() == 0);
    bool stopped = false;
    for (const auto& l : hub->lines()) {
        stopped = stopped || l == "da06-hub: stopped";
    }
    BOOST_TEST(stopped);
}

BOOST_AUTO_TEST_CASE(two_hubs_on_one_database_store_each_change_once)
{
    HubEnv env;
    auto hub1 = env.hub();
    auto hub2 = env.hub();
    const auto desk = env.enroll(*hub1, "a");
    const std::int64_t before = env.changeCount();
    std::vector<std::vector<proto::WireChange>> batches;
    for (int b = 0; b < 6; ++b) {
        std::vector<proto::WireChange> batch;
        for (int i = 0; i < 40; ++i) {
            batch.push_back(change("a", "t-" + std::to_string(i), "progress", b * 40 + i));
        }
        batches.push_back(std::move(batch));
    }
    std::atomic<int> acked{0}, failures{0};
    auto deliver = [&](const HubProcess& h) {
        for (const auto& batch : batches) {
            auto r = signedRequest(h, desk, "POST", "/v1/push", pushBody(batch));
            auto p = proto::decodePushResponse(r.body);
            if (r.status != 200 || !p) {
                ++failures;
                continue;
            }
            for (const auto& res : p->results) {
                acked += res.status == "acked" ? 1 : 0;
            }
        }
    };
    std::thread t1([&] { deliver(*hub1); });
    std::thread t2([&] { deliver(*hub2); });
    t1.join();
    t2.join();
    BOOST_TEST(failures.load() == 0);
    BOOST_TEST(acked.load() == 2 * 240);
    BOOST_TEST(env.changeCount() == before + 240);
    // Both hubs agree, and the merged value is the last progress.
    auto via1 = pullAll(*hub1, desk, 1000);
    auto via2 = pullAll(*hub2, desk, 1000);
    BOOST_TEST(via1.size() == via2.size());
    auto state = json::parse(env.admin({"state", "--json"}).out);
    BOOST_REQUIRE(state);
    for (int i = 0; i < 40; ++i) {
        BOOST_TEST(state->find("task")->find("t-" + std::to_string(i))->find("progress")->asInteger() == 200 + i);
    }
}

BOOST_AUTO_TEST_CASE(kill9_during_pushes_loses_and_duplicates_nothing)
{
    HubEnv env;
    auto hub = env.hub();
    const auto desk = env.enroll(*hub, "a");
    const std::int64_t before = env.changeCount();
    std::atomic<bool> stop{false};
    std::atomic<int> port{hub->port()};
    std::atomic<int> batchesAcked{0}, retries{0};
    std::vector<std::string> generated;
    std::thread client([&] {
        int n = 0;
        while (!stop.load()) {
            std::vector<proto::WireChange> batch;
            for (int i = 0; i < 20; ++i, ++n) {
                batch.push_back(change(i % 2 ? "a" : "a1", "t-" + std::to_string(n % 50), "progress", n));
                generated.push_back(batch.back().record.changeId);
            }
            const std::string body = pushBody(batch);
            // Retry the batch until every change is acknowledged (fresh nonce each time).
            for (;;) {
                const std::string url = "http://127.0.0.1:" + std::to_string(port.load()) + "/v1/push";
                auto r = http("POST", url, body,
                              signedHeaders(desk, "POST", "/v1/push", body, nowMillis(), auth::randomHex(16)),
                              HttpOptions{{}, {}, 3000});
                auto p = r.status == 200 ? proto::decodePushResponse(r.body) : std::unexpected(Error{});
                if (p && p->results.size() == batch.size() &&
                    std::all_of(p->results.begin(), p->results.end(),
                                [](const auto& x) { return x.status == "acked"; })) {
                    ++batchesAcked;
                    break;
                }
                ++retries;
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        }
    });
    std::mt19937 rng(std::random_device{}());
    std::uniform_int_distribution<int> pause(5, 120);
    int kills = 0;
    for (; kills < 32; ++kills) {
        std::this_thread::sleep_for(std::chrono::milliseconds(pause(rng)));
        hub->kill9();
        hub->start();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop = true;
    client.join();
    BOOST_TEST_MESSAGE("kills " << kills << ", batches acked " << batchesAcked.load() << ", retries "
                                << retries.load());
    BOOST_TEST(kills >= 30);
    BOOST_TEST(batchesAcked.load() >= 10);
    // Zero lost, zero duplicated.
    BOOST_TEST(env.changeCount() == before + static_cast<std::int64_t>(generated.size()));
    auto all = pullAll(*hub, desk, 5000);
    std::set<std::string> ids;
    for (const auto& c : all) {
        BOOST_TEST(ids.insert(c.record.changeId).second);
    }
    for (const auto& id : generated) {
        BOOST_TEST(ids.contains(id));
    }
}

BOOST_AUTO_TEST_CASE(tls_with_a_development_certificate)
{
    HubEnv env;
    auto hub = env.hub({"--tls-dev", "--data", (env.dir() / "tls").string()});
    std::string pin;
    for (const auto& l : hub->lines()) {
        if (l.starts_with("da06-hub: public key pin ")) {
            pin = l.substr(std::string("da06-hub: public key pin ").size());
        }
    }
    BOOST_TEST(pin.starts_with("sha256//"));
    BOOST_TEST(pin.size() == 8u + 44u);
    const std::string cert = (env.dir() / "tls" / "tls-dev-cert.pem").string();
    BOOST_TEST(std::filesystem::exists(cert));
    const auto keyPerms = std::filesystem::status(env.dir() / "tls" / "tls-dev-key.pem").permissions();
    BOOST_TEST(((keyPerms & std::filesystem::perms::group_all) == std::filesystem::perms::none));
    BOOST_TEST(((keyPerms & std::filesystem::perms::others_all) == std::filesystem::perms::none));
    const std::string url = "https://127.0.0.1:" + std::to_string(hub->port()) + "/v1/health";
    auto ok = http("GET", url, {}, {}, HttpOptions{cert, pin, 5000});
    BOOST_TEST(ok.status == 200, ok.error);
    auto localhost = http("GET", "https://localhost:" + std::to_string(hub->port()) + "/v1/health", {}, {},
                          HttpOptions{cert, {}, 5000});
    BOOST_TEST(localhost.status == 200, localhost.error);
    auto wrongPin = http("GET", url, {}, {}, HttpOptions{cert, "sha256//" + std::string(43, 'A') + "=", 5000});
    BOOST_TEST(wrongPin.status == 0);
    auto untrusted = http("GET", url, {}, {}, HttpOptions{"/etc/ssl/certs/ca-certificates.crt", {}, 5000});
    BOOST_TEST(untrusted.status == 0);
    auto plain = http("GET", "http://127.0.0.1:" + std::to_string(hub->port()) + "/v1/health", {}, {},
                      HttpOptions{{}, {}, 3000});
    BOOST_TEST(plain.status != 200);
    // The same certificate and pin on the next start, and the files given explicitly.
    hub->terminate();
    auto explicitFiles = env.hub({"--tls-cert", cert, "--tls-key", (env.dir() / "tls" / "tls-dev-key.pem").string()});
    auto viaFiles = http("GET", "https://127.0.0.1:" + std::to_string(explicitFiles->port()) + "/v1/health", {}, {},
                         HttpOptions{cert, pin, 5000});
    BOOST_TEST(viaFiles.status == 200, viaFiles.error);
    explicitFiles->terminate();
    auto again = env.hub({"--tls-dev", "--data", (env.dir() / "tls").string()});
    bool samePin = false;
    for (const auto& l : again->lines()) {
        samePin = samePin || l == "da06-hub: public key pin " + pin;
    }
    BOOST_TEST(samePin);
}

BOOST_AUTO_TEST_CASE(database_outage_is_answered_503_and_survived)
{
    if (!onPostgres()) {
        // On SQLite the database is a file of the hub itself; its refusal to start is checked instead.
        test::TempDir dir;
        test::writeFile(dir / "data", "not a folder");
        auto r = test::runProgram(hubProgram(), {"--data", (dir / "data").string(), "--plain", "--listen",
                                                 "127.0.0.1:" + std::to_string(freePort())});
        BOOST_TEST(r.exitCode == 1);
        BOOST_TEST(r.err.find("da06-hub: ") != std::string::npos, r.err);
        return;
    }
    PostgresCluster own;
    const std::string url = own.newDatabase();
    test::TempDir dir;
    HubProcess hub({"--postgres", url}, dir / "hub.log");
    hub.start();
    test::writeFile(dir / "units.json", kUnits);
    BOOST_REQUIRE_EQUAL(
        test::runProgram(hubProgram(), {"admin", "--postgres", url, "import-units", (dir / "units.json").string()})
            .exitCode,
        0);
    auto code = test::runProgram(hubProgram(), {"admin", "--postgres", url, "code", "create", "--unit", "a"});
    auto e =
        http("POST", hub.url() + "/v1/enroll", proto::encode(proto::EnrollRequest{code.out.substr(0, 14), "x", "n"}),
             {"Content-Type: application/json"});
    BOOST_REQUIRE_EQUAL(e.status, 200);
    auto enrolled = proto::decodeEnrollResponse(e.body);
    BOOST_REQUIRE(enrolled);
    Credentials desk{enrolled->deviceId, auth::base64Decode(enrolled->deviceSecret).value(), "a"};
    BOOST_TEST(push(hub, desk, {change("a", "t-1", "status", "doing")}).results[0].status == "acked");

    own.stop();
    auto down = signedRequest(hub, desk, "POST", "/v1/push", pushBody({change("a", "t-2", "status", "lost?")}));
    BOOST_TEST(down.status == 503);
    BOOST_TEST(errorOf(down) == "unavailable");
    BOOST_TEST(http("GET", hub.url() + "/v1/health").status == 200);
    own.start();
    // The hub reconnects by itself; the desk's retry is stored.
    HttpResult again;
    for (int i = 0; i < 20 && again.status != 200; ++i) {
        again = signedRequest(hub, desk, "POST", "/v1/push", pushBody({change("a", "t-2", "status", "kept")}));
    }
    BOOST_TEST(again.status == 200, again.body);
    auto count = test::runProgram(hubProgram(), {"admin", "--postgres", url, "changes", "count"});
    BOOST_TEST(std::stoll(count.out) == 4 + 2); // the 4 units and the two pushes
    BOOST_TEST(hub.terminate() == 0);

    // A hub that cannot reach its database at start says so and stops.
    own.stop();
    auto r = test::runProgram(hubProgram(),
                              {"--postgres", url, "--plain", "--listen", "127.0.0.1:" + std::to_string(freePort())});
    BOOST_TEST(r.exitCode == 1);
    BOOST_TEST(r.err.find("cannot connect to PostgreSQL") != std::string::npos, r.err);
    own.start();
}

BOOST_AUTO_TEST_CASE(command_line_is_checked)
{
    const std::string listen = "127.0.0.1:" + std::to_string(freePort());
    test::TempDir dir;
    auto open = test::runProgram(hubProgram(), {"--data", dir.path().string(), "--plain", "--listen", "0.0.0.0:8999"});
    BOOST_TEST(open.exitCode == 2);
    BOOST_TEST(open.err.find("loopback") != std::string::npos, open.err);
    auto noTls = test::runProgram(hubProgram(), {"--data", dir.path().string(), "--listen", listen});
    BOOST_TEST(noTls.exitCode == 2);
    auto both = test::runProgram(hubProgram(), {"--data", dir.path().string(), "--plain", "--tls-dev"});
    BOOST_TEST(both.exitCode == 2);
    auto nothing = test::runProgram(hubProgram(), {"--plain"});
    BOOST_TEST(nothing.exitCode == 2);
    auto unknown = test::runProgram(hubProgram(), {"admin", "--data", dir.path().string(), "frobnicate"});
    BOOST_TEST(unknown.exitCode == 2);
    auto badUnits =
        test::runProgram(hubProgram(), {"admin", "--data", dir.path().string(), "import-units", "/nonexistent"});
    BOOST_TEST(badUnits.exitCode == 1);
    test::writeFile(dir / "plan.json", "{\"format\":\"da06-plan\"}");
    auto badPlan = test::runProgram(
        hubProgram(), {"admin", "--data", dir.path().string(), "import-plan", (dir / "plan.json").string()});
    BOOST_TEST(badPlan.exitCode == 1);
    BOOST_TEST(!badPlan.err.empty());
    auto count = test::runProgram(hubProgram(), {"admin", "--data", dir.path().string(), "changes", "count"});
    BOOST_TEST(count.out == "0\n");
    // The key of the SQLite file is private.
    const auto perms = std::filesystem::status(dir / "hub.key").permissions();
    BOOST_TEST(((perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) ==
                std::filesystem::perms::none));
}
