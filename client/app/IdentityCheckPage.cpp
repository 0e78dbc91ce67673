#include "client/app/IdentityCheckPage.h"

#include <wx/app.h>
#include <wx/bitmap.h>
#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/clipbrd.h>
#include <wx/dataobj.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/image.h>
#include <wx/msgdlg.h>
#include <wx/radiobut.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/stdpaths.h>
#include <wx/textctrl.h>
#include <wx/utils.h>
#include <wx/wrapsizer.h>

#include <cstdlib>

#include "client/presenters/Translate.h"
#include "client/readers/emrtd/PcscChipReader.h"
#include "client/readers/pcsc/ReaderManager.h"
#include "domain/identity/CccdJson.h"
#include "domain/store/Store.h"
#include "reports/PdfWriter.h"

#include "client/app/FrontDeskPanels.h"
#include "client/app/WorkListStore.h"
#include "client/app/WxText.h"
#include "client/readers/QrImageReader.h"
#include "client/readers/SerialPort.h"

namespace da06::app {

namespace {

enum { ID_OpenImage = wxID_HIGHEST + 300, ID_Paste, ID_Clear, ID_Serial, ID_ReadChip, ID_CancelChip };

wxColour markColour(ui::CheckMark m)
{
    switch (m) {
    case ui::CheckMark::Pass:
        return wxColour(0, 110, 40);
    case ui::CheckMark::Warn:
        return wxColour(170, 95, 0);
    case ui::CheckMark::Fail:
        return wxColour(176, 0, 32);
    case ui::CheckMark::Skipped:
        return wxColour(110, 110, 110);
    }
    return *wxBLACK;
}

// A sign and a word, never colour alone.
wxString markText(ui::CheckMark m)
{
    switch (m) {
    case ui::CheckMark::Pass:
        return wxString::FromUTF8("✔ ") + _("Pass");
    case ui::CheckMark::Warn:
        return wxString::FromUTF8("⚠ ") + _("Warning");
    case ui::CheckMark::Fail:
        return wxString::FromUTF8("✖ ") + _("Fail");
    case ui::CheckMark::Skipped:
        return wxString::FromUTF8("– ") + _("Not checked");
    }
    return {};
}

wxColour verdictColour(ui::Verdict v)
{
    switch (v) {
    case ui::Verdict::Valid:
        return wxColour(0, 110, 40);
    case ui::Verdict::Warning:
        return wxColour(170, 95, 0);
    case ui::Verdict::Invalid:
        return wxColour(176, 0, 32);
    }
    return *wxBLACK;
}

wxStaticText* label(wxWindow* parent, const wxString& text, int sizeDelta = 0, bool bold = false)
{
    auto* t = new wxStaticText(parent, wxID_ANY, text);
    if (sizeDelta != 0 || bold) {
        wxFont f = t->GetFont();
        f.SetPointSize(f.GetPointSize() + sizeDelta);
        if (bold) {
            f.SetWeight(wxFONTWEIGHT_BOLD);
        }
        t->SetFont(f);
    }
    return t;
}

// A check as a row of three: the mark (sign and word, never colour alone), the name, the sentence.
void addCheckRow(wxWindow* box, wxFlexGridSizer* grid, const ui::IdentityCheckRow& c, int wrap)
{
    auto* m = label(box, markText(c.mark), 0, true);
    m->SetForegroundColour(markColour(c.mark));
    grid->Add(m);
    grid->Add(label(box, wx(c.label), 0, true));
    auto* msg = label(box, wx(c.message));
    msg->Wrap(wrap);
    grid->Add(msg);
}

// "What to do next:" and one bullet per step.
void addNextSteps(wxWindow* box, wxSizer* s, const std::vector<std::string>& steps, int border, int wrap)
{
    if (steps.empty()) {
        return;
    }
    s->Add(label(box, _("What to do next:"), 0, true), 0, wxLEFT | wxRIGHT, border);
    for (const auto& step : steps) {
        auto* t = label(box, wxString::FromUTF8("• ") + wx(step), 1);
        t->Wrap(wrap);
        s->Add(t, 0, wxLEFT | wxRIGHT | wxBOTTOM, border);
    }
}

std::chrono::steady_clock::time_point nowSteady()
{
    return std::chrono::steady_clock::now();
}

// Trusted CSCA certificates for passive authentication: DA06_CSCA_DIR, else the folder "csca"
// beside the store (the administrator copies the issuer's certificates there).
std::string trustFolder()
{
    if (const char* dir = std::getenv("DA06_CSCA_DIR"); dir && *dir) {
        return dir;
    }
    const auto folder = store::Store::defaultPath().parent_path() / "csca";
    std::error_code ec;
    return std::filesystem::is_directory(folder, ec) ? folder.string() : std::string();
}

// The devices of the QR inputs, as the presenter sees them: ZXing on image files, serial ports.
class ZxingImageSource final : public ui::QrImageSource {
public:
    Result<std::vector<std::string>> readQrTexts(const std::filesystem::path& path) override
    {
        return readers::readQrTextsFromFile(path);
    }
};

class SerialScanner final : public ui::ScannerConnection {
public:
    explicit SerialScanner(std::unique_ptr<readers::SerialPort> port) : m_port(std::move(port)) {}
    Result<std::optional<std::string>> readScan(std::chrono::milliseconds timeout) override
    {
        return m_port->readScan(timeout);
    }

private:
    std::unique_ptr<readers::SerialPort> m_port;
};

class SerialScannerSource final : public ui::ScannerSource {
public:
    std::vector<std::string> ports() override { return readers::listSerialPorts(); }
    Result<std::unique_ptr<ui::ScannerConnection>> open(const std::string& port) override
    {
        auto p = readers::openSerialPort(port);
        if (!p) {
            return std::unexpected(p.error());
        }
        return std::make_unique<SerialScanner>(std::move(*p));
    }
};

} // namespace

IdentityCheckPage::IdentityCheckPage(wxWindow* parent, store::Database& db, const Clock& clock,
                                     const access::Actor& actor)
    : wxPanel(parent), m_presenter(*this, clock), m_desk(*this, db, clock, actor),
      m_chip(*this, clock, std::make_shared<emrtd::CardChipReader>(emrtd::pcscCardOpener()), trustFolder()),
      m_qr(m_presenter, *this, std::make_shared<ZxingImageSource>(), std::make_shared<SerialScannerSource>()), m_db(db),
      m_clock(clock)
{
    auto* top = new wxBoxSizer(wxVERTICAL);
    buildDeskBar(top);
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    bar->Add(label(this, _("Scan the QR code on the card:"), 1, true), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
             FromDIP(8));
    m_scan = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(360), -1), wxTE_PROCESS_ENTER);
    m_scan->SetHint(_("The scanner types here; or paste the text and press Enter"));
    m_scan->SetName("scan");
    bar->Add(m_scan, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    bar->Add(new wxButton(this, ID_Paste, _("&Paste")), 0, wxRIGHT, FromDIP(4));
    bar->Add(new wxButton(this, ID_OpenImage, _("Open &image...")), 0, wxRIGHT, FromDIP(4));
    m_serialButton = new wxButton(this, ID_Serial, _("USB-COM &scanner..."));
    bar->Add(m_serialButton, 0, wxRIGHT, FromDIP(4));
    bar->Add(new wxButton(this, ID_Clear, _("&Clear (Esc)")), 0);
    top->Add(bar, 0, wxALL | wxEXPAND, FromDIP(8));

    // The chip: reader state live, the access number (pre-filled from the QR scan), read, cancel.
    auto* chipBar = new wxBoxSizer(wxHORIZONTAL);
    chipBar->Add(label(this, _("Chip:"), 1, true), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    m_readerState = label(this, _("Looking for card readers..."));
    chipBar->Add(m_readerState, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(16));
    chipBar->Add(label(this, _("Card &number or CAN:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_can = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(140), -1), wxTE_PROCESS_ENTER);
    m_can->SetHint(_("from the QR scan"));
    m_can->SetName("can");
    chipBar->Add(m_can, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_readChipButton = new wxButton(this, ID_ReadChip, _("&Read chip (F5)"));
    chipBar->Add(m_readChipButton, 0, wxRIGHT, FromDIP(4));
    m_cancelChipButton = new wxButton(this, ID_CancelChip, _("Cancel reading"));
    m_cancelChipButton->Disable();
    chipBar->Add(m_cancelChipButton, 0, wxRIGHT, FromDIP(8));
    m_chipGauge = new wxGauge(this, wxID_ANY, 100, wxDefaultPosition, wxSize(FromDIP(90), -1));
    chipBar->Add(m_chipGauge, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_chipStep = label(this, "");
    chipBar->Add(m_chipStep, 1, wxALIGN_CENTER_VERTICAL);
    top->Add(chipBar, 0, wxLEFT | wxRIGHT | wxBOTTOM | wxEXPAND, FromDIP(8));

    m_advice = label(this, "", 1, true);
    m_advice->SetForegroundColour(wxColour(170, 95, 0));
    top->Add(m_advice, 0, wxLEFT | wxRIGHT | wxEXPAND, FromDIP(8));
    m_problem = label(this, "", 1, true);
    m_problem->SetForegroundColour(wxColour(176, 0, 32));
    top->Add(m_problem, 0, wxLEFT | wxRIGHT | wxEXPAND, FromDIP(8));
    m_advice->Hide(); // shown with a message only
    m_problem->Hide();
    buildActionBar(top);

    m_results = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL);
    m_results->SetScrollRate(0, FromDIP(16));
    m_resultsSizer = new wxBoxSizer(wxVERTICAL);
    m_results->SetSizer(m_resultsSizer);
    top->Add(m_results, 1, wxALL | wxEXPAND, FromDIP(8));
    SetSizer(top);

    // Keyboard-wedge scanners: every key with its time; Enter ends the scan.
    m_scan->Bind(wxEVT_CHAR, [this](wxKeyEvent& e) {
        const int code = e.GetKeyCode();
        if (code == WXK_RETURN || code == WXK_NUMPAD_ENTER) {
            m_presenter.enterPressed(nowSteady());
            m_scan->Clear();
            return;
        }
        if (code == WXK_ESCAPE) {
            clearResult();
            return;
        }
        if (code == WXK_BACK) {
            m_presenter.backspaceTyped(nowSteady());
        } else if (const wxChar ch = e.GetUnicodeKey(); ch != WXK_NONE && ch >= 32) {
            m_presenter.keyTyped(utf8(wxString(ch)), nowSteady());
        }
        e.Skip();
    });
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onPaste(); }, ID_Paste);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onOpenImage(); }, ID_OpenImage);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onSerial(); }, ID_Serial);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { readChip(); }, ID_ReadChip);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancelChip(); }, ID_CancelChip);
    m_can->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { readChip(); });
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        if (e.GetKeyCode() == WXK_F5) {
            readChip();
            return;
        }
        if (e.GetKeyCode() == WXK_ESCAPE && m_chip.busy()) {
            cancelChip();
            return;
        }
        e.Skip();
    });

    // Readers and cards watched on the manager's thread; the page is told on the UI thread.
    m_readerManager = std::make_unique<pcsc::ReaderManager>(
        [this, ui = m_owner.delivery()](const pcsc::ReaderEvent&) { ui.post([this] { refreshReaderState(); }); });
    m_readerManager->start();
    CallAfter([this] { refreshReaderState(); });
    Bind(
        wxEVT_BUTTON,
        [this](wxCommandEvent&) {
            clearResult();
            m_scan->SetFocus();
        },
        ID_Clear);
    m_desk.load();
    m_purpose->Clear();
    for (const auto& p : m_desk.purposes()) {
        m_purpose->Append(wx(p.label));
    }
    m_purpose->SetSelection(m_desk.purposeIndex());
    if (!m_desk.purposes().empty()) {
        m_purpose->SetToolTip(wx(m_desk.purposes()[static_cast<std::size_t>(m_desk.purposeIndex())].title));
    }
}

IdentityCheckPage::~IdentityCheckPage()
{
    // Results still queued for this page are dropped (they run on the UI thread, as this does).
    m_owner.revoke();
    // The reading and the scanner end at their next poll; the tasks (members) then join them.
    m_chip.cancel();
    m_qr.stopScanner();
    if (m_readerManager) {
        m_readerManager->stop();
    }
}

void IdentityCheckPage::focusScan()
{
    m_scan->SetFocus();
}

void IdentityCheckPage::clearForLock()
{
    cancelChip();
    clearResult();
    m_can->Clear();
}

void IdentityCheckPage::clearResult()
{
    m_presenter.clear();
    m_desk.clear();
    m_scan->Clear();
}

void IdentityCheckPage::refreshReaderState()
{
    if (!m_readerManager) {
        return;
    }
    const pcsc::ReaderSnapshot snap = m_readerManager->snapshot();
    ui::ReaderStatusInput input;
    input.scanned = snap.scanned;
    input.serviceRunning = snap.serviceRunning;
    for (const auto& r : snap.readers) {
        input.readers.push_back({r.name, r.cardPresent});
    }
    const ui::ReaderStatusText status = ui::readerStatusBar(input);
    m_readerState->SetLabel(wx(status.text));
    m_readerState->SetForegroundColour(status.severity == ui::ReaderSeverity::Ok        ? wxColour(0, 110, 40)
                                       : status.severity == ui::ReaderSeverity::Error   ? wxColour(176, 0, 32)
                                       : status.severity == ui::ReaderSeverity::Warning ? wxColour(170, 95, 0)
                                                                                        : GetForegroundColour());
    if (onReaderStatus) {
        onReaderStatus(wx(status.text));
    }
    Layout();
}

void IdentityCheckPage::readChip()
{
    // The key: typed (12 digits or the 6-digit CAN), else from the last QR scan (the presenter).
    auto job = m_chip.start(utf8(m_can->GetValue().Strip(wxString::both)), m_presenter.reports());
    if (!job) {
        return;
    }
    // The reading runs off the UI thread; progress and the outcome come back only while the page lives.
    m_chipTask.run(
        [this, job = std::move(*job)](const TaskContext& ctx) {
            return job.run([this, &ctx](const ui::ChipProgress& p) { ctx.post([this, p] { m_chip.progress(p); }); });
        },
        [this](ui::ChipReadOutcome outcome) { m_chip.finish(outcome); });
}

void IdentityCheckPage::cancelChip()
{
    m_chip.cancel();
}

void IdentityCheckPage::showChipKey(const std::string& can)
{
    m_can->ChangeValue(wx(can));
}

void IdentityCheckPage::showChipKeyProblem(const std::string& text)
{
    showProblem(text);
    m_can->SetFocus();
}

void IdentityCheckPage::showChipStarted()
{
    showProblem("");
    if (m_chipBox) {
        m_chipBox->Destroy();
        m_chipBox = nullptr;
    }
    m_readChipButton->Disable();
    m_cancelChipButton->Enable();
}

void IdentityCheckPage::showChipProgress(const ui::ChipProgress& progress)
{
    m_chipGauge->SetValue(progress.percent);
    m_chipStep->SetLabel(wx(progress.text));
}

void IdentityCheckPage::showChipFinished(bool ok, const std::string& problem)
{
    m_readChipButton->Enable();
    m_cancelChipButton->Disable();
    m_chipGauge->SetValue(ok ? 100 : 0);
    m_chipStep->SetLabel(ok ? _("Chip read.") : wxString());
    if (!ok) {
        showProblem(problem);
    }
}

void IdentityCheckPage::showChipResult(const ui::ChipReadOutcome& outcome)
{
    wxImage photo;
    if (outcome.photo && outcome.photo->width > 0) {
        const auto& px = *outcome.photo;
        photo = wxImage(px.width, px.height, false);
        std::copy(px.pixels.begin(), px.pixels.end(), photo.GetData());
    }
    showChip(outcome.card, photo);
    m_desk.setResult(outcome.record);
}

void IdentityCheckPage::showChip(const ui::ChipCheckCard& card, const wxImage& photo)
{
    m_results->Freeze();
    auto* box = new wxPanel(m_results, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_SIMPLE);
    m_chipBox = box;
    auto* s = new wxBoxSizer(wxVERTICAL);
    auto* head = new wxBoxSizer(wxHORIZONTAL);
    auto* verdict = label(box, wx(card.verdictText), 8, true);
    verdict->SetForegroundColour(verdictColour(card.verdict));
    head->Add(verdict, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(16));
    head->Add(label(box, _("Chip") + wxString::FromUTF8(" — ") + wx(card.accessText)), 0, wxALIGN_CENTER_VERTICAL);
    s->Add(head, 0, wxALL, FromDIP(8));

    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    auto* photoColumn = new wxBoxSizer(wxVERTICAL);
    if (photo.IsOk()) {
        const int h = FromDIP(200);
        const int w = photo.GetWidth() * h / std::max(1, photo.GetHeight());
        photoColumn->Add(new wxStaticBitmap(box, wxID_ANY, wxBitmap(photo.Scale(w, h, wxIMAGE_QUALITY_HIGH))), 0,
                         wxBOTTOM, FromDIP(4));
    }
    auto* photoNote = label(box, wx(card.photoText));
    photoNote->Wrap(FromDIP(200));
    photoColumn->Add(photoNote);
    columns->Add(photoColumn, 0, wxRIGHT, FromDIP(16));

    auto* fields = new wxFlexGridSizer(2, FromDIP(4), FromDIP(12));
    for (const auto& f : card.fields) {
        fields->Add(label(box, wx(f.label), 0, true));
        auto* v = label(box, wx(f.value), 1);
        v->Wrap(FromDIP(250));
        fields->Add(v);
    }
    columns->Add(fields, 1, wxRIGHT, FromDIP(16));

    auto* checks = new wxFlexGridSizer(3, FromDIP(4), FromDIP(10));
    for (const auto& c : card.verifications) {
        addCheckRow(box, checks, c, FromDIP(200));
    }
    for (const auto& c : card.crossChecks) {
        addCheckRow(box, checks, c, FromDIP(200));
    }
    columns->Add(checks, 1);
    s->Add(columns, 0, wxLEFT | wxRIGHT | wxBOTTOM | wxEXPAND, FromDIP(8));

    if (!card.comparison.empty()) {
        s->Add(label(box, _("Chip and QR code side by side:"), 0, true), 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
        auto* grid = new wxFlexGridSizer(4, FromDIP(3), FromDIP(12));
        grid->Add(label(box, "", 0, true));
        grid->Add(label(box, _("Chip"), 0, true));
        grid->Add(label(box, _("QR code"), 0, true));
        grid->Add(label(box, "", 0, true));
        for (const auto& row : card.comparison) {
            grid->Add(label(box, wx(row.label), 0, true));
            auto* chip = label(box, wx(row.chip));
            chip->Wrap(FromDIP(300));
            grid->Add(chip);
            auto* q = label(box, wx(row.qr));
            q->Wrap(FromDIP(300));
            if (row.differs) {
                q->SetForegroundColour(markColour(ui::CheckMark::Fail));
            }
            grid->Add(q);
            auto* m = label(box, markText(row.differs ? ui::CheckMark::Fail : ui::CheckMark::Pass), 0, true);
            m->SetForegroundColour(markColour(row.differs ? ui::CheckMark::Fail : ui::CheckMark::Pass));
            grid->Add(m);
        }
        s->Add(grid, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    }
    addNextSteps(box, s, card.nextSteps, FromDIP(8), FromDIP(900));
    box->SetSizer(s);
    m_resultsSizer->Insert(0, box, 0, wxBOTTOM | wxEXPAND, FromDIP(10));
    m_results->FitInside();
    m_results->Layout();
    m_results->Thaw();
    Layout();
}

void IdentityCheckPage::checkText(const std::string& payload)
{
    m_presenter.checkPastedText(payload);
}

void IdentityCheckPage::onPaste()
{
    if (!wxTheClipboard->Open()) {
        return;
    }
    wxTextDataObject data;
    const bool got = wxTheClipboard->IsSupported(wxDF_UNICODETEXT) && wxTheClipboard->GetData(data);
    wxTheClipboard->Close();
    m_presenter.checkPastedText(got ? utf8(data.GetText()) : std::string());
}

void IdentityCheckPage::onOpenImage()
{
    if (!m_qr.canOpenImage()) {
        return;
    }
    wxFileDialog dlg(this, _("Open a photo or a scan of the card"), "", "",
                     _("Images (*.png;*.jpg;*.jpeg;*.bmp)|*.png;*.jpg;*.jpeg;*.bmp;*.PNG;*.JPG;*.JPEG;*.BMP"),
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK) {
        return;
    }
    auto job = m_qr.openImage(std::filesystem::path(utf8(dlg.GetPath())));
    if (!job) {
        return;
    }
    // Decoding a large photo takes a moment: off the UI thread; the result comes back only while
    // the page still exists.
    m_imageTask.run(
        [job = *job](const TaskContext&) { return job.run(); },
        [this, path = job->path()](Result<std::vector<std::string>> codes) { m_qr.imageRead(path, codes); });
}

void IdentityCheckPage::onSerial()
{
    auto job = m_qr.toggleScanner();
    if (!m_qr.listening()) {
        m_serialTask.stop(); // stopped (or never started): wait for the listening thread
    }
    if (!job) {
        return;
    }
    // Scans are checked on the UI thread as they come, only while the page lives.
    m_serialTask.run(
        [this, job = std::move(*job)](const TaskContext& ctx) {
            job.run(
                [this, &ctx](std::string text) { ctx.post([this, text = std::move(text)] { m_qr.scanned(text); }); },
                [this, &ctx](std::string message) {
                    ctx.post([this, message = std::move(message)] { m_qr.scannerFailed(message); });
                });
        },
        [] {});
}

void IdentityCheckPage::showQrStatus(const std::string& text)
{
    if (onStatus) {
        onStatus(wx(text));
    }
}

void IdentityCheckPage::showScannerListening(bool listening)
{
    m_serialButton->SetLabel(listening ? _("Stop the &scanner") : _("USB-COM &scanner..."));
}

void IdentityCheckPage::showScannerNotice(const std::string& text, bool warning)
{
    if (warning) {
        wxMessageBox(wx(text), _("USB-COM scanner"), wxOK | wxICON_WARNING, this);
    } else {
        wxMessageBox(wx(text), _("Identity check"), wxOK | wxICON_INFORMATION, this);
    }
}

std::optional<std::string> IdentityCheckPage::chooseScannerPort(const std::vector<std::string>& ports)
{
    wxArrayString choices;
    for (const auto& p : ports) {
        choices.Add(wx(p));
    }
    wxSingleChoiceDialog pick(this, _("The scanner's port:"), _("USB-COM scanner"), choices);
    if (pick.ShowModal() != wxID_OK) {
        return std::nullopt;
    }
    return utf8(pick.GetStringSelection());
}

void IdentityCheckPage::showScannerFailed(const std::string& text)
{
    showProblem(text);
}

void IdentityCheckPage::showCards(const std::vector<ui::IdentityCheckCard>& cards)
{
    m_problem->SetLabel("");
    m_problem->Hide();
    m_results->Freeze();
    m_resultsSizer->Clear(true);
    m_chipBox = nullptr;
    for (const auto& card : cards) {
        auto* box = new wxPanel(m_results, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_SIMPLE);
        auto* s = new wxBoxSizer(wxVERTICAL);
        auto* head = new wxBoxSizer(wxHORIZONTAL);
        auto* verdict = label(box, wx(card.verdictText), 8, true);
        verdict->SetForegroundColour(verdictColour(card.verdict));
        head->Add(verdict, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(16));
        head->Add(label(box, wx(card.source)), 0, wxALIGN_CENTER_VERTICAL);
        s->Add(head, 0, wxALL, FromDIP(8));

        auto* columns = new wxBoxSizer(wxHORIZONTAL);
        auto* fields = new wxFlexGridSizer(2, FromDIP(4), FromDIP(12));
        for (const auto& f : card.fields) {
            fields->Add(label(box, wx(f.label), 0, true));
            auto* v = label(box, wx(f.value), 1);
            v->Wrap(FromDIP(380));
            fields->Add(v);
        }
        fields->Add(label(box, _("Card expiry"), 0, true));
        fields->Add(label(box, wx(card.expiryText), 1, true));
        columns->Add(fields, 1, wxRIGHT, FromDIP(16));

        auto* checks = new wxFlexGridSizer(3, FromDIP(4), FromDIP(10));
        for (const auto& c : card.checks) {
            addCheckRow(box, checks, c, FromDIP(360));
        }
        columns->Add(checks, 1);
        s->Add(columns, 0, wxLEFT | wxRIGHT | wxBOTTOM | wxEXPAND, FromDIP(8));
        addNextSteps(box, s, card.nextSteps, FromDIP(8), FromDIP(900));
        box->SetSizer(s);
        m_resultsSizer->Add(box, 0, wxBOTTOM | wxEXPAND, FromDIP(10));
    }
    m_results->FitInside();
    m_results->Layout();
    m_results->Thaw();
    Layout();
    // The front desk's result: the JSON `da06 idcheck qr --json` prints for these codes.
    const auto& reports = m_presenter.reports();
    if (reports.size() == 1) {
        m_desk.setResult(identity::cccdReportToJson(reports.front()));
    } else if (!reports.empty()) {
        json::Value all = json::Array{};
        for (const auto& r : reports) {
            all.push(identity::cccdReportToJson(r));
        }
        m_desk.setResult(all);
    }
}

void IdentityCheckPage::showScannerAdvice(const std::string& text)
{
    m_advice->SetLabel(wx(text));
    m_advice->Show(!text.empty());
    m_advice->Wrap(GetClientSize().GetWidth() - FromDIP(20));
    Layout();
}

void IdentityCheckPage::showProblem(const std::string& text)
{
    m_problem->SetLabel(wx(text));
    m_problem->Show(!text.empty());
    m_problem->Wrap(GetClientSize().GetWidth() - FromDIP(20));
    Layout();
}

void IdentityCheckPage::clearAll()
{
    m_advice->SetLabel("");
    m_problem->SetLabel("");
    m_advice->Hide();
    m_problem->Hide();
    m_resultsSizer->Clear(true);
    m_chipBox = nullptr;
    m_results->FitInside();
    Layout();
}

} // namespace da06::app

// ---- The front desk ---------------------------------------------------------------------------

namespace da06::app {

void IdentityCheckPage::buildDeskBar(wxSizer* top)
{
    const int gap = FromDIP(8);
    auto* grid = new wxFlexGridSizer(2, FromDIP(6), gap);
    grid->AddGrowableCol(1);
    grid->Add(label(this, _("Purpose of the chec&k (model):"), 0, true), 0, wxALIGN_CENTER_VERTICAL);
    m_purpose = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(420), -1));
    m_purpose->SetName("purpose");
    grid->Add(m_purpose, 1, wxEXPAND);
    grid->Add(label(this, _("Legal ground:"), 0, true), 0, wxALIGN_CENTER_VERTICAL);
    // Wraps onto a second line when the window is narrow or the text large (150 %).
    auto* consent = new wxWrapSizer(wxHORIZONTAL);
    m_consentNone =
        new wxRadioButton(this, wxID_ANY, _("Not chosen yet"), wxDefaultPosition, wxDefaultSize, wxRB_GROUP);
    m_consentGiven = new wxRadioButton(this, wxID_ANY, _("Consent &given by the citizen"));
    m_consentGiven->SetName("consent-given");
    m_consentGiven->SetToolTip(_("The citizen agreed to the processing of their personal data (Decree 13/2023/ND-CP)"));
    m_consentLegal = new wxRadioButton(this, wxID_ANY, _("Legal o&bligation"));
    m_consentLegal->SetName("consent-legal");
    m_consentLegal->SetToolTip(
        _("A law requires the processing (the pawnshop register, notarial acts): consent is not the ground"));
    for (auto* r : {m_consentNone, m_consentGiven, m_consentLegal}) {
        consent->Add(r, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 2);
    }
    auto* note = new wxBoxSizer(wxHORIZONTAL);
    note->Add(new wxStaticText(this, wxID_ANY, _("Consent n&ote:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
    m_consentNote = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(220), -1));
    m_consentNote->SetHint(_("for example: signed form no. 12"));
    note->Add(m_consentNote, 0, wxALIGN_CENTER_VERTICAL);
    consent->Add(note, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(consent, 1, wxEXPAND);
    top->Add(grid, 0, wxLEFT | wxRIGHT | wxTOP | wxEXPAND, gap);

    m_purpose->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) {
        const int i = e.GetSelection();
        if (i >= 0 && static_cast<std::size_t>(i) < m_desk.purposes().size()) {
            const auto& p = m_desk.purposes()[static_cast<std::size_t>(i)];
            m_desk.setPurpose(p.model);
            m_purpose->SetToolTip(wx(p.title));
        }
    });
    auto onConsent = [this](wxCommandEvent&) {
        m_desk.setConsent(m_consentGiven->GetValue()   ? ui::ConsentChoice::Given
                          : m_consentLegal->GetValue() ? ui::ConsentChoice::LegalObligation
                                                       : ui::ConsentChoice::None);
    };
    for (auto* r : {m_consentNone, m_consentGiven, m_consentLegal}) {
        r->Bind(wxEVT_RADIOBUTTON, onConsent);
    }
    m_consentNote->Bind(wxEVT_TEXT,
                        [this](wxCommandEvent&) { m_desk.setConsentNote(utf8(m_consentNote->GetValue())); });
}

void IdentityCheckPage::buildActionBar(wxSizer* top)
{
    const int gap = FromDIP(8);
    // The state of the check in large coloured words across the page; below it the actions and
    // the next step.
    m_deskSummary = label(this, "", 2, true);
    m_deskSummary->SetName("desk-summary");
    top->Add(m_deskSummary, 0, wxLEFT | wxRIGHT | wxTOP | wxEXPAND, gap);
    // The next step beside the buttons, or below them when the line is too short.
    auto* bar = new wxWrapSizer(wxHORIZONTAL);
    m_saveButton = new wxButton(this, wxID_ANY, _("Sa&ve check (Ctrl+S)"));
    m_attachButton = new wxButton(this, wxID_ANY, _("Attach to a case / contract / pa&yout... (Ctrl+G)"));
    m_printButton = new wxButton(this, wxID_ANY, _("Print receipt (Ctrl+P)"));
    for (auto* b : {m_saveButton, m_attachButton, m_printButton}) {
        bar->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
        b->Disable();
    }
    m_deskHint = label(this, "");
    bar->Add(m_deskHint, 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxTOP | wxBOTTOM, FromDIP(4));
    top->Add(bar, 0, wxLEFT | wxRIGHT | wxTOP | wxEXPAND, FromDIP(4));
    m_saveButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { saveCheck(); });
    m_attachButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { attachCheck(); });
    m_printButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { printReceipt(); });
}

void IdentityCheckPage::saveCheck()
{
    if (m_desk.save() && onDeskChanged) {
        onDeskChanged();
    }
}

void IdentityCheckPage::attachCheck()
{
    if (runAttachDialog(this, m_desk, m_clock) && onDeskChanged) {
        onDeskChanged();
    }
    m_scan->SetFocus();
}

void IdentityCheckPage::printReceipt()
{
    if (m_printTask.busy()) {
        return;
    }
    if (!m_desk.saved()) {
        (void)m_desk.receipt(); // says why there is no receipt yet
        return;
    }
    // The documents folder (on Linux without XDG folders wx answers the home folder: then
    // ~/Documents when it exists, else the store's folder).
    std::filesystem::path documents(utf8(wxStandardPaths::Get().GetDocumentsDir()));
    if (documents == std::filesystem::path(utf8(wxGetHomeDir()))) {
        documents = documents / "Documents";
    }
    const std::filesystem::path folder = ui::receiptFolder(m_db, documents, m_db.path().parent_path());
    wxFileDialog dlg(this, _("Save the receipt (PDF)"), wx(folder.string()), wx(m_desk.receiptFileName()),
                     _("PDF files (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK) {
        return;
    }
    auto receipt = m_desk.receipt();
    if (!receipt) {
        return;
    }
    const std::filesystem::path path(utf8(dlg.GetPath()));
    showStatus(utf8(_("Writing the receipt...")));
    // Rendering runs off the UI thread; the result comes back only while the page exists.
    m_printTask.run(
        [doc = reports::receiptDocument(*receipt), path](const TaskContext&) { return reports::writePdf(doc, path); },
        [this, path](Status st) {
            m_desk.receiptWritten(path, st);
            if (st) {
                wxLaunchDefaultApplication(wx(path.string()));
            }
        });
}

void IdentityCheckPage::showDeskState(const ui::FrontDeskState& state)
{
    if (!m_deskSummary) {
        return; // still building the page
    }
    m_deskSummary->SetLabel(wx(state.summary));
    m_deskSummary->SetForegroundColour(state.tone == ui::Tone::Neutral ? GetForegroundColour()
                                                                       : toneColour(state.tone));
    m_deskHint->SetLabel(wx(state.hint));
    m_saveButton->Enable(state.canSave);
    m_attachButton->Enable(state.canAttach);
    m_attachButton->SetToolTip(wx(state.attachLabel));
    m_printButton->Enable(state.canPrint);
    // A new citizen starts with the legal ground not chosen.
    switch (m_desk.consent()) {
    case ui::ConsentChoice::None:
        m_consentNone->SetValue(true);
        break;
    case ui::ConsentChoice::Given:
        m_consentGiven->SetValue(true);
        break;
    case ui::ConsentChoice::LegalObligation:
        m_consentLegal->SetValue(true);
        break;
    }
    if (m_desk.consentNote().empty() && !m_consentNote->GetValue().empty()) {
        m_consentNote->ChangeValue("");
    }
    const int width = GetClientSize().GetWidth();
    const int buttons = m_saveButton->GetBestSize().GetWidth() + m_attachButton->GetBestSize().GetWidth() +
                        m_printButton->GetBestSize().GetWidth() + FromDIP(40);
    m_deskSummary->Wrap(std::max(FromDIP(300), width - FromDIP(20)));
    // Beside the buttons when a readable column is left, else on its own line below them.
    const int beside = width - buttons;
    m_deskHint->Wrap(beside >= FromDIP(320) ? beside : std::max(FromDIP(300), width - FromDIP(24)));
    Layout();
}

void IdentityCheckPage::showStatus(const std::string& text)
{
    if (onStatus) {
        onStatus(wx(text));
    }
}

void IdentityCheckPage::showError(const std::string& text)
{
    wxMessageBox(wx(text), _("Identity check"), wxOK | wxICON_WARNING, this);
}

} // namespace da06::app
