#pragma once
// The QR inputs of the identity-check page that need a device: an image file (every QR code in
// it, decoded with ZXing by the real source) and a serial scanner in USB-COM mode (listened to
// until the clerk stops it). Both sources are injected as small interfaces (the page passes ones
// built on da06::readers, the tests fakes); what they give goes to the IdentityCheckPresenter. No
// wx and no threads: the slow parts are jobs the page runs off the UI thread, bringing their
// results back to this presenter on the UI thread.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/presenters/IdentityCheckPresenter.h"
#include "domain/core/Error.h"

namespace da06::ui {

// The texts of every QR code in an image file (empty: none found).
class QrImageSource {
public:
    virtual ~QrImageSource() = default;
    virtual Result<std::vector<std::string>> readQrTexts(const std::filesystem::path& path) = 0;
};

// An open scanner port: the next scan (one line) within timeout, nullopt when none came, an error
// when the port failed (unplugged).
class ScannerConnection {
public:
    virtual ~ScannerConnection() = default;
    virtual Result<std::optional<std::string>> readScan(std::chrono::milliseconds timeout) = 0;
};

// The serial ports a scanner may be on, and opening one.
class ScannerSource {
public:
    virtual ~ScannerSource() = default;
    virtual std::vector<std::string> ports() = 0;
    virtual Result<std::unique_ptr<ScannerConnection>> open(const std::string& port) = 0;
};

class QrInputView {
public:
    virtual ~QrInputView() = default;
    // The status line ("" clears it).
    virtual void showQrStatus(const std::string& text) = 0;
    // The scanner button: listening (offers Stop) or not.
    virtual void showScannerListening(bool listening) = 0;
    // No scanner port or the port cannot be opened: a message the clerk must acknowledge
    // (warning: the port failed to open; else only information).
    virtual void showScannerNotice(const std::string& text, bool warning) = 0;
    // The clerk picks the scanner's port among ports; nullopt when cancelled.
    virtual std::optional<std::string> chooseScannerPort(const std::vector<std::string>& ports) = 0;
    // The scanner stopped answering while listened to: the problem line of the page.
    virtual void showScannerFailed(const std::string& text) = 0;
};

// Decoding one image off the UI thread (copyable; run once).
class QrImageJob {
public:
    Result<std::vector<std::string>> run() const { return m_source->readQrTexts(m_path); }
    const std::filesystem::path& path() const { return m_path; }

private:
    friend class QrInputPresenter;
    std::shared_ptr<QrImageSource> m_source;
    std::filesystem::path m_path;
};

// Listening to a scanner off the UI thread until stopped or the port fails (copyable; run once).
class ScannerJob {
public:
    // Reads scans until stopped: each one to onScan, a failure to onFailure (then it ends). Both are
    // called on the calling thread; the page forwards them to scanned / scannerFailed.
    void run(const std::function<void(std::string)>& onScan, const std::function<void(std::string)>& onFailure) const;

private:
    friend class QrInputPresenter;
    std::shared_ptr<ScannerConnection> m_connection;
    std::shared_ptr<std::atomic<bool>> m_stop;
};

class QrInputPresenter {
public:
    QrInputPresenter(IdentityCheckPresenter& checks, QrInputView& view, std::shared_ptr<QrImageSource> images,
                     std::shared_ptr<ScannerSource> scanners);

    // Open image: false while an image is still being decoded (the page then opens no dialog).
    bool canOpenImage() const { return !m_imageBusy; }
    // The file chosen: a job to run off the UI thread (nullopt while one runs).
    std::optional<QrImageJob> openImage(const std::filesystem::path& path);
    // On the UI thread with what the job returned: the codes are checked and shown.
    void imageRead(const std::filesystem::path& path, const Result<std::vector<std::string>>& codes);

    // The scanner button: starts listening (ports listed, one chosen, opened: a job to run off the
    // UI thread), or, while listening, stops (nullopt; the page then ends the job's task).
    std::optional<ScannerJob> toggleScanner();
    bool listening() const { return m_stop != nullptr; }
    // Asks a running scanner job to end (before the page waits for it).
    void stopScanner();
    // On the UI thread with what the job reported.
    void scanned(const std::string& text);
    void scannerFailed(const std::string& message);

private:
    IdentityCheckPresenter& m_checks;
    QrInputView& m_view;
    std::shared_ptr<QrImageSource> m_images;
    std::shared_ptr<ScannerSource> m_scanners;
    bool m_imageBusy = false;
    std::shared_ptr<std::atomic<bool>> m_stop; // set while listening
};

} // namespace da06::ui
