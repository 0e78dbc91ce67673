#include "client/app/TaskDialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/filedlg.h>
#include <wx/listbox.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/WorkListStore.h"
#include "client/app/WxText.h"

namespace da06::app {

namespace {
enum { ID_AddIndicator = wxID_HIGHEST + 200, ID_Attach };
}

TaskDialog::TaskDialog(wxWindow* parent, store::Database& db, const Clock& clock, const access::Actor& actor)
    : wxDialog(parent, wxID_ANY, _("Task"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_presenter(*this, db, clock, actor)
{
    SetName("da06-task-dialog");
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);

    auto* head = new wxBoxSizer(wxHORIZONTAL);
    m_heading = new wxStaticText(this, wxID_ANY, "");
    m_heading->SetFont(m_heading->GetFont().Bold().Scaled(1.3f));
    head->Add(m_heading, 0, wxALIGN_CENTER_VERTICAL);
    head->AddStretchSpacer();
    m_state = new wxStaticText(this, wxID_ANY, "");
    m_state->SetFont(m_state->GetFont().Bold().Scaled(1.15f));
    head->Add(m_state, 0, wxALIGN_CENTER_VERTICAL);
    top->Add(head, 0, wxEXPAND | wxALL, gap * 2);

    auto* grid = new wxFlexGridSizer(2, gap, gap * 2);
    grid->AddGrowableCol(1, 1);
    auto label = [&](const wxString& text) {
        grid->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
    };
    label(_("Unit:"));
    m_unit = new wxStaticText(this, wxID_ANY, "");
    grid->Add(m_unit, 1, wxEXPAND | wxALIGN_CENTER_VERTICAL);
    label(_("&Model:"));
    auto* modelBox = new wxBoxSizer(wxVERTICAL);
    m_modelChoice = new wxChoice(this, wxID_ANY);
    m_modelText = new wxStaticText(this, wxID_ANY, "");
    modelBox->Add(m_modelChoice, 0, wxEXPAND);
    modelBox->Add(m_modelText, 0, wxEXPAND);
    grid->Add(modelBox, 1, wxEXPAND);
    label(_("&Task:"));
    m_title = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(520), -1));
    m_title->SetHint(_("What is to be done"));
    grid->Add(m_title, 1, wxEXPAND);
    label(_("&Responsible:"));
    m_responsible = new wxTextCtrl(this, wxID_ANY);
    grid->Add(m_responsible, 1, wxEXPAND);
    label(_("&Start:"));
    auto* dates = new wxBoxSizer(wxHORIZONTAL);
    m_start = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(120), -1));
    m_start->SetHint(_("dd/mm/yyyy"));
    dates->Add(m_start, 0);
    dates->Add(new wxStaticText(this, wxID_ANY, _("&Due:")), 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT, gap * 2);
    m_due = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(120), -1));
    m_due->SetHint(_("dd/mm/yyyy"));
    dates->Add(m_due, 0);
    grid->Add(dates, 1, wxEXPAND);
    label(_("St&atus:"));
    auto* progress = new wxBoxSizer(wxHORIZONTAL);
    m_status = new wxChoice(this, wxID_ANY);
    progress->Add(m_status, 0);
    progress->Add(new wxStaticText(this, wxID_ANY, _("&Percent done:")), 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT,
                  gap * 2);
    m_percent = new wxSpinCtrl(this, wxID_ANY, "0", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 100, 0);
    progress->Add(m_percent, 0);
    progress->Add(new wxStaticText(this, wxID_ANY, "%"), 0, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
    grid->Add(progress, 1, wxEXPAND);
    top->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);

    auto* indBox = new wxStaticBoxSizer(wxVERTICAL, this, _("Indicators"));
    m_indicators = new wxDataViewListCtrl(indBox->GetStaticBox(), wxID_ANY, wxDefaultPosition, wxSize(-1, FromDIP(110)),
                                          wxDV_ROW_LINES | wxDV_SINGLE);
    m_indicators->AppendTextColumn(_("Indicator"), wxDATAVIEW_CELL_EDITABLE, FromDIP(300));
    m_indicators->AppendTextColumn(_("Actual"), wxDATAVIEW_CELL_EDITABLE, FromDIP(80), wxALIGN_RIGHT);
    m_indicators->AppendTextColumn(_("Target value"), wxDATAVIEW_CELL_EDITABLE, FromDIP(80), wxALIGN_RIGHT);
    m_indicators->AppendTextColumn(_("Unit of measure"), wxDATAVIEW_CELL_EDITABLE, FromDIP(120));
    indBox->Add(m_indicators, 1, wxEXPAND | wxALL, gap);
    auto* addInd = new wxButton(indBox->GetStaticBox(), ID_AddIndicator, _("Add &indicator"));
    indBox->Add(addInd, 0, wxLEFT | wxBOTTOM, gap);
    top->Add(indBox, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap * 2);

    auto* lower = new wxBoxSizer(wxHORIZONTAL);
    auto* notesBox = new wxStaticBoxSizer(wxVERTICAL, this, _("Notes"));
    m_notes = new wxTextCtrl(notesBox->GetStaticBox(), wxID_ANY, "", wxDefaultPosition, wxSize(-1, FromDIP(60)),
                             wxTE_MULTILINE | wxTE_READONLY);
    notesBox->Add(m_notes, 1, wxEXPAND | wxALL, gap);
    notesBox->Add(new wxStaticText(notesBox->GetStaticBox(), wxID_ANY, _("New note:")), 0, wxLEFT | wxRIGHT, gap);
    m_newNote = new wxTextCtrl(notesBox->GetStaticBox(), wxID_ANY, "", wxDefaultPosition, wxSize(-1, FromDIP(44)),
                               wxTE_MULTILINE);
    m_newNote->SetHint(_("Add a note (saved with the task)"));
    notesBox->Add(m_newNote, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    lower->Add(notesBox, 3, wxEXPAND | wxRIGHT, gap);
    auto* evBox = new wxStaticBoxSizer(wxVERTICAL, this, _("Evidence files"));
    m_evidence = new wxListBox(evBox->GetStaticBox(), wxID_ANY, wxDefaultPosition, wxSize(-1, FromDIP(60)));
    evBox->Add(m_evidence, 1, wxEXPAND | wxALL, gap);
    m_attach = new wxButton(evBox->GetStaticBox(), ID_Attach, _("Attach &file..."));
    evBox->Add(m_attach, 0, wxLEFT | wxBOTTOM, gap);
    lower->Add(evBox, 2, wxEXPAND);
    top->Add(lower, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap * 2);

    m_error = new wxStaticText(this, wxID_ANY, "");
    m_error->SetForegroundColour(toneColour(ui::Tone::Danger));
    m_error->SetFont(m_error->GetFont().Bold());
    top->Add(m_error, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap * 2);
    auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
    if (auto* ok = FindWindow(wxID_OK)) {
        ok->SetLabel(_("&Save"));
    }
    top->Add(buttons, 0, wxEXPAND | wxALL, gap * 2);
    SetSizerAndFit(top);
    SetMinSize(GetSize());

    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onSave(); }, wxID_OK);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onAttach(); }, ID_Attach);
    Bind(
        wxEVT_BUTTON,
        [this](wxCommandEvent&) {
            const auto row = variantRow(
                {wxVariant(_("New indicator")), wxVariant(wxString()), wxVariant(wxString()), wxVariant(wxString())});
            m_indicators->AppendItem(row);
            const auto item = m_indicators->RowToItem(m_indicators->GetItemCount() - 1);
            m_indicators->Select(item);
            m_indicators->EditItem(item, m_indicators->GetColumn(0));
        },
        ID_AddIndicator);
    m_modelChoice->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) {
        const int i = e.GetSelection();
        if (i >= 0 && static_cast<std::size_t>(i) < m_modelNumbers.size()) {
            const wxString title = m_title->GetValue();
            const wxString responsible = m_responsible->GetValue();
            m_presenter.chooseModel(m_modelNumbers[static_cast<std::size_t>(i)]);
            m_title->ChangeValue(title);
            m_responsible->ChangeValue(responsible);
        }
    });
}

bool TaskDialog::startNew(const std::string& unitId, int model)
{
    return m_presenter.startNew(unitId, model);
}

bool TaskDialog::startEdit(std::int64_t id)
{
    return m_presenter.startEdit(id);
}

void TaskDialog::showTask(const ui::TaskEditorInfo& info, const ui::TaskForm& form)
{
    SetTitle(wx(info.heading));
    m_heading->SetLabel(wx(info.heading));
    m_state->SetLabel(wx(info.state));
    m_state->SetForegroundColour(toneColour(info.tone));
    m_unit->SetLabel(wx(info.unit));
    m_modelChoice->Show(info.isNew);
    m_modelText->Show(!info.isNew);
    m_modelNumbers.clear();
    m_modelChoice->Clear();
    for (const auto& m : info.models) {
        m_modelChoice->Append(wx(m.label));
        m_modelNumbers.push_back(m.number);
    }
    if (info.isNew && !info.models.empty()) {
        m_modelChoice->SetSelection(info.selectedModel);
    }
    m_modelText->SetLabel(wx(info.model));
    m_modelText->Wrap(FromDIP(520));
    m_title->ChangeValue(wx(form.title));
    m_responsible->ChangeValue(wx(form.responsible));
    m_start->ChangeValue(wx(form.start));
    m_due->ChangeValue(wx(form.due));
    m_status->Clear();
    for (const auto& s : info.statuses) {
        m_status->Append(wx(s));
    }
    m_status->SetSelection(static_cast<int>(form.status));
    m_percent->SetValue(form.percent);
    m_indicators->DeleteAllItems();
    for (const auto& i : form.indicators) {
        const auto row = variantRow(
            {wxVariant(wx(i.name)), wxVariant(wx(i.actual)), wxVariant(wx(i.target)), wxVariant(wx(i.unitOfMeasure))});
        m_indicators->AppendItem(row);
    }
    wxString notes;
    for (const auto& n : info.notes) {
        notes += wx(n) + "\n";
    }
    m_notes->ChangeValue(notes);
    m_newNote->ChangeValue(wx(form.note));
    showEvidence();
    m_attach->Enable(!info.isNew && info.canEdit);
    if (auto* ok = FindWindow(wxID_OK)) {
        ok->Enable(info.canEdit);
    }
    m_error->SetLabel("");
    Layout();
    m_title->SetFocus();
}

void TaskDialog::showEvidence()
{
    m_evidence->Clear();
    for (const auto& e : m_presenter.info().evidence) {
        m_evidence->Append(wx(e.label));
    }
}

wxWindow* TaskDialog::fieldWindow(ui::TaskField field) const
{
    switch (field) {
    case ui::TaskField::Model:
        return m_modelChoice;
    case ui::TaskField::Title:
        return m_title;
    case ui::TaskField::Responsible:
        return m_responsible;
    case ui::TaskField::Start:
        return m_start;
    case ui::TaskField::Due:
        return m_due;
    case ui::TaskField::Percent:
        return m_percent;
    case ui::TaskField::Indicators:
        return m_indicators;
    case ui::TaskField::Note:
        return m_newNote;
    case ui::TaskField::Evidence:
        return m_attach;
    }
    return m_title;
}

void TaskDialog::showFieldError(ui::TaskField field, const std::string& message)
{
    m_error->SetLabel(wx(message));
    m_error->Wrap(GetClientSize().GetWidth() - FromDIP(24));
    Layout();
    if (auto* w = fieldWindow(field)) {
        w->SetFocus();
    }
}

void TaskDialog::showError(const std::string& text)
{
    wxMessageBox(wx(text), _("DA06 Desk"), wxOK | wxICON_ERROR, this);
}

ui::TaskForm TaskDialog::readForm() const
{
    ui::TaskForm f;
    const int m = m_modelChoice->GetSelection();
    f.model =
        m >= 0 && static_cast<std::size_t>(m) < m_modelNumbers.size() ? m_modelNumbers[static_cast<std::size_t>(m)] : 0;
    f.title = utf8(m_title->GetValue());
    f.responsible = utf8(m_responsible->GetValue());
    f.start = utf8(m_start->GetValue());
    f.due = utf8(m_due->GetValue());
    f.status = static_cast<work::TaskStatus>(std::max(0, m_status->GetSelection()));
    f.percent = m_percent->GetValue();
    for (unsigned row = 0; row < static_cast<unsigned>(m_indicators->GetItemCount()); ++row) {
        f.indicators.push_back(
            ui::IndicatorInput{utf8(m_indicators->GetTextValue(row, 0)), utf8(m_indicators->GetTextValue(row, 1)),
                               utf8(m_indicators->GetTextValue(row, 2)), utf8(m_indicators->GetTextValue(row, 3))});
    }
    f.note = utf8(m_newNote->GetValue());
    return f;
}

void TaskDialog::onSave()
{
    m_error->SetLabel("");
    if (m_presenter.save(readForm())) {
        EndModal(wxID_OK);
    }
}

void TaskDialog::onAttach()
{
    wxFileDialog dlg(this, _("Attach an evidence file (at most 10 MB)"), "", "",
                     _("Documents and images "
                       "(*.pdf;*.jpg;*.jpeg;*.png;*.docx;*.xlsx)|*.pdf;*.jpg;*.jpeg;*.png;*.docx;*.xlsx|All files|*"),
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK) {
        return;
    }
    m_error->SetLabel("");
    if (m_presenter.attach(std::filesystem::path(utf8(dlg.GetPath())))) {
        showEvidence();
    }
}

} // namespace da06::app
