// Presenters driven with fake views, on a real (temporary) encrypted store: no display needed.
#include <boost/test/unit_test.hpp>

#include "client/presenters/ModelsPresenter.h"
#include "client/presenters/PassphraseRules.h"
#include "client/presenters/StartupPresenter.h"
#include "tests/support/TestSupport.h"

using namespace da06;
using namespace da06::ui;

namespace {

const char* const kPass = "mot hai ba bon nam sau";

class FakeModelsView : public ModelsView {
public:
    void showGroups(const std::vector<GroupNode>& g) override
    {
        groups = g;
        ++groupCalls;
    }
    void showDetail(const ModelDetail& d) override
    {
        detail = d;
        hasDetail = true;
    }
    void clearDetail() override { hasDetail = false; }
    void showStatus(const std::string& t) override { status = t; }
    void showError(const std::string& t) override { error = t; }

    std::vector<GroupNode> groups;
    ModelDetail detail;
    bool hasDetail = false;
    int groupCalls = 0;
    std::string status, error;
};

std::string fieldValue(const ModelDetail& d, const std::string& label)
{
    for (const auto& f : d.fields) {
        if (f.label == label) {
            return f.value;
        }
    }
    return {};
}

} // namespace

BOOST_AUTO_TEST_SUITE(presenters)

BOOST_AUTO_TEST_CASE(passphrase_strength_hints)
{
    BOOST_TEST(!evaluatePassphrase("").acceptable);
    BOOST_TEST(!evaluatePassphrase("abc123").acceptable); // too short
    BOOST_TEST(evaluatePassphrase("abc123").hint.find("10") != std::string::npos);
    BOOST_TEST(!evaluatePassphrase("aaaaaaaaaaaaaaaa").acceptable); // long but repetitive
    BOOST_TEST(evaluatePassphrase("trời hôm nay nhiều mây").acceptable);
    BOOST_TEST(evaluatePassphrase("Tay-Ninh 2024 de an 06!").score >= 3);
    BOOST_TEST(!evaluatePassphrase("qwertyuiop").label.empty());
}

BOOST_AUTO_TEST_CASE(first_start_then_unlock)
{
    test::TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 2, 20});
    StartupPresenter startup(dir / "data" / "store.da06", clock);
    BOOST_TEST(startup.isFirstStart());

    auto badName = startup.createStore("Nguyễn An", kPass, kPass);
    BOOST_REQUIRE(!badName);
    auto mismatch = startup.createStore("admin", kPass, "something else entirely");
    BOOST_REQUIRE(!mismatch);
    BOOST_TEST(StartupPresenter::messageFor(mismatch.error()).find("differ") != std::string::npos);
    auto weak = startup.createStore("admin", "short", "short");
    BOOST_REQUIRE(!weak);
    BOOST_TEST(startup.isFirstStart()); // nothing was created by the refused attempts

    {
        auto st = startup.createStore("lan", kPass, kPass);
        BOOST_REQUIRE_MESSAGE(st, (st ? "" : st.error().message));
        BOOST_TEST(st->actor.user == "lan");
        BOOST_TEST((st->actor.role == access::Role::Admin));
        plan::PlanRepository repo(st->store.db(), clock);
        BOOST_TEST((*repo.currentPlan())->modelCount == 42);
    }
    BOOST_TEST(startup.knownUsers() == std::vector<std::string>{"lan"});
    BOOST_TEST(!startup.isFirstStart());
    auto wrong = startup.unlock("lan", "not the passphrase");
    BOOST_REQUIRE(!wrong);
    BOOST_TEST((wrong.error().code == ErrorCode::WrongPassphrase));
    BOOST_TEST(StartupPresenter::messageFor(wrong.error()).find("wrong") != std::string::npos);
    BOOST_TEST(startup.unlock("lan", kPass).has_value());
    BOOST_TEST(startup.unlock("", kPass).has_value());
    auto nobody = startup.unlock("minh", kPass);
    BOOST_REQUIRE(!nobody);
    BOOST_TEST((nobody.error().code == ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(models_grouped_searched_and_selected)
{
    test::TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 2, 20});
    StartupPresenter startup(dir / "store.da06", clock);
    auto st = startup.createStore("admin", kPass, kPass);
    BOOST_REQUIRE(st);
    plan::PlanRepository repo(st->store.db(), clock);
    FakeModelsView view;
    ModelsPresenter p(view, repo);
    p.load();
    BOOST_TEST(view.error.empty());
    BOOST_REQUIRE(view.groups.size() == 5u);
    BOOST_TEST(view.groups[0].code == "A");
    BOOST_TEST(view.groups[0].rows.size() == 5u);
    BOOST_TEST(view.groups[1].rows.size() == 16u);
    BOOST_TEST(view.groups[0].rows[0].deadline == "31/01/2024");
    BOOST_TEST(view.groups[1].rows[1].deadline == "30/06/2024"); // model 7, Quý II/2024
    BOOST_TEST(view.groups[2].rows[3].deadline == "Recurring");  // model 25
    BOOST_TEST(view.groups[0].rows[0].leadUnits == "Văn phòng UBND Tỉnh");
    BOOST_TEST(view.status == "42 models");
    BOOST_TEST(p.totalCount() == 42);

    // Search with and without diacritics finds the same models.
    p.setQuery("cầm đồ");
    const int withMarks = p.shownCount();
    p.setQuery("cam do");
    BOOST_TEST(p.shownCount() == withMarks);
    BOOST_TEST(withMarks >= 1);
    BOOST_TEST(view.groups[0].rows[0].number == 15);
    BOOST_TEST(view.status.find("of 42") != std::string::npos);
    p.setQuery("SO Y TE"); // a unit, in capitals without marks
    BOOST_TEST(p.shownCount() >= 3);
    p.setQuery("khong co mo hinh nao nhu the nay");
    BOOST_TEST(p.shownCount() == 0);
    BOOST_TEST(view.groups.empty());
    p.setQuery("");
    BOOST_TEST(p.shownCount() == 42);

    p.select(41);
    BOOST_REQUIRE(view.hasDetail);
    BOOST_TEST(view.detail.heading == "Model 41");
    BOOST_TEST(fieldValue(view.detail, "Deadline").find("Completed (2021)") != std::string::npos);
    BOOST_TEST(fieldValue(view.detail, "Funding").find("Funded") == 0);
    p.select(4);
    BOOST_TEST(fieldValue(view.detail, "Funding").find("Self-equipped: 1 bộ máy tính") == 0);
    BOOST_TEST(!fieldValue(view.detail, "Lead unit").empty());
    BOOST_TEST(fieldValue(view.detail, "Target").find("công chứng") != std::string::npos);
    p.select(5);
    BOOST_TEST(fieldValue(view.detail, "Target").empty()); // model 5 has no target: no empty row
    // A search that hides the selected model clears the detail.
    p.setQuery("VNeID kiosk khong");
    BOOST_TEST(!view.hasDetail);
    p.select(999);
    BOOST_TEST(!view.hasDetail);
}

BOOST_AUTO_TEST_SUITE_END()
