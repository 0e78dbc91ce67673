#include "tests/vcard/Bytes.h"

#include <algorithm>
#include <stdexcept>

#include <openssl/crypto.h>

namespace da06::vcard {

Bytes fromHex(std::string_view hex)
{
    Bytes out;
    int hi = -1;
    for (char c : hex) {
        if (c == ' ' || c == ':') {
            continue;
        }
        int v = -1;
        if (c >= '0' && c <= '9') {
            v = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            v = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            v = c - 'A' + 10;
        } else {
            throw std::invalid_argument("not a hexadecimal digit: " + std::string(1, c));
        }
        if (hi < 0) {
            hi = v;
        } else {
            out.push_back(static_cast<std::uint8_t>(hi * 16 + v));
            hi = -1;
        }
    }
    if (hi >= 0) {
        throw std::invalid_argument("odd number of hexadecimal digits");
    }
    return out;
}

std::string toHex(const Bytes& b)
{
    static const char* digits = "0123456789ABCDEF";
    std::string s;
    for (auto x : b) {
        s += digits[x >> 4];
        s += digits[x & 15];
    }
    return s;
}

Bytes fromString(std::string_view s)
{
    return Bytes(s.begin(), s.end());
}

void append(Bytes& to, const Bytes& from)
{
    to.insert(to.end(), from.begin(), from.end());
}

Bytes concat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const auto& p : parts) {
        append(out, p);
    }
    return out;
}

SecretBytes& SecretBytes::operator=(const SecretBytes& o)
{
    if (this != &o) {
        clear();
        m_bytes = o.m_bytes;
    }
    return *this;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& o) noexcept
{
    if (this != &o) {
        clear();
        m_bytes = std::move(o.m_bytes);
        o.m_bytes.clear();
    }
    return *this;
}

void SecretBytes::clear()
{
    if (!m_bytes.empty()) {
        OPENSSL_cleanse(m_bytes.data(), m_bytes.size());
    }
    m_bytes.clear();
}

Bytes derLength(std::size_t n)
{
    if (n < 0x80) {
        return {static_cast<std::uint8_t>(n)};
    }
    Bytes digits;
    while (n > 0) {
        digits.insert(digits.begin(), static_cast<std::uint8_t>(n & 0xFF));
        n >>= 8;
    }
    Bytes out{static_cast<std::uint8_t>(0x80 | digits.size())};
    append(out, digits);
    return out;
}

Bytes tlv(std::uint32_t tag, const Bytes& value)
{
    Bytes out;
    if (tag > 0xFFFF) {
        out.push_back(static_cast<std::uint8_t>(tag >> 16));
    }
    if (tag > 0xFF) {
        out.push_back(static_cast<std::uint8_t>(tag >> 8));
    }
    out.push_back(static_cast<std::uint8_t>(tag));
    append(out, derLength(value.size()));
    append(out, value);
    return out;
}

Bytes derInteger(long v)
{
    Bytes body;
    long x = v;
    do {
        body.insert(body.begin(), static_cast<std::uint8_t>(x & 0xFF));
        x >>= 8;
    } while (x != 0 && x != -1);
    if (v >= 0 && (body.front() & 0x80)) {
        body.insert(body.begin(), 0);
    }
    return tlv(0x02, body);
}

Bytes derOid(std::string_view dotted)
{
    std::vector<unsigned long> arcs;
    unsigned long cur = 0;
    bool any = false;
    for (char c : dotted) {
        if (c == '.') {
            arcs.push_back(cur);
            cur = 0;
            any = false;
        } else if (c >= '0' && c <= '9') {
            cur = cur * 10 + static_cast<unsigned long>(c - '0');
            any = true;
        } else {
            throw std::invalid_argument("bad OID");
        }
    }
    if (!any || arcs.empty()) {
        throw std::invalid_argument("bad OID");
    }
    arcs.push_back(cur);
    Bytes body;
    auto put = [&](unsigned long a) {
        Bytes tmp{static_cast<std::uint8_t>(a & 0x7F)};
        a >>= 7;
        while (a > 0) {
            tmp.insert(tmp.begin(), static_cast<std::uint8_t>(0x80 | (a & 0x7F)));
            a >>= 7;
        }
        append(body, tmp);
    };
    put(arcs[0] * 40 + arcs[1]);
    for (std::size_t i = 2; i < arcs.size(); ++i) {
        put(arcs[i]);
    }
    return tlv(0x06, body);
}

Bytes derUtf8(std::string_view s)
{
    return tlv(0x0C, fromString(s));
}

Bytes derOctets(const Bytes& b)
{
    return tlv(0x04, b);
}

Bytes derSequence(std::initializer_list<Bytes> items)
{
    return tlv(0x30, concat(items));
}

Bytes derSequenceOf(const std::vector<Bytes>& items)
{
    Bytes body;
    for (const auto& i : items) {
        append(body, i);
    }
    return tlv(0x30, body);
}

Bytes derSet(const std::vector<Bytes>& items)
{
    auto sorted = items;
    std::sort(sorted.begin(), sorted.end());
    Bytes body;
    for (const auto& i : sorted) {
        append(body, i);
    }
    return tlv(0x31, body);
}

std::optional<Tlv> readTlv(const Bytes& data, std::size_t offset)
{
    std::size_t p = offset;
    if (p >= data.size()) {
        return std::nullopt;
    }
    Tlv t;
    t.tag = data[p++];
    if ((t.tag & 0x1F) == 0x1F) {
        for (int i = 0; i < 2; ++i) {
            if (p >= data.size()) {
                return std::nullopt;
            }
            std::uint8_t b = data[p++];
            t.tag = (t.tag << 8) | b;
            if (!(b & 0x80)) {
                break;
            }
        }
    }
    if (p >= data.size()) {
        return std::nullopt;
    }
    std::size_t len = data[p++];
    if (len & 0x80) {
        std::size_t n = len & 0x7F;
        if (n == 0 || n > 3) {
            return std::nullopt;
        }
        len = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (p >= data.size()) {
                return std::nullopt;
            }
            len = (len << 8) | data[p++];
        }
    }
    if (len > data.size() - p) {
        return std::nullopt;
    }
    t.headerSize = p - offset;
    t.value.assign(data.begin() + static_cast<std::ptrdiff_t>(p), data.begin() + static_cast<std::ptrdiff_t>(p + len));
    return t;
}

std::optional<std::vector<Tlv>> readTlvList(const Bytes& data)
{
    std::vector<Tlv> out;
    std::size_t p = 0;
    while (p < data.size()) {
        auto t = readTlv(data, p);
        if (!t) {
            return std::nullopt;
        }
        p += t->totalSize();
        out.push_back(std::move(*t));
    }
    return out;
}

const Tlv* findTag(const std::vector<Tlv>& list, std::uint32_t tag)
{
    for (const auto& t : list) {
        if (t.tag == tag) {
            return &t;
        }
    }
    return nullptr;
}

} // namespace da06::vcard
