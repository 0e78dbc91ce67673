#pragma once
// Shared by the fuzz targets of tests/fuzz/data (plan, units, welfare, JSON, sync, hub): an
// invariant check that aborts, JSON equivalence (what a re-serialised value must keep), and a
// scratch folder on tmpfs for the targets that need a database (removed at exit).
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>

#include "domain/core/Json.h"

namespace da06::fuzz::data {

inline void require(bool ok)
{
    if (!ok) {
        std::abort();
    }
}

inline std::string_view textOf(const std::uint8_t* data, std::size_t size)
{
    return {reinterpret_cast<const char*>(data), size};
}

// a and b hold the same data once written and read back: numbers equal by value (an integer and
// a double of the same value are equal; a double that is not finite is written as null), strings,
// booleans, arrays and objects (same keys in the same order) equal member by member.
inline bool jsonEquivalent(const json::Value& a, const json::Value& b)
{
    using T = json::Value::Type;
    const auto nullish = [](const json::Value& v) {
        return v.isNull() || (v.type() == T::Double && !std::isfinite(v.asDouble()));
    };
    if (nullish(a) || nullish(b)) {
        return nullish(a) && nullish(b);
    }
    if (a.isNumber() || b.isNumber()) {
        if (!a.isNumber() || !b.isNumber()) {
            return false;
        }
        if (a.isInteger() && b.isInteger()) {
            return a.asInteger() == b.asInteger();
        }
        return a.asDouble() == b.asDouble();
    }
    if (a.type() != b.type()) {
        return false;
    }
    switch (a.type()) {
    case T::Bool:
        return a.asBool() == b.asBool();
    case T::String:
        return a.asString() == b.asString();
    case T::ArrayValue: {
        const auto& x = a.asArray();
        const auto& y = b.asArray();
        if (x.size() != y.size()) {
            return false;
        }
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!jsonEquivalent(x[i], y[i])) {
                return false;
            }
        }
        return true;
    }
    case T::ObjectValue: {
        const auto& x = a.asObject();
        const auto& y = b.asObject();
        if (x.size() != y.size()) {
            return false;
        }
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (x[i].first != y[i].first || !jsonEquivalent(x[i].second, y[i].second)) {
                return false;
            }
        }
        return true;
    }
    default:
        return false;
    }
}

// A fresh folder for a target's database, on /dev/shm when there is one (no disk I/O), removed
// when the process exits. Made once per process (libFuzzer's -fork/-jobs children get their own).
// A crash exits without clean-up: the folders of processes that are gone are removed first.
inline const std::filesystem::path& scratchDir()
{
    static const std::filesystem::path dir = [] {
        std::error_code ec;
        std::filesystem::path base = "/dev/shm";
        if (!std::filesystem::is_directory(base, ec)) {
            base = std::filesystem::temp_directory_path();
        }
        const std::string prefix = "da06-fuzz-";
        for (const auto& entry : std::filesystem::directory_iterator(base, ec)) {
            const std::string name = entry.path().filename().string();
            if (name.starts_with(prefix)) {
                const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
                if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
                    std::filesystem::remove_all(entry.path(), ec);
                }
            }
        }
        std::string templ = (base / (prefix + std::to_string(::getpid()) + "-XXXXXX")).string();
        if (!::mkdtemp(templ.data())) {
            std::abort();
        }
        static std::string removeAtExit;
        removeAtExit = templ;
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove_all(removeAtExit, ignored);
        });
        return std::filesystem::path(templ);
    }();
    return dir;
}

} // namespace da06::fuzz::data
