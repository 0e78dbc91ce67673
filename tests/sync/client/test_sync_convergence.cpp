// Three real desks (`da06`, each its own store) and the real da06-hub on loopback: concurrent
// offline edits of the same tasks and notes, synchronized in all six orders and a final round.
// Every desk and the hub end identical, every conflict is recorded, every note is present exactly
// once; one desk's clock is a day behind and its edits are still ordered after what it has seen.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

#include "tests/sync/client/SyncTestSupport.h"

using namespace da06;
using namespace da06::synctest;

namespace {

std::string yesterdayUtc()
{
    std::time_t t = std::time(nullptr) - 24 * 3600;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

struct TaskFields {
    std::string status, responsible, title;
    std::int64_t percent = -1;
    bool operator==(const TaskFields&) const = default;
};

std::map<std::string, TaskFields> deskTasks(const Desk& d)
{
    auto list = d.json({"tasks", "list", "--json"});
    std::map<std::string, TaskFields> out;
    for (const auto& t : list.asArray()) {
        out[t.find("uid")->asString()] = {t.find("status")->asString(), t.find("responsible")->asString(),
                                          t.find("title")->asString(), t.find("percent")->asInteger()};
    }
    return out;
}

std::vector<std::string> deskNotes(const Desk& d, const std::string& uid)
{
    auto t = d.json({"tasks", "show", uid, "--json"});
    std::vector<std::string> out;
    for (const auto& n : t.find("notes")->asArray()) {
        out.push_back(n.find("uid")->asString());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(three_desks_converge_in_every_order)
{
    test::TempDir dir;
    Hub hub(dir / "hub");
    hub.importBasics();
    hub.start();
    std::vector<Desk> desks = {Desk(dir / "desk0.da06"), Desk(dir / "desk1.da06"), Desk(dir / "desk2.da06")};
    desks[2].fakeToday = yesterdayUtc(); // this desk's clock is a day behind
    for (auto& d : desks) {
        d.setUp(hub);
    }
    // Two tasks made on desk 0 reach every desk.
    std::vector<std::string> uids;
    for (int model : {1, 2}) {
        auto t = desks[0].json({"tasks", "add", std::to_string(model), "--unit", "huyen-tan-bien", "--title",
                                "Việc chung " + std::to_string(model), "--json"});
        uids.push_back(t.find("uid")->asString());
    }
    for (auto& d : desks) {
        d.ok({"sync"});
    }
    for (auto& d : desks) {
        d.ok({"sync"});
        BOOST_TEST_REQUIRE(deskTasks(d).size() == 2u);
    }

    // Six rounds: offline edits on every desk, then syncs in one of the six orders.
    const char* statuses[] = {"in_progress", "blocked", "not_started"};
    std::vector<int> order = {0, 1, 2};
    struct Written {
        int round;
        std::string uid, field, value;
    };
    std::vector<Written> written;
    int notes = 0;
    for (int round = 0; round < 6; ++round) {
        for (int i = 0; i < 3; ++i) {
            for (const auto& uid : uids) {
                const std::string status = statuses[(i + round) % 3];
                const std::string percent = std::to_string(10 * (i + 1) + round);
                const std::string responsible = "Người " + std::to_string(i) + " vòng " + std::to_string(round);
                desks[i].ok({"tasks", "update", uid, "--status", status, "--percent", percent, "--responsible",
                             responsible, "--note",
                             "Ghi chú bàn " + std::to_string(i) + " vòng " + std::to_string(round)});
                written.push_back({round, uid, "percent", percent});
                written.push_back({round, uid, "responsible", "\"" + responsible + "\""});
                ++notes;
            }
        }
        for (int i : order) {
            auto r = desks[i].run({"sync", "--json"});
            BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        }
        std::next_permutation(order.begin(), order.end());
    }
    // The final round: every desk receives what the others sent last.
    for (auto& d : desks) {
        d.ok({"sync"});
    }

    // Identical everywhere, and equal to the hub's merged state.
    const json::Value state = hub.state();
    const auto reference = deskTasks(desks[0]);
    for (const auto& uid : uids) {
        const json::Value* h = state.find("task")->find(uid);
        BOOST_REQUIRE(h);
        const TaskFields hubFields{h->find("status")->asString(), h->find("responsible")->asString(),
                                   h->find("title")->asString(), h->find("percent")->asInteger()};
        BOOST_TEST(reference.at(uid).status == hubFields.status);
        BOOST_TEST(reference.at(uid).responsible == hubFields.responsible);
        BOOST_TEST(reference.at(uid).percent == hubFields.percent);
        BOOST_TEST(reference.at(uid).title == hubFields.title);
        // The final value is one written in the last round.
        BOOST_TEST(hubFields.responsible.find("vòng 5") != std::string::npos);
    }
    for (int i = 1; i < 3; ++i) {
        BOOST_TEST((deskTasks(desks[i]) == reference), "desk " << i << " differs from desk 0");
    }
    // Every note exactly once on every desk and on the hub.
    std::map<std::string, std::vector<std::string>> hubNotes;
    for (const auto& [id, fields] : state.find("task_note")->asObject()) {
        hubNotes[fields.find("task")->asString()].push_back(id);
    }
    std::size_t total = 0;
    for (const auto& uid : uids) {
        auto& h = hubNotes[uid];
        std::sort(h.begin(), h.end());
        total += h.size();
        for (const auto& d : desks) {
            const auto n = deskNotes(d, uid);
            BOOST_TEST((std::adjacent_find(n.begin(), n.end()) == n.end()));
            BOOST_TEST((n == h));
        }
    }
    BOOST_TEST(total == static_cast<std::size_t>(notes));

    // Every conflict recorded: of the three values written concurrently in a round, the two that
    // lost are kept as conflict records (by the desk that synchronized last in that round).
    std::set<std::tuple<std::string, std::string, std::string>> losing;
    for (const auto& d : desks) {
        auto list = d.json({"sync", "conflicts", "--all", "--json"});
        for (const auto& c : list.asArray()) {
            losing.insert(
                {c.find("entity_id")->asString(), c.find("field")->asString(), c.find("losing_value")->dump()});
        }
        auto status = d.json({"sync", "status", "--json"});
        BOOST_TEST(status.find("outbox")->find("pending")->asInteger() == 0);
        BOOST_TEST(status.find("outbox")->find("sent")->asInteger() == 0);
    }
    for (int round = 0; round < 6; ++round) {
        for (const auto& uid : uids) {
            for (const char* field : {"percent", "responsible"}) {
                int recorded = 0;
                for (const auto& w : written) {
                    if (w.round == round && w.uid == uid && w.field == field) {
                        recorded += losing.contains({uid, field, w.value}) ? 1 : 0;
                    }
                }
                BOOST_TEST(recorded >= 2,
                           "round " << round << " task " << uid << " field " << field << ": " << recorded);
            }
        }
    }

    // The desk a day behind edits after seeing everything: its edit wins everywhere.
    desks[2].ok({"tasks", "update", uids[0], "--responsible", "Bàn chậm một ngày"});
    desks[2].ok({"sync"});
    desks[0].ok({"sync"});
    desks[1].ok({"sync"});
    for (const auto& d : desks) {
        BOOST_TEST(deskTasks(d).at(uids[0]).responsible == "Bàn chậm một ngày");
    }
    BOOST_TEST(hub.state().find("task")->find(uids[0])->find("responsible")->asString() == "Bàn chậm một ngày");
}
