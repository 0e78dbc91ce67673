#include "StartupPresenter.h"

#include "Bundled.h"
#include "PassphraseRules.h"
#include "Translate.h"
#include "plan/PlanFile.h"
#include "plan/PlanRepository.h"

namespace da06::ui {

bool StartupPresenter::isFirstStart() const
{
    std::error_code ec;
    return !std::filesystem::exists(m_path, ec) && !std::filesystem::exists(store::KeyFile::pathFor(m_path), ec);
}

Result<store::Store> StartupPresenter::createStore(std::string_view passphrase, std::string_view repeated)
{
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
    auto st = store::Store::create(m_path, passphrase);
    if (!st) {
        return st;
    }
    plan::PlanRepository repo(st->db(), m_clock);
    if (auto summary = repo.importPlan(*plan); !summary) {
        return std::unexpected(summary.error());
    }
    return st;
}

Result<store::Store> StartupPresenter::unlock(std::string_view passphrase)
{
    return store::Store::open(m_path, passphrase);
}

std::string StartupPresenter::messageFor(const Error& e)
{
    switch (e.code) {
    case ErrorCode::WrongPassphrase: return tr("The passphrase is wrong. Check the keyboard language and Caps Lock, then try again.");
    case ErrorCode::StoreMissing: return tr("The data store was not found. Check the folder, or restore it from a backup.");
    case ErrorCode::StoreDamaged:
        return tr("The data store is damaged and cannot be opened. Restore it from a backup, or call your administrator.") +
               "\n\n" + e.message;
    case ErrorCode::StoreTooNew:
        return tr("The data store was written by a newer version of DA06 Desk. Install the newer version to open it.");
    case ErrorCode::AlreadyExists: return tr("A data store already exists here; it was left untouched.");
    case ErrorCode::Usage: return e.message;
    default: return tr("Something went wrong:") + " " + e.message;
    }
}

} // namespace da06::ui
