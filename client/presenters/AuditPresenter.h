#pragma once
// The audit log browser (admins): entries since a date, and the verification of the chain.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Accounts.h"
#include "domain/audit/AuditLog.h"

namespace da06::ui {

struct AuditRow {
    std::string seq, at, user, action, object;
};

class AuditView {
public:
    virtual ~AuditView() = default;
    virtual void showEntries(const std::vector<AuditRow>& rows) = 0;
    // ok: the chain verifies; text: what was found, in words.
    virtual void showVerification(bool ok, const std::string& text) = 0;
    virtual void showError(const std::string& text) = 0;
};

class AuditPresenter {
public:
    AuditPresenter(AuditView& view, access::Session& session) : m_view(view), m_session(session) {}

    void load(const std::optional<std::string>& sinceIso);
    void verify();

private:
    AuditView& m_view;
    access::Session& m_session;
};

} // namespace da06::ui
