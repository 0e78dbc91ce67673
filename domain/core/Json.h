#pragma once
// A small JSON value, parser and writer (standard library only, so the portable core and the
// sync protocol can use it). The parser records where each value starts, so that a semantic
// error in a file can name its line and column; syntax errors do the same.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "domain/core/Date.h"
#include "domain/core/Error.h"

namespace da06::json {

class Value;
using Array = std::vector<Value>;
using Object = std::vector<std::pair<std::string, Value>>; // keeps the file's key order

struct Position {
    int line = 0; // 1-based; 0 when built in code
    int column = 0;
};

class Value {
public:
    enum class Type { Null, Bool, Integer, Double, String, ArrayValue, ObjectValue };

    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : m_data(b) {}
    Value(int i) : m_data(static_cast<std::int64_t>(i)) {}
    Value(long i) : m_data(static_cast<std::int64_t>(i)) {}
    Value(long long i) : m_data(static_cast<std::int64_t>(i)) {}
    Value(double d) : m_data(d) {}
    Value(const char* s) : m_data(std::string(s)) {}
    Value(std::string s) : m_data(std::move(s)) {}
    Value(std::string_view s) : m_data(std::string(s)) {}
    Value(Array a) : m_data(std::make_shared<Array>(std::move(a))) {}
    Value(Object o) : m_data(std::make_shared<Object>(std::move(o))) {}

    Type type() const;
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isInteger() const { return type() == Type::Integer; }
    bool isNumber() const { return type() == Type::Integer || type() == Type::Double; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::ArrayValue; }
    bool isObject() const { return type() == Type::ObjectValue; }

    bool asBool() const { return std::get<bool>(m_data); }
    std::int64_t asInteger() const { return std::get<std::int64_t>(m_data); }
    double asDouble() const;
    const std::string& asString() const { return std::get<std::string>(m_data); }
    const Array& asArray() const { return *std::get<std::shared_ptr<Array>>(m_data); }
    Array& asArray() { return *std::get<std::shared_ptr<Array>>(m_data); }
    const Object& asObject() const { return *std::get<std::shared_ptr<Object>>(m_data); }
    Object& asObject() { return *std::get<std::shared_ptr<Object>>(m_data); }

    // Object access: nullptr when this is not an object or the key is absent.
    const Value* find(std::string_view key) const;
    // Object building: appends or replaces key.
    Value& set(std::string key, Value value);
    // Array building.
    Value& push(Value value);

    Position position() const { return m_pos; }
    void setPosition(Position p) { m_pos = p; }

    // Compact (indent < 0) or pretty (indent spaces) UTF-8 text; non-ASCII is written as is.
    std::string dump(int indent = -1) const;

    static const char* typeName(Type t);

private:
    void dumpTo(std::string& out, int indent, int depth) const;

    std::variant<std::monostate, bool, std::int64_t, double, std::string, std::shared_ptr<Array>,
                 std::shared_ptr<Object>>
        m_data;
    Position m_pos;
};

// Parses one JSON text (RFC 8259; UTF-8 checked). Errors name line:column.
Result<Value> parse(std::string_view text, std::size_t maxDepth = 64);

// "line 12, column 5" for messages.
std::string describe(Position p);

// Optional values for the JSON the program writes: the value, or null when absent (a date as
// "YYYY-MM-DD").
Value optText(const std::optional<std::string>& s);
Value optNumber(const std::optional<double>& v);
Value optDate(const std::optional<Date>& d);

} // namespace da06::json
