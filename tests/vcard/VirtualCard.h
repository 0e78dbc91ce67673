#pragma once
// The card side of a CCCD chip (ICAO 9303 parts 10 and 11): file system, BAC, PACE (CAN),
// secure messaging, chip and active authentication, and the fault modes the tests ask for.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "domain/core/Error.h"
#include "tests/vcard/Bytes.h"
#include "tests/vcard/SecureChannel.h"
#include "tests/vcard/VcCrypto.h"

namespace da06::vcard {

struct CardOptions {
    std::size_t maxLe = 0;                   // 0: none; else Ne above it → 6700
    std::optional<std::uint16_t> selectMfSw; // SELECT MF answered with this status word
    bool noPace = false;                     // no EF.CardAccess: BAC only
    std::string canOverride;                 // else the last 6 digits of the ID number in DG1
    bool verbose = false;                    // protocol trace to stderr (holds personal data)
};

class VirtualCard {
public:
    static Result<std::unique_ptr<VirtualCard>> load(const std::filesystem::path& dir, const CardOptions& options);
    ~VirtualCard();
    VirtualCard(const VirtualCard&) = delete;
    VirtualCard& operator=(const VirtualCard&) = delete;

    Bytes atr() const;
    void reset(); // power on, off, warm reset: access rights and sessions are gone
    Bytes process(const Bytes& command);
    bool lastResponseProtected() const { return m_lastProtected; }
    int wrongPasswordCount() const { return m_wrongPasswords; }

private:
    VirtualCard() = default;
    struct Response {
        Bytes data;
        std::uint16_t sw = kSwOk;
    };
    static Response status(std::uint16_t sw) { return Response{{}, sw}; }
    Response dispatch(const Apdu& a, bool secured);
    Response select(const Apdu& a, bool secured);
    Response readBinary(const Apdu& a, bool secured);
    Response getChallenge(const Apdu& a);
    Response mutualAuthenticate(const Apdu& a);
    Response manageSecurityEnvironment(const Apdu& a, bool secured);
    Response generalAuthenticate(const Apdu& a, bool secured);
    Response pace(const Apdu& a);
    Response chipAuthenticate(const Apdu& a, bool secured);
    Response internalAuthenticate(const Apdu& a, bool secured);
    void endSession();
    void resetPace();
    void trace(const std::string& what) const;

    CardOptions m_options;
    std::map<std::uint16_t, Bytes> m_mfFiles;
    std::map<std::uint16_t, Bytes> m_appFiles;
    SecretBytes m_bacKenc;
    SecretBytes m_bacKmac;
    std::string m_can;
    PkeyPtr m_caKey;
    PkeyPtr m_aaKey;

    bool m_appSelected = false;
    std::optional<std::uint16_t> m_currentEf;
    std::unique_ptr<SecureChannel> m_sm;
    std::unique_ptr<SecureChannel> m_nextSm; // installed after the current response (chip authentication)
    Bytes m_rndIc;
    bool m_caSelected = false;

    struct PaceState;
    std::unique_ptr<PaceState> m_pace;
    int m_wrongPasswords = 0;
    bool m_lastProtected = false;
};

} // namespace da06::vcard
