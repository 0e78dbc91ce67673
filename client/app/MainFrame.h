#pragma once
// The main window: menu bar, toolbar, navigation on the left, pages on the right, status bar
// (unit, user, reader, sync).
#include <memory>
#include <wx/frame.h>

#include "core/Clock.h"
#include "plan/PlanRepository.h"
#include "store/Store.h"

class wxListBox;
class wxSimplebook;

namespace da06::app {

class ModelsPage;

class MainFrame : public wxFrame {
public:
    MainFrame(store::Store store, std::unique_ptr<Clock> clock);

private:
    void buildMenus();
    void buildToolBar();
    void buildStatusBar();
    void onAbout();

    store::Store m_store;
    std::unique_ptr<Clock> m_clock;
    plan::PlanRepository m_repo;
    wxListBox* m_nav = nullptr;
    wxSimplebook* m_book = nullptr;
    ModelsPage* m_models = nullptr;
};

} // namespace da06::app
