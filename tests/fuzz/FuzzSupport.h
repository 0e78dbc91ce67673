#pragma once
// Shared by the fuzz targets: an invariant check that aborts (libFuzzer and ReplayMain.cpp both
// report the abort as a crash, with the input that caused it), and the input as bytes or text.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

namespace da06::fuzz {

inline void require(bool ok)
{
    if (!ok) {
        std::abort();
    }
}

// The "%s" placeholders of a message pattern (identity::Message): each must have an argument. The
// text itself may hold "%s" when an argument does (arguments quote the input).
inline std::size_t placeholderCount(std::string_view pattern)
{
    std::size_t n = 0;
    for (std::size_t at = pattern.find("%s"); at != std::string_view::npos; at = pattern.find("%s", at + 2)) {
        ++n;
    }
    return n;
}

inline std::span<const std::uint8_t> bytesOf(const std::uint8_t* data, std::size_t size)
{
    return {data, size};
}

inline std::string_view textOf(const std::uint8_t* data, std::size_t size)
{
    return {reinterpret_cast<const char*>(data), size};
}

} // namespace da06::fuzz
