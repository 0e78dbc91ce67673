// Fuzz target json: the JSON codec of domain/core/Json (every file, request and answer the program
// reads goes through it). A text that parses must survive writing and reading back: the compact
// and the pretty form parse again to an equivalent value, and writing is a fixed point from the
// second round on. A text that does not parse fails with InvalidInput naming line and column.
#include <cstdint>

#include "domain/core/Json.h"
#include "tests/fuzz/data/DataFuzz.h"

using namespace da06;
using da06::fuzz::data::jsonEquivalent;
using da06::fuzz::data::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto text = da06::fuzz::data::textOf(data, size);
    auto v = json::parse(text);
    if (!v) {
        require(v.error().code == ErrorCode::InvalidInput);
        require(v.error().message.find("line ") != std::string::npos);
        return 0;
    }
    const std::string compact = v->dump();
    auto again = json::parse(compact);
    require(again.has_value());
    require(jsonEquivalent(*v, *again));
    const std::string second = again->dump();
    auto third = json::parse(second);
    require(third.has_value());
    require(third->dump() == second);

    const std::string pretty = v->dump(2);
    auto fromPretty = json::parse(pretty);
    require(fromPretty.has_value());
    require(jsonEquivalent(*v, *fromPretty));
    require(fromPretty->dump() == second);
    return 0;
}
