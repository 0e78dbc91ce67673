#include "client/cli/commands/DeskSupport.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iostream>
#include <iterator>

#include "client/cli/Commands.h"
#include "domain/work/UnitService.h"
#include "reports/PdfWriter.h"
#include "reports/XlsxWriter.h"

namespace da06::cli {

bool isMonth(const std::string& s)
{
    return s.size() == 7 && s[4] == '-' && Date::parseIso(s + "-01").has_value();
}

std::optional<Date> Options::date(const std::string& name)
{
    auto v = m_a.option(name);
    if (!v) {
        return std::nullopt;
    }
    auto d = parseDay(*v);
    if (!d) {
        problem(name + ": \"" + *v + "\" is not a date that exists (write YYYY-MM-DD or dd/mm/yyyy)");
    }
    return d;
}

std::optional<long long> Options::integer(const std::string& name, long long min, long long max, const char* what)
{
    auto v = m_a.option(name);
    if (!v) {
        return std::nullopt;
    }
    auto n = parseInteger(*v, min, max);
    if (!n) {
        problem(name + ": \"" + *v + "\" is not " + what);
    }
    return n;
}

std::optional<std::int64_t> Options::amount(const std::string& name)
{
    auto v = m_a.option(name);
    if (!v) {
        return std::nullopt;
    }
    std::string digits;
    for (char c : *v) {
        if (c != '.' && c != ',' && c != ' ' && c != '_') {
            digits += c;
        }
    }
    auto n = parseInteger(digits, 0, 1'000'000'000'000'000LL);
    if (!n) {
        problem(name + ": \"" + *v + "\" is not an amount in đồng (a whole number, e.g. 1500000 or 1.500.000)");
    }
    return n;
}

std::optional<double> Options::decimal(const std::string& name)
{
    auto v = m_a.option(name);
    if (!v) {
        return std::nullopt;
    }
    std::string t = *v;
    std::replace(t.begin(), t.end(), ',', '.');
    double d = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
    if (ec != std::errc() || p != t.data() + t.size() || d < 0 || d > 100) {
        problem(name + ": \"" + *v + "\" is not a percentage (e.g. 1.5)");
        return std::nullopt;
    }
    return d;
}

std::optional<std::string> Options::period(const std::string& name)
{
    auto v = m_a.option(name);
    if (v && !desk::isPeriod(*v)) {
        problem(name + ": \"" + *v + "\" is not a period (write YYYY-MM, YYYY-Qn or YYYY)");
    }
    return v;
}

void Options::problem(const std::string& p)
{
    if (m_problem.empty()) {
        m_problem = p;
    }
}

void Options::require(bool ok, const std::string& p)
{
    if (!ok) {
        problem(p);
    }
}

bool Options::done(std::size_t words, int& rc, std::ostream& err)
{
    if (auto p = m_a.leftoverProblem()) {
        problem(*p);
    }
    if (m_problem.empty() && m_a.rest().size() != words) {
        problem(m_a.rest().size() > words ? "unexpected \"" + m_a.rest()[words] + "\"" : "missing arguments");
    }
    if (m_problem.empty()) {
        return true;
    }
    rc = usageError(err, m_problem + "\n" + m_usage);
    return false;
}

int Options::run(std::size_t words, Context& c, const SessionBody& body)
{
    int rc = kExitOk;
    if (!done(words, rc, c.err)) {
        return rc;
    }
    return withSession(c, body);
}

Result<std::string> readInput(const std::string& path)
{
    if (path == "-") {
        std::string s((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
        return s;
    }
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return fail(ErrorCode::NotFound, "there is no file " + path);
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        return fail(ErrorCode::Io, "cannot read " + path);
    }
    std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    return s;
}

Date localToday(const Globals& g)
{
    return ui::localDayOf(g.clock->nowIso8601()).value_or(g.clock->today());
}

std::string upper(std::string s)
{
    for (char& c : s) {
        c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    return s;
}

std::string counted(std::size_t n, const std::string& noun)
{
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string optText(const std::optional<std::string>& s)
{
    return s ? *s : "—";
}

Status writeDocument(const reports::Document& d, const std::string& path, bool xlsx, std::ostream& out, bool quiet)
{
    DA06_CHECK(xlsx ? reports::writeXlsx(d, path) : reports::writePdf(d, path));
    if (!quiet) {
        out << "wrote " << path << "\n";
    }
    return {};
}

Status writeDocuments(const reports::Document& d, const std::optional<std::string>& pdf,
                      const std::optional<std::string>& xlsx, std::ostream& out, bool quiet)
{
    if (pdf) {
        DA06_CHECK(writeDocument(d, *pdf, false, out, quiet));
    }
    if (xlsx) {
        DA06_CHECK(writeDocument(d, *xlsx, true, out, quiet));
    }
    return {};
}

ReceiptUnit receiptUnit(access::Session& s, const Globals& g, const std::string& code)
{
    ReceiptUnit u;
    u.code = code;
    auto desk = ui::loadDeskUnit(s.store.db(), *g.clock, s.actor);
    if (desk) {
        u.heading = desk->heading;
        if (code.empty() || code == desk->code) {
            u.code = desk->code;
            u.name = desk->name;
        }
    }
    if (u.name.empty() && !u.code.empty()) {
        work::UnitService units(s.store.db(), *g.clock, s.actor);
        auto found = units.find(u.code);
        u.name = found ? found->name : u.code;
    }
    return u;
}

// The front desk's lines of `da06 --help`.
const char* const kDeskUsage = R"(
Front desk (identity checks with their purpose, notarial cases, pawnshop register, welfare):   [checker]
  check record --purpose MODEL (--from-json FILE|- | --manual --id N --name NAME [--dob DATE]
               [--sex male|female] --reason TEXT) --consent given|legal [--consent-note TEXT]
               [--receipt FILE.pdf] [--json]
                                   record a check (FILE: the output of `idcheck qr|chip --json`)
  check show REF [--json]   |   check receipt REF --pdf FILE
  checks list [--purpose M] [--search T] [--from D] [--to D] [--purged] [--json]
  checks stats --month YYYY-MM [--to-month YYYY-MM] [--unit CODE] [--json]       [any role]
  checks purge [--dry-run] [--json]  delete the details whose retention ended     [any role]
  checks retention [--set MODEL=DAYS]...                                  [admin to set]
  case open --number N --model 4|8 --kind KIND --title T
  case party CASE --role ROLE (--check REF | --name NAME)
  case verify CASE --party P --check REF   |   case exception CASE --party P --reason T
  case complete CASE   |   case cancel CASE --reason T
  case show CASE [--json]   |   case list [--search T] [--status S] [--json]
  case attach CASE FILE   |   case certify DOCUMENT [--pdf FILE]   |   case certificate CT-REF --pdf FILE
  pawn create --number N --check REF --item T --value V --loan L --interest P --start D --due D [--json]
  pawn close N --redeemed|--liquidated [--on D]
  pawn list [--from D] [--to D] [--search T] [--json]
  pawn register --from D --to D (--pdf FILE | --xlsx FILE) [--business NAME] [--address TEXT]
  welfare import FILE --name NAME --model 19|35   (19: loan applications, 35: payouts)
  welfare lists   |   welfare search TEXT [--period P]
  welfare match --check REF [--period P] [--json]
  welfare pay --beneficiary ID --check REF [--receipt FILE.pdf] [--json]
  welfare receipt PAYOUT-REF --pdf FILE
  welfare loan --beneficiary ID --check REF --amount A --purpose T --term MONTHS   |   welfare loans
  welfare payouts --period P [--json]   |   welfare reconcile --period P [--pdf FILE] [--xlsx FILE] [--json]
)";

} // namespace da06::cli
