// Compiled by the layering test only (layering_wx_fence): it must build with the usage requirements
// of the desktop's library (da06_app) and fail to find <wx/string.h> with those of any other target.
#include <wx/string.h>

int da06LayeringWxProbe()
{
    return static_cast<int>(wxString("DA06").length());
}
