#pragma once
// Command APDUs and the card side of ICAO 9303-11 secure messaging (§9.8): 3DES with retail MAC
// after BAC, AES with CMAC after PACE or chip authentication.
#include <cstdint>
#include <expected>
#include <optional>

#include "tests/vcard/Bytes.h"
#include "tests/vcard/VcCrypto.h"

namespace da06::vcard {

struct Apdu {
    std::uint8_t cla = 0, ins = 0, p1 = 0, p2 = 0;
    Bytes data;
    std::optional<std::size_t> ne; // expected length (Le 00 = 256 short, 0000 = 65536 extended)
    bool extended = false;
};

// nullopt when the bytes are not a well-formed command APDU (ISO/IEC 7816-3 cases 1–4, short or extended).
std::optional<Apdu> parseApdu(const Bytes& raw);

inline constexpr std::uint16_t kSwOk = 0x9000;

class SecureChannel {
public:
    SecureChannel(Cipher cipher, SecretBytes kEnc, SecretBytes kMac, Bytes ssc);

    Cipher cipher() const { return m_cipher; }
    // The plain command inside a protected one, or the status word to answer in plain (6987 / 6988),
    // after which the session must end.
    std::expected<Apdu, std::uint16_t> unwrap(const Apdu& command);
    // The protected response: DO87 (if data), DO99, DO8E, then the status word.
    Bytes wrap(const Bytes& data, std::uint16_t sw);

private:
    std::size_t block() const { return m_cipher == Cipher::Aes128 ? 16 : 8; }
    void incrementSsc();
    Bytes mac(const Bytes& input) const; // pads, then retail MAC or CMAC (8 bytes)
    Bytes iv() const;
    Cipher m_cipher;
    SecretBytes m_kEnc;
    SecretBytes m_kMac;
    Bytes m_ssc;
};

} // namespace da06::vcard
