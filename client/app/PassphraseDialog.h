#pragma once
// The passphrase dialogs: a new store (twice, with a strength hint) or unlocking a store.
#include <functional>
#include <wx/dialog.h>

#include "core/Error.h"

class wxTextCtrl;
class wxStaticText;
class wxGauge;

namespace da06::app {

class PassphraseDialog : public wxDialog {
public:
    enum class Mode { Create, Unlock };
    // submit is called with the entries when the user confirms; it returns an error message to
    // show (the dialog stays open) or an empty string (the dialog closes with wxID_OK).
    using Submit = std::function<std::string(const std::string& passphrase, const std::string& repeated)>;

    PassphraseDialog(wxWindow* parent, Mode mode, const wxString& storePath, Submit submit);

private:
    void onText();
    void onOk();

    Mode m_mode;
    Submit m_submit;
    wxTextCtrl* m_pass = nullptr;
    wxTextCtrl* m_repeat = nullptr;
    wxGauge* m_gauge = nullptr;
    wxStaticText* m_strength = nullptr;
    wxStaticText* m_error = nullptr;
};

} // namespace da06::app
