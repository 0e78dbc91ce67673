#include "sync/hub/Sql.h"

#include <charconv>

namespace da06::hub {

std::int64_t toInt(const std::optional<std::string>& v, std::int64_t fallback)
{
    if (!v) {
        return fallback;
    }
    std::int64_t n = fallback;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    return ec == std::errc() ? n : fallback;
}

ConnectionPool::ConnectionPool(std::unique_ptr<SqlBackend> backend, std::size_t maxConnections)
    : m_backend(std::move(backend)), m_max(maxConnections == 0 ? 1 : maxConnections)
{
}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease::~Lease()
{
    if (m_pool && m_conn) {
        m_pool->release(std::move(m_conn));
    }
}

Result<ConnectionPool::Lease> ConnectionPool::acquire()
{
    std::unique_lock lock(m_mutex);
    m_cv.wait(lock, [&] { return !m_idle.empty() || m_open < m_max; });
    if (!m_idle.empty()) {
        auto c = std::move(m_idle.back());
        m_idle.pop_back();
        return Lease(this, std::move(c));
    }
    ++m_open;
    lock.unlock();
    auto c = m_backend->connect();
    if (!c) {
        lock.lock();
        --m_open;
        m_cv.notify_one();
        return std::unexpected(c.error());
    }
    return Lease(this, std::move(*c));
}

void ConnectionPool::release(std::unique_ptr<SqlConnection> c)
{
    std::lock_guard lock(m_mutex);
    c->rollback();
    if (c->healthy()) {
        m_idle.push_back(std::move(c));
    } else {
        // The database went away (restarted?): the idle connections are most likely broken too.
        --m_open;
        m_open -= m_idle.size();
        m_idle.clear();
    }
    m_cv.notify_all();
}

} // namespace da06::hub
