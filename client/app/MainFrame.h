#pragma once
// The main window: menu bar, toolbar, navigation on the left, pages on the right, status bar
// (unit, user, reader, sync). Locks itself after the policy's idle time.
#include <memory>
#include <optional>
#include <wx/frame.h>
#include <wx/timer.h>

#include "client/app/BackgroundTask.h"
#include "client/presenters/IdleLock.h"
#include "domain/access/Accounts.h"
#include "domain/core/Clock.h"
#include "domain/plan/PlanRepository.h"

class wxListBox;
class wxProgressDialog;
class wxSimplebook;

namespace da06::ui {
class SyncController;
}

namespace da06::app {

class ModelsPage;
class IdentityCheckPage;
class DashboardPage;
class TaskListPanel;
class ReportsPage;
class SyncPanel;
class DeskListPage;

class MainFrame : public wxFrame {
public:
    MainFrame(access::Session session, std::unique_ptr<Clock> clock);
    ~MainFrame() override;

    // Keyboard or mouse input anywhere in the application (from DeskApp::FilterEvent).
    void noteActivity();

private:
    void buildMenus();
    void buildToolBar();
    void buildStatusBar();
    void buildPages();
    void tearDownPages();
    void updateStatus();
    void onAbout();
    void lockNow();
    void onChangePassphrase();
    void onUsers();
    void onAudit();
    void onPolicy();
    void onBackup();
    void onRestore();
    bool isAdmin() const;
    void showPage(wxWindow* page);
    // The front desk's list pages, when the role has them.
    DeskListPage* currentDeskList() const;
    void refreshDeskLists();
    // The daily retention purge of check details (issue 8): after sign-in and then each hour, it
    // runs when it has not run today on this desk; the status bar says how many checks it cleared.
    void runDailyPurge();
    // The background synchronization (ui::SyncController; its news reach the sync page on the UI
    // thread through m_syncOwner).
    void startSync();
    void stopSync();

    std::optional<access::Session> m_session;
    std::unique_ptr<Clock> m_clock;
    std::unique_ptr<plan::PlanRepository> m_repo;
    std::filesystem::path m_storePath;
    wxListBox* m_nav = nullptr;
    wxSimplebook* m_book = nullptr;
    ModelsPage* m_models = nullptr;
    IdentityCheckPage* m_idcheck = nullptr;
    DashboardPage* m_dashboard = nullptr;
    TaskListPanel* m_tasks = nullptr;
    ReportsPage* m_reports = nullptr;
    SyncPanel* m_sync = nullptr;
    DeskListPage* m_cases = nullptr;
    DeskListPage* m_pawns = nullptr;
    DeskListPage* m_payouts = nullptr;
    wxTimer m_purgeTimer;
    std::unique_ptr<ui::SyncController> m_syncController;
    OwnerToken m_syncOwner; // renewed by stopSync: news queued for the old pages are dropped
    ui::IdleLock m_idle;
    wxTimer m_idleTimer;
    wxProgressDialog* m_backupProgress = nullptr; // while a backup runs
    wxTimer m_backupPulse;                        // keeps that dialog moving
    BackgroundTask m_backup;                      // backups run here; stopped and joined before the frame goes
};

} // namespace da06::app
