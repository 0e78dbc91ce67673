// The pawnshop register (model 15) and welfare (models 19, 35) on a temporary store (issue 8):
// contracts with their alerts (under 18, expired card, frequent pawning), the register by date
// range and text, the welfare lists imported from CSV, matching, payouts once per programme and
// period, loan applications, the reconciliation, and the roles that may not touch any of it.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <functional>
#include <set>

#include "domain/desk/PawnService.h"
#include "domain/desk/WelfareService.h"
#include "tests/desk/DeskTestSupport.h"

namespace da06::desk {
inline std::ostream& operator<<(std::ostream& os, Eligibility e)
{
    return os << eligibilityName(e);
}
inline std::ostream& operator<<(std::ostream& os, PawnStatus s)
{
    return os << pawnStatusName(s);
}
} // namespace da06::desk

using namespace da06;
using namespace da06::desk;
using namespace da06::desk::test;

namespace {

// A card that expires on the holder's 25th birthday, 2024-11-20 (issued at 21): valid on the
// fixture's day 2024-11-05, expired for a contract starting after the 20th.
const char* const kQrExpiresSoon =
    "072099004567||Lê Văn Tâm|20111999|Nam|Ấp Thạnh Hiệp, Xã Thạnh Bình, Tân Biên, Tây Ninh|15062021";

// Semicolons, a BOM, CRLF, Vietnamese headers, quoted fields; lines 4 (11-digit number), 5 (bad
// amount) and 6 (repeats line 2) are bad. Line 8 has a name in NFD and lower-case category.
const std::string kPayoutCsv =
    "\xEF\xBB\xBF"
    "Số CCCD;Họ và tên;Đối tượng;Chương trình;Số tiền;Kỳ\r\n"
    "072201003358;DANG QUOC BAO;Hộ nghèo;Trợ cấp Tết;1.500.000;2024-11\r\n"
    "072310004321;\"Nguyễn Thị Ánh\";Bảo trợ xã hội;Trợ cấp Tết;\"2,000,000\";2024-11\r\n"
    "07220100335;Người Thiếu Số;Hộ nghèo;Trợ cấp Tết;1.000.000;2024-11\r\n"
    "072095001234;Trần Văn Hùng;Người có công;Trợ cấp Tết;1.2.3;2024-11\r\n"
    "072201003358;Đặng Quốc Bảo;Hộ nghèo;Trợ cấp Tết;1.500.000;2024-11\r\n"
    "072088000222;Võ Văn Nam;Hộ nghèo;Trợ cấp Tết;1.500.000;2024-11\r\n"
    "072099004567;L\x65\xCC\x82 V\x61\xCC\x86n Tâm;hộ cận nghèo;Trợ cấp Tết;800000;2024-11\r\n"
    "\r\n"
    "072201003358;Đặng Quốc Bảo;Hộ nghèo;Trợ cấp Tết;1.500.000;2024-10\r\n";

const std::string kLoanCsv = "id_number,full_name,category,programme,amount,period\n"
                             "072201003358,Đặng Quốc Bảo,poor_household,Cho vay hộ nghèo,\"50,000,000\",2024\n";

template <typename R> ErrorCode codeOf(const R& r)
{
    return r ? ErrorCode::Internal : r.error().code;
}

NewPawn pawn(const std::string& number, const std::string& checkUid, const Date& start, std::int64_t loan = 5000000)
{
    NewPawn p;
    p.number = number;
    p.checkUid = checkUid;
    p.item = "Nhẫn vàng 18K, 2 chỉ";
    p.value = 12000000;
    p.loan = loan;
    p.interest = 1.5;
    p.start = start;
    p.due = Date::fromDaysSinceEpoch(start.daysSinceEpoch() + 90);
    return p;
}

bool has(const std::vector<std::string>& v, const std::string& s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

struct Fixture : DeskFixture {
    PawnService pawns(access::Actor a) { return PawnService(db(), clock, std::move(a)); }
    PawnService pawns() { return pawns(checker()); }
    WelfareService welfare(access::Actor a) { return WelfareService(db(), clock, std::move(a)); }
    WelfareService welfare() { return welfare(checker()); }

    // A manual entry for the pawnshop register: unverified, so not passing.
    CheckRecord recordManual(int model)
    {
        CheckedIdentity id;
        id.idNumber = "072201003358";
        id.fullName = "Đặng Quốc Bảo";
        id.dateOfBirth = Date{2001, 3, 15};
        id.sex = "male";
        CheckInput in = manualCheck(id, "thẻ bị gãy, không quét được mã QR", clock.today());
        in.model = model;
        in.consent = Consent::LegalObligation;
        auto rec = checks().record(in);
        BOOST_REQUIRE_MESSAGE(rec, (rec ? "" : rec.error().message));
        return *rec;
    }

    PawnContract create(const NewPawn& p)
    {
        auto c = pawns().create(p);
        BOOST_REQUIRE_MESSAGE(c, (c ? "" : c.error().message));
        return *c;
    }

    ImportResult import(const std::string& name, int model, const std::string& csv)
    {
        auto r = welfare().importList(name, model, csv);
        BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
        return *r;
    }

    // The beneficiary row of this number, programme and period.
    Beneficiary beneficiary(const std::string& idNumber, const std::string& programme, const std::string& period)
    {
        auto found = welfare().beneficiaries(idNumber, period);
        BOOST_REQUIRE(found);
        for (const auto& b : *found) {
            if (b.idNumber == idNumber && b.programme == programme) {
                return b;
            }
        }
        BOOST_FAIL("no beneficiary " + idNumber + " " + programme + " " + period);
        return {};
    }

    // Personal data never reaches the audit log.
    void requireCleanAudit()
    {
        for (const char* pd :
             {"072201003358", "072310004321", "072095001234", "072099004567", "Bảo", "Ánh", "Tâm", "Hùng"}) {
            BOOST_TEST(count(std::string("SELECT COUNT(*) FROM audit_log WHERE object LIKE '%") + pd +
                             "%' OR action LIKE '%" + pd + "%'") == 0);
        }
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(desk_pawn_welfare, Fixture)

// ---- the pawnshop register -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(pawn_contract_created_with_its_check)
{
    const CheckRecord check = recordQr(kQrAdult, 15, Consent::LegalObligation);
    BOOST_REQUIRE(check.passing());
    const PawnContract c = create(pawn("CD-0001/2024", check.uid, Date{2024, 11, 5}));
    BOOST_TEST(c.number == "CD-0001/2024");
    BOOST_TEST(c.checkUid == check.uid);
    BOOST_TEST(c.checkReference == check.reference);
    BOOST_REQUIRE(c.customer);
    BOOST_TEST(c.customer->fullName == "Đặng Quốc Bảo");
    BOOST_TEST(c.customer->idNumber == "072201003358");
    BOOST_TEST(c.item == "Nhẫn vàng 18K, 2 chỉ");
    BOOST_TEST(c.value == 12000000);
    BOOST_TEST(c.loan == 5000000);
    BOOST_TEST(c.interest == 1.5);
    BOOST_TEST((c.start == Date{2024, 11, 5}));
    BOOST_TEST((c.due == Date{2025, 2, 3}));
    BOOST_TEST((c.status == PawnStatus::Active));
    BOOST_TEST(!c.closed);
    BOOST_TEST(c.alerts.empty());
    BOOST_TEST(c.createdBy == "mai");
    BOOST_TEST(!c.createdAt.empty());

    // The check is attached to the contract; get by uid and by number.
    auto rec = checks().get(check.uid);
    BOOST_REQUIRE(rec);
    BOOST_TEST(rec->attachedKind.value_or("") == "contract");
    BOOST_TEST(rec->attachedUid.value_or("") == c.uid);
    BOOST_TEST(pawns().get(c.uid)->number == "CD-0001/2024");
    BOOST_TEST(pawns().get("CD-0001/2024")->uid == c.uid);
    BOOST_TEST(codeOf(pawns().get("CD-9999")) == ErrorCode::NotFound);

    // Audited by the contract number only.
    BOOST_TEST(
        count("SELECT COUNT(*) FROM audit_log WHERE action = 'pawn.create' AND object = 'contract:CD-0001/2024'") == 1);
    requireCleanAudit();

    BOOST_TEST(pawnStatusLabel(PawnStatus::Active) == "Đang cầm");
    BOOST_TEST(pawnStatusLabel(PawnStatus::Redeemed) == "Đã chuộc");
    BOOST_TEST(pawnStatusLabel(PawnStatus::Liquidated) == "Đã thanh lý");
    for (PawnStatus s : {PawnStatus::Active, PawnStatus::Redeemed, PawnStatus::Liquidated}) {
        BOOST_TEST((pawnStatusFromName(pawnStatusName(s)) == s));
    }
    BOOST_TEST(!pawnStatusFromName("closed"));
}

BOOST_AUTO_TEST_CASE(under_18_and_expired_card_alerts)
{
    // A customer of 14.
    const CheckRecord minor = recordQr(kQrMinor, 15, Consent::LegalObligation);
    BOOST_REQUIRE(minor.passing());
    auto preview = pawns().alertsFor(minor.uid, Date{2024, 11, 5});
    BOOST_REQUIRE(preview);
    BOOST_TEST(*preview == std::vector<std::string>{"under_18"});
    const PawnContract c = create(pawn("CD-0101", minor.uid, Date{2024, 11, 5}));
    BOOST_TEST(c.alerts == std::vector<std::string>{"under_18"});
    BOOST_TEST(pawns().get("CD-0101")->alerts == std::vector<std::string>{"under_18"});
    BOOST_TEST(count("SELECT COUNT(*) FROM pawn_contract WHERE alerts = 'under_18'") == 1);

    // A card that had expired on the day of the check: the preview raises the alert, and the
    // check does not pass, so no contract can be made with it.
    const CheckRecord expired = recordQr(kQrExpired, 15, Consent::LegalObligation);
    auto previewExpired = pawns().alertsFor(expired.uid, Date{2024, 11, 5});
    BOOST_REQUIRE(previewExpired);
    BOOST_TEST(has(*previewExpired, "card_expired"));
    BOOST_TEST(!has(*previewExpired, "under_18"));
    BOOST_TEST(!expired.passing());
    BOOST_TEST(codeOf(pawns().create(pawn("CD-0102", expired.uid, Date{2024, 11, 5}))) == ErrorCode::InvalidInput);

    // A card valid today (expires 2024-11-20) but expired on the contract's start day.
    const CheckRecord soon = recordQr(kQrExpiresSoon, 15, Consent::LegalObligation);
    BOOST_REQUIRE(soon.passing());
    BOOST_TEST(pawns().alertsFor(soon.uid, Date{2024, 11, 20})->empty());
    const PawnContract late = create(pawn("CD-0103", soon.uid, Date{2024, 11, 25}));
    BOOST_TEST(late.alerts == std::vector<std::string>{"card_expired"});

    BOOST_TEST(alertLabel("under_18") == "Khách hàng chưa đủ 18 tuổi");
    BOOST_TEST(alertLabel("card_expired") == "Thẻ căn cước đã hết hạn");
    BOOST_TEST(alertLabel("frequent") == "Cầm đồ nhiều lần trong thời gian ngắn (≥3 lần trong 30 ngày)");
    requireCleanAudit();
}

BOOST_AUTO_TEST_CASE(frequent_alert_on_the_third_contract_in_30_days)
{
    const Date starts[] = {Date{2024, 10, 10}, Date{2024, 10, 20}, Date{2024, 11, 5}};
    std::vector<PawnContract> made;
    for (int i = 0; i < 3; ++i) {
        const CheckRecord check = recordQr(kQrAdult, 15, Consent::LegalObligation);
        made.push_back(create(pawn("CD-02" + std::to_string(i), check.uid, starts[i])));
    }
    BOOST_TEST(made[0].alerts.empty());
    BOOST_TEST(made[1].alerts.empty());
    BOOST_TEST(made[2].alerts == std::vector<std::string>{"frequent"});
    // A fourth on the same day would be frequent too; another person is not.
    const CheckRecord fourth = recordQr(kQrAdult, 15, Consent::LegalObligation);
    BOOST_TEST(*pawns().alertsFor(fourth.uid, Date{2024, 11, 5}) == std::vector<std::string>{"frequent"});
    const CheckRecord other = recordQr(kQrMinor, 15, Consent::LegalObligation);
    BOOST_TEST(!has(*pawns().alertsFor(other.uid, Date{2024, 11, 5}), "frequent"));
    // Far from the others: nothing.
    BOOST_TEST(pawns().alertsFor(fourth.uid, Date{2025, 3, 1})->empty());
}

BOOST_AUTO_TEST_CASE(no_frequent_alert_for_contracts_40_days_apart)
{
    const Date starts[] = {Date{2024, 7, 17}, Date{2024, 8, 26}, Date{2024, 10, 5}, Date{2024, 11, 14}};
    for (int i = 0; i < 4; ++i) {
        const CheckRecord check = recordQr(kQrAdult, 15, Consent::LegalObligation);
        const PawnContract c = create(pawn("CD-03" + std::to_string(i), check.uid, starts[i]));
        BOOST_TEST(c.alerts.empty(), "contract " << i);
    }
}

BOOST_AUTO_TEST_CASE(failing_or_unusable_checks_are_refused)
{
    // A manual entry is unverified: not passing.
    const CheckRecord manual = recordManual(15);
    BOOST_REQUIRE(!manual.passing());
    auto r = pawns().create(pawn("CD-0401", manual.uid, Date{2024, 11, 5}));
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == ErrorCode::InvalidInput);
    BOOST_TEST(r.error().message.find("072201003358") == std::string::npos);
    BOOST_TEST(r.error().message.find("Bảo") == std::string::npos);
    // An unknown check.
    BOOST_TEST(codeOf(pawns().create(pawn("CD-0402", "KT-20241105-000000", Date{2024, 11, 5}))) == ErrorCode::NotFound);
    // A check recorded for another purpose (welfare).
    const CheckRecord welfareCheck = recordQr(kQrAdult, 35);
    BOOST_TEST(codeOf(pawns().create(pawn("CD-0403", welfareCheck.uid, Date{2024, 11, 5}))) == ErrorCode::InvalidInput);
    BOOST_TEST(count("SELECT COUNT(*) FROM pawn_contract") == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM desk_check WHERE attached_kind IS NOT NULL") == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log WHERE action = 'pawn.create'") == 0);

    // A check already used for another contract; by reference works as by uid.
    const CheckRecord check = recordQr(kQrAdult, 15, Consent::LegalObligation);
    create(pawn("CD-0404", check.reference, Date{2024, 11, 5}));
    BOOST_TEST(codeOf(pawns().create(pawn("CD-0405", check.uid, Date{2024, 11, 5}))) == ErrorCode::InvalidInput);
    BOOST_TEST(count("SELECT COUNT(*) FROM pawn_contract") == 1);
}

BOOST_AUTO_TEST_CASE(duplicate_numbers_and_bad_values_are_refused)
{
    const CheckRecord first = recordQr(kQrAdult, 15, Consent::LegalObligation);
    create(pawn("CD-0501", first.uid, Date{2024, 11, 1}));
    const CheckRecord check = recordQr(kQrAdult, 15, Consent::LegalObligation);
    BOOST_TEST(codeOf(pawns().create(pawn(" CD-0501 ", check.uid, Date{2024, 11, 5}))) == ErrorCode::AlreadyExists);

    NewPawn p = pawn("CD-0502", check.uid, Date{2024, 11, 5}, 0);
    BOOST_TEST(codeOf(pawns().create(p)) == ErrorCode::InvalidInput); // loan 0
    p.loan = -5;
    BOOST_TEST(codeOf(pawns().create(p)) == ErrorCode::InvalidInput);
    p.loan = 1000000;
    p.due = Date{2024, 11, 4};
    BOOST_TEST(codeOf(pawns().create(p)) == ErrorCode::InvalidInput); // due before start
    p.due = Date{2024, 11, 5};
    p.value = -1;
    BOOST_TEST(codeOf(pawns().create(p)) == ErrorCode::InvalidInput);
    p.value = 0;
    p.interest = -0.1;
    BOOST_TEST(codeOf(pawns().create(p)) == ErrorCode::InvalidInput);
    p.interest = 0;
    p.item = "   ";
    BOOST_TEST(codeOf(pawns().create(p)) == ErrorCode::InvalidInput);
    p.item = "Xe máy Honda Wave";
    p.number = "";
    BOOST_TEST(codeOf(pawns().create(p)) == ErrorCode::InvalidInput);
    BOOST_TEST(count("SELECT COUNT(*) FROM pawn_contract") == 1);
    BOOST_TEST(!checks().get(check.uid)->attachedKind);

    // Due on the start day, no value, no interest: accepted.
    p.number = "CD-0502";
    const PawnContract c = create(p);
    BOOST_TEST(c.value == 0);
    BOOST_TEST(c.interest == 0.0);
}

BOOST_AUTO_TEST_CASE(close_rules)
{
    const CheckRecord a = recordQr(kQrAdult, 15, Consent::LegalObligation);
    const CheckRecord b = recordQr(kQrAdult, 15, Consent::LegalObligation);
    create(pawn("CD-0601", a.uid, Date{2024, 10, 1}));
    create(pawn("CD-0602", b.uid, Date{2024, 10, 2}));

    BOOST_TEST(codeOf(pawns().close("CD-0601", PawnStatus::Active, Date{2024, 11, 1})) == ErrorCode::InvalidInput);
    BOOST_TEST(codeOf(pawns().close("CD-0601", PawnStatus::Redeemed, Date{2024, 9, 30})) == ErrorCode::InvalidInput);
    BOOST_TEST(codeOf(pawns().close("CD-0699", PawnStatus::Redeemed, Date{2024, 11, 1})) == ErrorCode::NotFound);

    auto redeemed = pawns().close("CD-0601", PawnStatus::Redeemed, Date{2024, 11, 1});
    BOOST_REQUIRE_MESSAGE(redeemed, (redeemed ? "" : redeemed.error().message));
    BOOST_TEST((redeemed->status == PawnStatus::Redeemed));
    BOOST_TEST((redeemed->closed == Date{2024, 11, 1}));
    // Only from active.
    BOOST_TEST(codeOf(pawns().close("CD-0601", PawnStatus::Liquidated, Date{2024, 11, 2})) == ErrorCode::InvalidInput);
    BOOST_TEST(codeOf(pawns().close("CD-0601", PawnStatus::Redeemed, Date{2024, 11, 2})) == ErrorCode::InvalidInput);
    BOOST_TEST((pawns().get("CD-0601")->closed == Date{2024, 11, 1}));

    auto liquidated = pawns().close(pawns().get("CD-0602")->uid, PawnStatus::Liquidated, Date{2024, 11, 5});
    BOOST_REQUIRE(liquidated);
    BOOST_TEST((liquidated->status == PawnStatus::Liquidated));
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log WHERE action = 'pawn.close'") == 2);
    requireCleanAudit();
}

BOOST_AUTO_TEST_CASE(register_by_date_range_and_folded_text)
{
    const CheckRecord bao1 = recordQr(kQrAdult, 15, Consent::LegalObligation);
    const CheckRecord bao2 = recordQr(kQrAdult, 15, Consent::LegalObligation);
    const CheckRecord anh = recordQr(kQrMinor, 15, Consent::LegalObligation);
    create(pawn("CD-0701", bao1.uid, Date{2024, 9, 15}));
    NewPawn bike = pawn("CD-0702", anh.uid, Date{2024, 10, 3});
    bike.item = "Xe máy Honda Wave Alpha";
    create(bike);
    create(pawn("CD-0703", bao2.uid, Date{2024, 11, 5}));

    auto all = pawns().list(std::nullopt, std::nullopt);
    BOOST_REQUIRE(all);
    BOOST_REQUIRE(all->size() == 3u);
    BOOST_TEST(all->front().number == "CD-0701"); // by start date
    BOOST_TEST(all->back().number == "CD-0703");

    auto october = pawns().list(Date{2024, 10, 1}, Date{2024, 10, 31});
    BOOST_REQUIRE(october->size() == 1u);
    BOOST_TEST(october->front().number == "CD-0702");
    BOOST_TEST(pawns().list(Date{2024, 10, 3}, Date{2024, 11, 5})->size() == 2u); // both ends included
    BOOST_TEST(pawns().list(std::nullopt, Date{2024, 10, 2})->size() == 1u);
    BOOST_TEST(pawns().list(Date{2024, 11, 6}, std::nullopt)->empty());

    // The customer's name without diacritics, the item, the number, the ID number.
    auto bao = pawns().list(std::nullopt, std::nullopt, "dang quoc bao");
    BOOST_REQUIRE(bao->size() == 2u);
    BOOST_TEST(bao->front().customer->fullName == "Đặng Quốc Bảo");
    BOOST_TEST(pawns().list(std::nullopt, std::nullopt, "ĐẶNG QUỐC BẢO")->size() == 2u);
    BOOST_TEST(pawns().list(std::nullopt, std::nullopt, "honda wave")->front().number == "CD-0702");
    BOOST_TEST(pawns().list(std::nullopt, std::nullopt, "nhan vang")->size() == 2u);
    BOOST_TEST(pawns().list(std::nullopt, std::nullopt, "cd-0703")->size() == 1u);
    BOOST_TEST(pawns().list(std::nullopt, std::nullopt, "072310004321")->front().number == "CD-0702");
    BOOST_TEST(pawns().list(Date{2024, 11, 1}, Date{2024, 11, 30}, "dang quoc bao")->size() == 1u);
    BOOST_TEST(pawns().list(std::nullopt, std::nullopt, "nguyen van")->empty());
    BOOST_TEST(pawns().list(std::nullopt, std::nullopt, "", 2)->size() == 2u);

    // Once the check's details are purged, the contract stays without its customer.
    BOOST_REQUIRE(db().exec(
        "UPDATE desk_check SET purged_at = '2027-01-01T00:00:00Z', id_number = NULL, full_name = NULL, "
        "date_of_birth = NULL WHERE uid = '" +
        anh.uid + "'; DELETE FROM desk_check_search WHERE check_id IN (SELECT id FROM desk_check WHERE uid = '" +
        anh.uid + "')"));
    auto purged = pawns().get("CD-0702");
    BOOST_REQUIRE(purged);
    BOOST_TEST(!purged->customer);
    BOOST_TEST(purged->checkReference == anh.reference);
    BOOST_TEST(pawns().list(std::nullopt, std::nullopt, "ngoc anh")->empty());
    BOOST_TEST(pawns().list(std::nullopt, std::nullopt, "honda")->size() == 1u);
}

// ---- welfare ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(csv_import_with_vietnamese_headers_bom_and_semicolons)
{
    const ImportResult r = import("Chi trả Tết 2025 — xã Thạnh Bình", 35, kPayoutCsv);
    BOOST_TEST(r.imported == 5);
    BOOST_REQUIRE(r.problems.size() == 3u);
    BOOST_TEST(r.problems[0].line == 4);
    BOOST_TEST(r.problems[0].message.find("12 digits") != std::string::npos);
    BOOST_TEST(r.problems[1].line == 5);
    BOOST_TEST(r.problems[1].message.find("amount") != std::string::npos);
    BOOST_TEST(r.problems[2].line == 6);
    BOOST_TEST(r.problems[2].message.find("line 2") != std::string::npos);
    for (const auto& p : r.problems) {
        for (const char* data : {"07220100335", "Thiếu", "1.2.3", "Hùng", "072201003358", "Bảo"}) {
            BOOST_TEST(p.message.find(data) == std::string::npos);
        }
    }
    BOOST_TEST(count("SELECT COUNT(*) FROM beneficiary") == 5);

    auto lists = welfare().lists();
    BOOST_REQUIRE(lists);
    BOOST_REQUIRE(lists->size() == 1u);
    BOOST_TEST(lists->front().uid == r.listUid);
    BOOST_TEST(lists->front().name == "Chi trả Tết 2025 — xã Thạnh Bình");
    BOOST_TEST(lists->front().model == 35);
    BOOST_TEST(lists->front().rows == 5);
    BOOST_TEST(lists->front().importedBy == "mai");

    // Quoted fields, thousands separators, categories in Vietnamese, NFC names.
    const Beneficiary anh = beneficiary("072310004321", "Trợ cấp Tết", "2024-11");
    BOOST_TEST(anh.fullName == "Nguyễn Thị Ánh");
    BOOST_TEST(anh.amount == 2000000);
    BOOST_TEST(anh.category == "social_protection");
    BOOST_TEST(anh.listUid == r.listUid);
    const Beneficiary tam = beneficiary("072099004567", "Trợ cấp Tết", "2024-11");
    BOOST_TEST(tam.fullName == "Lê Văn Tâm");
    BOOST_TEST(tam.category == "near_poor");
    BOOST_TEST(tam.amount == 800000);
    BOOST_TEST(beneficiary("072201003358", "Trợ cấp Tết", "2024-10").amount == 1500000);
    BOOST_TEST(welfare().beneficiaries("le van tam")->size() == 1u);
    BOOST_TEST(welfare().beneficiaries("", "2024-11")->size() == 4u);
    BOOST_TEST(welfare().beneficiaries("", "", 2)->size() == 2u);
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log WHERE action = 'welfare.import' AND object = 'list:" + r.listUid +
                     "'") == 1);
    requireCleanAudit();

    // English headers, commas.
    const ImportResult loans = import("Vay vốn hộ nghèo 2024", 19, kLoanCsv);
    BOOST_TEST(loans.imported == 1);
    BOOST_TEST(loans.problems.empty());
    BOOST_TEST(beneficiary("072201003358", "Cho vay hộ nghèo", "2024").amount == 50000000);
}

BOOST_AUTO_TEST_CASE(unusable_lists_import_nothing)
{
    const auto audit = count("SELECT COUNT(*) FROM audit_log");
    // A header without the amount column.
    auto noAmount = welfare().importList("Danh sách", 35,
                                         "Số CCCD;Họ và tên;Đối tượng;Chương trình;Kỳ\n"
                                         "072201003358;Đặng Quốc Bảo;Hộ nghèo;Trợ cấp Tết;2024-11\n");
    BOOST_REQUIRE(!noAmount);
    BOOST_TEST(noAmount.error().code == ErrorCode::InvalidInput);
    BOOST_TEST(noAmount.error().message.find("so_tien") != std::string::npos);
    // Only bad lines.
    auto bad = welfare().importList("Danh sách", 35,
                                    "so_cccd,ho_ten,doi_tuong,chuong_trinh,so_tien,ky\n"
                                    "123,Đặng Quốc Bảo,Hộ nghèo,Trợ cấp Tết,100,2024-13\n");
    BOOST_REQUIRE(!bad);
    BOOST_TEST(bad.error().message.find("line 2") != std::string::npos);
    BOOST_TEST(bad.error().message.find("Bảo") == std::string::npos);
    // An unknown model, an empty file, an empty name.
    BOOST_TEST(codeOf(welfare().importList("Danh sách", 15, kPayoutCsv)) == ErrorCode::InvalidInput);
    BOOST_TEST(codeOf(welfare().importList("Danh sách", 35, "")) == ErrorCode::InvalidInput);
    BOOST_TEST(codeOf(welfare().importList("  ", 35, kPayoutCsv)) == ErrorCode::InvalidInput);
    BOOST_TEST(count("SELECT COUNT(*) FROM welfare_list") == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM beneficiary") == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log") == audit);
}

BOOST_AUTO_TEST_CASE(categories_and_periods)
{
    BOOST_TEST(categoryFromText("Hộ nghèo").value_or("") == "poor_household");
    BOOST_TEST(categoryFromText("HO CAN NGHEO").value_or("") == "near_poor");
    BOOST_TEST(categoryFromText("Người có công").value_or("") == "meritorious");
    BOOST_TEST(categoryFromText("Người có công với cách mạng").value_or("") == "meritorious");
    BOOST_TEST(categoryFromText("bảo trợ xã hội").value_or("") == "social_protection");
    BOOST_TEST(categoryFromText("social_protection").value_or("") == "social_protection");
    BOOST_TEST(categoryFromText("Khác").value_or("") == "other");
    BOOST_TEST(!categoryFromText("hộ giàu"));
    BOOST_TEST(categoryLabel("poor_household") == "Hộ nghèo");
    BOOST_TEST(categoryLabel("near_poor") == "Hộ cận nghèo");
    BOOST_TEST(categoryLabel("meritorious") == "Người có công với cách mạng");
    BOOST_TEST(categoryLabel("social_protection") == "Bảo trợ xã hội");
    BOOST_TEST(categoryLabel("other") == "Khác");

    for (const char* ok : {"2024", "2024-01", "2024-12", "2024-Q1", "2024-Q4"}) {
        BOOST_TEST(isPeriod(ok), ok);
    }
    for (const char* no :
         {"", "24", "2024-13", "2024-00", "2024-Q5", "2024-Q0", "2024-1", "2024/11", "2024-11-05", "abcd"}) {
        BOOST_TEST(!isPeriod(no), no);
    }
    BOOST_TEST(std::string(eligibilityName(Eligibility::Eligible)) == "eligible");
    BOOST_TEST(std::string(eligibilityName(Eligibility::NotListed)) == "not_listed");
    BOOST_TEST(std::string(eligibilityName(Eligibility::AlreadyPaid)) == "already_paid");
}

BOOST_AUTO_TEST_CASE(match_eligible_not_listed_already_paid_and_name_differs)
{
    import("Chi trả Tết", 35, kPayoutCsv);
    const CheckRecord bao = recordQr(kQrAdult, 35);

    // Listed as "DANG QUOC BAO": the same name without diacritics and case.
    auto m = welfare().match(bao.uid, "2024-11");
    BOOST_REQUIRE_MESSAGE(m, (m ? "" : m.error().message));
    BOOST_TEST(m->eligibility == Eligibility::Eligible);
    BOOST_REQUIRE(m->entries.size() == 1u);
    BOOST_TEST(m->entries.front().period == "2024-11");
    BOOST_TEST(!m->nameDiffers);
    BOOST_TEST(m->paidReferences.empty());
    BOOST_TEST(welfare().match(bao.reference, "")->entries.size() == 2u); // every period

    // Not listed for that period.
    BOOST_TEST(welfare().match(bao.uid, "2024-09")->eligibility == Eligibility::NotListed);
    BOOST_TEST(welfare().match(bao.uid, "2024-09")->entries.empty());
    const CheckRecord hung = recordQr(kQrExpired, 35); // line 5 of the list was refused
    BOOST_TEST(welfare().match(hung.uid, "2024-11")->eligibility == Eligibility::NotListed);

    // "Nguyễn Thị Ánh" on the list, "Nguyễn Thị Ngọc Ánh" on the card.
    const CheckRecord anh = recordQr(kQrMinor, 35);
    auto ma = welfare().match(anh.uid, "2024-11");
    BOOST_REQUIRE(ma);
    BOOST_TEST(ma->eligibility == Eligibility::Eligible);
    BOOST_TEST(ma->nameDiffers);

    // Paid: already paid, with the receipt.
    auto paid = welfare().pay(m->entries.front().id, bao.uid);
    BOOST_REQUIRE_MESSAGE(paid, (paid ? "" : paid.error().message));
    const CheckRecord bao2 = recordQr(kQrAdult, 35);
    auto again = welfare().match(bao2.uid, "2024-11");
    BOOST_TEST(again->eligibility == Eligibility::AlreadyPaid);
    BOOST_TEST(again->paidReferences == std::vector<std::string>{paid->reference});
    // October is still open.
    BOOST_TEST(welfare().match(bao2.uid, "")->eligibility == Eligibility::Eligible);
    BOOST_TEST(welfare().match(bao2.uid, "2024-10")->eligibility == Eligibility::Eligible);

    // A bad period, an unknown check, a purged check.
    BOOST_TEST(codeOf(welfare().match(bao2.uid, "11/2024")) == ErrorCode::InvalidInput);
    BOOST_TEST(codeOf(welfare().match("KT-20241105-000000", "2024-11")) == ErrorCode::NotFound);
    BOOST_REQUIRE(db().exec(
        "UPDATE desk_check SET purged_at = '2027-01-01T00:00:00Z', id_number = NULL, full_name = NULL "
        "WHERE uid = '" +
        bao2.uid + "'; DELETE FROM desk_check_search WHERE check_id IN (SELECT id FROM desk_check WHERE uid = '" +
        bao2.uid + "')"));
    BOOST_TEST(codeOf(welfare().match(bao2.uid, "2024-11")) == ErrorCode::InvalidInput);
}

BOOST_AUTO_TEST_CASE(a_duplicate_welfare_payout_refused)
{
    import("Chi trả Tết", 35, kPayoutCsv);
    const Beneficiary b = beneficiary("072201003358", "Trợ cấp Tết", "2024-11");
    const CheckRecord first = recordQr(kQrAdult, 35);
    auto paid = welfare().pay(b.id, first.uid);
    BOOST_REQUIRE_MESSAGE(paid, (paid ? "" : paid.error().message));
    BOOST_TEST(paid->reference.rfind("TT-20241105-", 0) == 0u);
    BOOST_TEST(paid->beneficiaryId == b.id);
    BOOST_TEST(paid->idNumber == "072201003358");
    BOOST_TEST(paid->fullName == "DANG QUOC BAO");
    BOOST_TEST(paid->category == "poor_household");
    BOOST_TEST(paid->programme == "Trợ cấp Tết");
    BOOST_TEST(paid->period == "2024-11");
    BOOST_TEST(paid->amount == 1500000);
    BOOST_TEST(paid->checkUid == first.uid);
    BOOST_TEST(paid->checkReference == first.reference);
    BOOST_TEST(paid->paidBy == "mai");
    BOOST_TEST(checks().get(first.uid)->attachedKind.value_or("") == "payout");
    BOOST_TEST(welfare().payout(paid->reference)->uid == paid->uid);
    BOOST_TEST(welfare().payout(paid->uid)->reference == paid->reference);
    BOOST_TEST(codeOf(welfare().payout("TT-20241105-000000")) == ErrorCode::NotFound);

    const auto audit = count("SELECT COUNT(*) FROM audit_log");
    const auto changes = count("SELECT COUNT(*) FROM payout");
    const CheckRecord second = recordQr(kQrAdult, 35);
    const auto auditAfterCheck = count("SELECT COUNT(*) FROM audit_log");
    auto twice = welfare().pay(b.id, second.uid);
    BOOST_REQUIRE(!twice);
    BOOST_TEST(twice.error().code == ErrorCode::AlreadyExists);
    BOOST_TEST(twice.error().message.find("already paid in period 2024-11") != std::string::npos);
    BOOST_TEST(twice.error().message.find(paid->reference) != std::string::npos);
    BOOST_TEST(twice.error().message.find("072201003358") == std::string::npos);
    BOOST_TEST(twice.error().message.find("BAO") == std::string::npos);
    // Nothing written the second time: no payout, the check not attached, no audit entry.
    BOOST_TEST(count("SELECT COUNT(*) FROM payout") == changes);
    BOOST_TEST(!checks().get(second.uid)->attachedKind);
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log") == auditAfterCheck);
    BOOST_TEST(auditAfterCheck >= audit);
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log WHERE action = 'welfare.pay'") == 1);

    // Another list with the same person, programme and period (a list imported again) is paid too.
    import("Chi trả Tết (bổ sung)", 35, kPayoutCsv);
    const CheckRecord third = recordQr(kQrAdult, 35);
    auto relisted = welfare().beneficiaries("072201003358", "2024-11");
    BOOST_REQUIRE(relisted->size() == 2u);
    for (const auto& row : *relisted) {
        BOOST_TEST(codeOf(welfare().pay(row.id, third.uid)) == ErrorCode::AlreadyExists);
    }
    // The same check cannot pay a second period either (a check serves one payout).
    const Beneficiary october = beneficiary("072201003358", "Trợ cấp Tết", "2024-10");
    BOOST_TEST(codeOf(welfare().pay(october.id, first.uid)) == ErrorCode::InvalidInput);
    BOOST_TEST(welfare().pay(october.id, third.uid).has_value());

    auto all = welfare().payouts("");
    BOOST_TEST(all->size() == 2u);
    BOOST_TEST(welfare().payouts("2024-11")->size() == 1u);
    BOOST_TEST(welfare().payouts("2024-10", "dang quoc bao")->size() == 1u);
    BOOST_TEST(welfare().payouts("", "nguyen")->empty());
    BOOST_TEST(welfare().payouts("", paid->reference)->size() == 1u);
    BOOST_TEST(codeOf(welfare().payouts("2024-111")) == ErrorCode::InvalidInput);
    requireCleanAudit();
}

BOOST_AUTO_TEST_CASE(payouts_need_a_passing_check_of_the_beneficiary)
{
    import("Chi trả Tết", 35, kPayoutCsv);
    const Beneficiary bao = beneficiary("072201003358", "Trợ cấp Tết", "2024-11");
    // Another person's check.
    const CheckRecord anh = recordQr(kQrMinor, 35);
    auto other = welfare().pay(bao.id, anh.uid);
    BOOST_REQUIRE(!other);
    BOOST_TEST(other.error().code == ErrorCode::InvalidInput);
    BOOST_TEST(other.error().message.find("another person") != std::string::npos);
    BOOST_TEST(other.error().message.find("072310004321") == std::string::npos);
    // A manual entry (not passing), a check for another purpose, an unknown beneficiary or check.
    BOOST_TEST(codeOf(welfare().pay(bao.id, recordManual(35).uid)) == ErrorCode::InvalidInput);
    BOOST_TEST(codeOf(welfare().pay(bao.id, recordQr(kQrAdult, 15, Consent::LegalObligation).uid)) ==
               ErrorCode::InvalidInput);
    BOOST_TEST(codeOf(welfare().pay(999999, recordQr(kQrAdult, 35).uid)) == ErrorCode::NotFound);
    BOOST_TEST(codeOf(welfare().pay(bao.id, "KT-20241105-000000")) == ErrorCode::NotFound);
    BOOST_TEST(count("SELECT COUNT(*) FROM payout") == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM desk_check WHERE attached_kind IS NOT NULL") == 0);
    // Ánh's own check pays Ánh.
    const Beneficiary anhRow = beneficiary("072310004321", "Trợ cấp Tết", "2024-11");
    BOOST_TEST(welfare().pay(anhRow.id, anh.uid).has_value());
}

BOOST_AUTO_TEST_CASE(loans_only_from_model_19_lists)
{
    import("Chi trả Tết", 35, kPayoutCsv);
    import("Vay vốn hộ nghèo 2024", 19, kLoanCsv);
    const Beneficiary payoutRow = beneficiary("072201003358", "Trợ cấp Tết", "2024-11");
    const Beneficiary loanRow = beneficiary("072201003358", "Cho vay hộ nghèo", "2024");

    const CheckRecord check = recordQr(kQrAdult, 19);
    auto refused = welfare().applyForLoan(payoutRow.id, check.uid, 30000000, "Mua bò giống", 36);
    BOOST_REQUIRE(!refused);
    BOOST_TEST(refused.error().code == ErrorCode::InvalidInput);
    BOOST_TEST(refused.error().message.find("model 19") != std::string::npos);
    // Nor a payout from a loan list.
    BOOST_TEST(codeOf(welfare().pay(loanRow.id, recordQr(kQrAdult, 35).uid)) == ErrorCode::InvalidInput);
    // Bad amounts and terms.
    BOOST_TEST(codeOf(welfare().applyForLoan(loanRow.id, check.uid, 0, "Mua bò giống", 36)) == ErrorCode::InvalidInput);
    BOOST_TEST(codeOf(welfare().applyForLoan(loanRow.id, check.uid, 30000000, "Mua bò giống", 0)) ==
               ErrorCode::InvalidInput);
    BOOST_TEST(codeOf(welfare().applyForLoan(loanRow.id, check.uid, 30000000, "Mua bò giống", 121)) ==
               ErrorCode::InvalidInput);
    BOOST_TEST(codeOf(welfare().applyForLoan(loanRow.id, check.uid, 30000000, " ", 36)) == ErrorCode::InvalidInput);
    BOOST_TEST(count("SELECT COUNT(*) FROM loan_application") == 0);

    auto loan = welfare().applyForLoan(loanRow.id, check.uid, 30000000, "Mua bò giống", 36);
    BOOST_REQUIRE_MESSAGE(loan, (loan ? "" : loan.error().message));
    BOOST_TEST(loan->reference.rfind("VV-20241105-", 0) == 0u);
    BOOST_TEST(loan->beneficiaryId == loanRow.id);
    BOOST_TEST(loan->fullName == "Đặng Quốc Bảo");
    BOOST_TEST(loan->programme == "Cho vay hộ nghèo");
    BOOST_TEST(loan->amount == 30000000);
    BOOST_TEST(loan->purpose == "Mua bò giống");
    BOOST_TEST(loan->termMonths == 36);
    BOOST_TEST(loan->status == "submitted");
    BOOST_TEST(loan->checkUid == check.uid);
    BOOST_TEST(loan->createdBy == "mai");
    BOOST_TEST(checks().get(check.uid)->attachedKind.value_or("") == "loan");
    BOOST_TEST(welfare().loans()->size() == 1u);
    BOOST_TEST(welfare().loans("dang quoc bao")->size() == 1u);
    BOOST_TEST(welfare().loans("072201003358")->size() == 1u);
    BOOST_TEST(welfare().loans("tran van")->empty());
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log WHERE action = 'welfare.loan' AND object = 'loan:" +
                     loan->reference + "'") == 1);
    // Another person's check.
    BOOST_TEST(codeOf(welfare().applyForLoan(loanRow.id, recordQr(kQrMinor, 19).uid, 1000000, "Sửa nhà", 12)) ==
               ErrorCode::InvalidInput);
    requireCleanAudit();
}

BOOST_AUTO_TEST_CASE(reconciliation_of_listed_against_paid)
{
    import("Chi trả Tết", 35, kPayoutCsv);
    import("Vay vốn hộ nghèo 2024", 19, kLoanCsv); // loans are not reconciled
    BOOST_REQUIRE(welfare().pay(beneficiary("072201003358", "Trợ cấp Tết", "2024-11").id, recordQr(kQrAdult, 35).uid));
    BOOST_REQUIRE(welfare().pay(beneficiary("072310004321", "Trợ cấp Tết", "2024-11").id, recordQr(kQrMinor, 35).uid));

    auto r = welfare().reconcile("2024-11");
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
    BOOST_TEST(r->period == "2024-11");
    BOOST_REQUIRE(r->lines.size() == 3u); // poor_household, social_protection, near_poor
    int listed = 0, paid = 0;
    std::int64_t listedAmount = 0, paidAmount = 0;
    for (const auto& line : r->lines) {
        BOOST_TEST(line.programme == "Trợ cấp Tết");
        BOOST_TEST(line.period == "2024-11");
        listed += line.listed;
        paid += line.paid;
        listedAmount += line.listedAmount;
        paidAmount += line.paidAmount;
        if (line.category == "poor_household") {
            BOOST_TEST(line.listed == 2);
            BOOST_TEST(line.listedAmount == 3000000);
            BOOST_TEST(line.paid == 1);
            BOOST_TEST(line.paidAmount == 1500000);
        } else if (line.category == "social_protection") {
            BOOST_TEST(line.listed == 1);
            BOOST_TEST(line.paid == 1);
            BOOST_TEST(line.paidAmount == 2000000);
        } else {
            BOOST_TEST(line.category == "near_poor");
            BOOST_TEST(line.listed == 1);
            BOOST_TEST(line.listedAmount == 800000);
            BOOST_TEST(line.paid == 0);
            BOOST_TEST(line.paidAmount == 0);
        }
    }
    BOOST_TEST(listed == 4);
    BOOST_TEST(paid == 2);
    BOOST_TEST(listedAmount == 5800000);
    BOOST_TEST(paidAmount == 3500000);
    BOOST_REQUIRE(r->unpaid.size() == 2u);
    std::set<std::string> unpaid;
    for (const auto& b : r->unpaid) {
        unpaid.insert(b.idNumber);
    }
    BOOST_TEST((unpaid == std::set<std::string>{"072088000222", "072099004567"}));

    // The same list imported again does not double the numbers.
    import("Chi trả Tết (lần 2)", 35, kPayoutCsv);
    auto again = welfare().reconcile("2024-11");
    int listedAgain = 0;
    for (const auto& line : again->lines) {
        listedAgain += line.listed;
    }
    BOOST_TEST(listedAgain == 4);
    BOOST_TEST(again->unpaid.size() == 2u);

    // Every period: October too.
    auto all = welfare().reconcile("");
    BOOST_REQUIRE(all);
    BOOST_TEST(all->lines.size() == 4u);
    BOOST_TEST(all->unpaid.size() == 3u);
    BOOST_TEST(welfare().reconcile("2024-09")->lines.empty());
    BOOST_TEST(codeOf(welfare().reconcile("tháng 11")) == ErrorCode::InvalidInput);
}

// ---- permissions -----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(staff_admin_and_coordinator_are_denied_every_call)
{
    // Data to be denied: a contract, a list, a payout, a loan.
    const CheckRecord pawnCheck = recordQr(kQrAdult, 15, Consent::LegalObligation);
    const PawnContract contract = create(pawn("CD-0901", pawnCheck.uid, Date{2024, 11, 5}));
    import("Chi trả Tết", 35, kPayoutCsv);
    import("Vay vốn", 19, kLoanCsv);
    const Beneficiary b = beneficiary("072201003358", "Trợ cấp Tết", "2024-11");
    const Beneficiary loanRow = beneficiary("072201003358", "Cho vay hộ nghèo", "2024");
    const CheckRecord payCheck = recordQr(kQrAdult, 35);
    const CheckRecord loanCheck = recordQr(kQrAdult, 19);
    auto paid = welfare().pay(b.id, payCheck.uid);
    BOOST_REQUIRE(paid);
    const CheckRecord freshPawn = recordQr(kQrAdult, 15, Consent::LegalObligation);
    const CheckRecord freshPay = recordQr(kQrAdult, 35);
    const Beneficiary october = beneficiary("072201003358", "Trợ cấp Tết", "2024-10");

    const auto before = count("SELECT (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM pawn_contract) + "
                              "(SELECT COUNT(*) FROM welfare_list) + (SELECT COUNT(*) FROM beneficiary) + "
                              "(SELECT COUNT(*) FROM payout) + (SELECT COUNT(*) FROM loan_application)");
    for (access::Role role : {access::Role::Staff, access::Role::Admin, access::Role::Coordinator}) {
        const access::Actor actor = as(role);
        PawnService ps = pawns(actor);
        WelfareService ws = welfare(actor);
        const std::vector<std::pair<const char*, std::function<ErrorCode()>>> calls = {
            {"pawn.create", [&] { return codeOf(ps.create(pawn("CD-0902", freshPawn.uid, Date{2024, 11, 5}))); }},
            {"pawn.get", [&] { return codeOf(ps.get(contract.number)); }},
            {"pawn.list", [&] { return codeOf(ps.list(std::nullopt, std::nullopt)); }},
            {"pawn.close", [&] { return codeOf(ps.close(contract.number, PawnStatus::Redeemed, Date{2024, 11, 6})); }},
            {"pawn.alertsFor", [&] { return codeOf(ps.alertsFor(freshPawn.uid, Date{2024, 11, 5})); }},
            {"welfare.importList", [&] { return codeOf(ws.importList("Danh sách", 35, kPayoutCsv)); }},
            {"welfare.lists", [&] { return codeOf(ws.lists()); }},
            {"welfare.match", [&] { return codeOf(ws.match(freshPay.uid, "2024-11")); }},
            {"welfare.pay", [&] { return codeOf(ws.pay(october.id, freshPay.uid)); }},
            {"welfare.payout", [&] { return codeOf(ws.payout(paid->reference)); }},
            {"welfare.payouts", [&] { return codeOf(ws.payouts("")); }},
            {"welfare.applyForLoan",
             [&] { return codeOf(ws.applyForLoan(loanRow.id, loanCheck.uid, 1000000, "Sửa nhà", 12)); }},
            {"welfare.loans", [&] { return codeOf(ws.loans()); }},
            {"welfare.reconcile", [&] { return codeOf(ws.reconcile("2024-11")); }},
            {"welfare.beneficiaries", [&] { return codeOf(ws.beneficiaries("")); }},
        };
        for (const auto& [name, call] : calls) {
            BOOST_TEST(call() == ErrorCode::PermissionDenied, name << " as " << access::roleName(role));
        }
    }
    BOOST_TEST(count("SELECT (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM pawn_contract) + "
                     "(SELECT COUNT(*) FROM welfare_list) + (SELECT COUNT(*) FROM beneficiary) + "
                     "(SELECT COUNT(*) FROM payout) + (SELECT COUNT(*) FROM loan_application)") == before);
    BOOST_TEST((pawns().get(contract.number)->status == PawnStatus::Active));
    // The checker may do all of it.
    BOOST_TEST(pawns().close(contract.number, PawnStatus::Redeemed, Date{2024, 11, 6}).has_value());
    BOOST_TEST(welfare().pay(october.id, freshPay.uid).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
