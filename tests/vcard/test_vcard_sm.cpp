// The card's BAC and secure-messaging primitives against the worked example of ICAO Doc 9303
// part 11, Appendix D (MRZ information "L898902C<369080619406236").
#include <boost/test/unit_test.hpp>

#include "tests/vcard/Bytes.h"
#include "tests/vcard/SecureChannel.h"
#include "tests/vcard/VcCrypto.h"

using namespace da06::vcard;

namespace {

SecretBytes secret(const char* hex)
{
    return SecretBytes(fromHex(hex));
}

} // namespace

BOOST_AUTO_TEST_CASE(vcard_bac_keys_match_icao_appendix_d)
{
    Bytes seed = sha1(fromString("L898902C<369080619406236"));
    seed.resize(16);
    BOOST_TEST(toHex(seed) == "239AB9CB282DAF66231DC5A4DF6BFBAE");
    Bytes kEnc = kdf(seed, 1, Cipher::Tdes);
    Bytes kMac = kdf(seed, 2, Cipher::Tdes);
    BOOST_TEST(toHex(kEnc) == "AB94FDECF2674FDFB9B391F85D7F76F2");
    BOOST_TEST(toHex(kMac) == "7962D9ECE03D1ACD4C76089DCE131543");

    // The terminal's authentication data, and what the card checks and answers.
    Bytes s = fromHex("781723860C06C2264608F919887022120B795240CB7049B01C19B33E32804F0B");
    Bytes eIfd = tdesCbc(kEnc, Bytes(8, 0), s, true);
    BOOST_TEST(toHex(eIfd) == "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2");
    BOOST_TEST(toHex(retailMac(kMac, pad(eIfd, 8))) == "5F1448EEA8AD90A7");
    BOOST_TEST(toHex(tdesCbc(kEnc, Bytes(8, 0), eIfd, false)) == toHex(s));

    Bytes kIfd = fromHex("0B795240CB7049B01C19B33E32804F0B");
    Bytes kIc = fromHex("0B4F80323EB3191CB04970CB4052790B");
    Bytes sessionSeed(16);
    for (std::size_t i = 0; i < 16; ++i) {
        sessionSeed[i] = kIfd[i] ^ kIc[i];
    }
    BOOST_TEST(toHex(kdf(sessionSeed, 1, Cipher::Tdes)) == "979EC13B1CBFE9DCD01AB0FED307EAE5");
    BOOST_TEST(toHex(kdf(sessionSeed, 2, Cipher::Tdes)) == "F1CB1F1FB5ADF208806B89DC579DC1F8");
}

BOOST_AUTO_TEST_CASE(vcard_secure_messaging_matches_icao_appendix_d)
{
    SecureChannel sm(Cipher::Tdes, secret("979EC13B1CBFE9DCD01AB0FED307EAE5"),
                     secret("F1CB1F1FB5ADF208806B89DC579DC1F8"), fromHex("887022120C06C226"));
    // SELECT EF.COM, protected.
    auto select = parseApdu(fromHex("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"));
    BOOST_TEST_REQUIRE(select.has_value());
    auto plain = sm.unwrap(*select);
    BOOST_TEST_REQUIRE(plain.has_value());
    BOOST_TEST(plain->cla == 0x00);
    BOOST_TEST(plain->ins == 0xA4);
    BOOST_TEST(toHex(plain->data) == "011E");
    BOOST_TEST(!plain->ne.has_value());
    BOOST_TEST(toHex(sm.wrap({}, 0x9000)) == "990290008E08FA855A5D4C50A8ED9000");
    // READ BINARY of the first four bytes.
    auto read = parseApdu(fromHex("0CB000000D9701048E08ED6705417E96BA5500"));
    BOOST_TEST_REQUIRE(read.has_value());
    auto readPlain = sm.unwrap(*read);
    BOOST_TEST_REQUIRE(readPlain.has_value());
    BOOST_TEST(readPlain->ne.value_or(0) == 4u);
    BOOST_TEST(toHex(sm.wrap(fromHex("60145F01"), 0x9000)) == "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000");
}

BOOST_AUTO_TEST_CASE(vcard_secure_messaging_refuses_a_bad_or_missing_mac)
{
    SecureChannel sm(Cipher::Tdes, secret("979EC13B1CBFE9DCD01AB0FED307EAE5"),
                     secret("F1CB1F1FB5ADF208806B89DC579DC1F8"), fromHex("887022120C06C226"));
    auto bad = parseApdu(fromHex("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F900"));
    BOOST_TEST_REQUIRE(bad.has_value());
    auto r = sm.unwrap(*bad);
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error() == 0x6988);
    auto noMac = parseApdu(fromHex("0CA4020C0B8709016375432908C044F600"));
    BOOST_TEST_REQUIRE(noMac.has_value());
    auto r2 = sm.unwrap(*noMac);
    BOOST_TEST_REQUIRE(!r2.has_value());
    BOOST_TEST(r2.error() == 0x6987);
}

BOOST_AUTO_TEST_CASE(vcard_apdu_parsing_covers_the_four_cases)
{
    BOOST_TEST(parseApdu(fromHex("00A4")).has_value() == false);
    auto c1 = parseApdu(fromHex("0084000008"));
    BOOST_TEST_REQUIRE(c1.has_value());
    BOOST_TEST(c1->ne.value_or(0) == 8u);
    auto c2 = parseApdu(fromHex("00B0000000"));
    BOOST_TEST(c2->ne.value_or(0) == 256u);
    auto c4 = parseApdu(fromHex("00A4040C07A000000247100100"));
    BOOST_TEST_REQUIRE(c4.has_value());
    BOOST_TEST(c4->data.size() == 7u);
    BOOST_TEST(c4->ne.value_or(0) == 256u);
    auto ext = parseApdu(fromHex("00B00000000000"));
    BOOST_TEST_REQUIRE(ext.has_value());
    BOOST_TEST(ext->ne.value_or(0) == 65536u);
    BOOST_TEST(!parseApdu(fromHex("00A4040C07A0000002471001FFFF")).has_value()); // Lc does not fit
}
