#include "work/Ids.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdexcept>

namespace da06::work {

namespace {

std::string hex(const unsigned char* p, std::size_t n)
{
    static const char* const digits = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[p[i] >> 4];
        out += digits[p[i] & 0xF];
    }
    return out;
}

} // namespace

std::string randomId()
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
        // A broken invariant: the operating system's random generator is unavailable.
        throw std::runtime_error("the random number generator failed");
    }
    return hex(bytes, sizeof bytes);
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

std::string sha256Hex(const void* data, std::size_t size)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data, size, md, &len, EVP_sha256(), nullptr);
    return hex(md, len);
}

} // namespace da06::work
