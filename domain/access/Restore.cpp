#include "domain/access/Restore.h"

#include "domain/access/Accounts.h"
#include "domain/audit/AuditLog.h"
#include "domain/store/Backup.h"

namespace da06::access {

namespace {

void removeStoreFiles(const std::filesystem::path& p)
{
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(p.string() + suffix, ec);
    }
    std::filesystem::remove(store::KeyFile::pathFor(p), ec);
}

} // namespace

Result<store::BackupInfo> backupStore(Session& session, const std::filesystem::path& to, const Clock& clock)
{
    DA06_CHECK(require(session.actor, Permission::BackupRestore, "write backups"));
    DA06_TRY(info, store::writeBackup(session.store, to, clock));
    store::Transaction tx(session.store.db());
    DA06_CHECK(tx.begin());
    DA06_CHECK(audit::append(session.store.db(), clock, session.actor, "store.backup", "backup:" + info->created));
    DA06_CHECK(tx.commit());
    return info;
}

Result<RestoreResult> restoreFromBackup(const std::filesystem::path& storePath, const std::filesystem::path& backupFile,
                                        const std::string& user, std::string_view passphrase, const Clock& clock,
                                        const store::Schema& schema)
{
    // 1. Unpack next to the store under a temporary name.
    const auto staging = std::filesystem::path(storePath.string() + ".restoring");
    removeStoreFiles(staging);
    std::error_code ec;
    if (storePath.has_parent_path()) {
        std::filesystem::create_directories(storePath.parent_path(), ec);
    }
    auto info = store::unpackBackup(backupFile, staging);
    if (!info) {
        removeStoreFiles(staging);
        return std::unexpected(info.error());
    }
    // 2. Check it.
    {
        auto session = openSession(staging, user, passphrase, clock, schema);
        if (!session) {
            removeStoreFiles(staging);
            return fail(session.error().code, "the backup cannot be used: " + session.error().message);
        }
        auto refuse = [&](ErrorCode code, const std::string& why) {
            removeStoreFiles(staging);
            return fail(code, why);
        };
        if (auto s = require(session->actor, Permission::BackupRestore, "restore backups"); !s) {
            return refuse(s.error().code, s.error().message);
        }
        if (auto s = session->store.checkIntegrity(); !s) {
            return refuse(ErrorCode::StoreDamaged, "the backup is damaged: " + s.error().message);
        }
        auto chain = audit::verify(session->store.db(), session->actor);
        if (!chain) {
            return refuse(chain.error().code, chain.error().message);
        }
        if (!chain->ok) {
            return refuse(ErrorCode::StoreDamaged, "the backup's audit log does not verify: " + chain->problem);
        }
        store::Transaction tx(session->store.db());
        DA06_CHECK(tx.begin());
        DA06_CHECK(
            audit::append(session->store.db(), clock, session->actor, "store.restore", "backup:" + info->created));
        DA06_CHECK(tx.commit());
        (void)session->store.db().exec("PRAGMA wal_checkpoint(TRUNCATE);");
    }
    // 3. Keep the current store aside, then move the checked copy into place.
    RestoreResult result;
    result.backupCreated = info->created;
    if (std::filesystem::exists(storePath, ec) || std::filesystem::exists(store::KeyFile::pathFor(storePath), ec)) {
        std::string stamp = clock.nowIso8601();
        for (auto& c : stamp) {
            if (c == ':') {
                c = '-';
            }
        }
        result.keptAside = storePath.string() + ".replaced-" + stamp;
        for (const char* suffix : {"", "-wal", "-shm"}) {
            if (std::filesystem::exists(storePath.string() + suffix, ec)) {
                std::filesystem::rename(storePath.string() + suffix, result.keptAside.string() + suffix, ec);
                if (ec) {
                    return fail(ErrorCode::Io, "cannot move the current store aside: " + ec.message());
                }
            }
        }
        if (std::filesystem::exists(store::KeyFile::pathFor(storePath), ec)) {
            std::filesystem::rename(store::KeyFile::pathFor(storePath), store::KeyFile::pathFor(result.keptAside), ec);
        }
    }
    std::filesystem::rename(store::KeyFile::pathFor(staging), store::KeyFile::pathFor(storePath), ec);
    if (!ec) {
        std::filesystem::rename(staging, storePath, ec);
    }
    if (ec) {
        return fail(ErrorCode::Io,
                    "could not move the restored store into place: " + ec.message() +
                        (result.keptAside.empty() ? "" : "; the previous store is at " + result.keptAside.string()));
    }
    return result;
}

} // namespace da06::access
