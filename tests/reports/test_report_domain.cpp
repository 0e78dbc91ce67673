// Reports on a real (temporary) encrypted store: the unit report prefilled from the work data,
// validation, submission, acceptance and return, locking and reopening, the change log and audit,
// and the district / province compilation (completeness and timeliness with late, missing and
// returned reports; totals checked against figures computed another way).
#include <map>
#include <set>

#include "domain/report/ReportJson.h"
#include "domain/work/ChangeLog.h"
#include "tests/reports/ReportTestSupport.h"
#include "tests/work/WorkTestSupport.h"

using namespace da06;
using namespace da06::report;

namespace {

struct Scenario : test::ReportFixture {
    int modelA = 0; // the district's first two models
    int modelB = 0;
    int modelX = 0; // the first model of commune 1

    Scenario()
    {
        auto district = assignments().forUnit("huyen-tan-bien");
        BOOST_REQUIRE(district && district->size() >= 2);
        modelA = (*district)[0].modelNumber;
        modelB = (*district)[1].modelNumber;
        auto commune = assignments().forUnit("xa-thu-1");
        BOOST_REQUIRE(commune && !commune->empty());
        modelX = commune->front().modelNumber;
        addTask(modelA, "huyen-tan-bien", "Triển khai dịch vụ công trực tuyến", Date{2024, 3, 31}, 40,
                "Dịch vụ công trực tuyến", 10, 25, "dịch vụ");
        addTask(modelB, "huyen-tan-bien", "Lắp đặt kiosk", Date{2024, 3, 31}, 100, "Kiosk", 3, 5, "kiosk");
        addTask(modelX, "xa-thu-1", "Tuyên truyền VNeID", Date{2024, 3, 31}, 50, "Dịch vụ công trực tuyến", 5, 10,
                "dịch vụ");
    }

    Narrative filled(const UnitReport& r)
    {
        Narrative n = r.narrative;
        n.difficulties = "Thiếu thiết bị đầu đọc CCCD gắn chip.";
        n.proposals = "Đề nghị bổ sung kinh phí.";
        return n;
    }

    UnitReport submit(const std::string& unit, const std::string& period = "2024-03")
    {
        auto svc = reports();
        auto r = svc.unitReport(unit, period);
        BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
        auto s = svc.submit(unit, period, ReportEdit{filled(*r), std::nullopt, std::nullopt});
        BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().message));
        return *s;
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(report_domain, Scenario)

BOOST_AUTO_TEST_CASE(unit_report_is_prefilled_from_the_work_data)
{
    auto r = reports().unitReport("huyen-tan-bien", "2024-03");
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
    BOOST_TEST(r->unitName == "Huyện Tân Biên");
    BOOST_TEST(!r->status.has_value());
    BOOST_TEST(!r->frozen);
    BOOST_TEST(r->asOf == (Date{2024, 3, 5})); // before the cut-off: as of today
    auto mine = assignments().forUnit("huyen-tan-bien");
    BOOST_TEST(r->models.size() == mine->size());
    std::map<int, ModelLine> byNumber;
    for (const auto& m : r->models) {
        byNumber[m.number] = m;
    }
    BOOST_TEST(byNumber[modelA].percent == 40);
    BOOST_TEST(byNumber[modelA].tasks == 1);
    BOOST_REQUIRE(byNumber[modelA].indicators.size() == 1u);
    BOOST_TEST(*byNumber[modelA].indicators[0].target == 25.0);
    BOOST_TEST(*byNumber[modelA].indicators[0].actual == 10.0);
    BOOST_TEST(byNumber[modelB].done == 1);
    BOOST_TEST((byNumber[modelB].outcome() == ModelOutcome::Done));
    // The commune's task is in the commune's report, not in the district's.
    for (const auto& m : r->models) {
        for (const auto& i : m.indicators) {
            BOOST_TEST(!(m.number == modelX && m.number != modelA && i.actual == 5.0));
        }
    }
    // The narrative is prefilled in Vietnamese.
    BOOST_TEST(r->narrative.results.find("Huyện Tân Biên chủ trì") != std::string::npos);
    BOOST_TEST(r->narrative.results.find("số liệu từ ngày 15/02/2024 đến ngày 14/03/2024") != std::string::npos);
    BOOST_TEST(r->narrative.nextPlan.find("tháng 4/2024") != std::string::npos);
    // Check counts: present, zero, with the note, for the desk models only.
    BOOST_TEST(!r->checks.available);
    BOOST_TEST(r->checks.note == kNoCheckRecordsNote);
    for (const auto& c : r->checks.rows) {
        BOOST_TEST(isDeskModel(c.model));
        BOOST_TEST(c.count == 0);
    }
    auto notary = reports().unitReport("cc-thu-1", "2024-03");
    BOOST_REQUIRE(notary);
    BOOST_TEST(!notary->checks.rows.empty());          // notary offices run model 4 or 8
    BOOST_TEST(notary->checks.rows.size() % 12 == 0u); // 3 methods × 4 outcomes per model
}

BOOST_AUTO_TEST_CASE(validation_submission_and_review)
{
    auto svc = reports();
    auto r = svc.unitReport("huyen-tan-bien", "2024-03");
    BOOST_REQUIRE(r);
    BOOST_REQUIRE(r->countOutcome(ModelOutcome::Late) > 0); // models of January and February without tasks
    BOOST_TEST(r->narrative.difficulties.empty());          // for the unit to state
    auto issues = validate(*r, clock.today());
    BOOST_TEST(hasBlocking(issues));
    auto refused = svc.submit("huyen-tan-bien", "2024-03");
    BOOST_REQUIRE(!refused);
    BOOST_TEST(refused.error().code == ErrorCode::InvalidInput);
    BOOST_TEST(refused.error().message.find("difficulties") != std::string::npos);
    Narrative empty = r->narrative;
    empty.results = " ";
    BOOST_TEST(hasBlocking(validate(UnitReport{*r}, clock.today())));

    // A draft is saved and read back.
    auto saved = svc.save("huyen-tan-bien", "2024-03",
                          ReportEdit{filled(*r), std::string("12/BC-UBND"), std::string("Trần Văn Bình")});
    BOOST_REQUIRE_MESSAGE(saved, (saved ? "" : saved.error().message));
    auto again = svc.unitReport("huyen-tan-bien", "2024-03");
    BOOST_TEST(again->status == ReportStatus::Draft);
    BOOST_TEST(again->narrative.difficulties == "Thiếu thiết bị đầu đọc CCCD gắn chip.");
    BOOST_TEST(again->docNumber == "12/BC-UBND");

    on(Date{2024, 3, 10});
    auto sub = svc.submit("huyen-tan-bien", "2024-03");
    BOOST_REQUIRE_MESSAGE(sub, (sub ? "" : sub.error().message));
    BOOST_TEST(sub->status == ReportStatus::Submitted);
    BOOST_TEST(*sub->submittedAt == "2024-03-10T00:00:00Z");
    // Submitted reports are locked and their figures frozen.
    BOOST_TEST(!svc.save("huyen-tan-bien", "2024-03", ReportEdit{}));
    addTask(modelA, "huyen-tan-bien", "Nhiệm vụ sau khi gửi", Date{2024, 3, 31}, 10, "Dịch vụ công trực tuyến", 100,
            100, "dịch vụ");
    auto frozen = svc.unitReport("huyen-tan-bien", "2024-03");
    BOOST_TEST(frozen->frozen);
    for (const auto& m : frozen->models) {
        if (m.number == modelA) {
            BOOST_TEST(m.tasks == 1);
            BOOST_TEST(*m.indicators[0].actual == 10.0);
        }
    }
    // Only a coordinator accepts or returns; a return needs a comment.
    auto notAllowed = svc.accept("huyen-tan-bien", "2024-03");
    BOOST_TEST(notAllowed.error().code == ErrorCode::PermissionDenied);
    auto coord = reports(coordinator());
    BOOST_TEST(coord.returnReport("huyen-tan-bien", "2024-03", "  ").error().code == ErrorCode::Usage);
    auto ret = coord.returnReport("huyen-tan-bien", "2024-03", "Bổ sung số liệu kiosk.");
    BOOST_REQUIRE(ret);
    BOOST_TEST(ret->status == ReportStatus::Returned);
    auto returned = svc.unitReport("huyen-tan-bien", "2024-03");
    BOOST_TEST(!returned->frozen); // live figures again, for the correction
    BOOST_TEST(*returned->reviewComment == "Bổ sung số liệu kiosk.");
    BOOST_TEST(!coord.accept("huyen-tan-bien", "2024-03")); // only submitted reports are accepted
    on(Date{2024, 3, 12});
    auto resub = svc.submit("huyen-tan-bien", "2024-03");
    BOOST_REQUIRE(resub);
    BOOST_TEST(*resub->firstSubmittedAt == "2024-03-10T00:00:00Z");
    BOOST_TEST(*resub->submittedAt == "2024-03-12T00:00:00Z");
    auto acc = coord.accept("huyen-tan-bien", "2024-03", "Đạt yêu cầu.");
    BOOST_REQUIRE(acc);
    BOOST_TEST(acc->status == ReportStatus::Accepted);

    // Every change is in the change log (entity "report") and the audit log.
    auto changes = work::listChanges(db(), admin(), work::ChangeFilter{std::string("report"), sub->uid, false, 0});
    BOOST_REQUIRE(changes);
    std::vector<std::string> states;
    for (const auto& c : *changes) {
        for (const auto& [k, v] : c.fields) {
            if (k == "status") {
                states.push_back(v.asString());
            }
        }
    }
    const std::vector<std::string> expectedStates = {"draft", "submitted", "returned", "submitted", "accepted"};
    BOOST_TEST(states == expectedStates, boost::test_tools::per_element());
    BOOST_TEST(changes->front().op == work::ChangeOp::Insert);
    bool hasFigures = false;
    for (const auto& [k, v] : (*changes)[1].fields) {
        hasFigures = hasFigures || (k == "figures" && v.isObject());
    }
    BOOST_TEST(hasFigures);
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'report.%'") == 5);
}

BOOST_AUTO_TEST_CASE(periods_lock_and_reopen)
{
    on(Date{2024, 3, 20});
    auto rows = reports().periods("cc-thu-1");
    BOOST_REQUIRE(rows);
    BOOST_REQUIRE(rows->size() == 4u); // April (current), March, February, January (plan start)
    BOOST_TEST(rows->at(0).period.key() == "2024-04");
    BOOST_TEST(rows->at(0).state == PeriodState::Open);
    BOOST_TEST(rows->at(1).state == PeriodState::Overdue);
    BOOST_TEST(rows->at(2).state == PeriodState::Locked);
    on(Date{2024, 3, 25});
    auto svc = reports();
    auto locked = svc.save("cc-thu-1", "2024-03", ReportEdit{});
    BOOST_REQUIRE(!locked);
    BOOST_TEST(locked.error().message.find("reopen") != std::string::npos);
    BOOST_TEST(reports().reopen("2024-03", "cc-thu-1").error().code == ErrorCode::PermissionDenied);
    BOOST_REQUIRE(reports(coordinator()).reopen("2024-03", "cc-thu-1"));
    BOOST_TEST(svc.save("cc-thu-1", "2024-03", ReportEdit{}).has_value());
    BOOST_TEST(!svc.save("bv-thu-1", "2024-03", ReportEdit{})); // reopened for one unit only
    BOOST_REQUIRE(reports(coordinator()).reopen("2024-03"));
    BOOST_TEST(svc.save("bv-thu-1", "2024-03", ReportEdit{}).has_value());
    // The rule is the plan's, and a coordinator changes it.
    BOOST_TEST((*reports().rule() == PeriodRule{14, 15, 10}));
    BOOST_TEST(reports().setRule(PeriodRule{20, 25, 5}).error().code == ErrorCode::PermissionDenied);
    BOOST_REQUIRE(reports(coordinator()).setRule(PeriodRule{20, 25, 5}));
    auto r = reports().unitReport("xa-thu-2", "2024-04");
    BOOST_TEST(r->period.dataTo == (Date{2024, 4, 20}));
    BOOST_TEST(r->period.due == (Date{2024, 4, 24}));
}

BOOST_AUTO_TEST_CASE(completeness_and_timeliness_with_late_missing_and_returned_reports)
{
    // District on time; commune 2 on time but returned; hospital on time, returned, sent again late
    // (still on time: its first submission was); commune 1 late; notary office missing.
    on(Date{2024, 3, 10});
    submit("huyen-tan-bien");
    on(Date{2024, 3, 12});
    submit("xa-thu-2");
    on(Date{2024, 3, 13});
    submit("bv-thu-1");
    on(Date{2024, 3, 14});
    BOOST_REQUIRE(reports(coordinator()).returnReport("xa-thu-2", "2024-03", "Thiếu số liệu."));
    BOOST_REQUIRE(reports(coordinator()).returnReport("bv-thu-1", "2024-03", "Sai chỉ tiêu."));
    on(Date{2024, 3, 18});
    submit("bv-thu-1");
    on(Date{2024, 3, 20});
    submit("xa-thu-1");
    BOOST_REQUIRE(reports(coordinator()).accept("huyen-tan-bien", "2024-03"));

    // The expected units, another way: every unit of the district (but collectives) with assignments.
    std::set<std::string> expectedUnits;
    const auto below = work::UnitService(db(), clock, staff())
                           .list(work::UnitFilter{std::nullopt, std::nullopt, std::string("huyen-tan-bien"), true, ""});
    BOOST_REQUIRE(below);
    for (const auto& u : *below) {
        if (u.kind != "collective" && !assignments().forUnit(u.id)->empty()) {
            expectedUnits.insert(u.id);
        }
    }
    if (!assignments().forUnit("huyen-tan-bien")->empty()) {
        expectedUnits.insert("huyen-tan-bien");
    }
    BOOST_TEST(!expectedUnits.contains("cd-thu-1")); // the pawnshop has no model (not a member of a collective)
    BOOST_TEST(expectedUnits.contains("cc-thu-1"));

    auto c = reports().compile("huyen-tan-bien", "2024-03", "district");
    BOOST_REQUIRE_MESSAGE(c, (c ? "" : c.error().message));
    BOOST_TEST(c->expected == static_cast<int>(expectedUnits.size()));
    BOOST_TEST(c->received == 3);
    BOOST_TEST(c->onTime == 2);
    BOOST_TEST(c->returned == 1);
    BOOST_TEST(c->missing == c->expected - 3);
    BOOST_TEST(c->completeness == ratePercent(3, c->expected));
    BOOST_TEST(c->timeliness == ratePercent(2, c->expected));
    std::map<std::string, UnitReporting> byUnit;
    for (const auto& u : c->units) {
        byUnit[u.unitId] = u;
    }
    BOOST_TEST(byUnit["huyen-tan-bien"].onTime == 1);
    BOOST_TEST(byUnit["huyen-tan-bien"].status == ReportStatus::Accepted);
    BOOST_TEST(byUnit["xa-thu-1"].received == 1);
    BOOST_TEST(byUnit["xa-thu-1"].onTime == 0);
    BOOST_TEST(byUnit["xa-thu-2"].received == 0);
    BOOST_TEST(byUnit["xa-thu-2"].returned == 1);
    BOOST_TEST(*byUnit["xa-thu-2"].reviewComment == "Thiếu số liệu.");
    BOOST_TEST(byUnit["bv-thu-1"].onTime == 1);
    BOOST_TEST(!byUnit["cc-thu-1"].status.has_value());

    // Per-model aggregates, another way: the models of the received units.
    std::map<int, int> unitsPerModel;
    for (const char* u : {"huyen-tan-bien", "bv-thu-1", "xa-thu-1"}) {
        const auto mine = assignments().forUnit(u);
        BOOST_REQUIRE(mine);
        for (const auto& a : *mine) {
            ++unitsPerModel[a.modelNumber];
        }
    }
    BOOST_TEST(c->models.size() == unitsPerModel.size());
    for (const auto& m : c->models) {
        BOOST_TEST(m.units == unitsPerModel[m.number], "model " << m.number);
        BOOST_TEST(m.done + m.inProgress + m.late + m.notStarted == m.units);
    }
    // Indicator totals, another way: SQL over the received units' own tasks.
    std::map<std::pair<int, std::string>, std::pair<double, double>> sql;
    auto st = db().prepare(
        "SELECT t.model_number, i.name, SUM(i.target), SUM(i.actual) FROM task t JOIN task_indicator i ON "
        "i.task_id = t.id JOIN unit u ON u.id = t.unit_id WHERE u.code IN ('huyen-tan-bien','bv-thu-1','xa-thu-1') "
        "AND t.created_at <= '2024-03-05T23:59:59Z' GROUP BY t.model_number, i.name");
    BOOST_REQUIRE(st);
    while (*st->step()) {
        sql[{static_cast<int>(st->columnInt(0)), st->columnText(1)}] = {st->columnDouble(2), st->columnDouble(3)};
    }
    BOOST_TEST(c->indicators.size() == sql.size());
    for (const auto& i : c->indicators) {
        const auto& [target, actual] = sql[{i.model, i.name}];
        BOOST_TEST(i.target == target);
        BOOST_TEST(i.actual == actual);
    }
    // Overdue models name their units; check totals are zero with the note.
    for (const auto& o : c->overdue) {
        BOOST_TEST(!o.units.empty());
        int late = 0;
        for (const auto& m : c->models) {
            late += m.number == o.number ? m.late : 0;
        }
        BOOST_TEST(static_cast<int>(o.units.size()) == late);
    }
    BOOST_TEST(!c->checks.available);
    BOOST_TEST(c->checks.note == kNoCheckRecordsNote);
    // Trends since the plan's start; the narrative in Vietnamese.
    BOOST_REQUIRE(c->trends.size() == 3u);
    BOOST_TEST(c->trends.back().period == "2024-03");
    BOOST_TEST(c->trends.back().received == 3);
    BOOST_TEST(c->trends.front().received == 0);
    BOOST_TEST(c->narrative.find("3/" + std::to_string(c->expected) + " báo cáo đã được gửi") != std::string::npos);
    BOOST_TEST(c->narrative.find("1 báo cáo bị trả lại") != std::string::npos);
    BOOST_TEST(reports().saveCompilationNarrative("huyen-tan-bien", "2024-03", "Văn bản đã sửa.").has_value());
    auto edited = reports().compile("huyen-tan-bien", "2024-03", "district");
    BOOST_TEST(edited->narrative == "Văn bản đã sửa.");
    BOOST_TEST(edited->narrativeEdited);

    // The quarter rolls up three months; the province covers more units with the same reports.
    auto q = reports().compile("huyen-tan-bien", "2024-Q1", "district");
    BOOST_REQUIRE(q);
    BOOST_TEST(q->expected == 3 * c->expected);
    BOOST_TEST(q->received == 3);
    auto province = reports().compile("tinh-tay-ninh", "2024-03", "province");
    BOOST_REQUIRE_MESSAGE(province, (province ? "" : province.error().message));
    BOOST_TEST(province->expected > c->expected);
    BOOST_TEST(province->received == 3);
    BOOST_TEST(reports(admin()).compile("huyen-tan-bien", "2024-03", "district").error().code ==
               ErrorCode::PermissionDenied);

    // The JSON carries the figures.
    const auto j = compilationToJson(*c);
    BOOST_TEST(j.find("expected")->asInteger() == c->expected);
    BOOST_TEST(j.find("units")->asArray().size() == c->units.size());
}

BOOST_AUTO_TEST_SUITE_END()
