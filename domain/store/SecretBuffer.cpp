#include "domain/store/SecretBuffer.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <stdexcept>

namespace da06::store {

SecretBuffer& SecretBuffer::operator=(SecretBuffer&& other) noexcept
{
    if (this != &other) {
        clear();
        m_bytes = std::move(other.m_bytes);
        other.m_bytes.clear();
    }
    return *this;
}

void SecretBuffer::clear()
{
    if (!m_bytes.empty()) {
        wipe(m_bytes.data(), m_bytes.size());
    }
    m_bytes.clear();
    m_bytes.shrink_to_fit();
}

SecretBuffer SecretBuffer::random(std::size_t size)
{
    SecretBuffer b(size);
    if (RAND_bytes(b.data(), static_cast<int>(size)) != 1) {
        throw std::runtime_error("the system's random number generator failed");
    }
    return b;
}

void wipe(void* data, std::size_t size)
{
    OPENSSL_cleanse(data, size);
}

} // namespace da06::store
