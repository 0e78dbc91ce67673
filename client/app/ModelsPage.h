#pragma once
// The models page: the tree of groups and models on the left, the selected model on the right.
#include <memory>
#include <wx/panel.h>

#include "client/presenters/ModelsPresenter.h"

class wxTreeListCtrl;
class wxHtmlWindow;
class wxSearchCtrl;
class wxSplitterWindow;

namespace da06::app {

class ModelsPage : public wxPanel, public ui::ModelsView {
public:
    ModelsPage(wxWindow* parent, plan::PlanRepository& repo);

    void refresh();
    void focusSearch();
    std::function<void(const wxString&)> onStatus; // set by the frame

    // ModelsView
    void showGroups(const std::vector<ui::GroupNode>& groups) override;
    void showDetail(const ui::ModelDetail& detail) override;
    void clearDetail() override;
    void showStatus(const std::string& text) override;
    void showError(const std::string& text) override;

private:
    ui::ModelsPresenter m_presenter;
    wxSearchCtrl* m_search = nullptr;
    wxSplitterWindow* m_split = nullptr;
    wxTreeListCtrl* m_tree = nullptr;
    wxHtmlWindow* m_detail = nullptr;
    bool m_hasDetail = false;
};

} // namespace da06::app
