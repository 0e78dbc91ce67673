// The reports page's presenter with a fake view: periods and their states, the prefilled editor,
// validation before submission, submit, the preview document, and the coordinator's completeness
// table with reminders, accept and return.
#include "client/presenters/ReportsPresenter.h"
#include "reports/PdfWriter.h"
#include "tests/reports/ReportTestSupport.h"

using namespace da06;
using namespace da06::ui;

namespace {

struct FakeView : ReportsView {
    std::vector<ReportPeriodItem> periods;
    std::size_t selected = 0;
    ReportEditorModel editor;
    int editorShown = 0;
    std::vector<CompletenessRow> completeness;
    std::string summary;
    std::vector<std::string> reminders;
    std::string status;
    std::string error;

    void showPeriods(const std::vector<ReportPeriodItem>& p, std::size_t s) override
    {
        periods = p;
        selected = s;
    }
    void showEditor(const ReportEditorModel& m) override
    {
        editor = m;
        ++editorShown;
    }
    void showCompleteness(const std::vector<CompletenessRow>& rows, const std::string& s,
                          const std::vector<std::string>& r) override
    {
        completeness = rows;
        summary = s;
        reminders = r;
    }
    void showStatus(const std::string& t) override { status = t; }
    void showError(const std::string& t) override { error = t; }
};

struct Fixture : test::ReportFixture {
    FakeView view;

    Fixture()
    {
        BOOST_REQUIRE(work::UnitService(db(), clock, admin()).setDeskUnit("huyen-tan-bien"));
        on(Date{2024, 3, 10});
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(report_presenters, Fixture)

BOOST_AUTO_TEST_CASE(staff_prepares_and_submits)
{
    ReportsPresenter p(view, db(), clock, staff());
    p.load();
    BOOST_TEST(view.error.empty(), view.error);
    BOOST_REQUIRE(view.periods.size() == 3u); // March (its data run to the 14th), February, January
    BOOST_TEST(view.periods[2].key == "2024-01");
    BOOST_TEST(view.periods[2].stateCode == "locked");
    BOOST_TEST(view.periods[view.selected].key == "2024-03"); // due soon: the one to do
    BOOST_TEST(view.periods[view.selected].stateCode == "due_soon");
    BOOST_TEST(view.periods[view.selected].label == "Month 3/2024");
    BOOST_TEST(p.periodKey() == "2024-03");
    BOOST_TEST(view.editor.heading == "Huyện Tân Biên — tháng 3/2024");
    BOOST_TEST(view.editor.dataRange == "Data from 15/02/2024 to 14/03/2024, due 14/03/2024");
    BOOST_TEST(view.editor.editable);
    BOOST_TEST(!view.editor.canSubmit);
    BOOST_REQUIRE(!view.editor.issues.empty());
    BOOST_TEST(view.editor.issues.front().find("difficulties") != std::string::npos);
    BOOST_TEST(!view.editor.narrative.results.empty());
    BOOST_TEST(!p.isCoordinator());
    BOOST_TEST(view.completeness.empty());

    // The preview document renders; the file stem names unit and period.
    auto doc = p.document();
    BOOST_REQUIRE(doc);
    auto img = reports::renderPage(*doc, 0, 20);
    BOOST_REQUIRE(img);
    BOOST_TEST(img->width > 100);
    BOOST_TEST(p.fileStem() == "bao-cao-huyen-tan-bien-2024-03");

    report::Narrative n = view.editor.narrative;
    n.difficulties = "Thiếu đầu đọc.";
    p.editNarrative(n, "3/BC-UBND", "Phạm Thị Lan");
    BOOST_TEST(view.editor.canSubmit);
    p.save();
    BOOST_TEST(view.status == "Draft saved.");
    p.submit();
    BOOST_TEST(view.error.empty(), view.error);
    BOOST_TEST(view.status == "Report submitted.");
    BOOST_TEST(view.periods[0].stateCode == "submitted");
    BOOST_TEST(!view.editor.editable);
    BOOST_TEST(!view.editor.canSubmit);
}

BOOST_AUTO_TEST_CASE(coordinator_sees_completeness_and_reminders)
{
    {
        ReportsPresenter staffPage(view, db(), clock, staff());
        staffPage.showUnit("xa-thu-1");
        report::Narrative n = view.editor.narrative;
        n.difficulties = "Chưa có cán bộ.";
        staffPage.editNarrative(n, "", "");
        staffPage.submit();
        BOOST_TEST(view.error.empty(), view.error);
    }
    FakeView coordView;
    ReportsPresenter p(coordView, db(), clock, coordinator());
    p.load();
    BOOST_TEST(p.isCoordinator());
    BOOST_REQUIRE(!coordView.completeness.empty());
    int reminders = 0;
    bool communeSent = false;
    for (const auto& row : coordView.completeness) {
        reminders += row.needsReminder;
        if (row.unitId == "xa-thu-1") {
            communeSent = !row.needsReminder && row.onTime && row.status == "Submitted";
        }
    }
    BOOST_TEST(communeSent);
    BOOST_TEST(reminders == static_cast<int>(coordView.completeness.size()) - 1);
    BOOST_TEST(coordView.reminders.size() == static_cast<std::size_t>(reminders));
    BOOST_TEST(coordView.reminders.front().find("please send the report for tháng 3/2024 before 14/03/2024") !=
               std::string::npos);
    BOOST_TEST(coordView.summary.find("1 of ") == 0u);
    BOOST_TEST(p.compilationDocument().has_value());

    p.returnReport("xa-thu-1", "");
    BOOST_TEST(!coordView.error.empty()); // a comment is required
    coordView.error.clear();
    p.returnReport("xa-thu-1", "Thiếu số liệu.");
    BOOST_TEST(coordView.error.empty(), coordView.error);
    BOOST_TEST(coordView.status == "Report of Xã Thử Nghiệm Một returned.");
    for (const auto& row : coordView.completeness) {
        if (row.unitId == "xa-thu-1") {
            BOOST_TEST(row.needsReminder);
            BOOST_TEST(row.status == "Returned");
        }
    }

    // A role that does not prepare reports is told so.
    FakeView adminView;
    ReportsPresenter admin(adminView, db(), clock, ReportFixture::admin());
    admin.load();
    BOOST_TEST(!adminView.error.empty());
}

BOOST_AUTO_TEST_SUITE_END()
