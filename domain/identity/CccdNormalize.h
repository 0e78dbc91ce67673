#pragma once
// The edge of the identity checks: QR text as it arrives (a scanner, an image, a paste) is made
// NFC before it is parsed, so "Nữ" typed or encoded decomposed compares equal to "Nữ" composed.
// Separate target (da06::identity_text) so that da06::identity stays standard-library only.
#include <string>
#include <string_view>

#include "domain/identity/CccdCheck.h"

namespace da06::identity {

// NFC form of text; text unchanged when it is not valid UTF-8 (the parser then says so).
std::string normalizeQrText(std::string_view text);

// normalizeQrText, then parse and check.
CccdReport checkQrText(std::string_view text, const Date& asOf);

} // namespace da06::identity
