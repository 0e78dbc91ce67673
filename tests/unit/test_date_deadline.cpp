#include <boost/test/unit_test.hpp>

#include "tests/support/TestSupport.h"

#include "domain/core/Clock.h"
#include "domain/core/Date.h"
#include "domain/plan/Deadline.h"

using namespace da06;
using namespace da06::plan;

BOOST_AUTO_TEST_SUITE(dates)

BOOST_AUTO_TEST_CASE(calendar_rules)
{
    BOOST_TEST(Date::isLeapYear(2024));
    BOOST_TEST(!Date::isLeapYear(2100));
    BOOST_TEST(Date::isLeapYear(2000));
    BOOST_TEST(Date::lastDayOfMonth(2024, 2).toIso() == "2024-02-29");
    BOOST_TEST(Date::lastDayOfMonth(2023, 2).toIso() == "2023-02-28");
    BOOST_TEST(Date::lastDayOfQuarter(2024, 1).toIso() == "2024-03-31");
    BOOST_TEST(Date::lastDayOfQuarter(2024, 2).toIso() == "2024-06-30");
    BOOST_TEST(Date::lastDayOfQuarter(2024, 3).toIso() == "2024-09-30");
    BOOST_TEST(Date::lastDayOfQuarter(2024, 4).toIso() == "2024-12-31");
    BOOST_TEST(!Date::parseIso("2023-02-29"));
    BOOST_TEST(!Date::parseIso("2024-13-01"));
    BOOST_TEST(!Date::parseIso("2024-1-01"));
    BOOST_TEST(Date::parseIso("2024-02-29")->toVietnamese() == "29/02/2024");
    for (long d : {-1000L, 0L, 19723L, 60000L}) {
        BOOST_TEST(Date::fromDaysSinceEpoch(d).daysSinceEpoch() == d);
    }
    BOOST_TEST(Date::fromDaysSinceEpoch(0).toIso() == "1970-01-01");
    BOOST_TEST(FixedClock::at(Date{2024, 2, 1}).today().toIso() == "2024-02-01");
    BOOST_TEST(FixedClock::at(Date{2024, 2, 1}).nowIso8601() == "2024-02-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(vietnam_local_time_of_utc_timestamps)
{
    // UTC+7 all year: 16:59 UTC is 23:59 the same day, 17:00 UTC is the next day.
    auto t = vietnamTimeOf("2024-02-29T16:59:00Z");
    BOOST_REQUIRE(t);
    BOOST_TEST(t->day.toIso() == "2024-02-29");
    BOOST_TEST(t->hour == 23);
    BOOST_TEST(t->minute == 59);
    t = vietnamTimeOf("2024-12-31T17:00:00Z");
    BOOST_REQUIRE(t);
    BOOST_TEST(t->day.toIso() == "2025-01-01");
    BOOST_TEST(t->hour == 0);
    BOOST_TEST(vietnamDayOf("2024-02-28T18:30:00Z")->toIso() == "2024-02-29");
    BOOST_TEST(vietnamDayOf("2024-02-28T16")->toIso() == "2024-02-28");
    for (const char* bad : {"", "2024-02-28", "2024-02-28 18:30", "2024-02-30T01:00", "2024-02-28Tx1:00"}) {
        BOOST_TEST(!vietnamDayOf(bad), bad);
        BOOST_TEST(!vietnamTimeOf(bad), bad);
    }
    BOOST_TEST(!vietnamTimeOf("2024-02-28T16"));
}

BOOST_AUTO_TEST_CASE(deadline_forms_of_the_plan)
{
    auto m = parseDeadlineText("Tháng 01/2024.");
    BOOST_REQUIRE(m);
    BOOST_TEST(m->kind == DeadlineKind::Month);
    BOOST_TEST(*m->period == "2024-01");
    BOOST_TEST(m->due->toIso() == "2024-01-31");
    BOOST_TEST(parseDeadlineText("Tháng 8/2024.")->due->toIso() == "2024-08-31");
    BOOST_TEST(parseDeadlineText("Tháng 02/2024")->due->toIso() == "2024-02-29");

    auto q = parseDeadlineText("Quý II/2024");
    BOOST_REQUIRE(q);
    BOOST_TEST(q->kind == DeadlineKind::Quarter);
    BOOST_TEST(*q->period == "2024-Q2");
    BOOST_TEST(q->due->toIso() == "2024-06-30");
    BOOST_TEST(parseDeadlineText("Quý I/2024.")->due->toIso() == "2024-03-31");
    BOOST_TEST(parseDeadlineText("Quý III/2024")->due->toIso() == "2024-09-30");
    BOOST_TEST(parseDeadlineText("Quý IV/2024")->due->toIso() == "2024-12-31");

    auto r = parseDeadlineText("Thực hiện thường xuyên.");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->kind == DeadlineKind::Recurring);
    BOOST_TEST(!r->due);

    auto c = parseDeadlineText("Đã triển khai xong năm 2021.");
    BOOST_REQUIRE(c);
    BOOST_TEST(c->kind == DeadlineKind::Completed);
    BOOST_TEST(*c->year == 2021);
    BOOST_TEST(!c->due);

    BOOST_TEST(!parseDeadlineText("sớm nhất có thể"));
    BOOST_TEST(!parseDeadlineText("Tháng 13/2024"));
    BOOST_TEST(!parseDeadlineText("Quý V/2024"));
}

BOOST_AUTO_TEST_CASE(period_ends)
{
    BOOST_TEST(periodEnd("2024-02")->toIso() == "2024-02-29");
    BOOST_TEST(periodEnd("2025-Q1")->toIso() == "2025-03-31");
    BOOST_TEST(!periodEnd("2024-13"));
    BOOST_TEST(!periodEnd("2024-Q5"));
    BOOST_TEST(!periodEnd("24-01"));
}

BOOST_AUTO_TEST_SUITE_END()
