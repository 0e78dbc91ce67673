// The identity-check presenter with a fake view: scans, pastes, images (fake decoder), the
// keyboard-wedge burst and the lost-diacritics advice.
#include <boost/test/unit_test.hpp>

#include "client/presenters/IdentityCheckPresenter.h"
#include "client/presenters/Translate.h"

using namespace da06;
using namespace da06::ui;
using namespace std::chrono_literals;

namespace {

const std::string kGood =
    "072090001234|280123456|Nguyễn Văn An|15031990|Nam|Ấp Thạnh Hiệp, Xã Thạnh Tây, Tây Ninh|10052021";
const std::string kAscii =
    "072090001234|280123456|Nguyen Van An|15031990|Nam|Ap Thanh Hiep, Xa Thanh Tay, Tay Ninh|10052021";

struct FakeView : IdentityCheckView {
    std::vector<std::vector<IdentityCheckCard>> shown;
    std::vector<std::string> advice;
    std::vector<std::string> problems;
    int cleared = 0;

    void showCards(const std::vector<IdentityCheckCard>& cards) override { shown.push_back(cards); }
    void showScannerAdvice(const std::string& text) override { advice.push_back(text); }
    void showProblem(const std::string& text) override { problems.push_back(text); }
    void clearAll() override { ++cleared; }

    const IdentityCheckCard& last() const { return shown.back().front(); }
};

std::string field(const IdentityCheckCard& c, const std::string& label)
{
    for (const auto& f : c.fields) {
        if (f.label == label) {
            return f.value;
        }
    }
    return "<none>";
}

const IdentityCheckRow& row(const IdentityCheckCard& c, const std::string& label)
{
    for (const auto& r : c.checks) {
        if (r.label == label) {
            return r;
        }
    }
    throw std::runtime_error("no row " + label);
}

struct Fixture {
    FixedClock clock = FixedClock::at(Date{2024, 6, 30});
    FakeView view;
    std::vector<std::filesystem::path> decoded;
    Result<std::vector<std::string>> next = std::vector<std::string>{};
    IdentityCheckPresenter presenter{view, clock, [this](const std::filesystem::path& p) {
                                         decoded.push_back(p);
                                         return next;
                                     }};

    // Types text as a scanner (3 ms a key) or a person (150 ms a key), then Enter.
    void type(const std::string& text, std::chrono::milliseconds gap)
    {
        auto t = ScanBurst::Clock::time_point{} + 1000s;
        for (std::size_t i = 0; i < text.size();) {
            std::size_t n = 1;
            const auto c = static_cast<unsigned char>(text[i]);
            n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            presenter.keyTyped(std::string_view(text).substr(i, n), t);
            t += gap;
            i += n;
        }
        presenter.enterPressed(t);
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(identity_check_presenter, Fixture)

BOOST_AUTO_TEST_CASE(a_serial_scan_shows_identity_checks_expiry_and_next_steps)
{
    presenter.checkSerialScan(kGood);
    BOOST_REQUIRE(view.shown.size() == 1u);
    const IdentityCheckCard& c = view.last();
    BOOST_TEST((c.verdict == Verdict::Valid));
    BOOST_TEST(c.verdictText == "Valid");
    BOOST_TEST(c.source == "Serial scanner");
    BOOST_TEST(field(c, "Card number") == "072090001234");
    BOOST_TEST(field(c, "Full name") == "Nguyễn Văn An");
    BOOST_TEST(field(c, "Date of birth") == "15/03/1990");
    BOOST_TEST(field(c, "Issue date") == "10/05/2021");
    BOOST_TEST(field(c, "Birth registered in") == "Tây Ninh (072)");
    BOOST_TEST(c.expiryText == "Valid until 15/03/2030");
    BOOST_TEST(c.checks.size() == 10u);
    for (const auto& r : c.checks) {
        BOOST_TEST_INFO(r.label);
        BOOST_TEST((r.mark == CheckMark::Pass));
        BOOST_TEST(!r.message.empty());
    }
    BOOST_TEST(c.nextSteps.size() == 1u);
    BOOST_TEST(view.advice.empty());
    BOOST_TEST(presenter.reports().size() == 1u);
}

BOOST_AUTO_TEST_CASE(problems_are_marked_and_say_what_to_do)
{
    // Wrong sex digit (error) and unknown province (warning).
    presenter.checkPastedText("003190001234|280123456|Nguyễn Văn An|15031990|Nam|Tây Ninh|10052021");
    const IdentityCheckCard& c = view.last();
    BOOST_TEST((c.verdict == Verdict::Invalid));
    BOOST_TEST(c.verdictText == "Invalid");
    BOOST_TEST((row(c, "Sex").mark == CheckMark::Fail));
    BOOST_TEST(row(c, "Sex").message.find("Nữ") != std::string::npos);
    BOOST_TEST((row(c, "Province code").mark == CheckMark::Warn));
    BOOST_TEST(field(c, "Birth registered in") == "003 (unknown code)");
    BOOST_REQUIRE(c.nextSteps.size() >= 2u);
    BOOST_TEST(c.nextSteps.front().find("Do not accept") == 0u);

    // Only a warning: usable, look again.
    presenter.checkPastedText("003090001234|280123456|Nguyễn Văn An|15031990|Nam|Tây Ninh|10052021");
    BOOST_TEST((view.last().verdict == Verdict::Warning));
    BOOST_TEST(view.last().nextSteps.back().find("Compare the photo") == 0u);

    // Expired.
    presenter.checkPastedText("072099001234||Nguyễn Văn An|15031999|Nam|Tây Ninh|10052016");
    BOOST_TEST((view.last().verdict == Verdict::Invalid));
    BOOST_TEST(view.last().expiryText == "Expired on 15/03/2024");
    BOOST_TEST((row(view.last(), "Validity").mark == CheckMark::Fail));

    // Valid for life.
    presenter.checkPastedText("072060001234||Lê Văn Tám|01011960|Nam|Tây Ninh|05052021");
    BOOST_TEST(view.last().expiryText == "Valid for life (issued at 58 or later)");
}

BOOST_AUTO_TEST_CASE(messages_go_through_the_translator)
{
    setTranslator([](const char* msgid) -> std::string {
        const std::string s = msgid;
        if (s == "Valid") {
            return "Hợp lệ";
        }
        if (s == "Valid until %s") {
            return "Có giá trị đến %s";
        }
        if (s == "The card number has 12 digits.") {
            return "Số CCCD có 12 chữ số.";
        }
        return s;
    });
    presenter.checkSerialScan(kGood);
    setTranslator(nullptr);
    BOOST_TEST(view.last().verdictText == "Hợp lệ");
    BOOST_TEST(view.last().expiryText == "Có giá trị đến 15/03/2030");
    BOOST_TEST(row(view.last(), "Card number").message == "Số CCCD có 12 chữ số.");
}

BOOST_AUTO_TEST_CASE(pasted_lines_are_checked_one_by_one)
{
    presenter.checkPastedText(kGood + "\r\n\r\n" + kGood + "\n");
    BOOST_TEST(view.shown.back().size() == 2u);
    presenter.checkPastedText("  \n ");
    BOOST_TEST(view.problems.size() == 1u);
}

BOOST_AUTO_TEST_CASE(images_report_every_code)
{
    next = std::vector<std::string>{kGood, "https://example.vn", kGood};
    presenter.checkImageFile("/tmp/page.png");
    BOOST_TEST(decoded.size() == 1u);
    BOOST_REQUIRE(view.shown.back().size() == 3u);
    BOOST_TEST(view.shown.back()[0].source == "Image page.png: code 1 of 3");
    BOOST_TEST((view.shown.back()[1].verdict == Verdict::Invalid));
    BOOST_TEST(view.shown.back()[1].checks.size() == 1u); // not a CCCD code: nothing else checked
    BOOST_TEST(view.shown.back()[1].fields.empty());

    next = std::vector<std::string>{};
    presenter.checkImageFile("/tmp/blank.png");
    BOOST_TEST(view.problems.back().find("No QR code was found") == 0u);
    BOOST_TEST(presenter.cards().empty());

    next = std::unexpected(Error{ErrorCode::InvalidInput, "not an image"});
    presenter.checkImageFile("/tmp/x.txt");
    BOOST_TEST(view.problems.back().find("not an image") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_wedge_burst_is_a_scan_and_lost_diacritics_bring_advice)
{
    type(kAscii, 3ms);
    BOOST_REQUIRE(view.shown.size() == 1u);
    BOOST_TEST(view.last().source == "Keyboard scanner");
    BOOST_TEST((view.last().verdict == Verdict::Warning));
    BOOST_TEST((row(view.last(), "Diacritics").mark == CheckMark::Warn));
    BOOST_REQUIRE(view.advice.size() == 1u);
    BOOST_TEST(view.advice.front().find("USB-COM") != std::string::npos);
    BOOST_TEST(view.last().nextSteps.front().find("USB-COM") != std::string::npos);

    // A scanner that types Unicode keeps the diacritics: no advice.
    type(kGood, 3ms);
    BOOST_TEST(view.last().source == "Keyboard scanner");
    BOOST_TEST((view.last().verdict == Verdict::Valid));
    BOOST_TEST(view.advice.size() == 1u);

    // Separators lost to the keyboard layout.
    std::string noBars = kAscii;
    std::replace(noBars.begin(), noBars.end(), '|', '#');
    type(noBars, 3ms);
    BOOST_TEST(view.advice.size() == 2u);
    BOOST_TEST((view.last().verdict == Verdict::Invalid));
}

BOOST_AUTO_TEST_CASE(a_person_typing_is_not_a_scanner)
{
    type(kGood, 150ms);
    BOOST_TEST(view.last().source == "Typed text");
    // Edited with backspace: typed, even if fast.
    auto t = ScanBurst::Clock::time_point{} + 5000s;
    for (char ch : kGood) {
        presenter.keyTyped(std::string(1, ch), t);
        t += 2ms;
    }
    presenter.backspaceTyped(t);
    presenter.keyTyped("1", t += 2ms);
    presenter.enterPressed(t += 2ms);
    BOOST_TEST(view.last().source == "Typed text");
    // Enter alone does nothing.
    const auto before = view.shown.size();
    presenter.enterPressed(t += 1s);
    BOOST_TEST(view.shown.size() == before);
}

BOOST_AUTO_TEST_CASE(scan_burst_thresholds)
{
    ScanBurst b;
    auto t = ScanBurst::Clock::time_point{} + 10s;
    for (int i = 0; i < 30; ++i) {
        b.key("a", t);
        t += i == 10 ? 200ms : 5ms; // one hiccup in the burst is tolerated
    }
    const auto line = b.enter(t);
    BOOST_TEST(line.fromScanner);
    BOOST_TEST(line.keys == 30u);
    BOOST_TEST(line.text == std::string(30, 'a'));
    // Too short to be a QR payload.
    for (int i = 0; i < 5; ++i) {
        b.key("1", t += 3ms);
    }
    BOOST_TEST(!b.enter(t += 3ms).fromScanner);
    // Enter long after the last key: someone pressed it by hand.
    for (int i = 0; i < 30; ++i) {
        b.key("1", t += 3ms);
    }
    BOOST_TEST(!b.enter(t += 2s).fromScanner);
}

BOOST_AUTO_TEST_CASE(clear_forgets_everything)
{
    presenter.checkSerialScan(kGood);
    presenter.keyTyped("0", ScanBurst::Clock::now());
    presenter.clear();
    BOOST_TEST(view.cleared == 1);
    BOOST_TEST(presenter.cards().empty());
    BOOST_TEST(presenter.reports().empty());
}

BOOST_AUTO_TEST_SUITE_END()
