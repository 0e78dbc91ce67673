#include "client/app/ModelsPage.h"

#include <wx/html/htmlwin.h>
#include <wx/msgdlg.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/srchctrl.h>
#include <wx/treelist.h>

#include "client/app/WxText.h"

namespace da06::app {

namespace {

wxString html(const std::string& s)
{
    wxString out;
    for (wxUniChar c : wx(s)) {
        switch (c.GetValue()) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\n':
            out += "<br>";
            break;
        default:
            out += c;
        }
    }
    return out;
}

// Item data of the tree: the model number (0 for a group row).
class ModelNumber : public wxClientData {
public:
    explicit ModelNumber(int n) : number(n) {}
    int number;
};

} // namespace

ModelsPage::ModelsPage(wxWindow* parent, plan::PlanRepository& repo) : wxPanel(parent), m_presenter(*this, repo)
{
    auto* top = new wxBoxSizer(wxVERTICAL);
    m_search = new wxSearchCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(360), -1), wxTE_PROCESS_ENTER);
    m_search->SetDescriptiveText(_("Search models, units, tools (with or without diacritics)"));
    m_search->ShowCancelButton(true);
    top->Add(m_search, 0, wxALL, FromDIP(6));

    m_split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    m_split->SetMinimumPaneSize(FromDIP(240));
    m_tree = new wxTreeListCtrl(m_split, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTL_SINGLE);
    m_tree->AppendColumn(_("No."), FromDIP(84));
    m_tree->AppendColumn(_("Model"), FromDIP(330), wxALIGN_LEFT, wxCOL_RESIZABLE);
    m_tree->AppendColumn(_("Deadline"), FromDIP(100));
    m_tree->AppendColumn(_("Lead unit"), FromDIP(200));
    m_detail = new wxHtmlWindow(m_split, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxHW_SCROLLBAR_AUTO);
    m_detail->SetStandardFonts(m_detail->GetFont().GetPointSize() + 1, "DejaVu Sans", "DejaVu Sans Mono");
    // The detail pane keeps a readable width; the list takes what the window adds.
    m_split->SplitVertically(m_tree, m_detail, -FromDIP(480));
    m_split->SetSashGravity(0.6);
    top->Add(m_split, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    SetSizer(top);

    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { m_presenter.setQuery(utf8(m_search->GetValue())); });
    m_search->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) {
        m_search->Clear();
        m_presenter.setQuery("");
    });
    m_tree->Bind(wxEVT_TREELIST_SELECTION_CHANGED, [this](wxTreeListEvent& e) {
        auto* data = dynamic_cast<ModelNumber*>(m_tree->GetItemData(e.GetItem()));
        if (data && data->number > 0) {
            m_presenter.select(data->number);
        }
    });
    clearDetail();
}

void ModelsPage::refresh()
{
    m_presenter.load();
}

void ModelsPage::focusSearch()
{
    m_search->SetFocus();
    m_search->SelectAll();
}

void ModelsPage::showGroups(const std::vector<ui::GroupNode>& groups)
{
    m_tree->Freeze();
    m_tree->DeleteAllItems();
    wxTreeListItem firstModel;
    for (const auto& g : groups) {
        auto gi = m_tree->AppendItem(m_tree->GetRootItem(), wx(g.code), -1, -1, new ModelNumber(0));
        m_tree->SetItemText(gi, 1, wx(g.title) + wxString::Format(" (%zu)", g.rows.size()));
        for (const auto& r : g.rows) {
            auto mi = m_tree->AppendItem(gi, wxString::Format("%d", r.number), -1, -1, new ModelNumber(r.number));
            m_tree->SetItemText(mi, 1, wx(r.title));
            m_tree->SetItemText(mi, 2, wx(r.deadline));
            m_tree->SetItemText(mi, 3, wx(r.leadUnits));
            if (!firstModel.IsOk()) {
                firstModel = mi;
            }
        }
        m_tree->Expand(gi);
    }
    m_tree->Thaw();
    // Nothing shown on the right yet: show the first model (after the presenter has finished).
    if (firstModel.IsOk()) {
        CallAfter([this] {
            if (m_hasDetail) {
                return;
            }
            for (auto item = m_tree->GetFirstItem(); item.IsOk(); item = m_tree->GetNextItem(item)) {
                auto* data = dynamic_cast<ModelNumber*>(m_tree->GetItemData(item));
                if (data && data->number > 0) {
                    m_tree->Select(item);
                    m_presenter.select(data->number);
                    return;
                }
            }
        });
    }
}

void ModelsPage::showDetail(const ui::ModelDetail& d)
{
    wxString page = "<html><body>";
    page += "<h3>" + html(d.heading) + "</h3>";
    page += "<p><b>" + html(d.title) + "</b></p>";
    page += "<p><font color=\"#555555\">" + html(d.group) + "</font></p><hr>";
    page += "<table cellpadding=\"4\" cellspacing=\"0\" width=\"100%\">";
    for (const auto& f : d.fields) {
        page += "<tr><td valign=\"top\" width=\"28%\"><b>" + html(f.label) + "</b></td><td valign=\"top\">" +
                html(f.value) + "</td></tr>";
    }
    page += "</table></body></html>";
    m_detail->SetPage(page);
    m_hasDetail = true;
}

void ModelsPage::clearDetail()
{
    m_hasDetail = false;
    m_detail->SetPage("<html><body><p><font color=\"#555555\">" +
                      html(utf8(_("Select a model on the left to see its target, objective, units, deadline, tools and "
                                  "funding."))) +
                      "</font></p></body></html>");
}

void ModelsPage::showStatus(const std::string& text)
{
    if (onStatus) {
        onStatus(wx(text));
    }
}

void ModelsPage::showError(const std::string& text)
{
    wxMessageBox(wx(text), _("DA06 Desk"), wxOK | wxICON_ERROR, this);
}

} // namespace da06::app
