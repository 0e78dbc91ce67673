#pragma once
// Hybrid logical clock (Kulkarni et al., 2014): a timestamp (wall milliseconds, counter, node)
// that follows physical time where it can and stays monotonic and causally ordered where clocks
// disagree. Every change record carries one; the later synchronization merges field by field,
// the greater timestamp winning (the node breaks ties). Standard library only.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace da06::work {

struct HlcTimestamp {
    std::int64_t wall = 0; // milliseconds since 1970-01-01 UTC
    std::uint32_t counter = 0;
    std::string node; // the device's node id (hex)

    auto operator<=>(const HlcTimestamp&) const = default;

    // "0001706745600000-0000000003-9f3c…": sorts as text in the same order as the values.
    std::string toString() const;
    static std::optional<HlcTimestamp> parse(std::string_view text);
};

// The timestamp of a local event, given the last one issued on this node and the physical time.
HlcTimestamp hlcTick(const HlcTimestamp& last, std::int64_t physicalMillis);
// The timestamp after receiving a remote one (the sync issue uses it when applying changes).
HlcTimestamp hlcReceive(const HlcTimestamp& last, const HlcTimestamp& remote, std::int64_t physicalMillis);

} // namespace da06::work
