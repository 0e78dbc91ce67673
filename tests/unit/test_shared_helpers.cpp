// The helpers every component shares: hex (core/Hex), SHA-256 and HMAC-SHA-256 (crypto/Digest),
// the optional JSON values (core/Json) and the setting table (store/Settings).
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <random>

#include "domain/core/Hex.h"
#include "domain/core/Json.h"
#include "domain/crypto/Digest.h"
#include "domain/store/Database.h"
#include "domain/store/Settings.h"

using namespace da06;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_CASE(hex_encodes_both_cases_and_decodes_with_spaces)
{
    const std::vector<std::uint8_t> bytes{0x00, 0x6d, 0x0a, 0xff};
    BOOST_TEST(hex::encode(bytes) == "006d0aff");
    BOOST_TEST(hex::encode(bytes, hex::Case::Upper) == "006D0AFF");
    BOOST_TEST(hex::encode(std::string_view("ab")) == "6162");
    BOOST_TEST(hex::encode(nullptr, 0).empty());
    char out[4];
    hex::encodeTo(bytes.data(), 2, out);
    BOOST_TEST(std::string(out, 4) == "006d");

    auto d = hex::decode("00 6D\n0a\tFf");
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST(*d == bytes);
    BOOST_TEST(hex::decode("").has_value());
    BOOST_TEST(!hex::decode("abc").has_value());
    BOOST_TEST(hex::decode("abc").error().message == "odd number of hex digits");
    BOOST_TEST(!hex::decode("0g").has_value());
    BOOST_TEST(hex::decode("0g").error().message == "not a hex digit");
}

BOOST_AUTO_TEST_CASE(sha256_and_hmac_match_the_published_vectors)
{
    // FIPS 180-2 and RFC 4231 test case 2.
    BOOST_TEST(crypto::sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(crypto::sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const crypto::Sha256Digest pieces = crypto::Sha256().update("a").update("").update("bc").finish();
    BOOST_TEST((pieces == crypto::sha256("abc")));
    const std::string key = "Jefe";
    const std::vector<std::uint8_t> k(key.begin(), key.end());
    BOOST_TEST(crypto::hmacSha256Hex(k, "what do ya want for nothing?") ==
               "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

BOOST_AUTO_TEST_CASE(optional_json_values_are_null_when_absent)
{
    BOOST_TEST(json::optText(std::nullopt).isNull());
    BOOST_TEST(json::optText(std::string("x")).asString() == "x");
    BOOST_TEST(json::optNumber(std::nullopt).isNull());
    BOOST_TEST(json::optNumber(2.5).asDouble() == 2.5);
    BOOST_TEST(json::optDate(std::nullopt).isNull());
    BOOST_TEST(json::optDate(Date::parseIso("2026-03-01")).asString() == "2026-03-01");
}

BOOST_AUTO_TEST_CASE(settings_get_set_and_read_whole_numbers)
{
    std::random_device rd;
    const fs::path dir = fs::temp_directory_path() / ("da06-settings-" + std::to_string(rd()));
    fs::create_directories(dir);
    {
        auto db = store::Database::open(dir / "plain.db", store::Database::Mode::Create, nullptr);
        BOOST_TEST_REQUIRE(db.has_value());
        BOOST_TEST_REQUIRE(db->exec("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);").has_value());
        store::Settings s(*db);
        auto absent = s.get("desk_unit");
        BOOST_TEST_REQUIRE(absent.has_value());
        BOOST_TEST(!absent->has_value());
        BOOST_TEST(s.set("desk_unit", "TN").has_value());
        BOOST_TEST(s.set("desk_unit", "TN.01").has_value());
        BOOST_TEST(s.get("desk_unit")->value() == "TN.01");

        BOOST_TEST(!s.getInt("policy.idle_lock_minutes")->has_value());
        for (const auto& [text, value] :
             std::vector<std::pair<std::string, std::optional<long long>>>{{"15", 15},
                                                                           {" 15", 15},
                                                                           {"+7", 7},
                                                                           {"-3", -3},
                                                                           {"20 minutes", 20},
                                                                           {"abc", std::nullopt},
                                                                           {"", std::nullopt},
                                                                           {"+-1", std::nullopt}}) {
            BOOST_TEST(s.set("n", text).has_value());
            BOOST_TEST((*s.getInt("n") == value), "getInt of \"" << text << "\"");
        }
    }
    fs::remove_all(dir);
}
