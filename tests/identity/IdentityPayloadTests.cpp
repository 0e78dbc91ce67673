// The CCCD QR payload: field forms, NFC, and one payload for every error and warning code.
#include <boost/test/unit_test.hpp>

#include <random>
#include <set>

#include "domain/identity/CccdCheck.h"
#include "domain/identity/CccdNormalize.h"
#include "domain/identity/CccdQr.h"
#include "domain/identity/KeyboardWedge.h"
#include "tests/identity/QrCorpus.h"

using namespace da06;
using namespace da06::identity;

namespace {

const Date kAsOf{2024, 6, 30};

// A consistent card: male born 15/03/1990 in Tây Ninh, issued 10/05/2021, valid until 15/03/2030.
const std::string kBase =
    "072090001234|280123456|Nguyễn Văn An|15031990|Nam|Ấp Thạnh Hiệp, Xã Thạnh Tây, Huyện Tân Biên, "
    "Tây Ninh|10052021";

std::set<std::string> codesOf(const CccdReport& r)
{
    std::set<std::string> s;
    for (const auto& f : r.findings) {
        s.insert(f.code());
    }
    return s;
}

// NFD of a few Vietnamese letters, spelled with combining marks.
std::string nfdName()
{
    // "Nguyễn Thị Ánh" = N g u y e+U+0302+U+0303 n  T h i+U+0323  A+U+0301 n h
    return "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 A\xCC\x81nh";
}

} // namespace

BOOST_AUTO_TEST_SUITE(cccd_payload)

BOOST_AUTO_TEST_CASE(seven_fields_are_read_by_position)
{
    const CccdParse p = parseCccdQr(kBase);
    BOOST_TEST(p.isCccd);
    BOOST_TEST(p.findings.empty());
    const CccdIdentity& id = p.identity;
    BOOST_TEST(id.fieldCount == 7u);
    BOOST_TEST(id.hasOldIdSlot);
    BOOST_TEST(id.idNumber == "072090001234");
    BOOST_TEST(id.oldIdNumber == "280123456");
    BOOST_TEST(id.fullName == "Nguyễn Văn An");
    BOOST_TEST(id.dateOfBirth.has_value());
    BOOST_TEST(id.dateOfBirth->toIso() == "1990-03-15");
    BOOST_TEST((id.sex == Sex::Male));
    BOOST_TEST(id.address == "Ấp Thạnh Hiệp, Xã Thạnh Tây, Huyện Tân Biên, Tây Ninh");
    BOOST_TEST(id.issueDate->toIso() == "2021-05-10");
    BOOST_TEST(id.extraFields.empty());
    const CccdReport r = checkCccd(p, kAsOf);
    BOOST_TEST(r.valid());
    BOOST_TEST(!r.hasWarnings());
}

BOOST_AUTO_TEST_CASE(empty_old_id_and_six_and_eleven_fields)
{
    std::mt19937 rng(7);
    for (int i = 0; i < 200; ++i) {
        test::qr::Person person = test::qr::randomPerson(rng);
        for (const std::string& text :
             {test::qr::payload7(person), test::qr::payload6(person), test::qr::payload11(person, "x")}) {
            const CccdReport r = checkQrText(text, kAsOf);
            BOOST_TEST_INFO("payload " << i << " with " << r.identity.fieldCount << " fields");
            BOOST_TEST(r.valid());
            BOOST_TEST(!r.hasWarnings());
            BOOST_TEST(r.identity.idNumber == person.id);
            BOOST_TEST(r.identity.fullName == person.name);
            BOOST_TEST(r.identity.address == person.address);
            BOOST_TEST(r.identity.oldIdNumber == (r.identity.fieldCount == 6 ? "" : person.oldId));
            BOOST_TEST(r.identity.extraFields.size() == (r.identity.fieldCount == 11 ? 4u : 0u));
        }
    }
    const CccdReport r11 = checkQrText(kBase + "|ABC||x|", kAsOf);
    BOOST_TEST(r11.valid());
    BOOST_TEST(r11.identity.extraFields == (std::vector<std::string>{"ABC", "", "x", ""}));
    const CccdReport six = checkQrText("072090001234|Nguyễn Văn An|15031990|Nam|Tây Ninh|10052021", kAsOf);
    BOOST_TEST(six.valid());
    BOOST_TEST(!six.identity.hasOldIdSlot);
    BOOST_TEST(six.identity.fullName == "Nguyễn Văn An");
    const CccdReport noOld = checkQrText("072090001234||Nguyễn Văn An|15031990|Nam|Tây Ninh|10052021", kAsOf);
    BOOST_TEST(noOld.valid());
    BOOST_TEST(noOld.identity.hasOldIdSlot);
    BOOST_TEST(noOld.identity.oldIdNumber.empty());
}

BOOST_AUTO_TEST_CASE(every_vietnamese_diacritic_survives)
{
    for (const std::string& name : test::qr::sampleNames()) {
        const std::string text = "072090001234|280123456|" + name + "|15031990|Nam|Phường 2, Tây Ninh|10052021";
        const CccdReport r = checkQrText(text, kAsOf);
        BOOST_TEST(r.identity.fullName == name);
        BOOST_TEST(r.valid());
        BOOST_TEST(codesOf(r).count("diacritics_lost") == 0u);
    }
}

// What a keyboard wedge does to a word while other letters with diacritics come through: a word
// left without a vowel, vowels that Vietnamese always writes with a mark, "uy" before n.
BOOST_AUTO_TEST_CASE(a_word_broken_by_a_lost_letter_is_named)
{
    const std::vector<std::pair<std::string, std::string>> broken{
        {"Đng Quốc Bảo|15032001|Nam|Ấp Trường Lưu, Tây Ninh", "Đng"},
        {"Nguyen Thị Ánh|15032001|Nam|Tây Ninh", "Nguyen"},
        {"Lê Văn Tâm|15032001|Nam|Ấp Trng Đông, Hòa Thành, Tây Ninh", "Trng"},
        {"Lê Văn Tâm|15032001|Nam|Xã Phước Thạnh, huyn Gò Dầu, Tây Ninh", "huyn"},
        {"Phạm Văn Truong|15032001|Nam|Tây Ninh", "Truong"},
        {"Hồ Văn Tien|15032001|Nam|Tây Ninh", "Tien"},
    };
    for (const auto& [fields, word] : broken) {
        const CccdReport r = checkQrText("072201003358|285123456|" + fields + "|10042021", kAsOf);
        BOOST_TEST_INFO(fields);
        BOOST_TEST(codesOf(r).count("syllable_broken") == 1u);
        BOOST_TEST(codesOf(r).count("diacritics_lost") == 0u);
        for (const Finding& f : r.findings) {
            if (std::string(f.code()) == "syllable_broken") {
                BOOST_TEST(f.args.at(0) == word);
            }
        }
        BOOST_TEST(r.valid()); // a warning: the clerk compares with the card
    }
}

BOOST_AUTO_TEST_CASE(real_names_and_addresses_are_not_called_broken)
{
    std::vector<std::string> texts = test::qr::sampleNames();
    for (const std::string& a : test::qr::sampleAddresses()) {
        texts.push_back(a);
    }
    // Minority and foreign names, abbreviations, words next to digits, decomposed text.
    for (const char* t : {"Ksor H'Hen Niê", "Néang Sóc Khon", "Mohamad Ích", "Thạch Thị Sa Rây", "Kpă Hồng",
                          "KP 3, TP. Tây Ninh", "Tổ 5A, Ấp 12B, Xã Thạnh Tây", "Trường Đông"}) {
        texts.emplace_back(t);
    }
    texts.push_back(nfdName());
    for (const std::string& t : texts) {
        CccdIdentity id;
        id.fullName = t;
        id.address = "Ấp Thạnh Hiệp, Xã Thạnh Tây, Huyện Tân Biên, Tây Ninh";
        BOOST_TEST_INFO(t);
        BOOST_TEST(!brokenSyllable(id).has_value());
    }
    // The summary of a passing check says what was and was not checked.
    const CccdReport ok = checkQrText(kBase, kAsOf);
    const auto& item = ok.checks.at(static_cast<std::size_t>(CheckKind::Diacritics));
    BOOST_TEST(item.summary.text().find("cannot be detected") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nfd_input_is_normalized_to_nfc)
{
    const std::string nuNfd = "Nu\xCC\x9B\xCC\x83"; // u + horn + tilde = ữ
    const std::string text = "072190001234||" + nfdName() + "|15031990|N" + nuNfd.substr(1) +
                             "|Pho\xCC\x82\xCC\x81 Hue\xCC\x82\xCC\x81|10052021";
    const CccdReport r = checkQrText(text, kAsOf);
    BOOST_TEST(r.identity.fullName == "Nguyễn Thị Ánh");
    BOOST_TEST(r.identity.sexText == "Nữ");
    BOOST_TEST((r.identity.sex == Sex::Female));
    BOOST_TEST(r.identity.address == "Phố Huế");
    BOOST_TEST(r.valid());
    BOOST_TEST(normalizeQrText(nfdName()) == "Nguyễn Thị Ánh");
    // Without the edge, the parser does not recognise a decomposed "Nữ".
    BOOST_TEST(codesOf(checkCccdQr(text, kAsOf)).count("sex_unrecognized") == 1u);
}

BOOST_AUTO_TEST_CASE(scanner_noise_around_the_payload_is_ignored)
{
    BOOST_TEST(checkQrText("\xEF\xBB\xBF" + kBase + "\r\n", kAsOf).valid());
    BOOST_TEST(checkQrText("\x02" + kBase + "\x03", kAsOf).valid());
    BOOST_TEST(checkQrText(" 072090001234 | 280123456 |Nguyễn Văn An |15031990|Nam|Tây Ninh|10052021 ", kAsOf).valid());
    BOOST_TEST(checkQrText("072090001234|280123456|Nguyễn Văn An|15/03/1990|Nam|Tây Ninh|10/05/2021", kAsOf).valid());
}

struct Case {
    const char* code;
    std::string payload;
    Date asOf = kAsOf;
};

// One payload per code, each producing that code (and, for warnings, no error).
std::vector<Case> everyCode()
{
    return {
        {"empty_payload", ""},
        {"empty_payload", " \r\n\t"},
        {"invalid_utf8", "072090001234|\xFF\xFE|Nguy\xC3"},
        {"invalid_utf8", "072090001234|280123456|\xED\xA0\x80|15031990|Nam|x|10052021"}, // a surrogate
        {"not_cccd_payload", "https://dichvucong.gov.vn/"},
        {"not_cccd_payload", "072090001234|280123456|Nguyễn Văn An|15031990|Nam"},
        {"separator_lost", "072090001234\\280123456\\Nguyen Van An\\15031990\\Nam\\Tay Ninh\\10052021"},
        {"id_missing", "|280123456|Nguyễn Văn An|15031990|Nam|Tây Ninh|10052021"},
        {"id_not_12_digits", "07209000123|280123456|Nguyễn Văn An|15031990|Nam|Tây Ninh|10052021"},
        {"id_not_12_digits", "07209000123X|280123456|Nguyễn Văn An|15031990|Nam|Tây Ninh|10052021"},
        {"name_missing", "072090001234|280123456||15031990|Nam|Tây Ninh|10052021"},
        {"dob_missing", "072090001234|280123456|Nguyễn Văn An||Nam|Tây Ninh|10052021"},
        {"dob_invalid", "072090001234|280123456|Nguyễn Văn An|31021990|Nam|Tây Ninh|10052021"},
        {"dob_invalid", "072090001234|280123456|Nguyễn Văn An|1990-03-15|Nam|Tây Ninh|10052021"},
        {"dob_in_future", "072290001234|280123456|Nguyễn Văn An|15032090|Nam|Tây Ninh|10052021"},
        {"issue_date_missing", "072090001234|280123456|Nguyễn Văn An|15031990|Nam|Tây Ninh|"},
        {"issue_date_missing", "072090001234|280123456|Nguyễn Văn An|15031990|Nam|Tây Ninh"},
        {"issue_date_invalid", "072090001234|280123456|Nguyễn Văn An|15031990|Nam|Tây Ninh|29022023"},
        {"issue_before_birth", "072205001234|280123456|Nguyễn Văn An|15032005|Nam|Tây Ninh|10052004"},
        {"issue_in_future", "072090001234|280123456|Nguyễn Văn An|15031990|Nam|Tây Ninh|01072024"},
        {"sex_mismatch", "072190001234|280123456|Nguyễn Văn An|15031990|Nam|Tây Ninh|10052021"},
        {"sex_mismatch", "072090001234|280123456|Trần Thị Bích|15031990|Nữ|Tây Ninh|10052021"},
        {"birth_year_mismatch", "072091001234|280123456|Nguyễn Văn An|15031990|Nam|Tây Ninh|10052021"},
        {"birth_year_mismatch", "072290001234|280123456|Nguyễn Văn An|15031990|Nam|Tây Ninh|10052021"},
        {"card_expired", "072099001234|280123456|Nguyễn Văn An|15031999|Nam|Tây Ninh|10052016"},
        {"unexpected_field_count", kBase + "|x"},
        {"diacritics_lost",
         "072090001234|280123456|Nguyen Van An|15031990|Nam|Ap Thanh Hiep, Xa Thanh Tay, Tay Ninh|10052021"},
        {"diacritics_lost", "072190001234||Nguy?n Th? An|15031990|N?|T?y Ninh|10052021"},
        {"unknown_province", "003090001234|280123456|Nguyễn Văn An|15031990|Nam|Tây Ninh|10052021"},
        {"sex_unrecognized", "072090001234|280123456|Nguyễn Văn An|15031990|Male|Tây Ninh|10052021"},
        {"sex_unrecognized", "072090001234|280123456|Nguyễn Văn An|15031990||Tây Ninh|10052021"},
        {"old_id_malformed", "072090001234|2801234|Nguyễn Văn An|15031990|Nam|Tây Ninh|10052021"},
        {"issued_before_2016", "072090001234|280123456|Nguyễn Văn An|15031990|Nam|Tây Ninh|10052015"},
        {"issued_under_14", "072210001234||Nguyễn Văn An|15032010|Nam|Tây Ninh|10052021"},
        {"implausible_age", "072000001234|280123456|Nguyễn Văn An|01011900|Nam|Tây Ninh|10052021"},
        {"syllable_broken", "072201003358|285123456|Đng Quốc Bảo|15032001|Nam|Ấp Trường Lưu, Tây Ninh|10042021"},
    };
}

BOOST_AUTO_TEST_CASE(every_error_and_warning_code_has_a_payload)
{
    std::set<std::string> seen;
    for (const Case& c : everyCode()) {
        const CccdReport r = checkQrText(c.payload, c.asOf);
        const auto codes = codesOf(r);
        BOOST_TEST_INFO("expected " << c.code);
        BOOST_TEST(codes.count(c.code) == 1u);
        seen.insert(c.code);
        for (const Finding& f : r.findings) {
            BOOST_TEST(!f.message().text().empty());
            BOOST_TEST(f.message().text().find("%s") == std::string::npos);
        }
        const Finding* mine = nullptr;
        for (const Finding& f : r.findings) {
            if (std::string(f.code()) == c.code) {
                mine = &f;
            }
        }
        BOOST_REQUIRE(mine);
        if (mine->isError()) {
            BOOST_TEST(!r.valid());
        } else {
            BOOST_TEST_INFO("warning " << c.code << " leaves the identity usable");
            BOOST_TEST(r.valid());
        }
    }
    // Every code of the table is exercised.
    for (int i = 0; i < kProblemCount; ++i) {
        const char* code = problemInfo(static_cast<Problem>(i)).code;
        BOOST_TEST_INFO("code " << code);
        BOOST_TEST(seen.count(code) == 1u);
    }
}

BOOST_AUTO_TEST_CASE(codes_are_unique_and_in_enum_order)
{
    std::set<std::string> codes;
    for (int i = 0; i < kProblemCount; ++i) {
        const ProblemInfo& info = problemInfo(static_cast<Problem>(i));
        BOOST_TEST((info.problem == static_cast<Problem>(i)));
        codes.insert(info.code);
        BOOST_TEST(std::string(info.text).size() > 10u);
    }
    BOOST_TEST(codes.size() == static_cast<std::size_t>(kProblemCount));
}

BOOST_AUTO_TEST_CASE(keyboard_wedge_signs)
{
    // Short ASCII-only text is not enough to tell.
    CccdIdentity id;
    id.fullName = "Lo Van A";
    BOOST_TEST(!lostDiacriticsSample(id).has_value());
    id.address = "Ap 3, Xa Suoi Ngo, Tay Ninh";
    BOOST_TEST(lostDiacriticsSample(id).value_or("") == "Lo Van A");
    id.address = "Ấp 3";
    BOOST_TEST(!lostDiacriticsSample(id).has_value());
    BOOST_TEST(looksLikeSeparatorLoss("072090001234#280123456#Nguyen"));
    BOOST_TEST(!looksLikeSeparatorLoss("0720900012345678901234"));
    BOOST_TEST(!looksLikeSeparatorLoss("072090001234|280123456"));
}

BOOST_AUTO_TEST_CASE(helpers)
{
    BOOST_TEST(splitFields("a| b |").size() == 3u);
    BOOST_TEST(splitFields("a| b |")[1] == "b");
    BOOST_TEST(!parseCardDate("29022023").has_value());
    BOOST_TEST(parseCardDate("29022024")->toIso() == "2024-02-29");
    BOOST_TEST(!parseCardDate("2902202").has_value());
    BOOST_TEST(shortened("Nguyễn Văn An", 6) == "Nguyễn…");
    BOOST_TEST(isValidUtf8("Nguyễn"));
    BOOST_TEST(!isValidUtf8("\xC0\x80"));         // overlong
    BOOST_TEST(!isValidUtf8("\xF4\x90\x80\x80")); // above U+10FFFF
    BOOST_TEST(fillPattern("%s and %s", {"%s", "b"}) == "%s and b");
}

BOOST_AUTO_TEST_SUITE_END()
