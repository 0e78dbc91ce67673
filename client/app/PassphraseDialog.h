#pragma once
// The passphrase dialogs: first start (admin name, new passphrase twice with a strength hint),
// login (user, passphrase), the lock screen (passphrase of the signed-in user), changing one's
// own passphrase, and an admin setting a user's passphrase.
#include <functional>
#include <string>
#include <vector>
#include <wx/dialog.h>

class wxTextCtrl;
class wxStaticText;
class wxGauge;
class wxComboBox;

namespace da06::app {

class PassphraseDialog : public wxDialog {
public:
    enum class Mode { Create, Login, Lock, ChangeOwn, SetForUser };

    struct Entries {
        std::string user;
        std::string current; // ChangeOwn only
        std::string passphrase;
        std::string repeated; // Create, ChangeOwn, SetForUser
        ~Entries();           // wipes the secrets
    };
    // Called when the user confirms; returns an error to show (the dialog stays open) or an
    // empty string (the dialog closes with wxID_OK).
    using Submit = std::function<std::string(const Entries&)>;

    // users: the names offered in Login mode; user: the fixed or default name.
    PassphraseDialog(wxWindow* parent, Mode mode, const wxString& storePath, const std::vector<std::string>& users,
                     const std::string& user, Submit submit);

private:
    void onText();
    void onOk();

    Mode m_mode;
    Submit m_submit;
    std::string m_fixedUser;
    wxTextCtrl* m_userText = nullptr;
    wxComboBox* m_userChoice = nullptr;
    wxTextCtrl* m_current = nullptr;
    wxTextCtrl* m_pass = nullptr;
    wxTextCtrl* m_repeat = nullptr;
    wxGauge* m_gauge = nullptr;
    wxStaticText* m_strength = nullptr;
    wxStaticText* m_error = nullptr;
};

} // namespace da06::app
