// da06-desk: the wxWidgets desktop client.
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/stdpaths.h>
#include <wx/timer.h>
#include <wx/translation.h>
#include <wx/utils.h>
#include <wx/weakref.h>

#include "client/app/FirstStartDialog.h"
#include "client/app/MainFrame.h"
#include "client/app/PassphraseDialog.h"
#include "client/app/WxText.h"
#include "client/platform/Hardening.h"
#include "client/presenters/FirstStartPresenter.h"
#include "client/presenters/StartupPresenter.h"
#include "client/presenters/Translate.h"

namespace da06::app {

namespace {
// SIGTERM/SIGINT (logout, service stop, tests) close the window the normal way.
std::atomic<bool> g_stopRequested{false};
extern "C" void onStopSignal(int)
{
    g_stopRequested = true;
}
} // namespace

class DeskApp : public wxApp {
public:
    bool OnInit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;
    bool OnExceptionInMainLoop() override;

private:
    void setUpLanguage();
    std::optional<access::Session> startSession();
    void runFirstStart(access::Session& session);
    int FilterEvent(wxEvent& event) override;

    wxString m_storePath;
    wxString m_lang;
    wxTimer m_stopWatch;
    // DA06_FAKE_TODAY=YYYY-MM-DD fixes the day (demonstrations, screenshot tests), as in `da06`.
    static std::unique_ptr<Clock> makeClock();
    wxWeakRef<MainFrame> m_frame;
    bool m_firstStart = false; // the store was created by this start (interactively)
};

void DeskApp::OnInitCmdLine(wxCmdLineParser& parser)
{
    wxApp::OnInitCmdLine(parser);
    parser.AddOption("s", "store", "the store file (default: the user's data folder)");
    parser.AddOption("l", "lang", "user interface language: vi (default) or en");
}

bool DeskApp::OnCmdLineParsed(wxCmdLineParser& parser)
{
    parser.Found("store", &m_storePath);
    parser.Found("lang", &m_lang);
    return wxApp::OnCmdLineParsed(parser);
}

void DeskApp::setUpLanguage()
{
    if (m_lang.empty()) {
        if (const char* env = std::getenv("DA06_LANG"); env && *env) {
            m_lang = env;
        } else {
            m_lang = "vi";
        }
    }
    // Catalogs: <prefix>/share/locale/<lang>/LC_MESSAGES/da06.mo, next to bin/ in the build tree
    // and in an installed tree.
    wxFileName exe(wxStandardPaths::Get().GetExecutablePath());
    exe.RemoveLastDir();
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(exe.GetPath() + "/share/locale");
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(exe.GetPath() + "/share/da06/locale");
    auto* translations = new wxTranslations;
    translations->SetLanguage(m_lang == "en" ? wxLANGUAGE_ENGLISH : wxLANGUAGE_VIETNAMESE);
    wxTranslations::Set(translations);
    if (m_lang != "en") {
        translations->AddStdCatalog();
        translations->AddCatalog("da06");
    }
    ui::setTranslator(&translateUtf8);
}

std::optional<access::Session> DeskApp::startSession()
{
    const std::filesystem::path path =
        m_storePath.empty() ? store::Store::defaultPath() : std::filesystem::path(utf8(m_storePath));
    const auto clock = makeClock();
    ui::StartupPresenter startup(path, *clock);
    const std::string envUser = std::getenv("DA06_USER") ? std::getenv("DA06_USER") : "";

    // Automation (tests, kiosks set up by an administrator): DA06_PASSPHRASE unlocks without a
    // dialog; it is wiped from the environment at once.
    if (char* env = std::getenv("DA06_PASSPHRASE"); env && *env) {
        std::string pass(env);
        store::wipe(env, std::strlen(env));
        wxUnsetEnv("DA06_PASSPHRASE");
        auto st = startup.isFirstStart() ? startup.createStore(envUser.empty() ? "admin" : envUser, pass, pass)
                                         : startup.unlock(envUser, pass);
        store::wipe(pass.data(), pass.size());
        if (st) {
            return std::move(*st);
        }
        wxMessageBox(wx(ui::StartupPresenter::messageFor(st.error())), _("DA06 Desk"), wxOK | wxICON_ERROR);
        return std::nullopt;
    }

    std::optional<access::Session> opened;
    const bool first = startup.isFirstStart();
    m_firstStart = first;
    PassphraseDialog dlg(nullptr, first ? PassphraseDialog::Mode::Create : PassphraseDialog::Mode::Login,
                         wx(path.string()), startup.knownUsers(), envUser,
                         [&](const PassphraseDialog::Entries& e) -> std::string {
                             auto st = first ? startup.createStore(e.user, e.passphrase, e.repeated)
                                             : startup.unlock(e.user, e.passphrase);
                             if (!st) {
                                 return ui::StartupPresenter::messageFor(st.error());
                             }
                             opened = std::move(*st);
                             return {};
                         });
    if (dlg.ShowModal() != wxID_OK || !opened) {
        return std::nullopt;
    }
    return opened;
}

void DeskApp::runFirstStart(access::Session& session)
{
    const auto clock = makeClock();
    runDeskSetup(nullptr, session, *clock);
}

std::unique_ptr<Clock> DeskApp::makeClock()
{
    if (const char* fake = std::getenv("DA06_FAKE_TODAY"); fake && *fake) {
        if (auto d = Date::parseIso(fake)) {
            return std::make_unique<FixedClock>(FixedClock::at(*d));
        }
    }
    return std::make_unique<SystemClock>();
}

int DeskApp::FilterEvent(wxEvent& event)
{
    const wxEventType t = event.GetEventType();
    if (m_frame && (t == wxEVT_KEY_DOWN || t == wxEVT_LEFT_DOWN || t == wxEVT_RIGHT_DOWN || t == wxEVT_MOTION ||
                    t == wxEVT_MOUSEWHEEL)) {
        m_frame->noteActivity();
    }
    return Event_Skip;
}

bool DeskApp::OnInit()
{
    platform::hardenProcess();
    if (!wxApp::OnInit()) {
        return false;
    }
    SetAppName("da06");
    SetAppDisplayName("DA06 Desk");
    setUpLanguage();
    auto session = startSession();
    if (!session) {
        return false;
    }
    // First start on a new machine: unit, hub, readers. DA06_FIRST_START=1 shows it again (an
    // administrator setting a desk up, or the screenshot test).
    const char* again = std::getenv("DA06_FIRST_START");
    if ((m_firstStart || (again && std::string(again) == "1")) && session->actor.role == access::Role::Admin) {
        runFirstStart(*session);
    }
    auto* frame = new MainFrame(std::move(*session), makeClock());
    m_frame = frame;
    frame->Show();
    SetTopWindow(frame);
    std::signal(SIGTERM, onStopSignal);
    std::signal(SIGINT, onStopSignal);
    m_stopWatch.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (g_stopRequested.exchange(false) && GetTopWindow()) {
            GetTopWindow()->Close(true);
        }
    });
    m_stopWatch.Start(200);
    return true;
}

bool DeskApp::OnExceptionInMainLoop()
{
    try {
        throw;
    } catch (const std::exception& e) {
        wxMessageBox(wxString::Format(_("An internal error occurred: %s"), wx(e.what())), _("DA06 Desk"),
                     wxOK | wxICON_ERROR);
    }
    return true;
}

} // namespace da06::app

wxIMPLEMENT_APP(da06::app::DeskApp);
