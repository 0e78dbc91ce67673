#pragma once
// The front-desk identity check, part 2: the chip. What the identity-check page shows of a chip
// read — the verdict, the fields of DG13, each verification (passive, chip, active
// authentication) as a mark with a sentence, the chip and the QR code side by side with the
// differences marked, what to do next — and the labels of the reading's progress steps. And the
// read itself (ChipCheckPresenter): the access key from what the clerk typed or the QR code
// scanned (emrtd::chooseAccessKey, as `da06 idcheck chip`), the read through an injected
// emrtd::ChipReaderPort (PC/SC in the desk, fakes in the tests) with progress and cancel, and the
// result or the problem for the view. No wx and no PC/SC; no threads either: start() hands the page
// a job it runs off the UI thread, and the page brings progress and the outcome back.
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/readers/emrtd/ChipReader.h"

#include "client/presenters/IdentityCheckPresenter.h"
#include "domain/core/Date.h"
#include "domain/core/Json.h"
#include "domain/identity/CccdQr.h"

namespace da06::ui {

struct ChipComparisonRow {
    std::string label; // translated ("Full name")
    std::string chip;  // as on the chip (DG13)
    std::string qr;    // as in the QR code ("" when there was no QR scan)
    bool differs = false;
};

struct ChipCheckCard {
    Verdict verdict = Verdict::Invalid;
    std::string verdictText;
    std::string accessText; // "Read with PACE, 111 commands, 0.4 s"
    std::vector<IdentityField> fields;
    std::vector<IdentityCheckRow> verifications; // passive, chip, active authentication
    std::vector<IdentityCheckRow> crossChecks;   // chip vs QR vs number rules (from the reader)
    std::vector<ChipComparisonRow> comparison;   // empty without a QR scan
    std::string photoText;                       // "JPEG 2000, 240 × 320" or why there is none
    std::vector<std::string> nextSteps;
};

// qr: the last QR code scanned for the same citizen, if any (its number must match to be shown).
ChipCheckCard makeChipCard(const json::Value& chipJson, const std::optional<identity::CccdIdentity>& qr);

// The progress line of a reading step ("Reading the photo (DG2)… 12 / 18 KB").
std::string chipStepText(const std::string& step, std::size_t done, std::size_t total);

// The CAN the page pre-fills from a scanned QR code: the last 6 digits of a 12-digit number.
std::string canFromQr(const identity::CccdIdentity& qr);

// A step of a reading, as the page shows it (gauge and line).
struct ChipProgress {
    int percent = 0;
    std::string text; // chipStepText
};

// What a reading gave: the card, the record and the photo, or the problem.
struct ChipReadOutcome {
    bool ok = false;
    std::string problem; // "title\nadvice" (readerErrorMessage) when !ok
    ChipCheckCard card;
    json::Value record;                   // `da06 idcheck chip --json` (untranslated): what is saved
    std::optional<emrtd::RgbImage> photo; // the decoded face, when there is one
};

class ChipCheckView {
public:
    virtual ~ChipCheckView() = default;
    // The CAN pre-filled from the QR code when nothing was typed.
    virtual void showChipKey(const std::string& can) = 0;
    // No key can be made of what was typed: the sentence, and the key field wants the focus.
    virtual void showChipKeyProblem(const std::string& text) = 0;
    // A reading starts: the old chip result and problem go, Read disabled, Cancel enabled.
    virtual void showChipStarted() = 0;
    virtual void showChipProgress(const ChipProgress& progress) = 0;
    // The reading ended (ok: read; else problem is what to show); Read enabled, Cancel disabled.
    virtual void showChipFinished(bool ok, const std::string& problem) = 0;
    // After showChipFinished(true, …): the card, the photo and the record for the front desk.
    virtual void showChipResult(const ChipReadOutcome& outcome) = 0;
};

// One reading, prepared on the UI thread by ChipCheckPresenter::start. Copyable (shared state), so
// it can be captured by a background task. run() is called once, off the UI thread.
class ChipReadJob {
public:
    using ProgressSink = std::function<void(const ChipProgress&)>;
    // Reads through the port; progress is called on the calling thread, the page forwards it to
    // ChipCheckPresenter::progress on the UI thread.
    ChipReadOutcome run(const ProgressSink& progress) const;

private:
    friend class ChipCheckPresenter;
    struct State;
    std::shared_ptr<State> m_state;
};

class ChipCheckPresenter {
public:
    // trustFolder: the CSCA certificates for passive authentication ("" = unverified).
    ChipCheckPresenter(ChipCheckView& view, const Clock& clock, std::shared_ptr<emrtd::ChipReaderPort> reader,
                       std::string trustFolder);

    // Read chip (F5): the key from typed (the 12-digit number or the CAN; spaces around are
    // ignored), else from the first CCCD among reports (its number: with its dates, PACE and BAC).
    // nullopt while a reading runs or when no key can be made (the view was told why).
    std::optional<ChipReadJob> start(const std::string& typed, const std::vector<identity::CccdReport>& reports);
    // On the UI thread, with what the job reported / returned.
    void progress(const ChipProgress& p);
    void finish(const ChipReadOutcome& outcome);
    // Esc while reading, the page closing, the desk locking: the job ends with Cancelled.
    void cancel();
    bool busy() const { return m_busy; }

private:
    ChipCheckView& m_view;
    const Clock& m_clock;
    std::shared_ptr<emrtd::ChipReaderPort> m_reader;
    std::string m_trustFolder;
    std::shared_ptr<emrtd::CancelToken> m_cancel;
    bool m_busy = false;
};

} // namespace da06::ui
