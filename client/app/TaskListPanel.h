#pragma once
// A unit's tasks (and those of the units below it), of one model or all, with a search and the
// frequent actions: New task (Ctrl+N), Edit (Enter or double-click), Mark done (Ctrl+D), Attach.
// Used as the lower half of the dashboard (the selected model's tasks) and as the Tasks page.
#include <functional>
#include <wx/panel.h>

#include "client/presenters/TaskListPresenter.h"

class wxButton;
class wxChoice;
class wxDataViewListCtrl;
class wxSearchCtrl;
class wxStaticText;

namespace da06::app {

class WorkListStore;

class TaskListPanel : public wxPanel, public ui::TaskListView {
public:
    // withModelChoice: a model filter in the panel (the Tasks page); without it the owner sets it.
    TaskListPanel(wxWindow* parent, store::Database& db, const Clock& clock, const access::Actor& actor,
                  bool withModelChoice);

    void setUnit(const std::string& unitId);
    void setModel(int number, const wxString& heading);
    void refresh();
    void focusList();

    void newTask();
    void editSelected();
    void markSelectedDone();
    void attachToSelected();

    std::function<void()> onChanged; // a task was added or changed
    std::function<void(const wxString&)> onStatus;

    // TaskListView
    void showModelChoices(const std::vector<ui::ModelChoice>& choices, int selected) override;
    void showTasks(const std::vector<ui::TaskRow>& rows) override;
    void showStatus(const std::string& text) override;
    void showError(const std::string& text) override;

private:
    std::optional<std::int64_t> selectedId() const;
    void changed();

    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
    ui::TaskListPresenter m_presenter;
    wxStaticText* m_heading = nullptr;
    wxChoice* m_models = nullptr;
    wxSearchCtrl* m_search = nullptr;
    wxDataViewListCtrl* m_list = nullptr;
    WorkListStore* m_store = nullptr;
    wxButton* m_new = nullptr;
    wxButton* m_edit = nullptr;
    wxButton* m_done = nullptr;
    wxButton* m_attachButton = nullptr;
    std::vector<int> m_modelNumbers;
    std::vector<std::int64_t> m_rowIds;
};

} // namespace da06::app
