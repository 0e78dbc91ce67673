#include "domain/store/KeyFile.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <optional>
#include <sstream>

#include "domain/core/DurableFile.h"
#include "domain/core/Hex.h"
#include "domain/core/Json.h"

namespace da06::store {

namespace {

std::string base64(const std::vector<unsigned char>& data)
{
    std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
    const int n =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data.data(), static_cast<int>(data.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<std::vector<unsigned char>> unbase64(const std::string& text, std::size_t expected)
{
    if (text.size() % 4 != 0 || text.empty()) {
        return std::nullopt;
    }
    std::vector<unsigned char> out(3 * text.size() / 4);
    const int n =
        EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) {
        return std::nullopt;
    }
    std::size_t len = static_cast<std::size_t>(n);
    if (text.ends_with("==")) {
        len -= 2;
    } else if (text.ends_with("=")) {
        len -= 1;
    }
    out.resize(len);
    if (out.size() != expected) {
        return std::nullopt;
    }
    return out;
}

std::string associatedData(const std::string& storeId, const KeySlot& slot)
{
    return "da06-keyslot-v1|" + storeId + "|" + slot.user + "|pbkdf2-hmac-sha256|" + std::to_string(slot.iterations);
}

Result<SecretBuffer> deriveKek(std::string_view passphrase, const KeySlot& slot)
{
    SecretBuffer kek(32);
    if (PKCS5_PBKDF2_HMAC(passphrase.data(), static_cast<int>(passphrase.size()), slot.salt.data(),
                          static_cast<int>(slot.salt.size()), slot.iterations, EVP_sha256(), 32, kek.data()) != 1) {
        return fail(ErrorCode::Internal, "the key derivation failed");
    }
    return kek;
}

struct CipherCtx {
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    ~CipherCtx() { EVP_CIPHER_CTX_free(ctx); }
};

Status wrapInto(KeySlot& slot, const std::string& storeId, const SecretBuffer& dataKey, std::string_view passphrase)
{
    slot.iterations = kKdfIterations;
    slot.salt.assign(16, 0);
    slot.nonce.assign(12, 0);
    if (RAND_bytes(slot.salt.data(), 16) != 1 || RAND_bytes(slot.nonce.data(), 12) != 1) {
        return fail(ErrorCode::Internal, "the system's random number generator failed");
    }
    auto kek = deriveKek(passphrase, slot);
    if (!kek) {
        return std::unexpected(kek.error());
    }
    const std::string aad = associatedData(storeId, slot);
    CipherCtx c;
    int len = 0;
    slot.ciphertext.assign(dataKey.size(), 0);
    slot.tag.assign(16, 0);
    if (!c.ctx || EVP_EncryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, kek->data(), slot.nonce.data()) != 1 ||
        EVP_EncryptUpdate(c.ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                          static_cast<int>(aad.size())) != 1 ||
        EVP_EncryptUpdate(c.ctx, slot.ciphertext.data(), &len, dataKey.data(), static_cast<int>(dataKey.size())) != 1 ||
        EVP_EncryptFinal_ex(c.ctx, slot.ciphertext.data() + len, &len) != 1 ||
        EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_GET_TAG, 16, slot.tag.data()) != 1) {
        return fail(ErrorCode::Internal, "wrapping the data key failed");
    }
    return {};
}

} // namespace

std::filesystem::path KeyFile::pathFor(const std::filesystem::path& storePath)
{
    return std::filesystem::path(storePath.string() + ".keys");
}

Result<KeyFile> KeyFile::create(const SecretBuffer& dataKey, const std::string& user, std::string_view passphrase)
{
    KeyFile kf;
    std::vector<unsigned char> id(16);
    if (RAND_bytes(id.data(), 16) != 1) {
        return fail(ErrorCode::Internal, "the system's random number generator failed");
    }
    kf.m_storeId = hex::encode(id.data(), id.size());
    if (auto s = kf.setSlot(dataKey, user, passphrase); !s) {
        return std::unexpected(s.error());
    }
    return kf;
}

Status KeyFile::setSlot(const SecretBuffer& dataKey, const std::string& user, std::string_view passphrase)
{
    KeySlot slot;
    slot.user = user;
    if (auto s = wrapInto(slot, m_storeId, dataKey, passphrase); !s) {
        return s;
    }
    for (auto& existing : m_slots) {
        if (existing.user == user) {
            existing = std::move(slot); // a new passphrase also clears the brake
            return {};
        }
    }
    m_slots.push_back(std::move(slot));
    return {};
}

long long lockoutDelaySeconds(int failedAttempts)
{
    if (failedAttempts < kFreeAttempts) {
        return 0;
    }
    const int doublings = std::min(failedAttempts - kFreeAttempts, 7);
    return std::min(30LL << doublings, 3600LL);
}

KeySlot* KeyFile::findSlot(const std::string& user)
{
    for (auto& s : m_slots) {
        if (user.empty() || s.user == user) {
            return &s;
        }
    }
    return nullptr;
}

Status KeyFile::removeSlot(const std::string& user)
{
    for (auto it = m_slots.begin(); it != m_slots.end(); ++it) {
        if (it->user == user) {
            if (m_slots.size() == 1) {
                return fail(ErrorCode::Usage, "the last user of a store cannot be removed");
            }
            m_slots.erase(it);
            return {};
        }
    }
    return fail(ErrorCode::NotFound, "there is no user \"" + user + "\" in this store");
}

Result<SecretBuffer> KeyFile::unlock(const std::string& user, std::string_view passphrase) const
{
    const KeySlot* slot = nullptr;
    for (const auto& s : m_slots) {
        if (user.empty() || s.user == user) {
            slot = &s;
            break;
        }
    }
    if (!slot) {
        return fail(ErrorCode::NotFound, "there is no user \"" + user + "\" in this store");
    }
    auto kek = deriveKek(passphrase, *slot);
    if (!kek) {
        return std::unexpected(kek.error());
    }
    const std::string aad = associatedData(m_storeId, *slot);
    CipherCtx c;
    SecretBuffer key(slot->ciphertext.size());
    int len = 0;
    std::vector<unsigned char> tag = slot->tag;
    if (!c.ctx || EVP_DecryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, kek->data(), slot->nonce.data()) != 1 ||
        EVP_DecryptUpdate(c.ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                          static_cast<int>(aad.size())) != 1 ||
        EVP_DecryptUpdate(c.ctx, key.data(), &len, slot->ciphertext.data(),
                          static_cast<int>(slot->ciphertext.size())) != 1 ||
        EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_TAG, 16, tag.data()) != 1) {
        return fail(ErrorCode::Internal, "unwrapping the data key failed");
    }
    if (EVP_DecryptFinal_ex(c.ctx, key.data() + len, &len) != 1) {
        return fail(ErrorCode::WrongPassphrase, "the passphrase is wrong");
    }
    return key;
}

Result<KeyFile> KeyFile::load(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return fail(ErrorCode::StoreMissing, "the key file " + path.string() + " is missing");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(ErrorCode::Io, "cannot read the key file " + path.string());
    }
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string damaged = "the key file " + path.string() + " is damaged (restore it from a backup)";
    auto doc = json::parse(ss.str());
    if (!doc || !doc->isObject()) {
        return fail(ErrorCode::StoreDamaged, damaged);
    }
    const auto* format = doc->find("format");
    const auto* version = doc->find("version");
    const auto* storeId = doc->find("store_id");
    const auto* slots = doc->find("slots");
    if (!format || !format->isString() || format->asString() != "da06-keys" || !version || !version->isInteger()) {
        return fail(ErrorCode::StoreDamaged, damaged);
    }
    if (version->asInteger() > kKeyFileVersion) {
        return fail(ErrorCode::StoreTooNew,
                    "the key file was written by a newer version of DA06 Desk; update the program");
    }
    if (!storeId || !storeId->isString() || !slots || !slots->isArray() || slots->asArray().empty()) {
        return fail(ErrorCode::StoreDamaged, damaged);
    }
    KeyFile kf;
    kf.m_storeId = storeId->asString();
    for (const auto& s : slots->asArray()) {
        const auto* user = s.find("user");
        const auto* kdf = s.find("kdf");
        const auto* wrap = s.find("wrap");
        if (!user || !user->isString() || !kdf || !wrap) {
            return fail(ErrorCode::StoreDamaged, damaged);
        }
        const auto* alg = kdf->find("algorithm");
        const auto* iter = kdf->find("iterations");
        const auto* salt = kdf->find("salt");
        const auto* walg = wrap->find("algorithm");
        const auto* nonce = wrap->find("nonce");
        const auto* ct = wrap->find("ciphertext");
        const auto* tag = wrap->find("tag");
        if (!alg || !alg->isString() || alg->asString() != "pbkdf2-hmac-sha256" || !iter || !iter->isInteger() ||
            iter->asInteger() < kKdfIterations || iter->asInteger() > 100'000'000 || !salt || !salt->isString() ||
            !walg || !walg->isString() || walg->asString() != "aes-256-gcm" || !nonce || !nonce->isString() || !ct ||
            !ct->isString() || !tag || !tag->isString()) {
            return fail(ErrorCode::StoreDamaged, damaged);
        }
        KeySlot slot;
        slot.user = user->asString();
        slot.iterations = static_cast<int>(iter->asInteger());
        auto saltBytes = unbase64(salt->asString(), 16);
        auto nonceBytes = unbase64(nonce->asString(), 12);
        auto ctBytes = unbase64(ct->asString(), 32);
        auto tagBytes = unbase64(tag->asString(), 16);
        if (!saltBytes || !nonceBytes || !ctBytes || !tagBytes) {
            return fail(ErrorCode::StoreDamaged, damaged);
        }
        slot.salt = *saltBytes;
        slot.nonce = *nonceBytes;
        slot.ciphertext = *ctBytes;
        slot.tag = *tagBytes;
        if (const auto* failed = s.find("failed_attempts"); failed && failed->isInteger()) {
            slot.failedAttempts = static_cast<int>(failed->asInteger());
        }
        if (const auto* retry = s.find("retry_after"); retry && retry->isInteger()) {
            slot.retryAfter = retry->asInteger();
        }
        kf.m_slots.push_back(std::move(slot));
    }
    return kf;
}

Status KeyFile::save(const std::filesystem::path& path) const
{
    json::Value root;
    root.set("format", "da06-keys");
    root.set("version", kKeyFileVersion);
    root.set("store_id", m_storeId);
    json::Value slots = json::Array{};
    for (const auto& s : m_slots) {
        json::Value slot;
        slot.set("user", s.user);
        json::Value kdf;
        kdf.set("algorithm", "pbkdf2-hmac-sha256");
        kdf.set("iterations", s.iterations);
        kdf.set("salt", base64(s.salt));
        slot.set("kdf", std::move(kdf));
        json::Value wrap;
        wrap.set("algorithm", "aes-256-gcm");
        wrap.set("nonce", base64(s.nonce));
        wrap.set("ciphertext", base64(s.ciphertext));
        wrap.set("tag", base64(s.tag));
        slot.set("wrap", std::move(wrap));
        slot.set("failed_attempts", s.failedAttempts);
        slot.set("retry_after", s.retryAfter);
        slots.push(std::move(slot));
    }
    root.set("slots", std::move(slots));
    const std::string text = root.dump(2) + "\n";

    return writeFileDurably(path, text);
}

} // namespace da06::store
