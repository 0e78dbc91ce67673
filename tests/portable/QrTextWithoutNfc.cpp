// The portable slice has no utf8proc: the NFC edge of da06::identity_text is replaced by the
// identity here. The identity tests it runs pass NFC text already, so what they check is the
// standard-library code (parsing, number rules, expiry, JSON) that ships to Windows unchanged.
#include "domain/identity/CccdNormalize.h"

namespace da06::identity {

std::string normalizeQrText(std::string_view text)
{
    return std::string(text);
}

CccdReport checkQrText(std::string_view text, const Date& asOf)
{
    return checkCccdQr(normalizeQrText(text), asOf);
}

} // namespace da06::identity
