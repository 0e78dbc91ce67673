#pragma once
// UTF-8 std::string <-> wxString, and the translator the presenters use.
#include <string>
#include <wx/string.h>
#include <wx/translation.h>

namespace da06::app {

inline wxString wx(const std::string& utf8)
{
    return wxString::FromUTF8(utf8.data(), utf8.size());
}

inline std::string utf8(const wxString& s)
{
    const wxScopedCharBuffer b = s.utf8_str();
    return std::string(b.data(), b.length());
}

inline std::string translateUtf8(const char* msgid)
{
    return utf8(wxGetTranslation(wxString::FromUTF8(msgid)));
}

} // namespace da06::app
