#pragma once
// Secure messaging of ICAO Doc 9303 part 11 §9.8: command wrapping (CLA | 0C, DO87 encrypted data,
// DO97 Le, DO8E MAC over the padded header and objects) and response unwrapping (DO87, DO99 status,
// DO8E), with the send sequence counter incremented before each. 3DES (BAC, §9.8.6.1: retail MAC,
// zero IV) and AES (PACE/CA, §9.8.6.2: CMAC truncated to 8 bytes, IV = E(KSenc, SSC)). The MAC of
// every response is checked: a wrong or missing MAC is ErrorCode::AuthenticationFailed.
#include <optional>

#include "client/readers/CardChannel.h"
#include "client/readers/emrtd/Crypto.h"

namespace da06::emrtd {

enum class SmCipher { Des3, Aes };

// A command APDU (short form). le: -1 none, 0..256 (256 is sent as 00).
struct CommandApdu {
    std::uint8_t cla = 0x00;
    std::uint8_t ins = 0;
    std::uint8_t p1 = 0;
    std::uint8_t p2 = 0;
    Bytes data;
    int le = -1;

    Bytes encode() const;
};

class SecureMessaging {
public:
    SecureMessaging(SmCipher cipher, SecretBytes kEnc, SecretBytes kMac, Bytes ssc);

    SmCipher cipher() const { return m_cipher; }
    const Bytes& ssc() const { return m_ssc; }

    // Increments the SSC and returns the protected command APDU.
    Result<Bytes> wrap(const CommandApdu& command);
    // Increments the SSC and checks and decrypts a protected response. A response with an error
    // status word and no data at all (the chip ended secure messaging) comes back as that status,
    // with no data; any other response without a valid MAC is AuthenticationFailed.
    Result<readers::ResponseApdu> unwrap(const readers::ResponseApdu& response);

private:
    void incrementSsc();
    Result<Bytes> mac(ByteView data);
    Result<Bytes> encrypt(ByteView padded);
    Result<Bytes> decrypt(ByteView data);
    std::size_t block() const { return m_cipher == SmCipher::Des3 ? 8 : 16; }

    SmCipher m_cipher;
    SecretBytes m_kEnc;
    SecretBytes m_kMac;
    Bytes m_ssc;
};

} // namespace da06::emrtd
