#include "client/app/MainFrame.h"

#include <wx/aboutdlg.h>
#include <wx/app.h>
#include <wx/artprov.h>
#include <wx/filedlg.h>
#include <wx/listbox.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/numdlg.h>
#include <wx/progdlg.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/statusbr.h>
#include <wx/toolbar.h>

#include "client/app/AuditDialog.h"
#include "client/app/DashboardPage.h"
#include "client/app/FirstStartDialog.h"
#include "client/app/FrontDeskPanels.h"
#include "client/app/IdentityCheckPage.h"
#include "client/app/ModelsPage.h"
#include "client/app/PassphraseDialog.h"
#include "client/app/ReportsPage.h"
#include "client/app/SyncPanel.h"
#include "client/app/TaskListPanel.h"
#include "client/app/UsersDialog.h"
#include "client/app/WxText.h"
#include "client/presenters/PassphraseRules.h"
#include "client/presenters/StartupPresenter.h"
#include "client/presenters/SyncController.h"
#include "client/presenters/Translate.h"
#include "client/presenters/UsersPresenter.h"
#include "domain/access/Policy.h"
#include "domain/access/Restore.h"
#include "domain/desk/CheckService.h"
#include "domain/schema/FullSchema.h"

namespace da06::app {

namespace {
enum StatusField { kMessage, kUnit, kUser, kReader, kSync, kFieldCount };
enum {
    ID_Refresh = wxID_HIGHEST + 1,
    ID_Find,
    ID_PageModels,
    ID_PageIdcheck,
    ID_PageDashboard,
    ID_PageTasks,
    ID_NewTask,
    ID_EditTask,
    ID_MarkDone,
    ID_Lock,
    ID_ChangePassphrase,
    ID_Users,
    ID_Audit,
    ID_Policy,
    ID_Backup,
    ID_Restore,
    ID_SyncNow,
    ID_DeskSetup,
    ID_PageCases,
    ID_PagePawns,
    ID_PagePayouts,
    ID_SaveCheck,
    ID_AttachCheck,
    ID_PrintReceipt,
};

// The purge is checked each hour: it runs once a day, soon after midnight on a desk left open.
constexpr int kPurgeCheckMs = 60 * 60 * 1000;

std::chrono::seconds idleLimitFor(store::Database& db)
{
    // DA06_IDLE_LOCK_SECONDS shortens the policy for tests and demonstrations only.
    if (const char* env = std::getenv("DA06_IDLE_LOCK_SECONDS"); env && std::atoi(env) > 0) {
        return std::chrono::seconds(std::atoi(env));
    }
    auto policy = access::readPolicy(db);
    return std::chrono::minutes(policy ? policy->idleLockMinutes : access::kDefaultIdleLockMinutes);
}

} // namespace

MainFrame::MainFrame(access::Session session, std::unique_ptr<Clock> clock)
    : wxFrame(nullptr, wxID_ANY, _("DA06 Desk"), wxDefaultPosition, wxDefaultSize), m_session(std::move(session)),
      m_clock(std::move(clock)), m_storePath(m_session->store.path()),
      m_idle(idleLimitFor(m_session->store.db()), std::chrono::steady_clock::now())
{
    SetName("da06-main");
    buildMenus();
    buildToolBar();
    buildStatusBar();

    auto* split =
        new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    m_nav = new wxListBox(split, wxID_ANY);
    m_book = new wxSimplebook(split);
    split->SetMinimumPaneSize(FromDIP(120));
    split->SplitVertically(m_nav, m_book, FromDIP(170));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(split, 1, wxEXPAND);
    SetSizer(sizer);
    m_nav->Bind(wxEVT_LISTBOX,
                [this](wxCommandEvent& e) { m_book->ChangeSelection(static_cast<size_t>(e.GetSelection())); });
    buildPages();

    SetMinSize(FromDIP(wxSize(900, 560)));
    SetSize(FromDIP(wxSize(1280, 760)));
    Centre();

    m_idleTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (m_idle.shouldLock(std::chrono::steady_clock::now()) && !m_backup.busy()) {
            lockNow();
        }
    });
    m_idleTimer.Start(1000);
    m_purgeTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { runDailyPurge(); });
    m_purgeTimer.Start(kPurgeCheckMs);
    m_backupPulse.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (m_backupProgress) {
            m_backupProgress->Pulse();
        }
    });
}

MainFrame::~MainFrame()
{
    m_idleTimer.Stop();
    m_purgeTimer.Stop();
    m_backupPulse.Stop();
    m_backup.stop();
    tearDownPages();
}

bool MainFrame::isAdmin() const
{
    return m_session && m_session->actor.role == access::Role::Admin;
}

void MainFrame::buildPages()
{
    m_repo = std::make_unique<plan::PlanRepository>(m_session->store.db(), *m_clock);
    auto status = [this](const wxString& text) { SetStatusText(text, kMessage); };
    const access::Role role = m_session->actor.role;
    m_dashboard = new DashboardPage(m_book, m_session->store.db(), *m_clock, m_session->actor);
    m_dashboard->onStatus = status;
    m_book->AddPage(m_dashboard, _("Dashboard"));
    m_nav->Append(_("Dashboard"));
    if (access::allows(role, access::Permission::MakeChecks)) {
        m_idcheck = new IdentityCheckPage(m_book, m_session->store.db(), *m_clock, m_session->actor);
        m_idcheck->onStatus = status;
        m_idcheck->onReaderStatus = [this](const wxString& text) { SetStatusText(text, kReader); };
        m_idcheck->onDeskChanged = [this] { refreshDeskLists(); };
        m_book->AddPage(m_idcheck, _("Identity check"));
        m_nav->Append(_("Identity check"));
        // The front desk's records: cases, the pawn register, welfare payouts.
        auto addList = [&](ui::DeskList list, const wxString& title) {
            auto* page = new DeskListPage(m_book, m_session->store.db(), *m_clock, m_session->actor, list);
            page->onStatus = status;
            m_book->AddPage(page, title);
            m_nav->Append(title);
            return page;
        };
        m_cases = addList(ui::DeskList::Cases, _("Notarial cases"));
        m_pawns = addList(ui::DeskList::Contracts, _("Pawn register"));
        m_payouts = addList(ui::DeskList::Payouts, _("Welfare payouts"));
        refreshDeskLists();
    }
    m_models = new ModelsPage(m_book, *m_repo);
    m_book->AddPage(m_models, _("Models"));
    m_nav->Append(_("Models"));
    m_models->onStatus = status;
    m_models->refresh();
    if (access::allows(role, access::Permission::EditProgress)) {
        m_tasks = new TaskListPanel(m_book, m_session->store.db(), *m_clock, m_session->actor, true);
        m_tasks->onStatus = status;
        m_tasks->onChanged = [this] {
            if (m_dashboard) {
                m_dashboard->refresh();
            }
        };
        m_book->AddPage(m_tasks, _("Tasks"));
        m_nav->Append(_("Tasks"));
        m_tasks->refresh();
    }
    if (access::allows(role, access::Permission::CompileReports)) {
        m_reports = new ReportsPage(m_book, m_session->store.db(), *m_clock, m_session->actor);
        m_reports->onStatus = status;
        m_book->AddPage(m_reports, _("Reports"));
        m_nav->Append(_("Reports"));
    }
    m_sync = new SyncPanel(m_book, m_session->store.db(), *m_clock, m_session->actor);
    m_sync->onStatusText = [this](const wxString& text) { SetStatusText(text, kSync); };
    m_book->AddPage(m_sync, _("Synchronization"));
    m_nav->Append(_("Synchronization"));
    startSync();
    m_dashboard->refresh();
    SetStatusText(m_dashboard->unitName().empty() ? _("Unit: not set")
                                                  : wxString::Format(_("Unit: %s"), m_dashboard->unitName()),
                  kUnit);
    // The front desk comes first for checkers: the identity check is their daily work.
    showPage(m_idcheck ? static_cast<wxWindow*>(m_idcheck) : m_dashboard);
    if (m_idcheck) {
        m_idcheck->focusScan();
    }
    auto plan = m_repo->currentPlan();
    SetTitle(plan && *plan ? wxString::Format(_("DA06 Desk - plan %s"), wx((*plan)->id)) : _("DA06 Desk"));
    updateStatus();
    auto* bar = GetMenuBar();
    const int admin = bar->FindMenu(_("&Administration"));
    if (admin != wxNOT_FOUND) {
        bar->EnableTop(static_cast<size_t>(admin), isAdmin());
    }
    bar->Enable(ID_Backup, isAdmin());
    bar->Enable(ID_Restore, isAdmin());
    const bool editsTasks = access::allows(role, access::Permission::EditProgress);
    bar->Enable(ID_NewTask, editsTasks);
    bar->Enable(ID_EditTask, editsTasks);
    bar->Enable(ID_MarkDone, editsTasks);
    bar->Enable(ID_PageTasks, editsTasks);
    bar->Enable(ID_PageIdcheck, m_idcheck != nullptr);
    for (int id : {ID_PageCases, ID_PagePawns, ID_PagePayouts, ID_SaveCheck, ID_AttachCheck, ID_PrintReceipt}) {
        bar->Enable(id, m_idcheck != nullptr);
    }
    const int deskMenu = bar->FindMenu(_("F&ront desk"));
    if (deskMenu != wxNOT_FOUND) {
        bar->EnableTop(static_cast<size_t>(deskMenu), m_idcheck != nullptr);
    }
    // After the window is up: sign-in is not held up by the purge.
    CallAfter([this] { runDailyPurge(); });
}

DeskListPage* MainFrame::currentDeskList() const
{
    wxWindow* page = m_book ? m_book->GetCurrentPage() : nullptr;
    for (DeskListPage* p : {m_cases, m_pawns, m_payouts}) {
        if (p && page == p) {
            return p;
        }
    }
    return nullptr;
}

void MainFrame::refreshDeskLists()
{
    for (DeskListPage* p : {m_cases, m_pawns, m_payouts}) {
        if (p) {
            p->refresh();
        }
    }
}

void MainFrame::runDailyPurge()
{
    if (!m_session || m_idle.isLocked()) {
        return;
    }
    desk::CheckService checks(m_session->store.db(), *m_clock, m_session->actor);
    auto last = checks.lastPurge();
    if (!last) {
        return; // the store is busy or damaged: the next check tries again
    }
    if (*last && **last == m_clock->today().toIso()) {
        return;
    }
    auto purged = checks.purge(false);
    if (!purged) {
        SetStatusText(_("The daily deletion of expired check details failed; it is tried again in an hour."), kMessage);
        return;
    }
    SetStatusText(
        wxString::Format(_("Retention: the personal details of %d check(s) past their retention period were deleted."),
                         purged->checks),
        kMessage);
    if (purged->checks > 0) {
        refreshDeskLists();
    }
}

void MainFrame::tearDownPages()
{
    stopSync();
    if (m_book) {
        m_book->DeleteAllPages();
    }
    if (m_nav) {
        m_nav->Clear();
    }
    m_models = nullptr;
    m_idcheck = nullptr;
    m_dashboard = nullptr;
    m_tasks = nullptr;
    m_reports = nullptr;
    m_sync = nullptr;
    m_cases = nullptr;
    m_pawns = nullptr;
    m_payouts = nullptr;
    m_repo.reset();
}

void MainFrame::showPage(wxWindow* page)
{
    if (!page) {
        return;
    }
    const int index = m_book->FindPage(page);
    if (index != wxNOT_FOUND) {
        m_book->ChangeSelection(static_cast<size_t>(index));
        m_nav->SetSelection(index);
    }
    // The focus leaves the page that was hidden: the search of a list page takes it.
    if (DeskListPage* list = currentDeskList()) {
        list->focusSearch();
    }
}

void MainFrame::noteActivity()
{
    m_idle.activity(std::chrono::steady_clock::now());
}

void MainFrame::startSync()
{
    if (!m_session || !m_sync) {
        return;
    }
    namespace sc = sync::client;
    // The controller's callbacks come from its thread; the sync page hears of them on the UI thread.
    const UiDelivery deliver = m_syncOwner.delivery();
    auto controller = ui::SyncController::start(
        m_session->store, *m_clock,
        [this, deliver](sc::Phase phase, std::int64_t done, std::int64_t total) {
            deliver.post([this, phase, done, total] {
                if (m_sync) {
                    m_sync->presenter().onProgress(phase, done, total);
                }
            });
        },
        [this, deliver](const sc::CycleOutcome& outcome) {
            deliver.post([this, outcome] {
                if (m_sync) {
                    m_sync->presenter().onFinished(outcome);
                }
            });
        });
    if (!controller) {
        SetStatusText(_("Sync: unavailable"), kSync);
        return;
    }
    m_syncController = std::move(*controller);
    m_sync->onSyncNow = [this] {
        if (m_syncController) {
            m_syncController->syncNow();
        }
    };
    m_sync->onCancel = [this] {
        if (m_syncController) {
            m_syncController->cancel();
        }
    };
    m_sync->presenter().refresh();
}

void MainFrame::stopSync()
{
    m_syncController.reset(); // stops and joins its thread
    m_syncOwner.renew();      // results still queued for the old pages are dropped
}

void MainFrame::buildMenus()
{
    auto* file = new wxMenu;
    file->Append(ID_Refresh, _("&Refresh\tF5"), _("Read the data again from the store"));
    file->Append(ID_SyncNow, _("S&ynchronize now\tCtrl+Shift+S"),
                 _("Send this desk's changes to the hub and receive the others'"));
    file->AppendSeparator();
    file->Append(ID_Lock, _("&Lock\tCtrl+L"), _("Lock the desk until your passphrase is entered again"));
    file->Append(ID_ChangePassphrase, _("Change my &passphrase...\tCtrl+Shift+P"),
                 _("Change the passphrase you sign in with"));
    file->AppendSeparator();
    file->Append(ID_Backup, _("&Back up...\tCtrl+Shift+B"), _("Write an encrypted copy of the data store"));
    file->Append(ID_Restore, _("&Restore..."), _("Replace the data store with a backup"));
    file->AppendSeparator();
    file->Append(wxID_EXIT, _("E&xit\tCtrl+Q"), _("Close DA06 Desk"));
    auto* edit = new wxMenu;
    edit->Append(ID_Find, _("&Find...\tCtrl+F"), _("Search the models"));
    auto* view = new wxMenu;
    view->Append(ID_PageDashboard, _("&Dashboard\tCtrl+0"), _("Show this unit's models, overdue and due-soon tasks"));
    view->Append(ID_PageModels, _("&Models\tCtrl+1"), _("Show the models of the plan"));
    view->Append(ID_PageIdcheck, _("&Identity check\tCtrl+2"), _("Check a citizen's identity card"));
    view->Append(ID_PageTasks, _("&Tasks\tCtrl+3"), _("Show the tasks of this unit"));
    view->Append(ID_PageCases, _("Notarial &cases\tCtrl+5"), _("Show the notarial cases and their parties"));
    view->Append(ID_PagePawns, _("&Pawn register\tCtrl+6"),
                 _("Show the pawn contracts; export the register for inspection"));
    view->Append(ID_PagePayouts, _("&Welfare payouts\tCtrl+7"),
                 _("Show the welfare payouts; import lists; reconcile a period"));
    auto* deskMenu = new wxMenu;
    deskMenu->Append(ID_SaveCheck, _("&Save check\tCtrl+S"),
                     _("Record the identity check with its purpose and legal ground"));
    deskMenu->Append(ID_AttachCheck, _("&Attach to a case, contract or payout...\tCtrl+G"),
                     _("Add the saved check to a notarial case, a pawn contract or a welfare payout"));
    deskMenu->Append(ID_PrintReceipt, _("&Print receipt...\tCtrl+P"),
                     _("Save the receipt of the check or payout as a PDF and open it"));
    auto* tasks = new wxMenu;
    tasks->Append(ID_NewTask, _("&New task...\tCtrl+N"), _("Add a task to the selected model"));
    tasks->Append(ID_EditTask, _("&Edit task...\tCtrl+E"), _("Edit the selected task"));
    tasks->Append(ID_MarkDone, _("Mark task &done\tCtrl+D"), _("Mark the selected task done"));
    auto* admin = new wxMenu;
    admin->Append(ID_Users, _("&Users...\tCtrl+Shift+U"), _("Add users, set passphrases and roles"));
    admin->Append(ID_Audit, _("&Audit log...\tCtrl+Shift+A"), _("Browse and verify the audit log"));
    admin->Append(ID_Policy, _("&Idle lock time..."), _("After how many minutes without use the desk locks itself"));
    admin->AppendSeparator();
    admin->Append(ID_DeskSetup, _("&Set up this desk (unit, hub, readers)..."),
                  _("Choose the unit of this desk, enroll with the provincial hub, check the card readers"));
    auto* help = new wxMenu;
    help->Append(wxID_ABOUT, _("&About DA06 Desk\tF1"));

    auto* bar = new wxMenuBar;
    bar->Append(file, _("&File"));
    bar->Append(edit, _("&Edit"));
    bar->Append(view, _("&View"));
    bar->Append(tasks, _("&Tasks"));
    bar->Append(deskMenu, _("F&ront desk"));
    bar->Append(admin, _("&Administration"));
    bar->Append(help, _("&Help"));
    SetMenuBar(bar);

    Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (m_models) {
                m_models->refresh();
            }
            if (m_dashboard) {
                m_dashboard->refresh();
            }
            if (m_tasks) {
                m_tasks->refresh();
            }
            refreshDeskLists();
        },
        ID_Refresh);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (DeskListPage* list = currentDeskList()) {
                list->focusSearch();
            } else if (m_dashboard && m_book->GetCurrentPage() == m_dashboard) {
                m_dashboard->focusSearch();
            } else if (m_models) {
                showPage(m_models);
                m_models->focusSearch();
            }
        },
        ID_Find);
    // Task actions go to the tasks page when it is shown, else to the dashboard.
    auto onTask = [this](void (DashboardPage::*d)(), void (TaskListPanel::*t)()) {
        if (m_tasks && m_book->GetCurrentPage() == m_tasks) {
            (m_tasks->*t)();
        } else if (m_dashboard) {
            showPage(m_dashboard);
            (m_dashboard->*d)();
        }
    };
    Bind(
        wxEVT_MENU, [onTask](wxCommandEvent&) { onTask(&DashboardPage::newTask, &TaskListPanel::newTask); },
        ID_NewTask);
    Bind(
        wxEVT_MENU, [onTask](wxCommandEvent&) { onTask(&DashboardPage::editSelected, &TaskListPanel::editSelected); },
        ID_EditTask);
    Bind(
        wxEVT_MENU,
        [onTask](wxCommandEvent&) { onTask(&DashboardPage::markSelectedDone, &TaskListPanel::markSelectedDone); },
        ID_MarkDone);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { showPage(m_dashboard); }, ID_PageDashboard);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { showPage(m_tasks); }, ID_PageTasks);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { showPage(m_models); }, ID_PageModels);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (m_idcheck) {
                showPage(m_idcheck);
                m_idcheck->focusScan();
            }
        },
        ID_PageIdcheck);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { showPage(m_cases); }, ID_PageCases);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { showPage(m_pawns); }, ID_PagePawns);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { showPage(m_payouts); }, ID_PagePayouts);
    // The front desk's actions work from any page: they act on the identity-check page.
    auto onDesk = [this](void (IdentityCheckPage::*action)()) {
        if (m_idcheck) {
            showPage(m_idcheck);
            (m_idcheck->*action)();
        }
    };
    Bind(wxEVT_MENU, [onDesk](wxCommandEvent&) { onDesk(&IdentityCheckPage::saveCheck); }, ID_SaveCheck);
    Bind(wxEVT_MENU, [onDesk](wxCommandEvent&) { onDesk(&IdentityCheckPage::attachCheck); }, ID_AttachCheck);
    Bind(wxEVT_MENU, [onDesk](wxCommandEvent&) { onDesk(&IdentityCheckPage::printReceipt); }, ID_PrintReceipt);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { lockNow(); }, ID_Lock);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { onChangePassphrase(); }, ID_ChangePassphrase);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { onUsers(); }, ID_Users);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { onAudit(); }, ID_Audit);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (!m_session || !isAdmin()) {
                return;
            }
            stopSync();
            runDeskSetup(this, *m_session, *m_clock);
            startSync();
            updateStatus();
        },
        ID_DeskSetup);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { onPolicy(); }, ID_Policy);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { onBackup(); }, ID_Backup);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { onRestore(); }, ID_Restore);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { onAbout(); }, wxID_ABOUT);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (m_syncController && m_sync) {
                m_sync->presenter().onStarted();
                m_syncController->syncNow();
            }
        },
        ID_SyncNow);
}

void MainFrame::buildToolBar()
{
    auto* tb = CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_FLAT);
    const wxSize icon = FromDIP(wxSize(24, 24));
    tb->AddTool(ID_Refresh, _("Refresh"), wxArtProvider::GetBitmapBundle(wxART_REDO, wxART_TOOLBAR, icon),
                _("Refresh (F5)"));
    tb->AddTool(ID_Find, _("Find"), wxArtProvider::GetBitmapBundle(wxART_FIND, wxART_TOOLBAR, icon),
                _("Find (Ctrl+F)"));
    tb->AddSeparator();
    tb->AddTool(ID_Lock, _("Lock"), wxArtProvider::GetBitmapBundle(wxART_CLOSE, wxART_TOOLBAR, icon),
                _("Lock (Ctrl+L)"));
    tb->AddTool(wxID_ABOUT, _("About"), wxArtProvider::GetBitmapBundle(wxART_INFORMATION, wxART_TOOLBAR, icon),
                _("About (F1)"));
    tb->Realize();
}

void MainFrame::buildStatusBar()
{
    auto* sb = CreateStatusBar(kFieldCount);
    const int widths[kFieldCount] = {-2, -3, -3, -2, -3};
    sb->SetStatusWidths(kFieldCount, widths);
    SetStatusText(_("Unit: not set"), kUnit);
    SetStatusText(_("Reader: none"), kReader);
    SetStatusText(_("Sync: working offline"), kSync);
}

void MainFrame::updateStatus()
{
    if (m_session) {
        SetStatusText(wxString::Format(_("User: %s"), wx(m_session->actor.user + " (" +
                                                         ui::UsersPresenter::roleLabel(m_session->actor.role) + ")")),
                      kUser);
    }
}

void MainFrame::lockNow()
{
    if (m_idle.isLocked() || !m_session) {
        return;
    }
    m_idle.locked();
    // Nothing of the desk's data stays on screen while it is locked; the identity on the check
    // page is forgotten.
    if (m_idcheck) {
        m_idcheck->clearForLock();
    }
    for (DeskListPage* p : {m_cases, m_pawns, m_payouts}) {
        if (p) {
            p->clearForLock();
        }
    }
    Hide();
    const std::string user = m_session->actor.user;
    PassphraseDialog dlg(nullptr, PassphraseDialog::Mode::Lock, "", {}, user,
                         [this, user](const PassphraseDialog::Entries& e) -> std::string {
                             // Checked like a sign-in: the brute-force brake applies.
                             auto check =
                                 access::openSession(m_storePath, user, e.passphrase, *m_clock, schema::full());
                             return check ? std::string() : ui::StartupPresenter::messageFor(check.error());
                         });
    dlg.SetEscapeId(wxID_NONE); // Esc does not unlock
    while (dlg.ShowModal() != wxID_OK) {
    }
    m_idle.unlocked(std::chrono::steady_clock::now());
    Show();
    Raise();
    refreshDeskLists();
}

void MainFrame::onChangePassphrase()
{
    PassphraseDialog dlg(this, PassphraseDialog::Mode::ChangeOwn, "", {}, m_session->actor.user,
                         [this](const PassphraseDialog::Entries& e) -> std::string {
                             if (e.passphrase != e.repeated) {
                                 return ui::tr("The two passphrases differ. Type the same passphrase twice.");
                             }
                             if (auto s = ui::evaluatePassphrase(e.passphrase); !s.acceptable) {
                                 return s.hint;
                             }
                             access::UserService users(*m_session, *m_clock);
                             auto r = users.changeOwnPassphrase(e.current, e.passphrase);
                             return r ? std::string() : ui::StartupPresenter::messageFor(r.error());
                         });
    if (dlg.ShowModal() == wxID_OK) {
        SetStatusText(_("Your passphrase was changed."), kMessage);
    }
}

void MainFrame::onUsers()
{
    if (!isAdmin()) {
        return;
    }
    UsersDialog dlg(this, *m_session, *m_clock);
    dlg.ShowModal();
}

void MainFrame::onAudit()
{
    if (!isAdmin()) {
        return;
    }
    AuditDialog dlg(this, *m_session);
    dlg.ShowModal();
}

void MainFrame::onPolicy()
{
    if (!isAdmin()) {
        return;
    }
    auto current = access::readPolicy(m_session->store.db());
    const long minutes =
        wxGetNumberFromUser(_("Lock the desk after this many minutes without use:"), _("Minutes:"), _("Idle lock time"),
                            current ? current->idleLockMinutes : 10, 1, 240, this);
    if (minutes < 1) {
        return;
    }
    access::Policy p;
    p.idleLockMinutes = static_cast<int>(minutes);
    if (auto s = access::writePolicy(*m_session, p, *m_clock); !s) {
        wxMessageBox(wx(ui::StartupPresenter::messageFor(s.error())), _("DA06 Desk"), wxOK | wxICON_WARNING, this);
        return;
    }
    m_idle.setLimit(idleLimitFor(m_session->store.db()));
}

void MainFrame::onBackup()
{
    if (!isAdmin() || m_backup.busy()) {
        return;
    }
    wxFileDialog dlg(this, _("Back up the data store to"), "", "da06-backup.da06bak",
                     _("DA06 backups (*.da06bak)|*.da06bak"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK) {
        return;
    }
    const std::filesystem::path to(utf8(dlg.GetPath()));
    m_backupProgress = new wxProgressDialog(_("Back up"), _("Writing an encrypted copy of the data store..."), 100,
                                            this, wxPD_APP_MODAL | wxPD_AUTO_HIDE);
    // The timer keeps the dialog moving on the UI thread while the copy runs off it.
    m_backupPulse.Start(50);
    // The connection serializes access, so the window stays live.
    m_backup.run([this, to](const TaskContext&) { return access::backupStore(*m_session, to, *m_clock); },
                 [this, to](const Result<store::BackupInfo>& result) {
                     m_backupPulse.Stop();
                     if (m_backupProgress) {
                         m_backupProgress->Destroy();
                         m_backupProgress = nullptr;
                     }
                     if (result) {
                         SetStatusText(wxString::Format(_("Backup written: %s"), wx(to.string())), kMessage);
                     } else {
                         wxMessageBox(wx(ui::StartupPresenter::messageFor(result.error())), _("Back up"),
                                      wxOK | wxICON_ERROR, this);
                     }
                 });
}

void MainFrame::onRestore()
{
    if (!isAdmin() || m_backup.busy()) {
        return;
    }
    wxFileDialog pick(this, _("Restore the data store from"), "", "",
                      _("DA06 backups (*.da06bak)|*.da06bak|All files|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (pick.ShowModal() != wxID_OK) {
        return;
    }
    if (wxMessageBox(
            _("Restoring replaces the data store with the backup. The current store is kept aside, not deleted.\n\n"
              "Continue?"),
            _("Restore"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, this) != wxYES) {
        return;
    }
    const std::filesystem::path from(utf8(pick.GetPath()));
    const std::string user = m_session->actor.user;
    // The store must be closed while it is replaced.
    tearDownPages();
    m_session.reset();
    std::string outcome;
    PassphraseDialog ask(
        this, PassphraseDialog::Mode::Login, wx(from.string()), {user}, user,
        [&](const PassphraseDialog::Entries& e) -> std::string {
            auto r = access::restoreFromBackup(m_storePath, from, e.user, e.passphrase, *m_clock, schema::full());
            if (!r) {
                return ui::StartupPresenter::messageFor(r.error());
            }
            outcome = r->keptAside.empty()
                          ? std::string()
                          : utf8(wxString::Format(_("The previous store was kept as %s."), wx(r->keptAside.string())));
            return {};
        });
    ask.SetTitle(_("Passphrase of an administrator of the backup"));
    const bool restored = ask.ShowModal() == wxID_OK;
    if (restored) {
        wxMessageBox(_("The backup was restored.") + "\n" + wx(outcome), _("Restore"), wxOK | wxICON_INFORMATION, this);
    }
    // Sign in again (to the restored store, or to the unchanged one).
    ui::StartupPresenter startup(m_storePath, *m_clock);
    PassphraseDialog login(this, PassphraseDialog::Mode::Login, wx(m_storePath.string()), startup.knownUsers(), user,
                           [&](const PassphraseDialog::Entries& e) -> std::string {
                               auto s = startup.unlock(e.user, e.passphrase);
                               if (!s) {
                                   return ui::StartupPresenter::messageFor(s.error());
                               }
                               m_session = std::move(*s);
                               return {};
                           });
    if (login.ShowModal() != wxID_OK || !m_session) {
        Close(true);
        return;
    }
    buildPages();
}

void MainFrame::onAbout()
{
    wxAboutDialogInfo info;
    info.SetName("DA06 Desk");
    info.SetVersion(DA06_VERSION);
    info.SetDescription(_("Desktop client for the agencies carrying out Project 06: the plan's models, "
                          "identity checks and monthly reports, kept in an encrypted store on this computer."));
    info.SetCopyright(wxString::Format(_("Data store: %s"), m_storePath.string()));
    wxAboutBox(info, this);
}

} // namespace da06::app
