#pragma once
// The dashboard, the first page: the desk's unit with its models (lead and coordinating) and a
// progress bar each, its overdue and due-soon tasks, and below them the tasks of the selected
// model. One search box finds models, units and tasks with or without diacritics.
// Keys: Ctrl+N new task, Enter edit, Ctrl+D mark done, F5 refresh, Ctrl+F search.
#include <functional>
#include <wx/panel.h>

#include "client/presenters/DashboardPresenter.h"
#include "client/presenters/WorkSearchPresenter.h"

class wxDataViewListCtrl;
class wxSearchCtrl;
class wxSimplebook;
class wxStaticText;

namespace da06::app {

class TaskListPanel;
class WorkListStore;

class DashboardPage : public wxPanel, public ui::DashboardView, public ui::WorkSearchView {
public:
    DashboardPage(wxWindow* parent, store::Database& db, const Clock& clock, const access::Actor& actor);

    void refresh();          // F5
    void focusSearch();      // Ctrl+F
    void newTask();          // Ctrl+N
    void editSelected();     // Enter
    void markSelectedDone(); // Ctrl+D
    // "Huyện Tân Biên" for the status bar (empty before the desk has a unit).
    wxString unitName() const;

    std::function<void(const wxString&)> onStatus; // set by the frame

    // DashboardView
    void showHeader(const ui::DashboardHeader& header) override;
    void showModels(const std::vector<ui::DashboardModelRow>& rows) override;
    void showOverdue(const std::vector<ui::DashboardTaskRow>& rows) override;
    void showDueSoon(const std::vector<ui::DashboardTaskRow>& rows) override;
    void showNoUnit(const std::string& message) override;
    void showStatus(const std::string& text) override;
    void showError(const std::string& text) override;
    // WorkSearchView
    void showResults(const std::vector<ui::WorkSearchResult>& results, const std::string& status) override;

private:
    void selectModel(int number);
    void openTask(std::int64_t id);
    void openResult(std::size_t index);
    void fillTaskList(wxDataViewListCtrl* list, WorkListStore* store, const std::vector<ui::DashboardTaskRow>& rows,
                      std::vector<std::int64_t>& ids);

    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
    ui::DashboardPresenter m_presenter;
    ui::WorkSearchPresenter m_search;
    wxStaticText* m_unit = nullptr;
    wxStaticText* m_date = nullptr;
    wxStaticText* m_summary = nullptr;
    wxSearchCtrl* m_searchBox = nullptr;
    wxSimplebook* m_book = nullptr; // 0: dashboard, 1: search results, 2: no unit yet
    wxDataViewListCtrl* m_models = nullptr;
    WorkListStore* m_modelStore = nullptr;
    wxStaticText* m_overdueTitle = nullptr;
    wxDataViewListCtrl* m_overdue = nullptr;
    WorkListStore* m_overdueStore = nullptr;
    wxStaticText* m_dueSoonTitle = nullptr;
    wxDataViewListCtrl* m_dueSoon = nullptr;
    WorkListStore* m_dueSoonStore = nullptr;
    TaskListPanel* m_tasks = nullptr;
    wxDataViewListCtrl* m_results = nullptr;
    wxStaticText* m_resultStatus = nullptr;
    wxStaticText* m_noUnit = nullptr;
    std::vector<int> m_modelNumbers;
    std::vector<std::int64_t> m_overdueIds;
    std::vector<std::int64_t> m_dueSoonIds;
    std::vector<ui::WorkSearchResult> m_resultRows;
    std::size_t m_overdueTotal = 0;
    std::size_t m_dueSoonTotal = 0;
    int m_selectedModel = 0;
};

} // namespace da06::app
