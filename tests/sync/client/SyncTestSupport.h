#pragma once
// The real da06-hub on loopback and real da06 desks (each its own store in a temporary folder),
// for the end-to-end tests of the desk's synchronization.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "domain/core/Json.h"
#include "tests/support/TestSupport.h"
#include "tests/sync/hub/HubTestSupport.h"

namespace da06::synctest {

using hubtest::hubProgram;
inline std::filesystem::path deskProgram()
{
    return DA06_DESK_PROGRAM;
}
inline const char* passphrase()
{
    return "mot hai ba bon nam sau";
}

// da06-hub --data DIR on a fixed free loopback port (--plain, or --tls-dev), restartable on the
// same port: the hub tests' own fixture (tests/sync/hub/HubTestSupport.h), plus the admin
// commands the desk tests need.
class Hub {
public:
    explicit Hub(std::filesystem::path data, bool tlsDev = false)
        : m_data(std::move(data)), m_tls(tlsDev),
          m_process({"--data", m_data.string()}, m_data.parent_path() / (m_data.filename().string() + "-requests.log"),
                    {tlsDev ? "--tls-dev" : "--plain"})
    {
    }

    void start()
    {
        m_process.start();
        for (const auto& line : m_process.lines()) {
            const std::string certTag = "da06-hub: development certificate ";
            if (line.rfind(certTag, 0) == 0) {
                m_cert = line.substr(certTag.size());
            }
            const std::string pinTag = "da06-hub: public key pin ";
            if (line.rfind(pinTag, 0) == 0) {
                m_pin = line.substr(pinTag.size());
            }
        }
    }
    // SIGKILL, then wait for the process to go.
    void kill9() { m_process.kill9(); }
    void restart()
    {
        m_process.kill9();
        m_process.start();
    }
    test::RunResult admin(const std::vector<std::string>& args) const
    {
        std::vector<std::string> all = {"admin", "--data", m_data.string()};
        all.insert(all.end(), args.begin(), args.end());
        return test::runProgram(hubProgram(), all);
    }
    // Units and plan of Tây Ninh, as the hub admin imports them.
    void importBasics() const
    {
        auto u = admin({"import-units", (test::sourceDir() / "assets/units/tay-ninh-units.json").string()});
        BOOST_REQUIRE_MESSAGE(u.exitCode == 0, u.err);
        auto p = admin({"import-plan", (test::sourceDir() / "assets/plans/tay-ninh-373-2024.json").string()});
        BOOST_REQUIRE_MESSAGE(p.exitCode == 0, p.err);
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
    json::Value state() const
    {
        auto r = admin({"state", "--json"});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        auto v = json::parse(r.out);
        BOOST_REQUIRE(v);
        return *v;
    }
    std::int64_t changeCount() const
    {
        auto r = admin({"changes", "count"});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        return std::stoll(r.out);
    }
    std::string url() const
    {
        return std::string(m_tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(m_process.port());
    }
    int port() const { return m_process.port(); }
    const std::string& pin() const { return m_pin; }
    const std::string& certFile() const { return m_cert; }
    const std::filesystem::path& data() const { return m_data; }

private:
    std::filesystem::path m_data;
    bool m_tls = false;
    hubtest::HubProcess m_process;
    std::string m_pin;
    std::string m_cert;
};

// A desk: `da06 --store PATH …` with the passphrase in the environment.
class Desk {
public:
    explicit Desk(std::filesystem::path store) : m_store(std::move(store)) {}

    test::RunResult run(const std::vector<std::string>& args) const
    {
        std::vector<std::string> all = {"--store", m_store.string()};
        all.insert(all.end(), args.begin(), args.end());
        std::map<std::string, std::string> env = {{"DA06_PASSPHRASE", passphrase()},
                                                  {"DA06_SYNC_BACKOFF_BASE_MS", "50"}};
        if (fakeToday) {
            env["DA06_FAKE_TODAY"] = *fakeToday;
        }
        return test::runProgram(deskProgram(), all, env);
    }
    test::RunResult ok(const std::vector<std::string>& args) const
    {
        auto r = run(args);
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0,
                              "da06 " + (args.empty() ? std::string() : args[0]) + " failed: " + r.err);
        return r;
    }
    json::Value json(const std::vector<std::string>& args) const
    {
        auto r = ok(args);
        auto v = json::parse(r.out);
        BOOST_REQUIRE_MESSAGE(v, "not JSON: " + r.out);
        return *v;
    }
    // init, the desk's unit, enrollment with a fresh code.
    void setUp(const Hub& hub, const std::string& unit = "huyen-tan-bien")
    {
        ok({"init"});
        ok({"desk", "unit", "set", unit});
        ok({"enroll", "--server", hub.url(), "--code", hub.code(unit), "--name", m_store.stem().string()});
    }
    std::optional<std::string> fakeToday;
    const std::filesystem::path& store() const { return m_store; }

private:
    std::filesystem::path m_store;
};

} // namespace da06::synctest
