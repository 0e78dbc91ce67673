// The bundled plan file against the seed document it was written from.
#include <boost/test/unit_test.hpp>

#include <map>
#include <regex>
#include <set>

#include "assets/Bundled.h"
#include "domain/plan/Deadline.h"
#include "domain/plan/PlanFile.h"
#include "tests/support/TestSupport.h"

using namespace da06;
using namespace da06::plan;

namespace {

const Plan& bundled()
{
    static const Plan plan = [] {
        auto p = loadPlanText(assets::bundledPlanJson());
        if (!p) {
            throw std::runtime_error(p.error().message);
        }
        return *p;
    }();
    return plan;
}

std::string stripMarkdown(std::string s)
{
    s = std::regex_replace(s, std::regex("\\*\\*|\\\\\\*|^#+ "), "");
    return s;
}

// The seed document cut into the sections of its models: number → text of the section.
std::map<int, std::string> documentSections()
{
    const std::string doc = test::readFile(test::seedDocument());
    std::map<int, std::string> out;
    const std::regex heading("Mô hình ([0-9]+):");
    std::vector<std::pair<int, std::size_t>> starts;
    for (auto it = std::sregex_iterator(doc.begin(), doc.end(), heading); it != std::sregex_iterator(); ++it) {
        starts.emplace_back(std::stoi((*it)[1]), static_cast<std::size_t>(it->position()));
    }
    const std::size_t end = doc.find("III. TỔ CHỨC THỰC HIỆN");
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const std::size_t stop = i + 1 < starts.size() ? starts[i + 1].second : end;
        out[starts[i].first] = doc.substr(starts[i].second, stop - starts[i].second);
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(bundled_plan)

BOOST_AUTO_TEST_CASE(the_embedded_copy_is_the_asset_file)
{
    BOOST_TEST(std::string(assets::bundledPlanJson()) ==
               test::readFile(test::sourceDir() / "assets/plans/tay-ninh-373-2024.json"));
}

BOOST_AUTO_TEST_CASE(forty_two_models_in_five_groups)
{
    const Plan& p = bundled();
    BOOST_TEST(p.id == "373/KH-TCTĐA06");
    BOOST_TEST(p.province == "Tây Ninh");
    BOOST_TEST(p.issued->toIso() == "2024-02-01");
    BOOST_TEST(p.reporting.dueDay == 15);
    BOOST_REQUIRE(p.models.size() == 42u);
    std::map<std::string, int> perGroup;
    for (std::size_t i = 0; i < p.models.size(); ++i) {
        BOOST_TEST(p.models[i].number == static_cast<int>(i + 1));
        ++perGroup[p.models[i].group];
    }
    BOOST_TEST(perGroup["A"] == 5);
    BOOST_TEST(perGroup["B"] == 16);
    BOOST_TEST(perGroup["C"] == 11);
    BOOST_TEST(perGroup["D"] == 3);
    BOOST_TEST(perGroup["E"] == 7);
    BOOST_TEST(p.groups.size() == 5u);
    // Group ranges of the document: A 1–5, B 6–21, C 22–32, D 33–35, E 36–42.
    BOOST_TEST(p.findModel(5)->group == "A");
    BOOST_TEST(p.findModel(6)->group == "B");
    BOOST_TEST(p.findModel(21)->group == "B");
    BOOST_TEST(p.findModel(22)->group == "C");
    BOOST_TEST(p.findModel(33)->group == "D");
    BOOST_TEST(p.findModel(36)->group == "E");
}

BOOST_AUTO_TEST_CASE(each_deadline_form)
{
    const Plan& p = bundled();
    std::map<DeadlineKind, int> kinds;
    for (const auto& m : p.models) {
        ++kinds[m.deadline.kind];
        // The normalized deadline is what the document's own wording says.
        BOOST_TEST_INFO("model " << m.number);
        BOOST_REQUIRE(m.original.deadline);
        auto parsed = parseDeadlineText(*m.original.deadline);
        BOOST_REQUIRE(parsed);
        BOOST_TEST((*parsed == m.deadline));
    }
    BOOST_TEST(kinds[DeadlineKind::Month] > 0);
    BOOST_TEST(kinds[DeadlineKind::Quarter] > 0);
    BOOST_TEST(p.findModel(1)->deadline.due->toIso() == "2024-01-31");
    BOOST_TEST(p.findModel(3)->deadline.due->toIso() == "2024-02-29");  // leap year
    BOOST_TEST(p.findModel(6)->deadline.due->toIso() == "2024-03-31");  // Quý I
    BOOST_TEST(p.findModel(7)->deadline.due->toIso() == "2024-06-30");  // Quý II
    BOOST_TEST(p.findModel(22)->deadline.due->toIso() == "2024-08-31"); // "Tháng 8/2024" without a leading zero
    for (int n : {25, 26, 29}) {
        BOOST_TEST((p.findModel(n)->deadline.kind == DeadlineKind::Recurring));
        BOOST_TEST(!p.findModel(n)->deadline.due);
    }
    BOOST_TEST((p.findModel(41)->deadline.kind == DeadlineKind::Completed));
    BOOST_TEST(*p.findModel(41)->deadline.year == 2021);
    // Model 28's deadline is not bulleted in the document; it is still read.
    BOOST_TEST(p.findModel(28)->deadline.due->toIso() == "2024-01-31");
}

BOOST_AUTO_TEST_CASE(missing_and_odd_fields)
{
    const Plan& p = bundled();
    BOOST_TEST(!p.findModel(5)->target); // "Đối tượng triển khai thực hiện:" left empty
    BOOST_TEST(!p.findModel(5)->original.target);
    for (int n : {19, 20}) { // "Mục tiêu" twice
        BOOST_TEST_INFO("model " << n);
        BOOST_TEST(p.findModel(n)->objective->find("\n\n") != std::string::npos);
    }
    BOOST_TEST((p.findModel(1)->funding.kind == FundingKind::Free));
    BOOST_TEST((p.findModel(7)->funding.kind == FundingKind::Funded));
    BOOST_TEST((p.findModel(2)->funding.kind == FundingKind::Unspecified)); // no funding line
    for (int n : {4, 6, 8}) {
        BOOST_TEST_INFO("model " << n);
        BOOST_TEST((p.findModel(n)->funding.kind == FundingKind::SelfEquipped));
        BOOST_TEST(p.findModel(n)->funding.equipment->find("1 bộ máy tính") != std::string::npos);
    }
    for (int n : {9, 10, 12}) { // "tự trang bị" without a "Kinh phí" heading
        BOOST_TEST_INFO("model " << n);
        BOOST_TEST((p.findModel(n)->funding.kind == FundingKind::SelfEquipped));
    }
    BOOST_TEST((p.findModel(11)->funding.kind == FundingKind::Free));               // "Không yêu cầu kinh phí"
    BOOST_TEST(p.findModel(8)->original.funding->find("QRC") != std::string::npos); // the document's wording kept
    BOOST_TEST(p.findModel(5)->tools.empty());
}

BOOST_AUTO_TEST_CASE(units_are_references)
{
    const Plan& p = bundled();
    std::set<std::string> names;
    for (const auto& u : p.units) {
        BOOST_TEST(names.insert(u.name).second, "duplicate unit " << u.name);
    }
    for (const auto& m : p.models) {
        BOOST_TEST_INFO("model " << m.number);
        BOOST_TEST(!m.leadUnits.empty());
        for (const auto& id : m.leadUnits) {
            BOOST_TEST(p.findUnit(id) != nullptr);
            BOOST_TEST(
                (std::find(m.coordinatingUnits.begin(), m.coordinatingUnits.end(), id) == m.coordinatingUnits.end()));
        }
    }
    auto leads = [&](int n) { return p.findModel(n)->leadUnits; };
    BOOST_TEST((leads(1) == std::vector<std::string>{"vp-ubnd-tinh"}));
    BOOST_TEST((leads(15) == std::vector<std::string>{"cong-an-tinh"}));
    BOOST_TEST(p.findUnit("cong-an-tinh")->name == "Công an Tỉnh");
    BOOST_TEST(p.findUnit("ubnd-cap-huyen")->kind == "district_level");
}

BOOST_AUTO_TEST_CASE(agrees_with_the_seed_document)
{
    if (!std::filesystem::exists(test::seedDocument())) {
        BOOST_TEST_MESSAGE("seed document not found at " << test::seedDocument() << "; skipped");
        return;
    }
    const auto sections = documentSections();
    BOOST_REQUIRE(sections.size() == 42u);
    const Plan& p = bundled();
    const std::regex deadlineLine("Thời gian hoàn thành:?\\**:?\\s*([^\\n]+)");
    for (const auto& m : p.models) {
        BOOST_TEST_INFO("model " << m.number);
        BOOST_REQUIRE(sections.count(m.number) == 1u);
        const std::string section = stripMarkdown(sections.at(m.number));
        // The title as written.
        BOOST_TEST(section.find(m.title) != std::string::npos);
        // The deadline line of the section gives the same normalized deadline.
        std::smatch dm;
        BOOST_REQUIRE(std::regex_search(section, dm, deadlineLine));
        auto parsed = parseDeadlineText(dm[1].str());
        BOOST_REQUIRE(parsed);
        BOOST_TEST((*parsed == m.deadline));
        // Funding as the section says it.
        if (section.find("Kinh phí thực hiện: Miễn phí") != std::string::npos) {
            BOOST_TEST((m.funding.kind == FundingKind::Free), "model " << m.number);
        } else if (section.find("Kinh phí thực hiện: Có kinh phí") != std::string::npos) {
            BOOST_TEST((m.funding.kind == FundingKind::Funded));
        } else if (section.find("tự trang bị") != std::string::npos) {
            BOOST_TEST((m.funding.kind == FundingKind::SelfEquipped));
        }
        // Every lead unit is named in the section (by its name or one of its aliases).
        for (const auto& id : m.leadUnits) {
            const Unit* u = p.findUnit(id);
            bool named = section.find(u->name) != std::string::npos;
            for (const auto& a : u->aliases) {
                named = named || section.find(a) != std::string::npos;
            }
            BOOST_TEST(named, "lead unit " << u->name << " is not named in the section of model " << m.number);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
