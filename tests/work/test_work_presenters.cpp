// The dashboard, task list, task editor and search presenters with fake views, on a temporary
// encrypted store: no display needed.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <optional>

#include "assets/Bundled.h"
#include "client/presenters/DashboardPresenter.h"
#include "client/presenters/TaskEditorPresenter.h"
#include "client/presenters/TaskListPresenter.h"
#include "client/presenters/WorkSearchPresenter.h"
#include "domain/access/Accounts.h"
#include "domain/plan/PlanFile.h"
#include "domain/plan/PlanRepository.h"
#include "domain/schema/FullSchema.h"
#include "domain/work/BundledUnits.h"
#include "domain/work/ProgressService.h"
#include "tests/support/TestSupport.h"
#include "tests/work/WorkTestSupport.h"

using namespace da06;
using namespace da06::ui;

namespace {

const char* const kPass = "mot hai ba bon nam sau";

class FakeDashboard : public DashboardView {
public:
    void showHeader(const DashboardHeader& h) override { header = h; }
    void showModels(const std::vector<DashboardModelRow>& r) override { models = r; }
    void showOverdue(const std::vector<DashboardTaskRow>& r) override { overdue = r; }
    void showDueSoon(const std::vector<DashboardTaskRow>& r) override { dueSoon = r; }
    void showNoUnit(const std::string& m) override { noUnit = m; }
    void showStatus(const std::string& t) override { status = t; }
    void showError(const std::string& t) override { error = t; }

    DashboardHeader header;
    std::vector<DashboardModelRow> models;
    std::vector<DashboardTaskRow> overdue, dueSoon;
    std::string noUnit, status, error;
};

class FakeTaskList : public TaskListView {
public:
    void showModelChoices(const std::vector<ModelChoice>& c, int s) override
    {
        choices = c;
        selected = s;
    }
    void showTasks(const std::vector<TaskRow>& r) override { rows = r; }
    void showStatus(const std::string& t) override { status = t; }
    void showError(const std::string& t) override { error = t; }

    std::vector<ModelChoice> choices;
    int selected = -1;
    std::vector<TaskRow> rows;
    std::string status, error;
};

class FakeEditor : public TaskEditorView {
public:
    void showTask(const TaskEditorInfo& i, const TaskForm& f) override
    {
        info = i;
        form = f;
        ++shown;
    }
    void showFieldError(TaskField f, const std::string& m) override
    {
        field = f;
        fieldError = m;
    }
    void showError(const std::string& t) override { error = t; }

    TaskEditorInfo info;
    TaskForm form;
    int shown = 0;
    std::optional<TaskField> field;
    std::string fieldError, error;
};

class FakeSearch : public WorkSearchView {
public:
    void showResults(const std::vector<WorkSearchResult>& r, const std::string& s) override
    {
        results = r;
        status = s;
    }
    void showError(const std::string& t) override { error = t; }

    std::vector<WorkSearchResult> results;
    std::string status, error;
};

struct Fixture {
    test::TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 3, 20});
    std::optional<access::Session> session;
    access::Actor admin{"admin", access::Role::Admin, {}};
    access::Actor staff{"lan", access::Role::Staff, {}};

    Fixture()
    {
        auto st = access::createStore(dir / "store.da06", "admin", kPass, clock, da06::schema::full());
        BOOST_REQUIRE(st);
        session.emplace(std::move(*st));
        auto plan = plan::loadPlanText(assets::bundledPlanJson());
        BOOST_REQUIRE(plan::PlanRepository(db(), clock).importPlan(*plan, admin));
        BOOST_REQUIRE(work::UnitService(db(), clock, admin).importUnits(*work::bundledUnits()));
    }
    store::Database& db() { return session->store.db(); }

    work::Task addTask(int model, const std::string& unit, const std::string& title, Date due, Date start)
    {
        auto t = work::TaskService(db(), clock, staff).add(work::NewTask{model, unit, title, "", due, start});
        BOOST_REQUIRE_MESSAGE(t, (t ? "" : t.error().message));
        return *t;
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(work_presenters, Fixture)

BOOST_AUTO_TEST_CASE(dashboard_without_a_desk_unit_says_what_to_do)
{
    FakeDashboard view;
    DashboardPresenter p(view, db(), clock, staff);
    p.load();
    BOOST_TEST(!view.noUnit.empty());
    BOOST_TEST(view.models.empty());
    BOOST_TEST(view.error.empty());
}

BOOST_AUTO_TEST_CASE(dashboard_of_the_desk_unit)
{
    BOOST_REQUIRE(work::UnitService(db(), clock, admin).setDeskUnit("cong-an-tinh"));
    const auto late = addTask(5, "cong-an-tinh", "Triển khai DVC trên VNeID", Date{2024, 3, 17}, Date{2024, 1, 2});
    const auto soon = addTask(29, "cong-an-tinh", "Tuyên truyền tháng 3", Date{2024, 3, 22}, Date{2024, 3, 1});
    addTask(42, "cong-an-tinh", "Tập huấn an toàn thông tin", Date{2024, 6, 30}, Date{2024, 3, 1});
    work::TaskChange c;
    c.percent = 40;
    BOOST_REQUIRE(work::TaskService(db(), clock, staff).update(late.uid, c));

    FakeDashboard view;
    DashboardPresenter p(view, db(), clock, staff);
    p.load();
    BOOST_TEST(view.error.empty());
    BOOST_TEST(view.header.unitName == "Công an Tỉnh");
    BOOST_TEST(view.header.date == "20/03/2024");
    BOOST_TEST(view.header.summary.find("1 overdue") != std::string::npos);
    // Lead models first (5, 9, …), then coordinating (1, …).
    BOOST_REQUIRE(!view.models.empty());
    BOOST_TEST(view.models.front().lead);
    BOOST_TEST(!view.models.back().lead);
    const DashboardModelRow* m5 = nullptr;
    for (const auto& r : view.models) {
        if (r.number == 5) {
            m5 = &r;
        }
    }
    BOOST_REQUIRE(m5);
    BOOST_TEST(m5->percent == 40);
    BOOST_TEST(m5->role == "Lead");
    BOOST_TEST(m5->state == "Overdue");
    BOOST_TEST((m5->tone == Tone::Danger));
    BOOST_TEST(m5->progress == "0 of 1 tasks done");
    BOOST_TEST(m5->deadline == "31/01/2024");
    BOOST_REQUIRE(view.overdue.size() == 1u);
    BOOST_TEST(view.overdue.front().id == late.id);
    BOOST_TEST(view.overdue.front().when == "Overdue by 3 days");
    BOOST_REQUIRE(view.dueSoon.size() == 1u);
    BOOST_TEST(view.dueSoon.front().id == soon.id);
    BOOST_TEST(view.dueSoon.front().when == "2 days left");
    BOOST_TEST(view.dueSoon.front().state.find("behind") != std::string::npos);

    // Another unit, chosen in the search; then back to the desk's.
    p.showUnit("so-tttt");
    BOOST_TEST(view.header.unitName == "Sở Thông tin và Truyền thông");
    BOOST_TEST(view.overdue.empty());
    p.showUnit("");
    BOOST_TEST(p.unitId() == "cong-an-tinh");
}

BOOST_AUTO_TEST_CASE(task_list_filters_searches_and_marks_done)
{
    BOOST_REQUIRE(work::UnitService(db(), clock, admin).setDeskUnit("so-y-te"));
    const auto a =
        addTask(6, "so-y-te", "Khám bệnh bằng CCCD tại Bệnh viện Đa khoa", Date{2024, 3, 31}, Date{2024, 3, 1});
    addTask(7, "so-y-te", "Lắp Kiosk đăng ký khám", Date{2024, 6, 30}, Date{2024, 3, 1});
    FakeTaskList view;
    TaskListPresenter p(view, db(), clock, staff);
    p.load();
    BOOST_TEST(view.rows.size() == 2u);
    BOOST_TEST(view.choices.front().number == 0);
    BOOST_TEST(view.choices.size() > 2u);
    p.setModel(7);
    BOOST_REQUIRE(view.rows.size() == 1u);
    BOOST_TEST(view.rows.front().model == 7);
    p.setModel(0);
    p.setQuery("benh vien da khoa"); // without diacritics
    BOOST_REQUIRE(view.rows.size() == 1u);
    BOOST_TEST(view.rows.front().id == a.id);
    BOOST_TEST(view.status.find("1 of 2") != std::string::npos);

    BOOST_TEST(p.canEdit());
    BOOST_TEST(p.markDone(a.id));
    BOOST_TEST(view.rows.front().done);
    BOOST_TEST(view.rows.front().status == "Done");
    BOOST_TEST(view.rows.front().state == "Done on time");

    // A checker may look, not change.
    FakeTaskList checkerView;
    TaskListPresenter checker(checkerView, db(), clock, access::Actor{"thu", access::Role::Checker, {}});
    checker.load();
    BOOST_TEST(!checker.canEdit());
    BOOST_TEST(!checker.markDone(a.id + 1));
    BOOST_TEST(checkerView.error.find("does not allow") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(task_editor_new_task_with_a_proposed_due_date)
{
    FakeEditor view;
    TaskEditorPresenter p(view, db(), clock, staff);
    BOOST_REQUIRE(p.startNew("so-tttt", 0));
    BOOST_TEST(view.info.isNew);
    BOOST_TEST(view.info.unit == "Sở Thông tin và Truyền thông");
    BOOST_TEST(view.info.statuses.size() == 5u);
    // Model 2 (Tháng 01/2024) first; choosing 7 … so-tttt coordinates 7 (Quý II/2024).
    BOOST_TEST(view.form.model == view.info.models.front().number);
    p.chooseModel(7);
    BOOST_TEST(view.form.model == 7);
    BOOST_TEST(view.form.due == "30/06/2024");
    BOOST_TEST(view.form.start == "20/03/2024");
    p.chooseModel(25); // recurring: the end of this month
    BOOST_TEST(view.form.due == "31/03/2024");

    TaskForm f = view.form;
    f.title = "  ";
    BOOST_TEST(!p.save(f));
    BOOST_TEST((view.field == TaskField::Title));
    f.title = "Bản tin nội bộ tháng 3";
    f.due = "30/02/2024"; // a day that does not exist
    BOOST_TEST(!p.save(f));
    BOOST_TEST((view.field == TaskField::Due));
    f.due = "31/03/2024";
    f.indicators.push_back(IndicatorInput{"Bản tin đã phát hành", "nhiều", "4", ""});
    BOOST_TEST(!p.save(f));
    BOOST_TEST((view.field == TaskField::Indicators));
    BOOST_TEST(*db().queryInt("SELECT COUNT(*) FROM task") == 0); // nothing written so far

    f.indicators.back().actual = "1";
    f.indicators.back().unitOfMeasure = "số";
    f.percent = 25;
    f.note = "Số đầu tiên đã gửi.";
    BOOST_REQUIRE_MESSAGE(p.save(f), view.error + view.fieldError);
    BOOST_REQUIRE(p.taskId());
    auto d = work::TaskService(db(), clock, staff).get(std::to_string(*p.taskId()));
    BOOST_REQUIRE(d);
    BOOST_TEST(d->task.modelNumber == 25);
    BOOST_TEST(d->task.percent == 25);
    BOOST_TEST((d->task.status == work::TaskStatus::InProgress));
    BOOST_TEST(d->task.due->toIso() == "2024-03-31");
    BOOST_REQUIRE(d->indicators.size() == 1u);
    BOOST_TEST(*d->indicators[0].target == 4.0);
    BOOST_TEST(d->notes.size() == 1u);
}

BOOST_AUTO_TEST_CASE(task_editor_existing_task_and_evidence)
{
    const auto t =
        addTask(8, "so-tu-phap", "Trang bị đầu đọc CCCD cho phòng công chứng", Date{2024, 3, 31}, Date{2024, 1, 1});
    FakeEditor view;
    TaskEditorPresenter p(view, db(), clock, staff);
    BOOST_REQUIRE(p.startEdit(t.id));
    BOOST_TEST(!view.info.isNew);
    BOOST_TEST(view.info.heading == "Task #" + std::to_string(t.id));
    BOOST_TEST(view.info.state.find("Due soon") == std::string::npos); // 11 days left: not due soon
    BOOST_TEST(view.info.state.find("At risk") != std::string::npos);  // 0 % after 2/3 of the time
    BOOST_TEST(view.form.due == "31/03/2024");

    const auto changesBefore = *db().queryInt("SELECT COUNT(*) FROM change_log");
    TaskForm f = view.form;
    f.status = work::TaskStatus::Done;
    BOOST_REQUIRE(p.save(f));
    // Only the status changed (and what it implies): one task record.
    BOOST_TEST(*db().queryInt("SELECT COUNT(*) FROM change_log") == changesBefore + 1);
    BOOST_TEST(p.form().percent == 100);

    // Evidence: a file inside the limit is kept and listed; one past it is refused clearly.
    test::writeFile(dir / "bien-ban.pdf", std::string(3000, 'x'));
    BOOST_REQUIRE(p.attach(dir / "bien-ban.pdf"));
    BOOST_REQUIRE(p.info().evidence.size() == 1u);
    BOOST_TEST(p.info().evidence.front().label.find("bien-ban.pdf (3 KB, 20/03/2024)") == 0u);
    {
        std::ofstream big(dir / "ho-so.zip", std::ios::binary);
        big.seekp(static_cast<std::streamoff>(work::kMaxEvidenceBytes + 5));
        big.put('x');
    }
    BOOST_TEST(!p.attach(dir / "ho-so.zip"));
    BOOST_TEST((view.field == TaskField::Evidence));
    BOOST_TEST(view.fieldError.find("at most 10.0 MB") != std::string::npos);

    // A new task cannot take evidence before it is saved.
    FakeEditor v2;
    TaskEditorPresenter fresh(v2, db(), clock, staff);
    BOOST_REQUIRE(fresh.startNew("so-tu-phap", 8));
    BOOST_TEST(!fresh.attach(dir / "bien-ban.pdf"));

    // A checker sees the task but cannot save it.
    FakeEditor v3;
    TaskEditorPresenter checker(v3, db(), clock, access::Actor{"thu", access::Role::Checker, {}});
    BOOST_REQUIRE(checker.startEdit(t.id));
    BOOST_TEST(!v3.info.canEdit);
    BOOST_TEST(!checker.save(v3.form));
}

BOOST_AUTO_TEST_CASE(search_over_models_units_and_tasks)
{
    addTask(5, "cong-an-tinh", "Hướng dẫn người dân Gò Dầu dùng VNeID", Date{2024, 3, 31}, Date{2024, 3, 1});
    FakeSearch view;
    WorkSearchPresenter p(view, db(), clock, staff);
    p.search("go dau"); // without diacritics: the district and the task
    bool unit = false;
    bool task = false;
    for (const auto& r : view.results) {
        unit = unit || (r.kind == WorkSearchResult::Kind::Unit && r.key == "huyen-go-dau");
        task = task || (r.kind == WorkSearchResult::Kind::Task && r.label.find("Gò Dầu") != std::string::npos);
    }
    BOOST_TEST(unit);
    BOOST_TEST(task);
    p.search("lưu trú"); // with diacritics: models 9–12 (and 38)
    int models = 0;
    for (const auto& r : view.results) {
        models += r.kind == WorkSearchResult::Kind::Model;
    }
    BOOST_TEST(models >= 4);
    p.search("tân biên");
    BOOST_REQUIRE(!view.results.empty());
    BOOST_TEST(view.results.front().key == "huyen-tan-bien");
    p.search("x");
    BOOST_TEST(view.results.empty());
    p.search("khong co gi nhu the nay");
    BOOST_TEST(view.status == "Nothing found.");
}

BOOST_AUTO_TEST_SUITE_END()
