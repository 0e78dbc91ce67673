#pragma once
// Reading a CCCD chip (ICAO Doc 9303 part 11 §4 access control, §5-6 authentication; part 10 the
// files): select, EF.CardAccess, PACE with the CAN when announced (else BAC; after a PACE failure
// other than a wrong key, BAC when its data is at hand), EF.COM, DG1, DG2, DG13, DG14, DG15 (when
// EF.COM lists them) and EF.SOD; then active and chip authentication, passive authentication, the
// face image and the cross-checks. DG3 and DG11 are not read. A progress callback per step, a
// cancellation token checked between APDUs, the duration of every step and the APDU count.
// Transport errors (CardRemoved, CardReset, …) end the read: nothing half-read is reported as a
// success.
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "client/readers/emrtd/CardSession.h"
#include "client/readers/emrtd/ChipAuth.h"
#include "client/readers/emrtd/FaceDecoder.h"
#include "client/readers/emrtd/PassiveAuth.h"
#include "domain/core/Date.h"
#include "domain/identity/CccdQr.h"
#include "domain/identity/chip/ChipCrossCheck.h"
#include "domain/identity/chip/DataGroups.h"

namespace da06::emrtd {

// What opens the chip: a CAN (PACE), BAC data (MRZ information), or both. Wiped when destroyed.
class AccessKey {
public:
    // 6 digits (the CCCD's CAN: the last 6 digits of the 12-digit number).
    static Result<AccessKey> fromCan(std::string_view can);
    // The 12-digit number with date of birth and expiry (YYMMDD): the CAN and BAC data.
    static Result<AccessKey> fromId12(std::string_view id12, std::string_view dobYymmdd, std::string_view expiryYymmdd);
    // A TD1 MRZ (check digits verified): BAC data, and the CAN when it holds the 12-digit number.
    static Result<AccessKey> fromMrz(std::string_view mrz);
    // Document number, date of birth, date of expiry (YYMMDD): BAC data.
    static Result<AccessKey> fromDocument(std::string_view documentNumber, std::string_view dobYymmdd,
                                          std::string_view expiryYymmdd);

    bool hasCan() const { return !m_can.empty(); }
    bool hasBac() const { return !m_mrzInformation.empty(); }
    std::string_view can() const { return {reinterpret_cast<const char*>(m_can.data()), m_can.size()}; }
    std::string_view mrzInformation() const
    {
        return {reinterpret_cast<const char*>(m_mrzInformation.data()), m_mrzInformation.size()};
    }

private:
    SecretBytes m_can;
    SecretBytes m_mrzInformation;
};

struct ReadOptions {
    std::string trustFolder;                  // CSCA certificates; "" → passive authentication unverified
    bool readFace = true;                     // DG2
    bool decodeFace = true;                   // to RGB for display
    bool chipAuthentication = true;           // when DG14 is there
    bool activeAuthentication = true;         // when DG15 is there
    bool allowPace = true;                    // false: BAC only (benchmarks, tests)
    int initialLe = 256;                      // the first Le tried by READ BINARY
    bool adaptiveLe = true;                   // false: never lower Le (benchmarks)
    std::optional<identity::CccdIdentity> qr; // the card's QR code (NFC), for the cross-checks
    Date asOf;                                // day of the check (expiry)
    // Applied to every DG13 text before the cross-checks and the result (the caller passes the NFC
    // normalization of identity_text, e.g. identity::normalizeQrText); none: kept as read.
    std::function<std::string(std::string_view)> normalizeText;
};

struct ProgressEvent {
    std::string step;     // "card_access", "pace", "bac", "dg1", "dg2", …
    std::size_t done = 0; // bytes read of the step's file (0 for steps without a file)
    std::size_t total = 0;
};

class Progress {
public:
    using Callback = std::function<void(const ProgressEvent&)>;
    Progress() = default;
    explicit Progress(Callback callback) : m_callback(std::move(callback)) {}
    void report(const std::string& step, std::size_t done, std::size_t total) const;

private:
    Callback m_callback;
};

struct StepTiming {
    std::string step;
    double milliseconds = 0;
};

struct ChipReadResult {
    std::string access;             // "PACE" or "BAC"
    std::vector<std::string> notes; // e.g. "pace_failed_bac_used", "dg15_not_found"
    std::optional<chip::EfCom> com;
    std::optional<chip::Td1Mrz> mrz;
    std::optional<chip::Dg13> dg13;
    std::optional<chip::FaceImage> face;
    std::optional<RgbImage> facePixels;
    std::string faceError;           // why the photo could not be decoded
    std::map<int, Bytes> dataGroups; // as read (DG number → file)
    Bytes efCom;
    Bytes sod;
    PassiveAuthentication passiveAuthentication;
    AuthResult chipAuthentication;
    AuthResult activeAuthentication;
    std::vector<chip::ChipFinding> crossCheck;
    std::size_t apduCount = 0;
    int learnedLe = 0;
    std::vector<StepTiming> timings;
};

// Reads and verifies the chip. Errors: AccessDenied (wrong CAN / MRZ data), AuthenticationFailed
// (secure messaging broken), NotIdentityCard, Cancelled, the transport's errors, Protocol,
// InvalidInput (a file that cannot be parsed: DG1, EF.COM).
Result<ChipReadResult> readChip(readers::CardChannel& channel, const AccessKey& key, const ReadOptions& options,
                                const Progress& progress, const CancelToken& cancel);

} // namespace da06::emrtd
