#include "client/presenters/StartupPresenter.h"

#include "assets/Bundled.h"
#include "client/presenters/PassphraseRules.h"
#include "client/presenters/Translate.h"
#include "domain/plan/PlanFile.h"
#include "domain/plan/PlanRepository.h"
#include "domain/schema/FullSchema.h"
#include "domain/work/StoreSeed.h"

namespace da06::ui {

bool StartupPresenter::isFirstStart() const
{
    std::error_code ec;
    return !std::filesystem::exists(m_path, ec) && !std::filesystem::exists(store::KeyFile::pathFor(m_path), ec);
}

Result<access::Session> StartupPresenter::createStore(const std::string& adminName, std::string_view passphrase,
                                                      std::string_view repeated)
{
    if (!access::UserService::isValidName(adminName)) {
        return fail(ErrorCode::Usage,
                    tr("A user name is 1 to 32 characters: lower-case letters a–z, digits, '.', '_' or '-'."));
    }
    if (passphrase != repeated) {
        return fail(ErrorCode::Usage, tr("The two passphrases differ. Type the same passphrase twice."));
    }
    const auto strength = evaluatePassphrase(passphrase);
    if (!strength.acceptable) {
        return fail(ErrorCode::Usage, strength.hint);
    }
    auto plan = plan::loadPlanText(assets::bundledPlanJson());
    if (!plan) {
        return std::unexpected(plan.error());
    }
    auto session = access::createStore(m_path, adminName, passphrase, m_clock, schema::full());
    if (!session) {
        return session;
    }
    if (auto seeded = work::seedStore(*session, *plan, m_clock); !seeded) {
        // A half-made store would make the next start ask for a passphrase of a store without a
        // plan: close it and remove its files, so the first start can simply be tried again.
        const Error error = seeded.error();
        session = std::unexpected(error);
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::filesystem::remove(m_path.string() + suffix, ec);
        }
        std::filesystem::remove(store::KeyFile::pathFor(m_path), ec);
        return std::unexpected(error);
    }
    return session;
}

Result<access::Session> StartupPresenter::unlock(const std::string& user, std::string_view passphrase)
{
    return access::openSession(m_path, user, passphrase, m_clock, schema::full());
}

std::vector<std::string> StartupPresenter::knownUsers() const
{
    std::vector<std::string> out;
    if (auto keys = store::KeyFile::load(store::KeyFile::pathFor(m_path))) {
        for (const auto& s : keys->slots()) {
            out.push_back(s.user);
        }
    }
    return out;
}

std::string StartupPresenter::messageFor(const Error& e)
{
    switch (e.code) {
    case ErrorCode::WrongPassphrase:
        return tr("The passphrase is wrong. Check the keyboard language and Caps Lock, then try again.");
    case ErrorCode::StoreMissing:
        return tr("The data store was not found. Check the folder, or restore it from a backup.");
    case ErrorCode::StoreDamaged:
        return tr("The data store is damaged and cannot be opened. Restore it from a backup, or call your "
                  "administrator.") +
               "\n\n" + e.message;
    case ErrorCode::StoreTooNew:
        return tr("The data store was written by a newer version of DA06 Desk. Install the newer version to open it.");
    case ErrorCode::AlreadyExists:
        return tr("A data store already exists here; it was left untouched.");
    case ErrorCode::LockedOut:
        return tr("Too many wrong passphrases. Wait a moment before trying again.") + "\n\n" + e.message;
    case ErrorCode::PermissionDenied:
        return tr("Your role does not allow this.") + "\n\n" + e.message;
    case ErrorCode::NotFound:
        return e.message;
    case ErrorCode::Usage:
        return e.message;
    default:
        return tr("Something went wrong:") + " " + e.message;
    }
}

} // namespace da06::ui
