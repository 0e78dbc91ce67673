#pragma once
// First start (new passphrase twice, store created in the user's data folder, bundled plan
// loaded) or a later start (passphrase asked). No wx: the dialogs call these and show the text.
#include <filesystem>
#include <string>
#include <string_view>

#include "domain/access/Accounts.h"
#include "domain/core/Clock.h"
#include "domain/core/Error.h"

namespace da06::ui {

class StartupPresenter {
public:
    StartupPresenter(std::filesystem::path storePath, const Clock& clock) : m_path(std::move(storePath)), m_clock(clock)
    {
    }

    const std::filesystem::path& storePath() const { return m_path; }
    // True when neither the store nor its key file exists: the first-start dialog is shown.
    bool isFirstStart() const;

    // Checks that both entries match and are strong enough, creates the store with adminName as
    // its first user (an admin) and loads the bundled plan. On failure nothing is left behind
    // and the error says what to do.
    Result<access::Session> createStore(const std::string& adminName, std::string_view passphrase,
                                        std::string_view repeated);
    // Unlocks as user (empty: the first user).
    Result<access::Session> unlock(const std::string& user, std::string_view passphrase);
    // The users who have a key slot (for the login dialog's list); empty when unreadable.
    std::vector<std::string> knownUsers() const;

    // The sentence shown to the user for an error (translated), never a bare code.
    static std::string messageFor(const Error& e);

private:
    std::filesystem::path m_path;
    const Clock& m_clock;
};

} // namespace da06::ui
