#pragma once
// What the front-desk commands (check, checks, case, pawn, welfare) share: reading their options
// with the first problem reported under the group's usage, reading an input file, the desk's
// local day, the unit that heads its documents, and writing a PDF or XLSX document.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "client/cli/Runner.h"
#include "client/presenters/DeskReceipts.h"
#include "reports/DeskDocuments.h"

namespace da06::cli {

bool isMonth(const std::string& s);

// The options of one desk command; the first problem found is reported with the group's usage.
class Options {
public:
    Options(Args& a, const char* usage) : m_a(a), m_usage(usage) {}

    std::optional<std::string> text(const std::string& name) { return m_a.option(name); }
    bool flag(const std::string& name) { return m_a.flag(name); }
    std::optional<Date> date(const std::string& name);
    std::optional<long long> integer(const std::string& name, long long min, long long max, const char* what);
    // An amount in đồng: digits, with '.', ',' or ' ' between the thousands allowed.
    std::optional<std::int64_t> amount(const std::string& name);
    std::optional<double> decimal(const std::string& name); // a percentage 0–100
    std::optional<std::string> period(const std::string& name);

    void problem(const std::string& p);
    void require(bool ok, const std::string& p);

    // The words left after the options (expected: exactly `words` of them). Returns the usage
    // error's exit code through rc when anything is wrong.
    bool done(std::size_t words, int& rc, std::ostream& err);

    // done(words), then the body with the session (the usage error, or the body's exit code).
    int run(std::size_t words, Context& c, const SessionBody& body);

private:
    Args& m_a;
    const char* m_usage;
    std::string m_problem;
};

// The file at path, or standard input for "-".
Result<std::string> readInput(const std::string& path);

// The local day (UTC+7) of the clock.
Date localToday(const Globals& g);

std::string upper(std::string s);

// "1 check", "2 checks"
std::string counted(std::size_t n, const std::string& noun);

std::string optText(const std::optional<std::string>& s);

Status writeDocument(const reports::Document& d, const std::string& path, bool xlsx, std::ostream& out, bool quiet);

// Writes the document to --pdf and --xlsx, whichever were given ("wrote PATH" unless quiet).
Status writeDocuments(const reports::Document& d, const std::optional<std::string>& pdf,
                      const std::optional<std::string>& xlsx, std::ostream& out, bool quiet);

// The name of a unit and the heading of the desk's documents.
struct ReceiptUnit {
    std::string code;
    std::string name;
    ui::DeskHeading heading;
};

ReceiptUnit receiptUnit(access::Session& s, const Globals& g, const std::string& code);

} // namespace da06::cli
