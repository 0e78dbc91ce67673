// Secure messaging (ICAO 9303-11 §9.8).
#include "client/readers/emrtd/SecureMessaging.h"

#include <openssl/crypto.h>

#include "domain/identity/chip/Tlv.h"

namespace da06::emrtd {

Bytes CommandApdu::encode() const
{
    Bytes out{cla, ins, p1, p2};
    if (data.size() > 255) {
        // Extended length (ISO/IEC 7816-4 §5.1): 00 Lc(2) data [Le(2)]. Not used by the eMRTD
        // commands built here, kept correct for any caller.
        out.insert(out.end(),
                   {0x00, static_cast<std::uint8_t>(data.size() >> 8), static_cast<std::uint8_t>(data.size())});
        out.insert(out.end(), data.begin(), data.end());
        if (le >= 0) {
            out.insert(out.end(), {static_cast<std::uint8_t>(le >> 8), static_cast<std::uint8_t>(le)});
        }
        return out;
    }
    if (!data.empty()) {
        out.push_back(static_cast<std::uint8_t>(data.size()));
        out.insert(out.end(), data.begin(), data.end());
    }
    if (le >= 0) {
        out.push_back(static_cast<std::uint8_t>(le == 256 ? 0 : le));
    }
    return out;
}

SecureMessaging::SecureMessaging(SmCipher cipher, SecretBytes kEnc, SecretBytes kMac, Bytes ssc)
    : m_cipher(cipher), m_kEnc(std::move(kEnc)), m_kMac(std::move(kMac)), m_ssc(std::move(ssc))
{
}

void SecureMessaging::incrementSsc()
{
    for (std::size_t i = m_ssc.size(); i-- > 0;) {
        if (++m_ssc[i] != 0) {
            break;
        }
    }
}

Result<Bytes> SecureMessaging::mac(ByteView data)
{
    Bytes input = m_ssc;
    input.insert(input.end(), data.begin(), data.end());
    if (m_cipher == SmCipher::Des3) {
        return retailMac(m_kMac.view(), padIso9797(input, 8));
    }
    DA06_TRY(full, aesCmac(m_kMac.view(), padIso9797(input, 16)));
    full->resize(8);
    return full;
}

Result<Bytes> SecureMessaging::encrypt(ByteView padded)
{
    if (m_cipher == SmCipher::Des3) {
        return des3CbcEncrypt(m_kEnc.view(), padded);
    }
    DA06_TRY(iv, aesEcbEncrypt(m_kEnc.view(), m_ssc));
    return aesCbcEncrypt(m_kEnc.view(), padded, *iv);
}

Result<Bytes> SecureMessaging::decrypt(ByteView data)
{
    if (data.empty() || data.size() % block() != 0) {
        return fail(ErrorCode::AuthenticationFailed, "secure messaging: encrypted data of a wrong size");
    }
    if (m_cipher == SmCipher::Des3) {
        return des3CbcDecrypt(m_kEnc.view(), data);
    }
    DA06_TRY(iv, aesEcbEncrypt(m_kEnc.view(), m_ssc));
    return aesCbcDecrypt(m_kEnc.view(), data, *iv);
}

Result<Bytes> SecureMessaging::wrap(const CommandApdu& c)
{
    incrementSsc();
    const std::uint8_t cla = static_cast<std::uint8_t>(c.cla | 0x0C);
    Bytes header{cla, c.ins, c.p1, c.p2};
    Bytes objects;
    if (!c.data.empty()) {
        Bytes padded = padIso9797(c.data, block());
        DA06_TRY(enc, encrypt(padded));
        wipeVector(padded);
        Bytes value{0x01};
        value.insert(value.end(), enc->begin(), enc->end());
        const Bytes do87 = chip::encodeTlv(0x87, value);
        objects.insert(objects.end(), do87.begin(), do87.end());
    }
    if (c.le >= 0) {
        const Bytes do97{0x97, 0x01, static_cast<std::uint8_t>(c.le == 256 ? 0 : c.le)};
        objects.insert(objects.end(), do97.begin(), do97.end());
    }
    Bytes macInput = padIso9797(header, block());
    macInput.insert(macInput.end(), objects.begin(), objects.end());
    DA06_TRY(m, mac(macInput));
    const Bytes do8e = chip::encodeTlv(0x8E, *m);
    objects.insert(objects.end(), do8e.begin(), do8e.end());
    if (objects.size() > 255) {
        return fail(ErrorCode::Internal, "secure messaging: the command is too long for a short APDU");
    }
    Bytes out = header;
    out.push_back(static_cast<std::uint8_t>(objects.size()));
    out.insert(out.end(), objects.begin(), objects.end());
    out.push_back(0x00);
    return out;
}

Result<readers::ResponseApdu> SecureMessaging::unwrap(const readers::ResponseApdu& r)
{
    incrementSsc();
    if (r.data.empty() && r.sw != 0x9000 && (r.sw >> 8) != 0x62 && (r.sw >> 8) != 0x63) {
        // The chip answered in plain: an error that ends secure messaging (6982, 6987, 6988, 6A82…).
        return readers::ResponseApdu{{}, r.sw};
    }
    auto parsed = chip::parseTlvList(r.data, false);
    if (!parsed) {
        return fail(ErrorCode::AuthenticationFailed, "secure messaging: the response is not made of data objects");
    }
    const chip::Tlv* do87 = nullptr;
    const chip::Tlv* do99 = nullptr;
    const chip::Tlv* do8e = nullptr;
    Bytes macInput;
    for (const chip::Tlv& t : *parsed) {
        if (do8e) {
            return fail(ErrorCode::AuthenticationFailed, "secure messaging: data after the MAC");
        }
        if (t.tag == 0x87 && !do87 && !do99) {
            do87 = &t;
        } else if (t.tag == 0x99 && !do99) {
            do99 = &t;
        } else if (t.tag == 0x8E) {
            do8e = &t;
            continue;
        } else {
            return fail(ErrorCode::AuthenticationFailed, "secure messaging: unexpected data object in the response");
        }
        macInput.insert(macInput.end(), t.whole.begin(), t.whole.end());
    }
    if (!do8e || do8e->value.size() != 8) {
        return fail(ErrorCode::AuthenticationFailed, "secure messaging: the response has no MAC");
    }
    DA06_TRY(expected, mac(macInput));
    if (CRYPTO_memcmp(expected->data(), do8e->value.data(), 8) != 0) {
        return fail(ErrorCode::AuthenticationFailed, "secure messaging: the response's MAC is wrong");
    }
    readers::ResponseApdu out;
    out.sw = r.sw;
    if (do99) {
        if (do99->value.size() != 2) {
            return fail(ErrorCode::AuthenticationFailed, "secure messaging: malformed status object");
        }
        out.sw = static_cast<std::uint16_t>((do99->value[0] << 8) | do99->value[1]);
    }
    if (do87) {
        if (do87->value.size() < 2 || do87->value[0] != 0x01) {
            return fail(ErrorCode::AuthenticationFailed, "secure messaging: malformed encrypted data object");
        }
        DA06_TRY(plain, decrypt(do87->value.subspan(1)));
        DA06_TRY(unpadded, unpadIso9797(*plain));
        wipeVector(*plain);
        out.data = std::move(*unpadded);
    }
    return out;
}

} // namespace da06::emrtd
