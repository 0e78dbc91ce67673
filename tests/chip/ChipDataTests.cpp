// The chip's data structures (domain/identity/chip): BER-TLV, the TD1 MRZ with its check digits
// (ICAO 9303-5 examples) and the Vietnamese layout, the BAC MRZ information (9303-11 Appendix D),
// EF.COM, DG1, DG13 (missing and unknown fields, every kind of Vietnamese diacritic), DG2, DG14,
// DG15, EF.SOD and the cross-checks.
#include <boost/test/unit_test.hpp>

#include "domain/identity/CccdQr.h"
#include "domain/identity/chip/ChipCrossCheck.h"
#include "domain/identity/chip/DataGroups.h"
#include "domain/identity/chip/Mrz.h"
#include "domain/identity/chip/Sod.h"
#include "domain/identity/chip/Tlv.h"
#include "tests/chip/ChipTestData.h"

using namespace da06;
using namespace da06::chip;
using namespace chiptest;

namespace {

Bytes hex(std::string_view h)
{
    return *fromHex(h);
}

std::vector<std::string> codes(const std::vector<ChipFinding>& fs)
{
    std::vector<std::string> out;
    for (const auto& f : fs) {
        out.emplace_back(f.code());
    }
    return out;
}

bool has(const std::vector<ChipFinding>& fs, ChipProblem p)
{
    for (const auto& f : fs) {
        if (f.problem == p) {
            return true;
        }
    }
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(tlv)

BOOST_AUTO_TEST_CASE(one_two_and_three_byte_tags_and_long_lengths)
{
    auto t = parseTlv(hex("5F1F03414243"));
    BOOST_REQUIRE(t.has_value());
    BOOST_TEST(t->tag == 0x5F1Fu);
    BOOST_TEST(t->value.size() == 3u);
    auto t3 = parseTlv(hex("7F810102AABB"), false);
    BOOST_REQUIRE(t3.has_value());
    BOOST_TEST(t3->tag == 0x7F8101u);
    Bytes big(300, 0x41);
    const Bytes enc = encodeTlv(0x04, big);
    BOOST_TEST(toHex(ByteView(enc).first(4)) == "0482012C");
    auto back = parseTlv(enc);
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(back->value.size() == 300u);
    auto h = parseTlvHeader(hex("7786"));
    BOOST_TEST(!h.has_value());
    auto h4 = parseTlvHeader(hex("778400000100"));
    BOOST_REQUIRE(h4.has_value());
    BOOST_TEST(h4->valueLength == 256u);
    BOOST_TEST(h4->headerLength == 6u);
}

BOOST_AUTO_TEST_CASE(strict_bounds_and_depth)
{
    BOOST_TEST(!parseTlv(hex("040541")).has_value());       // overruns
    BOOST_TEST(!parseTlv(hex("3003040541")).has_value());   // child overruns its parent
    BOOST_TEST(!parseTlv(hex("0480")).has_value());         // indefinite length
    BOOST_TEST(!parseTlv(hex("5F")).has_value());           // tag cut
    BOOST_TEST(!parseTlv(hex("5F8181810100")).has_value()); // tag of 4 bytes
    BOOST_TEST(!parseTlv(hex("")).has_value());
    BOOST_TEST(!parseTlvList(hex("0101FF00")).has_value()); // trailing padding byte
    Bytes nested = hex("0400");
    for (int i = 0; i < 20; ++i) {
        nested = encodeTlv(0x30, nested);
    }
    BOOST_TEST(!parseTlv(nested).has_value());
    BOOST_TEST(parseTlv(nested, false).has_value());
}

BOOST_AUTO_TEST_CASE(der_helpers)
{
    BOOST_TEST(*oidToString(hex("2A864886F70D010702")) == "1.2.840.113549.1.7.2");
    BOOST_TEST(toHex(*oidFromString("0.4.0.127.0.7.2.2.4.2.2")) == "04007F00070202040202");
    BOOST_TEST(*oidToString(*oidFromString("2.23.136.1.1.1")) == "2.23.136.1.1.1");
    BOOST_TEST(!oidToString(hex("2A86")).has_value());
    BOOST_TEST(*derSmallInteger(*parseTlv(hex("020113"))) == 19);
    BOOST_TEST(!derSmallInteger(*parseTlv(hex("0201FF"))).has_value());
    BOOST_TEST(!derString(*parseTlv(hex("0C02C328"))).has_value()); // bad UTF-8
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(mrz)

BOOST_AUTO_TEST_CASE(icao_td1_specimen)
{
    auto m = parseTd1("I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<");
    BOOST_REQUIRE_MESSAGE(m.has_value(), (m ? "" : m.error().message));
    BOOST_TEST(m->documentNumber == "D23145890");
    BOOST_TEST(m->dateOfBirth == "740812");
    BOOST_TEST(m->sex == 'F');
    BOOST_TEST(m->dateOfExpiry == "120415");
    BOOST_TEST(m->surname == "ERIKSSON");
    BOOST_TEST(m->givenNames == "ANNA MARIA");
    BOOST_TEST(m->idNumber12.empty());
    BOOST_TEST(*bacMrzInformation(*m) == "D23145890774081221204159");
}

BOOST_AUTO_TEST_CASE(every_check_digit_is_verified)
{
    const std::string good =
        "I<UTOD231458907<<<<<<<<<<<<<<<7408122F1204159UTO<<<<<<<<<<<6ERIKSSON<<ANNA<MARIA<<<<<<<<<<";
    for (std::size_t at : {14u, 36u, 44u, 59u}) {
        std::string bad = good;
        bad[at] = bad[at] == '0' ? '1' : '0';
        auto m = parseTd1(bad);
        BOOST_TEST(!m.has_value(), "check digit at " << at);
    }
    BOOST_TEST(!parseTd1(good.substr(1)).has_value());
    std::string lower = good;
    lower[60] = 'e';
    BOOST_TEST(!parseTd1(lower).has_value());
}

BOOST_AUTO_TEST_CASE(long_document_number_overflow)
{
    // 9303-11 Appendix D.2: D23145890734, check 9.
    BOOST_TEST(*bacMrzInformation("D23145890734", "340712", "950712") == "D23145890734934071279507122");
    const std::string l1 = "I<UTOD23145890<7349<<<<<<<<<<<";
    std::string l2 = "3407127M9507122UTO<<<<<<<<<<<";
    l2 += check(l1.substr(5, 25) + l2.substr(0, 7) + l2.substr(8, 7) + l2.substr(18, 11));
    auto m = parseTd1(l1 + l2 + "STEVENSON<<PETER<JOHN<<<<<<<<<");
    BOOST_REQUIRE_MESSAGE(m.has_value(), (m ? "" : m.error().message));
    BOOST_TEST(m->documentNumber == "D23145890734");
    BOOST_TEST(*bacMrzInformation(*m) == "D23145890734934071279507122");
    std::string broken = l1;
    broken[18] = '8';
    BOOST_TEST(!parseTd1(broken + l2 + "STEVENSON<<PETER<JOHN<<<<<<<<<").has_value());
}

BOOST_AUTO_TEST_CASE(appendix_d_mrz_information)
{
    BOOST_TEST(*bacMrzInformation("L898902C", "690806", "940623") == "L898902C<369080619406236");
    BOOST_TEST(!bacMrzInformation("L898902C", "691306", "940623").has_value());
    BOOST_TEST(!bacMrzInformation("", "690806", "940623").has_value());
    BOOST_TEST(!bacMrzInformation("l898", "690806", "940623").has_value());
}

BOOST_AUTO_TEST_CASE(vietnamese_layout)
{
    Person p;
    auto m = parseTd1(mrzOf(p));
    BOOST_REQUIRE_MESSAGE(m.has_value(), (m ? "" : m.error().message));
    BOOST_TEST(m->documentCode == "ID");
    BOOST_TEST(m->issuingState == "VNM");
    BOOST_TEST(m->documentNumber == "190001234");
    BOOST_TEST(m->idNumber12 == "072190001234");
    BOOST_TEST(m->surname == "DANG");
    BOOST_TEST(m->givenNames == "NGOC AN HUYNH THI TUYET");
    BOOST_TEST(*bacMrzInformation(*m) == *bacMrzInformationFromId12("072190001234", "900201", "300201"));
    BOOST_TEST(bacMrzInformationFromId12("072190001234", "900201", "300201")->substr(0, 10) ==
               "190001234" + check("190001234"));
    BOOST_TEST(!bacMrzInformationFromId12("07219000123", "900201", "300201").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(data_groups)

BOOST_AUTO_TEST_CASE(ef_com_appendix_d_content)
{
    // The EF.COM read in 9303-11 D.4: 60145F0104303130365F36063034303030305C026175.
    auto com = parseEfCom(hex("60145F0104303130365F36063034303030305C026175"));
    BOOST_REQUIRE(com.has_value());
    BOOST_TEST(com->ldsVersion == "0106");
    BOOST_TEST(com->unicodeVersion == "040000");
    BOOST_TEST(com->dataGroups == std::vector<int>({1, 2}));
    BOOST_TEST(com->lists(2));
    BOOST_TEST(!com->lists(13));
    BOOST_TEST(!parseEfCom(hex("61035C0161")).has_value());
}

BOOST_AUTO_TEST_CASE(dg1_holds_the_mrz)
{
    Person p;
    auto d = parseDg1(dg1(mrzOf(p)));
    BOOST_REQUIRE_MESSAGE(d.has_value(), (d ? "" : d.error().message));
    BOOST_TEST(d->mrz.idNumber12 == p.id12);
    BOOST_TEST(!parseDg1(encodeTlv(0x61, encodeTlv(0x5F1F, Bytes(89, '<')))).has_value());
    BOOST_TEST(!parseDg1(encodeTlv(0x61, encodeTlv(0x5F20, Bytes(90, '<')))).has_value());
}

BOOST_AUTO_TEST_CASE(dg13_all_fields_with_vietnamese_diacritics)
{
    Person p;
    auto d = parseDg13(dg13Of(p));
    BOOST_REQUIRE_MESSAGE(d.has_value(), (d ? "" : d.error().message));
    BOOST_TEST(d->idNumber == "072190001234");
    BOOST_TEST(d->fullName == p.fullName);
    BOOST_TEST(d->dateOfBirth == "01/02/1990");
    BOOST_TEST(d->sex == "Nữ");
    BOOST_TEST(d->nationality == "Việt Nam");
    BOOST_TEST(d->placeOfOrigin == "Xã Thạnh Tây, Tân Biên, Tây Ninh");
    BOOST_TEST(d->identifyingFeatures == "Nốt ruồi cách 2cm trên đuôi mắt trái");
    BOOST_TEST(d->issueDate == "10/05/2021");
    BOOST_TEST(d->expiryDate == "01/02/2030");
    BOOST_TEST(d->fatherName == "Đặng Văn Bình");
    BOOST_TEST(d->motherName == "Lê Thị Hoà");
    BOOST_TEST(d->spouseName.empty());
    BOOST_TEST(d->oldIdNumber == "280123456");
    BOOST_TEST(d->invalid.empty());
}

BOOST_AUTO_TEST_CASE(dg13_missing_unknown_and_bad_fields)
{
    auto d = parseDg13(dg13({field(2, "Lý Thị Ửng"), field(1, "001301000001"), field(21, "x"),
                             encodeTlv(0x30, std::vector<Bytes>{integer(9), encodeTlv(0x0C, Bytes{0xC3, 0x28})}),
                             field(14, "Trương Văn Ỷ")}));
    BOOST_REQUIRE(d.has_value());
    BOOST_TEST(d->fullName == "Lý Thị Ửng");
    BOOST_TEST(d->idNumber == "001301000001");
    BOOST_TEST(d->dateOfBirth.empty());
    BOOST_TEST(d->placeOfResidence.empty());
    BOOST_TEST(d->spouseName == "Trương Văn Ỷ");
    BOOST_TEST(d->otherFields.at(21) == "x");
    BOOST_TEST(d->invalid == std::vector<int>({9}));
    BOOST_TEST(!parseDg13(hex("6D00")).has_value());
    BOOST_TEST(!parseDg13(hex("6E00")).has_value());
}

BOOST_AUTO_TEST_CASE(dg2_face_image)
{
    Bytes jpeg = hex("FFD8FFE000104A464946");
    // ISO 19794-5 record: FAC\0 010\0 len(4) count(2) | record len(4) points(2) + 14 | image info(12) | image
    Bytes fac = hex("46414300 30313000");
    const std::uint32_t recordLength = 20 + 12 + static_cast<std::uint32_t>(jpeg.size());
    const std::uint32_t total = 14 + recordLength;
    for (int i = 3; i >= 0; --i) {
        fac.push_back(static_cast<std::uint8_t>(total >> (8 * i)));
    }
    fac.insert(fac.end(), {0x00, 0x01});
    for (int i = 3; i >= 0; --i) {
        fac.push_back(static_cast<std::uint8_t>(recordLength >> (8 * i)));
    }
    fac.insert(fac.end(), {0x00, 0x00});
    fac.insert(fac.end(), 14, 0x00);
    const Bytes info = hex("0100 01E0 0280 01 00 0000 0000"); // 480 x 640
    fac.insert(fac.end(), info.begin(), info.end());
    fac.insert(fac.end(), jpeg.begin(), jpeg.end());
    const Bytes dg2 = encodeTlv(
        0x75,
        encodeTlv(0x7F61, std::vector<Bytes>{encodeTlv(0x02, Bytes{1}),
                                             encodeTlv(0x7F60, std::vector<Bytes>{encodeTlv(0xA1, hex("80020101")),
                                                                                  encodeTlv(0x5F2E, fac)})}));
    auto f = parseDg2(dg2);
    BOOST_REQUIRE_MESSAGE(f.has_value(), (f ? "" : f.error().message));
    BOOST_TEST((f->format == ImageFormat::Jpeg));
    BOOST_TEST(f->declaredWidth == 480);
    BOOST_TEST(f->declaredHeight == 640);
    BOOST_TEST(toHex(f->data) == toHex(jpeg));
    BOOST_TEST((sniffImageFormat(hex("FF4FFF51")) == ImageFormat::Jpeg2000Codestream));
    BOOST_TEST((sniffImageFormat(hex("0000000C6A5020200D0A870A")) == ImageFormat::Jpeg2000Jp2));
    BOOST_TEST(!parseDg2(encodeTlv(0x75, encodeTlv(0x5F2E, hex("00112233")))).has_value());
}

BOOST_AUTO_TEST_CASE(dg14_and_dg15_public_keys)
{
    const Bytes spki =
        encodeTlv(0x30, std::vector<Bytes>{encodeTlv(0x30, encodeTlv(0x06, *oidFromString("1.2.840.10045.2.1"))),
                                           encodeTlv(0x03, hex("0004AABB"))});
    const Bytes caInfo =
        encodeTlv(0x30, std::vector<Bytes>{encodeTlv(0x06, *oidFromString("0.4.0.127.0.7.2.2.3.2.2")), integer(1)});
    const Bytes caKey =
        encodeTlv(0x30, std::vector<Bytes>{encodeTlv(0x06, *oidFromString(oid::kPkEcdh)), spki, integer(7)});
    auto infos = parseSecurityInfos(encodeTlv(0x6E, encodeTlv(0x31, std::vector<Bytes>{caInfo, caKey})));
    BOOST_REQUIRE(infos.has_value());
    BOOST_REQUIRE(infos->size() == 2u);
    BOOST_TEST((*infos)[0].protocol == "0.4.0.127.0.7.2.2.3.2.2");
    BOOST_TEST((*infos)[0].version.value_or(0) == 1);
    BOOST_TEST((*infos)[1].protocol == oid::kPkEcdh);
    BOOST_TEST(toHex((*infos)[1].publicKeyDer) == toHex(spki));
    BOOST_TEST((*infos)[1].keyId.value_or(0) == 7);
    auto dg15 = parseDg15(encodeTlv(0x6F, spki));
    BOOST_REQUIRE(dg15.has_value());
    BOOST_TEST(toHex(*dg15) == toHex(spki));
    BOOST_TEST(!parseDg15(hex("6F00")).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sod)

Bytes fakeSod(const std::vector<std::pair<int, Bytes>>& hashes, bool withCert)
{
    std::vector<Bytes> list;
    for (const auto& [dg, h] : hashes) {
        list.push_back(encodeTlv(0x30, std::vector<Bytes>{integer(dg), encodeTlv(0x04, h)}));
    }
    const Bytes alg =
        encodeTlv(0x30, std::vector<Bytes>{encodeTlv(0x06, *oidFromString("2.16.840.1.101.3.4.2.1")), hex("0500")});
    const Bytes lds = encodeTlv(0x30, std::vector<Bytes>{integer(0), alg, encodeTlv(0x30, list)});
    const Bytes encap = encodeTlv(0x30, std::vector<Bytes>{encodeTlv(0x06, *oidFromString(oid::kLdsSecurityObject)),
                                                           encodeTlv(0xA0, encodeTlv(0x04, lds))});
    std::vector<Bytes> sd{integer(3), encodeTlv(0x31, alg), encap};
    if (withCert) {
        sd.push_back(encodeTlv(0xA0, encodeTlv(0x30, hex("0500"))));
    }
    sd.push_back(encodeTlv(0x31, Bytes{}));
    const Bytes ci = encodeTlv(0x30, std::vector<Bytes>{encodeTlv(0x06, *oidFromString(oid::kSignedData)),
                                                        encodeTlv(0xA0, encodeTlv(0x30, sd))});
    return encodeTlv(0x77, ci);
}

BOOST_AUTO_TEST_CASE(lds_security_object_is_extracted)
{
    auto s = parseSod(fakeSod({{1, Bytes(32, 0x11)}, {13, Bytes(32, 0x13)}}, true));
    BOOST_REQUIRE_MESSAGE(s.has_value(), (s ? "" : s.error().message));
    BOOST_TEST(s->hashAlgorithm == "2.16.840.1.101.3.4.2.1");
    BOOST_TEST(hashNameOfOid(s->hashAlgorithm) == "sha256");
    BOOST_TEST(s->dataGroupHashes.size() == 2u);
    BOOST_TEST(s->dataGroupHashes.at(13) == Bytes(32, 0x13));
    BOOST_TEST(toHex(s->documentSigner) == "30020500");
    auto noCert = parseSod(fakeSod({{1, Bytes(20, 1)}}, false));
    BOOST_REQUIRE(noCert.has_value());
    BOOST_TEST(noCert->documentSigner.empty());
}

BOOST_AUTO_TEST_CASE(malformed_sods_are_refused)
{
    BOOST_TEST(!parseSod(fakeSod({{1, Bytes(32, 1)}, {1, Bytes(32, 2)}}, true)).has_value()); // DG twice
    BOOST_TEST(!parseSod(fakeSod({{17, Bytes(32, 1)}}, true)).has_value());
    Bytes s = fakeSod({{1, Bytes(32, 1)}}, true);
    s[0] = 0x76;
    BOOST_TEST(!parseSod(s).has_value());
    BOOST_TEST(!parseSod(hex("7700")).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cross_check)

BOOST_AUTO_TEST_CASE(a_consistent_card_has_no_finding)
{
    Person p;
    auto d = parseDg13(dg13Of(p));
    auto m = parseTd1(mrzOf(p));
    BOOST_REQUIRE(d.has_value() && m.has_value());
    auto qr = identity::parseCccdQr(p.id12 + "|280123456|" + p.fullName +
                                    "|01021990|Nữ|Khu phố 3, Phường 2, Tây Ninh|10052021");
    BOOST_REQUIRE(qr.isCccd);
    const auto fs = crossCheckChip({&*d, &*m, &qr.identity, Date{2024, 6, 30}});
    std::string joined;
    for (const auto& c : codes(fs)) {
        joined += c + " ";
    }
    BOOST_TEST(fs.empty(), "findings: " << joined);
}

BOOST_AUTO_TEST_CASE(mismatches_are_found)
{
    Person p;
    auto d = parseDg13(dg13Of(p));
    Person other = p;
    other.id12 = "072190009999";
    other.dobMrz = "900202";
    other.sexMrz = 'M';
    other.mrzName = "TRAN<<VAN<AN";
    auto m = parseTd1(mrzOf(other));
    BOOST_REQUIRE(d.has_value() && m.has_value());
    auto qr = identity::parseCccdQr("072190001235||Đặng Ngọc Ẩn Huynh Thị Tuyết Mỹ Lưu Ơn|01021991|Nam|x|10052021");
    const auto fs = crossCheckChip({&*d, &*m, &qr.identity, Date{2031, 1, 1}});
    BOOST_TEST(has(fs, ChipProblem::IdMismatchMrz));
    BOOST_TEST(has(fs, ChipProblem::DobMismatchMrz));
    BOOST_TEST(has(fs, ChipProblem::SexMismatchMrz));
    BOOST_TEST(has(fs, ChipProblem::NameMismatchMrz));
    BOOST_TEST(has(fs, ChipProblem::IdMismatchQr));
    BOOST_TEST(has(fs, ChipProblem::NameDiacriticsOnlyQr));
    BOOST_TEST(!has(fs, ChipProblem::NameMismatchQr));
    BOOST_TEST(has(fs, ChipProblem::DobMismatchQr));
    BOOST_TEST(has(fs, ChipProblem::SexMismatchQr));
    BOOST_TEST(has(fs, ChipProblem::CardExpired));
    for (const auto& f : fs) {
        BOOST_TEST(f.message().text().find("%s") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(number_rules)
{
    Person p;
    p.id12 = "999090001234";       // unknown province, G = 0: male born 19xx, YY = 90
    auto d = parseDg13(dg13Of(p)); // says Nữ, born 1990
    BOOST_REQUIRE(d.has_value());
    auto fs = crossCheckChip({&*d, nullptr, nullptr, Date{2024, 1, 1}});
    BOOST_TEST(has(fs, ChipProblem::UnknownProvince));
    BOOST_TEST(has(fs, ChipProblem::SexNumberMismatch));
    BOOST_TEST(!has(fs, ChipProblem::BirthYearNumberMismatch));
    p.id12 = "072291001234"; // female born 2091
    d = parseDg13(dg13Of(p));
    fs = crossCheckChip({&*d, nullptr, nullptr, Date{2024, 1, 1}});
    BOOST_TEST(has(fs, ChipProblem::BirthYearNumberMismatch));
    p.id12 = "07219000123";
    d = parseDg13(dg13Of(p));
    fs = crossCheckChip({&*d, nullptr, nullptr, Date{2024, 1, 1}});
    BOOST_TEST(has(fs, ChipProblem::Dg13IdInvalid));
}

BOOST_AUTO_TEST_CASE(expiry_from_the_chip_or_from_the_law)
{
    Person p;
    p.expiryDg13 = "01/02/2015"; // DG13 says expired; the MRZ says 2030
    auto d = parseDg13(dg13Of(p));
    auto m = parseTd1(mrzOf(Person{}));
    auto fs = crossCheckChip({&*d, &*m, nullptr, Date{2024, 6, 30}});
    BOOST_TEST(has(fs, ChipProblem::ExpiryMismatchMrz));
    BOOST_TEST(has(fs, ChipProblem::CardExpired));
    // No expiry field and no MRZ: born 1990-02-01, issued 2021 at 31 → valid until the 40th birthday.
    auto noExpiry = parseDg13(dg13(
        {field(1, p.id12), field(2, p.fullName), field(3, "01/02/1990"), field(4, "Nữ"), field(11, "10/05/2021")}));
    BOOST_REQUIRE(noExpiry.has_value());
    BOOST_TEST(!has(crossCheckChip({&*noExpiry, nullptr, nullptr, Date{2030, 2, 1}}), ChipProblem::CardExpired));
    fs = crossCheckChip({&*noExpiry, nullptr, nullptr, Date{2030, 2, 2}});
    BOOST_TEST(has(fs, ChipProblem::CardExpired));
    // Missing fields are warnings, not errors.
    auto sparse = parseDg13(dg13({field(7, "Không")}));
    BOOST_REQUIRE(sparse.has_value());
    fs = crossCheckChip({&*sparse, nullptr, nullptr, Date{2024, 1, 1}});
    BOOST_TEST(has(fs, ChipProblem::Dg13IdMissing));
    BOOST_TEST(has(fs, ChipProblem::Dg13NameMissing));
    BOOST_TEST(has(fs, ChipProblem::Dg13DobMissing));
    BOOST_TEST(has(fs, ChipProblem::Dg13SexMissing));
    for (const auto& f : fs) {
        BOOST_TEST(!f.isError());
    }
}

BOOST_AUTO_TEST_CASE(folding_vietnamese_letters)
{
    BOOST_TEST(foldToMrzLetters("Đặng Ngọc Ẩn Huỳnh Thị Tuyết Mỹ Lưu Ơn") == "DANG NGOC AN HUYNH THI TUYET MY LUU ON");
    BOOST_TEST(foldToMrzLetters("Trần  Văn-Ửng, Ý") == "TRAN VAN UNG Y");
    BOOST_TEST(foldToMrzLetters("Tra\xCC\x82\xCC\x80n") == "TRAN");
    BOOST_TEST(foldToMrzLetters("ờớởỡợ ừứửữự ằắẳẵặ ầấẩẫậ ềếểễệ ồốổỗộ") == "OOOOO UUUUU AAAAA AAAAA EEEEE OOOOO");
}

BOOST_AUTO_TEST_SUITE_END()
