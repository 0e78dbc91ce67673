// Security through the engine, with real desks and the real hub: a wrong or used code, a revoked
// device, TLS with the hub's development certificate (not trusted without --ca, a pin mismatch
// refused, the right pin accepted), plain http refused off loopback, enrollment only for admins.
#include <boost/test/unit_test.hpp>

#include "tests/sync/client/SyncTestSupport.h"

using namespace da06;
using namespace da06::synctest;

BOOST_AUTO_TEST_CASE(wrong_code_used_code_and_revoked_device_are_refused_with_exit_8)
{
    test::TempDir dir;
    Hub hub(dir / "hub");
    hub.importBasics();
    hub.start();
    Desk d(dir / "desk.da06");
    d.ok({"init"});
    d.ok({"desk", "unit", "set", "huyen-tan-bien"});

    auto wrong = d.run({"enroll", "--server", hub.url(), "--code", "AAAA-BBBB-CCCC"});
    BOOST_TEST(wrong.exitCode == 8);
    BOOST_TEST(wrong.err.find("hub") != std::string::npos);
    BOOST_TEST(!d.json({"sync", "status", "--json"}).find("enrolled")->asBool());

    const std::string code = hub.code("huyen-tan-bien");
    d.ok({"enroll", "--server", hub.url(), "--code", code});
    Desk other(dir / "other.da06");
    other.ok({"init"});
    auto used = other.run({"enroll", "--server", hub.url(), "--code", code});
    BOOST_TEST(used.exitCode == 8);
    BOOST_TEST(used.err.find("already used") != std::string::npos);

    // Enrollment needs the admin role.
    auto staffPass =
        test::runProgram(deskProgram(), {"--store", other.store().string(), "user", "add", "lan", "--role", "staff"},
                         {{"DA06_PASSPHRASE", passphrase()}, {"DA06_NEW_PASSPHRASE", "mot hai ba bon nam bay"}});
    BOOST_REQUIRE_MESSAGE(staffPass.exitCode == 0, staffPass.err);
    auto asStaff = test::runProgram(deskProgram(),
                                    {"--store", other.store().string(), "--user", "lan", "enroll", "--server",
                                     hub.url(), "--code", hub.code("huyen-tan-bien")},
                                    {{"DA06_PASSPHRASE", "mot hai ba bon nam bay"}});
    BOOST_TEST(asStaff.exitCode == 10);

    d.ok({"sync"});
    auto st = d.json({"sync", "status", "--json"});
    BOOST_TEST(st.find("enrolled")->asBool());
    const std::string device = st.find("device_id")->asString();
    auto revoke = hub.admin({"devices", "revoke", device});
    BOOST_REQUIRE_MESSAGE(revoke.exitCode == 0, revoke.err);
    d.ok({"tasks", "add", "1", "--unit", "huyen-tan-bien", "--title", "Sau khi thu hồi"});
    auto refused = d.run({"sync"});
    BOOST_TEST(refused.exitCode == 8);
    BOOST_TEST(refused.err.find("revoked") != std::string::npos);
    auto after = d.json({"sync", "status", "--json"});
    BOOST_TEST(after.find("last_error")->asString().find("revoked") != std::string::npos);
    BOOST_TEST(after.find("outbox")->find("pending")->asInteger() > 0); // nothing lost
}

BOOST_AUTO_TEST_CASE(tls_certificate_must_be_trusted_and_the_pin_must_match)
{
    test::TempDir dir;
    Hub hub(dir / "hub", true);
    hub.importBasics();
    hub.start();
    BOOST_REQUIRE(!hub.certFile().empty());
    BOOST_REQUIRE(hub.pin().rfind("sha256//", 0) == 0);
    Desk d(dir / "desk.da06");
    d.ok({"init"});
    d.ok({"desk", "unit", "set", "huyen-tan-bien"});
    const std::string code = hub.code("huyen-tan-bien");

    auto untrusted = d.run({"enroll", "--server", hub.url(), "--code", code});
    BOOST_TEST(untrusted.exitCode == 8);
    BOOST_TEST(untrusted.err.find("not trusted") != std::string::npos);

    auto pinned = d.run({"enroll", "--server", hub.url(), "--code", code, "--ca", hub.certFile(), "--pin",
                         "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="});
    BOOST_TEST(pinned.exitCode == 8);
    BOOST_TEST(pinned.err.find("pinned") != std::string::npos);

    // Neither attempt used the code: the right CA and pin enroll with it.
    d.ok({"enroll", "--server", hub.url(), "--code", code, "--ca", hub.certFile(), "--pin", hub.pin()});
    d.ok({"tasks", "add", "1", "--unit", "huyen-tan-bien", "--title", "Qua TLS"});
    auto r = d.json({"sync", "--json"});
    BOOST_TEST(r.find("acked")->asInteger() >= 1);
    BOOST_TEST(hub.state().find("task")->asObject().size() == 1u);

    auto plain = d.run({"enroll", "--server", "http://192.0.2.1:8443", "--code", code});
    BOOST_TEST(plain.exitCode == 2);
    BOOST_TEST(plain.err.find("plain http") != std::string::npos);
}
