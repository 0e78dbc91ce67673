#pragma once
// Exponential backoff with full jitter: after the n-th consecutive failure (n ≥ 1) the next
// attempt waits a uniformly random time in [0, min(cap, base · 2^(n−1))]. Base 2 s, cap 15 min.
#include <chrono>
#include <cstdint>
#include <random>

namespace da06::sync::client {

struct BackoffPolicy {
    std::chrono::milliseconds base{2000};
    std::chrono::milliseconds cap{15 * 60 * 1000};

    // The upper bound of the wait after `failures` consecutive failures (0 → 0).
    std::chrono::milliseconds ceiling(int failures) const;
    // A wait drawn uniformly from [0, ceiling(failures)] with rng.
    std::chrono::milliseconds delay(int failures, std::mt19937_64& rng) const;
};

} // namespace da06::sync::client
