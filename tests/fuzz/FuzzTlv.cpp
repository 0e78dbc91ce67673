// Fuzz target tlv: BER-TLV as a chip sends it (ICAO 9303-10, ISO 7816-4), parsed as a list and as
// a tree, every node through the DER helpers, and primitive values re-encoded and parsed back.
#include <cstdint>

#include "domain/identity/chip/Tlv.h"
#include "tests/fuzz/FuzzSupport.h"

namespace da06::fuzz {
namespace {

void walk(const chip::Tlv& t, std::size_t depth)
{
    require(depth <= chip::kMaxTlvDepth);
    require(t.value.size() <= t.whole.size());
    std::size_t sum = 0;
    for (const chip::Tlv& c : t.children) {
        walk(c, depth + 1);
        sum += c.whole.size();
    }
    require(!t.constructed || t.children.empty() || sum == t.value.size());
    switch (t.tag) {
    case 0x02:
        (void)chip::derSmallInteger(t);
        break;
    case 0x06:
        if (auto dotted = chip::oidToString(t.value)) {
            auto back = chip::oidFromString(*dotted);
            require(back.has_value());
        }
        break;
    default:
        (void)chip::derString(t);
        break;
    }
    (void)t.find(0x30);
}

} // namespace
} // namespace da06::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace da06;
    const chip::ByteView in = fuzz::bytesOf(data, size);
    if (auto list = chip::parseTlvList(in)) {
        std::size_t total = 0;
        for (const chip::Tlv& t : *list) {
            fuzz::walk(t, 0);
            total += t.whole.size();
            // Re-encoding a value gives a TLV that parses back to the same tag and value.
            const chip::Bytes again = chip::encodeTlv(t.tag, t.value);
            auto back = chip::parseTlv(again, false);
            fuzz::require(back.has_value() && back->tag == t.tag && back->value.size() == t.value.size());
        }
        fuzz::require(total == size);
    }
    (void)chip::parseTlvList(in, false);
    if (auto h = chip::parseTlvHeader(in)) {
        fuzz::require(h->headerLength <= size && h->headerLength >= 2);
    }
    return 0;
}
