#pragma once
// Units files: the real districts, communes and sites of a province (and any unit of the plan),
// as JSON or CSV. Text is checked as UTF-8 and normalized to NFC; errors name the line.
//
// JSON: either an array of units, or {"format": "da06-units", "format_version": 1, "units": [...]}.
//   { "id": "huyen-tan-bien",            required, [a-z0-9-]+
//     "name": "Huyện Tân Biên",          required
//     "kind": "district",                required: province | province_agency | national_agency |
//                                        district_level | commune_level | collective | enterprise |
//                                        other | district | commune | site
//     "parent": "tinh-tay-ninh",         optional id of a unit of the file or of the store
//     "member_of": "ubnd-cap-huyen",     optional: the plan's collective unit it is one of
//     "site_kind": "hospital",           required for sites: notary_office | pawnshop | lodging |
//                                        hospital | school | bank_branch | other
//     "aliases": ["UBND huyện Tân Biên"] optional }
// CSV (RFC 4180, comma-separated, UTF-8, first line a header naming the columns, in any order):
//   id,name,kind,parent,member_of,site_kind,aliases      (aliases separated by ';')
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/Error.h"

namespace da06::work {

struct UnitRecord {
    std::string id;
    std::string name;
    std::string kind;
    std::optional<std::string> parent;
    std::optional<std::string> memberOf;
    std::optional<std::string> siteKind;
    std::vector<std::string> aliases;
    int line = 0; // where it was read (for messages)
};

Result<std::vector<UnitRecord>> parseUnitsJson(std::string_view text);
Result<std::vector<UnitRecord>> parseUnitsCsv(std::string_view text);
// JSON when the first non-blank character is '[' or '{', else CSV.
Result<std::vector<UnitRecord>> parseUnitsText(std::string_view text);
Result<std::vector<UnitRecord>> loadUnitsFile(const std::filesystem::path& path);

bool isValidUnitId(std::string_view id);

} // namespace da06::work
