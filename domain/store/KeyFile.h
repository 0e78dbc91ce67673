#pragma once
// The key-slot file beside the database (<store>.keys). The database is encrypted with a random
// 256-bit data key; each slot holds that key wrapped (AES-256-GCM) by a key derived from one
// user's passphrase (PBKDF2-HMAC-SHA256, 600,000 iterations). Changing a passphrase rewrites one
// slot; the data is never re-encrypted. The file holds no secret in clear.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/Error.h"
#include "domain/store/SecretBuffer.h"

namespace da06::store {

inline constexpr int kKdfIterations = 600'000;
inline constexpr int kKeyFileVersion = 1;

struct KeySlot {
    std::string user;
    int iterations = kKdfIterations;
    std::vector<unsigned char> salt;       // 16 bytes
    std::vector<unsigned char> nonce;      // 12 bytes
    std::vector<unsigned char> ciphertext; // 32 bytes
    std::vector<unsigned char> tag;        // 16 bytes
    // Brute-force brake, kept here because it must work before the store is unlocked and
    // survive a restart: wrong passphrases since the last success, and the time (seconds since
    // 1970) before which no attempt is tried.
    int failedAttempts = 0;
    long long retryAfter = 0;
};

// Wrong passphrases allowed before attempts must wait; the wait doubles with each further one.
inline constexpr int kFreeAttempts = 5;
long long lockoutDelaySeconds(int failedAttempts); // 0 below kFreeAttempts; 30 s, 60 s, … up to 1 h

class KeyFile {
public:
    static std::filesystem::path pathFor(const std::filesystem::path& storePath);

    // Missing file → StoreMissing; unreadable/garbled → StoreDamaged; newer version → StoreTooNew.
    static Result<KeyFile> load(const std::filesystem::path& path);
    // Writes a temporary file, flushes it to disk and renames it over the old one.
    Status save(const std::filesystem::path& path) const;

    // A new key file for a new store with one slot.
    static Result<KeyFile> create(const SecretBuffer& dataKey, const std::string& user, std::string_view passphrase);

    // Unwraps the data key with the passphrase of user (empty user: the first slot).
    // A wrong passphrase → WrongPassphrase; unknown user → NotFound.
    Result<SecretBuffer> unlock(const std::string& user, std::string_view passphrase) const;

    // Adds or replaces the slot of user.
    Status setSlot(const SecretBuffer& dataKey, const std::string& user, std::string_view passphrase);
    // NotFound when user has no slot; refuses to remove the last slot.
    Status removeSlot(const std::string& user);
    KeySlot* findSlot(const std::string& user); // empty user: the first slot

    const std::string& storeId() const { return m_storeId; }
    const std::vector<KeySlot>& slots() const { return m_slots; }

private:
    std::string m_storeId; // random, binds each slot to this store (GCM associated data)
    std::vector<KeySlot> m_slots;
};

} // namespace da06::store
