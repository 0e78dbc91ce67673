#include "domain/core/Json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace da06::json {

Value::Type Value::type() const
{
    return static_cast<Type>(m_data.index());
}

double Value::asDouble() const
{
    if (isInteger()) {
        return static_cast<double>(asInteger());
    }
    return std::get<double>(m_data);
}

const Value* Value::find(std::string_view key) const
{
    if (!isObject()) {
        return nullptr;
    }
    for (const auto& [k, v] : asObject()) {
        if (k == key) {
            return &v;
        }
    }
    return nullptr;
}

Value& Value::set(std::string key, Value value)
{
    if (!isObject()) {
        m_data = std::make_shared<Object>();
    }
    for (auto& [k, v] : asObject()) {
        if (k == key) {
            v = std::move(value);
            return v;
        }
    }
    asObject().emplace_back(std::move(key), std::move(value));
    return asObject().back().second;
}

Value& Value::push(Value value)
{
    if (!isArray()) {
        m_data = std::make_shared<Array>();
    }
    asArray().push_back(std::move(value));
    return asArray().back();
}

const char* Value::typeName(Type t)
{
    switch (t) {
    case Type::Null:
        return "null";
    case Type::Bool:
        return "boolean";
    case Type::Integer:
        return "integer";
    case Type::Double:
        return "number";
    case Type::String:
        return "string";
    case Type::ArrayValue:
        return "array";
    case Type::ObjectValue:
        return "object";
    }
    return "?";
}

namespace {

void escapeTo(std::string& out, const std::string& s)
{
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

void newline(std::string& out, int indent, int depth)
{
    if (indent >= 0) {
        out += '\n';
        out.append(static_cast<std::size_t>(indent * depth), ' ');
    }
}

} // namespace

void Value::dumpTo(std::string& out, int indent, int depth) const
{
    switch (type()) {
    case Type::Null:
        out += "null";
        break;
    case Type::Bool:
        out += asBool() ? "true" : "false";
        break;
    case Type::Integer:
        out += std::to_string(asInteger());
        break;
    case Type::Double: {
        const double d = std::get<double>(m_data);
        if (!std::isfinite(d)) {
            out += "null";
        } else {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.17g", d);
            out += buf;
        }
        break;
    }
    case Type::String:
        escapeTo(out, asString());
        break;
    case Type::ArrayValue: {
        const auto& a = asArray();
        out += '[';
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (i) {
                out += ',';
            }
            newline(out, indent, depth + 1);
            a[i].dumpTo(out, indent, depth + 1);
        }
        if (!a.empty()) {
            newline(out, indent, depth);
        }
        out += ']';
        break;
    }
    case Type::ObjectValue: {
        const auto& o = asObject();
        out += '{';
        for (std::size_t i = 0; i < o.size(); ++i) {
            if (i) {
                out += ',';
            }
            newline(out, indent, depth + 1);
            escapeTo(out, o[i].first);
            out += indent >= 0 ? ": " : ":";
            o[i].second.dumpTo(out, indent, depth + 1);
        }
        if (!o.empty()) {
            newline(out, indent, depth);
        }
        out += '}';
        break;
    }
    }
}

std::string Value::dump(int indent) const
{
    std::string out;
    dumpTo(out, indent, 0);
    return out;
}

std::string describe(Position p)
{
    return "line " + std::to_string(p.line) + ", column " + std::to_string(p.column);
}

namespace {

class Parser {
public:
    Parser(std::string_view text, std::size_t maxDepth) : m_text(text), m_maxDepth(maxDepth) {}

    Result<Value> run()
    {
        skipBom();
        skipSpace();
        auto v = value(0);
        if (!v) {
            return v;
        }
        skipSpace();
        if (m_i != m_text.size()) {
            return error("unexpected text after the end of the JSON value");
        }
        return v;
    }

private:
    std::unexpected<Error> error(const std::string& what) const
    {
        return fail(ErrorCode::InvalidInput, "JSON syntax error at " + describe(here()) + ": " + what);
    }

    Position here() const
    {
        // Columns count characters (UTF-8 sequences), not bytes.
        return Position{m_line, static_cast<int>(m_col)};
    }

    void advance()
    {
        const unsigned char c = static_cast<unsigned char>(m_text[m_i]);
        ++m_i;
        if (c == '\n') {
            ++m_line;
            m_col = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++m_col;
        }
    }

    void skipBom()
    {
        if (m_text.substr(0, 3) == "\xEF\xBB\xBF") {
            m_i = 3;
        }
    }

    void skipSpace()
    {
        while (m_i < m_text.size()) {
            const char c = m_text[m_i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                advance();
            } else {
                break;
            }
        }
    }

    bool literal(std::string_view word)
    {
        if (m_text.substr(m_i, word.size()) == word) {
            for (std::size_t k = 0; k < word.size(); ++k) {
                advance();
            }
            return true;
        }
        return false;
    }

    Result<Value> value(std::size_t depth)
    {
        if (depth > m_maxDepth) {
            return error("nesting deeper than " + std::to_string(m_maxDepth));
        }
        if (m_i >= m_text.size()) {
            return error("unexpected end of the file, a value was expected");
        }
        const Position start = here();
        Result<Value> v;
        const char c = m_text[m_i];
        if (c == '{') {
            v = object(depth);
        } else if (c == '[') {
            v = array(depth);
        } else if (c == '"') {
            auto s = string();
            if (!s) {
                return std::unexpected(s.error());
            }
            v = Value(std::move(*s));
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            v = number();
        } else if (literal("true")) {
            v = Value(true);
        } else if (literal("false")) {
            v = Value(false);
        } else if (literal("null")) {
            v = Value(nullptr);
        } else {
            return error(std::string("unexpected character '") + c + "'");
        }
        if (v) {
            v->setPosition(start);
        }
        return v;
    }

    Result<Value> object(std::size_t depth)
    {
        advance(); // {
        Object obj;
        skipSpace();
        if (m_i < m_text.size() && m_text[m_i] == '}') {
            advance();
            return Value(std::move(obj));
        }
        while (true) {
            skipSpace();
            if (m_i >= m_text.size() || m_text[m_i] != '"') {
                return error("a key in double quotes was expected");
            }
            auto key = string();
            if (!key) {
                return std::unexpected(key.error());
            }
            skipSpace();
            if (m_i >= m_text.size() || m_text[m_i] != ':') {
                return error("':' was expected after the key \"" + *key + "\"");
            }
            advance();
            skipSpace();
            auto v = value(depth + 1);
            if (!v) {
                return v;
            }
            obj.emplace_back(std::move(*key), std::move(*v));
            skipSpace();
            if (m_i < m_text.size() && m_text[m_i] == ',') {
                advance();
                continue;
            }
            if (m_i < m_text.size() && m_text[m_i] == '}') {
                advance();
                return Value(std::move(obj));
            }
            return error("',' or '}' was expected in an object");
        }
    }

    Result<Value> array(std::size_t depth)
    {
        advance(); // [
        Array arr;
        skipSpace();
        if (m_i < m_text.size() && m_text[m_i] == ']') {
            advance();
            return Value(std::move(arr));
        }
        while (true) {
            skipSpace();
            auto v = value(depth + 1);
            if (!v) {
                return v;
            }
            arr.push_back(std::move(*v));
            skipSpace();
            if (m_i < m_text.size() && m_text[m_i] == ',') {
                advance();
                continue;
            }
            if (m_i < m_text.size() && m_text[m_i] == ']') {
                advance();
                return Value(std::move(arr));
            }
            return error("',' or ']' was expected in an array");
        }
    }

    static void appendUtf8(std::string& out, std::uint32_t cp)
    {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    std::optional<std::uint32_t> hex4()
    {
        if (m_i + 4 > m_text.size()) {
            return std::nullopt;
        }
        std::uint32_t v = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = m_text[m_i];
            v <<= 4;
            if (c >= '0' && c <= '9') {
                v |= static_cast<std::uint32_t>(c - '0');
            } else if (c >= 'a' && c <= 'f') {
                v |= static_cast<std::uint32_t>(c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                v |= static_cast<std::uint32_t>(c - 'A' + 10);
            } else {
                return std::nullopt;
            }
            advance();
        }
        return v;
    }

    // Length of a well-formed UTF-8 sequence starting at m_i, or 0.
    std::size_t utf8Length() const
    {
        const auto b = [&](std::size_t k) { return static_cast<unsigned char>(m_text[m_i + k]); };
        const unsigned char c = b(0);
        std::size_t n = 0;
        std::uint32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (m_i + n > m_text.size()) {
            return 0;
        }
        for (std::size_t k = 1; k < n; ++k) {
            if ((b(k) & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (b(k) & 0x3F);
        }
        if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
            return 0;
        }
        return n;
    }

    Result<std::string> string()
    {
        advance(); // opening quote
        std::string out;
        while (true) {
            if (m_i >= m_text.size()) {
                return error("the text ends inside a string");
            }
            const unsigned char c = static_cast<unsigned char>(m_text[m_i]);
            if (c == '"') {
                advance();
                return out;
            }
            if (c < 0x20) {
                return error("a control character inside a string (a line break must be written \\n)");
            }
            if (c == '\\') {
                advance();
                if (m_i >= m_text.size()) {
                    return error("the text ends inside a string");
                }
                const char e = m_text[m_i];
                advance();
                switch (e) {
                case '"':
                    out += '"';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case '/':
                    out += '/';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'u': {
                    auto cp = hex4();
                    if (!cp) {
                        return error("\\u must be followed by four hexadecimal digits");
                    }
                    std::uint32_t code = *cp;
                    if (code >= 0xD800 && code <= 0xDBFF) {
                        if (!literal("\\u")) {
                            return error("a lone UTF-16 surrogate in \\u escape");
                        }
                        auto lo = hex4();
                        if (!lo || *lo < 0xDC00 || *lo > 0xDFFF) {
                            return error("a lone UTF-16 surrogate in \\u escape");
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (*lo - 0xDC00);
                    } else if (code >= 0xDC00 && code <= 0xDFFF) {
                        return error("a lone UTF-16 surrogate in \\u escape");
                    }
                    appendUtf8(out, code);
                    break;
                }
                default:
                    return error(std::string("unknown escape \\") + e);
                }
                continue;
            }
            if (c < 0x80) {
                out += static_cast<char>(c);
                advance();
                continue;
            }
            const std::size_t n = utf8Length();
            if (n == 0) {
                return error("the text is not valid UTF-8");
            }
            out.append(m_text.substr(m_i, n));
            for (std::size_t k = 0; k < n; ++k) {
                advance();
            }
        }
    }

    Result<Value> number()
    {
        const std::size_t start = m_i;
        bool isInt = true;
        if (m_text[m_i] == '-') {
            advance();
        }
        auto digits = [&] {
            std::size_t n = 0;
            while (m_i < m_text.size() && m_text[m_i] >= '0' && m_text[m_i] <= '9') {
                advance();
                ++n;
            }
            return n;
        };
        if (m_i < m_text.size() && m_text[m_i] == '0') {
            advance();
        } else if (digits() == 0) {
            return error("a digit was expected");
        }
        if (m_i < m_text.size() && m_text[m_i] == '.') {
            isInt = false;
            advance();
            if (digits() == 0) {
                return error("a digit was expected after '.'");
            }
        }
        if (m_i < m_text.size() && (m_text[m_i] == 'e' || m_text[m_i] == 'E')) {
            isInt = false;
            advance();
            if (m_i < m_text.size() && (m_text[m_i] == '+' || m_text[m_i] == '-')) {
                advance();
            }
            if (digits() == 0) {
                return error("a digit was expected in the exponent");
            }
        }
        const std::string token(m_text.substr(start, m_i - start));
        if (isInt && token.size() <= 18) {
            return Value(static_cast<long long>(std::strtoll(token.c_str(), nullptr, 10)));
        }
        return Value(std::strtod(token.c_str(), nullptr));
    }

    std::string_view m_text;
    std::size_t m_maxDepth;
    std::size_t m_i = 0;
    int m_line = 1;
    std::size_t m_col = 1;
};

} // namespace

Result<Value> parse(std::string_view text, std::size_t maxDepth)
{
    return Parser(text, maxDepth).run();
}

Value optText(const std::optional<std::string>& s)
{
    return s ? Value(*s) : Value(nullptr);
}

Value optNumber(const std::optional<double>& v)
{
    return v ? Value(*v) : Value(nullptr);
}

Value optDate(const std::optional<Date>& d)
{
    return d ? Value(d->toIso()) : Value(nullptr);
}

} // namespace da06::json
