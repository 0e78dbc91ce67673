#include "client/app/WorkListStore.h"

namespace da06::app {

wxColour toneColour(ui::Tone tone)
{
    switch (tone) {
    case ui::Tone::Danger:
        return wxColour(0xC6, 0x28, 0x28);
    case ui::Tone::Warning:
        return wxColour(0xB2, 0x5E, 0x00);
    case ui::Tone::Good:
        return wxColour(0x2E, 0x7D, 0x32);
    case ui::Tone::Neutral:
        return wxColour(0x55, 0x55, 0x55);
    }
    return *wxBLACK;
}

wxVector<wxVariant> variantRow(std::initializer_list<wxVariant> values)
{
    wxVector<wxVariant> row;
    for (const auto& v : values) {
        row.push_back(v);
    }
    return row;
}

void WorkListStore::appendRow(const wxVector<wxVariant>& values, ui::Tone tone, wxUIntPtr data)
{
    m_tones.push_back(tone);
    AppendItem(values, data);
}

void WorkListStore::clearRows()
{
    DeleteAllItems();
    m_tones.clear();
}

bool WorkListStore::GetAttrByRow(unsigned row, unsigned col, wxDataViewItemAttr& attr) const
{
    if (static_cast<int>(col) != m_toneColumn || row >= m_tones.size()) {
        return false;
    }
    attr.SetColour(toneColour(m_tones[row]));
    attr.SetBold(m_tones[row] == ui::Tone::Danger || m_tones[row] == ui::Tone::Warning);
    return true;
}

WorkListStore* WorkListStore::attachTo(wxDataViewListCtrl* list, int toneColumn)
{
    auto* store = new WorkListStore(toneColumn);
    list->AssociateModel(store);
    store->DecRef(); // the control holds the reference
    return store;
}

} // namespace da06::app
