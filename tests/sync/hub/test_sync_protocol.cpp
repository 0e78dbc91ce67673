// The sync protocol codec, the merge rule and the authentication cryptography.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "tests/support/TestSupport.h"
#ifndef DA06_PORTABLE_TEST // the portable slice (mingw + wine) has no OpenSSL
#include "sync/protocol/Auth.h"
#endif
#include "sync/protocol/Merge.h"
#include "sync/protocol/Protocol.h"

using namespace da06;
using namespace da06::sync;

namespace {

protocol::WireChange sampleChange(const std::string& id = std::string(32, 'a'))
{
    protocol::WireChange c;
    c.record.changeId = id;
    c.record.entity = "task";
    c.record.entityId = "t-1";
    c.record.op = work::ChangeOp::Update;
    c.record.fields.emplace_back("status", json::Value("done"));
    c.record.fields.emplace_back("progress", json::Value(75));
    c.record.fields.emplace_back("title", json::Value("Cấp căn cước cho người dân"));
    c.record.hlc = work::HlcTimestamp{1764201600000, 3, "9f3c0a1b2c3d4e5f"};
    c.record.device = "d-0123";
    c.record.user = "admin";
    c.unit = "UBND-HUYEN-CHAU-THANH";
    return c;
}

std::string validChangeJson()
{
    return protocol::wireChangeToJson(sampleChange()).dump();
}

// A push body whose only change has field key replaced by the JSON text value (or removed when empty).
std::string pushWith(const std::string& key, const std::string& value)
{
    auto v = json::parse(validChangeJson());
    BOOST_REQUIRE(v);
    json::Object out;
    for (auto& [k, fv] : v->asObject()) {
        if (k == key) {
            if (value.empty()) {
                continue;
            }
            auto nv = json::parse(value);
            BOOST_REQUIRE(nv);
            out.emplace_back(k, *nv);
        } else {
            out.emplace_back(k, fv);
        }
    }
    return "{\"protocol\":1,\"changes\":[" + json::Value(out).dump() + "]}";
}

void expectInvalid(const Result<protocol::PushRequest>& r, const std::string& path)
{
    BOOST_REQUIRE_MESSAGE(!r, "expected a refusal naming " + path);
    BOOST_TEST(r.error().code == ErrorCode::InvalidInput);
    BOOST_TEST_MESSAGE(r.error().message);
    BOOST_TEST(r.error().message.starts_with(path + ":"), r.error().message);
}

} // namespace

BOOST_AUTO_TEST_CASE(enroll_round_trip)
{
    protocol::EnrollRequest q{"K7Q2-M9XD-4TWP", "Văn phòng công chứng số 1", "9f3c0a1b2c3d4e5f"};
    auto d = protocol::decodeEnrollRequest(protocol::encode(q));
    BOOST_REQUIRE(d);
    BOOST_TEST(d->code == q.code);
    BOOST_TEST(d->deviceName == q.deviceName);
    BOOST_TEST(d->node == q.node);

    protocol::EnrollResponse a{"d-" + std::string(32, 'b'), "c2VjcmV0", "UBND-X", std::string(32, 'c'), 1764201600000};
    auto e = protocol::decodeEnrollResponse(protocol::encode(a));
    BOOST_REQUIRE(e);
    BOOST_TEST(e->deviceId == a.deviceId);
    BOOST_TEST(e->deviceSecret == a.deviceSecret);
    BOOST_TEST(e->unit == a.unit);
    BOOST_TEST(e->hubId == a.hubId);
    BOOST_TEST(e->serverTime == a.serverTime);
    BOOST_TEST(protocol::encode(q).find("\"protocol\":1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(push_and_pull_round_trip)
{
    protocol::PushRequest p;
    p.changes.push_back(sampleChange());
    p.changes.push_back(sampleChange(std::string(32, 'f')));
    p.changes[1].record.op = work::ChangeOp::Insert;
    auto d = protocol::decodePushRequest(protocol::encode(p));
    BOOST_REQUIRE(d);
    BOOST_REQUIRE(d->changes.size() == 2u);
    const auto& c = d->changes[0];
    BOOST_TEST(c.record.changeId == std::string(32, 'a'));
    BOOST_TEST(c.record.entity == "task");
    BOOST_TEST(c.record.entityId == "t-1");
    BOOST_TEST((c.record.op == work::ChangeOp::Update));
    BOOST_TEST((d->changes[1].record.op == work::ChangeOp::Insert));
    BOOST_TEST((c.record.hlc == sampleChange().record.hlc));
    BOOST_TEST(c.record.device == "d-0123");
    BOOST_TEST(c.record.user == "admin");
    BOOST_TEST(c.unit == "UBND-HUYEN-CHAU-THANH");
    BOOST_REQUIRE(c.record.fields.size() == 3u);
    BOOST_TEST(c.record.fields[1].second.asInteger() == 75);
    BOOST_TEST(c.record.fields[2].second.asString() == "Cấp căn cước cho người dân");

    protocol::PushResponse r;
    r.results.push_back({std::string(32, 'a'), "acked", "", ""});
    r.results.push_back({std::string(32, 'f'), "rejected", "not_authorized", "unit X is not yours"});
    r.serverTime = 42;
    auto rd = protocol::decodePushResponse(protocol::encode(r));
    BOOST_REQUIRE(rd);
    BOOST_REQUIRE(rd->results.size() == 2u);
    BOOST_TEST(rd->results[0].status == "acked");
    BOOST_TEST(rd->results[1].reason == "not_authorized");
    BOOST_TEST(rd->results[1].message == "unit X is not yours");
    BOOST_TEST(rd->serverTime == 42);

    protocol::PullResponse pl;
    pl.changes = p.changes;
    pl.cursor = 1234;
    pl.more = true;
    pl.serverTime = 7;
    auto pd = protocol::decodePullResponse(protocol::encode(pl));
    BOOST_REQUIRE(pd);
    BOOST_TEST(pd->changes.size() == 2u);
    BOOST_TEST(pd->cursor == 1234);
    BOOST_TEST(pd->more);
    BOOST_TEST(pd->serverTime == 7);
}

BOOST_AUTO_TEST_CASE(status_and_error_round_trip)
{
    protocol::StatusResponse s{"d-1", "UBND-X", "hub1", true, 99, 12};
    auto d = protocol::decodeStatusResponse(protocol::encode(s));
    BOOST_REQUIRE(d);
    BOOST_TEST(d->deviceId == "d-1");
    BOOST_TEST(d->revoked);
    BOOST_TEST(d->changes == 12);
    BOOST_TEST(d->serverTime == 99);

    protocol::ErrorBody e{401, "clock_skew", "your clock is off", 1764201600000};
    const std::string text = protocol::encode(e);
    auto ed = protocol::decodeErrorBody(text);
    BOOST_REQUIRE(ed);
    BOOST_TEST(ed->error == "clock_skew");
    BOOST_TEST(ed->message == "your clock is off");
    BOOST_REQUIRE(ed->serverTime.has_value());
    BOOST_TEST(*ed->serverTime == 1764201600000);
    BOOST_TEST(ed->httpStatus == 0);

    auto u = protocol::encode(protocol::ErrorBody{400, "unsupported_protocol", "version 2", std::nullopt});
    BOOST_TEST(u.find("\"supported\":[1]") != std::string::npos, u);
    auto ud = protocol::decodeErrorBody(u);
    BOOST_REQUIRE(ud);
    BOOST_TEST(!ud->serverTime.has_value());
}

BOOST_AUTO_TEST_CASE(malformed_change_fields_are_refused_with_their_path)
{
    expectInvalid(protocol::decodePushRequest(pushWith("change_id", "")), "changes[0].change_id");
    expectInvalid(protocol::decodePushRequest(pushWith("change_id", "5")), "changes[0].change_id");
    expectInvalid(protocol::decodePushRequest(pushWith("change_id", "\"ABC\"")), "changes[0].change_id");
    expectInvalid(protocol::decodePushRequest(pushWith("entity", "")), "changes[0].entity");
    expectInvalid(protocol::decodePushRequest(pushWith("entity", "null")), "changes[0].entity");
    expectInvalid(protocol::decodePushRequest(pushWith("entity_id", "[]")), "changes[0].entity_id");
    expectInvalid(protocol::decodePushRequest(pushWith("op", "\"merge\"")), "changes[0].op");
    expectInvalid(protocol::decodePushRequest(pushWith("op", "")), "changes[0].op");
    expectInvalid(protocol::decodePushRequest(pushWith("fields", "[]")), "changes[0].fields");
    expectInvalid(protocol::decodePushRequest(pushWith("fields", "")), "changes[0].fields");
    expectInvalid(protocol::decodePushRequest(pushWith("hlc", "\"yesterday\"")), "changes[0].hlc");
    expectInvalid(protocol::decodePushRequest(pushWith("hlc", "17")), "changes[0].hlc");
    expectInvalid(protocol::decodePushRequest(pushWith("device", "")), "changes[0].device");
    expectInvalid(protocol::decodePushRequest(pushWith("device", "true")), "changes[0].device");
    expectInvalid(protocol::decodePushRequest(pushWith("user", "")), "changes[0].user");
    expectInvalid(protocol::decodePushRequest(pushWith("user", "{}")), "changes[0].user");
    expectInvalid(protocol::decodePushRequest(pushWith("unit", "")), "changes[0].unit");
    expectInvalid(protocol::decodePushRequest(pushWith("unit", "1.5")), "changes[0].unit");
    expectInvalid(protocol::decodePushRequest("{\"protocol\":1,\"changes\":[5]}"), "changes[0]");
    expectInvalid(protocol::decodePushRequest("{\"protocol\":1,\"changes\":{}}"), "changes");
    expectInvalid(protocol::decodePushRequest("{\"protocol\":1}"), "changes");
    // The second change is named by its index.
    const std::string two = "{\"protocol\":1,\"changes\":[" + validChangeJson() + ",{\"change_id\":3}]}";
    expectInvalid(protocol::decodePushRequest(two), "changes[1].change_id");
}

BOOST_AUTO_TEST_CASE(protocol_version_and_syntax_are_checked)
{
    auto noProtocol = protocol::decodePushRequest("{\"changes\":[]}");
    BOOST_REQUIRE(!noProtocol);
    BOOST_TEST(noProtocol.error().message.starts_with("protocol:"));
    BOOST_TEST((protocol::classify(noProtocol.error()) == protocol::DecodeProblem::InvalidRequest));

    auto v2 = protocol::decodePushRequest("{\"protocol\":2,\"changes\":[]}");
    BOOST_REQUIRE(!v2);
    BOOST_TEST((protocol::classify(v2.error()) == protocol::DecodeProblem::UnsupportedProtocol));

    auto textVersion =
        protocol::decodeEnrollRequest("{\"protocol\":\"1\",\"code\":\"x\",\"device_name\":\"\",\"node\":\"n\"}");
    BOOST_REQUIRE(!textVersion);
    BOOST_TEST(textVersion.error().message.starts_with("protocol:"));

    for (const char* bad : {"", "{", "[1,2]", "{\"protocol\":1,}", "nul", "\"text\""}) {
        auto r = protocol::decodePushRequest(bad);
        BOOST_REQUIRE(!r);
        BOOST_TEST(r.error().code == ErrorCode::InvalidInput);
        BOOST_TEST((protocol::classify(r.error()) == protocol::DecodeProblem::MalformedJson), bad);
    }

    auto tooMany = protocol::PushRequest{};
    for (int i = 0; i < 501; ++i) {
        tooMany.changes.push_back(sampleChange());
    }
    auto t = protocol::decodePushRequest(protocol::encode(tooMany));
    BOOST_REQUIRE(!t);
    BOOST_TEST(t.error().message.starts_with("changes:"));
}

BOOST_AUTO_TEST_CASE(malformed_answers_are_refused_with_their_path)
{
    auto a =
        protocol::decodeEnrollResponse("{\"protocol\":1,\"device_id\":\"d\",\"device_secret\":\"s\",\"unit\":\"u\","
                                       "\"hub_id\":\"h\",\"server_time\":\"now\"}");
    BOOST_REQUIRE(!a);
    BOOST_TEST(a.error().message.starts_with("server_time:"), a.error().message);
    auto b = protocol::decodeEnrollRequest("{\"protocol\":1,\"code\":\"\",\"device_name\":\"x\",\"node\":\"n\"}");
    BOOST_REQUIRE(!b);
    BOOST_TEST(b.error().message.starts_with("code:"));
    auto c = protocol::decodeEnrollRequest("{\"protocol\":1,\"code\":\"c\",\"device_name\":\"x\"}");
    BOOST_REQUIRE(!c);
    BOOST_TEST(c.error().message.starts_with("node:"));
    auto d = protocol::decodePushResponse(
        "{\"protocol\":1,\"results\":[{\"change_id\":\"x\",\"status\":\"maybe\"}],\"server_time\":1}");
    BOOST_REQUIRE(!d);
    BOOST_TEST(d.error().message.starts_with("results[0].status:"), d.error().message);
    auto e = protocol::decodePushResponse(
        "{\"protocol\":1,\"results\":[{\"change_id\":\"x\",\"status\":\"rejected\"}],\"server_time\":1}");
    BOOST_REQUIRE(!e);
    BOOST_TEST(e.error().message.starts_with("results[0].reason:"), e.error().message);
    auto f =
        protocol::decodePullResponse("{\"protocol\":1,\"changes\":[],\"cursor\":3,\"more\":\"yes\",\"server_time\":1}");
    BOOST_REQUIRE(!f);
    BOOST_TEST(f.error().message.starts_with("more:"));
    auto g =
        protocol::decodePullResponse("{\"protocol\":1,\"changes\":[],\"cursor\":-1,\"more\":false,\"server_time\":1}");
    BOOST_REQUIRE(!g);
    BOOST_TEST(g.error().message.starts_with("cursor:"));
    auto h = protocol::decodeStatusResponse("{\"protocol\":1,\"device_id\":\"d\",\"unit\":\"u\",\"hub_id\":\"h\","
                                            "\"revoked\":0,\"server_time\":1,\"changes\":0}");
    BOOST_REQUIRE(!h);
    BOOST_TEST(h.error().message.starts_with("revoked:"));
    auto i = protocol::decodeErrorBody("{\"protocol\":1,\"message\":\"m\"}");
    BOOST_REQUIRE(!i);
    BOOST_TEST(i.error().message.starts_with("error:"));
}

BOOST_AUTO_TEST_CASE(canonical_request_string)
{
    const std::string s = protocol::canonicalRequest(
        "POST", "/v1/pull?cursor=5&limit=10", 1764201600000, "0123456789abcdef0123456789abcdef",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(s == "POST\n/v1/pull?cursor=5&limit=10\n1764201600000\n0123456789abcdef0123456789abcdef\n"
                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

#ifndef DA06_PORTABLE_TEST
BOOST_AUTO_TEST_CASE(hmac_matches_rfc4231)
{
    // Test case 1.
    std::vector<std::uint8_t> key1(20, 0x0b);
    BOOST_TEST(auth::hmacSha256Hex(key1, "Hi There") ==
               "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    // Test case 2.
    const std::string jefe = "Jefe";
    std::vector<std::uint8_t> key2(jefe.begin(), jefe.end());
    BOOST_TEST(auth::hmacSha256Hex(key2, "what do ya want for nothing?") ==
               "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // Test case 6: a key longer than the block.
    std::vector<std::uint8_t> key6(131, 0xaa);
    BOOST_TEST(auth::hmacSha256Hex(key6, "Test Using Larger Than Block-Size Key - Hash Key First") ==
               "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    BOOST_TEST(auth::sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

BOOST_AUTO_TEST_CASE(base64_random_and_comparison)
{
    const std::vector<std::uint8_t> data{'f', 'o', 'o', 'b', 'a'};
    BOOST_TEST(auth::base64Encode(data) == "Zm9vYmE=");
    auto d = auth::base64Decode("Zm9vYmE=");
    BOOST_REQUIRE(d);
    BOOST_TEST((*d == data));
    BOOST_TEST(auth::base64Decode("Zm9vYg==")->size() == 4u);
    BOOST_TEST(auth::base64Decode("Zm9v")->size() == 3u);
    BOOST_TEST(!auth::base64Decode("Zm9"));
    BOOST_TEST(!auth::base64Decode("Zm9v!mE="));
    BOOST_TEST(!auth::base64Decode("Zm=vYmE="));
    auto r32 = auth::randomBytes(32);
    BOOST_TEST(auth::base64Decode(auth::base64Encode(r32)).value() == r32);
    const std::string h1 = auth::randomHex(16), h2 = auth::randomHex(16);
    BOOST_TEST(h1.size() == 32u);
    BOOST_TEST(h1 != h2);
    BOOST_TEST(h1.find_first_not_of("0123456789abcdef") == std::string::npos);
    BOOST_TEST(auth::constantTimeEquals("abc", "abc"));
    BOOST_TEST(!auth::constantTimeEquals("abc", "abd"));
    BOOST_TEST(!auth::constantTimeEquals("abc", "abcd"));
    BOOST_TEST(auth::constantTimeEquals("", ""));
}

#endif

BOOST_AUTO_TEST_CASE(merge_rule)
{
    using protocol::FieldVersion;
    const std::int64_t now = 1764201600000;
    const std::int64_t day = 24LL * 3600 * 1000;
    FieldVersion a{{now, 0, "aaaa"}, "d-a"};
    FieldVersion later{{now + 1, 0, "bbbb"}, "d-b"};
    BOOST_TEST(protocol::remoteWins(a, later));
    BOOST_TEST(!protocol::remoteWins(later, a));
    // Same wall time: the counter, then the node, decide.
    FieldVersion c1{{now, 1, "aaaa"}, "d-a"};
    BOOST_TEST(protocol::remoteWins(a, c1));
    FieldVersion n2{{now, 0, "bbbb"}, "d-b"};
    BOOST_TEST(protocol::remoteWins(a, n2));
    BOOST_TEST(!protocol::remoteWins(n2, a));
    BOOST_TEST(!protocol::remoteWins(a, a));
    // The hub wins whatever the hlc, and a desk never beats the hub.
    FieldVersion hubOld{{now - 10 * day, 0, "hub"}, "hub"};
    BOOST_TEST(protocol::remoteWins(later, hubOld));
    BOOST_TEST(!protocol::remoteWins(hubOld, later));
    FieldVersion hubNew{{now - 9 * day, 0, "hub"}, "hub"};
    BOOST_TEST(protocol::remoteWins(hubOld, hubNew));
    BOOST_TEST(!protocol::remoteWins(hubNew, hubOld));
    // A desk whose clock is a day behind: having received the other desk's edit, its next edit
    // (hlcReceive then hlcTick) is stamped after it and wins.
    const work::HlcTimestamp seen{now, 4, "aaaa"};
    work::HlcTimestamp mine = work::hlcReceive(work::HlcTimestamp{now - day, 0, "cccc"}, seen, now - day);
    mine = work::hlcTick(mine, now - day + 5);
    BOOST_TEST((mine > seen));
    BOOST_TEST(protocol::remoteWins(FieldVersion{seen, "d-a"}, FieldVersion{mine, "d-c"}));
    // Without having seen it, its edit loses (older hlc).
    BOOST_TEST(!protocol::remoteWins(FieldVersion{seen, "d-a"}, FieldVersion{{now - day, 0, "cccc"}, "d-c"}));

    BOOST_TEST(protocol::isAppendOnly("task_note"));
    BOOST_TEST(protocol::isAppendOnly("task_evidence"));
    BOOST_TEST(!protocol::isAppendOnly("task"));
    BOOST_TEST(!protocol::isAppendOnly("plan"));
}
