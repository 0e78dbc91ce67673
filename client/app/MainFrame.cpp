#include "app/MainFrame.h"

#include <wx/aboutdlg.h>
#include <wx/artprov.h>
#include <wx/listbox.h>
#include <wx/menu.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/statusbr.h>
#include <wx/toolbar.h>

#include "app/ModelsPage.h"
#include "app/WxText.h"

namespace da06::app {

namespace {
enum StatusField { kMessage, kUnit, kUser, kReader, kSync, kFieldCount };
enum { ID_Refresh = wxID_HIGHEST + 1, ID_Find, ID_PageModels };
} // namespace

MainFrame::MainFrame(store::Store store, std::unique_ptr<Clock> clock)
    : wxFrame(nullptr, wxID_ANY, _("DA06 Desk"), wxDefaultPosition, wxDefaultSize),
      m_store(std::move(store)), m_clock(std::move(clock)), m_repo(m_store.db(), *m_clock)
{
    SetName("da06-main");
    buildMenus();
    buildToolBar();
    buildStatusBar();

    auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    m_nav = new wxListBox(split, wxID_ANY);
    m_nav->Append(_("Models"));
    m_nav->SetSelection(0);
    m_book = new wxSimplebook(split);
    m_models = new ModelsPage(m_book, m_repo);
    m_book->AddPage(m_models, _("Models"), true);
    split->SetMinimumPaneSize(FromDIP(120));
    split->SplitVertically(m_nav, m_book, FromDIP(170));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(split, 1, wxEXPAND);
    SetSizer(sizer);

    m_models->onStatus = [this](const wxString& text) { SetStatusText(text, kMessage); };
    m_nav->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) { m_book->ChangeSelection(static_cast<size_t>(e.GetSelection())); });
    m_models->refresh();

    auto plan = m_repo.currentPlan();
    if (plan && *plan) {
        SetTitle(wxString::Format(_("DA06 Desk — plan %s"), wx((*plan)->id)));
    }
    SetMinSize(FromDIP(wxSize(900, 560)));
    SetSize(FromDIP(wxSize(1280, 760)));
    Centre();
}

void MainFrame::buildMenus()
{
    auto* file = new wxMenu;
    file->Append(ID_Refresh, _("&Refresh\tF5"), _("Read the data again from the store"));
    file->AppendSeparator();
    file->Append(wxID_EXIT, _("E&xit\tCtrl+Q"), _("Close DA06 Desk"));
    auto* edit = new wxMenu;
    edit->Append(ID_Find, _("&Find…\tCtrl+F"), _("Search the models"));
    auto* view = new wxMenu;
    view->Append(ID_PageModels, _("&Models\tCtrl+1"), _("Show the models of the plan"));
    auto* help = new wxMenu;
    help->Append(wxID_ABOUT, _("&About DA06 Desk\tF1"));

    auto* bar = new wxMenuBar;
    bar->Append(file, _("&File"));
    bar->Append(edit, _("&Edit"));
    bar->Append(view, _("&View"));
    bar->Append(help, _("&Help"));
    SetMenuBar(bar);

    Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { m_models->refresh(); }, ID_Refresh);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        m_book->ChangeSelection(0);
        m_nav->SetSelection(0);
        m_models->focusSearch();
    }, ID_Find);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        m_book->ChangeSelection(0);
        m_nav->SetSelection(0);
    }, ID_PageModels);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { onAbout(); }, wxID_ABOUT);
}

void MainFrame::buildToolBar()
{
    auto* tb = CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_FLAT);
    const wxSize icon = FromDIP(wxSize(24, 24));
    tb->AddTool(ID_Refresh, _("Refresh"), wxArtProvider::GetBitmapBundle(wxART_REDO, wxART_TOOLBAR, icon), _("Refresh (F5)"));
    tb->AddTool(ID_Find, _("Find"), wxArtProvider::GetBitmapBundle(wxART_FIND, wxART_TOOLBAR, icon), _("Find (Ctrl+F)"));
    tb->AddSeparator();
    tb->AddTool(wxID_ABOUT, _("About"), wxArtProvider::GetBitmapBundle(wxART_INFORMATION, wxART_TOOLBAR, icon), _("About (F1)"));
    tb->Realize();
}

void MainFrame::buildStatusBar()
{
    auto* sb = CreateStatusBar(kFieldCount);
    const int widths[kFieldCount] = {-2, -3, -2, -2, -3};
    sb->SetStatusWidths(kFieldCount, widths);
    SetStatusText(_("Unit: not set"), kUnit);
    SetStatusText(wxString::Format(_("User: %s"), wx(m_store.user())), kUser);
    SetStatusText(_("Reader: none"), kReader);
    SetStatusText(_("Sync: working offline"), kSync);
}

void MainFrame::onAbout()
{
    wxAboutDialogInfo info;
    info.SetName("DA06 Desk");
    info.SetVersion(DA06_VERSION);
    info.SetDescription(_("Desktop client for the agencies carrying out Project 06 (Đề án 06): the plan's models, "
                          "identity checks and monthly reports, kept in an encrypted store on this computer."));
    wxString storeInfo = wxString::Format(_("Data store: %s"), m_store.path().string());
    info.SetCopyright(storeInfo);
    wxAboutBox(info, this);
}

} // namespace da06::app
