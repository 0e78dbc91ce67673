// The devices of the identity-check page behind their presenters, headless with fakes: the one
// chip entry point (emrtd::chooseAccessKey, readChipWithRetry with the retry on a card reset, on
// the modelled card), ChipCheckPresenter with a fake ChipReaderPort (key from what was typed or
// from the QR code, progress, cancel, the outcome and the problems), and QrInputPresenter with a
// fake image source and a fake serial scanner.
#include <boost/test/unit_test.hpp>

#include <deque>
#include <thread>

#include "client/presenters/ChipCheckPresenter.h"
#include "client/presenters/QrInputPresenter.h"
#include "client/presenters/ReaderStatus.h"
#include "client/readers/emrtd/ChipReader.h"
#include "domain/identity/CccdNormalize.h"
#include "domain/identity/chip/Mrz.h"
#include "tests/chip/ChipTestData.h"
#include "tests/chip/ChipTestPki.h"
#include "tests/chip/FakeCard.h"

using namespace da06;
using namespace da06::emrtd;
using namespace chiptest;

namespace {

// Printed name forged (the chip has Đặng Quốc Bảo); born 22/08/2001, issued 15/07/2021.
const std::string kQr =
    "072201003358||Đặng Quốc Báu|22082001|Nam|Ấp Trường Đông, Xã Trường Hòa, Thị xã Hòa Thành, Tây Ninh|15072021";

identity::CccdIdentity qrIdentity()
{
    const auto report = identity::checkQrText(kQr, Date{2024, 6, 1});
    BOOST_REQUIRE(report.isCccd);
    return report.identity;
}

std::string bacOf(const std::string& id12, const std::string& dob, const std::string& expiry)
{
    return *chip::bacMrzInformationFromId12(id12, dob, expiry);
}

// ---- The modelled card behind an opener -----------------------------------------------------------

struct Card {
    Person person;
    Pki pki = makePki();
    std::map<int, Bytes> dgs;
    Bytes sod;

    Card()
    {
        dgs[1] = dg1(mrzOf(person));
        dgs[13] = dg13Of(person);
        sod = makeSod(dgs, pki);
    }

    FakeCardConfig config() const
    {
        FakeCardConfig c;
        c.files[0x011C] = makeCardAccess();
        c.can = person.id12.substr(6);
        c.files[0x011E] = efCom({0x61, 0x6D});
        for (const auto& [dg, bytes] : dgs) {
            c.files[static_cast<std::uint16_t>(0x0100 + dg)] = bytes;
        }
        c.files[0x011D] = sod;
        c.mrzInformation = bacOf(person.id12, person.dobMrz, person.expiryMrz);
        return c;
    }
};

// A card that another program resets: every command fails with CardReset.
class ResetCard final : public readers::CardChannel {
public:
    Result<readers::ResponseApdu> transmit(std::span<const std::uint8_t>) override
    {
        ++m_count;
        return fail(ErrorCode::CardReset, "the card was reset by another program");
    }
    std::size_t commandCount() const override { return m_count; }

private:
    std::size_t m_count = 0;
};

ReadOptions readOptions()
{
    ReadOptions o;
    o.asOf = Date{2024, 6, 30};
    return o;
}

// ---- A fake reader port and views -----------------------------------------------------------------

struct FakeChipReader final : ChipReaderPort {
    Result<ChipReadResult> answer = fail(ErrorCode::NoCard, "no card");
    std::vector<std::pair<std::string, std::size_t>> progressSteps; // reported as (step, done) of 10
    bool sawCancel = false;
    int reads = 0;
    std::string can, mrzInformation, trustFolder;
    Date asOf;
    std::optional<identity::CccdIdentity> qr;

    Result<ChipReadResult> read(const AccessKey& key, const ReadOptions& options, const Progress& progress,
                                const CancelToken& cancel) override
    {
        ++reads;
        can = std::string(key.can());
        mrzInformation = std::string(key.mrzInformation());
        trustFolder = options.trustFolder;
        asOf = options.asOf;
        qr = options.qr;
        for (const auto& [step, done] : progressSteps) {
            progress.report(step, done, 10);
        }
        if (cancel.isCancelled()) {
            sawCancel = true;
            return fail(ErrorCode::Cancelled, "cancelled");
        }
        return answer;
    }
};

ChipReadResult readResult()
{
    ChipReadResult r;
    r.access = "PACE";
    r.apduCount = 42;
    chip::Dg13 d;
    d.idNumber = "072201003358";
    d.fullName = "Đặng Quốc Bảo";
    d.dateOfBirth = "22/08/2001";
    r.dg13 = d;
    r.passiveAuthentication.result = PaResult::Verified;
    r.facePixels = RgbImage{2, 1, Bytes(6, 0x80)};
    return r;
}

struct ChipView final : ui::ChipCheckView {
    std::vector<std::string> log;
    std::string key, keyProblem, problem;
    std::vector<ui::ChipProgress> progress;
    std::optional<ui::ChipReadOutcome> result;

    void showChipKey(const std::string& can) override
    {
        key = can;
        log.push_back("key");
    }
    void showChipKeyProblem(const std::string& text) override
    {
        keyProblem = text;
        log.push_back("key-problem");
    }
    void showChipStarted() override { log.push_back("started"); }
    void showChipProgress(const ui::ChipProgress& p) override { progress.push_back(p); }
    void showChipFinished(bool ok, const std::string& why) override
    {
        problem = why;
        log.push_back(ok ? "finished-ok" : "finished-failed");
    }
    void showChipResult(const ui::ChipReadOutcome& o) override
    {
        result = o;
        log.push_back("result");
    }
};

struct ChipFixture {
    FixedClock clock = FixedClock::at(Date{2024, 6, 1});
    ChipView view;
    std::shared_ptr<FakeChipReader> reader = std::make_shared<FakeChipReader>();
    ui::ChipCheckPresenter presenter{view, clock, reader, "/etc/da06/csca"};

    std::vector<identity::CccdReport> scanned() const { return {identity::checkQrText(kQr, Date{2024, 6, 1})}; }
};

struct ChecksView final : ui::IdentityCheckView {
    std::vector<ui::IdentityCheckCard> cards;
    std::string problem;
    void showCards(const std::vector<ui::IdentityCheckCard>& c) override { cards = c; }
    void showScannerAdvice(const std::string&) override {}
    void showProblem(const std::string& text) override { problem = text; }
    void clearAll() override { cards.clear(); }
};

struct QrView final : ui::QrInputView {
    std::vector<std::string> statuses;
    std::optional<bool> listening;
    std::string notice;
    bool noticeWarning = false;
    std::optional<std::string> pick;
    std::vector<std::string> offered;
    std::string failed;

    void showQrStatus(const std::string& text) override { statuses.push_back(text); }
    void showScannerListening(bool l) override { listening = l; }
    void showScannerNotice(const std::string& text, bool warning) override
    {
        notice = text;
        noticeWarning = warning;
    }
    std::optional<std::string> chooseScannerPort(const std::vector<std::string>& ports) override
    {
        offered = ports;
        return pick;
    }
    void showScannerFailed(const std::string& text) override { failed = text; }
};

struct FakeImages final : ui::QrImageSource {
    Result<std::vector<std::string>> answer = std::vector<std::string>{};
    std::filesystem::path asked;
    Result<std::vector<std::string>> readQrTexts(const std::filesystem::path& path) override
    {
        asked = path;
        return answer;
    }
};

struct FakeConnection final : ui::ScannerConnection {
    std::shared_ptr<std::deque<Result<std::optional<std::string>>>> script;
    Result<std::optional<std::string>> readScan(std::chrono::milliseconds) override
    {
        if (script->empty()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            return std::optional<std::string>();
        }
        auto next = script->front();
        script->pop_front();
        return next;
    }
};

struct FakeScanners final : ui::ScannerSource {
    std::vector<std::string> present;
    std::optional<Error> openError;
    std::string opened;
    std::shared_ptr<std::deque<Result<std::optional<std::string>>>> script =
        std::make_shared<std::deque<Result<std::optional<std::string>>>>();

    std::vector<std::string> ports() override { return present; }
    Result<std::unique_ptr<ui::ScannerConnection>> open(const std::string& port) override
    {
        if (openError) {
            return std::unexpected(*openError);
        }
        opened = port;
        auto c = std::make_unique<FakeConnection>();
        c->script = script;
        return std::unique_ptr<ui::ScannerConnection>(std::move(c));
    }
};

struct QrFixture {
    FixedClock clock = FixedClock::at(Date{2024, 6, 1});
    ChecksView checksView;
    ui::IdentityCheckPresenter checks{checksView, clock};
    QrView view;
    std::shared_ptr<FakeImages> images = std::make_shared<FakeImages>();
    std::shared_ptr<FakeScanners> scanners = std::make_shared<FakeScanners>();
    ui::QrInputPresenter presenter{checks, view, images, scanners};
};

} // namespace

BOOST_AUTO_TEST_SUITE(chip_access_key)

BOOST_AUTO_TEST_CASE(the_can_opens_with_pace_only)
{
    KeyRequest r;
    r.can = "003358";
    auto key = chooseAccessKey(r);
    BOOST_REQUIRE(key.has_value());
    BOOST_TEST(key->can() == "003358");
    BOOST_TEST(!key->hasBac());
}

BOOST_AUTO_TEST_CASE(a_number_without_dates_gives_its_last_six_digits)
{
    KeyRequest r;
    r.id = "072201003358";
    auto key = chooseAccessKey(r);
    BOOST_REQUIRE(key.has_value());
    BOOST_TEST(key->can() == "003358");
    BOOST_TEST(!key->hasBac());
}

BOOST_AUTO_TEST_CASE(the_qr_code_gives_the_number_and_the_dates_for_bac)
{
    KeyRequest r;
    r.qr = qrIdentity();
    auto key = chooseAccessKey(r);
    BOOST_REQUIRE(key.has_value());
    BOOST_TEST(key->can() == "003358");
    // Born 22/08/2001, issued at 19: the card expires at 25, on 22/08/2026.
    BOOST_TEST(key->mrzInformation() == bacOf("072201003358", "010822", "260822"));

    // The typed number is the QR code's: the same; another number: only its CAN.
    r.id = "072201003358";
    BOOST_TEST(chooseAccessKey(r)->mrzInformation() == bacOf("072201003358", "010822", "260822"));
    r.id = "079201001234";
    auto other = chooseAccessKey(r);
    BOOST_REQUIRE(other.has_value());
    BOOST_TEST(other->can() == "001234");
    BOOST_TEST(!other->hasBac());
    // Typed dates win over the QR code's.
    r.id = "072201003358";
    r.dob = "010822";
    r.expiry = "310822";
    BOOST_TEST(chooseAccessKey(r)->mrzInformation() == bacOf("072201003358", "010822", "310822"));
}

BOOST_AUTO_TEST_CASE(problems_are_told_apart)
{
    using Kind = KeyProblem::Kind;
    KeyRequest none;
    BOOST_TEST((chooseAccessKey(none).error().kind == Kind::NoKey));
    KeyRequest two;
    two.can = "003358";
    two.id = "072201003358";
    BOOST_TEST((chooseAccessKey(two).error().kind == Kind::SeveralKeys));
    KeyRequest doc;
    doc.document = "C01X00T47";
    doc.dob = "010822";
    BOOST_TEST((chooseAccessKey(doc).error().kind == Kind::DocumentWithoutDates));
    doc.expiry = "260822";
    BOOST_TEST(chooseAccessKey(doc).has_value());
    KeyRequest bad;
    bad.can = "12";
    const auto rejected = chooseAccessKey(bad);
    BOOST_REQUIRE(!rejected.has_value());
    BOOST_TEST((rejected.error().kind == Kind::Rejected));
    BOOST_TEST(rejected.error().message == AccessKey::fromCan("12").error().message);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(chip_read_with_retry)

BOOST_AUTO_TEST_CASE(a_reset_card_is_read_again_on_a_fresh_connection)
{
    Card card;
    int opens = 0;
    std::vector<int> attempts;
    CardOpener open = [&]() -> Result<std::unique_ptr<readers::CardChannel>> {
        ++opens;
        if (opens == 1) {
            return std::unique_ptr<readers::CardChannel>(std::make_unique<ResetCard>());
        }
        return std::unique_ptr<readers::CardChannel>(std::make_unique<FakeCard>(card.config()));
    };
    CancelToken cancel;
    const auto key = *AccessKey::fromCan(card.person.id12.substr(6));
    auto result =
        readChipWithRetry(open, key, readOptions(), Progress(), cancel, [&](int a) { attempts.push_back(a); });
    BOOST_REQUIRE_MESSAGE(result.has_value(), (result ? "" : result.error().message));
    BOOST_TEST(result->access == "PACE");
    BOOST_REQUIRE(result->dg13.has_value());
    BOOST_TEST(result->dg13->idNumber == card.person.id12);
    BOOST_TEST(opens == 2);
    BOOST_TEST((attempts == std::vector<int>{0, 1}));
}

BOOST_AUTO_TEST_CASE(only_one_retry_and_only_after_a_reset)
{
    int opens = 0;
    CardOpener resetting = [&]() -> Result<std::unique_ptr<readers::CardChannel>> {
        ++opens;
        return std::unique_ptr<readers::CardChannel>(std::make_unique<ResetCard>());
    };
    CancelToken cancel;
    const auto key = *AccessKey::fromCan("003358");
    auto twice = readChipWithRetry(resetting, key, readOptions(), Progress(), cancel);
    BOOST_REQUIRE(!twice.has_value());
    BOOST_TEST((twice.error().code == ErrorCode::CardReset));
    BOOST_TEST(opens == 2);

    // Removed: not read again. No card: the opener's error, nothing opened.
    Card card;
    opens = 0;
    CardOpener removing = [&]() -> Result<std::unique_ptr<readers::CardChannel>> {
        ++opens;
        auto cfg = card.config();
        cfg.removeAfter = 3;
        return std::unique_ptr<readers::CardChannel>(std::make_unique<FakeCard>(cfg));
    };
    auto removed = readChipWithRetry(removing, key, readOptions(), Progress(), cancel);
    BOOST_REQUIRE(!removed.has_value());
    BOOST_TEST((removed.error().code == ErrorCode::CardRemoved));
    BOOST_TEST(opens == 1);

    bool told = false;
    CardOpener noCard = []() -> Result<std::unique_ptr<readers::CardChannel>> {
        return fail(ErrorCode::NoCard, "no card");
    };
    CardChipReader reader(noCard, [&](int) { told = true; });
    auto none = reader.read(key, readOptions(), Progress(), cancel);
    BOOST_REQUIRE(!none.has_value());
    BOOST_TEST((none.error().code == ErrorCode::NoCard));
    BOOST_TEST(!told);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(chip_check_presenter)

BOOST_AUTO_TEST_CASE(no_key_is_a_problem_and_nothing_is_read)
{
    ChipFixture f;
    BOOST_TEST(!f.presenter.start("", {}).has_value());
    BOOST_TEST(f.view.keyProblem.find("12-digit card number") != std::string::npos);
    BOOST_TEST(!f.presenter.busy());
    BOOST_TEST(!f.presenter.start("12 3", {}).has_value());
    BOOST_TEST(f.reader->reads == 0);
}

BOOST_AUTO_TEST_CASE(the_key_comes_from_the_qr_code_when_nothing_is_typed)
{
    ChipFixture f;
    auto job = f.presenter.start("  ", f.scanned());
    BOOST_REQUIRE(job.has_value());
    BOOST_TEST(f.view.key == "003358"); // pre-filled for the clerk
    BOOST_TEST(f.presenter.busy());
    BOOST_TEST((f.view.log == std::vector<std::string>{"key", "started"}));
    BOOST_REQUIRE(f.view.progress.size() == 1u);
    BOOST_TEST(f.view.progress[0].text == ui::chipStepText("select", 0, 0));
    BOOST_TEST(f.view.progress[0].percent == 0);
    f.reader->answer = readResult();
    const auto outcome = job->run({});
    BOOST_TEST(f.reader->can == "003358");
    BOOST_TEST(f.reader->mrzInformation == bacOf("072201003358", "010822", "260822"));
    BOOST_TEST(f.reader->trustFolder == "/etc/da06/csca");
    BOOST_TEST((f.reader->asOf == Date{2024, 6, 1}));
    BOOST_REQUIRE(f.reader->qr.has_value());
    BOOST_TEST(f.reader->qr->fullName == "Đặng Quốc Báu");
    BOOST_TEST(outcome.ok);
    // The chip and the QR code side by side: the forged name differs.
    bool nameDiffers = false;
    for (const auto& row : outcome.card.comparison) {
        nameDiffers = nameDiffers || (row.label == "Full name" && row.differs);
    }
    BOOST_TEST(nameDiffers);
}

BOOST_AUTO_TEST_CASE(a_typed_can_or_number_wins_over_the_qr_code)
{
    ChipFixture f;
    auto job = f.presenter.start(" 654321 ", f.scanned());
    BOOST_REQUIRE(job.has_value());
    BOOST_TEST(f.view.key.empty());
    job->run({});
    BOOST_TEST(f.reader->can == "654321");
    BOOST_TEST(f.reader->mrzInformation.empty());
    f.presenter.finish({});

    auto other = f.presenter.start("079201001234", f.scanned());
    BOOST_REQUIRE(other.has_value());
    other->run({});
    BOOST_TEST(f.reader->can == "001234");
    BOOST_TEST(f.reader->mrzInformation.empty());
}

BOOST_AUTO_TEST_CASE(one_reading_at_a_time_with_progress)
{
    ChipFixture f;
    auto job = f.presenter.start("003358", {});
    BOOST_REQUIRE(job.has_value());
    BOOST_TEST(!f.presenter.start("003358", {}).has_value()); // F5 again while reading
    f.reader->progressSteps = {{"dg13", 5}, {"dg13", 10}};
    f.reader->answer = readResult();
    std::vector<ui::ChipProgress> seen;
    const auto outcome = job->run([&](const ui::ChipProgress& p) { seen.push_back(p); });
    BOOST_REQUIRE(seen.size() == 2u);
    BOOST_TEST(seen[0].percent == 50);
    BOOST_TEST(seen[0].text == ui::chipStepText("dg13", 5, 10));
    BOOST_TEST(seen[1].percent == 100);
    for (const auto& p : seen) {
        f.presenter.progress(p);
    }
    BOOST_TEST(f.view.progress.size() == 3u);
    f.presenter.finish(outcome);
    BOOST_TEST(!f.presenter.busy());
    BOOST_TEST((f.view.log == std::vector<std::string>{"started", "finished-ok", "result"}));
    BOOST_REQUIRE(f.view.result.has_value());
    BOOST_TEST((f.view.result->card.verdict == ui::Verdict::Valid));
    BOOST_TEST(f.view.result->card.accessText == "Read with PACE, 42 commands");
    BOOST_TEST(f.view.result->record.find("access")->asString() == "PACE");
    BOOST_REQUIRE(f.view.result->photo.has_value());
    BOOST_TEST(f.view.result->photo->width == 2);
    f.presenter.progress({10, "late"}); // after the end: not shown
    BOOST_TEST(f.view.progress.size() == 3u);
    BOOST_TEST(f.presenter.start("003358", {}).has_value());
}

BOOST_AUTO_TEST_CASE(reader_problems_and_cancel_become_the_readers_message)
{
    ChipFixture f;
    auto job = f.presenter.start("003358", {});
    BOOST_REQUIRE(job.has_value());
    f.reader->answer = fail(ErrorCode::NoCard, "no card on the reader");
    const auto outcome = job->run({});
    BOOST_TEST(!outcome.ok);
    const auto m = ui::readerErrorMessage(ErrorCode::NoCard);
    BOOST_TEST(outcome.problem == m.title + "\n" + m.advice);
    f.presenter.finish(outcome);
    BOOST_TEST(f.view.problem == outcome.problem);
    BOOST_TEST((f.view.log == std::vector<std::string>{"started", "finished-failed"}));

    auto again = f.presenter.start("003358", {});
    BOOST_REQUIRE(again.has_value());
    f.presenter.cancel(); // Esc
    const auto cancelled = again->run({});
    BOOST_TEST(f.reader->sawCancel);
    const auto c = ui::readerErrorMessage(ErrorCode::Cancelled);
    BOOST_TEST(cancelled.problem == c.title + "\n" + c.advice);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(qr_input_presenter)

BOOST_AUTO_TEST_CASE(an_image_is_decoded_by_the_source_once_at_a_time)
{
    QrFixture f;
    BOOST_TEST(f.presenter.canOpenImage());
    auto job = f.presenter.openImage("card.jpg");
    BOOST_REQUIRE(job.has_value());
    BOOST_TEST(!f.presenter.canOpenImage());
    BOOST_TEST(!f.presenter.openImage("other.jpg").has_value());
    BOOST_TEST((f.view.statuses == std::vector<std::string>{"Reading the QR codes of the image..."}));
    f.images->answer = std::vector<std::string>{kQr};
    const auto codes = job->run();
    BOOST_TEST(f.images->asked == std::filesystem::path("card.jpg"));
    f.presenter.imageRead(job->path(), codes);
    BOOST_TEST(f.presenter.canOpenImage());
    BOOST_TEST(f.view.statuses.back().empty());
    BOOST_REQUIRE(f.checksView.cards.size() == 1u);
    BOOST_TEST(f.checks.reports().size() == 1u);

    auto empty = f.presenter.openImage("blank.png");
    BOOST_REQUIRE(empty.has_value());
    f.images->answer = std::vector<std::string>{};
    f.presenter.imageRead(empty->path(), empty->run());
    BOOST_TEST(f.checksView.problem.find("No QR code was found") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_scanner_port_or_one_that_cannot_open)
{
    QrFixture f;
    BOOST_TEST(!f.presenter.toggleScanner().has_value());
    BOOST_TEST(f.view.notice.find("No USB-COM scanner was found") != std::string::npos);
    BOOST_TEST(!f.view.noticeWarning);
    BOOST_TEST(!f.presenter.listening());

    f.scanners->present = {"/dev/ttyACM0", "/dev/ttyUSB0"};
    f.view.pick.reset(); // the clerk cancels the choice
    BOOST_TEST(!f.presenter.toggleScanner().has_value());
    BOOST_TEST(f.view.offered == f.scanners->present);

    f.view.pick = "/dev/ttyUSB0";
    f.scanners->openError = Error(ErrorCode::Io, "/dev/ttyUSB0 is busy");
    BOOST_TEST(!f.presenter.toggleScanner().has_value());
    BOOST_TEST(f.view.notice == "/dev/ttyUSB0 is busy");
    BOOST_TEST(f.view.noticeWarning);
    BOOST_TEST(!f.presenter.listening());
}

BOOST_AUTO_TEST_CASE(scans_are_checked_until_the_scanner_fails_or_is_stopped)
{
    QrFixture f;
    f.scanners->present = {"/dev/ttyACM0"};
    f.view.pick = "/dev/ttyACM0";
    f.scanners->script->push_back(std::optional<std::string>(kQr));
    f.scanners->script->push_back(std::optional<std::string>());
    f.scanners->script->push_back(fail(ErrorCode::Io, "device gone"));
    auto job = f.presenter.toggleScanner();
    BOOST_REQUIRE(job.has_value());
    BOOST_TEST(f.presenter.listening());
    BOOST_TEST((f.view.listening == std::optional<bool>(true)));
    BOOST_TEST(f.view.statuses.back() == "Listening to the scanner on /dev/ttyACM0");
    std::vector<std::string> scans, failures;
    job->run([&](std::string s) { scans.push_back(s); }, [&](std::string m) { failures.push_back(m); });
    BOOST_TEST(scans.size() == 1u);
    BOOST_REQUIRE(failures.size() == 1u);
    f.presenter.scanned(scans[0]);
    BOOST_TEST(f.checksView.cards.size() == 1u);
    f.presenter.scannerFailed(failures[0]);
    BOOST_TEST(f.view.failed == "The scanner stopped answering (unplugged?): device gone");

    // Stop: the button again.
    BOOST_TEST(!f.presenter.toggleScanner().has_value());
    BOOST_TEST(!f.presenter.listening());
    BOOST_TEST((f.view.listening == std::optional<bool>(false)));
    BOOST_TEST(f.view.statuses.back() == "The USB-COM scanner is no longer listened to.");

    // A scanner that sends nothing: listening ends when stopped from another thread.
    auto quiet = f.presenter.toggleScanner();
    BOOST_REQUIRE(quiet.has_value());
    std::thread listener([&] { quiet->run([](std::string) {}, [](std::string) {}); });
    f.presenter.stopScanner();
    listener.join();
    BOOST_TEST(f.presenter.listening()); // until the button says otherwise
}

BOOST_AUTO_TEST_SUITE_END()
