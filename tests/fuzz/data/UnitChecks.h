#pragma once
// The promises of a units file that parsed (domain/work/UnitFile.h), checked by the units_json
// and units_csv fuzz targets: valid unique ids, a name, a known kind, a site kind exactly for
// sites, no unit its own parent, every text valid UTF-8 in NFC.
#include <set>
#include <string>
#include <vector>

#include "domain/text/Text.h"
#include "domain/work/UnitFile.h"
#include "domain/work/WorkTypes.h"
#include "tests/fuzz/data/DataFuzz.h"

namespace da06::fuzz::data {

inline void requireNfc(const std::string& s)
{
    auto n = text::toNfc(s);
    require(n.has_value() && *n == s);
}

inline void checkUnits(const std::vector<work::UnitRecord>& units)
{
    std::set<std::string> ids;
    for (const auto& u : units) {
        require(work::isValidUnitId(u.id));
        require(ids.insert(u.id).second);
        require(!u.name.empty());
        require(work::isKnownUnitKind(u.kind));
        require((u.kind == "site") == u.siteKind.has_value());
        require(!u.siteKind || work::isKnownSiteKind(*u.siteKind));
        require(!u.parent || *u.parent != u.id);
        require(u.line >= 1);
        requireNfc(u.name);
        for (const auto& a : u.aliases) {
            require(!a.empty());
            requireNfc(a);
        }
    }
}

} // namespace da06::fuzz::data
