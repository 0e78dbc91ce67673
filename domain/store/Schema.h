#pragma once
// The schema a program knows: its numbered migrations, versions 1, 2, 3, … in order. The store
// runs them but knows none of the features: its own migrations (1–3) come from
// baseMigrations(), each feature hands its own from its target, and the layer above every feature
// (da06::schema::full(), domain/schema) puts them in one list that Store::create and Store::open
// take explicitly. Never edit a released migration: add a new one.
#include <functional>
#include <vector>

#include "domain/core/Error.h"
#include "domain/store/Database.h"

namespace da06::store {

struct Migration {
    int version;
    const char* name;
    std::function<Status(Database&)> apply;
};

class Schema {
public:
    explicit Schema(std::vector<Migration> migrations) : m_migrations(std::move(migrations)) {}

    // Ok when the versions are exactly 1, 2, … n (n ≥ 1), each with a name and a function;
    // otherwise Internal, naming the first wrong entry (a programming error: Store::create and
    // Store::open refuse such a schema before touching any file).
    Status check() const;
    const std::vector<Migration>& migrations() const { return m_migrations; }
    // The version a store has once every migration ran (0 for an empty list).
    int latestVersion() const { return m_migrations.empty() ? 0 : m_migrations.back().version; }

private:
    std::vector<Migration> m_migrations;
};

// The store's own migrations, versions 1 to 3: settings, plan, units and models (1), their
// diacritic-insensitive search text (2), users and the audit log (3).
std::vector<Migration> baseMigrations();

} // namespace da06::store
