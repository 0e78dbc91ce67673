// Period arithmetic (da06::report_period, standard library only): the Decree 09/2019 cut-off, the
// plan's due day, roll-ups, year change, leap years, locking and the states a desk shows.
#include <boost/test/unit_test.hpp>

#include "domain/report/ReportPeriod.h"
#include "tests/reports/ReportPrinters.h"
#include "tests/support/TestSupport.h"

using namespace da06;
using namespace da06::report;

BOOST_AUTO_TEST_SUITE(report_period)

BOOST_AUTO_TEST_CASE(default_month_follows_decree_09_and_plan_373)
{
    const Period p = monthPeriod(2024, 3);
    BOOST_TEST(p.key() == "2024-03");
    BOOST_TEST(p.vietnameseName() == "tháng 3/2024");
    BOOST_TEST(p.dataFrom == (Date{2024, 2, 15})); // the 15th of the previous month …
    BOOST_TEST(p.dataTo == (Date{2024, 3, 14}));   // … to the 14th of the reporting month
    BOOST_TEST(p.due == (Date{2024, 3, 14}));      // reports before the 15th
    BOOST_TEST(p.lockedAfter == (Date{2024, 3, 24}));
    BOOST_TEST(isOnTime(p, Date{2024, 3, 14}));
    BOOST_TEST(!isOnTime(p, Date{2024, 3, 15}));
}

BOOST_AUTO_TEST_CASE(cutoff_days_decide_the_month_of_a_day)
{
    BOOST_TEST(monthPeriodOf(Date{2024, 3, 14}).key() == "2024-03");
    BOOST_TEST(monthPeriodOf(Date{2024, 3, 15}).key() == "2024-04");
    BOOST_TEST(monthPeriodOf(Date{2024, 2, 15}).key() == "2024-03");
    BOOST_TEST(monthPeriodOf(Date{2024, 2, 14}).key() == "2024-02");
    // Another rule: data to the 20th, due before the 25th.
    const PeriodRule r{20, 25, 5};
    BOOST_TEST(!checkRule(r));
    const Period p = monthPeriod(2024, 6, r);
    BOOST_TEST(p.dataFrom == (Date{2024, 5, 21}));
    BOOST_TEST(p.dataTo == (Date{2024, 6, 20}));
    BOOST_TEST(p.due == (Date{2024, 6, 24}));
    BOOST_TEST(p.lockedAfter == (Date{2024, 6, 29}));
    BOOST_TEST(monthPeriodOf(Date{2024, 6, 21}, r).key() == "2024-07");
    // Due on the 1st: the last day on time is the last day of the previous month.
    BOOST_TEST(monthPeriod(2024, 3, PeriodRule{14, 1, 0}).due == (Date{2024, 2, 29}));
    BOOST_TEST(checkRule(PeriodRule{29, 15, 10}).has_value());
    BOOST_TEST(checkRule(PeriodRule{14, 0, 10}).has_value());
    BOOST_TEST(checkRule(PeriodRule{14, 15, -1}).has_value());
}

BOOST_AUTO_TEST_CASE(year_change)
{
    const Period jan = monthPeriod(2025, 1);
    BOOST_TEST(jan.dataFrom == (Date{2024, 12, 15}));
    BOOST_TEST(jan.dataTo == (Date{2025, 1, 14}));
    BOOST_TEST(monthPeriodOf(Date{2024, 12, 15}).key() == "2025-01");
    BOOST_TEST(monthPeriodOf(Date{2024, 12, 31}).key() == "2025-01");
    BOOST_TEST(previousMonth(jan).key() == "2024-12");
    BOOST_TEST(nextMonth(monthPeriod(2024, 12)).key() == "2025-01");
    const auto last = lastMonths(monthPeriod(2025, 2), 4);
    BOOST_REQUIRE(last.size() == 4u);
    BOOST_TEST(last.front().key() == "2024-11");
    BOOST_TEST(last.back().key() == "2025-02");
    // Lock dates run into the next month and year.
    const Period dec = monthPeriod(2024, 12, PeriodRule{14, 15, 30});
    BOOST_TEST(dec.lockedAfter == (Date{2025, 1, 13}));
}

BOOST_AUTO_TEST_CASE(leap_years)
{
    // Data to the 28th, due before the 28th: February 2024 has a 29th, February 2023 does not.
    const PeriodRule r{28, 28, 2};
    BOOST_TEST(monthPeriod(2024, 3, r).dataFrom == (Date{2024, 2, 29}));
    BOOST_TEST(monthPeriod(2023, 3, r).dataFrom == (Date{2023, 3, 1}));
    BOOST_TEST(monthPeriodOf(Date{2024, 2, 29}, r).key() == "2024-03");
    BOOST_TEST(monthPeriod(2024, 2, r).lockedAfter == (Date{2024, 2, 29}));
    BOOST_TEST(monthPeriod(2023, 2, r).lockedAfter == (Date{2023, 3, 1}));
    BOOST_TEST(monthPeriod(2100, 3, r).dataFrom == (Date{2100, 3, 1}));  // 2100 is not a leap year
    BOOST_TEST(monthPeriod(2000, 3, r).dataFrom == (Date{2000, 2, 29})); // 2000 is
}

BOOST_AUTO_TEST_CASE(quarters_and_years_roll_up_months)
{
    const Period q1 = quarterPeriod(2024, 1);
    BOOST_TEST(q1.key() == "2024-Q1");
    BOOST_TEST(q1.vietnameseName() == "quý I/2024");
    BOOST_TEST(q1.dataFrom == (Date{2023, 12, 15}));
    BOOST_TEST(q1.dataTo == (Date{2024, 3, 14}));
    BOOST_TEST(q1.due == (Date{2024, 3, 14}));
    BOOST_TEST(monthsOf(q1).size() == 3u);
    BOOST_TEST(monthsOf(q1).back().key() == "2024-03");
    const Period y = yearPeriod(2024);
    BOOST_TEST(y.key() == "2024");
    BOOST_TEST(y.vietnameseName() == "năm 2024");
    BOOST_TEST(y.dataFrom == (Date{2023, 12, 15}));
    BOOST_TEST(y.dataTo == (Date{2024, 12, 14}));
    BOOST_TEST(monthsOf(y).size() == 12u);
    BOOST_TEST(parsePeriod("2024-q4")->key() == "2024-Q4");
    BOOST_TEST(parsePeriod("2024-Q4")->dataFrom == (Date{2024, 9, 15}));
    BOOST_TEST(parsePeriod("2024")->kind == PeriodKind::Year);
    BOOST_TEST(parsePeriod("2024-12")->kind == PeriodKind::Month);
    for (const char* bad : {"2024-13", "2024-00", "2024-Q5", "24-03", "2024/03", "2024-3", "", "abcd"}) {
        BOOST_TEST(!parsePeriod(bad).has_value(), bad);
    }
}

BOOST_AUTO_TEST_CASE(locking_and_states)
{
    const Period p = monthPeriod(2024, 3);
    BOOST_TEST(!isLocked(p, Date{2024, 3, 24}));
    BOOST_TEST(isLocked(p, Date{2024, 3, 25}));
    BOOST_TEST(!isLocked(p, Date{2024, 3, 25}, true)); // reopened
    BOOST_TEST(periodState(p, std::nullopt, Date{2024, 2, 10}) == PeriodState::NotStarted);
    BOOST_TEST(periodState(p, std::nullopt, Date{2024, 2, 20}) == PeriodState::Open);
    BOOST_TEST(periodState(p, std::nullopt, Date{2024, 3, 9}) == PeriodState::DueSoon);
    BOOST_TEST(periodState(p, ReportStatus::Draft, Date{2024, 3, 14}) == PeriodState::DueSoon);
    BOOST_TEST(periodState(p, std::nullopt, Date{2024, 3, 15}) == PeriodState::Overdue);
    BOOST_TEST(periodState(p, std::nullopt, Date{2024, 3, 25}) == PeriodState::Locked);
    BOOST_TEST(periodState(p, std::nullopt, Date{2024, 3, 25}, 5, true) == PeriodState::Overdue);
    BOOST_TEST(periodState(p, ReportStatus::Submitted, Date{2024, 3, 25}) == PeriodState::Submitted);
    BOOST_TEST(periodState(p, ReportStatus::Accepted, Date{2024, 3, 1}) == PeriodState::Accepted);
    BOOST_TEST(periodState(p, ReportStatus::Returned, Date{2024, 3, 30}) == PeriodState::Returned);
    BOOST_TEST(isReceived(ReportStatus::Submitted));
    BOOST_TEST(isReceived(ReportStatus::Accepted));
    BOOST_TEST(!isReceived(ReportStatus::Returned));
    BOOST_TEST(!isReceived(ReportStatus::Draft));
    BOOST_TEST(reportStatusFromName("returned") == ReportStatus::Returned);
    BOOST_TEST(!reportStatusFromName("lost").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
