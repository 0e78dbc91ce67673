#pragma once
// The one way into a CCCD chip, shared by `da06 idcheck chip` and the desk's identity-check page:
// which access key opens the chip (a typed CAN or 12-digit number, the MRZ, the document number
// with the dates, or the identity of the QR code scanned before), and the read itself, which opens
// the card and, when another program reset it, reads it once more on a fresh connection. The card
// is opened through an injected opener (PcscChipReader.h gives the PC/SC one; tests pass fake
// cards), so this stays free of PC/SC. The desk's presenter holds a ChipReaderPort (faked in tests).
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "client/readers/CardChannel.h"
#include "client/readers/emrtd/ChipSession.h"
#include "domain/identity/CccdQr.h"

namespace da06::emrtd {

// What the clerk or the command line gave to open the chip. At most one of can, id, mrz and
// document; dob and expiry go with id (optional) or document (required).
struct KeyRequest {
    std::optional<std::string> can;      // 6 digits
    std::optional<std::string> id;       // the 12-digit number
    std::optional<std::string> mrz;      // a TD1 MRZ
    std::optional<std::string> document; // document number (BAC)
    std::optional<std::string> dob;      // YYMMDD
    std::optional<std::string> expiry;   // YYMMDD
    // The QR code scanned from the same card: the number when none is typed, and the date of
    // birth and expiry for BAC when its number is the one used.
    std::optional<identity::CccdIdentity> qr;
};

struct KeyProblem {
    enum class Kind {
        SeveralKeys,          // more than one of can, id, mrz, document
        DocumentWithoutDates, // document without dob and expiry
        NoKey,                // nothing typed and no QR code
        Rejected,             // the key given cannot be one (message: why)
    };
    Kind kind = Kind::NoKey;
    std::string message;
};

using KeyChoice = std::expected<AccessKey, KeyProblem>;

// The key for a request: the CAN (PACE), the MRZ or the document number with the dates (BAC), or
// the 12-digit number (typed, else the QR code's): with the date of birth and the expiry (typed,
// else from the QR code of the same number, the expiry computed from the issue date) both PACE and
// BAC data, without them the CAN (its last 6 digits).
KeyChoice chooseAccessKey(const KeyRequest& request);

// Opens the card: a channel to it, or NoReader / NoCard / ServiceUnavailable / … .
using CardOpener = std::function<Result<std::unique_ptr<readers::CardChannel>>()>;
// Told after the card was opened for attempt 0 (the first) or 1 (after a reset).
using OpenedHook = std::function<void(int attempt)>;

// Opens the card and reads the chip (readChip); when the card was reset by another program
// (CardReset) the read is made once more on a fresh connection. Errors: the opener's, readChip's.
Result<ChipReadResult> readChipWithRetry(const CardOpener& open, const AccessKey& key, const ReadOptions& options,
                                         const Progress& progress, const CancelToken& cancel,
                                         const OpenedHook& opened = {});

// A chip reader as the desk's presenter sees it: one read, called off the UI thread.
class ChipReaderPort {
public:
    virtual ~ChipReaderPort() = default;
    virtual Result<ChipReadResult> read(const AccessKey& key, const ReadOptions& options, const Progress& progress,
                                        const CancelToken& cancel) = 0;
};

// The real one: readChipWithRetry on the cards the opener opens.
class CardChipReader final : public ChipReaderPort {
public:
    explicit CardChipReader(CardOpener open, OpenedHook opened = {})
        : m_open(std::move(open)), m_opened(std::move(opened))
    {
    }
    Result<ChipReadResult> read(const AccessKey& key, const ReadOptions& options, const Progress& progress,
                                const CancelToken& cancel) override
    {
        return readChipWithRetry(m_open, key, options, progress, cancel, m_opened);
    }

private:
    CardOpener m_open;
    OpenedHook m_opened;
};

} // namespace da06::emrtd
