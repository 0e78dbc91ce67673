#pragma once
// The desk's settings: the store's key-value table `setting` (the desk's unit, the current plan,
// policies, the last purge, the front desk's preferences), read and written in one place.
#include <optional>
#include <string>
#include <string_view>

#include "domain/core/Error.h"
#include "domain/store/Database.h"

namespace da06::store {

class Settings {
public:
    explicit Settings(Database& db) : m_db(db) {}

    // The value of key; nullopt when it was never set.
    Result<std::optional<std::string>> get(std::string_view key);
    // The whole number the value starts with (as atoi reads it: leading spaces and a sign, then
    // digits); nullopt when the key was never set or its value does not start with a number.
    Result<std::optional<long long>> getInt(std::string_view key);
    // Sets (or replaces) the value of key. Call it inside the caller's transaction when the
    // change goes with others (and with its audit entry).
    Status set(std::string_view key, std::string_view value);

private:
    Database& m_db;
};

} // namespace da06::store
