#include "domain/store/Schema.h"

#include <string>

namespace da06::store {

Status Schema::check() const
{
    if (m_migrations.empty()) {
        return fail(ErrorCode::Internal, "the schema has no migration");
    }
    for (std::size_t i = 0; i < m_migrations.size(); ++i) {
        const Migration& m = m_migrations[i];
        const int expected = static_cast<int>(i) + 1;
        if (m.version != expected) {
            return fail(ErrorCode::Internal, "the schema's migration " + std::to_string(expected) +
                                                 " has the version " + std::to_string(m.version) +
                                                 " (versions are 1, 2, 3, … in order)");
        }
        if (m.name == nullptr || *m.name == '\0' || !m.apply) {
            return fail(ErrorCode::Internal,
                        "the schema's migration " + std::to_string(expected) + " has no name or no function");
        }
    }
    return {};
}

} // namespace da06::store
