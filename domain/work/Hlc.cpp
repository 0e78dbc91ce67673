#include "domain/work/Hlc.h"

#include <algorithm>
#include <cstdio>

namespace da06::work {

std::string HlcTimestamp::toString() const
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%016lld-%010u-", static_cast<long long>(wall), counter);
    return buf + node;
}

std::optional<HlcTimestamp> HlcTimestamp::parse(std::string_view text)
{
    // 16 digits, '-', 10 digits, '-', node
    if (text.size() < 28 || text[16] != '-' || text[27] != '-') {
        return std::nullopt;
    }
    HlcTimestamp t;
    std::uint64_t counter = 0;
    for (std::size_t i = 0; i < 27; ++i) {
        if (i == 16) {
            continue;
        }
        const char c = text[i];
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        if (i < 16) {
            t.wall = t.wall * 10 + (c - '0');
        } else {
            counter = counter * 10 + static_cast<std::uint64_t>(c - '0');
        }
    }
    if (counter > 0xFFFFFFFFu) {
        return std::nullopt;
    }
    t.counter = static_cast<std::uint32_t>(counter);
    t.node = std::string(text.substr(28));
    return t;
}

HlcTimestamp hlcTick(const HlcTimestamp& last, std::int64_t physicalMillis)
{
    HlcTimestamp t;
    t.node = last.node;
    if (physicalMillis > last.wall) {
        t.wall = physicalMillis;
        t.counter = 0;
    } else {
        t.wall = last.wall;
        t.counter = last.counter + 1;
    }
    return t;
}

HlcTimestamp hlcReceive(const HlcTimestamp& last, const HlcTimestamp& remote, std::int64_t physicalMillis)
{
    HlcTimestamp t;
    t.node = last.node;
    t.wall = std::max({last.wall, remote.wall, physicalMillis});
    if (t.wall == last.wall && t.wall == remote.wall) {
        t.counter = std::max(last.counter, remote.counter) + 1;
    } else if (t.wall == last.wall) {
        t.counter = last.counter + 1;
    } else if (t.wall == remote.wall) {
        t.counter = remote.counter + 1;
    } else {
        t.counter = 0;
    }
    return t;
}

} // namespace da06::work
