#include "domain/identity/Message.h"

namespace da06::identity {

std::string fillPattern(const std::string& pattern, const std::vector<std::string>& args)
{
    std::string out;
    out.reserve(pattern.size() + 32);
    std::size_t next = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '%' && i + 1 < pattern.size() && pattern[i + 1] == 's') {
            if (next < args.size()) {
                out += args[next];
            }
            ++next;
            ++i;
            continue;
        }
        out += pattern[i];
    }
    return out;
}

std::string Message::text(std::string (*translate)(const char*)) const
{
    const std::string p = translate ? translate(pattern) : std::string(pattern);
    return fillPattern(p, args);
}

} // namespace da06::identity
