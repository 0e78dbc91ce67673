#include "client/presenters/AuditPresenter.h"

#include "client/presenters/StartupPresenter.h"
#include "client/presenters/Translate.h"

namespace da06::ui {

void AuditPresenter::load(const std::optional<std::string>& sinceIso)
{
    auto entries = audit::list(m_session.store.db(), m_session.actor, sinceIso);
    if (!entries) {
        m_view.showError(StartupPresenter::messageFor(entries.error()));
        return;
    }
    std::vector<AuditRow> rows;
    rows.reserve(entries->size());
    for (auto it = entries->rbegin(); it != entries->rend(); ++it) { // newest first
        std::string at = it->at;
        if (auto d = Date::parseIso(at.substr(0, 10)); d && at.size() >= 19) {
            at = d->toVietnamese() + " " + at.substr(11, 8);
        }
        rows.push_back({std::to_string(it->seq), at, it->user, it->action, it->object});
    }
    m_view.showEntries(rows);
}

void AuditPresenter::verify()
{
    auto r = audit::verify(m_session.store.db(), m_session.actor);
    if (!r) {
        m_view.showError(StartupPresenter::messageFor(r.error()));
        return;
    }
    if (r->ok) {
        m_view.showVerification(true,
                                format1(tr("The audit log is intact: %s entries, each chained to the one before."),
                                        std::to_string(r->entries)));
    } else {
        m_view.showVerification(false, format1(tr("The audit log does NOT verify from entry %s: "),
                                               std::to_string(r->firstBadSeq.value_or(0))) +
                                           r->problem);
    }
}

} // namespace da06::ui
