#pragma once
// The rows of a wxDataViewListCtrl with one coloured column: the state word ("Quá hạn" in red,
// "Sắp đến hạn" in amber, …), so that a state is named and coloured, never coloured alone.
#include <initializer_list>
#include <vector>
#include <wx/colour.h>
#include <wx/dataview.h>

#include "client/presenters/TaskLabels.h"

namespace da06::app {

wxColour toneColour(ui::Tone tone);
// A row of values for wxDataViewListCtrl::AppendItem (wxVector has no list constructor).
wxVector<wxVariant> variantRow(std::initializer_list<wxVariant> values);

class WorkListStore : public wxDataViewListStore {
public:
    // toneColumn: the column drawn in the row's colour (bold); -1 for none.
    explicit WorkListStore(int toneColumn) : m_toneColumn(toneColumn) {}

    void appendRow(const wxVector<wxVariant>& values, ui::Tone tone, wxUIntPtr data = 0);
    void clearRows();
    bool GetAttrByRow(unsigned row, unsigned col, wxDataViewItemAttr& attr) const override;

    // Creates the store and gives it to the control (call before adding columns).
    static WorkListStore* attachTo(wxDataViewListCtrl* list, int toneColumn);

private:
    int m_toneColumn;
    std::vector<ui::Tone> m_tones;
};

} // namespace da06::app
