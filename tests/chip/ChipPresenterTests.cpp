// What the identity-check page shows of a chip read (ChipCheckPresenter), from the JSON form of
// `da06 idcheck chip`: the verdict for verified / unverified / failed, the chip and the QR code side
// by side with the differences marked, the CAN pre-filled from a QR scan, the progress texts.
#include <boost/test/unit_test.hpp>

#include "client/presenters/ChipCheckPresenter.h"
#include "domain/identity/CccdQr.h"

using namespace da06;
using namespace da06::ui;

namespace {

json::Value chipJson(const std::string& pa, const std::string& ca = "passed", const std::string& crossCheck = "[]")
{
    const std::string text = R"({"access":"PACE","apdu_count":111,
      "dg13":{"id_number":"072201003358","full_name":"Đặng Quốc Bảo","date_of_birth":"22/08/2001","sex":"Nam",
              "place_of_residence":"Ấp Trường Đông, Xã Trường Hòa, Thị xã Hòa Thành, Tây Ninh","issue_date":"15/07/2021",
              "expiry_date":"22/08/2026","father_name":"Đặng Văn Lợi","old_id_number":null},
      "passive_authentication":{"result":")" +
                             pa + R"(","reason":null},
      "chip_authentication":{"result":")" +
                             ca + R"(","reason":null},
      "active_authentication":{"result":"not_supported","reason":"no DG15"},
      "photo":{"format":"jp2","width":240,"height":320,"bytes":17850,"error":null},
      "cross_check":)" + crossCheck +
                             "}";
    auto v = json::parse(text);
    BOOST_REQUIRE(v.has_value());
    return *v;
}

identity::CccdIdentity qr(const std::string& payload)
{
    return identity::parseCccdQr(payload).identity;
}

} // namespace

BOOST_AUTO_TEST_SUITE(chip_presenter)

BOOST_AUTO_TEST_CASE(verified_chip_is_a_genuine_card)
{
    const auto card = makeChipCard(chipJson("verified"), std::nullopt);
    BOOST_TEST((card.verdict == Verdict::Valid));
    BOOST_TEST(card.verdictText == "Genuine card");
    BOOST_TEST(card.fields.size() == 8u); // null and absent fields are not shown
    BOOST_TEST(card.fields[1].value == "Đặng Quốc Bảo");
    BOOST_REQUIRE(card.verifications.size() == 3u);
    BOOST_TEST((card.verifications[0].mark == CheckMark::Pass));
    BOOST_TEST((card.verifications[1].mark == CheckMark::Pass));
    BOOST_TEST((card.verifications[2].mark == CheckMark::Skipped));
    BOOST_TEST(card.comparison.empty());
    BOOST_TEST(card.photoText == "JPEG 2000, 240 × 320");
    BOOST_TEST(card.accessText == "Read with PACE, 111 commands");
}

BOOST_AUTO_TEST_CASE(unverified_and_failed)
{
    const auto unverified = makeChipCard(chipJson("unverified"), std::nullopt);
    BOOST_TEST((unverified.verdict == Verdict::Warning));
    BOOST_TEST((unverified.verifications[0].mark == CheckMark::Warn));
    BOOST_TEST(!unverified.nextSteps.empty());

    const auto altered = makeChipCard(chipJson("failed"), std::nullopt);
    BOOST_TEST((altered.verdict == Verdict::Invalid));
    BOOST_TEST((altered.verifications[0].mark == CheckMark::Fail));

    const auto cloned = makeChipCard(chipJson("verified", "failed"), std::nullopt);
    BOOST_TEST((cloned.verdict == Verdict::Invalid));
    BOOST_TEST(cloned.verifications[1].message.find("cloned") != std::string::npos);

    const auto crossed = makeChipCard(
        chipJson("verified", "passed",
                 R"([{"code":"dg13_mrz_id_mismatch","severity":"error","message":"The number differs."}])"),
        std::nullopt);
    BOOST_TEST((crossed.verdict == Verdict::Invalid));
    BOOST_REQUIRE(crossed.crossChecks.size() == 1u);
    BOOST_TEST(crossed.crossChecks[0].message == "The number differs.");
}

BOOST_AUTO_TEST_CASE(chip_and_qr_side_by_side)
{
    // The same card: case, spacing and date format do not count as differences.
    const auto same = makeChipCard(chipJson("verified"), qr("072201003358||ĐẶNG QUỐC  BẢO|22082001|Nam|Ấp Trường Đông, "
                                                            "Xã Trường Hòa, Thị xã Hòa Thành, Tây Ninh|15072021"));
    BOOST_REQUIRE(same.comparison.size() == 7u);
    for (const auto& row : same.comparison) {
        BOOST_TEST_INFO(row.label);
        BOOST_TEST(!row.differs);
    }
    BOOST_TEST((same.verdict == Verdict::Valid));

    // A forged QR code: another name and residence. Marked, and the verdict asks to look again.
    const auto forged =
        makeChipCard(chipJson("verified"), qr("072201003358||Đặng Quốc Báu|22082001|Nam|Tây Ninh|15072021"));
    int differing = 0;
    for (const auto& row : forged.comparison) {
        differing += row.differs ? 1 : 0;
    }
    BOOST_TEST(differing == 2);
    BOOST_TEST(forged.comparison[1].chip == "Đặng Quốc Bảo");
    BOOST_TEST(forged.comparison[1].qr == "Đặng Quốc Báu");
    BOOST_TEST((forged.verdict == Verdict::Warning));

    // The QR code of another card is not compared.
    const auto other =
        makeChipCard(chipJson("verified"), qr("072090001234||Nguyễn Văn An|15031990|Nam|Tây Ninh|10052021"));
    BOOST_TEST(other.comparison.empty());
}

BOOST_AUTO_TEST_CASE(can_and_progress)
{
    BOOST_TEST(canFromQr(qr("072201003358||Đặng Quốc Bảo|22082001|Nam|Tây Ninh|15072021")) == "003358");
    BOOST_TEST(canFromQr(qr("12345||x|22082001|Nam|y|15072021")) == "");
    BOOST_TEST(chipStepText("dg2", 9000, 18000) == "Reading the photo (DG2)… 50%");
    BOOST_TEST(chipStepText("pace", 0, 0) == "Unlocking the chip with the card number (PACE)…");
}

BOOST_AUTO_TEST_SUITE_END()
