// The front desk's presenters (issue 8) driven with fake views on a temporary encrypted store: the
// purpose remembered per desk, the legal ground required before saving, attaching a check to a
// notarial case, the register's alerts for a minor shown before the contract is saved, a second
// payout refused, the lists searched without diacritics, the receipt written as a PDF.
#include "tests/desk/DeskTestSupport.h"

#include <algorithm>
#include <filesystem>

#include "client/presenters/DeskListsPresenter.h"
#include "client/presenters/FrontDeskPresenter.h"
#include "reports/PdfWriter.h"
#include "reports/XlsxWriter.h"

using namespace da06;
using namespace da06::desk;
using namespace da06::ui;
using da06::desk::test::DeskFixture;
namespace dt = da06::desk::test;

namespace {

class FakeDeskView : public FrontDeskView {
public:
    void showDeskState(const FrontDeskState& s) override
    {
        state = s;
        ++states;
    }
    void showStatus(const std::string& t) override { status = t; }
    void showError(const std::string& t) override { error = t; }

    FrontDeskState state;
    int states = 0;
    std::string status, error;
};

class FakeListsView : public DeskListsView {
public:
    void showRows(DeskList list, const std::vector<DeskRow>& r) override { rows[static_cast<int>(list)] = r; }
    void showDetail(DeskList list, const DeskDetail& d) override { detail[static_cast<int>(list)] = d; }
    void showStatus(const std::string& t) override { status = t; }
    void showError(const std::string& t) override { error = t; }

    std::vector<DeskRow> rows[3];
    DeskDetail detail[3];
    std::string status, error;
};

json::Value qrJson(const std::string& qr, const Date& today)
{
    return identity::cccdReportToJson(identity::checkQrText(qr, today));
}

bool contains(const std::string& hay, const std::string& needle)
{
    return hay.find(needle) != std::string::npos;
}

const char* const kWelfareCsv = "so_cccd,ho_ten,doi_tuong,chuong_trinh,so_tien,ky\n"
                                "072201003358,Đặng Quốc Bảo,Hộ nghèo,Trợ cấp tiền điện,150000,2024-11\n"
                                "072095001234,Trần Văn Hùng,Người có công,Trợ cấp tiền điện,150000,2024-11\n";

} // namespace

BOOST_FIXTURE_TEST_SUITE(desk_presenters, DeskFixture)

BOOST_AUTO_TEST_CASE(purpose_is_remembered_per_desk)
{
    BOOST_TEST(!*readDeskPurpose(db()));
    BOOST_TEST(defaultDeskPurpose("pawnshop") == 15);
    BOOST_TEST(defaultDeskPurpose("notary_office") == 4);
    {
        FakeDeskView view;
        FrontDeskPresenter p(view, db(), clock, checker());
        p.load();
        BOOST_TEST(p.purpose() == 4); // the first purpose of the chooser
        BOOST_REQUIRE(p.purposes().size() == 12u);
        BOOST_TEST(p.purposes()[0].model == 4);
        BOOST_TEST(p.purposes()[2].model == 15);
        BOOST_TEST(!p.purposes()[2].title.empty()); // from the plan
        BOOST_TEST(contains(p.purposes()[2].label, "15 – "));
        p.setPurpose(15);
        p.setPurpose(99); // not a purpose: ignored
        BOOST_TEST(p.purpose() == 15);
        BOOST_TEST((view.state.target == AttachTarget::Contract));
    }
    FakeDeskView view;
    FrontDeskPresenter again(view, db(), clock, checker());
    again.load();
    BOOST_TEST(again.purpose() == 15);
    BOOST_TEST(again.purposeIndex() == 2);
    BOOST_TEST(**readDeskPurpose(db()) == 15);
    BOOST_TEST(!writeDeskPurpose(db(), 7));
}

BOOST_AUTO_TEST_CASE(saving_needs_a_result_and_the_legal_ground)
{
    FakeDeskView view;
    FrontDeskPresenter p(view, db(), clock, checker());
    p.load();
    BOOST_TEST(!view.state.canSave);
    BOOST_TEST(!p.save());
    BOOST_TEST(contains(view.error, "scan"));

    p.setResult(qrJson(dt::kQrAdult, clock.today()));
    BOOST_TEST(view.state.hasResult);
    BOOST_TEST(view.state.canSave);
    BOOST_TEST(!view.state.canPrint);
    view.error.clear();
    BOOST_TEST(!p.save()); // no legal ground chosen
    BOOST_TEST(contains(view.error, "legal ground"));
    BOOST_TEST(count("SELECT COUNT(*) FROM desk_check") == 0);

    p.setConsent(ConsentChoice::Given);
    p.setConsentNote("  phiếu đồng ý số 12 ");
    BOOST_REQUIRE_MESSAGE(p.save(), view.error);
    BOOST_TEST(count("SELECT COUNT(*) FROM desk_check") == 1);
    BOOST_REQUIRE(p.saved());
    BOOST_TEST(p.saved()->model == 4);
    BOOST_TEST((p.saved()->consent == Consent::Given));
    BOOST_TEST(p.saved()->consentNote == "phiếu đồng ý số 12");
    BOOST_TEST(p.saved()->method == CheckMethod::Qr);
    BOOST_TEST(view.state.saved);
    BOOST_TEST(!view.state.canSave);
    BOOST_TEST(view.state.canAttach);
    BOOST_TEST(view.state.canPrint);
    BOOST_TEST(contains(view.status, p.saved()->reference));
    BOOST_TEST(!contains(view.status, "Bảo")); // no personal data in the status bar
    BOOST_TEST(!p.save());                     // saved once
    BOOST_TEST(count("SELECT COUNT(*) FROM desk_check") == 1);

    // The next citizen starts without a legal ground; a result that is no check cannot be saved.
    p.setResult(qrJson(dt::kQrMinor, clock.today()));
    BOOST_TEST((p.consent() == ConsentChoice::None));
    BOOST_TEST(!view.state.saved);
    p.setResult(
        da06::json::Value(da06::json::Array{qrJson(dt::kQrAdult, clock.today()), qrJson(dt::kQrMinor, clock.today())}));
    BOOST_TEST(!view.state.hasResult);
    BOOST_TEST(!view.state.summary.empty());
    p.setConsent(ConsentChoice::LegalObligation);
    BOOST_TEST(!p.save());
    p.clear();
    BOOST_TEST(!view.state.hasResult);
    BOOST_TEST((p.consent() == ConsentChoice::None));

    // Staff may not record checks.
    FakeDeskView staffView;
    FrontDeskPresenter staff(staffView, db(), clock, as(access::Role::Staff));
    staff.load();
    staff.setResult(qrJson(dt::kQrAdult, clock.today()));
    staff.setConsent(ConsentChoice::Given);
    BOOST_TEST(!staff.save());
    BOOST_TEST(!staffView.error.empty());
    BOOST_TEST(count("SELECT COUNT(*) FROM desk_check") == 1);
}

BOOST_AUTO_TEST_CASE(a_check_is_attached_to_a_new_then_an_existing_case)
{
    FakeDeskView view;
    FrontDeskPresenter p(view, db(), clock, checker());
    p.load();
    p.setPurpose(8);
    p.setResult(qrJson(dt::kQrAdult, clock.today()));
    BOOST_TEST(!p.attachToNewCase(NewCase{"12/2024/HĐ", 8, "contract", "x"}, "party_a")); // not saved yet
    p.setConsent(ConsentChoice::LegalObligation);
    BOOST_REQUIRE(p.save());
    BOOST_TEST((view.state.target == AttachTarget::Case));
    BOOST_TEST(!p.attachToNewCase(NewCase{"  ", 8, "contract", "x"}, "party_a"));
    BOOST_REQUIRE_MESSAGE(p.attachToNewCase(NewCase{"12/2024/HĐ", 8, "contract", "Hợp đồng mua bán xe máy"}, "party_a"),
                          view.error);
    BOOST_TEST(view.state.attached);
    BOOST_TEST(!view.state.canAttach);
    BOOST_TEST(contains(view.state.summary, "12/2024/HĐ"));
    BOOST_TEST(p.saved()->attachedKind == std::optional<std::string>("case"));

    // The second party: another citizen, the same case chosen from the open ones.
    p.setResult(qrJson(dt::kQrExpired, clock.today()));
    p.setConsent(ConsentChoice::LegalObligation);
    BOOST_REQUIRE(p.save());
    const auto open = p.openCases("mua ban xe");
    BOOST_REQUIRE(open.size() == 1u);
    BOOST_TEST(contains(open[0].label, "12/2024/HĐ"));
    BOOST_REQUIRE_MESSAGE(p.attachToCase(open[0].uid, "party_b"), view.error);

    NotaryService notary(db(), clock, checker());
    auto c = notary.get("12/2024/HĐ");
    BOOST_REQUIRE(c);
    BOOST_REQUIRE(c->parties.size() == 2u);
    BOOST_TEST(c->parties[0].passing);
    BOOST_TEST(!c->parties[1].passing); // the expired card does not pass
    BOOST_TEST(c->model == 8);

    // The receipt of the last check, as a PDF in the folder chosen (remembered for the desk).
    const auto folder = dir / "receipts";
    std::filesystem::create_directories(folder);
    BOOST_TEST(receiptFolder(db(), dir / "no-documents", dir.path()) == dir.path());
    const auto file = folder / p.receiptFileName();
    BOOST_TEST(contains(file.string(), p.saved()->reference));
    auto st = p.writeReceipt(file);
    BOOST_REQUIRE_MESSAGE(st, (st ? "" : st.error().message));
    BOOST_TEST(std::filesystem::file_size(file) > 1000u);
    BOOST_TEST(receiptFolder(db(), dir / "no-documents", dir.path()) == folder);

    // The cases list: the blocking party, an exception, completion.
    FakeListsView lv;
    DeskListsPresenter lists(lv, db(), clock, checker());
    lists.load(DeskList::Cases);
    BOOST_REQUIRE(lv.rows[0].size() == 1u);
    BOOST_TEST((lv.rows[0][0].tone == Tone::Warning));
    BOOST_TEST(!lists.completeCase(c->uid));
    BOOST_TEST(contains(lv.error, "party"));
    const auto blocking = lists.blockingParties(c->uid);
    BOOST_REQUIRE(blocking.size() == 1u);
    BOOST_REQUIRE(lists.setPartyException(c->uid, blocking[0].uid, "Thẻ hết hạn, đã đối chiếu hộ chiếu số C1234567"));
    BOOST_REQUIRE_MESSAGE(lists.completeCase(c->uid), lv.error);
    BOOST_TEST((lv.rows[0][0].tone == Tone::Good));
    lists.select(DeskList::Cases, c->uid);
    BOOST_TEST(contains(lv.detail[0].heading, "12/2024/HĐ"));
    BOOST_TEST(lv.detail[0].lines.size() >= 6u);
}

BOOST_AUTO_TEST_CASE(pawn_alerts_for_a_minor_are_shown_before_saving)
{
    FakeDeskView view;
    FrontDeskPresenter p(view, db(), clock, checker());
    p.load();
    p.setPurpose(15);
    p.setResult(qrJson(dt::kQrMinor, clock.today()));
    p.setConsent(ConsentChoice::LegalObligation);
    BOOST_REQUIRE_MESSAGE(p.save(), view.error);
    BOOST_TEST((p.attachTarget() == AttachTarget::Contract));
    const auto alerts = p.contractAlerts(clock.today());
    BOOST_REQUIRE(alerts.size() == 1u);
    BOOST_TEST(alerts[0] == alertLabel("under_18"));
    const std::string number = p.proposedContractNumber();
    BOOST_TEST(contains(number, "CD-20241105-"));

    NewPawn pawn;
    pawn.number = number;
    pawn.item = "Xe máy Honda Wave, biển số 70H1-123.45";
    pawn.value = 12000000;
    pawn.loan = 8000000;
    pawn.interest = 1.5;
    pawn.start = clock.today();
    pawn.due = Date{2024, 12, 5};
    BOOST_REQUIRE_MESSAGE(p.attachToNewContract(pawn), view.error);
    BOOST_TEST(contains(view.status, "alert"));
    BOOST_TEST(view.state.attached);
    BOOST_TEST((view.state.tone == Tone::Warning)); // the alert stays visible on the page
    BOOST_TEST(contains(view.state.summary, "alert"));

    FakeListsView lv;
    DeskListsPresenter lists(lv, db(), clock, checker());
    lists.load(DeskList::Contracts);
    BOOST_REQUIRE(lv.rows[1].size() == 1u);
    BOOST_TEST((lv.rows[1][0].tone == Tone::Danger));
    BOOST_TEST(lv.rows[1][0].cells.size() == DeskListsPresenter::columns(DeskList::Contracts).size());
    BOOST_TEST(lv.rows[1][0].cells[3] == "8.000.000 đồng");
    BOOST_TEST(contains(lv.rows[1][0].cells[6], "18"));
    lists.select(DeskList::Contracts, lv.rows[1][0].key);
    BOOST_TEST(std::any_of(lv.detail[1].lines.begin(), lv.detail[1].lines.end(),
                           [](const DeskDetailLine& l) { return l.tone == Tone::Danger; }));
    // The register of the month as a document; a bad range refused.
    const auto [from, to] = lists.defaultRegisterRange();
    BOOST_TEST(from == "01/11/2024");
    auto reg = lists.registerDocument(from, to);
    BOOST_REQUIRE(reg);
    const auto xlsx = dir / (DeskListsPresenter::registerFileStem(Date{2024, 11, 1}, Date{2024, 11, 5}) + ".xlsx");
    BOOST_TEST(xlsx.filename().string() == "so-cam-do-2024-11-01-2024-11-05.xlsx");
    BOOST_REQUIRE(reports::writeXlsx(*reg, xlsx));
    BOOST_TEST(std::filesystem::file_size(xlsx) > 1000u);
    BOOST_TEST(!lists.registerDocument("31/11/2024", to).has_value());
    BOOST_TEST(!lists.setContractRange("05/11/2024", "01/11/2024"));
    BOOST_REQUIRE(lists.setContractRange("01/12/2024", ""));
    BOOST_TEST(lv.rows[1].empty());
    BOOST_REQUIRE(lists.setContractRange("", ""));
    BOOST_REQUIRE(lists.closeContract(lv.rows[1][0].key, PawnStatus::Redeemed, "20/11/2024"));
    BOOST_TEST(lv.rows[1][0].cells[7] == pawnStatusLabel(PawnStatus::Redeemed));
}

BOOST_AUTO_TEST_CASE(a_second_payout_is_refused)
{
    FakeListsView lv;
    DeskListsPresenter lists(lv, db(), clock, checker());
    BOOST_REQUIRE_MESSAGE(lists.importList("Danh sách tháng 11", 35, kWelfareCsv), lv.error);
    BOOST_TEST(contains(lv.status, "2"));

    FakeDeskView view;
    FrontDeskPresenter p(view, db(), clock, checker());
    p.load();
    p.setPurpose(35);
    p.setResult(qrJson(dt::kQrAdult, clock.today()));
    p.setConsent(ConsentChoice::Given);
    BOOST_REQUIRE(p.save());
    BOOST_TEST((p.attachTarget() == AttachTarget::Payout));
    auto m = p.matchPayout("2024-11");
    BOOST_REQUIRE(m);
    BOOST_TEST((m->eligibility == Eligibility::Eligible));
    BOOST_TEST((m->tone == Tone::Good));
    BOOST_TEST(m->warnings.empty()); // the same name on the list and the card
    BOOST_REQUIRE(m->entries.size() == 1u);
    BOOST_TEST(contains(m->entries[0].label, "150.000 đồng"));
    BOOST_REQUIRE_MESSAGE(p.pay(m->entries[0].beneficiaryId), view.error);
    BOOST_TEST(view.state.attached);
    // The receipt is now the payout's.
    auto receipt = p.receipt();
    BOOST_REQUIRE(receipt);
    BOOST_TEST(contains(p.receiptFileName(), receipt->reference));

    // The same citizen again, with a new check: already paid, and a payout is refused.
    p.setResult(qrJson(dt::kQrAdult, clock.today()));
    p.setConsent(ConsentChoice::Given);
    BOOST_REQUIRE(p.save());
    auto again = p.matchPayout("2024-11");
    BOOST_REQUIRE(again);
    BOOST_TEST((again->eligibility == Eligibility::AlreadyPaid));
    BOOST_TEST((again->tone == Tone::Danger));
    BOOST_TEST(!again->warnings.empty());
    view.error.clear();
    BOOST_TEST(!p.pay(m->entries[0].beneficiaryId));
    BOOST_TEST(contains(view.error, "already paid"));
    BOOST_TEST(count("SELECT COUNT(*) FROM payout") == 1);

    // Not listed.
    p.setResult(qrJson(dt::kQrMinor, clock.today()));
    p.setConsent(ConsentChoice::Given);
    BOOST_REQUIRE(p.save());
    auto none = p.matchPayout("2024-11");
    BOOST_REQUIRE(none);
    BOOST_TEST((none->eligibility == Eligibility::NotListed));
    BOOST_TEST(none->entries.empty());

    // The reconciliation of the period.
    auto rec = lists.reconciliationDocument("2024-11");
    BOOST_REQUIRE(rec);
    BOOST_REQUIRE(reports::writePdf(*rec, dir / "doi-chieu.pdf"));
    BOOST_TEST(!lists.reconciliationDocument("tháng 11").has_value());
}

BOOST_AUTO_TEST_CASE(lists_are_searched_with_or_without_diacritics)
{
    // A case, a contract and a payout, each for Đặng Quốc Bảo.
    NotaryService notary(db(), clock, checker());
    auto c = notary.open(NewCase{"30/2024/CT", 4, "copy_certification", "Chứng thực bản sao sổ đỏ"});
    BOOST_REQUIRE(c);
    BOOST_REQUIRE(notary.addParty(c->uid, "requester", recordQr(dt::kQrAdult, 4).uid));
    PawnService pawns(db(), clock, checker());
    NewPawn pawn{
        "CD-1",           recordQr(dt::kQrAdult, 15).uid, "Nhẫn vàng 18K", 5000000, 3000000, 1.0, clock.today(),
        Date{2024, 12, 5}};
    BOOST_REQUIRE(pawns.create(pawn));
    WelfareService welfare(db(), clock, checker());
    auto imported = welfare.importList("DS", 35, kWelfareCsv);
    BOOST_REQUIRE(imported);
    const std::string payCheck = recordQr(dt::kQrAdult, 35).uid;
    auto match = welfare.match(payCheck, "2024-11");
    BOOST_REQUIRE(match);
    BOOST_REQUIRE(!match->entries.empty());
    BOOST_REQUIRE(welfare.pay(match->entries[0].id, payCheck));

    FakeListsView lv;
    DeskListsPresenter lists(lv, db(), clock, checker());
    for (DeskList list : {DeskList::Cases, DeskList::Contracts, DeskList::Payouts}) {
        const int i = static_cast<int>(list);
        for (const char* q : {"dang quoc bao", "ĐẶNG QUỐC BẢO", "Dang Quoc"}) {
            lists.setQuery(list, q);
            BOOST_TEST(lv.rows[i].size() == 1u, q << " in list " << i);
            if (!lv.rows[i].empty()) {
                BOOST_TEST(lv.rows[i][0].cells.size() == DeskListsPresenter::columns(list).size());
            }
        }
        lists.setQuery(list, "nguyen van an");
        BOOST_TEST(lv.rows[i].empty());
        lists.setQuery(list, "");
        BOOST_TEST(lv.rows[i].size() == 1u);
    }
    lists.setQuery(DeskList::Cases, "so do");
    BOOST_TEST(lv.rows[0].size() == 1u);
    lists.setQuery(DeskList::Contracts, "nhan vang");
    BOOST_TEST(lv.rows[1].size() == 1u);
    lists.setCaseStatus(CaseStatus::Completed);
    BOOST_TEST(lv.rows[0].empty());
    BOOST_TEST(!lists.setPayoutPeriod("11/2024"));
    BOOST_REQUIRE(lists.setPayoutPeriod("2024-11"));
    BOOST_TEST(lv.rows[2].size() == 1u);
    lists.select(DeskList::Payouts, lv.rows[2][0].key);
    BOOST_TEST(contains(lv.detail[2].heading, "TT-"));
}

BOOST_AUTO_TEST_SUITE_END()
