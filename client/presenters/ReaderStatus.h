#pragma once
// What the desktop shows about the card readers: the status-bar text from the reader manager's
// snapshot, and for each failure of a chip reading a message a clerk can follow. No wx, no PC/SC:
// the desktop copies the manager's snapshot (da06::pcsc::ReaderSnapshot) into ReaderStatusInput.
#include <string>
#include <vector>

#include "domain/core/Error.h"

namespace da06::ui {

enum class ReaderSeverity {
    Ok,      // a card is ready to read
    Info,    // nothing wrong, something to do (place the card)
    Warning, // the reading cannot go on until the clerk acts (no reader, card removed, …)
    Error,   // the setup is broken (service not running) or the card is refused
};

struct ReaderLine {
    std::string name; // as PC/SC lists it (no personal data)
    bool cardPresent = false;
};

struct ReaderStatusInput {
    bool scanned = true; // false before the manager looked for the first time
    bool serviceRunning = true;
    std::vector<ReaderLine> readers;
};

struct ReaderStatusText {
    ReaderSeverity severity = ReaderSeverity::Info;
    std::string text; // translated
};

struct ReaderMessage {
    ReaderSeverity severity = ReaderSeverity::Warning;
    std::string title;     // translated, short ("No card on the reader")
    std::string advice;    // translated, what to do now
    bool retrying = false; // the reading retries by itself (card reset): show progress, no button
};

// The status-bar text: "Reader: none", "Reader: ACS ACR1252 — no card", "Reader: … — card
// present", "Smart card service not running". With several readers it names the chosen one
// (preferred when it is connected, else the first holding a card, else the first) and counts
// the others.
ReaderStatusText readerStatusBar(const ReaderStatusInput& input, const std::string& preferredReader = {});

// The message for a failed chip reading (or an opening that could not start), chosen by the
// error code: service not running (how to start it on Windows and on Linux), no reader, no card,
// card removed during reading, card reset (retrying), not an identity card, wrong access key,
// authentication failed, cancelled, timeout; anything else gets a generic sentence.
ReaderMessage readerErrorMessage(ErrorCode code);
inline ReaderMessage readerErrorMessage(const Error& error)
{
    return readerErrorMessage(error.code);
}

} // namespace da06::ui
