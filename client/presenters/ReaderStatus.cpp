#include "client/presenters/ReaderStatus.h"

#include <algorithm>

#include "client/presenters/Translate.h"

namespace da06::ui {

ReaderStatusText readerStatusBar(const ReaderStatusInput& input, const std::string& preferredReader)
{
    if (!input.scanned) {
        return {ReaderSeverity::Info, tr("Reader: looking...")};
    }
    if (!input.serviceRunning) {
        return {ReaderSeverity::Error, tr("Smart card service not running")};
    }
    if (input.readers.empty()) {
        return {ReaderSeverity::Warning, tr("Reader: none")};
    }
    const auto& list = input.readers;
    auto chosen = std::find_if(list.begin(), list.end(), [&](const ReaderLine& r) {
        return !preferredReader.empty() && r.name == preferredReader;
    });
    if (chosen == list.end()) {
        chosen = std::find_if(list.begin(), list.end(), [](const ReaderLine& r) { return r.cardPresent; });
    }
    if (chosen == list.end()) {
        chosen = list.begin();
    }
    // The msgids stay ASCII: the dash is a separator between two translated parts.
    std::string text = format1(tr("Reader: %s"), chosen->name) + " \u2014 " +
                       (chosen->cardPresent ? tr("card present") : tr("no card"));
    if (list.size() > 1) {
        text += " " + format1(tr("(+%s more)"), std::to_string(list.size() - 1));
    }
    return {chosen->cardPresent ? ReaderSeverity::Ok : ReaderSeverity::Info, text};
}

ReaderMessage readerErrorMessage(ErrorCode code)
{
    switch (code) {
    case ErrorCode::ServiceUnavailable:
        return {ReaderSeverity::Error, tr("The smart card service is not running"),
                tr("On Windows: plug the card reader in first (Windows starts the service when a reader is "
                   "connected); if it still does not run, open Services (services.msc), start \"Smart Card\" and "
                   "set its startup type to Automatic. On Linux: run \"sudo systemctl enable --now pcscd\". Then "
                   "read the card again."),
                false};
    case ErrorCode::NoReader:
        return {ReaderSeverity::Warning, tr("No card reader found"),
                tr("Plug the card reader into a USB port and wait a few seconds. If it is still not found, install "
                   "the reader's driver (on Linux the package pcscd and the reader's driver, e.g. libccid) or try "
                   "another USB port."),
                false};
    case ErrorCode::NoCard:
        return {ReaderSeverity::Info, tr("No card on the reader"),
                tr("Place the identity card flat on the reader and leave it there until the reading is "
                   "finished."),
                false};
    case ErrorCode::CardRemoved:
        return {ReaderSeverity::Warning, tr("The card was removed during reading"),
                tr("Put the card back on the reader and keep it still until the reading is finished; then read "
                   "again."),
                false};
    case ErrorCode::CardReset:
        return {ReaderSeverity::Info, tr("The card was reset by another program"), tr("Retrying the reading..."), true};
    case ErrorCode::NotIdentityCard:
        return {ReaderSeverity::Error, tr("This is not an identity card"),
                tr("The card on the reader has no identity-document chip. Check that it is the citizen's chip-based "
                   "identity card (CCCD) and that no other card (bank card, key card) lies on the reader."),
                false};
    case ErrorCode::AccessDenied:
        return {ReaderSeverity::Error, tr("The chip refused the access key"),
                tr("Check the 12-digit identity number (its last 6 digits open the chip) or the three lines of the "
                   "MRZ on the back of the card (document number, date of birth, date of expiry), then read "
                   "again."),
                false};
    case ErrorCode::AuthenticationFailed:
        return {ReaderSeverity::Error, tr("The chip failed a security check"),
                tr("The data of the chip could not be verified. Read the card again; if it fails again, do not "
                   "accept the card and report it."),
                false};
    case ErrorCode::Cancelled:
        return {ReaderSeverity::Info, tr("Reading cancelled"), tr("Read the card again when you are ready."), false};
    case ErrorCode::Timeout:
        return {ReaderSeverity::Warning, tr("The card reader did not answer in time"),
                tr("Keep the card still on the reader and read again. If it keeps happening, unplug the reader and "
                   "plug it in again."),
                false};
    default:
        return {ReaderSeverity::Error, tr("The card could not be read"),
                tr("Read the card again. If it keeps failing, restart the card reader and the smart card "
                   "service."),
                false};
    }
}

} // namespace da06::ui
