#pragma once
// Restoring a backup over the store: the copy is checked completely (it unlocks for an admin,
// every page passes the integrity check, the audit chain verifies) before anything is replaced,
// and the replaced store is kept aside.
#include <filesystem>
#include <string>
#include <string_view>

#include "domain/access/Accounts.h"
#include "domain/core/Clock.h"
#include "domain/core/Error.h"
#include "domain/store/Backup.h"

namespace da06::access {

struct RestoreResult {
    std::string backupCreated;       // when the backup was written
    std::filesystem::path keptAside; // where the previous store went (empty if there was none)
};

// Writes a backup of the session's store (needs Permission::BackupRestore; audited).
Result<store::BackupInfo> backupStore(Session& session, const std::filesystem::path& to, const Clock& clock);

// user/passphrase: an admin of the backup. The store at storePath must not be open. schema: the
// program's (da06::schema::full()); an older backup is migrated to it when checked.
Result<RestoreResult> restoreFromBackup(const std::filesystem::path& storePath, const std::filesystem::path& backupFile,
                                        const std::string& user, std::string_view passphrase, const Clock& clock,
                                        const store::Schema& schema);

} // namespace da06::access
