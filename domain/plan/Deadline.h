#pragma once
// The deadline forms of the plan's Vietnamese text, normalized:
//   "Tháng 01/2024" → month, due 2024-01-31        "Quý II/2024" → quarter, due 2024-06-30
//   "Thực hiện thường xuyên" → recurring           "Đã triển khai xong năm 2021" → completed 2021
#include <optional>
#include <string_view>

#include "domain/plan/Plan.h"

namespace da06::plan {

// nullopt when the text is none of the known forms.
std::optional<Deadline> parseDeadlineText(std::string_view vietnamese);
// "2024-01" / "2024-Q2" → the last day of that period; nullopt when malformed.
std::optional<Date> periodEnd(std::string_view period);

} // namespace da06::plan
