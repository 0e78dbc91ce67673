#include "domain/work/Ids.h"

#include <openssl/rand.h>
#include <stdexcept>

#include "domain/core/Hex.h"

namespace da06::work {

std::string randomId()
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
        // A broken invariant: the operating system's random generator is unavailable.
        throw std::runtime_error("the random number generator failed");
    }
    return hex::encode(bytes, sizeof bytes);
}

std::string derivedId(const std::vector<std::string_view>& parts)
{
    std::string joined;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) {
            joined += '\x1f';
        }
        joined += parts[i];
    }
    return sha256Hex(joined.data(), joined.size()).substr(0, 32);
}

bool isId(std::string_view s)
{
    if (s.size() != 32) {
        return false;
    }
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

} // namespace da06::work
