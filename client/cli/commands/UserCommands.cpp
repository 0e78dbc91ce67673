// da06 user …, audit …, backup, restore.
#include <filesystem>

#include "client/cli/Commands.h"
#include "client/cli/Runner.h"
#include "client/cli/Terminal.h"
#include "domain/access/Restore.h"
#include "domain/audit/AuditLog.h"
#include "domain/core/Json.h"
#include "domain/schema/FullSchema.h"
#include "domain/store/Backup.h"

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

int userAdd(Context& c, const std::optional<std::string>& roleOpt)
{
    const auto& rest = c.a.rest();
    if (rest.size() != 1 || !roleOpt) {
        return usageError(c.err, "usage: da06 user add NAME --role admin|staff|checker|coordinator");
    }
    auto role = access::roleFromName(*roleOpt);
    if (!role) {
        return usageError(c.err, "unknown role \"" + *roleOpt + "\" (admin, staff, checker, coordinator)");
    }
    if (!access::UserService::isValidName(rest[0])) {
        return usageError(c.err, "a user name is 1–32 characters of a-z, 0-9, '.', '_' and '-'");
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_CHECK(access::require(s.actor, access::Permission::ManageUsers, "add users"));
        int code = 0;
        auto pass = newPassphrase(rest[0], c.err, code);
        if (!pass) {
            return code;
        }
        DA06_CHECK(access::UserService(s, *c.g.clock).add(rest[0], *role, pass->view()));
        c.out << "Added the user " << rest[0] << " (" << access::roleName(*role) << ").\n";
        return kExitOk;
    });
}

json::Value userToJson(const access::UserInfo& u)
{
    json::Value o;
    o.set("name", u.name);
    o.set("role", access::roleName(u.role));
    o.set("created_at", u.createdAt);
    o.set("passphrase_changed_at", u.passphraseChangedAt ? json::Value(*u.passphraseChangedAt) : json::Value());
    o.set("failed_attempts", u.failedAttempts);
    return o;
}

int userList(Context& c)
{
    if (!c.a.rest().empty()) {
        return usageError(c.err, "usage: da06 user list [--json]");
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(list, access::UserService(s, *c.g.clock).list());
        if (c.json) {
            c.print(jsonArray(*list, userToJson));
            return kExitOk;
        }
        for (const auto& u : *list) {
            c.out << u.name << "  " << access::roleName(u.role) << "  since " << u.createdAt
                  << (u.failedAttempts ? "  (" + std::to_string(u.failedAttempts) + " wrong passphrases)"
                                       : std::string())
                  << "\n";
        }
        return kExitOk;
    });
}

// user reset NAME: a new passphrase for another user (admin).
Result<int> resetPassphrase(Context& c, access::Session& s, access::UserService& users, const std::string& name)
{
    DA06_CHECK(access::require(s.actor, access::Permission::ManageUsers, "reset passphrases"));
    int code = 0;
    auto pass = newPassphrase(name, c.err, code);
    if (!pass) {
        return code;
    }
    DA06_CHECK(users.reset(name, pass->view()));
    return kExitOk;
}

// user remove NAME, user reset NAME, user role NAME ROLE
int userChange(Context& c, const std::string& sub)
{
    const auto& rest = c.a.rest();
    if (rest.size() != (sub == "role" ? 2u : 1u)) {
        return usageError(c.err, "usage: da06 user " + sub + (sub == "role" ? " NAME ROLE" : " NAME"));
    }
    std::optional<access::Role> role;
    if (sub == "role") {
        role = access::roleFromName(rest[1]);
        if (!role) {
            return usageError(c.err, "unknown role \"" + rest[1] + "\"");
        }
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        access::UserService users(s, *c.g.clock);
        if (sub == "remove") {
            DA06_CHECK(users.remove(rest[0]));
        } else if (sub == "role") {
            DA06_CHECK(users.setRole(rest[0], *role));
        } else if (auto rc = resetPassphrase(c, s, users, rest[0]); !rc || *rc != kExitOk) {
            return rc;
        }
        c.out << (sub == "remove" ? "Removed the user "
                  : sub == "role" ? "Changed the role of "
                                  : "Set a new passphrase for ")
              << rest[0] << ".\n";
        return kExitOk;
    });
}

// user passwd [NAME]: the current passphrase unlocks the store and is checked again against the slot.
int userPasswd(Context& c)
{
    const auto& rest = c.a.rest();
    if (rest.size() > 1) {
        return usageError(c.err, "usage: da06 [--user NAME] user passwd");
    }
    Globals self = c.g;
    if (rest.size() == 1) {
        self.user = rest[0];
    }
    std::error_code ec;
    if (!std::filesystem::exists(self.store, ec)) {
        return report(c.err, Error{ErrorCode::StoreMissing, "there is no store at " + self.store.string()});
    }
    std::string why;
    auto current = readPassphrase("Current passphrase: ", false, why);
    if (!current) {
        return usageError(c.err, why);
    }
    auto session = access::openSession(self.store, self.user, current->view(), *c.g.clock, schema::full());
    if (!session) {
        return report(c.err, session.error());
    }
    int code = 0;
    auto pass = newPassphrase(session->actor.user, c.err, code);
    if (!pass) {
        return code;
    }
    access::UserService users(*session, *c.g.clock);
    if (auto s = users.changeOwnPassphrase(current->view(), pass->view()); !s) {
        return report(c.err, s.error());
    }
    c.out << "Changed the passphrase of " << session->actor.user << ".\n";
    return kExitOk;
}

} // namespace

int cmdUser(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto sub = a.next();
    Context c{g, a, out, err};
    c.json = a.flag("--json");
    auto roleOpt = a.option("--role");
    if (!sub) {
        return usageError(err, "usage: da06 user add|list|remove|reset|role|passwd …");
    }
    if (auto problem = a.leftoverProblem()) {
        return usageError(err, *problem);
    }
    if (*sub == "add") {
        return userAdd(c, roleOpt);
    }
    if (*sub == "list") {
        return userList(c);
    }
    if (*sub == "remove" || *sub == "reset" || *sub == "role") {
        return userChange(c, *sub);
    }
    if (*sub == "passwd") {
        return userPasswd(c);
    }
    return usageError(err, "unknown user command \"" + *sub + "\"");
}

namespace {

json::Value verificationToJson(const audit::VerifyResult& r)
{
    json::Value o;
    o.set("ok", r.ok);
    o.set("entries", static_cast<long long>(r.entries));
    o.set("first_bad_entry", r.firstBadSeq ? json::Value(static_cast<long long>(*r.firstBadSeq)) : json::Value());
    o.set("problem", r.ok ? json::Value() : json::Value(r.problem));
    return o;
}

// audit verify: walks the hash chain.
Result<int> auditVerify(Context& c, access::Session& s)
{
    DA06_TRY(r, audit::verify(s.store.db(), s.actor));
    if (c.json) {
        c.print(verificationToJson(*r));
    } else if (r->ok) {
        c.out << "The audit log is intact: " << r->entries << " entries.\n";
    } else {
        c.out << "The audit log does not verify at entry " << *r->firstBadSeq << ": " << r->problem << ".\n";
    }
    return r->ok ? kExitOk : kExitFailure;
}

json::Value auditEntryToJson(const audit::Entry& e)
{
    json::Value o;
    o.set("seq", static_cast<long long>(e.seq));
    o.set("at", e.at);
    o.set("user", e.user);
    o.set("action", e.action);
    o.set("object", e.object);
    o.set("hash", e.hash);
    return o;
}

// audit list [--since DATE]
Result<int> auditList(Context& c, access::Session& s, const std::optional<std::string>& since)
{
    DA06_TRY(entries, audit::list(s.store.db(), s.actor, since));
    if (c.json) {
        c.print(jsonArray(*entries, auditEntryToJson));
        return kExitOk;
    }
    for (const auto& e : *entries) {
        c.out << e.seq << "  " << e.at << "  " << e.user << "  " << e.action << "  " << e.object << "\n";
    }
    return kExitOk;
}

} // namespace

int cmdAudit(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto sub = a.next();
    Context c{g, a, out, err};
    c.json = a.flag("--json");
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
    return withSession(c, [&](access::Session& s) -> Result<int> {
        return *sub == "verify" ? auditVerify(c, s) : auditList(c, s, since);
    });
}

int cmdBackup(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto to = a.option("--to");
    if (!to || !a.rest().empty()) {
        return usageError(err, "usage: da06 backup --to FILE");
    }
    Context c{g, a, out, err};
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(info, access::backupStore(s, *to, *g.clock));
        out << "Wrote the backup " << *to << " (" << info->bytes << " bytes, schema " << info->schema << ").\n";
        return kExitOk;
    });
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
