#pragma once
// A store with the bundled plan and units, a few communes and sites of Tân Biên, and the actors of
// the report tests.
#include <boost/test/unit_test.hpp>

#include <optional>

#include "assets/Bundled.h"
#include "domain/access/Accounts.h"
#include "domain/plan/PlanFile.h"
#include "domain/plan/PlanRepository.h"
#include "domain/report/ReportService.h"
#include "domain/schema/FullSchema.h"
#include "domain/work/AssignmentService.h"
#include "domain/work/BundledUnits.h"
#include "domain/work/TaskService.h"
#include "domain/work/UnitFile.h"
#include "domain/work/UnitService.h"
#include "tests/reports/ReportPrinters.h"
#include "tests/support/TestSupport.h"

namespace da06::test {

inline const char* const kReportPass = "mot hai ba bon nam sau";

// Communes and sites of one district, as a district would import them.
inline const char* const kTanBienUnitsCsv =
    "id,name,kind,parent,member_of,site_kind,aliases\n"
    "xa-thu-1,Xã Thử Nghiệm Một,commune,huyen-tan-bien,ubnd-cap-xa,,\n"
    "xa-thu-2,Xã Thử Nghiệm Hai,commune,huyen-tan-bien,ubnd-cap-xa,,\n"
    "cc-thu-1,Văn phòng công chứng Thử Nghiệm,site,huyen-tan-bien,co-quan-chung-thuc-cong-chung,notary_office,\n"
    "cd-thu-1,Tiệm cầm đồ Thử Nghiệm,site,xa-thu-1,,pawnshop,\n"
    "bv-thu-1,Bệnh viện Thử Nghiệm,site,huyen-tan-bien,benh-vien-tren-dia-ban,hospital,\n";

struct ReportFixture {
    TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 3, 5});
    std::optional<access::Session> session;

    ReportFixture()
    {
        auto st = access::createStore(dir / "store.da06", "admin", kReportPass, clock, da06::schema::full());
        BOOST_REQUIRE_MESSAGE(st, (st ? "" : st.error().message));
        session.emplace(std::move(*st));
        auto plan = plan::loadPlanText(assets::bundledPlanJson());
        BOOST_REQUIRE(plan);
        BOOST_REQUIRE(plan::PlanRepository(db(), clock).importPlan(*plan, admin()));
        auto units = work::bundledUnits();
        BOOST_REQUIRE(units);
        BOOST_REQUIRE(work::UnitService(db(), clock, admin()).importUnits(*units));
        auto csv = work::parseUnitsCsv(kTanBienUnitsCsv);
        BOOST_REQUIRE_MESSAGE(csv, (csv ? "" : csv.error().message));
        BOOST_REQUIRE(work::UnitService(db(), clock, admin()).importUnits(*csv));
    }

    store::Database& db() { return session->store.db(); }
    static access::Actor admin() { return access::Actor{"admin", access::Role::Admin, {}}; }
    static access::Actor staff() { return access::Actor{"lan", access::Role::Staff, {}}; }
    static access::Actor coordinator() { return access::Actor{"hung", access::Role::Coordinator, {}}; }
    report::ReportService reports(access::Actor a = staff())
    {
        return report::ReportService(db(), clock, std::move(a));
    }
    work::TaskService tasks() { return work::TaskService(db(), clock, staff()); }
    work::AssignmentService assignments() { return work::AssignmentService(db(), clock, staff()); }
    void on(const Date& d) { clock.set(FixedClock::at(d).now()); }
    std::int64_t count(const std::string& sql) { return *db().queryInt(sql); }

    // Adds a task with an indicator and a percent done.
    work::Task addTask(int model, const std::string& unit, const std::string& title, const Date& due, int percent,
                       const std::string& indicator, double actual, double target, const std::string& uom)
    {
        auto t = tasks().add(work::NewTask{model, unit, title, "Nguyễn Văn An", due, std::nullopt});
        BOOST_REQUIRE_MESSAGE(t, (t ? "" : t.error().message));
        work::TaskChange ch;
        ch.percent = percent;
        if (!indicator.empty()) {
            ch.indicators.push_back({indicator, work::IndicatorValue{actual, target, uom}});
        }
        auto u = tasks().update(std::to_string(t->id), ch);
        BOOST_REQUIRE_MESSAGE(u, (u ? "" : u.error().message));
        return *u;
    }
};

} // namespace da06::test
