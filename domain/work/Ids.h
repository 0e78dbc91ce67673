#pragma once
// Global ids of synchronized entities and change records: 128 bits as 32 lower-case hex digits.
// Random ones (new tasks, notes, evidence, change records) from the operating system's generator;
// derived ones (assignments, monthly tasks, indicators) from a SHA-256 of their natural key, so
// that the same thing made on two desks is one entity.
#include <string>
#include <string_view>
#include <vector>

#include "domain/crypto/Digest.h"

namespace da06::work {

std::string randomId();
// The first 128 bits of SHA-256 over the parts, separated by U+001F.
std::string derivedId(const std::vector<std::string_view>& parts);
bool isId(std::string_view s); // 32 lower-case hex digits

// Lower-case hex SHA-256 of data (evidence files).
using crypto::sha256Hex;

} // namespace da06::work
