// The 12-digit number, the province table, the card's expiry and the cross-checks; the JSON form.
#include <boost/test/unit_test.hpp>

#include <set>

#include "domain/identity/CardExpiry.h"
#include "domain/identity/CccdCheck.h"
#include "domain/identity/CccdJson.h"
#include "domain/identity/CccdNormalize.h"
#include "domain/identity/IdNumber.h"
#include "domain/identity/Province.h"
#ifndef DA06_PORTABLE_TEST // the portable slice (mingw + wine) has no utf8proc
#include "domain/text/Text.h"
#endif

using namespace da06;
using namespace da06::identity;

namespace {

Date d(int y, int m, int day)
{
    return Date{y, m, day};
}

} // namespace

BOOST_AUTO_TEST_SUITE(cccd_rules)

BOOST_AUTO_TEST_CASE(sixty_three_provinces)
{
    const auto all = allProvinces();
    BOOST_TEST(all.size() == 63u);
    const std::set<std::string_view> expected{
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024", "025",
        "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045", "046", "048",
        "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
        "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096"};
    BOOST_TEST(expected.size() == 63u);
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < all.size(); ++i) {
        BOOST_TEST(expected.count(all[i].code) == 1u);
        BOOST_TEST(!all[i].name.empty());
#ifndef DA06_PORTABLE_TEST
        BOOST_TEST(text::toNfc(all[i].name).value_or("") == all[i].name); // stored NFC
#endif
        names.insert(all[i].name);
        if (i > 0) {
            BOOST_TEST(all[i - 1].code < all[i].code);
        }
        BOOST_TEST(findProvince(all[i].code).has_value());
    }
    BOOST_TEST(names.size() == 63u);
    BOOST_TEST(findProvince("001")->name == "Hà Nội");
    BOOST_TEST(findProvince("072")->name == "Tây Ninh");
    BOOST_TEST(findProvince("079")->name == "Hồ Chí Minh");
    BOOST_TEST(findProvince("096")->name == "Cà Mau");
    for (const char* unknown : {"000", "003", "097", "100", "72", ""}) {
        BOOST_TEST(!findProvince(unknown).has_value());
    }
}

BOOST_AUTO_TEST_CASE(century_sex_digit)
{
    struct Row {
        const char* id;
        Sex sex;
        int year;
    };
    for (const Row& r : {Row{"072090001234", Sex::Male, 1990}, Row{"072190001234", Sex::Female, 1990},
                         Row{"072205001234", Sex::Male, 2005}, Row{"072305001234", Sex::Female, 2005},
                         Row{"072400001234", Sex::Male, 2100}, Row{"072599001234", Sex::Female, 2199},
                         Row{"072000001234", Sex::Male, 1900}, Row{"072999001234", Sex::Female, 2399}}) {
        const auto info = decodeIdNumber(r.id);
        BOOST_REQUIRE(info.has_value());
        BOOST_TEST((info->sex == r.sex));
        BOOST_TEST(info->birthYear == r.year);
        BOOST_TEST(info->provinceCode == "072");
    }
    for (const char* bad : {"", "07209000123", "0720900012345", "07209000123a", "０７２０９０００１２３４"}) {
        BOOST_TEST(!decodeIdNumber(bad).has_value());
    }
}

BOOST_AUTO_TEST_CASE(expiry_at_25_40_60)
{
    struct Row {
        Date birth, issue;
        bool expires;
        Date until;
        int age;
    };
    const Row rows[] = {
        // issued at 16: renew at 25
        {d(2005, 1, 1), d(2021, 2, 1), true, d(2030, 1, 1), 25},
        // one day before the 23rd birthday: still before the two-year window of 25
        {d(2000, 5, 10), d(2023, 5, 9), true, d(2025, 5, 10), 25},
        // on the 23rd birthday: within two years of 25, so valid until 40
        {d(2000, 5, 10), d(2023, 5, 10), true, d(2040, 5, 10), 40},
        // issued on the 25th birthday: until 40
        {d(1990, 3, 15), d(2015 + 1, 3, 15), true, d(2030, 3, 15), 40},
        {d(1990, 3, 15), d(2021, 6, 1), true, d(2030, 3, 15), 40},
        // at 38: until 60
        {d(1983, 8, 20), d(2021, 8, 20), true, d(2043, 8, 20), 60},
        {d(1983, 8, 20), d(2021, 8, 19), true, d(2023, 8, 20), 40},
        // just before 58: until 60; at 58 and after: for life
        {d(1963, 11, 2), d(2021, 11, 1), true, d(2023, 11, 2), 60},
        {d(1963, 11, 2), d(2021, 11, 2), false, Date{}, 0},
        {d(1950, 1, 1), d(2021, 1, 1), false, Date{}, 0},
        // born on 29 February: the milestone in a common year is 28 February
        {d(2000, 2, 29), d(2016, 3, 1), true, d(2025, 2, 28), 25},
        {d(1984, 2, 29), d(2016, 3, 1), true, d(2024, 2, 29), 40},
        // children's cards from 1 July 2024: renew at 14, with the two-year rule
        {d(2015, 1, 1), d(2024, 8, 1), true, d(2029, 1, 1), 14},
        {d(2011, 1, 1), d(2024, 8, 1), true, d(2036, 1, 1), 25},
        // before 1 July 2024 there was no age 14 milestone
        {d(2015, 1, 1), d(2024, 6, 30), true, d(2040, 1, 1), 25},
    };
    for (const Row& r : rows) {
        BOOST_TEST_INFO("born " << r.birth.toIso() << ", issued " << r.issue.toIso());
        const auto e = computeCardExpiry(r.birth, r.issue);
        BOOST_REQUIRE(e.has_value());
        BOOST_TEST(e->expires == r.expires);
        if (r.expires) {
            BOOST_TEST(e->date.toIso() == r.until.toIso());
            BOOST_TEST(e->milestoneAge == r.age);
        }
    }
    BOOST_TEST(!computeCardExpiry(d(2000, 1, 2), d(2000, 1, 1)).has_value());
    // Valid on the expiry day itself, expired from the next day.
    const CardExpiry e{true, d(2030, 3, 15), 40};
    BOOST_TEST(!isExpired(e, d(2030, 3, 15)));
    BOOST_TEST(isExpired(e, d(2030, 3, 16)));
    BOOST_TEST(!isExpired(CardExpiry{false, Date{}, 0}, d(2999, 1, 1)));
    BOOST_TEST(birthdayAtAge(d(2000, 2, 29), 24).toIso() == "2024-02-29");
}

BOOST_AUTO_TEST_CASE(checks_and_marks)
{
    const CccdReport r =
        checkQrText("072090001234|280123456|Nguyễn Văn An|15031990|Nam|Ấp Thạnh Hiệp, Xã Thạnh Tây, Tây Ninh|10052021",
                    d(2024, 6, 30));
    BOOST_TEST(r.checks.size() == static_cast<std::size_t>(kCheckKindCount));
    for (const CheckItem& c : r.checks) {
        BOOST_TEST_INFO(checkKindName(c.kind));
        BOOST_TEST((c.status == CheckStatus::Pass));
        BOOST_TEST(c.summary.text().find("%s") == std::string::npos);
    }
    BOOST_TEST(r.check(CheckKind::Province).summary.text() == "Birth registered in Tây Ninh (code 072).");
    BOOST_TEST(r.check(CheckKind::Expiry).summary.text() == "Valid until 15/03/2030 (renewal at the age of 40).");
    BOOST_TEST(r.expired.value_or(true) == false);

    // A card checked after its expiry date, and the number against the data.
    const CccdReport bad = checkQrText("003191001234||Nguyễn Văn An|15031990|Nam|Tây Ninh|10052016", d(2024, 6, 30));
    BOOST_TEST((bad.check(CheckKind::Province).status == CheckStatus::Warn));
    BOOST_TEST((bad.check(CheckKind::Sex).status == CheckStatus::Fail));
    BOOST_TEST((bad.check(CheckKind::BirthYear).status == CheckStatus::Fail));
    BOOST_TEST((bad.check(CheckKind::Expiry).status == CheckStatus::Pass)); // issued at 26: until 40
    BOOST_TEST(!bad.valid());
    BOOST_TEST(bad.errors().size() == 2u);
    BOOST_TEST(bad.warnings().size() == 1u);

    // Not a CCCD code: every check after the first is skipped.
    const CccdReport url = checkQrText("https://example.vn/a|b", d(2024, 6, 30));
    BOOST_TEST(!url.isCccd);
    BOOST_TEST((url.check(CheckKind::Payload).status == CheckStatus::Fail));
    BOOST_TEST((url.check(CheckKind::IdNumber).status == CheckStatus::Skipped));

    // Dates that cannot be read skip what depends on them.
    const CccdReport noDob = checkQrText("072090001234||Nguyễn Văn An|99999999|Nam|Tây Ninh|10052021", d(2024, 6, 30));
    BOOST_TEST((noDob.check(CheckKind::DateOfBirth).status == CheckStatus::Fail));
    BOOST_TEST((noDob.check(CheckKind::BirthYear).status == CheckStatus::Skipped));
    BOOST_TEST((noDob.check(CheckKind::Expiry).status == CheckStatus::Skipped));
    BOOST_TEST(!noDob.expiry.has_value());
}

BOOST_AUTO_TEST_CASE(expired_on_the_check_date)
{
    const std::string text = "072099001234||Nguyễn Văn An|15031999|Nam|Tây Ninh|10052016";
    BOOST_TEST(checkQrText(text, d(2024, 3, 15)).valid()); // the last valid day
    const CccdReport r = checkQrText(text, d(2024, 3, 16));
    BOOST_TEST(!r.valid());
    BOOST_TEST(r.expired.value_or(false));
    BOOST_TEST(std::string(r.errors().at(0).code()) == "card_expired");
    BOOST_TEST(r.errors().at(0).message().text() ==
               "The card expired on 15/03/2024, when the holder reached the age of 25.");
}

BOOST_AUTO_TEST_CASE(json_form)
{
    const CccdReport r = checkQrText(
        "072190001234||Trần Thị Bích Ngọc|01021990|Nữ|Khu phố 3, Phường 2, Tây Ninh|20062021||x|y|", d(2024, 6, 30));
    auto parsed = json::parse(cccdReportToJson(r).dump(2));
    BOOST_REQUIRE(parsed.has_value());
    const json::Value& o = *parsed;
    BOOST_TEST(o.find("id_number")->asString() == "072190001234");
    BOOST_TEST(o.find("old_id_number")->isNull());
    BOOST_TEST(o.find("full_name")->asString() == "Trần Thị Bích Ngọc");
    BOOST_TEST(o.find("date_of_birth")->asString() == "1990-02-01");
    BOOST_TEST(o.find("sex")->asString() == "female");
    BOOST_TEST(o.find("address")->asString() == "Khu phố 3, Phường 2, Tây Ninh");
    BOOST_TEST(o.find("issue_date")->asString() == "2021-06-20");
    BOOST_TEST(o.find("expiry_date")->asString() == "2030-02-01");
    BOOST_TEST(o.find("expired")->asBool() == false);
    BOOST_TEST(o.find("province_of_registration")->find("code")->asString() == "072");
    BOOST_TEST(o.find("province_of_registration")->find("name")->asString() == "Tây Ninh");
    BOOST_TEST(o.find("extra_fields")->asArray().size() == 4u);
    BOOST_TEST(o.find("extra_fields")->asArray()[1].asString() == "x");
    BOOST_TEST(o.find("warnings")->asArray().empty());
    BOOST_TEST(o.find("errors")->asArray().empty());
    BOOST_TEST(o.find("valid")->asBool());
    const std::vector<std::string> keys{
        "id_number",    "old_id_number", "full_name",   "date_of_birth", "sex",
        "address",      "issue_date",    "expiry_date", "expired",       "province_of_registration",
        "extra_fields", "warnings",      "errors",      "valid"};
    BOOST_REQUIRE(o.asObject().size() == keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        BOOST_TEST(o.asObject()[i].first == keys[i]);
    }

    // For life: expiry_date null; a bad number: province null, errors listed.
    const auto life = json::parse(
        cccdReportToJson(checkQrText("072060001234||Lê Văn Tám|01011960|Nam|Tây Ninh|05052021", d(2024, 6, 30)))
            .dump());
    BOOST_TEST(life->find("expiry_date")->isNull());
    BOOST_TEST(life->find("expired")->asBool() == false);
    const auto bad = json::parse(
        cccdReportToJson(checkQrText("07206000123||Lê Văn Tám|01011960|Nam|Tây Ninh|05052021", d(2024, 6, 30))).dump());
    BOOST_TEST(bad->find("province_of_registration")->isNull());
    BOOST_TEST(bad->find("valid")->asBool() == false);
    BOOST_TEST(bad->find("errors")->asArray().at(0).find("code")->asString() == "id_not_12_digits");
    BOOST_TEST(!bad->find("errors")->asArray().at(0).find("message")->asString().empty());
}

BOOST_AUTO_TEST_SUITE_END()
