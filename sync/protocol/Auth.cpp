#include "sync/protocol/Auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "domain/core/Hex.h"

namespace da06::sync::auth {

bool constantTimeEquals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) {
        return false;
    }
    if (a.empty()) {
        return true;
    }
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::vector<std::uint8_t> randomBytes(std::size_t bytes)
{
    std::vector<std::uint8_t> out(bytes);
    if (bytes > 0 && RAND_bytes(out.data(), static_cast<int>(bytes)) != 1) {
        throw std::runtime_error("the random generator failed");
    }
    return out;
}

std::string randomHex(std::size_t bytes)
{
    auto b = randomBytes(bytes);
    std::string out = hex::encode(b.data(), b.size());
    OPENSSL_cleanse(b.data(), b.size());
    return out;
}

std::string base64Encode(std::span<const std::uint8_t> data)
{
    std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
    const int n =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data.data(), static_cast<int>(data.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<std::vector<std::uint8_t>> base64Decode(std::string_view text)
{
    if (text.size() % 4 != 0) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (alnum || c == '+' || c == '/') {
            continue;
        }
        // '=' only in the last two places, and only padding after it.
        if (c == '=' && i + 2 >= text.size() && (i + 1 == text.size() || text[i + 1] == '=')) {
            continue;
        }
        return std::nullopt;
    }
    if (text.empty()) {
        return std::vector<std::uint8_t>{};
    }
    std::vector<std::uint8_t> out(text.size() / 4 * 3);
    const int n =
        EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) {
        return std::nullopt;
    }
    std::size_t pad = 0;
    if (text.ends_with("==")) {
        pad = 2;
    } else if (text.ends_with("=")) {
        pad = 1;
    }
    out.resize(static_cast<std::size_t>(n) - pad);
    return out;
}

void wipe(void* data, std::size_t size)
{
    if (data && size) {
        OPENSSL_cleanse(data, size);
    }
}

} // namespace da06::sync::auth
