#include "domain/text/Text.h"

#include <cstdlib>
#include <utf8proc.h>

namespace da06::text {

namespace {

struct Utf8procBuffer {
    utf8proc_uint8_t* data = nullptr;
    ~Utf8procBuffer() { std::free(data); }
};

std::optional<std::string> mapWith(std::string_view s, int options)
{
    Utf8procBuffer out;
    const utf8proc_ssize_t n =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                     &out.data, static_cast<utf8proc_option_t>(options));
    if (n < 0) {
        return std::nullopt;
    }
    return std::string(reinterpret_cast<const char*>(out.data), static_cast<std::size_t>(n));
}

} // namespace

bool isValidUtf8(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        utf8proc_int32_t cp = 0;
        const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                        static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
        if (n <= 0 || cp < 0) {
            return false;
        }
        i += static_cast<std::size_t>(n);
    }
    return true;
}

std::optional<std::string> toNfc(std::string_view s)
{
    if (s.empty()) {
        return std::string();
    }
    return mapWith(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string caseFold(std::string_view s)
{
    if (s.empty()) {
        return {};
    }
    auto lowered = mapWith(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (!lowered) {
        return std::string(s);
    }
    std::string out;
    bool space = false;
    for (char c : *lowered) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c;
    }
    return out;
}

std::string fold(std::string_view s)
{
    if (s.empty()) {
        return {};
    }
    auto stripped = mapWith(s, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    if (!stripped) {
        return {};
    }
    std::string out;
    out.reserve(stripped->size());
    bool space = true; // drops leading space
    for (std::size_t i = 0; i < stripped->size(); ++i) {
        const unsigned char c = static_cast<unsigned char>((*stripped)[i]);
        // đ (U+0111) and Đ (U+0110, case-folded to đ) have no decomposition: map them to d.
        if (c == 0xC4 && i + 1 < stripped->size() &&
            (static_cast<unsigned char>((*stripped)[i + 1]) == 0x91 ||
             static_cast<unsigned char>((*stripped)[i + 1]) == 0x90)) {
            out += 'd';
            ++i;
            space = false;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!space) {
                out += ' ';
                space = true;
            }
            continue;
        }
        out += static_cast<char>(c);
        space = false;
    }
    if (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

bool matchesFolded(std::string_view hay, std::string_view query)
{
    std::size_t i = 0;
    while (i < query.size()) {
        while (i < query.size() && query[i] == ' ') {
            ++i;
        }
        std::size_t j = i;
        while (j < query.size() && query[j] != ' ') {
            ++j;
        }
        if (j > i && hay.find(query.substr(i, j - i)) == std::string_view::npos) {
            return false;
        }
        i = j;
    }
    return true;
}

std::string trim(std::string_view s)
{
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) {
        ++b;
    }
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')) {
        --e;
    }
    return std::string(s.substr(b, e - b));
}

} // namespace da06::text
