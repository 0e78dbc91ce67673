#include "sync/client/Backoff.h"

namespace da06::sync::client {

std::chrono::milliseconds BackoffPolicy::ceiling(int failures) const
{
    if (failures <= 0) {
        return std::chrono::milliseconds(0);
    }
    std::int64_t ms = base.count();
    for (int i = 1; i < failures && ms < cap.count(); ++i) {
        ms *= 2;
    }
    return std::chrono::milliseconds(std::min<std::int64_t>(ms, cap.count()));
}

std::chrono::milliseconds BackoffPolicy::delay(int failures, std::mt19937_64& rng) const
{
    const auto top = ceiling(failures).count();
    if (top <= 0) {
        return std::chrono::milliseconds(0);
    }
    std::uniform_int_distribution<std::int64_t> pick(0, top);
    return std::chrono::milliseconds(pick(rng));
}

} // namespace da06::sync::client
