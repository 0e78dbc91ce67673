#include "app/IdentityCheckPage.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/clipbrd.h>
#include <wx/dataobj.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/app.h>

#include "app/WxText.h"
#include "readers/QrImageReader.h"
#include "readers/SerialPort.h"

namespace da06::app {

namespace {

enum { ID_OpenImage = wxID_HIGHEST + 300, ID_Paste, ID_Clear, ID_Serial };

wxColour markColour(ui::CheckMark m)
{
    switch (m) {
    case ui::CheckMark::Pass: return wxColour(0, 110, 40);
    case ui::CheckMark::Warn: return wxColour(170, 95, 0);
    case ui::CheckMark::Fail: return wxColour(176, 0, 32);
    case ui::CheckMark::Skipped: return wxColour(110, 110, 110);
    }
    return *wxBLACK;
}

// A sign and a word, never colour alone.
wxString markText(ui::CheckMark m)
{
    switch (m) {
    case ui::CheckMark::Pass: return wxString::FromUTF8("✔ ") + _("Pass");
    case ui::CheckMark::Warn: return wxString::FromUTF8("⚠ ") + _("Warning");
    case ui::CheckMark::Fail: return wxString::FromUTF8("✖ ") + _("Fail");
    case ui::CheckMark::Skipped: return wxString::FromUTF8("– ") + _("Not checked");
    }
    return {};
}

wxColour verdictColour(ui::Verdict v)
{
    switch (v) {
    case ui::Verdict::Valid: return wxColour(0, 110, 40);
    case ui::Verdict::Warning: return wxColour(170, 95, 0);
    case ui::Verdict::Invalid: return wxColour(176, 0, 32);
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

std::chrono::steady_clock::time_point nowSteady()
{
    return std::chrono::steady_clock::now();
}

} // namespace

IdentityCheckPage::IdentityCheckPage(wxWindow* parent, const Clock& clock)
    : wxPanel(parent), m_presenter(*this, clock, [](const std::filesystem::path& p) { return readers::readQrTextsFromFile(p); })
{
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    bar->Add(label(this, _("Scan the QR code on the card:"), 1, true), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
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

    m_advice = label(this, "", 1, true);
    m_advice->SetForegroundColour(wxColour(170, 95, 0));
    top->Add(m_advice, 0, wxLEFT | wxRIGHT | wxEXPAND, FromDIP(8));
    m_problem = label(this, "", 1, true);
    m_problem->SetForegroundColour(wxColour(176, 0, 32));
    top->Add(m_problem, 0, wxLEFT | wxRIGHT | wxEXPAND, FromDIP(8));

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
            m_presenter.clear();
            m_scan->Clear();
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
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        m_presenter.clear();
        m_scan->Clear();
        m_scan->SetFocus();
    }, ID_Clear);
}

IdentityCheckPage::~IdentityCheckPage()
{
    // Results still queued for this page are dropped (they run on the UI thread, as this does).
    *m_alive = false;
    stopSerial();
    if (m_imageWorker.joinable()) {
        m_imageWorker.join();
    }
}

void IdentityCheckPage::focusScan()
{
    m_scan->SetFocus();
}

void IdentityCheckPage::clearForLock()
{
    m_presenter.clear();
    m_scan->Clear();
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
    if (m_imageBusy) {
        return;
    }
    wxFileDialog dlg(this, _("Open a photo or a scan of the card"), "", "",
                     _("Images (*.png;*.jpg;*.jpeg;*.bmp)|*.png;*.jpg;*.jpeg;*.bmp;*.PNG;*.JPG;*.JPEG;*.BMP"),
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK) {
        return;
    }
    const std::filesystem::path path(utf8(dlg.GetPath()));
    if (m_imageWorker.joinable()) {
        m_imageWorker.join();
    }
    m_imageBusy = true;
    if (onStatus) {
        onStatus(_("Reading the QR codes of the image..."));
    }
    // Decoding a large photo takes a moment: off the UI thread; the result comes back through
    // CallAfter only while the page still exists.
    m_imageWorker = std::thread([this, alive = m_alive, path] {
        auto codes = readers::readQrTextsFromFile(path);
        wxTheApp->CallAfter([this, alive, path, codes = std::move(codes)] {
            if (*alive) {
                auto* self = this;
                self->m_imageBusy = false;
                self->m_presenter.showImageResult(path, codes);
                if (self->onStatus) {
                    self->onStatus(wxString());
                }
            }
        });
    });
}

void IdentityCheckPage::onSerial()
{
    if (m_serialWorker.joinable()) {
        stopSerial();
        m_serialButton->SetLabel(_("USB-COM &scanner..."));
        if (onStatus) {
            onStatus(_("The USB-COM scanner is no longer listened to."));
        }
        return;
    }
    wxArrayString ports;
    for (const auto& p : readers::listSerialPorts()) {
        ports.Add(wx(p));
    }
    if (ports.empty()) {
        wxMessageBox(_("No USB-COM scanner was found. Plug the scanner in, switch it to USB-COM (virtual serial port) "
                       "mode, then try again."),
                     _("Identity check"), wxOK | wxICON_INFORMATION, this);
        return;
    }
    wxSingleChoiceDialog pick(this, _("The scanner's port:"), _("USB-COM scanner"), ports);
    if (pick.ShowModal() != wxID_OK) {
        return;
    }
    auto port = readers::openSerialPort(utf8(pick.GetStringSelection()));
    if (!port) {
        wxMessageBox(wx(port.error().message), _("USB-COM scanner"), wxOK | wxICON_WARNING, this);
        return;
    }
    m_serialStop = false;
    m_serialButton->SetLabel(_("Stop the &scanner"));
    if (onStatus) {
        onStatus(wxString::Format(_("Listening to the scanner on %s"), pick.GetStringSelection()));
    }
    m_serialWorker = std::thread([this, alive = m_alive, p = std::move(*port)]() mutable {
        while (!m_serialStop) {
            auto scan = p->readScan(std::chrono::milliseconds(200));
            if (!scan) {
                wxTheApp->CallAfter([this, alive, msg = scan.error().message] {
                    if (*alive) {
                        showProblem(utf8(_("The scanner stopped answering (unplugged?)")) + ": " + msg);
                    }
                });
                return;
            }
            if (*scan) {
                wxTheApp->CallAfter([this, alive, text = std::move(**scan)] {
                    if (*alive) {
                        m_presenter.checkSerialScan(text);
                    }
                });
            }
        }
    });
}

void IdentityCheckPage::stopSerial()
{
    m_serialStop = true;
    if (m_serialWorker.joinable()) {
        m_serialWorker.join();
    }
}

void IdentityCheckPage::showCards(const std::vector<ui::IdentityCheckCard>& cards)
{
    m_problem->SetLabel("");
    m_results->Freeze();
    m_resultsSizer->Clear(true);
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
            auto* m = label(box, markText(c.mark), 0, true);
            m->SetForegroundColour(markColour(c.mark));
            checks->Add(m);
            checks->Add(label(box, wx(c.label), 0, true));
            auto* msg = label(box, wx(c.message));
            msg->Wrap(FromDIP(360));
            checks->Add(msg);
        }
        columns->Add(checks, 1);
        s->Add(columns, 0, wxLEFT | wxRIGHT | wxBOTTOM | wxEXPAND, FromDIP(8));
        if (!card.nextSteps.empty()) {
            s->Add(label(box, _("What to do next:"), 0, true), 0, wxLEFT | wxRIGHT, FromDIP(8));
            for (const auto& step : card.nextSteps) {
                auto* t = label(box, wxString::FromUTF8("• ") + wx(step), 1);
                t->Wrap(FromDIP(900));
                s->Add(t, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
            }
        }
        box->SetSizer(s);
        m_resultsSizer->Add(box, 0, wxBOTTOM | wxEXPAND, FromDIP(10));
    }
    m_results->FitInside();
    m_results->Layout();
    m_results->Thaw();
    Layout();
}

void IdentityCheckPage::showScannerAdvice(const std::string& text)
{
    m_advice->SetLabel(wx(text));
    m_advice->Wrap(GetClientSize().GetWidth() - FromDIP(20));
    Layout();
}

void IdentityCheckPage::showProblem(const std::string& text)
{
    m_problem->SetLabel(wx(text));
    m_problem->Wrap(GetClientSize().GetWidth() - FromDIP(20));
    Layout();
}

void IdentityCheckPage::clearAll()
{
    m_advice->SetLabel("");
    m_problem->SetLabel("");
    m_resultsSizer->Clear(true);
    m_results->FitInside();
    Layout();
}

} // namespace da06::app
