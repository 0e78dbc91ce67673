#pragma once
// A CCCD chip modelled in the test, card side (written here from ICAO 9303-11, independent of the
// terminal code under test except for the symmetric primitives of Crypto.h, themselves checked
// against Appendix D): the file system, BAC, PACE-CAN with OpenPACE's card-side steps, secure
// messaging, INTERNAL AUTHENTICATE, chip authentication; fault modes for the tests.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <openssl/evp.h>

#include "client/readers/CardChannel.h"
#include "client/readers/emrtd/Crypto.h"
#include "tests/chip/ChipTestPki.h"

namespace chiptest {

struct FakeCardConfig {
    std::map<std::uint16_t, Bytes> files; // 011C (EF.CardAccess), 011E, 0101…, 011D
    std::string mrzInformation;           // BAC
    std::string can;                      // PACE ("" = no PACE even if EF.CardAccess says so)
    int maxLe = 256;                      // READ BINARY refuses a larger Le with 6700
    bool mfSelectable = true;             // false: SELECT MF answers 6D00
    long removeAfter = -1;                // the card leaves after this many commands
    long corruptMacAt = -1;               // flip a MAC byte of the answer to command n
    EVP_PKEY* activeAuthKey = nullptr;    // INTERNAL AUTHENTICATE (ECDSA P-256, SHA-256)
    EVP_PKEY* chipAuthKey = nullptr;      // chip authentication (ECDH)
    bool signWrongly = false;             // AA answers a signature of another challenge
};

class FakeCard : public da06::readers::CardChannel {
public:
    explicit FakeCard(FakeCardConfig config);
    ~FakeCard() override;

    da06::Result<da06::readers::ResponseApdu> transmit(std::span<const std::uint8_t> command) override;
    std::size_t commandCount() const override { return m_count; }

    std::size_t readBinaryCount() const { return m_readBinaries; }
    std::function<void()> onCommand; // called before each command is answered (cancellation tests)

private:
    struct Reply {
        Bytes data;
        std::uint16_t sw = 0x9000;
    };
    Reply process(std::uint8_t cla, std::uint8_t ins, std::uint8_t p1, std::uint8_t p2, const Bytes& data, int le);
    Reply bacMutualAuthenticate(const Bytes& data);
    Reply paceStep(const Bytes& data);
    Reply chipAuthenticate(const Bytes& data);
    Reply internalAuthenticate(const Bytes& data);

    FakeCardConfig m_config;
    std::size_t m_count = 0;
    std::size_t m_readBinaries = 0;
    bool m_appSelected = false;
    std::optional<std::uint16_t> m_file;
    Bytes m_rndIc;
    // secure messaging, card side
    bool m_sm = false;
    bool m_aes = false;
    da06::emrtd::SecretBytes m_kEnc;
    da06::emrtd::SecretBytes m_kMac;
    Bytes m_ssc;
    // PACE
    struct Pace;
    std::unique_ptr<Pace> m_pace;
    // chip authentication pending: switch keys after the answer
    std::optional<std::pair<da06::emrtd::SecretBytes, da06::emrtd::SecretBytes>> m_pendingKeys;
};

} // namespace chiptest
