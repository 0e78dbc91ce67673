#pragma once
// The 63 province codes that open a 12-digit personal identification number (PPP of PPP G YY RRRRRR):
// the province or city where the birth was registered (Circular 07/2016/TT-BCA, kept by
// Circular 59/2021/TT-BCA).
#include <optional>
#include <span>
#include <string_view>

namespace da06::identity {

struct Province {
    std::string_view code; // "072"
    std::string_view name; // "Tây Ninh" (UTF-8, NFC)
};

// All 63, in code order.
std::span<const Province> allProvinces();
// nullopt for a code that is not one of the 63 (the 2023 law only guarantees 12 digits, so the
// caller warns rather than rejects).
std::optional<Province> findProvince(std::string_view code);

} // namespace da06::identity
