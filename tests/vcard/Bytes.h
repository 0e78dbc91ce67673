#pragma once
// Byte strings, hex, and a small BER-TLV reader / DER writer for the virtual CCCD (tests only).
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace da06::vcard {

using Bytes = std::vector<std::uint8_t>;

Bytes fromHex(std::string_view hex); // ignores spaces; throws std::invalid_argument on bad digits
std::string toHex(const Bytes& b);
Bytes fromString(std::string_view s);
void append(Bytes& to, const Bytes& from);
Bytes concat(std::initializer_list<Bytes> parts);

// Key material: wiped when destroyed.
class SecretBytes {
public:
    SecretBytes() = default;
    explicit SecretBytes(Bytes b) : m_bytes(std::move(b)) {}
    SecretBytes(const SecretBytes& o) : m_bytes(o.m_bytes) {}
    SecretBytes& operator=(const SecretBytes& o);
    SecretBytes(SecretBytes&& o) noexcept : m_bytes(std::move(o.m_bytes)) { o.m_bytes.clear(); }
    SecretBytes& operator=(SecretBytes&& o) noexcept;
    ~SecretBytes() { clear(); }
    const Bytes& bytes() const { return m_bytes; }
    std::size_t size() const { return m_bytes.size(); }
    bool empty() const { return m_bytes.empty(); }
    void clear();

private:
    Bytes m_bytes;
};

// DER encoding.
Bytes derLength(std::size_t n);
Bytes tlv(std::uint32_t tag, const Bytes& value); // tag written as its big-endian bytes (1–3 bytes)
Bytes derInteger(long v);
Bytes derOid(std::string_view dotted);
Bytes derUtf8(std::string_view s);
Bytes derOctets(const Bytes& b);
Bytes derSequence(std::initializer_list<Bytes> items);
Bytes derSequenceOf(const std::vector<Bytes>& items);
Bytes derSet(const std::vector<Bytes>& items); // sorted as DER requires for SET OF

// BER-TLV reading (tags up to 3 bytes, definite lengths).
struct Tlv {
    std::uint32_t tag = 0;
    std::size_t headerSize = 0;
    Bytes value;
    std::size_t totalSize() const { return headerSize + value.size(); }
};
std::optional<Tlv> readTlv(const Bytes& data, std::size_t offset = 0);
// The data objects of a constructed value, in order; nullopt if malformed.
std::optional<std::vector<Tlv>> readTlvList(const Bytes& data);
const Tlv* findTag(const std::vector<Tlv>& list, std::uint32_t tag);

} // namespace da06::vcard
