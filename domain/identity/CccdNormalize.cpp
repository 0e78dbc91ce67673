#include "domain/identity/CccdNormalize.h"

#include "domain/text/Text.h"

namespace da06::identity {

std::string normalizeQrText(std::string_view text)
{
    if (!isValidUtf8(text)) {
        return std::string(text);
    }
    auto nfc = text::toNfc(text);
    return nfc ? std::move(*nfc) : std::string(text);
}

CccdReport checkQrText(std::string_view text, const Date& asOf)
{
    return checkCccdQr(normalizeQrText(text), asOf);
}

} // namespace da06::identity
