#pragma once
// Vietnamese text at the edges: NFC normalization, and the folded form used by searches that
// match with and without diacritics ("Nguyen Van An" finds "Nguyễn Văn An", "đ" matches "d").
#include <optional>
#include <string>
#include <string_view>

namespace da06::text {

bool isValidUtf8(std::string_view s);
// NFC form; nullopt when s is not valid UTF-8.
std::optional<std::string> toNfc(std::string_view s);
// Lower case, no diacritics, đ→d, runs of white space collapsed to one space, trimmed.
// Invalid UTF-8 folds to an empty string.
std::string fold(std::string_view s);
// Lower case with the diacritics kept, NFC ("ĐẶNG QUỐC BẢO" → "đặng quốc bảo"), white space
// collapsed and trimmed: for comparing two spellings of the same name without missing a
// different tone mark. Invalid UTF-8 is returned unchanged.
std::string caseFold(std::string_view s);
// True when every word of the folded query occurs in the folded haystack.
bool matchesFolded(std::string_view foldedHaystack, std::string_view foldedQuery);
// Trims ASCII white space at both ends.
std::string trim(std::string_view s);

} // namespace da06::text
