#pragma once
// BER-TLV as used by ICAO Doc 9303 part 10 (LDS) and ISO/IEC 7816-4: tags of 1 to 3 bytes, definite
// lengths of up to 4 bytes (0x84), strict bounds (a length that overruns its container is an error),
// a depth limit for nested constructed values. Also the few DER helpers the LDS files need
// (INTEGER, OBJECT IDENTIFIER, strings). Standard library only.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "domain/core/Error.h"

namespace da06::chip {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline constexpr std::size_t kMaxTlvDepth = 16;

// The tag and length at the start of a TLV (what a first READ BINARY of a file tells).
struct TlvHeader {
    std::uint32_t tag = 0; // the tag bytes big-endian: 0x5F1F, 0x7F61
    bool constructed = false;
    std::size_t headerLength = 0; // tag + length bytes
    std::size_t valueLength = 0;
    std::size_t totalLength() const { return headerLength + valueLength; }
};

// Reads the tag and length at the start of data (the value may be cut: not checked here).
Result<TlvHeader> parseTlvHeader(ByteView data);

struct Tlv {
    std::uint32_t tag = 0;
    bool constructed = false;
    ByteView value;            // a view into the parsed input: keep the input alive
    ByteView whole;            // tag, length and value
    std::vector<Tlv> children; // parsed when constructed (and parsed as a tree)

    // First child with this tag, or nullptr.
    const Tlv* find(std::uint32_t childTag) const;
    // All children with this tag.
    std::vector<const Tlv*> findAll(std::uint32_t childTag) const;
};

// One TLV at the start of data; the rest of data is ignored (its size is in whole.size()).
// With tree = true, constructed values are parsed into children (down to kMaxTlvDepth).
Result<Tlv> parseTlv(ByteView data, bool tree = true);
// Every TLV of data, which must be exactly a concatenation of TLVs.
Result<std::vector<Tlv>> parseTlvList(ByteView data, bool tree = true);

// Building.
Bytes encodeTag(std::uint32_t tag);
Bytes encodeLength(std::size_t length);
Bytes encodeTlv(std::uint32_t tag, ByteView value);
Bytes encodeTlv(std::uint32_t tag, const std::vector<Bytes>& parts); // the parts concatenated

// DER helpers.
// A non-negative INTEGER that fits 31 bits (tag 02); error otherwise.
Result<int> derSmallInteger(const Tlv& t);
// "1.2.840.113549.1.1.1" from the value of an OBJECT IDENTIFIER (tag 06).
Result<std::string> oidToString(ByteView value);
// The content bytes of an OID given in dotted form (for building and comparing).
Result<Bytes> oidFromString(const std::string& dotted);
// The text of a string type (UTF8String, PrintableString, IA5String, VisibleString, NumericString,
// T61String, BMPString as UTF-8 is NOT converted: error). Checks UTF-8.
Result<std::string> derString(const Tlv& t);

// Hex for messages and tests ("6D0A…").
std::string toHex(ByteView b);
// Parses hex (spaces allowed); nullopt-like empty Result error on bad input.
Result<Bytes> fromHex(std::string_view hex);

} // namespace da06::chip
