// da06 user …, audit …, backup, restore.
#include <filesystem>

#include "access/Restore.h"
#include "audit/AuditLog.h"
#include "cli/Commands.h"
#include "cli/Terminal.h"
#include "core/Json.h"
#include "schema/FullSchema.h"
#include "store/Backup.h"

namespace da06::cli {

namespace {

std::optional<store::SecretBuffer> newPassphrase(const std::string& forWhom, std::ostream& err, int& code)
{
    std::string why;
    auto p = readPassphrase("New passphrase for " + forWhom + ": ", true, why, "DA06_NEW_PASSPHRASE");
    if (!p) {
        code = usageError(err, why);
    }
    return p;
}

} // namespace

int cmdUser(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto sub = a.next();
    const bool json = a.flag("--json");
    auto roleOpt = a.option("--role");
    if (!sub) {
        return usageError(err, "usage: da06 user add|list|remove|reset|role|passwd …");
    }
    if (auto problem = a.leftoverProblem()) {
        return usageError(err, *problem);
    }
    const auto& rest = a.rest();
    auto needName = [&](std::size_t words) -> bool { return rest.size() == words; };

    if (*sub == "add") {
        if (!needName(1) || !roleOpt) {
            return usageError(err, "usage: da06 user add NAME --role admin|staff|checker|coordinator");
        }
        auto role = access::roleFromName(*roleOpt);
        if (!role) {
            return usageError(err, "unknown role \"" + *roleOpt + "\" (admin, staff, checker, coordinator)");
        }
        if (!access::UserService::isValidName(rest[0])) {
            return usageError(err, "a user name is 1–32 characters of a-z, 0-9, '.', '_' and '-'");
        }
        auto session = openSession(g);
        if (!session) {
            return report(err, session.error());
        }
        if (auto s = access::require(session->actor, access::Permission::ManageUsers, "add users"); !s) {
            return report(err, s.error());
        }
        int code = 0;
        auto pass = newPassphrase(rest[0], err, code);
        if (!pass) {
            return code;
        }
        access::UserService users(*session, *g.clock);
        if (auto s = users.add(rest[0], *role, pass->view()); !s) {
            return report(err, s.error());
        }
        out << "Added the user " << rest[0] << " (" << access::roleName(*role) << ").\n";
        return kExitOk;
    }
    if (*sub == "list") {
        if (!needName(0)) {
            return usageError(err, "usage: da06 user list [--json]");
        }
        auto session = openSession(g);
        if (!session) {
            return report(err, session.error());
        }
        access::UserService users(*session, *g.clock);
        auto list = users.list();
        if (!list) {
            return report(err, list.error());
        }
        if (json) {
            json::Value arr = json::Array{};
            for (const auto& u : *list) {
                json::Value o;
                o.set("name", u.name);
                o.set("role", access::roleName(u.role));
                o.set("created_at", u.createdAt);
                o.set("passphrase_changed_at", u.passphraseChangedAt ? json::Value(*u.passphraseChangedAt) : json::Value());
                o.set("failed_attempts", u.failedAttempts);
                arr.push(std::move(o));
            }
            out << arr.dump(2) << "\n";
        } else {
            for (const auto& u : *list) {
                out << u.name << "  " << access::roleName(u.role) << "  since " << u.createdAt
                    << (u.failedAttempts ? "  (" + std::to_string(u.failedAttempts) + " wrong passphrases)" : std::string())
                    << "\n";
            }
        }
        return kExitOk;
    }
    if (*sub == "remove" || *sub == "reset" || *sub == "role") {
        const std::size_t words = *sub == "role" ? 2 : 1;
        if (!needName(words)) {
            return usageError(err, "usage: da06 user " + *sub + (*sub == "role" ? " NAME ROLE" : " NAME"));
        }
        std::optional<access::Role> role;
        if (*sub == "role") {
            role = access::roleFromName(rest[1]);
            if (!role) {
                return usageError(err, "unknown role \"" + rest[1] + "\"");
            }
        }
        auto session = openSession(g);
        if (!session) {
            return report(err, session.error());
        }
        access::UserService users(*session, *g.clock);
        Status s;
        if (*sub == "remove") {
            s = users.remove(rest[0]);
        } else if (*sub == "role") {
            s = users.setRole(rest[0], *role);
        } else {
            if (auto p = access::require(session->actor, access::Permission::ManageUsers, "reset passphrases"); !p) {
                return report(err, p.error());
            }
            int code = 0;
            auto pass = newPassphrase(rest[0], err, code);
            if (!pass) {
                return code;
            }
            s = users.reset(rest[0], pass->view());
        }
        if (!s) {
            return report(err, s.error());
        }
        out << (*sub == "remove" ? "Removed the user " : *sub == "role" ? "Changed the role of " : "Set a new passphrase for ")
            << rest[0] << ".\n";
        return kExitOk;
    }
    if (*sub == "passwd") {
        if (rest.size() > 1) {
            return usageError(err, "usage: da06 [--user NAME] user passwd");
        }
        Globals self = g;
        if (rest.size() == 1) {
            self.user = rest[0];
        }
        // The current passphrase unlocks the store and is checked again against the slot.
        std::error_code ec;
        if (!std::filesystem::exists(self.store, ec)) {
            return report(err, Error{ErrorCode::StoreMissing, "there is no store at " + self.store.string()});
        }
        std::string why;
        auto current = readPassphrase("Current passphrase: ", false, why);
        if (!current) {
            return usageError(err, why);
        }
        auto session = access::openSession(self.store, self.user, current->view(), *g.clock, schema::full());
        if (!session) {
            return report(err, session.error());
        }
        int code = 0;
        auto pass = newPassphrase(session->actor.user, err, code);
        if (!pass) {
            return code;
        }
        access::UserService users(*session, *g.clock);
        if (auto s = users.changeOwnPassphrase(current->view(), pass->view()); !s) {
            return report(err, s.error());
        }
        out << "Changed the passphrase of " << session->actor.user << ".\n";
        return kExitOk;
    }
    return usageError(err, "unknown user command \"" + *sub + "\"");
}

int cmdAudit(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto sub = a.next();
    const bool json = a.flag("--json");
    auto since = a.option("--since");
    if (!sub || (*sub != "verify" && *sub != "list") || !a.rest().empty()) {
        return usageError(err, "usage: da06 audit verify [--json] | audit list [--since YYYY-MM-DD] [--json]");
    }
    if (auto problem = a.leftoverProblem()) {
        return usageError(err, *problem);
    }
    if (since && !Date::parseIso(*since)) {
        return usageError(err, "--since needs a date YYYY-MM-DD that exists, found \"" + *since + "\"");
    }
    auto session = openSession(g);
    if (!session) {
        return report(err, session.error());
    }
    if (*sub == "verify") {
        auto r = audit::verify(session->store.db(), session->actor);
        if (!r) {
            return report(err, r.error());
        }
        if (json) {
            json::Value o;
            o.set("ok", r->ok);
            o.set("entries", static_cast<long long>(r->entries));
            o.set("first_bad_entry", r->firstBadSeq ? json::Value(static_cast<long long>(*r->firstBadSeq)) : json::Value());
            o.set("problem", r->ok ? json::Value() : json::Value(r->problem));
            out << o.dump(2) << "\n";
        } else if (r->ok) {
            out << "The audit log is intact: " << r->entries << " entries.\n";
        } else {
            out << "The audit log does not verify at entry " << *r->firstBadSeq << ": " << r->problem << ".\n";
        }
        return r->ok ? kExitOk : kExitFailure;
    }
    auto entries = audit::list(session->store.db(), session->actor, since);
    if (!entries) {
        return report(err, entries.error());
    }
    if (json) {
        json::Value arr = json::Array{};
        for (const auto& e : *entries) {
            json::Value o;
            o.set("seq", static_cast<long long>(e.seq));
            o.set("at", e.at);
            o.set("user", e.user);
            o.set("action", e.action);
            o.set("object", e.object);
            o.set("hash", e.hash);
            arr.push(std::move(o));
        }
        out << arr.dump(2) << "\n";
    } else {
        for (const auto& e : *entries) {
            out << e.seq << "  " << e.at << "  " << e.user << "  " << e.action << "  " << e.object << "\n";
        }
    }
    return kExitOk;
}

int cmdBackup(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto to = a.option("--to");
    if (!to || !a.rest().empty()) {
        return usageError(err, "usage: da06 backup --to FILE");
    }
    auto session = openSession(g);
    if (!session) {
        return report(err, session.error());
    }
    auto info = access::backupStore(*session, *to, *g.clock);
    if (!info) {
        return report(err, info.error());
    }
    out << "Wrote the backup " << *to << " (" << info->bytes << " bytes, schema " << info->schema << ").\n";
    return kExitOk;
}

int cmdRestore(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto from = a.option("--from");
    if (!from || !a.rest().empty()) {
        return usageError(err, "usage: da06 restore --from FILE");
    }
    std::error_code ec;
    if (!std::filesystem::exists(*from, ec)) {
        return report(err, Error{ErrorCode::NotFound, "there is no backup file " + *from});
    }
    std::string why;
    auto pass = readPassphrase("Passphrase (of an admin of the backup): ", false, why);
    if (!pass) {
        return usageError(err, why);
    }
    auto r = access::restoreFromBackup(g.store, *from, g.user, pass->view(), *g.clock, schema::full());
    if (!r) {
        return report(err, r.error());
    }
    out << "Restored the backup of " << r->backupCreated << " into " << g.store.string() << ".";
    if (!r->keptAside.empty()) {
        out << " The previous store was kept as " << r->keptAside.string() << ".";
    }
    out << "\n";
    return kExitOk;
}

} // namespace da06::cli
