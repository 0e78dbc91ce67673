#pragma once
// Bytes as hexadecimal text and back (standard library only, so the portable core, the chip's
// data structures and the sync protocol can use it): ids, digests, key specs, messages.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/Error.h"

namespace da06::hex {

enum class Case { Lower, Upper };

// Two hex digits a byte ("6d0a…", or "6D0A…" with Case::Upper).
std::string encode(const void* data, std::size_t size, Case letters = Case::Lower);
std::string encode(std::span<const std::uint8_t> bytes, Case letters = Case::Lower);
std::string encode(std::string_view bytes, Case letters = Case::Lower);

// Writes the 2 * size digits of data to out (which has room for them) and nothing else: for
// secrets that must not pass through a std::string.
void encodeTo(const void* data, std::size_t size, char* out, Case letters = Case::Lower);

// Parses hex digits of either case; spaces, tabs and newlines between them are skipped.
// ErrorCode::InvalidInput on any other character or an odd number of digits.
Result<std::vector<std::uint8_t>> decode(std::string_view text);

} // namespace da06::hex
