// The work services on a real (temporary) encrypted store: units, the desk's unit, assignments,
// tasks with indicators, notes and evidence, deadlines, the dashboard, permissions, the audit log
// and the change log.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <set>

#include "assets/Bundled.h"
#include "domain/access/Accounts.h"
#include "domain/audit/AuditLog.h"
#include "domain/plan/PlanFile.h"
#include "domain/plan/PlanRepository.h"
#include "domain/schema/FullSchema.h"
#include "domain/work/BundledUnits.h"
#include "domain/work/ChangeLog.h"
#include "domain/work/Ids.h"
#include "domain/work/ProgressService.h"
#include "domain/work/UnitFile.h"
#include "tests/support/TestSupport.h"
#include "tests/work/WorkTestSupport.h"

using namespace da06;
using namespace da06::work;

namespace {

const char* const kPass = "mot hai ba bon nam sau";

// Communes and sites of one district, as a district would import them.
const char* const kTanBienCsv =
    "id,name,kind,parent,member_of,site_kind,aliases\n"
    "xa-thu-1,Xã Thử Nghiệm Một,commune,huyen-tan-bien,ubnd-cap-xa,,UBND xã Thử Nghiệm Một\n"
    "xa-thu-2,\"Xã Thử Nghiệm Hai, Tân Biên\",commune,huyen-tan-bien,ubnd-cap-xa,,\n"
    "cc-thu-1,Văn phòng công chứng Thử Nghiệm,site,huyen-tan-bien,co-quan-chung-thuc-cong-chung,notary_office,\n"
    "cd-thu-1,Tiệm cầm đồ Thử Nghiệm,site,xa-thu-1,,pawnshop,\n"
    "bv-thu-1,Bệnh viện Thử Nghiệm,site,huyen-tan-bien,benh-vien-tren-dia-ban,hospital,\n";

struct Fixture {
    test::TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 3, 20});
    std::optional<access::Session> session;

    Fixture()
    {
        auto st = access::createStore(dir / "store.da06", "admin", kPass, clock, da06::schema::full());
        BOOST_REQUIRE_MESSAGE(st, (st ? "" : st.error().message));
        session.emplace(std::move(*st));
        auto plan = plan::loadPlanText(assets::bundledPlanJson());
        BOOST_REQUIRE(plan);
        plan::PlanRepository repo(db(), clock);
        BOOST_REQUIRE(repo.importPlan(*plan, admin()));
        auto units = bundledUnits();
        BOOST_REQUIRE_MESSAGE(units, (units ? "" : units.error().message));
        auto summary = unitService().importUnits(*units);
        BOOST_REQUIRE_MESSAGE(summary, (summary ? "" : summary.error().message));
        auto csv = parseUnitsCsv(kTanBienCsv);
        BOOST_REQUIRE_MESSAGE(csv, (csv ? "" : csv.error().message));
        BOOST_REQUIRE(unitService().importUnits(*csv));
    }

    store::Database& db() { return session->store.db(); }
    access::Actor admin() const { return access::Actor{"admin", access::Role::Admin, {}}; }
    access::Actor as(access::Role role, const std::string& name = "lan") const { return access::Actor{name, role, {}}; }
    UnitService unitService() { return UnitService(db(), clock, admin()); }
    AssignmentService assignments(access::Actor a) { return AssignmentService(db(), clock, std::move(a)); }
    TaskService tasks(access::Actor a) { return TaskService(db(), clock, std::move(a)); }
    ProgressService progress() { return ProgressService(db(), clock, as(access::Role::Staff)); }

    std::int64_t count(const std::string& sql) { return *db().queryInt(sql); }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(work_domain, Fixture)

BOOST_AUTO_TEST_CASE(units_hierarchy_and_filters)
{
    auto svc = unitService();
    auto districts = svc.list(UnitFilter{std::nullopt, std::string("district"), std::nullopt, false, ""});
    BOOST_REQUIRE(districts);
    std::set<std::string> ids;
    for (const auto& u : *districts) {
        ids.insert(u.id);
        if (u.kind == "district") {
            BOOST_TEST(*u.parent == "tinh-tay-ninh");
            BOOST_TEST(*u.memberOf == "ubnd-cap-huyen");
        }
    }
    BOOST_TEST(ids.size() == 10u); // the nine districts and the plan's "UBND huyện, thị xã, thành phố"
    BOOST_TEST(ids.contains("tx-trang-bang"));
    BOOST_TEST(ids.contains("huyen-ben-cau"));

    auto below = svc.list(UnitFilter{std::nullopt, std::nullopt, std::string("huyen-tan-bien"), true, ""});
    BOOST_REQUIRE(below);
    BOOST_TEST(below->size() == 5u); // two communes, three sites (one under a commune)
    auto direct = svc.list(UnitFilter{std::nullopt, std::nullopt, std::string("huyen-tan-bien"), false, ""});
    BOOST_TEST(direct->size() == 4u);
    auto sites = svc.list(UnitFilter{std::nullopt, std::string("site"), std::nullopt, false, ""});
    BOOST_TEST(sites->size() == 3u);
    // Search with or without diacritics, by alias too.
    auto found = svc.list(UnitFilter{std::nullopt, std::nullopt, std::nullopt, false, "thu nghiem hai"});
    BOOST_REQUIRE(found->size() == 1u);
    BOOST_TEST(found->front().name == "Xã Thử Nghiệm Hai, Tân Biên");
    BOOST_TEST(svc.list(UnitFilter{std::nullopt, std::nullopt, std::nullopt, false, "hoa thanh"})->front().id ==
               "tx-hoa-thanh");
    BOOST_TEST(svc.find("UBND huyen Tan Bien")->id == "huyen-tan-bien");
    BOOST_TEST((svc.find("xa-khong-co").error().code == ErrorCode::NotFound));

    // Importing the same files again changes nothing and writes no change record.
    const auto before = count("SELECT COUNT(*) FROM change_log");
    auto again = svc.importUnits(*bundledUnits());
    BOOST_REQUIRE(again);
    BOOST_TEST(again->added == 0);
    BOOST_TEST(again->updated == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM change_log") == before);
}

BOOST_AUTO_TEST_CASE(unit_files_are_checked_before_anything_changes)
{
    const auto units = count("SELECT COUNT(*) FROM unit");
    const auto audit = count("SELECT COUNT(*) FROM audit_log");
    auto svc = unitService();
    // A parent that exists nowhere: nothing of the file is kept, even its valid first line.
    auto bad = parseUnitsCsv(
        "id,name,kind,parent\nxa-moi,Xã Mới,commune,huyen-tan-bien\nxa-le,Xã Lẻ,commune,huyen-khong-co\n");
    BOOST_REQUIRE(bad);
    auto r = svc.importUnits(*bad);
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::InvalidInput));
    BOOST_TEST(r.error().message.find("line 3") != std::string::npos);
    BOOST_TEST(count("SELECT COUNT(*) FROM unit") == units);
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log") == audit);
    // Cycles.
    auto cycle = parseUnitsJson(R"([{"id":"a-1","name":"A","kind":"commune","parent":"b-1"},
                                    {"id":"b-1","name":"B","kind":"commune","parent":"a-1"}])");
    BOOST_REQUIRE(cycle);
    BOOST_TEST(!svc.importUnits(*cycle));
    // Format errors name the line.
    auto kind = parseUnitsCsv("id,name,kind\nx-1,X,village\n");
    BOOST_REQUIRE(!kind);
    BOOST_TEST(kind.error().message.find("line 2") != std::string::npos);
    BOOST_TEST(!parseUnitsCsv("id,name,kind,site_kind\nx-1,X,site,\n")); // a site needs its kind
    BOOST_TEST(!parseUnitsCsv("id,name\nx-1,X\n"));                      // no kind column
    BOOST_TEST(!parseUnitsCsv("id,name,kind\nX 1,X,commune\n"));         // bad id
    BOOST_TEST(!parseUnitsCsv("id,name,kind\nx-1,\"X,commune\n"));       // unclosed quote
    const auto newer = parseUnitsJson(R"({"format":"da06-units","format_version":2,"units":[]})");
    BOOST_TEST(!newer);
    auto dup = parseUnitsJson(R"([{"id":"x-1","name":"X","kind":"commune"},{"id":"x-1","name":"Y","kind":"commune"}])");
    BOOST_REQUIRE(!dup);
    BOOST_TEST(dup.error().message.find("twice") != std::string::npos);
    // Names are normalized to NFC (decomposed "ạ" → precomposed).
    auto nfd = parseUnitsCsv("id,name,kind\nx-1,Xa\xCC\xA3,commune\n");
    BOOST_REQUIRE(nfd);
    BOOST_TEST(nfd->front().name == "X\xE1\xBA\xA1");
}

BOOST_AUTO_TEST_CASE(desk_unit)
{
    auto svc = unitService();
    BOOST_TEST(!svc.deskUnit()->has_value());
    BOOST_REQUIRE(svc.setDeskUnit("huyen-tan-bien"));
    BOOST_TEST((*svc.deskUnit())->name == "Huyện Tân Biên");
    BOOST_TEST(*db().queryInt("SELECT COUNT(*) FROM setting WHERE key = 'desk_unit' AND value = 'huyen-tan-bien'") ==
               1);
    BOOST_TEST((svc.setDeskUnit("khong-co").error().code == ErrorCode::NotFound));
    UnitService staff(db(), clock, as(access::Role::Staff));
    BOOST_TEST((staff.setDeskUnit("cong-an-tinh").error().code == ErrorCode::PermissionDenied));
    BOOST_TEST((*staff.deskUnit())->id == "huyen-tan-bien");
}

BOOST_AUTO_TEST_CASE(assignments_from_the_plan_inherited_and_edited)
{
    auto coord = assignments(as(access::Role::Coordinator, "hung"));
    // Công an Tỉnh leads model 5 and coordinates model 1 (the plan's own rows).
    auto police = coord.forUnit("cong-an-tinh");
    BOOST_REQUIRE(police);
    std::map<int, Assignment> byModel;
    for (const auto& a : *police) {
        byModel[a.modelNumber] = a;
    }
    BOOST_TEST((byModel.at(5).role == plan::UnitRole::Lead));
    BOOST_TEST((byModel.at(1).role == plan::UnitRole::Coordinating));
    BOOST_TEST((byModel.at(5).source == AssignmentSource::Plan));
    // A real district carries what the plan gives "UBND huyện, thị xã, thành phố" (models 1, 2, 3, 5, …).
    auto district = coord.forUnit("huyen-tan-bien");
    BOOST_REQUIRE(district);
    std::set<int> models;
    for (const auto& a : *district) {
        models.insert(a.modelNumber);
        BOOST_TEST((a.source == AssignmentSource::Inherited));
        BOOST_TEST(*a.via == "ubnd-cap-huyen");
    }
    BOOST_TEST(models.contains(1));
    BOOST_TEST(models.contains(19));
    BOOST_TEST(!models.contains(6));

    // The district assigns model 15 to its pawnshop and model 8 to its notary office.
    BOOST_REQUIRE(unitService().setDeskUnit("huyen-tan-bien"));
    auto changes = count("SELECT COUNT(*) FROM change_log");
    auto r = coord.assign(15, "cd-thu-1", plan::UnitRole::Lead);
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
    BOOST_TEST(*r);
    BOOST_REQUIRE(coord.assign(8, "cc-thu-1", plan::UnitRole::Coordinating));
    BOOST_TEST(count("SELECT COUNT(*) FROM change_log WHERE entity = 'assignment'") == 2);
    BOOST_TEST(!*coord.assign(15, "cd-thu-1", plan::UnitRole::Lead)); // already so: nothing written
    BOOST_TEST(count("SELECT COUNT(*) FROM change_log") == changes + 2);
    auto pawnshop = coord.forUnit("cd-thu-1");
    BOOST_REQUIRE(pawnshop->size() == 1u);
    BOOST_TEST((pawnshop->front().source == AssignmentSource::Desk));
    BOOST_TEST(pawnshop->front().uid == AssignmentService::assignmentUid("373/KH-TCTĐA06", 15, "cd-thu-1"));
    auto model15 = coord.forModel(15);
    BOOST_TEST(model15->size() == 2u); // the plan's Công an Tỉnh and the pawnshop

    // Outside the desk's district: refused.
    auto outside = coord.assign(15, "huyen-go-dau", plan::UnitRole::Lead);
    BOOST_REQUIRE(!outside);
    BOOST_TEST((outside.error().code == ErrorCode::PermissionDenied));
    // Unknown model, unknown unit.
    BOOST_TEST((coord.assign(99, "cd-thu-1", plan::UnitRole::Lead).error().code == ErrorCode::NotFound));
    BOOST_TEST((coord.assign(15, "khong-co", plan::UnitRole::Lead).error().code == ErrorCode::NotFound));

    // Removing: a tombstone that hides the assignment (also one inherited from the plan).
    BOOST_REQUIRE(coord.unassign(19, "huyen-tan-bien"));
    std::set<int> after;
    auto afterRemoval = coord.forUnit("huyen-tan-bien");
    BOOST_REQUIRE(afterRemoval);
    for (const auto& a : *afterRemoval) {
        after.insert(a.modelNumber);
    }
    BOOST_TEST(!after.contains(19));
    BOOST_TEST((coord.unassign(19, "huyen-tan-bien").error().code == ErrorCode::NotFound));

    // Re-importing the plan keeps the desk's assignments.
    auto plan = plan::loadPlanText(assets::bundledPlanJson());
    BOOST_REQUIRE(plan::PlanRepository(db(), clock).importPlan(*plan, admin()));
    BOOST_TEST(coord.forUnit("cd-thu-1")->size() == 1u);
}

BOOST_AUTO_TEST_CASE(permissions_through_the_domain_api)
{
    // A staff user may not assign; a checker may not change tasks.
    auto staffAssign = assignments(as(access::Role::Staff)).assign(15, "cd-thu-1", plan::UnitRole::Lead);
    BOOST_REQUIRE(!staffAssign);
    BOOST_TEST((staffAssign.error().code == ErrorCode::PermissionDenied));
    BOOST_TEST(!assignments(as(access::Role::Staff)).unassign(5, "cong-an-tinh"));
    BOOST_TEST(assignments(as(access::Role::Staff)).forUnit("cong-an-tinh").has_value()); // reading is allowed

    auto task = tasks(as(access::Role::Staff)).add(NewTask{5, "cong-an-tinh", "Triển khai DVC trên VNeID", "", {}, {}});
    BOOST_REQUIRE_MESSAGE(task, (task ? "" : task.error().message));
    auto checker = tasks(as(access::Role::Checker, "thu"));
    const auto writes = count("SELECT COUNT(*) FROM audit_log");
    TaskChange change;
    change.percent = 50;
    BOOST_TEST((checker.update(task->uid, change).error().code == ErrorCode::PermissionDenied));
    BOOST_TEST((checker.add(NewTask{5, "cong-an-tinh", "x", "", {}, {}}).error().code == ErrorCode::PermissionDenied));
    const std::vector<unsigned char> bytes = {1, 2, 3};
    BOOST_TEST((checker.attach(task->uid, "a.pdf", bytes).error().code == ErrorCode::PermissionDenied));
    BOOST_TEST((checker.addMonthlyTasks("so-tttt", {}, {}).error().code == ErrorCode::PermissionDenied));
    BOOST_TEST(checker.get(task->uid).has_value()); // reading is allowed
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log") == writes);
    BOOST_TEST(tasks(as(access::Role::Staff)).get(task->uid)->task.percent == 0);
    // Units import needs the admin.
    BOOST_TEST((UnitService(db(), clock, as(access::Role::Coordinator)).importUnits(*bundledUnits()).error().code ==
                ErrorCode::PermissionDenied));
}

BOOST_AUTO_TEST_CASE(tasks_defaults_updates_and_validation)
{
    auto staff = tasks(as(access::Role::Staff));
    // Model 1 (Tháng 01/2024): due 31/01/2024; model 7 (Quý II/2024): 30/06/2024.
    auto t1 = staff.add(NewTask{1, "vp-ubnd-tinh", "Rà soát 25 DVC thiết yếu", "Nguyễn Văn An", {}, {}});
    BOOST_REQUIRE_MESSAGE(t1, (t1 ? "" : t1.error().message));
    BOOST_TEST(t1->due->toIso() == "2024-01-31");
    BOOST_TEST(t1->start->toIso() == "2024-01-31"); // created after its due date: starts on it
    BOOST_TEST(isId(t1->uid));
    auto t7 = staff.add(NewTask{7, "so-y-te", "Lắp Kiosk tại bệnh viện", "", {}, {}});
    BOOST_REQUIRE(t7);
    BOOST_TEST(t7->due->toIso() == "2024-06-30");
    BOOST_TEST(t7->start->toIso() == "2024-03-20");
    // Model 41 (completed in 2021): no due date. Model 25 (recurring): end of this month.
    BOOST_TEST(!staff.add(NewTask{41, "so-tttt", "Duy trì SOC", "", {}, {}})->due.has_value());
    BOOST_TEST(staff.add(NewTask{25, "so-tttt", "Bản tin nội bộ", "", {}, {}})->due->toIso() == "2024-03-31");
    // An explicit date wins; a start after it is refused.
    BOOST_TEST(staff.add(NewTask{7, "so-y-te", "Đợt 2", "", Date{2024, 5, 15}, {}})->due->toIso() == "2024-05-15");
    BOOST_TEST(!staff.add(NewTask{7, "so-y-te", "Đợt 3", "", Date{2024, 5, 15}, Date{2024, 5, 20}}));

    // Not assigned, unknown unit, unknown model, empty title: refused, nothing written.
    const auto before = count("SELECT COUNT(*) FROM task");
    auto notAssigned = staff.add(NewTask{6, "so-tttt", "x", "", {}, {}});
    BOOST_REQUIRE(!notAssigned);
    BOOST_TEST((notAssigned.error().code == ErrorCode::NotFound));
    BOOST_TEST(notAssigned.error().message.find("not assigned") != std::string::npos);
    BOOST_TEST((staff.add(NewTask{1, "khong-co", "x", "", {}, {}}).error().code == ErrorCode::NotFound));
    BOOST_TEST((staff.add(NewTask{43, "so-tttt", "x", "", {}, {}}).error().code == ErrorCode::NotFound));
    BOOST_TEST((staff.add(NewTask{1, "vp-ubnd-tinh", "   ", "", {}, {}}).error().code == ErrorCode::Usage));
    BOOST_TEST(count("SELECT COUNT(*) FROM task") == before);

    // Progress: percent starts the task; indicators; a note.
    TaskChange c;
    c.percent = 40;
    c.indicators.push_back({"Kiosk đã lắp", IndicatorValue{3.0, 10.0, std::string("kiosk")}});
    c.indicators.push_back({"Bệnh viện có đầu đọc CCCD", IndicatorValue{2.0, 8.0, std::nullopt}});
    c.note = "Đã khảo sát 8 bệnh viện.";
    auto u = staff.update(std::to_string(t7->id), c);
    BOOST_REQUIRE_MESSAGE(u, (u ? "" : u.error().message));
    BOOST_TEST((u->status == TaskStatus::InProgress));
    BOOST_TEST(u->percent == 40);
    // The same indicator again (other case, no diacritics) updates it; the target stays.
    TaskChange c2;
    c2.indicators.push_back({"kiosk da lap", IndicatorValue{5.0, std::nullopt, std::nullopt}});
    BOOST_REQUIRE(staff.update(t7->uid.substr(0, 10), c2));
    auto detail = staff.get("#" + std::to_string(t7->id));
    BOOST_REQUIRE(detail);
    BOOST_REQUIRE(detail->indicators.size() == 2u);
    BOOST_TEST(detail->indicators[0].name == "Kiosk đã lắp");
    BOOST_TEST(*detail->indicators[0].actual == 5.0);
    BOOST_TEST(*detail->indicators[0].target == 10.0);
    BOOST_TEST(detail->indicators[0].unitOfMeasure == "kiosk");
    BOOST_TEST(detail->notes.size() == 1u);
    BOOST_TEST(detail->notes[0].user == "lan");

    // Bad input changes nothing.
    const auto changes = count("SELECT COUNT(*) FROM change_log");
    TaskChange bad;
    bad.percent = 101;
    bad.note = "không được ghi";
    BOOST_TEST((staff.update(t7->uid, bad).error().code == ErrorCode::Usage));
    TaskChange badDates;
    badDates.start = Date{2024, 7, 1};
    BOOST_TEST(!staff.update(t7->uid, badDates));
    BOOST_TEST((staff.update("999999", c2).error().code == ErrorCode::NotFound));
    BOOST_TEST(count("SELECT COUNT(*) FROM change_log") == changes);
    BOOST_TEST(staff.get(t7->uid)->notes.size() == 1u);

    // 100 % on an open task marks it done on today's date; reopening clears the date.
    TaskChange full;
    full.percent = 100;
    auto done = staff.update(t7->uid, full);
    BOOST_REQUIRE(done);
    BOOST_TEST((done->status == TaskStatus::Done));
    BOOST_TEST(done->completedOn->toIso() == "2024-03-20");
    TaskChange reopen;
    reopen.status = TaskStatus::InProgress;
    reopen.percent = 90;
    auto reopened = staff.update(t7->uid, reopen);
    BOOST_TEST((reopened->status == TaskStatus::InProgress));
    BOOST_TEST(!reopened->completedOn.has_value());
    // Marking done late.
    TaskChange mark;
    mark.status = TaskStatus::Done;
    auto late = staff.update(t1->uid, mark);
    BOOST_TEST(late->percent == 100);
    BOOST_TEST((evaluateTask(late->timing(), clock.today()).state == DeadlineState::DoneLate));
    // Nothing to change: nothing written.
    const auto audits = count("SELECT COUNT(*) FROM audit_log");
    BOOST_REQUIRE(staff.update(t1->uid, mark));
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log") == audits);
}

BOOST_AUTO_TEST_CASE(evidence_inside_the_store_with_a_size_limit)
{
    auto staff = tasks(as(access::Role::Staff));
    auto t = staff.add(NewTask{8, "so-tu-phap", "Trang bị đầu đọc CCCD", "", {}, {}});
    BOOST_REQUIRE(t);
    std::vector<unsigned char> pdf(200000);
    for (std::size_t i = 0; i < pdf.size(); ++i) {
        pdf[i] = static_cast<unsigned char>(i * 7);
    }
    test::writeFile(dir / "bien-ban.pdf", std::string(pdf.begin(), pdf.end()));
    auto e = staff.attachFile(t->uid, dir / "bien-ban.pdf");
    BOOST_REQUIRE_MESSAGE(e, (e ? "" : e.error().message));
    BOOST_TEST(e->size == 200000);
    BOOST_TEST(e->mediaType == "application/pdf");
    BOOST_TEST(e->sha256 == sha256Hex(pdf.data(), pdf.size()));
    BOOST_TEST((*staff.evidenceData(e->uid) == pdf));
    BOOST_TEST(staff.get(t->uid)->evidence.size() == 1u);
    // The bytes are in the store, not in the change record (which names the hash).
    auto rec = listChanges(db(), admin(), ChangeFilter{std::string("task_evidence"), std::nullopt, false, 0});
    BOOST_REQUIRE(rec->size() == 1u);
    BOOST_TEST(json::Value(json::Object(rec->front().fields)).dump().find(e->sha256) != std::string::npos);

    // Past 10 MB: a clear error, nothing stored.
    {
        std::ofstream big(dir / "scan.pdf", std::ios::binary);
        big.seekp(static_cast<std::streamoff>(kMaxEvidenceBytes));
        big.put('x');
    }
    auto tooBig = staff.attachFile(t->uid, dir / "scan.pdf");
    BOOST_REQUIRE(!tooBig);
    BOOST_TEST((tooBig.error().code == ErrorCode::InvalidInput));
    BOOST_TEST(tooBig.error().message.find("10.0 MB") != std::string::npos);
    BOOST_TEST(tooBig.error().message.find("scan.pdf") != std::string::npos);
    BOOST_TEST((staff.attachFile(t->uid, dir / "missing.pdf").error().code == ErrorCode::NotFound));
    BOOST_TEST(count("SELECT COUNT(*) FROM task_evidence") == 1);
}

BOOST_AUTO_TEST_CASE(monthly_tasks_of_recurring_models)
{
    auto staff = tasks(as(access::Role::Staff));
    // Sở TT&TT leads 25 and 26 and coordinates 29 (the recurring models): January to March → 9 tasks.
    auto created = staff.addMonthlyTasks("so-tttt", std::string("2024-01"), std::string("2024-03"));
    BOOST_REQUIRE_MESSAGE(created, (created ? "" : created.error().message));
    BOOST_TEST(created->size() == 9u);
    std::set<int> models;
    for (const auto& t : *created) {
        models.insert(t.modelNumber);
        BOOST_TEST(t.period.has_value());
        BOOST_TEST(t.due->day == Date::daysInMonth(t.due->year, t.due->month));
    }
    BOOST_TEST((models == std::set<int>{25, 26, 29}));
    BOOST_TEST(created->front().title.find("Tháng 01/2024: ") == 0u);
    // Again: nothing new; this month only by default (already there).
    BOOST_TEST(staff.addMonthlyTasks("so-tttt", std::string("2024-01"), std::string("2024-03"))->empty());
    BOOST_TEST(staff.addMonthlyTasks("so-tttt", {}, {})->empty());
    BOOST_TEST(staff.addMonthlyTasks("so-tttt", {}, std::string("2024-04"))->size() == 3u);
    // Công an Tỉnh leads 29 (recurring) and coordinates 25, 26: three a month.
    BOOST_TEST(staff.addMonthlyTasks("cong-an-tinh", {}, {})->size() == 3u);
    // The ids of monthly tasks are the same on every desk.
    BOOST_TEST(created->front().uid == derivedId({"monthly-task", "373/KH-TCTĐA06", "25", "so-tttt", "2024-01"}));
    BOOST_TEST((staff.addMonthlyTasks("so-tttt", std::string("2024-1"), {}).error().code == ErrorCode::Usage));
}

BOOST_AUTO_TEST_CASE(deadlines_and_the_dashboard)
{
    auto staff = tasks(as(access::Role::Staff));
    BOOST_REQUIRE(unitService().setDeskUnit("huyen-tan-bien"));
    BOOST_REQUIRE(assignments(admin()).assign(15, "cd-thu-1", plan::UnitRole::Lead));
    // Today is 20/03/2024.
    auto overdue = staff.add(NewTask{1, "huyen-tan-bien", "Cập nhật DVC", "", Date{2024, 3, 10}, Date{2024, 3, 1}});
    auto soon = staff.add(NewTask{2, "huyen-tan-bien", "Tự động hóa một cửa", "", Date{2024, 3, 25}, Date{2024, 3, 1}});
    auto risk = staff.add(NewTask{3, "huyen-tan-bien", "25 DVC không giấy", "", Date{2024, 4, 30}, Date{2024, 3, 1}});
    auto pawn = staff.add(NewTask{15, "cd-thu-1", "Lắp đầu đọc CCCD", "", Date{2024, 3, 15}, Date{2024, 3, 1}});
    auto elsewhere = staff.add(NewTask{5, "cong-an-tinh", "Ngoài huyện", "", Date{2024, 3, 1}, {}});
    BOOST_REQUIRE(overdue && soon && risk && pawn);
    // Outside the desk's district: refused for this desk.
    BOOST_REQUIRE(!elsewhere);
    BOOST_TEST((elsewhere.error().code == ErrorCode::PermissionDenied));

    auto late = progress().overdue("huyen-tan-bien", clock.today());
    BOOST_REQUIRE(late);
    BOOST_REQUIRE(late->size() == 2u);                // the district's own and its pawnshop's
    BOOST_TEST(late->front().task.id == overdue->id); // the most overdue first
    BOOST_TEST(*late->front().eval.daysLeft == -10);

    auto d = progress().dashboard("huyen-tan-bien", clock.today());
    BOOST_REQUIRE_MESSAGE(d, (d ? "" : d.error().message));
    BOOST_TEST(d->overdue.size() == 2u);
    BOOST_REQUIRE(d->dueSoon.size() == 1u);
    BOOST_TEST(d->dueSoon.front().task.id == soon->id);
    BOOST_REQUIRE(d->atRisk.size() == 1u);
    BOOST_TEST(d->atRisk.front().task.id == risk->id);
    BOOST_TEST(d->openTasks == 4);
    std::map<int, ModelProgress> byModel;
    for (const auto& m : d->models) {
        byModel[m.assignment.modelNumber] = m;
    }
    BOOST_TEST((byModel.at(1).summary.state == DeadlineState::Overdue));
    BOOST_TEST(byModel.at(1).summary.tasks == 1);
    BOOST_TEST((byModel.at(1).assignment.role == plan::UnitRole::Coordinating));
    // Model 15 is not the district's own; its pawnshop's task shows under the pawnshop.
    BOOST_TEST(!byModel.contains(15));

    // As of another day (the --as-of of the command line).
    auto later =
        progress().deadlines(TaskFilter{std::string("huyen-tan-bien"), true, {}, false, {}, {}, ""}, Date{2024, 5, 2});
    BOOST_REQUIRE(later);
    for (const auto& s : *later) {
        BOOST_TEST((s.eval.state == DeadlineState::Overdue));
    }
    // Progress bars: percent moves the model's progress.
    TaskChange c;
    c.percent = 60;
    BOOST_REQUIRE(staff.update(soon->uid, c));
    auto d2 = progress().dashboard("huyen-tan-bien", clock.today());
    for (const auto& m : d2->models) {
        if (m.assignment.modelNumber == 2) {
            BOOST_TEST(m.summary.percent == 60);
        }
    }
    // Search over tasks with or without diacritics.
    auto found = staff.list(TaskFilter{{}, true, {}, false, {}, {}, "tu dong hoa mot cua"});
    BOOST_REQUIRE(found->size() == 1u);
    BOOST_TEST(found->front().id == soon->id);
}

BOOST_AUTO_TEST_CASE(audit_and_change_log_in_the_same_transaction)
{
    auto staff = tasks(as(access::Role::Staff, "lan"));
    const auto audits = count("SELECT COUNT(*) FROM audit_log");
    auto t = staff.add(NewTask{5, "cong-an-tinh", "Triển khai DVC trên VNeID", "Trần Thị Bình", {}, {}});
    BOOST_REQUIRE(t);
    TaskChange c;
    c.percent = 30;
    c.indicators.push_back({"DVC đã triển khai", IndicatorValue{5.0, 25.0, std::nullopt}});
    c.note = "Tuần 1";
    BOOST_REQUIRE(staff.update(t->uid, c));
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log") == audits + 2);
    BOOST_TEST(
        count("SELECT COUNT(*) FROM audit_log WHERE action = 'task.update' AND object = 'task:" + t->uid + "'") == 1);
    // The audit objects are references, never the responsible person's name.
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log WHERE object LIKE '%Bình%' OR object LIKE '%Tuần%'") == 0);
    auto verified = audit::verify(db(), admin());
    BOOST_REQUIRE(verified);
    BOOST_TEST(verified->ok);

    auto records = listChanges(db(), admin(), ChangeFilter{std::nullopt, t->uid, false, 0});
    BOOST_REQUIRE(records);
    BOOST_REQUIRE(records->size() == 2u);
    const auto& insert = records->at(0);
    const auto& update = records->at(1);
    BOOST_TEST(insert.entity == "task");
    BOOST_TEST((insert.op == ChangeOp::Insert));
    BOOST_TEST(isId(insert.changeId));
    BOOST_TEST(insert.changeId != update.changeId);
    BOOST_TEST(insert.user == "lan");
    BOOST_TEST(insert.syncState == "pending");
    BOOST_TEST(!insert.device.empty());
    // Only the changed fields, with their new values.
    std::map<std::string, json::Value> fields(update.fields.begin(), update.fields.end());
    BOOST_TEST(fields.size() == 2u);
    BOOST_TEST(fields.at("percent").asInteger() == 30);
    BOOST_TEST(fields.at("status").asString() == "in_progress");
    // Hybrid logical clock: the fixed clock stands still, the counter orders.
    BOOST_TEST((insert.hlc < update.hlc));
    BOOST_TEST(update.hlc.wall == insert.hlc.wall);
    BOOST_TEST(count("SELECT COUNT(*) FROM change_log WHERE entity IN ('task_indicator','task_note')") == 2);

    // A failed change leaves neither an audit entry nor a change record.
    const auto all = count("SELECT COUNT(*) FROM change_log");
    TaskChange bad;
    bad.title = "";
    BOOST_TEST(!staff.update(t->uid, bad));
    BOOST_TEST(count("SELECT COUNT(*) FROM change_log") == all);
}

BOOST_AUTO_TEST_CASE(clock_and_ids_survive_a_restart)
{
    auto staff = tasks(as(access::Role::Staff));
    BOOST_REQUIRE(staff.add(NewTask{5, "cong-an-tinh", "Một", "", {}, {}}));
    auto last = lastHlc(db());
    BOOST_REQUIRE(last);
    session.reset();
    // The clock of the computer went back a day: the next timestamp still follows the last one.
    FixedClock earlier = FixedClock::at(Date{2024, 3, 19});
    auto reopened = access::openSession(dir / "store.da06", "admin", kPass, earlier, da06::schema::full());
    BOOST_REQUIRE(reopened);
    session.emplace(std::move(*reopened));
    TaskService again(db(), earlier, as(access::Role::Staff));
    auto t = again.add(NewTask{5, "cong-an-tinh", "Hai", "", {}, {}});
    BOOST_REQUIRE(t);
    auto records = listChanges(db(), admin(), ChangeFilter{std::nullopt, t->uid, false, 0});
    BOOST_REQUIRE(records->size() == 1u);
    BOOST_TEST((last->wall == records->front().hlc.wall));
    BOOST_TEST((*last < records->front().hlc));
    BOOST_TEST(last->node == records->front().hlc.node);
    // Random ids: no collision among many.
    std::set<std::string> ids;
    for (int i = 0; i < 10000; ++i) {
        ids.insert(randomId());
    }
    BOOST_TEST(ids.size() == 10000u);
}

BOOST_AUTO_TEST_SUITE_END()
