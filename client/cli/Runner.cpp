#include "client/cli/Runner.h"

namespace da06::cli {

int withSession(Context& c, const SessionBody& body)
{
    auto s = openSession(c.g);
    if (!s) {
        return report(c.err, s.error());
    }
    auto rc = body(*s);
    if (!rc) {
        return report(c.err, rc.error());
    }
    return *rc;
}

Subcommand findSubcommand(std::span<const SubcommandEntry> table, const std::string& word)
{
    for (const auto& e : table) {
        if (word == e.name) {
            return e.run;
        }
    }
    return nullptr;
}

int dispatch(Context& c, std::span<const SubcommandEntry> table, const std::string& group, const std::string& usage)
{
    auto word = c.a.next();
    if (!word) {
        return usageError(c.err, usage);
    }
    if (auto run = findSubcommand(table, *word)) {
        return run(c);
    }
    return usageError(c.err, "unknown " + group + " command \"" + *word + "\"\n" + usage);
}

} // namespace da06::cli
