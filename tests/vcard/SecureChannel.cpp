#include "tests/vcard/SecureChannel.h"

#include <openssl/crypto.h>

namespace da06::vcard {

std::optional<Apdu> parseApdu(const Bytes& raw)
{
    if (raw.size() < 4) {
        return std::nullopt;
    }
    Apdu a;
    a.cla = raw[0];
    a.ins = raw[1];
    a.p1 = raw[2];
    a.p2 = raw[3];
    std::size_t n = raw.size() - 4;
    const std::uint8_t* b = raw.data() + 4;
    if (n == 0) {
        return a; // case 1
    }
    if (n == 1) {
        a.ne = b[0] == 0 ? 256 : b[0]; // case 2S
        return a;
    }
    if (b[0] != 0) { // short case 3 or 4
        std::size_t lc = b[0];
        if (n == 1 + lc) {
            a.data.assign(b + 1, b + 1 + lc);
            return a;
        }
        if (n == 2 + lc) {
            a.data.assign(b + 1, b + 1 + lc);
            a.ne = b[1 + lc] == 0 ? 256 : b[1 + lc];
            return a;
        }
        return std::nullopt;
    }
    // Extended: 00 then two bytes.
    a.extended = true;
    if (n == 3) {
        std::size_t le = (std::size_t(b[1]) << 8) | b[2];
        a.ne = le == 0 ? 65536 : le;
        return a;
    }
    std::size_t lc = (std::size_t(b[1]) << 8) | b[2];
    if (lc == 0) {
        return std::nullopt;
    }
    if (n == 3 + lc) {
        a.data.assign(b + 3, b + 3 + lc);
        return a;
    }
    if (n == 5 + lc) {
        a.data.assign(b + 3, b + 3 + lc);
        std::size_t le = (std::size_t(b[3 + lc]) << 8) | b[4 + lc];
        a.ne = le == 0 ? 65536 : le;
        return a;
    }
    return std::nullopt;
}

SecureChannel::SecureChannel(Cipher cipher, SecretBytes kEnc, SecretBytes kMac, Bytes ssc)
    : m_cipher(cipher), m_kEnc(std::move(kEnc)), m_kMac(std::move(kMac)), m_ssc(std::move(ssc))
{
}

void SecureChannel::incrementSsc()
{
    for (std::size_t i = m_ssc.size(); i > 0; --i) {
        if (++m_ssc[i - 1] != 0) {
            break;
        }
    }
}

Bytes SecureChannel::mac(const Bytes& input) const
{
    Bytes padded = pad(input, block());
    Bytes m = m_cipher == Cipher::Aes128 ? aesCmac(m_kMac.bytes(), padded) : retailMac(m_kMac.bytes(), padded);
    m.resize(8);
    return m;
}

Bytes SecureChannel::iv() const
{
    if (m_cipher == Cipher::Aes128) {
        return aesEncryptBlock(m_kEnc.bytes(), m_ssc);
    }
    return Bytes(8, 0);
}

std::expected<Apdu, std::uint16_t> SecureChannel::unwrap(const Apdu& command)
{
    incrementSsc();
    auto list = readTlvList(command.data);
    if (!list) {
        return std::unexpected<std::uint16_t>(0x6988);
    }
    const Tlv* do87 = findTag(*list, 0x87);
    const Tlv* do85 = findTag(*list, 0x85);
    const Tlv* do97 = findTag(*list, 0x97);
    const Tlv* do8e = findTag(*list, 0x8E);
    if (!do8e) {
        return std::unexpected<std::uint16_t>(0x6987);
    }
    // MAC input: SSC || padded header || every data object before DO8E, in the order sent.
    Bytes input = m_ssc;
    append(input, pad({command.cla, command.ins, command.p1, command.p2}, block()));
    std::size_t p = 0;
    for (const auto& t : *list) {
        if (t.tag == 0x8E) {
            break;
        }
        input.insert(input.end(), command.data.begin() + static_cast<std::ptrdiff_t>(p),
                     command.data.begin() + static_cast<std::ptrdiff_t>(p + t.totalSize()));
        p += t.totalSize();
    }
    Bytes expected = mac(input);
    if (do8e->value.size() != 8 || CRYPTO_memcmp(expected.data(), do8e->value.data(), 8) != 0) {
        return std::unexpected<std::uint16_t>(0x6988);
    }
    Apdu plain;
    plain.cla = static_cast<std::uint8_t>(command.cla & ~0x0C);
    plain.ins = command.ins;
    plain.p1 = command.p1;
    plain.p2 = command.p2;
    const Tlv* crypto = do87 ? do87 : do85;
    if (crypto) {
        Bytes c = crypto->value;
        if (do87) {
            if (c.empty() || c[0] != 0x01) {
                return std::unexpected<std::uint16_t>(0x6988);
            }
            c.erase(c.begin());
        }
        if (c.empty() || c.size() % block() != 0) {
            return std::unexpected<std::uint16_t>(0x6988);
        }
        Bytes dec = m_cipher == Cipher::Aes128 ? aesCbc(m_kEnc.bytes(), iv(), c, false)
                                               : tdesCbc(m_kEnc.bytes(), Bytes(8, 0), c, false);
        auto unpadded = unpad(dec);
        if (!unpadded) {
            return std::unexpected<std::uint16_t>(0x6988);
        }
        plain.data = *unpadded;
    }
    if (do97) {
        if (do97->value.size() == 1) {
            plain.ne = do97->value[0] == 0 ? 256 : do97->value[0];
        } else if (do97->value.size() == 2) {
            std::size_t le = (std::size_t(do97->value[0]) << 8) | do97->value[1];
            plain.ne = le == 0 ? 65536 : le;
        } else {
            return std::unexpected<std::uint16_t>(0x6988);
        }
    }
    return plain;
}

Bytes SecureChannel::wrap(const Bytes& data, std::uint16_t sw)
{
    incrementSsc();
    Bytes body;
    if (!data.empty()) {
        Bytes padded = pad(data, block());
        Bytes c = m_cipher == Cipher::Aes128 ? aesCbc(m_kEnc.bytes(), iv(), padded, true)
                                             : tdesCbc(m_kEnc.bytes(), Bytes(8, 0), padded, true);
        c.insert(c.begin(), 0x01);
        append(body, tlv(0x87, c));
    }
    append(body, tlv(0x99, {static_cast<std::uint8_t>(sw >> 8), static_cast<std::uint8_t>(sw)}));
    Bytes input = m_ssc;
    append(input, body);
    append(body, tlv(0x8E, mac(input)));
    body.push_back(static_cast<std::uint8_t>(sw >> 8));
    body.push_back(static_cast<std::uint8_t>(sw));
    return body;
}

} // namespace da06::vcard
