#include <boost/test/unit_test.hpp>

#include "tests/support/TestSupport.h"

#include "domain/core/Json.h"

using namespace da06;

BOOST_AUTO_TEST_SUITE(json_codec)

BOOST_AUTO_TEST_CASE(parses_and_writes_back)
{
    auto v = json::parse(R"({"a": [1, 2.5, true, null, "Nguyễn Văn An"], "b": {"c": "x\ny\u00e9\ud83d\ude00"}})");
    BOOST_REQUIRE(v);
    BOOST_TEST(v->find("a")->asArray().size() == 5u);
    BOOST_TEST(v->find("a")->asArray()[0].asInteger() == 1);
    BOOST_TEST(v->find("a")->asArray()[1].asDouble() == 2.5);
    BOOST_TEST(v->find("a")->asArray()[4].asString() == "Nguyễn Văn An");
    BOOST_TEST(v->find("b")->find("c")->asString() == "x\nyé😀");
    auto again = json::parse(v->dump());
    BOOST_REQUIRE(again);
    BOOST_TEST(again->dump() == v->dump());
    BOOST_TEST(json::parse(v->dump(2))->dump() == v->dump());
}

BOOST_AUTO_TEST_CASE(records_positions)
{
    auto v = json::parse("{\n  \"a\": 1,\n  \"b\": [\n    \"Đ\", 2]\n}");
    BOOST_REQUIRE(v);
    BOOST_TEST(v->find("b")->position().line == 3);
    BOOST_TEST(v->find("b")->asArray()[1].position().line == 4);
    BOOST_TEST(v->find("b")->asArray()[1].position().column == 10); // counts characters, not bytes
}

BOOST_AUTO_TEST_CASE(syntax_errors_name_the_place)
{
    struct Case {
        const char* text;
        const char* where;
    };
    for (const Case& c : {Case{"{\"a\": 1,,}", "line 1, column 9"}, Case{"{\n\"a\" 1}", "line 2, column 5"},
                          Case{"[1, 2", "line 1, column 6"}, Case{"{\"a\": tru}", "line 1, column 7"},
                          Case{"\"abc", "line 1, column 5"}, Case{"{} x", "line 1, column 4"},
                          Case{"[01]", "line 1, column 3"}, Case{"\"\\x\"", "line 1, column 4"}}) {
        auto v = json::parse(c.text);
        BOOST_TEST_INFO(c.text);
        BOOST_REQUIRE(!v);
        BOOST_TEST(v.error().code == ErrorCode::InvalidInput);
        BOOST_TEST(v.error().message.find(c.where) != std::string::npos, v.error().message);
    }
}

BOOST_AUTO_TEST_CASE(refuses_invalid_utf8_and_deep_nesting)
{
    BOOST_TEST(!json::parse("\"\xC3\x28\""));
    BOOST_TEST(!json::parse("\"\xED\xA0\x80\"")); // encoded surrogate
    BOOST_TEST(!json::parse("\"\\ud800\""));      // lone surrogate escape
    BOOST_TEST(!json::parse(std::string(100, '[') + std::string(100, ']')));
    BOOST_TEST(json::parse(std::string(50, '[') + std::string(50, ']')).has_value());
    BOOST_TEST(!json::parse(""));
    BOOST_TEST(!json::parse("\"a\tb\"")); // raw control character
}

BOOST_AUTO_TEST_CASE(builds_objects_in_order)
{
    json::Value o;
    o.set("z", 1);
    o.set("a", "x");
    o.set("z", 2);
    BOOST_TEST(o.dump() == R"({"z":2,"a":"x"})");
    json::Value a = json::Array{};
    BOOST_TEST(a.dump() == "[]");
    BOOST_TEST(json::Value("a\"b\\c\x01").dump() == "\"a\\\"b\\\\c\\u0001\"");
}

BOOST_AUTO_TEST_SUITE_END()
