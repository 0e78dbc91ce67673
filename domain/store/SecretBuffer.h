#pragma once
// Bytes that hold a secret (a key, a passphrase). Wiped when destroyed or cleared; not copyable.
#include <cstddef>
#include <string_view>
#include <vector>

namespace da06::store {

class SecretBuffer {
public:
    SecretBuffer() = default;
    explicit SecretBuffer(std::size_t size) : m_bytes(size) {}
    explicit SecretBuffer(std::string_view text) : m_bytes(text.begin(), text.end()) {}
    SecretBuffer(const SecretBuffer&) = delete;
    SecretBuffer& operator=(const SecretBuffer&) = delete;
    SecretBuffer(SecretBuffer&& other) noexcept : m_bytes(std::move(other.m_bytes)) { other.m_bytes.clear(); }
    SecretBuffer& operator=(SecretBuffer&& other) noexcept;
    ~SecretBuffer() { clear(); }

    unsigned char* data() { return m_bytes.data(); }
    const unsigned char* data() const { return m_bytes.data(); }
    std::size_t size() const { return m_bytes.size(); }
    bool empty() const { return m_bytes.empty(); }
    std::string_view view() const { return {reinterpret_cast<const char*>(m_bytes.data()), m_bytes.size()}; }
    void clear();

    static SecretBuffer random(std::size_t size); // from the OS's CSPRNG (OpenSSL RAND_bytes)

private:
    std::vector<unsigned char> m_bytes;
};

// Wipes memory that held a secret, in a way the optimizer does not remove.
void wipe(void* data, std::size_t size);

} // namespace da06::store
