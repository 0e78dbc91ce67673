#pragma once
// Backups of the store: one file holding the key file and a consistent copy of the encrypted
// database (never any plaintext), with a SHA-256 over both so a damaged copy is detected.
//   DA06-BACKUP 1\n  <header JSON>\n  <key file bytes>  <database bytes>
#include <filesystem>
#include <string>

#include "domain/core/Clock.h"
#include "domain/core/Error.h"
#include "domain/store/Store.h"

namespace da06::store {

struct BackupInfo {
    std::string created; // ISO 8601 UTC
    std::string storeId;
    int schema = 0;
    std::uintmax_t bytes = 0;
};

// Writes the backup to `to` (via a temporary file, flushed, then renamed). Works while other
// processes write to the store.
Result<BackupInfo> writeBackup(Store& store, const std::filesystem::path& to, const Clock& clock);

// Reads a backup file and unpacks it as a store at `storePath` (which must not exist): the
// header, sizes and checksum are checked first. The caller then opens and checks the store.
Result<BackupInfo> unpackBackup(const std::filesystem::path& from, const std::filesystem::path& storePath);

} // namespace da06::store
