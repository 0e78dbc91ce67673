#pragma once
// The front-desk identity check, part 1: the CCCD QR code. Input comes from a serial scanner (one
// line per scan), from a keyboard-wedge scanner (a burst of keys ending in Enter, see
// IdentityCheckScanBurst.h), from pasted text, or from an image file (every QR code in it). For
// each code the page shows the identity read, each check with a pass / warn / fail mark and a
// sentence, the computed expiry, the verdict in words, and what to do next. No wx; the image
// decoder may be injected (tests pass a fake); the page decodes through QrInputPresenter on a worker
// and hands the codes to showImageResult.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "client/presenters/IdentityCheckScanBurst.h"
#include "domain/core/Clock.h"
#include "domain/core/Error.h"
#include "domain/identity/CccdCheck.h"

namespace da06::ui {

enum class CheckMark { Pass, Warn, Fail, Skipped };

enum class Verdict {
    Valid,   // "Hợp lệ"
    Warning, // "Cảnh báo": usable, but look again
    Invalid, // "Không hợp lệ"
};

enum class InputSource { SerialScanner, KeyboardScanner, Typed, Pasted, ImageFile };

struct IdentityField {
    std::string label; // translated
    std::string value;
};

struct IdentityCheckRow {
    CheckMark mark = CheckMark::Skipped;
    std::string label;   // translated name of the check ("Card number")
    std::string message; // translated sentence
};

// One QR code, as the page shows it.
struct IdentityCheckCard {
    Verdict verdict = Verdict::Invalid;
    std::string verdictText;           // the word shown large with the colour
    std::string source;                // "Serial scanner", "Image card.jpg: code 2 of 3"
    std::vector<IdentityField> fields; // card number, name, dates, sex, residence, …
    std::vector<IdentityCheckRow> checks;
    std::string expiryText;             // "Valid until 15/03/2030", "Valid for life", "Unknown"
    std::vector<std::string> nextSteps; // what the clerk does now, most important first
};

class IdentityCheckView {
public:
    virtual ~IdentityCheckView() = default;
    // The results of one input (one card for a scan, one per QR code for an image).
    virtual void showCards(const std::vector<IdentityCheckCard>& cards) = 0;
    // A banner above the results: the scanner is in keyboard mode and loses diacritics or
    // separators; switch it to USB-COM mode.
    virtual void showScannerAdvice(const std::string& text) = 0;
    // The input gave nothing to check (no QR code in the image, the image cannot be read, an
    // empty paste): what happened and what to do.
    virtual void showProblem(const std::string& text) = 0;
    // Personal data off the screen (desk locked, new citizen).
    virtual void clearAll() = 0;
};

class IdentityCheckPresenter {
public:
    // The texts of every QR code in an image file; an empty list when there is none.
    using ImageDecoder = std::function<Result<std::vector<std::string>>(const std::filesystem::path&)>;

    IdentityCheckPresenter(IdentityCheckView& view, const Clock& clock, ImageDecoder decoder = {})
        : m_view(view), m_clock(clock), m_decoder(std::move(decoder))
    {
    }

    void checkSerialScan(std::string_view text);
    void checkPastedText(std::string_view text);
    // Decodes with the injected decoder on this thread. A page that decodes on a worker thread
    // calls showImageResult (on the UI thread) with what the worker got instead.
    void checkImageFile(const std::filesystem::path& path);
    void showImageResult(const std::filesystem::path& path, const Result<std::vector<std::string>>& codes);

    // The scan field: each character and Enter, with their times (keyboard-wedge scanners).
    void keyTyped(std::string_view utf8, ScanBurst::Clock::time_point t);
    void backspaceTyped(ScanBurst::Clock::time_point t);
    void enterPressed(ScanBurst::Clock::time_point t);

    // Forgets every result and clears the page.
    void clear();

    const std::vector<IdentityCheckCard>& cards() const { return m_cards; }
    const std::vector<identity::CccdReport>& reports() const { return m_reports; }

    // The card the page shows for a report (public for the page's print view and the tests).
    static IdentityCheckCard cardFor(const identity::CccdReport& report, const std::string& source);
    static std::string verdictText(Verdict v);
    static Verdict verdictOf(const identity::CccdReport& report);

private:
    void checkTexts(const std::vector<std::string>& texts, InputSource source, const std::string& label);

    IdentityCheckView& m_view;
    const Clock& m_clock;
    ImageDecoder m_decoder;
    ScanBurst m_burst;
    std::vector<identity::CccdReport> m_reports;
    std::vector<IdentityCheckCard> m_cards;
};

} // namespace da06::ui
