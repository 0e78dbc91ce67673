#pragma once
// The front-desk identity check, part 2: the chip. What the identity-check page shows of a chip
// read — the verdict, the fields of DG13, each verification (passive, chip, active
// authentication) as a mark with a sentence, the chip and the QR code side by side with the
// differences marked, what to do next — and the labels of the reading's progress steps. No wx and
// no PC/SC: the page reads the chip on a worker (client/readers/emrtd) and hands the JSON form of
// the result (`da06 idcheck chip --json`, ChipResultJson.h) to this presenter.
#include <optional>
#include <string>
#include <vector>

#include "IdentityCheckPresenter.h"
#include "core/Date.h"
#include "core/Json.h"
#include "identity/CccdQr.h"

namespace da06::ui {

struct ChipComparisonRow {
    std::string label;   // translated ("Full name")
    std::string chip;    // as on the chip (DG13)
    std::string qr;      // as in the QR code ("" when there was no QR scan)
    bool differs = false;
};

struct ChipCheckCard {
    Verdict verdict = Verdict::Invalid;
    std::string verdictText;
    std::string accessText;                        // "Read with PACE, 111 commands, 0.4 s"
    std::vector<IdentityField> fields;
    std::vector<IdentityCheckRow> verifications;   // passive, chip, active authentication
    std::vector<IdentityCheckRow> crossChecks;     // chip vs QR vs number rules (from the reader)
    std::vector<ChipComparisonRow> comparison;     // empty without a QR scan
    std::string photoText;                         // "JPEG 2000, 240 × 320" or why there is none
    std::vector<std::string> nextSteps;
};

// qr: the last QR code scanned for the same citizen, if any (its number must match to be shown).
ChipCheckCard makeChipCard(const json::Value& chipJson, const std::optional<identity::CccdIdentity>& qr);

// The progress line of a reading step ("Reading the photo (DG2)… 12 / 18 KB").
std::string chipStepText(const std::string& step, std::size_t done, std::size_t total);

// The CAN the page pre-fills from a scanned QR code: the last 6 digits of a 12-digit number.
std::string canFromQr(const identity::CccdIdentity& qr);

} // namespace da06::ui
