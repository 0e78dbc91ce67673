#include "client/app/DashboardPage.h"

#include <wx/dataview.h>
#include <wx/msgdlg.h>
#include <wx/settings.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>

#include "client/app/TaskDialog.h"
#include "client/app/TaskListPanel.h"
#include "client/app/WorkListStore.h"
#include "client/app/WxText.h"

namespace da06::app {

namespace {

enum ModelColumn { kModelNumber, kModelTitle, kModelRole, kModelDeadline, kModelProgress, kModelDone, kModelState };
enum TaskColumn { kTaskNumber, kTaskDue, kTaskWhen, kTaskTitle, kTaskUnit };

wxDataViewListCtrl* taskList(wxWindow* parent, WorkListStore*& store)
{
    auto* list =
        new wxDataViewListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxDV_ROW_LINES | wxDV_SINGLE);
    store = WorkListStore::attachTo(list, kTaskWhen);
    list->AppendTextColumn("#", wxDATAVIEW_CELL_INERT, parent->FromDIP(36), wxALIGN_RIGHT);
    list->AppendTextColumn(_("Due"), wxDATAVIEW_CELL_INERT, parent->FromDIP(82));
    list->AppendTextColumn(_("When"), wxDATAVIEW_CELL_INERT, parent->FromDIP(136));
    list->AppendTextColumn(_("Task"), wxDATAVIEW_CELL_INERT, parent->FromDIP(230), wxALIGN_LEFT,
                           wxDATAVIEW_COL_RESIZABLE);
    list->AppendTextColumn(_("Unit"), wxDATAVIEW_CELL_INERT, parent->FromDIP(120), wxALIGN_LEFT,
                           wxDATAVIEW_COL_RESIZABLE);
    return list;
}

wxStaticText* sectionTitle(wxWindow* parent, const wxString& text, ui::Tone tone)
{
    auto* t = new wxStaticText(parent, wxID_ANY, text);
    t->SetFont(t->GetFont().Bold().Scaled(1.1f));
    t->SetForegroundColour(toneColour(tone));
    return t;
}

} // namespace

DashboardPage::DashboardPage(wxWindow* parent, store::Database& db, const Clock& clock, const access::Actor& actor)
    : wxPanel(parent), m_db(db), m_clock(clock), m_actor(actor), m_presenter(*this, db, clock, actor),
      m_search(*this, db, clock, actor)
{
    SetName("da06-dashboard");
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);

    // Header: the unit, large; the date; the search box.
    auto* head = new wxBoxSizer(wxHORIZONTAL);
    auto* titles = new wxBoxSizer(wxVERTICAL);
    auto* line = new wxBoxSizer(wxHORIZONTAL);
    m_unit = new wxStaticText(this, wxID_ANY, "");
    m_unit->SetFont(m_unit->GetFont().Bold().Scaled(1.6f));
    line->Add(m_unit, 0, wxALIGN_BOTTOM);
    m_date = new wxStaticText(this, wxID_ANY, "");
    m_date->SetFont(m_date->GetFont().Scaled(1.15f));
    m_date->SetForegroundColour(toneColour(ui::Tone::Neutral));
    line->Add(m_date, 0, wxALIGN_BOTTOM | wxLEFT, gap * 3);
    titles->Add(line, 0);
    m_summary = new wxStaticText(this, wxID_ANY, "");
    m_summary->SetForegroundColour(toneColour(ui::Tone::Neutral));
    titles->Add(m_summary, 0, wxTOP, gap / 2);
    head->Add(titles, 1, wxALIGN_CENTER_VERTICAL);
    m_searchBox = new wxSearchCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(360), -1));
    m_searchBox->SetDescriptiveText(_("Search models, units, tasks (with or without diacritics)"));
    m_searchBox->ShowCancelButton(true);
    head->Add(m_searchBox, 0, wxALIGN_CENTER_VERTICAL);
    top->Add(head, 0, wxEXPAND | wxALL, gap * 2);

    m_book = new wxSimplebook(this);
    // Page 0: the dashboard.
    auto* main = new wxPanel(m_book);
    auto* mainSizer = new wxBoxSizer(wxVERTICAL);
    auto* vsplit =
        new wxSplitterWindow(main, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    vsplit->SetMinimumPaneSize(FromDIP(120));
    auto* upper =
        new wxSplitterWindow(vsplit, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    upper->SetMinimumPaneSize(FromDIP(260));

    auto* modelsPanel = new wxPanel(upper);
    auto* modelsSizer = new wxBoxSizer(wxVERTICAL);
    modelsSizer->Add(sectionTitle(modelsPanel, _("Models of this unit"), ui::Tone::Neutral), 0, wxBOTTOM, gap);
    m_models =
        new wxDataViewListCtrl(modelsPanel, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxDV_ROW_LINES | wxDV_SINGLE);
    m_modelStore = WorkListStore::attachTo(m_models, kModelState);
    m_models->AppendTextColumn(_("No."), wxDATAVIEW_CELL_INERT, FromDIP(36), wxALIGN_RIGHT);
    m_models->AppendTextColumn(_("Model"), wxDATAVIEW_CELL_INERT, FromDIP(236), wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
    m_models->AppendTextColumn(_("Role"), wxDATAVIEW_CELL_INERT, FromDIP(78));
    m_models->AppendTextColumn(_("Deadline"), wxDATAVIEW_CELL_INERT, FromDIP(94));
    m_models->AppendProgressColumn(_("Progress"), wxDATAVIEW_CELL_INERT, FromDIP(96));
    m_models->AppendTextColumn(_("Tasks done"), wxDATAVIEW_CELL_INERT, FromDIP(64), wxALIGN_CENTER);
    m_models->AppendTextColumn(_("State"), wxDATAVIEW_CELL_INERT, FromDIP(124));
    modelsSizer->Add(m_models, 1, wxEXPAND);
    modelsPanel->SetSizer(modelsSizer);

    auto* alerts = new wxPanel(upper);
    auto* alertsSizer = new wxBoxSizer(wxVERTICAL);
    m_overdueTitle = sectionTitle(alerts, _("Overdue"), ui::Tone::Danger);
    alertsSizer->Add(m_overdueTitle, 0, wxBOTTOM, gap);
    m_overdue = taskList(alerts, m_overdueStore);
    alertsSizer->Add(m_overdue, 1, wxEXPAND | wxBOTTOM, gap);
    m_dueSoonTitle = sectionTitle(alerts, _("Due within 7 days"), ui::Tone::Warning);
    alertsSizer->Add(m_dueSoonTitle, 0, wxBOTTOM, gap);
    m_dueSoon = taskList(alerts, m_dueSoonStore);
    alertsSizer->Add(m_dueSoon, 1, wxEXPAND);
    alerts->SetSizer(alertsSizer);
    upper->SplitVertically(modelsPanel, alerts, -FromDIP(440));
    upper->SetSashGravity(0.65);

    m_tasks = new TaskListPanel(vsplit, db, clock, actor, false);
    vsplit->SplitHorizontally(upper, m_tasks, -FromDIP(230));
    vsplit->SetSashGravity(0.6);
    mainSizer->Add(vsplit, 1, wxEXPAND);
    main->SetSizer(mainSizer);
    m_book->AddPage(main, "dashboard");

    // Page 1: search results.
    auto* results = new wxPanel(m_book);
    auto* resultsSizer = new wxBoxSizer(wxVERTICAL);
    m_resultStatus = new wxStaticText(results, wxID_ANY, "");
    resultsSizer->Add(m_resultStatus, 0, wxBOTTOM, gap);
    m_results =
        new wxDataViewListCtrl(results, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxDV_ROW_LINES | wxDV_SINGLE);
    m_results->AppendTextColumn(_("Kind"), wxDATAVIEW_CELL_INERT, FromDIP(90));
    m_results->AppendTextColumn(_("Name"), wxDATAVIEW_CELL_INERT, FromDIP(520), wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
    m_results->AppendTextColumn(_("Details"), wxDATAVIEW_CELL_INERT, FromDIP(360), wxALIGN_LEFT,
                                wxDATAVIEW_COL_RESIZABLE);
    resultsSizer->Add(m_results, 1, wxEXPAND);
    results->SetSizer(resultsSizer);
    m_book->AddPage(results, "results");

    // Page 2: the desk has no unit yet.
    auto* none = new wxPanel(m_book);
    auto* noneSizer = new wxBoxSizer(wxVERTICAL);
    m_noUnit = new wxStaticText(none, wxID_ANY, "");
    m_noUnit->SetFont(m_noUnit->GetFont().Scaled(1.2f));
    noneSizer->Add(m_noUnit, 0, wxALL, gap * 4);
    none->SetSizer(noneSizer);
    m_book->AddPage(none, "no-unit");

    top->Add(m_book, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap * 2);
    SetSizer(top);

    m_models->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent&) {
        const int row = m_models->GetSelectedRow();
        if (row != wxNOT_FOUND && static_cast<std::size_t>(row) < m_modelNumbers.size()) {
            selectModel(m_modelNumbers[static_cast<std::size_t>(row)]);
        }
    });
    m_models->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { m_tasks->focusList(); });
    for (auto [list, ids] : {std::pair{m_overdue, &m_overdueIds}, std::pair{m_dueSoon, &m_dueSoonIds}}) {
        list->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this, list = list, ids = ids](wxDataViewEvent&) {
            const int row = list->GetSelectedRow();
            if (row != wxNOT_FOUND && static_cast<std::size_t>(row) < ids->size()) {
                openTask((*ids)[static_cast<std::size_t>(row)]);
            }
        });
    }
    m_results->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) {
        const int row = m_results->GetSelectedRow();
        if (row != wxNOT_FOUND) {
            openResult(static_cast<std::size_t>(row));
        }
    });
    m_searchBox->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        const std::string q = utf8(m_searchBox->GetValue());
        if (q.empty()) {
            m_book->ChangeSelection(m_presenter.unitId().empty() ? 2 : 0);
            return;
        }
        m_search.search(q);
        m_book->ChangeSelection(1);
    });
    m_searchBox->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) { m_searchBox->Clear(); });
    m_searchBox->Bind(wxEVT_SEARCHCTRL_SEARCH_BTN, [this](wxCommandEvent&) {
        if (!m_resultRows.empty()) {
            openResult(0);
        }
    });
    m_tasks->onChanged = [this] { m_presenter.load(); };
    m_tasks->onStatus = [this](const wxString& t) {
        if (onStatus) {
            onStatus(t);
        }
    };
    // The frequent actions from anywhere on the page (the frame's menu has the same keys).
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        const bool ctrl = e.GetModifiers() == wxMOD_CONTROL;
        if (e.GetKeyCode() == WXK_F5 && e.GetModifiers() == wxMOD_NONE) {
            refresh();
        } else if (ctrl && e.GetKeyCode() == 'N') {
            newTask();
        } else if (ctrl && e.GetKeyCode() == 'D') {
            markSelectedDone();
        } else if (ctrl && e.GetKeyCode() == 'F') {
            focusSearch();
        } else if (e.GetKeyCode() == WXK_ESCAPE && !m_searchBox->IsEmpty()) {
            m_searchBox->Clear();
        } else {
            e.Skip();
        }
    });
}

void DashboardPage::refresh()
{
    m_presenter.load();
    m_tasks->refresh();
    if (!m_searchBox->IsEmpty()) {
        m_search.search(utf8(m_searchBox->GetValue()));
    }
}

void DashboardPage::focusSearch()
{
    m_searchBox->SetFocus();
    m_searchBox->SelectAll();
}

void DashboardPage::newTask()
{
    m_tasks->newTask();
}

void DashboardPage::editSelected()
{
    // The list with the focus decides; else the model's task list.
    for (auto [list, ids] : {std::pair{m_overdue, &m_overdueIds}, std::pair{m_dueSoon, &m_dueSoonIds}}) {
        if (list->HasFocus() || list->GetMainWindow()->HasFocus()) {
            const int row = list->GetSelectedRow();
            if (row != wxNOT_FOUND && static_cast<std::size_t>(row) < ids->size()) {
                openTask((*ids)[static_cast<std::size_t>(row)]);
            }
            return;
        }
    }
    m_tasks->editSelected();
}

void DashboardPage::markSelectedDone()
{
    m_tasks->markSelectedDone();
}

wxString DashboardPage::unitName() const
{
    return wx(m_presenter.unitName());
}

void DashboardPage::showHeader(const ui::DashboardHeader& h)
{
    m_unit->SetLabel(wx(h.unitName));
    m_date->SetLabel(wx(h.date));
    m_summary->SetLabel(wx(h.summary));
    m_overdueTotal = h.overdueTotal;
    m_dueSoonTotal = h.dueSoonTotal;
    if (m_book->GetSelection() == 2) {
        m_book->ChangeSelection(0);
    }
    Layout();
}

void DashboardPage::showModels(const std::vector<ui::DashboardModelRow>& rows)
{
    m_models->Freeze();
    m_modelStore->clearRows();
    m_modelNumbers.clear();
    int reselect = -1;
    for (const auto& r : rows) {
        const auto values =
            variantRow({wxVariant(wxString::Format("%d", r.number)), wxVariant(wx(r.title)), wxVariant(wx(r.role)),
                        wxVariant(wx(r.deadline)), wxVariant(static_cast<long>(r.percent)), wxVariant(wx(r.counts)),
                        wxVariant(wx(r.state))});
        if (r.number == m_selectedModel) {
            reselect = static_cast<int>(m_modelNumbers.size());
        }
        m_modelStore->appendRow(values, r.tone);
        m_modelNumbers.push_back(r.number);
    }
    m_models->Thaw();
    m_tasks->setUnit(m_presenter.unitId());
    // Nothing chosen yet: the first model with overdue tasks, else with tasks, else the first.
    for (std::size_t i = 0; reselect < 0 && i < rows.size(); ++i) {
        if (rows[i].overdue > 0) {
            reselect = static_cast<int>(i);
        }
    }
    for (std::size_t i = 0; reselect < 0 && i < rows.size(); ++i) {
        if (rows[i].tasks > 0) {
            reselect = static_cast<int>(i);
        }
    }
    if (reselect < 0 && !rows.empty()) {
        reselect = 0;
    }
    if (reselect >= 0) {
        m_models->SelectRow(static_cast<unsigned>(reselect));
        selectModel(m_modelNumbers[static_cast<std::size_t>(reselect)]);
    }
}

void DashboardPage::fillTaskList(wxDataViewListCtrl* list, WorkListStore* store,
                                 const std::vector<ui::DashboardTaskRow>& rows, std::vector<std::int64_t>& ids)
{
    list->Freeze();
    store->clearRows();
    ids.clear();
    for (const auto& r : rows) {
        const auto values =
            variantRow({wxVariant(wxString::Format("%lld", static_cast<long long>(r.id))), wxVariant(wx(r.due)),
                        wxVariant(wx(r.when)), wxVariant(wx(r.title)), wxVariant(wx(r.unit))});
        store->appendRow(values, r.tone);
        ids.push_back(r.id);
    }
    list->Thaw();
}

void DashboardPage::showOverdue(const std::vector<ui::DashboardTaskRow>& rows)
{
    m_overdueTitle->SetLabel(wxString::Format(_("Overdue (%zu)"), std::max(rows.size(), m_overdueTotal)));
    fillTaskList(m_overdue, m_overdueStore, rows, m_overdueIds);
}

void DashboardPage::showDueSoon(const std::vector<ui::DashboardTaskRow>& rows)
{
    m_dueSoonTitle->SetLabel(wxString::Format(_("Due within 7 days (%zu)"), std::max(rows.size(), m_dueSoonTotal)));
    fillTaskList(m_dueSoon, m_dueSoonStore, rows, m_dueSoonIds);
}

void DashboardPage::showNoUnit(const std::string& message)
{
    m_unit->SetLabel(_("Dashboard"));
    m_date->SetLabel(wx(m_clock.today().toVietnamese()));
    m_summary->SetLabel("");
    m_noUnit->SetLabel(wx(message));
    m_noUnit->Wrap(FromDIP(720));
    m_book->ChangeSelection(2);
    m_tasks->setUnit("");
    Layout();
}

void DashboardPage::showStatus(const std::string& text)
{
    if (onStatus) {
        onStatus(wx(text));
    }
}

void DashboardPage::showError(const std::string& text)
{
    wxMessageBox(wx(text), _("DA06 Desk"), wxOK | wxICON_ERROR, this);
}

void DashboardPage::showResults(const std::vector<ui::WorkSearchResult>& results, const std::string& status)
{
    m_resultRows = results;
    m_resultStatus->SetLabel(wx(status));
    m_results->Freeze();
    m_results->DeleteAllItems();
    for (const auto& r : results) {
        const auto values = variantRow({wxVariant(wx(r.kindLabel)), wxVariant(wx(r.label)), wxVariant(wx(r.detail))});
        m_results->AppendItem(values);
    }
    m_results->Thaw();
}

void DashboardPage::selectModel(int number)
{
    m_selectedModel = number;
    wxString heading;
    for (std::size_t i = 0; i < m_modelNumbers.size(); ++i) {
        if (m_modelNumbers[i] == number) {
            heading = wxString::Format(_("Tasks of model %d"), number) + ": " +
                      m_models->GetTextValue(static_cast<unsigned>(i), kModelTitle);
        }
    }
    m_tasks->setModel(number, heading);
}

void DashboardPage::openTask(std::int64_t id)
{
    TaskDialog dlg(this, m_db, m_clock, m_actor);
    if (!dlg.startEdit(id)) {
        return;
    }
    dlg.ShowModal();
    refresh();
}

void DashboardPage::openResult(std::size_t index)
{
    if (index >= m_resultRows.size()) {
        return;
    }
    const auto r = m_resultRows[index];
    switch (r.kind) {
    case ui::WorkSearchResult::Kind::Model: {
        m_searchBox->Clear();
        const int number = std::atoi(r.key.c_str());
        for (std::size_t i = 0; i < m_modelNumbers.size(); ++i) {
            if (m_modelNumbers[i] == number) {
                m_models->SelectRow(static_cast<unsigned>(i));
                m_models->EnsureVisible(m_models->RowToItem(static_cast<int>(i)));
                selectModel(number);
                return;
            }
        }
        showStatus(utf8(wxString::Format(_("Model %d is not one of this unit's models."), number)));
        return;
    }
    case ui::WorkSearchResult::Kind::Unit:
        m_searchBox->Clear();
        m_selectedModel = 0;
        m_presenter.showUnit(r.key);
        return;
    case ui::WorkSearchResult::Kind::Task:
        openTask(std::atoll(r.key.c_str()));
        return;
    }
}

} // namespace da06::app
