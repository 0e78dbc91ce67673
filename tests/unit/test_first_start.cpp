// The first start on a new machine, driven through its presenter with a fake enroller and a fake
// reader probe: unit chosen (and saved), hub enrollment checked before it is tried, "work alone",
// reader advice for a stopped service, no reader and a reader with a card, and the summary.
#include <boost/test/unit_test.hpp>

#include "client/presenters/FirstStartPresenter.h"
#include "client/presenters/StartupPresenter.h"
#include "domain/work/UnitService.h"
#include "tests/support/TestSupport.h"

using namespace da06;
using namespace da06::ui;

namespace {

struct Fixture {
    test::TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 6, 3});
    access::Session session;
    std::vector<HubEnrollment> calls;
    Status enrollAnswer;
    ReaderStatusInput readers;

    Fixture() : session(make()) {}
    access::Session make()
    {
        StartupPresenter startup(dir / "s.da06", clock);
        auto s = startup.createStore("admin", "mật khẩu quản trị rất dài", "mật khẩu quản trị rất dài");
        BOOST_REQUIRE(s);
        return std::move(*s);
    }
    FirstStartPresenter presenter()
    {
        return FirstStartPresenter(
            session, clock,
            [this](const HubEnrollment& r) {
                calls.push_back(r);
                return enrollAnswer;
            },
            [this] { return readers; });
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(first_start)

BOOST_AUTO_TEST_CASE(unit_step_lists_filters_and_saves)
{
    Fixture f;
    auto p = f.presenter();
    BOOST_TEST((p.step() == FirstStartPresenter::Step::Unit));
    BOOST_TEST(p.next() == "Choose the unit this desk belongs to.");
    BOOST_TEST((p.step() == FirstStartPresenter::Step::Unit));

    const auto all = p.units();
    BOOST_TEST(all.size() > 20u);
    BOOST_TEST(all.front().depth == 0);
    // Tree order: every unit with a depth > 0 follows a unit one level up.
    for (std::size_t i = 1; i < all.size(); ++i) {
        BOOST_TEST(all[i].depth <= all[i - 1].depth + 1);
    }
    // Without diacritics.
    const auto found = p.units("tan bien");
    BOOST_REQUIRE(!found.empty());
    BOOST_TEST(found.front().label.find("Tân Biên") != std::string::npos);
    BOOST_TEST(p.units("khong co don vi nay").empty());

    BOOST_TEST(!p.chooseUnit("no-such-unit").empty());
    BOOST_TEST(p.chooseUnit(found.front().id) == "");
    BOOST_TEST(p.next() == "");
    BOOST_TEST((p.step() == FirstStartPresenter::Step::Hub));

    // Saved in the store: a new presenter (the dialog reopened) starts with it.
    work::UnitService units(f.session.store.db(), f.clock, f.session.actor);
    auto desk = units.deskUnit();
    BOOST_REQUIRE(desk && *desk);
    BOOST_TEST((*desk)->id == found.front().id);
    auto again = f.presenter();
    BOOST_TEST(again.chosenUnit().value_or("") == found.front().id);
}

BOOST_AUTO_TEST_CASE(hub_step_checks_before_enrolling)
{
    Fixture f;
    auto p = f.presenter();
    BOOST_REQUIRE(p.chooseUnit("huyen-tan-bien").empty());
    BOOST_REQUIRE(p.next().empty());
    BOOST_TEST(p.next() == "Enroll with the hub, or choose to work alone for now.");

    // Refused before any network call.
    BOOST_TEST(p.enroll({"ftp://hub", "K7Q2-M9XD-4TWP", ""}).find("https://") != std::string::npos);
    BOOST_TEST(p.enroll({"http://hub.tayninh.gov.vn", "K7Q2-M9XD-4TWP", ""}).find("unencrypted") != std::string::npos);
    BOOST_TEST(p.enroll({"https://", "K7Q2-M9XD-4TWP", ""}).find("no server name") != std::string::npos);
    BOOST_TEST(p.enroll({"https://hub.tayninh.gov.vn", "K7Q2-M9XD", ""}).find("12 letters") != std::string::npos);
    BOOST_TEST(p.enroll({"https://hub.tayninh.gov.vn", "K7Q2-M9XD-4TW0", ""}).find("12 letters") !=
               std::string::npos); // 0 is never used
    BOOST_TEST(f.calls.empty());

    // The hub refuses: the message says what to do, the step stays.
    f.enrollAnswer = fail(ErrorCode::Unauthorized, "enrollment_code_used");
    BOOST_TEST(p.enroll({"https://hub.tayninh.gov.vn:8443", "k7q2 m9xd 4twp", ""}).find("new one") !=
               std::string::npos);
    BOOST_REQUIRE(f.calls.size() == 1u);
    BOOST_TEST(f.calls[0].code == "K7Q2-M9XD-4TWP"); // normalized as typed with spaces, lower case
    f.enrollAnswer = fail(ErrorCode::Network, "connection refused");
    BOOST_TEST(p.enroll({"https://hub.tayninh.gov.vn:8443", "K7Q2M9XD4TWP", ""}).find("cannot be reached") !=
               std::string::npos);
    BOOST_TEST(!p.enrolled());

    f.enrollAnswer = {};
    BOOST_TEST(p.enroll({"http://127.0.0.1:8080", "K7Q2-M9XD-4TWP", "/tmp/ca.pem"}) == "");
    BOOST_TEST(f.calls.back().caFile == "/tmp/ca.pem");
    BOOST_TEST(p.enrolled());
    BOOST_TEST(p.next() == "");
    BOOST_TEST((p.step() == FirstStartPresenter::Step::Readers));
}

BOOST_AUTO_TEST_CASE(reader_step_gives_advice)
{
    Fixture f;
    auto p = f.presenter();
    BOOST_REQUIRE(p.chooseUnit("huyen-tan-bien").empty());
    BOOST_REQUIRE(p.next().empty());
    p.workAlone();
    BOOST_TEST(!p.enrolled());

    f.readers = ReaderStatusInput{true, false, {}}; // service stopped
    BOOST_REQUIRE(p.next().empty());                // entering the step checks once
    BOOST_REQUIRE(p.lastReaderCheck());
    BOOST_TEST((p.lastReaderCheck()->severity == ReaderSeverity::Error));
    BOOST_TEST(p.lastReaderCheck()->advice.size() == 2u);

    f.readers = ReaderStatusInput{true, true, {}}; // running, nothing plugged in
    auto none = p.checkReaders();
    BOOST_TEST((none.severity == ReaderSeverity::Warning));
    BOOST_TEST(!none.advice.empty());

    f.readers =
        ReaderStatusInput{true, true, {{"ACS ACR1252 1S CL Reader PICC 0", true}, {"Virtual PCD 00 00", false}}};
    auto two = p.checkReaders();
    BOOST_TEST((two.severity == ReaderSeverity::Ok));
    BOOST_TEST(two.summary == "2 readers found.");
    BOOST_TEST(two.advice.size() == 2u);
    BOOST_TEST(two.advice[0].find("a card is on it") != std::string::npos);

    // Readers never block the end of the first start.
    BOOST_TEST(p.next() == "");
    BOOST_TEST((p.step() == FirstStartPresenter::Step::Done));
    const auto lines = p.summary();
    BOOST_REQUIRE(lines.size() == 4u);
    BOOST_TEST(lines[0] == "Unit of this desk: Huyện Tân Biên");
    BOOST_TEST(lines[1].find("Working alone") != std::string::npos);
    BOOST_TEST(lines[2] == "Card readers: 2 readers found.");

    p.back();
    BOOST_TEST((p.step() == FirstStartPresenter::Step::Readers));
}

BOOST_AUTO_TEST_SUITE_END()
