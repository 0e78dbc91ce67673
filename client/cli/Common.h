#pragma once
// What every `da06` command shares: argument handling, exit codes, error reporting, opening a
// session (store + the user acting).
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "client/cli/Cli.h"
#include "domain/access/Accounts.h"
#include "domain/core/Clock.h"
#include "domain/core/Error.h"

namespace da06::cli {

struct Globals {
    std::filesystem::path store;  // --store, DA06_STORE, or the default
    std::string user;             // --user or DA06_USER; empty: the first key slot
    const Clock* clock = nullptr; // the system clock (DA06_FAKE_TODAY=YYYY-MM-DD fixes it, for tests)
};

class Args {
public:
    explicit Args(std::vector<std::string> a) : m_args(std::move(a)) {}

    bool flag(const std::string& name);
    // --name VALUE or --name=VALUE. A trailing --name without value is remembered: missingValue().
    std::optional<std::string> option(const std::string& name);
    // Every occurrence of a repeatable option.
    std::vector<std::string> options(const std::string& name);
    // Removes and returns the first remaining word, if any.
    std::optional<std::string> next();
    std::vector<std::string>& rest() { return m_args; }
    const std::string& missingValue() const { return m_missingValue; }
    // After all flags and options were taken: a usage problem, if any (a leftover "--x", a
    // missing value), else nullopt.
    std::optional<std::string> leftoverProblem() const;

private:
    std::vector<std::string> m_args;
    std::string m_missingValue;
};

int exitCodeFor(const Error& e);
// Prints "da06: <message>" and returns the exit code of the error.
int report(std::ostream& err, const Error& e);
int usageError(std::ostream& err, const std::string& what);

// Unlocks the store as the selected user (passphrase from DA06_PASSPHRASE or the terminal).
Result<access::Session> openSession(const Globals& g);

// The unit named by --unit, else the desk's own unit (Usage error when the desk has none).
Result<std::string> unitOrDesk(access::Session& s, const Globals& g, const std::optional<std::string>& unit);

// s padded with spaces to width code points, so that Vietnamese text lines up in columns.
std::string padded(std::string s, std::size_t width);

// YYYY-MM-DD or dd/mm/yyyy; a date that does not exist is refused.
std::optional<Date> parseDay(const std::string& s);

// Parses a whole number; nullopt unless the text is exactly a number within [min, max].
std::optional<long long> parseInteger(const std::string& s, long long min, long long max);

} // namespace da06::cli
