#include "domain/identity/IdNumber.h"

namespace da06::identity {

const char* sexName(Sex s)
{
    switch (s) {
    case Sex::Male:
        return "male";
    case Sex::Female:
        return "female";
    case Sex::Unknown:
        return "";
    }
    return "";
}

bool isAllDigits(std::string_view s)
{
    for (const char c : s) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return !s.empty();
}

std::optional<IdNumberInfo> decodeIdNumber(std::string_view s)
{
    if (s.size() != 12 || !isAllDigits(s)) {
        return std::nullopt;
    }
    IdNumberInfo info;
    info.provinceCode = std::string(s.substr(0, 3));
    info.centurySexDigit = s[3] - '0';
    info.sex = info.centurySexDigit % 2 == 0 ? Sex::Male : Sex::Female;
    const int yy = (s[4] - '0') * 10 + (s[5] - '0');
    info.birthYear = (19 + info.centurySexDigit / 2) * 100 + yy;
    return info;
}

} // namespace da06::identity
