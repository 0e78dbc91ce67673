#include "client/app/ReportsPage.h"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/image.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include "client/app/WxText.h"
#include "reports/CsvWriter.h"
#include "reports/PdfWriter.h"
#include "reports/XlsxWriter.h"

namespace da06::app {

namespace {

wxColour toneColour(ui::ReportTone t)
{
    switch (t) {
    case ui::ReportTone::Good:
        return wxColour(0x1B, 0x7A, 0x2E);
    case ui::ReportTone::Warning:
        return wxColour(0xA8, 0x5A, 0x00);
    case ui::ReportTone::Bad:
        return wxColour(0xB0, 0x1E, 0x1E);
    case ui::ReportTone::Neutral:
        break;
    }
    return wxNullColour;
}

wxTextCtrl* labelledText(wxWindow* parent, wxSizer* sizer, const wxString& label, int lines)
{
    sizer->Add(new wxStaticText(parent, wxID_ANY, label), 0, wxTOP, parent->FromDIP(6));
    auto* t = new wxTextCtrl(parent, wxID_ANY, wxEmptyString, wxDefaultPosition,
                             wxSize(-1, parent->FromDIP(18 * lines)), lines > 1 ? wxTE_MULTILINE : 0);
    sizer->Add(t, lines > 1 ? 1 : 0, wxEXPAND | wxTOP, parent->FromDIP(2));
    return t;
}

} // namespace

ReportsPage::ReportsPage(wxWindow* parent, store::Database& db, const Clock& clock, const access::Actor& actor)
    : wxPanel(parent), m_presenter(*this, db, clock, actor)
{
    auto* root = new wxBoxSizer(wxHORIZONTAL);
    m_periodList =
        new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(300, -1)), wxLC_REPORT | wxLC_SINGLE_SEL);
    m_periodList->AppendColumn(_("Period"), wxLIST_FORMAT_LEFT, FromDIP(100));
    m_periodList->AppendColumn(_("Due"), wxLIST_FORMAT_LEFT, FromDIP(85));
    m_periodList->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(100));
    root->Add(m_periodList, 0, wxEXPAND | wxALL, FromDIP(6));

    m_book = new wxNotebook(this, wxID_ANY);
    m_book->AddPage(buildEditor(m_book), _("Report"));
    m_book->AddPage(buildPreview(m_book), _("Preview"));
    if (m_presenter.isCoordinator()) {
        m_book->AddPage(buildUnits(m_book), _("My units"));
    }
    root->Add(m_book, 1, wxEXPAND | wxTOP | wxRIGHT | wxBOTTOM, FromDIP(6));
    SetSizer(root);

    m_periodList->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        const auto i = static_cast<std::size_t>(e.GetIndex());
        if (!m_updating && i < m_periods.size() && m_periods[i].key != m_presenter.periodKey()) {
            m_presenter.selectPeriod(m_periods[i].key);
        }
    });
    m_book->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        if (e.GetSelection() == 1) {
            preview();
        }
        e.Skip();
    });
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        if (e.GetKeyCode() == WXK_F5) {
            refresh();
        } else if (e.ControlDown() && (e.GetKeyCode() == 'P')) {
            showPreviewTab();
        } else if (e.ControlDown() && (e.GetKeyCode() == 'S')) {
            m_presenter.save();
        } else {
            e.Skip();
        }
    });
    refresh();
}

ReportsPage::~ReportsPage()
{
    m_task.stop();
}

wxWindow* ReportsPage::buildEditor(wxWindow* parent)
{
    auto* panel = new wxScrolledWindow(parent);
    panel->SetScrollRate(0, FromDIP(10));
    auto* s = new wxBoxSizer(wxVERTICAL);
    m_heading = new wxStaticText(panel, wxID_ANY, wxEmptyString);
    m_heading->SetFont(m_heading->GetFont().Larger().Bold());
    s->Add(m_heading, 0, wxEXPAND);
    m_range = new wxStaticText(panel, wxID_ANY, wxEmptyString);
    s->Add(m_range, 0, wxEXPAND | wxTOP, FromDIP(2));
    m_status = new wxStaticText(panel, wxID_ANY, wxEmptyString);
    m_status->SetFont(m_status->GetFont().Bold());
    s->Add(m_status, 0, wxEXPAND | wxTOP, FromDIP(2));
    m_summary = new wxStaticText(panel, wxID_ANY, wxEmptyString);
    s->Add(m_summary, 0, wxEXPAND | wxTOP, FromDIP(2));
    m_review = new wxStaticText(panel, wxID_ANY, wxEmptyString);
    s->Add(m_review, 0, wxEXPAND | wxTOP, FromDIP(2));
    m_issues = new wxStaticText(panel, wxID_ANY, wxEmptyString);
    m_issues->SetForegroundColour(toneColour(ui::ReportTone::Bad));
    s->Add(m_issues, 0, wxEXPAND | wxTOP, FromDIP(4));

    auto* ids = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    auto* right = new wxBoxSizer(wxVERTICAL);
    m_number = labelledText(panel, left, _("Number and symbol"), 1);
    m_signer = labelledText(panel, right, _("Signed by"), 1);
    ids->Add(left, 1, wxEXPAND | wxRIGHT, FromDIP(8));
    ids->Add(right, 1, wxEXPAND);
    s->Add(ids, 0, wxEXPAND);
    m_results = labelledText(panel, s, _("I. Results"), 6);
    m_difficulties = labelledText(panel, s, _("II. Difficulties and obstacles"), 3);
    m_proposals = labelledText(panel, s, _("III. Proposals"), 3);
    m_nextPlan = labelledText(panel, s, _("IV. Next month's plan"), 3);
    for (auto* t : {m_number, m_signer, m_results, m_difficulties, m_proposals, m_nextPlan}) {
        t->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { onTextChanged(); });
    }

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    m_save = new wxButton(panel, wxID_ANY, _("&Save draft"));
    m_submit = new wxButton(panel, wxID_ANY, _("S&ubmit"));
    auto* pdf = new wxButton(panel, wxID_ANY, _("Export &PDF..."));
    auto* xlsx = new wxButton(panel, wxID_ANY, _("Export &XLSX..."));
    auto* csv = new wxButton(panel, wxID_ANY, _("Export &CSV..."));
    for (auto* b : {m_save, m_submit, pdf, xlsx, csv}) {
        buttons->Add(b, 0, wxRIGHT, FromDIP(6));
    }
    s->Add(buttons, 0, wxTOP | wxBOTTOM, FromDIP(8));
    m_save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_presenter.save(); });
    m_submit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (wxMessageBox(_("Submit the report? It cannot be edited afterwards unless a coordinator returns it."),
                         _("Submit"), wxYES_NO | wxICON_QUESTION, this) == wxYES) {
            m_presenter.submit();
        }
    });
    pdf->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { exportAs("pdf"); });
    xlsx->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { exportAs("xlsx"); });
    csv->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { exportAs("csv"); });
    panel->SetSizer(s);
    return panel;
}

wxWindow* ReportsPage::buildPreview(wxWindow* parent)
{
    m_previewArea = new wxScrolledWindow(parent);
    m_previewArea->SetScrollRate(FromDIP(10), FromDIP(10));
    m_previewArea->SetBackgroundColour(wxColour(0x80, 0x80, 0x80));
    auto* s = new wxBoxSizer(wxVERTICAL);
    m_previewImage = new wxStaticBitmap(m_previewArea, wxID_ANY, wxNullBitmap);
    s->Add(m_previewImage, 0, wxALIGN_CENTER_HORIZONTAL | wxALL, FromDIP(10));
    m_previewArea->SetSizer(s);
    return m_previewArea;
}

wxWindow* ReportsPage::buildUnits(wxWindow* parent)
{
    auto* panel = new wxPanel(parent);
    auto* s = new wxBoxSizer(wxVERTICAL);
    m_unitSummary = new wxStaticText(panel, wxID_ANY, wxEmptyString);
    m_unitSummary->SetFont(m_unitSummary->GetFont().Bold());
    s->Add(m_unitSummary, 0, wxEXPAND | wxALL, FromDIP(6));
    m_unitList = new wxListCtrl(panel, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    m_unitList->AppendColumn(_("Unit"), wxLIST_FORMAT_LEFT, FromDIP(260));
    m_unitList->AppendColumn(_("Status"), wxLIST_FORMAT_LEFT, FromDIP(110));
    m_unitList->AppendColumn(_("Received"), wxLIST_FORMAT_LEFT, FromDIP(90));
    m_unitList->AppendColumn(_("On time"), wxLIST_FORMAT_LEFT, FromDIP(70));
    s->Add(m_unitList, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* accept = new wxButton(panel, wxID_ANY, _("&Accept"));
    auto* ret = new wxButton(panel, wxID_ANY, _("&Return..."));
    auto* exportPdf = new wxButton(panel, wxID_ANY, _("Compilation PDF..."));
    buttons->Add(accept, 0, wxRIGHT, FromDIP(6));
    buttons->Add(ret, 0, wxRIGHT, FromDIP(6));
    buttons->Add(exportPdf, 0);
    s->Add(buttons, 0, wxALL, FromDIP(6));
    s->Add(new wxStaticText(panel, wxID_ANY, _("Reminders to send")), 0, wxLEFT | wxRIGHT, FromDIP(6));
    m_reminders = new wxTextCtrl(panel, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(-1, 90)),
                                 wxTE_MULTILINE | wxTE_READONLY);
    s->Add(m_reminders, 0, wxEXPAND | wxALL, FromDIP(6));
    accept->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reviewSelected(true); });
    ret->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reviewSelected(false); });
    exportPdf->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { exportAs("compilation"); });
    panel->SetSizer(s);
    return panel;
}

void ReportsPage::showPreviewTab()
{
    if (m_book->GetSelection() == 1) {
        preview();
    } else {
        m_book->SetSelection(1); // the page-changed handler renders
    }
}

void ReportsPage::refresh()
{
    m_presenter.load();
}

void ReportsPage::showPeriods(const std::vector<ui::ReportPeriodItem>& periods, std::size_t selected)
{
    m_updating = true;
    m_periods = periods;
    m_periodList->DeleteAllItems();
    for (std::size_t i = 0; i < periods.size(); ++i) {
        const long row = m_periodList->InsertItem(static_cast<long>(i), wx(periods[i].label));
        m_periodList->SetItem(row, 1, wx(periods[i].due));
        m_periodList->SetItem(row, 2, wx(periods[i].state));
        if (auto c = toneColour(periods[i].tone); c.IsOk()) {
            m_periodList->SetItemTextColour(row, c);
        }
    }
    if (selected < periods.size()) {
        m_periodList->SetItemState(static_cast<long>(selected), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                   wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    }
    m_updating = false;
}

void ReportsPage::showEditor(const ui::ReportEditorModel& m)
{
    m_updating = true;
    m_heading->SetLabel(wx(m.heading));
    m_range->SetLabel(wx(m.dataRange));
    m_status->SetLabel(wx(m.status));
    m_summary->SetLabel(wx(m.summary));
    m_review->SetLabel(wx(m.reviewComment));
    wxString issues;
    for (const auto& i : m.issues) {
        issues += (issues.empty() ? wxString() : wxString("\n")) + wx("• ") + wx(i);
    }
    m_issues->SetLabel(issues);
    auto set = [](wxTextCtrl* t, const std::string& v) {
        if (utf8(t->GetValue()) != v) {
            t->ChangeValue(wx(v)); // no wxEVT_TEXT
        }
    };
    set(m_number, m.docNumber);
    set(m_signer, m.signer);
    set(m_results, m.narrative.results);
    set(m_difficulties, m.narrative.difficulties);
    set(m_proposals, m.narrative.proposals);
    set(m_nextPlan, m.narrative.nextPlan);
    for (auto* t : {m_number, m_signer, m_results, m_difficulties, m_proposals, m_nextPlan}) {
        t->SetEditable(m.editable);
    }
    m_save->Enable(m.editable);
    m_submit->Enable(m.canSubmit);
    Layout();
    m_updating = false;
    if (m_book->GetSelection() == 1) {
        preview();
    }
}

void ReportsPage::showCompleteness(const std::vector<ui::CompletenessRow>& rows, const std::string& summary,
                                   const std::vector<std::string>& reminders)
{
    if (!m_unitList) {
        return;
    }
    m_units = rows;
    m_unitSummary->SetLabel(wx(summary));
    m_unitList->DeleteAllItems();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const long row = m_unitList->InsertItem(static_cast<long>(i), wx(rows[i].unit));
        m_unitList->SetItem(row, 1, wx(rows[i].status));
        m_unitList->SetItem(row, 2, wx(rows[i].submitted));
        m_unitList->SetItem(row, 3, rows[i].onTime ? _("Yes") : wxString());
        if (auto c = toneColour(rows[i].tone); c.IsOk()) {
            m_unitList->SetItemTextColour(row, c);
        }
    }
    wxString text;
    for (const auto& r : reminders) {
        text += wx(r) + "\n";
    }
    m_reminders->ChangeValue(text);
}

void ReportsPage::showStatus(const std::string& text)
{
    if (onStatus) {
        onStatus(wx(text));
    }
}

void ReportsPage::showError(const std::string& text)
{
    wxMessageBox(wx(text), _("Reports"), wxOK | wxICON_WARNING, this);
}

void ReportsPage::onTextChanged()
{
    if (m_updating) {
        return;
    }
    report::Narrative n{utf8(m_results->GetValue()), utf8(m_difficulties->GetValue()), utf8(m_proposals->GetValue()),
                        utf8(m_nextPlan->GetValue())};
    m_presenter.editNarrative(n, utf8(m_number->GetValue()), utf8(m_signer->GetValue()));
}

bool ReportsPage::stillWorking()
{
    if (m_task.busy()) {
        showStatus(utf8(_("Still working on the previous document...")));
        return true;
    }
    return false;
}

void ReportsPage::preview()
{
    auto doc = m_presenter.document();
    if (!doc) {
        return;
    }
    showStatus(utf8(_("Rendering the preview...")));
    const double dpi = 96.0 * GetDPIScaleFactor();
    if (stillWorking()) {
        return;
    }
    m_task.run([doc = std::move(*doc), dpi](const TaskContext&) { return reports::renderPage(doc, 0, dpi); },
               [this](Result<reports::PageImage>&& image) {
                   if (!image) {
                       showError(image.error().message);
                       return;
                   }
                   wxImage img(image->width, image->height, image->rgb.data(), true);
                   m_previewImage->SetBitmap(wxBitmap(img.Copy()));
                   m_previewArea->FitInside();
                   m_previewArea->Layout();
                   showStatus("");
               });
}

void ReportsPage::exportAs(const wxString& kind)
{
    const bool compilation = kind == "compilation";
    auto doc = compilation ? m_presenter.compilationDocument() : m_presenter.document();
    if (!doc) {
        return;
    }
    const wxString ext = compilation ? wxString("pdf") : kind;
    const wxString wildcard = ext == "pdf"    ? _("PDF files (*.pdf)|*.pdf")
                              : ext == "xlsx" ? _("Excel workbooks (*.xlsx)|*.xlsx")
                                              : _("CSV files (*.csv)|*.csv");
    const wxString stem = wx(m_presenter.fileStem()) + (compilation ? wxString("-tong-hop") : wxString());
    wxFileDialog dlg(this, _("Export the report"), wxEmptyString, stem + "." + ext, wildcard,
                     wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK) {
        return;
    }
    const std::filesystem::path path(utf8(dlg.GetPath()));
    const std::string format = utf8(ext);
    showStatus(utf8(_("Writing the document...")));
    if (stillWorking()) {
        return;
    }
    m_task.run(
        [doc = std::move(*doc), path, format](const TaskContext&) {
            return format == "pdf"    ? reports::writePdf(doc, path)
                   : format == "xlsx" ? reports::writeXlsx(doc, path)
                                      : reports::writeCsv(doc, path);
        },
        [this, path](const Status& st) {
            if (!st) {
                showError(st.error().message);
            } else {
                showStatus(utf8(wxString::Format(_("Saved %s"), wx(path.string()))));
            }
        });
}

void ReportsPage::reviewSelected(bool accept)
{
    const long row = m_unitList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= m_units.size()) {
        return;
    }
    const std::string unit = m_units[static_cast<std::size_t>(row)].unitId;
    if (accept) {
        m_presenter.accept(unit, "");
        return;
    }
    wxTextEntryDialog dlg(this, _("Why is the report returned?"), _("Return the report"));
    if (dlg.ShowModal() == wxID_OK) {
        m_presenter.returnReport(unit, utf8(dlg.GetValue()));
    }
}

} // namespace da06::app
