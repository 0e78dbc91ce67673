// The portable rules of the staff's work: deadline states, model summaries, months, the hybrid
// logical clock, change records and indicator values (standard library + da06::core only).
#include <boost/test/unit_test.hpp>

#include "domain/work/ChangeRecord.h"
#include "domain/work/DeadlineRules.h"
#include "domain/work/Hlc.h"
#include "domain/work/WorkTypes.h"
#include "tests/work/WorkTestSupport.h"

using namespace da06;
using namespace da06::work;

namespace {

Date d(int y, int m, int day)
{
    return Date{y, m, day};
}

TaskTiming open(int percent, Date start, Date due, TaskStatus s = TaskStatus::InProgress)
{
    return TaskTiming{s, percent, start, due, std::nullopt};
}

plan::Deadline month(int y, int m)
{
    return plan::Deadline{plan::DeadlineKind::Month, monthKey(y, m), std::nullopt, Date::lastDayOfMonth(y, m)};
}

plan::Deadline quarter(int y, int q)
{
    return plan::Deadline{plan::DeadlineKind::Quarter, std::to_string(y) + "-Q" + std::to_string(q), std::nullopt,
                          Date::lastDayOfQuarter(y, q)};
}

} // namespace

BOOST_AUTO_TEST_SUITE(work_rules)

BOOST_AUTO_TEST_CASE(task_states)
{
    const Date start = d(2024, 1, 1);
    const Date due = d(2024, 3, 31);
    // Overdue: the day after the due date, not on it.
    BOOST_TEST(evaluateTask(open(50, start, due), d(2024, 4, 1)).state == DeadlineState::Overdue);
    BOOST_TEST(*evaluateTask(open(50, start, due), d(2024, 4, 3)).daysLeft == -3);
    BOOST_TEST(evaluateTask(open(95, start, due), d(2024, 3, 31)).state == DeadlineState::DueSoon);
    // Due within 7 days: 24 March … 31 March.
    BOOST_TEST(evaluateTask(open(95, start, due), d(2024, 3, 24)).state == DeadlineState::DueSoon);
    BOOST_TEST(evaluateTask(open(95, start, due), d(2024, 3, 23)).state == DeadlineState::OnTrack);
    // At risk: percent behind the share of time elapsed (15 Feb ≈ 49 % of Jan 1 … Mar 31).
    const auto mid = evaluateTask(open(20, start, due), d(2024, 2, 15));
    BOOST_TEST(mid.state == DeadlineState::AtRisk);
    BOOST_TEST(mid.behind);
    BOOST_TEST(mid.expectedPercent == 49);
    BOOST_TEST(evaluateTask(open(60, start, due), d(2024, 2, 15)).state == DeadlineState::OnTrack);
    // A tolerance can be set.
    BOOST_TEST(evaluateTask(open(45, start, due), d(2024, 2, 15), DeadlineThresholds{7, 10}).state ==
               DeadlineState::OnTrack);
    // Not started yet before its start: nothing is expected.
    BOOST_TEST(evaluateTask(open(0, d(2024, 3, 1), due, TaskStatus::NotStarted), d(2024, 2, 1)).state ==
               DeadlineState::OnTrack);
    // Due soon and behind at once: the state says due soon, the flag says behind.
    const auto soon = evaluateTask(open(10, start, due), d(2024, 3, 28));
    BOOST_TEST(soon.state == DeadlineState::DueSoon);
    BOOST_TEST(soon.behind);
    // Blocked tasks are open.
    BOOST_TEST(evaluateTask(open(10, start, due, TaskStatus::Blocked), d(2024, 5, 1)).state == DeadlineState::Overdue);
}

BOOST_AUTO_TEST_CASE(done_cancelled_and_no_deadline)
{
    TaskTiming t{TaskStatus::Done, 100, d(2024, 1, 1), d(2024, 1, 31), d(2024, 1, 31)};
    BOOST_TEST(evaluateTask(t, d(2024, 6, 1)).state == DeadlineState::DoneOnTime);
    t.completedOn = d(2024, 2, 1);
    BOOST_TEST(evaluateTask(t, d(2024, 6, 1)).state == DeadlineState::DoneLate);
    t.due.reset();
    BOOST_TEST(evaluateTask(t, d(2024, 6, 1)).state == DeadlineState::DoneOnTime);
    t.status = TaskStatus::Cancelled;
    BOOST_TEST(evaluateTask(t, d(2024, 6, 1)).state == DeadlineState::Cancelled);
    TaskTiming none{TaskStatus::InProgress, 30, std::nullopt, std::nullopt, std::nullopt};
    BOOST_TEST(evaluateTask(none, d(2024, 6, 1)).state == DeadlineState::NoDeadline);
    BOOST_TEST(!evaluateTask(none, d(2024, 6, 1)).daysLeft.has_value());
}

BOOST_AUTO_TEST_CASE(default_dates_from_the_plan_forms)
{
    const Date today = d(2024, 2, 20);
    // "Tháng 01/2024" → 31 Jan; "Quý II/2024" → 30 June; recurring → end of this month; completed → none.
    BOOST_TEST(defaultDueDate(month(2024, 1), today)->toIso() == "2024-01-31");
    BOOST_TEST(defaultDueDate(month(2024, 2), today)->toIso() == "2024-02-29");
    BOOST_TEST(defaultDueDate(quarter(2024, 2), today)->toIso() == "2024-06-30");
    BOOST_TEST(defaultStartDate(quarter(2024, 2), today)->toIso() == "2024-04-01");
    BOOST_TEST(defaultStartDate(month(2024, 8), today)->toIso() == "2024-08-01");
    const plan::Deadline recurring{plan::DeadlineKind::Recurring, std::nullopt, std::nullopt, std::nullopt};
    BOOST_TEST(defaultDueDate(recurring, today)->toIso() == "2024-02-29");
    BOOST_TEST(defaultStartDate(recurring, today)->toIso() == "2024-02-01");
    const plan::Deadline completed{plan::DeadlineKind::Completed, std::nullopt, 2021, std::nullopt};
    BOOST_TEST(!defaultDueDate(completed, today).has_value());
    BOOST_TEST(!defaultStartDate(completed, today).has_value());
}

BOOST_AUTO_TEST_CASE(months)
{
    BOOST_TEST(monthKey(2024, 3) == "2024-03");
    BOOST_TEST(!parseMonthKey("2024-13"));
    BOOST_TEST(!parseMonthKey("2024-3"));
    const auto m = monthsBetween("2023-11", "2024-02");
    BOOST_TEST(m.size() == 4u);
    BOOST_TEST(m.front() == "2023-11");
    BOOST_TEST(m.back() == "2024-02");
    BOOST_TEST(monthsBetween("2024-03", "2024-02").empty());
}

BOOST_AUTO_TEST_CASE(model_summaries)
{
    const Date today = d(2024, 4, 10);
    // A quarter model past its due date with an open task: overdue; progress is the mean.
    std::vector<TaskTiming> tasks = {TaskTiming{TaskStatus::Done, 100, d(2024, 1, 1), d(2024, 3, 31), d(2024, 3, 20)},
                                     open(40, d(2024, 1, 1), d(2024, 3, 31)),
                                     TaskTiming{TaskStatus::Cancelled, 0, std::nullopt, d(2024, 3, 31), std::nullopt}};
    auto s = summarizeModel(quarter(2024, 1), tasks, today);
    BOOST_TEST(s.tasks == 2);
    BOOST_TEST(s.done == 1);
    BOOST_TEST(s.overdue == 1);
    BOOST_TEST(s.percent == 70);
    BOOST_TEST(s.state == DeadlineState::Overdue);
    // All done: on time or late.
    tasks[1] = TaskTiming{TaskStatus::Done, 100, d(2024, 1, 1), d(2024, 3, 31), d(2024, 4, 2)};
    s = summarizeModel(quarter(2024, 1), tasks, today);
    BOOST_TEST(s.percent == 100);
    BOOST_TEST(s.state == DeadlineState::DoneLate);
    // No tasks: the model's own due date decides.
    BOOST_TEST(summarizeModel(quarter(2024, 1), {}, today).state == DeadlineState::Overdue);
    BOOST_TEST(summarizeModel(quarter(2024, 2), {}, today).state == DeadlineState::AtRisk);
    BOOST_TEST(summarizeModel(quarter(2024, 3), {}, today).state == DeadlineState::OnTrack);
    // Already completed before the plan (model 41): done, 100 %.
    const plan::Deadline completed{plan::DeadlineKind::Completed, std::nullopt, 2021, std::nullopt};
    s = summarizeModel(completed, {}, today);
    BOOST_TEST(s.state == DeadlineState::DoneOnTime);
    BOOST_TEST(s.percent == 100);
    // Recurring without tasks: no deadline; with this month's task: its state.
    const plan::Deadline recurring{plan::DeadlineKind::Recurring, std::nullopt, std::nullopt, std::nullopt};
    BOOST_TEST(summarizeModel(recurring, {}, today).state == DeadlineState::NoDeadline);
    BOOST_TEST(
        summarizeModel(recurring, {open(0, d(2024, 4, 1), d(2024, 4, 30), TaskStatus::NotStarted)}, today).state ==
        DeadlineState::AtRisk);
}

BOOST_AUTO_TEST_CASE(hybrid_logical_clock)
{
    HlcTimestamp last{1000, 0, "aa"};
    auto t1 = hlcTick(last, 2000);
    BOOST_TEST(t1.wall == 2000);
    BOOST_TEST(t1.counter == 0u);
    // The physical clock went backwards (or stood still): the counter keeps order.
    auto t2 = hlcTick(t1, 1500);
    BOOST_TEST(t2.wall == 2000);
    BOOST_TEST(t2.counter == 1u);
    BOOST_TEST((t1 < t2));
    auto t3 = hlcTick(t2, 2000);
    BOOST_TEST(t3.counter == 2u);
    // Receiving a later remote timestamp moves past it.
    HlcTimestamp remote{5000, 7, "bb"};
    auto r = hlcReceive(t3, remote, 3000);
    BOOST_TEST(r.wall == 5000);
    BOOST_TEST(r.counter == 8u);
    BOOST_TEST(r.node == "aa");
    BOOST_TEST((remote < r));
    // Text form: sorts like the value, and parses back.
    BOOST_TEST(t1.toString() < t2.toString());
    BOOST_TEST((HlcTimestamp{999, 5, "x"}.toString() < HlcTimestamp{1000, 0, "x"}.toString()));
    auto parsed = HlcTimestamp::parse(r.toString());
    BOOST_REQUIRE(parsed);
    BOOST_TEST((*parsed == r));
    BOOST_TEST(!HlcTimestamp::parse("12-3-x"));
}

BOOST_AUTO_TEST_CASE(change_records_round_trip)
{
    ChangeRecord r;
    r.changeId = "0123456789abcdef0123456789abcdef";
    r.entity = "task";
    r.entityId = "fedcba9876543210fedcba9876543210";
    r.op = ChangeOp::Update;
    r.fields = {{"percent", 40}, {"status", "in_progress"}, {"due", nullptr}};
    r.hlc = HlcTimestamp{1706745600000, 3, "9f3c"};
    r.device = "9f3c";
    r.user = "lan";
    auto back = changeRecordFromJson(*json::parse(changeRecordToJson(r).dump()));
    BOOST_REQUIRE(back);
    BOOST_TEST(back->changeId == r.changeId);
    BOOST_TEST((back->hlc == r.hlc));
    BOOST_TEST(back->fields.size() == 3u);
    BOOST_TEST(back->fields[0].second.asInteger() == 40);
    BOOST_TEST(back->fields[2].second.isNull());
    BOOST_TEST(back->syncState == "pending");
    const auto noFields = json::parse(R"({"change_id":"x"})");
    BOOST_TEST(!changeRecordFromJson(*noFields));
}

BOOST_AUTO_TEST_CASE(vocabulary_and_indicators)
{
    BOOST_TEST((taskStatusFromName("in-progress") == TaskStatus::InProgress));
    BOOST_TEST((taskStatusFromName("DONE") == TaskStatus::Done));
    BOOST_TEST(!taskStatusFromName("finito"));
    BOOST_TEST(std::string(unitLevel("commune")) == "commune");
    BOOST_TEST(std::string(unitLevel("district_level")) == "district");
    BOOST_TEST(std::string(unitLevel("province_agency")) == "province");
    BOOST_TEST(isKnownSiteKind("pawnshop"));
    BOOST_TEST(!isKnownSiteKind("casino"));

    auto v = parseIndicatorAssignment("online public services deployed=25/25");
    BOOST_REQUIRE(v);
    BOOST_TEST(v->first == "online public services deployed");
    BOOST_TEST(*v->second.actual == 25.0);
    BOOST_TEST(*v->second.target == 25.0);
    auto k = parseIndicatorValue("3 / 10 kiosk");
    BOOST_REQUIRE(k);
    BOOST_TEST(*k->actual == 3.0);
    BOOST_TEST(*k->unitOfMeasure == "kiosk");
    auto t = parseIndicatorValue("/40 điểm");
    BOOST_REQUIRE(t);
    BOOST_TEST(!t->actual);
    BOOST_TEST(*t->target == 40.0);
    BOOST_TEST(*parseIndicatorValue("12,5")->actual == 12.5);
    BOOST_TEST(!parseIndicatorValue("many"));
    BOOST_TEST(!parseIndicatorValue("-3"));
    BOOST_TEST(!parseIndicatorAssignment("=5"));
    BOOST_TEST(!parseIndicatorAssignment("no value"));
    BOOST_TEST(formatNumber(25) == "25");
    BOOST_TEST(formatNumber(12.5) == "12.5");
}

BOOST_AUTO_TEST_SUITE_END()
