#include "domain/store/Backup.h"

#include <fstream>
#include <sstream>

#include "domain/core/DurableFile.h"
#include "domain/core/Hex.h"
#include "domain/core/Json.h"
#include "domain/crypto/Digest.h"

namespace da06::store {

namespace {

const std::string kMagic = "DA06-BACKUP 1\n";

std::string sha256Hex(const std::string& a, const std::string& b)
{
    const crypto::Sha256Digest d = crypto::Sha256().update(a).update(b).finish();
    return hex::encode(d.data(), d.size());
}

Result<std::string> readAll(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        return fail(ErrorCode::Io, "cannot read " + p.string());
    }
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Status writeDurably(const std::filesystem::path& p, const std::string& bytes)
{
    return writeFileDurably(p, bytes);
}

} // namespace

Result<BackupInfo> writeBackup(Store& store, const std::filesystem::path& to, const Clock& clock)
{
    // 1. A consistent copy of the database into a temporary store file with the same key.
    const auto copyPath = std::filesystem::path(to.string() + ".db-tmp");
    std::error_code ec;
    std::filesystem::remove(copyPath, ec);
    {
        DA06_TRY(copy, store.openCopyTarget(copyPath));
        DA06_CHECK(store.db().copyTo(*copy));
        DA06_CHECK(copy->exec("PRAGMA journal_mode = DELETE;"));
    }
    auto dbBytes = readAll(copyPath);
    std::filesystem::remove(copyPath, ec);
    std::filesystem::remove(copyPath.string() + "-journal", ec);
    if (!dbBytes) {
        return std::unexpected(dbBytes.error());
    }
    // 2. The key file as it is now.
    DA06_TRY(keyBytes, readAll(KeyFile::pathFor(store.path())));
    DA06_TRY(keys, KeyFile::load(KeyFile::pathFor(store.path())));

    BackupInfo info;
    info.created = clock.nowIso8601();
    info.storeId = keys->storeId();
    info.schema = store.schemaVersion();
    json::Value header;
    header.set("format", "da06-backup");
    header.set("version", 1);
    header.set("created", info.created);
    header.set("store_id", info.storeId);
    header.set("schema", info.schema);
    header.set("keys_size", static_cast<long long>(keyBytes->size()));
    header.set("db_size", static_cast<long long>(dbBytes->size()));
    header.set("sha256", sha256Hex(*keyBytes, *dbBytes));
    const std::string content = kMagic + header.dump() + "\n" + *keyBytes + *dbBytes;
    DA06_CHECK(writeDurably(to, content));
    info.bytes = content.size();
    return info;
}

Result<BackupInfo> unpackBackup(const std::filesystem::path& from, const std::filesystem::path& storePath)
{
    std::error_code ec;
    if (!std::filesystem::exists(from, ec)) {
        return fail(ErrorCode::NotFound, "there is no backup file " + from.string());
    }
    DA06_TRY(content, readAll(from));
    const std::string damaged = from.string() + " is not a usable DA06 backup (damaged or of another kind)";
    if (content->compare(0, kMagic.size(), kMagic) != 0) {
        return fail(ErrorCode::InvalidInput, damaged);
    }
    const auto eol = content->find('\n', kMagic.size());
    if (eol == std::string::npos) {
        return fail(ErrorCode::InvalidInput, damaged);
    }
    auto header = json::parse(std::string_view(*content).substr(kMagic.size(), eol - kMagic.size()));
    if (!header || !header->isObject()) {
        return fail(ErrorCode::InvalidInput, damaged);
    }
    const auto* keysSize = header->find("keys_size");
    const auto* dbSize = header->find("db_size");
    const auto* sum = header->find("sha256");
    const auto* schema = header->find("schema");
    const auto* created = header->find("created");
    const auto* storeId = header->find("store_id");
    if (!keysSize || !keysSize->isInteger() || !dbSize || !dbSize->isInteger() || !sum || !sum->isString() || !schema ||
        !schema->isInteger() || keysSize->asInteger() < 0 || dbSize->asInteger() < 0) {
        return fail(ErrorCode::InvalidInput, damaged);
    }
    const auto k = static_cast<std::size_t>(keysSize->asInteger());
    const auto d = static_cast<std::size_t>(dbSize->asInteger());
    if (content->size() != eol + 1 + k + d) {
        return fail(ErrorCode::InvalidInput, from.string() + " is incomplete or damaged (its size does not match)");
    }
    const std::string keyBytes = content->substr(eol + 1, k);
    const std::string dbBytes = content->substr(eol + 1 + k, d);
    if (sha256Hex(keyBytes, dbBytes) != sum->asString()) {
        return fail(ErrorCode::InvalidInput, from.string() + " is damaged (its checksum does not match)");
    }
    if (std::filesystem::exists(storePath, ec) || std::filesystem::exists(KeyFile::pathFor(storePath), ec)) {
        return fail(ErrorCode::AlreadyExists, storePath.string() + " exists; it was left untouched");
    }
    DA06_CHECK(writeDurably(storePath, dbBytes));
    DA06_CHECK(writeDurably(KeyFile::pathFor(storePath), keyBytes));
    BackupInfo info;
    info.created = created && created->isString() ? created->asString() : "";
    info.storeId = storeId && storeId->isString() ? storeId->asString() : "";
    info.schema = static_cast<int>(schema->asInteger());
    info.bytes = content->size();
    return info;
}

} // namespace da06::store
