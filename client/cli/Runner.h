#pragma once
// The small runner every `da06` subcommand goes through: the first word chooses a subcommand from
// its group's table, the subcommand reads its options, then `withSession` unlocks the store, runs
// the service call and turns an error into the usual "da06: message" and exit code, so that a
// subcommand is a short function (parse → session → service → JSON or text).
#include <functional>
#include <ostream>
#include <span>
#include <string>

#include "client/cli/Common.h"
#include "domain/core/Json.h"

namespace da06::cli {

// What a subcommand is given: the globals, its remaining arguments and the two streams.
struct Context {
    const Globals& g;
    Args& a;
    std::ostream& out;
    std::ostream& err;
    bool json = false; // --json, when the group reads it before choosing the subcommand

    // Prints a JSON value as every command does (indented by two, then a newline).
    void print(const json::Value& v) const { out << v.dump(2) << "\n"; }
};

using Subcommand = int (*)(Context&);

struct SubcommandEntry {
    const char* name;
    Subcommand run;
};

// The body of a subcommand once the store is open: an exit code, or an error that is reported
// as "da06: <message>" with its exit code.
using SessionBody = std::function<Result<int>(access::Session&)>;

// Opens the session of the selected user (its error reported as today), then runs body.
int withSession(Context& c, const SessionBody& body);

// The subcommand named `word` in the table, or nullptr.
Subcommand findSubcommand(std::span<const SubcommandEntry> table, const std::string& word);

// Takes the first word of c.a and runs its subcommand. Without a word: usageError(usage); with an
// unknown word: usageError("unknown <group> command \"word\"\n" + usage).
int dispatch(Context& c, std::span<const SubcommandEntry> table, const std::string& group, const std::string& usage);

// A JSON array of conv(x) for every x of items.
template <class Items, class Conv> json::Value jsonArray(const Items& items, Conv conv)
{
    json::Value arr = json::Array{};
    for (const auto& x : items) {
        arr.push(conv(x));
    }
    return arr;
}

} // namespace da06::cli
