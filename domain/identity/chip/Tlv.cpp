// BER-TLV parser and builder (ICAO 9303-10 §4, ISO/IEC 7816-4 §5.2 / ISO/IEC 8825-1).
#include "domain/identity/chip/Tlv.h"

#include "domain/core/Hex.h"
#include "domain/identity/CccdQr.h"

namespace da06::chip {

namespace {

Result<Tlv> parseOne(ByteView data, bool tree, std::size_t depth)
{
    if (depth > kMaxTlvDepth) {
        return fail(ErrorCode::InvalidInput, "TLV nested deeper than " + std::to_string(kMaxTlvDepth) + " levels");
    }
    DA06_TRY(h, parseTlvHeader(data));
    if (h->valueLength > data.size() - h->headerLength) {
        return fail(ErrorCode::InvalidInput, "TLV length " + std::to_string(h->valueLength) + " overruns the " +
                                                 std::to_string(data.size() - h->headerLength) + " bytes left");
    }
    Tlv t;
    t.tag = h->tag;
    t.constructed = h->constructed;
    t.value = data.subspan(h->headerLength, h->valueLength);
    t.whole = data.subspan(0, h->totalLength());
    if (tree && t.constructed) {
        std::size_t at = 0;
        while (at < t.value.size()) {
            DA06_TRY(child, parseOne(t.value.subspan(at), true, depth + 1));
            at += child->whole.size();
            t.children.push_back(std::move(*child));
        }
    }
    return t;
}

} // namespace

Result<TlvHeader> parseTlvHeader(ByteView data)
{
    TlvHeader h;
    std::size_t at = 0;
    if (data.empty()) {
        return fail(ErrorCode::InvalidInput, "TLV expected, no bytes left");
    }
    const std::uint8_t first = data[at++];
    if (first == 0x00 || first == 0xFF) {
        return fail(ErrorCode::InvalidInput, "TLV tag byte 00 or FF (padding) where a tag was expected");
    }
    h.constructed = (first & 0x20) != 0;
    h.tag = first;
    if ((first & 0x1F) == 0x1F) {
        for (int n = 0;; ++n) {
            if (at >= data.size()) {
                return fail(ErrorCode::InvalidInput, "TLV tag cut short");
            }
            if (n >= 2) {
                return fail(ErrorCode::InvalidInput, "TLV tag longer than 3 bytes");
            }
            const std::uint8_t b = data[at++];
            h.tag = (h.tag << 8) | b;
            if ((b & 0x80) == 0) {
                break;
            }
        }
    }
    if (at >= data.size()) {
        return fail(ErrorCode::InvalidInput, "TLV length missing");
    }
    const std::uint8_t l0 = data[at++];
    if (l0 < 0x80) {
        h.valueLength = l0;
    } else if (l0 == 0x80) {
        return fail(ErrorCode::InvalidInput, "TLV with indefinite length (not allowed here)");
    } else {
        const std::size_t n = l0 & 0x7F;
        if (n > 4) {
            return fail(ErrorCode::InvalidInput, "TLV length field of " + std::to_string(n) + " bytes (at most 4)");
        }
        if (data.size() - at < n) {
            return fail(ErrorCode::InvalidInput, "TLV length cut short");
        }
        std::uint64_t len = 0;
        for (std::size_t i = 0; i < n; ++i) {
            len = (len << 8) | data[at++];
        }
        h.valueLength = static_cast<std::size_t>(len);
    }
    h.headerLength = at;
    return h;
}

const Tlv* Tlv::find(std::uint32_t childTag) const
{
    for (const Tlv& c : children) {
        if (c.tag == childTag) {
            return &c;
        }
    }
    return nullptr;
}

std::vector<const Tlv*> Tlv::findAll(std::uint32_t childTag) const
{
    std::vector<const Tlv*> out;
    for (const Tlv& c : children) {
        if (c.tag == childTag) {
            out.push_back(&c);
        }
    }
    return out;
}

Result<Tlv> parseTlv(ByteView data, bool tree)
{
    return parseOne(data, tree, 0);
}

Result<std::vector<Tlv>> parseTlvList(ByteView data, bool tree)
{
    std::vector<Tlv> out;
    std::size_t at = 0;
    while (at < data.size()) {
        DA06_TRY(t, parseOne(data.subspan(at), tree, 0));
        at += t->whole.size();
        out.push_back(std::move(*t));
    }
    return out;
}

Bytes encodeTag(std::uint32_t tag)
{
    Bytes out;
    if (tag > 0xFFFF) {
        out.push_back(static_cast<std::uint8_t>(tag >> 16));
    }
    if (tag > 0xFF) {
        out.push_back(static_cast<std::uint8_t>(tag >> 8));
    }
    out.push_back(static_cast<std::uint8_t>(tag));
    return out;
}

Bytes encodeLength(std::size_t length)
{
    if (length < 0x80) {
        return {static_cast<std::uint8_t>(length)};
    }
    Bytes digits;
    for (std::size_t v = length; v != 0; v >>= 8) {
        digits.insert(digits.begin(), static_cast<std::uint8_t>(v & 0xFF));
    }
    Bytes out{static_cast<std::uint8_t>(0x80 | digits.size())};
    out.insert(out.end(), digits.begin(), digits.end());
    return out;
}

Bytes encodeTlv(std::uint32_t tag, ByteView value)
{
    Bytes out = encodeTag(tag);
    const Bytes len = encodeLength(value.size());
    out.insert(out.end(), len.begin(), len.end());
    out.insert(out.end(), value.begin(), value.end());
    return out;
}

Bytes encodeTlv(std::uint32_t tag, const std::vector<Bytes>& parts)
{
    Bytes value;
    for (const Bytes& p : parts) {
        value.insert(value.end(), p.begin(), p.end());
    }
    return encodeTlv(tag, value);
}

Result<int> derSmallInteger(const Tlv& t)
{
    if (t.tag != 0x02 || t.value.empty() || t.value.size() > 4) {
        return fail(ErrorCode::InvalidInput, "a small INTEGER was expected");
    }
    if ((t.value[0] & 0x80) != 0) {
        return fail(ErrorCode::InvalidInput, "a non-negative INTEGER was expected");
    }
    std::uint32_t v = 0;
    for (std::uint8_t b : t.value) {
        v = (v << 8) | b;
    }
    if (v > 0x7FFFFFFF) {
        return fail(ErrorCode::InvalidInput, "INTEGER too large");
    }
    return static_cast<int>(v);
}

Result<std::string> oidToString(ByteView value)
{
    if (value.empty() || value.size() > 64) {
        return fail(ErrorCode::InvalidInput, "OBJECT IDENTIFIER of bad size");
    }
    std::string out;
    std::uint64_t v = 0;
    bool first = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::uint8_t b = value[i];
        if (v == 0 && b == 0x80) {
            return fail(ErrorCode::InvalidInput, "OBJECT IDENTIFIER not minimally encoded");
        }
        if (v > (std::uint64_t{1} << 56)) {
            return fail(ErrorCode::InvalidInput, "OBJECT IDENTIFIER arc too large");
        }
        v = (v << 7) | (b & 0x7F);
        if ((b & 0x80) != 0) {
            if (i + 1 == value.size()) {
                return fail(ErrorCode::InvalidInput, "OBJECT IDENTIFIER cut short");
            }
            continue;
        }
        if (first) {
            const std::uint64_t a = v < 40 ? 0 : v < 80 ? 1 : 2;
            out = std::to_string(a) + "." + std::to_string(v - a * 40);
            first = false;
        } else {
            out += "." + std::to_string(v);
        }
        v = 0;
    }
    return out;
}

Result<Bytes> oidFromString(const std::string& dotted)
{
    std::vector<std::uint64_t> arcs;
    std::uint64_t v = 0;
    bool digit = false;
    for (char c : dotted + ".") {
        if (c >= '0' && c <= '9') {
            v = v * 10 + static_cast<std::uint64_t>(c - '0');
            digit = true;
        } else if (c == '.' && digit) {
            arcs.push_back(v);
            v = 0;
            digit = false;
        } else {
            return fail(ErrorCode::InvalidInput, "malformed OID \"" + dotted + "\"");
        }
    }
    if (arcs.size() < 2 || arcs[0] > 2) {
        return fail(ErrorCode::InvalidInput, "malformed OID \"" + dotted + "\"");
    }
    Bytes out;
    auto put = [&](std::uint64_t a) {
        Bytes tmp{static_cast<std::uint8_t>(a & 0x7F)};
        for (a >>= 7; a != 0; a >>= 7) {
            tmp.insert(tmp.begin(), static_cast<std::uint8_t>(0x80 | (a & 0x7F)));
        }
        out.insert(out.end(), tmp.begin(), tmp.end());
    };
    put(arcs[0] * 40 + arcs[1]);
    for (std::size_t i = 2; i < arcs.size(); ++i) {
        put(arcs[i]);
    }
    return out;
}

Result<std::string> derString(const Tlv& t)
{
    switch (t.tag) {
    case 0x0C: // UTF8String
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x14: // T61String (ASCII in practice)
    case 0x16: // IA5String
    case 0x1A: // VisibleString
        break;
    default:
        return fail(ErrorCode::InvalidInput, "a character string was expected (tag " + toHex(encodeTag(t.tag)) + ")");
    }
    std::string s(reinterpret_cast<const char*>(t.value.data()), t.value.size());
    if (!identity::isValidUtf8(s)) {
        return fail(ErrorCode::InvalidInput, "a character string is not valid UTF-8");
    }
    return s;
}

std::string toHex(ByteView b)
{
    return hex::encode(b, hex::Case::Upper);
}

Result<Bytes> fromHex(std::string_view text)
{
    return hex::decode(text);
}

} // namespace da06::chip
