#include "domain/store/Settings.h"

#include <charconv>

namespace da06::store {

Result<std::optional<std::string>> Settings::get(std::string_view key)
{
    DA06_TRY(st, m_db.prepare("SELECT value FROM setting WHERE key = ?"));
    st->bind(1, key);
    DA06_TRY(row, st->step());
    if (!*row) {
        return std::optional<std::string>();
    }
    return std::optional<std::string>(st->columnText(0));
}

Result<std::optional<long long>> Settings::getInt(std::string_view key)
{
    DA06_TRY(text, get(key));
    if (!*text) {
        return std::optional<long long>();
    }
    const std::string& s = **text;
    std::size_t at = 0;
    while (at < s.size() && (s[at] == ' ' || (s[at] >= '\t' && s[at] <= '\r'))) {
        ++at;
    }
    if (at < s.size() && s[at] == '+') {
        ++at; // from_chars takes '-' but not '+'
        if (at < s.size() && s[at] == '-') {
            return std::optional<long long>();
        }
    }
    long long v = 0;
    const auto [end, ec] = std::from_chars(s.data() + at, s.data() + s.size(), v);
    if (ec != std::errc()) {
        return std::optional<long long>();
    }
    return std::optional<long long>(v);
}

Status Settings::set(std::string_view key, std::string_view value)
{
    DA06_TRY(st, m_db.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)"));
    st->bind(1, key).bind(2, value);
    return st->run();
}

} // namespace da06::store
