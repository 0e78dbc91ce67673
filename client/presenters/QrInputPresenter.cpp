#include "client/presenters/QrInputPresenter.h"

#include "client/presenters/Translate.h"

namespace da06::ui {

void ScannerJob::run(const std::function<void(std::string)>& onScan,
                     const std::function<void(std::string)>& onFailure) const
{
    while (!m_stop->load()) {
        auto scan = m_connection->readScan(std::chrono::milliseconds(200));
        if (!scan) {
            onFailure(scan.error().message);
            return;
        }
        if (*scan) {
            onScan(std::move(**scan));
        }
    }
}

QrInputPresenter::QrInputPresenter(IdentityCheckPresenter& checks, QrInputView& view,
                                   std::shared_ptr<QrImageSource> images, std::shared_ptr<ScannerSource> scanners)
    : m_checks(checks), m_view(view), m_images(std::move(images)), m_scanners(std::move(scanners))
{
}

std::optional<QrImageJob> QrInputPresenter::openImage(const std::filesystem::path& path)
{
    if (m_imageBusy) {
        return std::nullopt;
    }
    m_imageBusy = true;
    m_view.showQrStatus(tr("Reading the QR codes of the image..."));
    QrImageJob job;
    job.m_source = m_images;
    job.m_path = path;
    return job;
}

void QrInputPresenter::imageRead(const std::filesystem::path& path, const Result<std::vector<std::string>>& codes)
{
    m_imageBusy = false;
    m_checks.showImageResult(path, codes);
    m_view.showQrStatus("");
}

std::optional<ScannerJob> QrInputPresenter::toggleScanner()
{
    if (listening()) {
        stopScanner();
        m_stop.reset();
        m_view.showScannerListening(false);
        m_view.showQrStatus(tr("The USB-COM scanner is no longer listened to."));
        return std::nullopt;
    }
    const std::vector<std::string> ports = m_scanners->ports();
    if (ports.empty()) {
        m_view.showScannerNotice(
            tr("No USB-COM scanner was found. Plug the scanner in, switch it to USB-COM (virtual serial port) "
               "mode, then try again."),
            false);
        return std::nullopt;
    }
    const auto chosen = m_view.chooseScannerPort(ports);
    if (!chosen) {
        return std::nullopt;
    }
    auto connection = m_scanners->open(*chosen);
    if (!connection) {
        m_view.showScannerNotice(connection.error().message, true);
        return std::nullopt;
    }
    m_stop = std::make_shared<std::atomic<bool>>(false);
    m_view.showScannerListening(true);
    m_view.showQrStatus(format1(tr("Listening to the scanner on %s"), *chosen));
    ScannerJob job;
    job.m_connection = std::shared_ptr<ScannerConnection>(std::move(*connection));
    job.m_stop = m_stop;
    return job;
}

void QrInputPresenter::stopScanner()
{
    if (m_stop) {
        m_stop->store(true);
    }
}

void QrInputPresenter::scanned(const std::string& text)
{
    m_checks.checkSerialScan(text);
}

void QrInputPresenter::scannerFailed(const std::string& message)
{
    m_view.showScannerFailed(tr("The scanner stopped answering (unplugged?)") + ": " + message);
}

} // namespace da06::ui
