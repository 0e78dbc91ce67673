#include "domain/work/UnitFile.h"

#include <fstream>
#include <set>
#include <sstream>

#include "domain/core/Json.h"
#include "domain/text/Csv.h"
#include "domain/text/Text.h"
#include "domain/work/WorkTypes.h"

namespace da06::work {

namespace {

std::string at(int line)
{
    return line > 0 ? "line " + std::to_string(line) + ": " : std::string();
}

Result<std::string> nfc(std::string_view s, int line, const char* what)
{
    auto n = text::toNfc(text::trim(s));
    if (!n) {
        return fail(ErrorCode::InvalidInput, at(line) + "the " + std::string(what) + " is not valid UTF-8 text");
    }
    return *n;
}

std::optional<std::string> optional(std::string s)
{
    if (s.empty()) {
        return std::nullopt;
    }
    return s;
}

// Checks one record's own fields, and the ids of the whole file.
Status checkRecords(const std::vector<UnitRecord>& units)
{
    std::set<std::string> ids;
    for (const auto& u : units) {
        if (!isValidUnitId(u.id)) {
            return fail(ErrorCode::InvalidInput, at(u.line) + "the unit id \"" + u.id +
                                                     "\" is not valid: use lower-case letters a-z, digits and '-'");
        }
        if (!ids.insert(u.id).second) {
            return fail(ErrorCode::InvalidInput, at(u.line) + "the unit id \"" + u.id + "\" appears twice in the file");
        }
        if (u.name.empty()) {
            return fail(ErrorCode::InvalidInput, at(u.line) + "the unit \"" + u.id + "\" has no name");
        }
        if (!isKnownUnitKind(u.kind)) {
            return fail(ErrorCode::InvalidInput,
                        at(u.line) + "the unit \"" + u.id + "\" has the unknown kind \"" + u.kind +
                            "\" (use province, province_agency, national_agency, district_level, commune_level, "
                            "collective, enterprise, other, district, commune or site)");
        }
        if (u.kind == "site") {
            if (!u.siteKind) {
                return fail(ErrorCode::InvalidInput,
                            at(u.line) + "the site \"" + u.id +
                                "\" needs a site_kind (notary_office, pawnshop, lodging, hospital, "
                                "school, bank_branch or other)");
            }
            if (!isKnownSiteKind(*u.siteKind)) {
                return fail(ErrorCode::InvalidInput, at(u.line) + "the site \"" + u.id +
                                                         "\" has the unknown site_kind \"" + *u.siteKind +
                                                         "\" (use notary_office, pawnshop, lodging, hospital, school, "
                                                         "bank_branch or other)");
            }
        } else if (u.siteKind) {
            return fail(ErrorCode::InvalidInput,
                        at(u.line) + "the unit \"" + u.id + "\" is not a site but has a site_kind");
        }
        if (u.parent && *u.parent == u.id) {
            return fail(ErrorCode::InvalidInput, at(u.line) + "the unit \"" + u.id + "\" cannot be its own parent");
        }
    }
    return {};
}

// The CSV records (text/Csv.h), each with the line it starts on.
Result<std::vector<std::pair<int, std::vector<std::string>>>> csvRecords(std::string_view csv)
{
    text::CsvText parsed = text::readCsv(csv, ',');
    if (parsed.unclosedQuoteLine) {
        return fail(ErrorCode::InvalidInput, at(*parsed.unclosedQuoteLine) + "a quoted field is not closed");
    }
    std::vector<std::pair<int, std::vector<std::string>>> out;
    for (text::CsvRecord& r : parsed.records) {
        out.emplace_back(r.line, std::move(r.fields));
    }
    return out;
}

} // namespace

bool isValidUnitId(std::string_view id)
{
    if (id.empty() || id.size() > 64 || id.front() == '-' || id.back() == '-') {
        return false;
    }
    for (char c : id) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return false;
        }
    }
    return true;
}

Result<std::vector<UnitRecord>> parseUnitsJson(std::string_view textIn)
{
    DA06_TRY(doc, json::parse(textIn));
    const json::Value* list = &*doc;
    if (doc->isObject()) {
        const json::Value* format = doc->find("format");
        if (!format || !format->isString() || format->asString() != "da06-units") {
            return fail(ErrorCode::InvalidInput, "a units file must be a JSON array of units, or an object with "
                                                 "\"format\": \"da06-units\"");
        }
        const json::Value* version = doc->find("format_version");
        if (!version || !version->isInteger() || version->asInteger() < 1) {
            return fail(ErrorCode::InvalidInput, "the units file needs \"format_version\": 1");
        }
        if (version->asInteger() > 1) {
            return fail(ErrorCode::InvalidInput, "the units file has format version " +
                                                     std::to_string(version->asInteger()) +
                                                     "; this program reads version 1 (update the program)");
        }
        list = doc->find("units");
        if (!list || !list->isArray()) {
            return fail(ErrorCode::InvalidInput, "the units file has no \"units\" array");
        }
    } else if (!doc->isArray()) {
        return fail(ErrorCode::InvalidInput, "a units file must be a JSON array of units, or an object with \"units\"");
    }
    std::vector<UnitRecord> out;
    for (const auto& v : list->asArray()) {
        const int line = v.position().line;
        if (!v.isObject()) {
            return fail(ErrorCode::InvalidInput, at(line) + "each unit must be a JSON object");
        }
        auto text = [&](const char* key, bool required) -> Result<std::string> {
            const json::Value* f = v.find(key);
            if (!f || f->isNull()) {
                if (required) {
                    return fail(ErrorCode::InvalidInput, at(line) + "a unit needs \"" + key + "\"");
                }
                return std::string();
            }
            if (!f->isString()) {
                return fail(ErrorCode::InvalidInput, at(f->position().line) + "\"" + key + "\" must be text");
            }
            return nfc(f->asString(), f->position().line, key);
        };
        UnitRecord u;
        u.line = line;
        DA06_TRY(id, text("id", true));
        DA06_TRY(name, text("name", true));
        DA06_TRY(kind, text("kind", true));
        DA06_TRY(parent, text("parent", false));
        DA06_TRY(memberOf, text("member_of", false));
        DA06_TRY(siteKind, text("site_kind", false));
        u.id = *id;
        u.name = *name;
        u.kind = *kind;
        u.parent = optional(*parent);
        u.memberOf = optional(*memberOf);
        u.siteKind = optional(*siteKind);
        if (const json::Value* aliases = v.find("aliases"); aliases && !aliases->isNull()) {
            if (!aliases->isArray()) {
                return fail(ErrorCode::InvalidInput,
                            at(aliases->position().line) + "\"aliases\" must be an array of text");
            }
            for (const auto& a : aliases->asArray()) {
                if (!a.isString()) {
                    return fail(ErrorCode::InvalidInput,
                                at(a.position().line) + "\"aliases\" must be an array of text");
                }
                DA06_TRY(alias, nfc(a.asString(), a.position().line, "alias"));
                if (!alias->empty()) {
                    u.aliases.push_back(*alias);
                }
            }
        }
        out.push_back(std::move(u));
    }
    DA06_CHECK(checkRecords(out));
    return out;
}

Result<std::vector<UnitRecord>> parseUnitsCsv(std::string_view textIn)
{
    if (textIn.substr(0, 3) == "\xEF\xBB\xBF") { // a byte-order mark written by spreadsheet programs
        textIn.remove_prefix(3);
    }
    if (!text::isValidUtf8(textIn)) {
        return fail(ErrorCode::InvalidInput, "the units file is not UTF-8 text (save it as \"CSV UTF-8\")");
    }
    DA06_TRY(records, csvRecords(textIn));
    if (records->empty()) {
        return fail(ErrorCode::InvalidInput, "the units file is empty");
    }
    const auto& header = records->front().second;
    int col[7] = {-1, -1, -1, -1, -1, -1, -1};
    static const char* const names[7] = {"id", "name", "kind", "parent", "member_of", "site_kind", "aliases"};
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string h = text::trim(header[i]);
        bool known = false;
        for (int k = 0; k < 7; ++k) {
            if (h == names[k]) {
                col[k] = static_cast<int>(i);
                known = true;
            }
        }
        if (!known && !h.empty()) {
            return fail(ErrorCode::InvalidInput,
                        "line 1: unknown column \"" + h +
                            "\" (the columns are id, name, kind, parent, member_of, site_kind, aliases)");
        }
    }
    for (int k = 0; k < 3; ++k) {
        if (col[k] < 0) {
            return fail(ErrorCode::InvalidInput, std::string("line 1: the header has no \"") + names[k] +
                                                     "\" column (a units CSV starts with id,name,kind,…)");
        }
    }
    std::vector<UnitRecord> out;
    for (std::size_t r = 1; r < records->size(); ++r) {
        const auto& [line, fields] = (*records)[r];
        auto get = [&, ln = line](int k) -> Result<std::string> {
            if (col[k] < 0 || static_cast<std::size_t>(col[k]) >= fields.size()) {
                return std::string();
            }
            return nfc(fields[static_cast<std::size_t>(col[k])], ln, names[k]);
        };
        if (fields.size() > header.size()) {
            return fail(ErrorCode::InvalidInput, at(line) + "more fields than the header has columns (quote names "
                                                            "that contain commas)");
        }
        UnitRecord u;
        u.line = line;
        DA06_TRY(id, get(0));
        DA06_TRY(name, get(1));
        DA06_TRY(kind, get(2));
        DA06_TRY(parent, get(3));
        DA06_TRY(memberOf, get(4));
        DA06_TRY(siteKind, get(5));
        DA06_TRY(aliases, get(6));
        u.id = *id;
        u.name = *name;
        u.kind = *kind;
        u.parent = optional(*parent);
        u.memberOf = optional(*memberOf);
        u.siteKind = optional(*siteKind);
        std::stringstream ss(*aliases);
        std::string a;
        while (std::getline(ss, a, ';')) {
            a = text::trim(a);
            if (!a.empty()) {
                u.aliases.push_back(a);
            }
        }
        out.push_back(std::move(u));
    }
    DA06_CHECK(checkRecords(out));
    return out;
}

Result<std::vector<UnitRecord>> parseUnitsText(std::string_view text)
{
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            continue;
        }
        if (c == '[' || c == '{') {
            return parseUnitsJson(text);
        }
        break;
    }
    return parseUnitsCsv(text);
}

Result<std::vector<UnitRecord>> loadUnitsFile(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return fail(ErrorCode::NotFound, "there is no units file " + path.string());
    }
    if (std::filesystem::file_size(path, ec) > 64u * 1024u * 1024u) {
        return fail(ErrorCode::InvalidInput, "the units file " + path.string() + " is larger than 64 MB");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(ErrorCode::Io, "cannot read " + path.string());
    }
    std::stringstream ss;
    ss << in.rdbuf();
    auto units = parseUnitsText(ss.str());
    if (!units) {
        return fail(units.error().code, path.filename().string() + ": " + units.error().message);
    }
    return units;
}

} // namespace da06::work
