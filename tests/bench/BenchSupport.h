#pragma once
// What every benchmark program uses: elapsed milliseconds, medians, and stopping with a message
// when a step fails (a benchmark has no use for a partial run).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "domain/core/Error.h"

namespace da06::bench {

inline double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

inline double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

template <typename T> T need(Result<T> r, const char* what = "error")
{
    if (!r) {
        std::fprintf(stderr, "%s: %s\n", what, r.error().message.c_str());
        std::exit(1);
    }
    return std::move(*r);
}

inline void need(const Status& s, const char* what = "error")
{
    if (!s) {
        std::fprintf(stderr, "%s: %s\n", what, s.error().message.c_str());
        std::exit(1);
    }
}

} // namespace da06::bench
