#pragma once
// The 12-digit personal identification number PPP G YY RRRRRR printed on the CCCD card
// (Decree 137/2015/NĐ-CP art. 7, Circular 07/2016/TT-BCA):
//   PPP     province of birth registration (see Province.h),
//   G       century and sex: 0/1 male/female born 1900–1999, 2/3 2000–2099, 4/5 2100–2199,
//           6/7 2200–2299, 8/9 2300–2399 (even = male, odd = female),
//   YY      last two digits of the year of birth,
//   RRRRRR  random.
#include <optional>
#include <string>
#include <string_view>

namespace da06::identity {

enum class Sex { Unknown, Male, Female };

// "male" / "female" / "" (JSON and logs).
const char* sexName(Sex s);

struct IdNumberInfo {
    std::string provinceCode; // "072"
    int centurySexDigit = 0;  // G
    Sex sex = Sex::Unknown;   // from G
    int birthYear = 0;        // (19 + G/2)·100 + YY
};

bool isAllDigits(std::string_view s);
// nullopt unless s is exactly 12 ASCII digits.
std::optional<IdNumberInfo> decodeIdNumber(std::string_view s);

} // namespace da06::identity
