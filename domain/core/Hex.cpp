#include "domain/core/Hex.h"

namespace da06::hex {

namespace {

int digitValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace

void encodeTo(const void* data, std::size_t size, char* out, Case letters)
{
    const char* const digits = letters == Case::Upper ? "0123456789ABCDEF" : "0123456789abcdef";
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 0x0F];
    }
}

std::string encode(const void* data, std::size_t size, Case letters)
{
    std::string out(size * 2, '0');
    encodeTo(data, size, out.data(), letters);
    return out;
}

std::string encode(std::span<const std::uint8_t> bytes, Case letters)
{
    return encode(bytes.data(), bytes.size(), letters);
}

std::string encode(std::string_view bytes, Case letters)
{
    return encode(bytes.data(), bytes.size(), letters);
}

Result<std::vector<std::uint8_t>> decode(std::string_view text)
{
    std::vector<std::uint8_t> out;
    int high = -1;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t') {
            continue;
        }
        const int v = digitValue(c);
        if (v < 0) {
            return fail(ErrorCode::InvalidInput, "not a hex digit");
        }
        if (high < 0) {
            high = v;
        } else {
            out.push_back(static_cast<std::uint8_t>(high * 16 + v));
            high = -1;
        }
    }
    if (high >= 0) {
        return fail(ErrorCode::InvalidInput, "odd number of hex digits");
    }
    return out;
}

} // namespace da06::hex
