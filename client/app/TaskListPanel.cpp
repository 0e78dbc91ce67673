#include "client/app/TaskListPanel.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>

#include "client/app/TaskDialog.h"
#include "client/app/WorkListStore.h"
#include "client/app/WxText.h"

namespace da06::app {

namespace {
enum Column { kNumber, kModel, kTitle, kUnit, kResponsible, kDue, kStatus, kPercent, kState };
}

TaskListPanel::TaskListPanel(wxWindow* parent, store::Database& db, const Clock& clock, const access::Actor& actor,
                             bool withModelChoice)
    : wxPanel(parent), m_db(db), m_clock(clock), m_actor(actor), m_presenter(*this, db, clock, actor)
{
    const int gap = FromDIP(4);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    m_heading = new wxStaticText(this, wxID_ANY, _("Tasks"));
    m_heading->SetFont(m_heading->GetFont().Bold());
    bar->Add(m_heading, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 2);
    m_models = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(280), -1));
    m_models->Show(withModelChoice);
    bar->Add(m_models, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    m_search = new wxSearchCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(200), -1));
    m_search->SetDescriptiveText(_("Filter tasks"));
    bar->Add(m_search, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    m_new = new wxButton(this, wxID_ANY, _("&New task"));
    m_new->SetToolTip(_("New task (Ctrl+N)"));
    m_edit = new wxButton(this, wxID_ANY, _("&Edit..."));
    m_edit->SetToolTip(_("Edit the selected task (Enter)"));
    m_done = new wxButton(this, wxID_ANY, _("Mark &done"));
    m_done->SetToolTip(_("Mark the selected task done (Ctrl+D)"));
    m_attachButton = new wxButton(this, wxID_ANY, _("A&ttach..."));
    m_attachButton->SetToolTip(_("Attach an evidence file to the selected task"));
    for (auto* b : {m_new, m_edit, m_done, m_attachButton}) {
        bar->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
    }
    top->Add(bar, 0, wxEXPAND | wxALL, gap);

    m_list = new wxDataViewListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxDV_ROW_LINES | wxDV_SINGLE);
    m_store = WorkListStore::attachTo(m_list, kState);
    m_list->AppendTextColumn("#", wxDATAVIEW_CELL_INERT, FromDIP(46), wxALIGN_RIGHT);
    m_list->AppendTextColumn(_("Model"), wxDATAVIEW_CELL_INERT, FromDIP(66), wxALIGN_RIGHT);
    m_list->AppendTextColumn(_("Task"), wxDATAVIEW_CELL_INERT, FromDIP(300), wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
    m_list->AppendTextColumn(_("Unit"), wxDATAVIEW_CELL_INERT, FromDIP(170), wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
    m_list->AppendTextColumn(_("Responsible"), wxDATAVIEW_CELL_INERT, FromDIP(130), wxALIGN_LEFT,
                             wxDATAVIEW_COL_RESIZABLE);
    m_list->AppendTextColumn(_("Due"), wxDATAVIEW_CELL_INERT, FromDIP(90));
    m_list->AppendTextColumn(_("Status"), wxDATAVIEW_CELL_INERT, FromDIP(110));
    m_list->AppendProgressColumn(_("Progress"), wxDATAVIEW_CELL_INERT, FromDIP(90));
    m_list->AppendTextColumn(_("State"), wxDATAVIEW_CELL_INERT, FromDIP(130));
    top->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    SetSizer(top);

    const bool canEdit = m_presenter.canEdit();
    m_new->Enable(canEdit);
    m_done->Enable(canEdit);
    m_attachButton->Enable(canEdit);

    m_new->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { newTask(); });
    m_edit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { editSelected(); });
    m_done->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { markSelectedDone(); });
    m_attachButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { attachToSelected(); });
    m_list->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { editSelected(); });
    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { m_presenter.setQuery(utf8(m_search->GetValue())); });
    m_search->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) {
        m_search->Clear();
        m_presenter.setQuery("");
    });
    m_models->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) {
        const int i = e.GetSelection();
        if (i >= 0 && static_cast<std::size_t>(i) < m_modelNumbers.size()) {
            m_presenter.setModel(m_modelNumbers[static_cast<std::size_t>(i)]);
        }
    });
    // The frequent actions from the keyboard, wherever the focus is in the panel.
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        const bool ctrl = e.GetModifiers() == wxMOD_CONTROL;
        if (ctrl && e.GetKeyCode() == 'N') {
            newTask();
        } else if (ctrl && e.GetKeyCode() == 'D') {
            markSelectedDone();
        } else {
            e.Skip();
        }
    });
}

void TaskListPanel::setUnit(const std::string& unitId)
{
    m_presenter.setUnit(unitId);
}

void TaskListPanel::setModel(int number, const wxString& heading)
{
    m_heading->SetLabel(heading);
    m_presenter.setModel(number);
}

void TaskListPanel::refresh()
{
    m_presenter.load();
}

void TaskListPanel::focusList()
{
    m_list->SetFocus();
}

void TaskListPanel::showModelChoices(const std::vector<ui::ModelChoice>& choices, int selected)
{
    m_models->Clear();
    m_modelNumbers.clear();
    for (const auto& c : choices) {
        m_models->Append(wx(c.label));
        m_modelNumbers.push_back(c.number);
    }
    if (!choices.empty()) {
        m_models->SetSelection(selected);
    }
}

void TaskListPanel::showTasks(const std::vector<ui::TaskRow>& rows)
{
    const auto keep = selectedId();
    m_list->Freeze();
    m_store->clearRows();
    m_rowIds.clear();
    int reselect = -1;
    for (const auto& r : rows) {
        const auto values =
            variantRow({wxVariant(wxString::Format("%lld", static_cast<long long>(r.id))),
                        wxVariant(wxString::Format("%d", r.model)), wxVariant(wx(r.title)), wxVariant(wx(r.unit)),
                        wxVariant(wx(r.responsible)), wxVariant(wx(r.due)), wxVariant(wx(r.status)),
                        wxVariant(static_cast<long>(r.percent)), wxVariant(wx(r.state))});
        if (keep && *keep == r.id) {
            reselect = static_cast<int>(m_rowIds.size());
        }
        m_store->appendRow(values, r.tone);
        m_rowIds.push_back(r.id);
    }
    m_list->Thaw();
    if (reselect >= 0) {
        m_list->SelectRow(static_cast<unsigned>(reselect));
    }
}

void TaskListPanel::showStatus(const std::string& text)
{
    if (onStatus) {
        onStatus(wx(text));
    }
}

void TaskListPanel::showError(const std::string& text)
{
    wxMessageBox(wx(text), _("DA06 Desk"), wxOK | wxICON_ERROR, this);
}

std::optional<std::int64_t> TaskListPanel::selectedId() const
{
    const int row = m_list->GetSelectedRow();
    if (row == wxNOT_FOUND || static_cast<std::size_t>(row) >= m_rowIds.size()) {
        return std::nullopt;
    }
    return m_rowIds[static_cast<std::size_t>(row)];
}

void TaskListPanel::changed()
{
    m_presenter.load();
    if (onChanged) {
        onChanged();
    }
}

void TaskListPanel::newTask()
{
    if (!m_presenter.canEdit()) {
        return;
    }
    if (m_presenter.unitId().empty()) {
        showError(utf8(_(
            "This desk has no unit yet, so a new task has no unit to go to. An administrator sets the desk's unit.")));
        return;
    }
    TaskDialog dlg(this, m_db, m_clock, m_actor);
    if (!dlg.startNew(m_presenter.unitId(), m_presenter.model())) {
        return;
    }
    if (dlg.ShowModal() == wxID_OK) {
        changed();
    }
}

void TaskListPanel::editSelected()
{
    const auto id = selectedId();
    if (!id) {
        return;
    }
    TaskDialog dlg(this, m_db, m_clock, m_actor);
    if (!dlg.startEdit(*id)) {
        return;
    }
    dlg.ShowModal();
    // Evidence is kept as soon as it is attached, so reload even after Cancel.
    changed();
}

void TaskListPanel::markSelectedDone()
{
    const auto id = selectedId();
    if (!id || !m_presenter.canEdit()) {
        return;
    }
    if (m_presenter.markDone(*id) && onChanged) {
        onChanged();
    }
}

void TaskListPanel::attachToSelected()
{
    const auto id = selectedId();
    if (!id) {
        return;
    }
    wxFileDialog fd(this, _("Attach an evidence file (at most 10 MB)"), "", "",
                    _("Documents and images "
                      "(*.pdf;*.jpg;*.jpeg;*.png;*.docx;*.xlsx)|*.pdf;*.jpg;*.jpeg;*.png;*.docx;*.xlsx|All files|*"),
                    wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (fd.ShowModal() != wxID_OK) {
        return;
    }
    if (m_presenter.attach(*id, std::filesystem::path(utf8(fd.GetPath()))) && onChanged) {
        onChanged();
    }
}

} // namespace da06::app
