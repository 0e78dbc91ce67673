// da06 check|checks|case|pawn|welfare: the front desk (issue 8). Identity checks recorded with their
// purpose and consent, notarial cases, the pawnshop register and welfare payouts. Personal data is
// printed only on standard output, to the checker who asked for it (the domain refuses every other
// role); errors name references, never personal data.
#include <algorithm>
#include <charconv>
#include <fstream>
#include <iostream>
#include <iterator>

#include "presenters/DeskReceipts.h"
#include "PdfWriter.h"
#include "XlsxWriter.h"
#include "cli/Commands.h"
#include "desk/CheckService.h"
#include "desk/NotaryService.h"
#include "desk/PawnService.h"
#include "desk/WelfareService.h"
#include "work/UnitService.h"

namespace da06::cli {

namespace {

const char* const kCheckUsage =
    "usage: da06 check record --purpose MODEL (--from-json FILE|- | --manual --id N --name NAME [--dob DATE]\n"
    "                         [--sex male|female] --reason TEXT) --consent given|legal [--consent-note TEXT]\n"
    "                         [--receipt FILE.pdf] [--json]\n"
    "       da06 check show REF [--json]\n"
    "       da06 check receipt REF --pdf FILE";

const char* const kChecksUsage =
    "usage: da06 checks list [--purpose MODEL] [--search TEXT] [--from DATE] [--to DATE] [--purged] [--limit N] [--json]\n"
    "       da06 checks stats --month YYYY-MM [--to-month YYYY-MM] [--unit CODE] [--json]\n"
    "       da06 checks purge [--dry-run] [--json]\n"
    "       da06 checks retention [--set MODEL=DAYS]... [--json]     (MODEL \"other\": every other purpose)";

const char* const kCaseUsage =
    "usage: da06 case open --number N --model 4|8 --kind KIND --title T [--json]\n"
    "       da06 case party CASE --role ROLE (--check REF | --name NAME)\n"
    "       da06 case verify CASE --party PARTY --check REF\n"
    "       da06 case exception CASE --party PARTY --reason TEXT\n"
    "       da06 case complete CASE\n"
    "       da06 case cancel CASE --reason TEXT\n"
    "       da06 case show CASE [--json]\n"
    "       da06 case list [--search TEXT] [--status open|completed|cancelled] [--json]\n"
    "       da06 case attach CASE FILE [--json]\n"
    "       da06 case certify DOCUMENT [--pdf FILE] [--json]\n"
    "       da06 case certificate CT-REF --pdf FILE\n"
    "  KIND: contract, transaction, copy_certification, signature_certification, translation_certification,\n"
    "  will, other. ROLE: requester, party_a, party_b, signer, witness, interpreter, representative, other.";

const char* const kPawnUsage =
    "usage: da06 pawn create --number N --check REF --item TEXT --value DONG --loan DONG --interest PERCENT\n"
    "                        --start DATE --due DATE [--json]\n"
    "       da06 pawn close N --redeemed|--liquidated [--on DATE] [--json]\n"
    "       da06 pawn list [--from DATE] [--to DATE] [--search TEXT] [--json]\n"
    "       da06 pawn register --from DATE --to DATE (--pdf FILE | --xlsx FILE) [--business NAME] [--address TEXT]";

const char* const kWelfareUsage =
    "usage: da06 welfare import FILE --name NAME --model 19|35 [--json]\n"
    "       da06 welfare lists [--json]\n"
    "       da06 welfare search TEXT [--period P] [--json]\n"
    "       da06 welfare match --check REF [--period P] [--json]\n"
    "       da06 welfare pay --beneficiary ID --check REF [--receipt FILE.pdf] [--json]\n"
    "       da06 welfare receipt PAYOUT-REF --pdf FILE\n"
    "       da06 welfare loan --beneficiary ID --check REF --amount DONG --purpose TEXT --term MONTHS [--json]\n"
    "       da06 welfare loans [--search TEXT] [--json]\n"
    "       da06 welfare payouts --period P [--search TEXT] [--json]\n"
    "       da06 welfare reconcile --period P [--pdf FILE] [--xlsx FILE] [--json]\n"
    "  P: YYYY-MM, YYYY-Qn or YYYY. Model 19 lists take loan applications, model 35 lists payouts.";

// ---- Arguments -------------------------------------------------------------------------------------

// YYYY-MM-DD or dd/mm/yyyy; a date that does not exist is refused.
std::optional<Date> parseDay(const std::string& s)
{
    if (auto d = Date::parseIso(s)) {
        return d;
    }
    if (s.size() == 10 && s[2] == '/' && s[5] == '/') {
        return Date::parseIso(s.substr(6, 4) + "-" + s.substr(3, 2) + "-" + s.substr(0, 2));
    }
    return std::nullopt;
}

bool isMonth(const std::string& s)
{
    return s.size() == 7 && s[4] == '-' && Date::parseIso(s + "-01").has_value();
}

// The problems found while reading the options of one command; the first one is reported.
class Options {
public:
    Options(Args& a, const char* usage) : m_a(a), m_usage(usage) {}

    std::optional<std::string> text(const std::string& name) { return m_a.option(name); }
    bool flag(const std::string& name) { return m_a.flag(name); }

    std::optional<Date> date(const std::string& name)
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

    std::optional<long long> integer(const std::string& name, long long min, long long max, const char* what)
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

    // An amount in đồng: digits, with '.', ',' or ' ' between the thousands allowed.
    std::optional<std::int64_t> amount(const std::string& name)
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

    std::optional<double> decimal(const std::string& name)
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

    std::optional<std::string> period(const std::string& name)
    {
        auto v = m_a.option(name);
        if (v && !desk::isPeriod(*v)) {
            problem(name + ": \"" + *v + "\" is not a period (write YYYY-MM, YYYY-Qn or YYYY)");
        }
        return v;
    }

    void problem(const std::string& p)
    {
        if (m_problem.empty()) {
            m_problem = p;
        }
    }
    void require(bool ok, const std::string& p)
    {
        if (!ok) {
            problem(p);
        }
    }

    // The words left after the options (expected: exactly `words` of them). Returns the usage
    // error's exit code through rc when anything is wrong.
    bool done(std::size_t words, int& rc, std::ostream& err)
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

private:
    Args& m_a;
    const char* m_usage;
    std::string m_problem;
};

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

// The local day (UTC+7) of the clock.
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

// "1 check", "2 checks"
std::string counted(std::size_t n, const std::string& noun)
{
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string optText(const std::optional<std::string>& s)
{
    return s ? *s : "—";
}

json::Value optJson(const std::optional<std::string>& s)
{
    return s ? json::Value(*s) : json::Value(nullptr);
}

json::Value optDate(const std::optional<Date>& d)
{
    return d ? json::Value(d->toIso()) : json::Value(nullptr);
}

json::Value stringArray(const std::vector<std::string>& v)
{
    json::Value arr = json::Array{};
    for (const auto& s : v) {
        arr.push(s);
    }
    return arr;
}

Status writeDocument(const reports::Document& d, const std::string& path, bool xlsx, std::ostream& out, bool quiet)
{
    DA06_CHECK(xlsx ? reports::writeXlsx(d, path) : reports::writePdf(d, path));
    if (!quiet) {
        out << "wrote " << path << "\n";
    }
    return {};
}

// The name of a unit and the heading of the desk's documents.
struct ReceiptUnit {
    std::string code;
    std::string name;
    ui::DeskHeading heading;
};

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

// ---- Checks ----------------------------------------------------------------------------------------

json::Value identityToJson(const desk::CheckedIdentity& id)
{
    json::Value o;
    o.set("id_number", id.idNumber);
    o.set("old_id_number", id.oldIdNumber);
    o.set("full_name", id.fullName);
    o.set("date_of_birth", optDate(id.dateOfBirth));
    o.set("sex", id.sex);
    o.set("address", id.address);
    o.set("issue_date", optDate(id.issueDate));
    o.set("expiry_date", optDate(id.expiryDate));
    o.set("expired", id.expired ? json::Value(*id.expired) : json::Value(nullptr));
    return o;
}

json::Value checkToJson(const desk::CheckRecord& r)
{
    json::Value o;
    o.set("uid", r.uid);
    o.set("reference", r.reference);
    o.set("unit", r.unitCode);
    o.set("model", r.model);
    o.set("method", desk::methodName(r.method));
    o.set("outcome", desk::outcomeName(r.outcome));
    o.set("passing", r.passing());
    o.set("manual_reason", r.manualReason);
    o.set("operator", r.operatorName);
    o.set("checked_at", r.checkedAt);
    o.set("consent", desk::consentName(r.consent));
    o.set("consent_note", r.consentNote);
    json::Value ver = json::Array{};
    for (const auto& v : r.verifications) {
        json::Value x;
        x.set("name", v.name);
        x.set("result", v.result);
        x.set("detail", v.detail);
        ver.push(std::move(x));
    }
    o.set("verifications", ver);
    o.set("finding_codes", stringArray(r.findingCodes));
    if (r.attachedKind) {
        json::Value at;
        at.set("kind", *r.attachedKind);
        at.set("uid", optJson(r.attachedUid));
        o.set("attached", at);
    } else {
        o.set("attached", nullptr);
    }
    o.set("purge_after", r.purgeAfter.toIso());
    o.set("purged_at", optJson(r.purgedAt));
    o.set("identity", r.identity ? identityToJson(*r.identity) : json::Value(nullptr));
    json::Value findings = json::Array{};
    for (const auto& f : r.findings) {
        json::Value x;
        x.set("code", f.code);
        x.set("severity", f.severity);
        x.set("message", f.message);
        findings.push(std::move(x));
    }
    o.set("findings", findings);
    return o;
}

// What the outcome means for the desk, in one line.
std::string outcomeSentence(const desk::CheckRecord& r)
{
    switch (r.outcome) {
    case desk::CheckOutcome::Valid: return "VALID — every check passed";
    case desk::CheckOutcome::Warning: return "VALID WITH WARNINGS — read the findings below";
    case desk::CheckOutcome::Unverified:
        return r.method == desk::CheckMethod::Chip
            ? "UNVERIFIED — the chip was read but not verified (no trust anchor on this desk)"
            : "UNVERIFIED — typed by hand, nothing could be verified";
    case desk::CheckOutcome::Invalid: return "INVALID — do not rely on this identity";
    }
    return "";
}

void printCheck(std::ostream& out, const desk::CheckRecord& r, const std::string& modelTitle)
{
    out << "Check " << r.reference << " (" << r.uid << ")\n";
    out << "Result: " << outcomeSentence(r) << (r.passing() ? "" : " [not usable for a case, contract or payout]") << "\n";
    out << "Purpose: " << ui::purposeLabel(r.model, modelTitle) << "\n";
    out << "Method: " << desk::methodName(r.method) << " (" << ui::checkMethodLabel(r.method) << ")"
        << (r.manualReason.empty() ? "" : ", reason: " + r.manualReason) << "\n";
    for (const auto& v : r.verifications) {
        out << "  " << padded(v.name, 24) << " " << v.result << (v.detail.empty() ? "" : " (" + v.detail + ")") << "\n";
    }
    out << "Checked by " << r.operatorName << " at " << ui::localTimeText(r.checkedAt) << " (unit " << r.unitCode << ")\n";
    out << "Legal ground: " << ui::consentLabel(r.consent) << (r.consentNote.empty() ? "" : " — " + r.consentNote) << "\n";
    if (r.attachedKind) {
        out << "Attached to: " << *r.attachedKind << " " << optText(r.attachedUid) << "\n";
    }
    if (r.identity) {
        const auto& id = *r.identity;
        out << "Name: " << id.fullName << "\n";
        out << "ID number: " << id.idNumber << (id.oldIdNumber.empty() ? "" : " (old " + id.oldIdNumber + ")") << "\n";
        if (id.dateOfBirth) {
            out << "Date of birth: " << id.dateOfBirth->toVietnamese() << "\n";
        }
        if (!id.sex.empty()) {
            out << "Sex: " << id.sex << "\n";
        }
        if (!id.address.empty()) {
            out << "Address: " << id.address << "\n";
        }
        if (id.expiryDate) {
            out << "Card valid until: " << id.expiryDate->toVietnamese() << (id.expired.value_or(false) ? " (EXPIRED)" : "") << "\n";
        }
        for (const auto& f : r.findings) {
            out << "  " << (f.severity == "error" ? "✗ " : "! ") << f.code << (f.message.empty() ? "" : ": " + f.message) << "\n";
        }
        out << "Personal details kept until " << r.purgeAfter.toVietnamese() << ", then deleted.\n";
    } else {
        for (const auto& c : r.findingCodes) {
            out << "  finding " << c << "\n";
        }
        out << "Personal details deleted" << (r.purgedAt ? " on " + r.purgedAt->substr(0, 10) : std::string())
            << " (retention ended): no name or number is kept.\n";
    }
}

Status writeCheckReceipt(access::Session& s, const Globals& g, const desk::CheckRecord& r, const std::string& path)
{
    const auto unit = receiptUnit(s, g, r.unitCode);
    const auto receipt = ui::checkReceipt(r, unit.name, ui::modelTitleOf(s.store.db(), *g.clock, r.model), localToday(g),
                                          unit.heading);
    return reports::writePdf(reports::receiptDocument(receipt), path);
}

std::optional<desk::Consent> consentArg(const std::string& s)
{
    if (s == "given") {
        return desk::Consent::Given;
    }
    if (s == "legal" || s == "legal_obligation" || s == "law") {
        return desk::Consent::LegalObligation;
    }
    return std::nullopt;
}

int checkRecord(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    Options o(a, kCheckUsage);
    const bool json = o.flag("--json");
    const bool manual = o.flag("--manual");
    auto purpose = o.integer("--purpose", 1, 1000, "a model number");
    auto fromJson = o.text("--from-json");
    auto id = o.text("--id");
    auto name = o.text("--name");
    auto dob = o.date("--dob");
    auto sex = o.text("--sex");
    auto address = o.text("--address");
    auto reason = o.text("--reason");
    auto consentText = o.text("--consent");
    auto consentNote = o.text("--consent-note");
    auto receipt = o.text("--receipt");
    o.require(purpose.has_value(), "--purpose MODEL is required (the model the check serves: 4, 8, 15, 19, 35, …)");
    o.require(fromJson.has_value() != manual, "give either --from-json FILE or --manual");
    std::optional<desk::Consent> consent;
    if (!consentText) {
        o.problem("--consent given|legal is required (Decree 13/2023: the citizen's consent, or an obligation set by law)");
    } else if (!(consent = consentArg(*consentText))) {
        o.problem("--consent: \"" + *consentText + "\" is neither given nor legal");
    }
    if (manual) {
        o.require(id.has_value() && name.has_value(), "a manual entry needs --id NUMBER and --name NAME");
        o.require(reason.has_value() && !reason->empty(),
                  "a manual entry needs --reason TEXT (why the card could not be read: no card, damaged chip, …)");
        if (sex && *sex != "male" && *sex != "female") {
            o.problem("--sex: \"" + *sex + "\" is neither male nor female");
        }
    } else {
        o.require(!id && !name && !dob && !sex && !address && !reason,
                  "--id, --name, --dob, --sex, --address and --reason belong to --manual");
    }
    int rc = kExitOk;
    if (!o.done(0, rc, err)) {
        return rc;
    }
    const Date today = g.clock->today();
    desk::CheckInput input;
    if (fromJson) {
        auto text = readInput(*fromJson);
        if (!text) {
            return report(err, text.error());
        }
        auto parsed = desk::checkFromJsonText(*text, today);
        if (!parsed) {
            return report(err, parsed.error());
        }
        input = std::move(*parsed);
    } else {
        desk::CheckedIdentity identity;
        identity.idNumber = *id;
        identity.fullName = *name;
        identity.dateOfBirth = dob;
        identity.sex = sex.value_or("");
        identity.address = address.value_or("");
        input = desk::manualCheck(std::move(identity), *reason, today);
    }
    input.model = static_cast<int>(*purpose);
    input.consent = consent;
    input.consentNote = consentNote.value_or("");

    auto s = openSession(g);
    if (!s) {
        return report(err, s.error());
    }
    desk::CheckService checks(s->store.db(), *g.clock, s->actor);
    auto r = checks.record(input);
    if (!r) {
        return report(err, r.error());
    }
    if (receipt) {
        if (auto w = writeCheckReceipt(*s, g, *r, *receipt); !w) {
            err << "da06: the check " << r->reference << " was recorded, but its receipt could not be written: "
                << w.error().message << "\n";
            return exitCodeFor(w.error());
        }
    }
    if (json) {
        out << checkToJson(*r).dump(2) << "\n";
        return kExitOk;
    }
    out << "Recorded check " << r->reference << " for model " << r->model << " (" << desk::methodName(r->method) << ").\n";
    out << "Result: " << outcomeSentence(*r) << "\n";
    if (!r->passing()) {
        out << "This check does not pass: it is kept in the records, but a case, contract or payout will refuse it.\n";
    }
    for (const auto& f : r->findings) {
        out << "  " << (f.severity == "error" ? "✗ " : "! ") << f.code << (f.message.empty() ? "" : ": " + f.message) << "\n";
    }
    if (receipt) {
        out << "Receipt: " << *receipt << "\n";
    }
    return kExitOk;
}

int cmdCheckImpl(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto& rest = a.rest();
    if (rest.empty()) {
        return usageError(err, kCheckUsage);
    }
    const std::string sub = rest.front();
    rest.erase(rest.begin());
    if (sub == "record") {
        return checkRecord(g, a, out, err);
    }
    if (sub == "show" || sub == "receipt") {
        Options o(a, kCheckUsage);
        const bool json = o.flag("--json");
        auto pdf = o.text("--pdf");
        if (sub == "receipt") {
            o.require(pdf.has_value(), "check receipt needs --pdf FILE");
        }
        int rc = kExitOk;
        if (!o.done(1, rc, err)) {
            return rc;
        }
        auto s = openSession(g);
        if (!s) {
            return report(err, s.error());
        }
        desk::CheckService checks(s->store.db(), *g.clock, s->actor);
        auto r = checks.get(rest.front());
        if (!r) {
            return report(err, r.error());
        }
        if (sub == "receipt") {
            if (auto w = writeCheckReceipt(*s, g, *r, *pdf); !w) {
                return report(err, w.error());
            }
            out << "wrote " << *pdf << " (receipt of " << r->reference << ")\n";
            return kExitOk;
        }
        if (json) {
            out << checkToJson(*r).dump(2) << "\n";
        } else {
            printCheck(out, *r, ui::modelTitleOf(s->store.db(), *g.clock, r->model));
        }
        return kExitOk;
    }
    return usageError(err, "unknown check command \"" + sub + "\"\n" + kCheckUsage);
}

// "4=1825" or "other=90".
bool parseRetention(const std::string& s, int& model, int& days)
{
    const auto eq = s.find('=');
    if (eq == std::string::npos) {
        return false;
    }
    const std::string m = s.substr(0, eq);
    auto d = parseInteger(s.substr(eq + 1), 1, 36500);
    if (!d) {
        return false;
    }
    days = static_cast<int>(*d);
    if (m == "other" || m == "0") {
        model = 0;
        return true;
    }
    auto n = parseInteger(m, 1, 1000);
    if (!n) {
        return false;
    }
    model = static_cast<int>(*n);
    return true;
}

int cmdChecksImpl(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto& rest = a.rest();
    if (rest.empty()) {
        return usageError(err, kChecksUsage);
    }
    const std::string sub = rest.front();
    rest.erase(rest.begin());
    Options o(a, kChecksUsage);
    const bool json = o.flag("--json");
    int rc = kExitOk;

    if (sub == "list") {
        desk::CheckQuery q;
        if (auto m = o.integer("--purpose", 1, 1000, "a model number")) {
            q.model = static_cast<int>(*m);
        }
        q.text = o.text("--search").value_or("");
        q.from = o.date("--from");
        q.to = o.date("--to");
        q.includePurged = o.flag("--purged");
        if (auto l = o.integer("--limit", 1, 100000, "a number from 1 to 100000")) {
            q.limit = static_cast<int>(*l);
        }
        if (!o.done(0, rc, err)) {
            return rc;
        }
        auto s = openSession(g);
        if (!s) {
            return report(err, s.error());
        }
        desk::CheckService checks(s->store.db(), *g.clock, s->actor);
        auto list = checks.list(q);
        if (!list) {
            return report(err, list.error());
        }
        if (json) {
            json::Value arr = json::Array{};
            for (const auto& r : *list) {
                arr.push(checkToJson(r));
            }
            out << arr.dump(2) << "\n";
            return kExitOk;
        }
        for (const auto& r : *list) {
            out << padded(r.reference, 19) << " " << padded(ui::localTimeText(r.checkedAt), 22) << " M"
                << padded(std::to_string(r.model), 3) << " " << padded(desk::methodName(r.method), 7) << " "
                << padded(desk::outcomeName(r.outcome), 11) << " "
                << (r.identity ? padded(r.identity->fullName, 28) + " " + reports::maskIdNumber(r.identity->idNumber)
                               : std::string("(details deleted)"))
                << (r.attachedKind ? "  → " + *r.attachedKind : "") << "\n";
        }
        out << counted(list->size(), "check") << "\n";
        return kExitOk;
    }

    if (sub == "stats") {
        auto month = o.text("--month");
        auto toMonth = o.text("--to-month");
        auto unit = o.text("--unit");
        o.require(month.has_value(), "checks stats needs --month YYYY-MM");
        for (const auto& m : {month, toMonth}) {
            if (m && !isMonth(*m)) {
                o.problem("\"" + *m + "\" is not a month: write YYYY-MM");
            }
        }
        if (!o.done(0, rc, err)) {
            return rc;
        }
        const std::string to = toMonth.value_or(*month);
        if (to < *month) {
            return usageError(err, "--to-month comes before --month");
        }
        auto s = openSession(g);
        if (!s) {
            return report(err, s.error());
        }
        desk::CheckService checks(s->store.db(), *g.clock, s->actor);
        auto stats = checks.stats(*month, to, unit.value_or(""));
        if (!stats) {
            return report(err, stats.error());
        }
        std::int64_t total = 0;
        for (const auto& x : *stats) {
            total += x.count;
        }
        if (json) {
            json::Value o2;
            o2.set("from_month", *month);
            o2.set("to_month", to);
            o2.set("unit", unit ? json::Value(*unit) : json::Value(nullptr));
            o2.set("total", static_cast<long long>(total));
            json::Value arr = json::Array{};
            for (const auto& x : *stats) {
                json::Value r;
                r.set("unit", x.unitCode);
                r.set("month", x.month);
                r.set("model", x.model);
                r.set("method", x.method);
                r.set("outcome", x.outcome);
                r.set("count", static_cast<long long>(x.count));
                arr.push(std::move(r));
            }
            o2.set("rows", arr);
            out << o2.dump(2) << "\n";
            return kExitOk;
        }
        out << "Identity checks " << *month << (to != *month ? " to " + to : "") << (unit ? " at " + *unit : "") << ": "
            << total << "\n";
        for (const auto& x : *stats) {
            out << "  " << padded(x.unitCode, 24) << " " << x.month << "  M" << padded(std::to_string(x.model), 3) << " "
                << padded(x.method, 7) << " " << padded(x.outcome, 11) << " " << x.count << "\n";
        }
        return kExitOk;
    }

    if (sub == "purge") {
        const bool dryRun = o.flag("--dry-run");
        if (!o.done(0, rc, err)) {
            return rc;
        }
        auto s = openSession(g);
        if (!s) {
            return report(err, s.error());
        }
        desk::CheckService checks(s->store.db(), *g.clock, s->actor);
        auto p = checks.purge(dryRun);
        if (!p) {
            return report(err, p.error());
        }
        if (json) {
            json::Value r;
            r.set("as_of", p->asOf.toIso());
            r.set("dry_run", p->dryRun);
            r.set("checks", p->checks);
            r.set("parties", p->parties);
            json::Value by = json::Object{};
            for (const auto& [m, n] : p->byModel) {
                by.set(std::to_string(m), n);
            }
            r.set("by_model", by);
            out << r.dump(2) << "\n";
            return kExitOk;
        }
        out << (dryRun ? "Would delete" : "Deleted") << " the personal details of " << p->checks << " checks ("
            << p->parties << " notarial party names) whose retention ended by " << p->asOf.toVietnamese()
            << "; the counts stay.\n";
        for (const auto& [m, n] : p->byModel) {
            out << "  M" << padded(std::to_string(m), 3) << " " << n << "\n";
        }
        return kExitOk;
    }

    if (sub == "retention") {
        std::vector<std::pair<int, int>> changes;
        for (const auto& setting : a.options("--set")) {
            int model = 0;
            int days = 0;
            if (!parseRetention(setting, model, days)) {
                o.problem("--set: \"" + setting + "\" is not MODEL=DAYS (days 1–36500; MODEL \"other\" for every other purpose)");
            }
            changes.emplace_back(model, days);
        }
        if (!o.done(0, rc, err)) {
            return rc;
        }
        auto s = openSession(g);
        if (!s) {
            return report(err, s.error());
        }
        for (const auto& [model, days] : changes) {
            if (auto st = desk::setRetention(s->store.db(), *g.clock, s->actor, model, days); !st) {
                return report(err, st.error());
            }
        }
        auto policy = desk::readRetention(s->store.db());
        if (!policy) {
            return report(err, policy.error());
        }
        if (json) {
            json::Value r;
            json::Value days = json::Object{};
            for (int m : desk::checkPurposes()) {
                days.set(std::to_string(m), policy->daysFor(m));
            }
            r.set("days", days);
            r.set("other_days", policy->otherDays);
            out << r.dump(2) << "\n";
            return kExitOk;
        }
        out << "Retention of check details (days after the check):\n";
        for (int m : desk::checkPurposes()) {
            out << "  M" << padded(std::to_string(m), 3) << " " << policy->daysFor(m) << "\n";
        }
        out << "  other " << policy->otherDays << "\n";
        return kExitOk;
    }
    return usageError(err, "unknown checks command \"" + sub + "\"\n" + kChecksUsage);
}

// ---- Notarial cases ---------------------------------------------------------------------------------

json::Value caseToJson(const desk::NotarialCase& c)
{
    json::Value o;
    o.set("uid", c.uid);
    o.set("number", c.number);
    o.set("model", c.model);
    o.set("act_kind", c.actKind);
    o.set("title", c.title);
    o.set("status", desk::caseStatusName(c.status));
    o.set("opened_by", c.openedBy);
    o.set("opened_at", c.openedAt);
    o.set("closed_by", optJson(c.closedBy));
    o.set("closed_at", optJson(c.closedAt));
    json::Value parties = json::Array{};
    for (const auto& p : c.parties) {
        json::Value x;
        x.set("uid", p.uid);
        x.set("role", p.role);
        x.set("name", optJson(p.name));
        x.set("check_uid", optJson(p.checkUid));
        x.set("check_reference", optJson(p.checkReference));
        x.set("check_outcome", p.checkOutcome ? json::Value(desk::outcomeName(*p.checkOutcome)) : json::Value(nullptr));
        x.set("check_method", p.checkMethod ? json::Value(desk::methodName(*p.checkMethod)) : json::Value(nullptr));
        x.set("passing", p.passing);
        x.set("exception", optJson(p.exception));
        parties.push(std::move(x));
    }
    o.set("parties", parties);
    json::Value docs = json::Array{};
    for (const auto& d : c.documents) {
        json::Value x;
        x.set("uid", d.uid);
        x.set("file_name", d.fileName);
        x.set("media_type", d.mediaType);
        x.set("size", static_cast<long long>(d.size));
        x.set("sha256", d.sha256);
        x.set("added_at", d.addedAt);
        x.set("certification", optJson(d.certification));
        x.set("certified_by", optJson(d.certifiedBy));
        x.set("certified_at", optJson(d.certifiedAt));
        docs.push(std::move(x));
    }
    o.set("documents", docs);
    o.set("blocking_parties", stringArray(c.blockingParties()));
    return o;
}

json::Value certificationToJson(const desk::Certification& c)
{
    json::Value o;
    o.set("reference", c.reference);
    o.set("case_number", c.caseNumber);
    o.set("file_name", c.fileName);
    o.set("sha256", c.sha256);
    o.set("size", static_cast<long long>(c.size));
    o.set("certified_by", c.certifiedBy);
    o.set("certified_at", c.certifiedAt);
    o.set("qr_payload", c.qrPayload());
    return o;
}

void printCase(std::ostream& out, const desk::NotarialCase& c)
{
    out << "Case " << c.number << " (" << c.uid << ") — model " << c.model << ", " << desk::actKindLabel(c.actKind) << "\n";
    out << c.title << "\n";
    out << "Status: " << desk::caseStatusName(c.status) << "; opened by " << c.openedBy << " at "
        << ui::localTimeText(c.openedAt);
    if (c.closedAt) {
        out << "; closed by " << optText(c.closedBy) << " at " << ui::localTimeText(*c.closedAt);
    }
    out << "\n";
    out << "Parties (" << c.parties.size() << "):\n";
    for (const auto& p : c.parties) {
        std::string state;
        if (p.passing) {
            state = "verified by " + optText(p.checkReference) + " (" +
                (p.checkOutcome ? desk::outcomeName(*p.checkOutcome) : "") + ")";
        } else if (p.exception) {
            state = "EXCEPTION: " + *p.exception;
        } else if (p.checkReference) {
            state = "check " + *p.checkReference + " DOES NOT PASS (" +
                (p.checkOutcome ? desk::outcomeName(*p.checkOutcome) : "") + ")";
        } else {
            state = "NOT VERIFIED";
        }
        out << "  " << p.uid << "  " << padded(desk::partyRoleLabel(p.role), 18) << " "
            << padded(p.name ? *p.name : "(details deleted)", 28) << " " << state << "\n";
    }
    if (!c.documents.empty()) {
        out << "Documents (" << c.documents.size() << "):\n";
        for (const auto& d : c.documents) {
            out << "  " << d.uid << "  " << d.fileName << " (" << d.size << " bytes) sha256 " << d.sha256
                << (d.certification ? "  certified " + *d.certification : "") << "\n";
        }
    }
    const auto blocking = c.blockingParties();
    if (c.status == desk::CaseStatus::Open) {
        if (c.parties.empty()) {
            out << "Cannot be completed yet: the case has no party.\n";
        } else if (!blocking.empty()) {
            out << "Cannot be completed yet: " << blocking.size()
                << " part" << (blocking.size() == 1 ? "y lacks" : "ies lack") << " a passing check or an exception.\n";
        } else {
            out << "Ready to complete.\n";
        }
    }
}

std::string mediaTypeOf(const std::filesystem::path& p)
{
    std::string ext = p.extension().string();
    for (char& c : ext) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    if (ext == ".pdf") {
        return "application/pdf";
    }
    if (ext == ".jpg" || ext == ".jpeg") {
        return "image/jpeg";
    }
    if (ext == ".png") {
        return "image/png";
    }
    if (ext == ".tif" || ext == ".tiff") {
        return "image/tiff";
    }
    if (ext == ".docx") {
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    }
    return "application/octet-stream";
}

Status writeCertificate(access::Session& s, const Globals& g, const desk::Certification& c, const std::string& path)
{
    const auto unit = receiptUnit(s, g, "");
    return reports::writePdf(reports::receiptDocument(ui::certificationReceipt(c, unit.name, localToday(g), unit.heading)),
                             path);
}

std::optional<desk::CaseStatus> caseStatusArg(const std::string& s)
{
    for (auto st : {desk::CaseStatus::Open, desk::CaseStatus::Completed, desk::CaseStatus::Cancelled}) {
        if (s == desk::caseStatusName(st)) {
            return st;
        }
    }
    return std::nullopt;
}

int cmdCaseImpl(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto& rest = a.rest();
    if (rest.empty()) {
        return usageError(err, kCaseUsage);
    }
    const std::string sub = rest.front();
    rest.erase(rest.begin());
    Options o(a, kCaseUsage);
    const bool json = o.flag("--json");
    int rc = kExitOk;

    // Every case command reads its options first, then opens the store.
    desk::NewCase nc;
    std::optional<std::string> role, check, name, party, reason, pdf;
    std::optional<desk::CaseStatus> status;
    std::string search;
    std::size_t words = 1;
    if (sub == "open") {
        auto number = o.text("--number");
        auto model = o.integer("--model", 1, 1000, "a model number");
        auto kind = o.text("--kind");
        auto title = o.text("--title");
        o.require(number && model && kind && title, "case open needs --number, --model, --kind and --title");
        nc.number = number.value_or("");
        nc.model = static_cast<int>(model.value_or(4));
        nc.actKind = kind.value_or("");
        nc.title = title.value_or("");
        words = 0;
    } else if (sub == "party") {
        role = o.text("--role");
        check = o.text("--check");
        name = o.text("--name");
        o.require(role.has_value(), "case party needs --role ROLE");
        o.require(check.has_value() != name.has_value(), "case party needs either --check REF or --name NAME");
    } else if (sub == "verify") {
        party = o.text("--party");
        check = o.text("--check");
        o.require(party && check, "case verify needs --party PARTY and --check REF");
    } else if (sub == "exception") {
        party = o.text("--party");
        reason = o.text("--reason");
        o.require(party && reason, "case exception needs --party PARTY and --reason TEXT");
    } else if (sub == "cancel") {
        reason = o.text("--reason");
        o.require(reason.has_value(), "case cancel needs --reason TEXT");
    } else if (sub == "list") {
        search = o.text("--search").value_or("");
        if (auto st = o.text("--status")) {
            status = caseStatusArg(*st);
            o.require(status.has_value(), "--status: \"" + *st + "\" is not open, completed or cancelled");
        }
        words = 0;
    } else if (sub == "attach") {
        words = 2;
    } else if (sub == "certify") {
        pdf = o.text("--pdf");
    } else if (sub == "certificate") {
        pdf = o.text("--pdf");
        o.require(pdf.has_value(), "case certificate needs --pdf FILE");
    } else if (sub != "complete" && sub != "show") {
        return usageError(err, "unknown case command \"" + sub + "\"\n" + kCaseUsage);
    }
    if (!o.done(words, rc, err)) {
        return rc;
    }
    std::vector<unsigned char> fileData;
    if (sub == "attach") {
        auto data = readInput(rest[1]);
        if (!data) {
            return report(err, data.error());
        }
        fileData.assign(data->begin(), data->end());
    }
    auto s = openSession(g);
    if (!s) {
        return report(err, s.error());
    }
    desk::NotaryService notary(s->store.db(), *g.clock, s->actor);
    const auto showCase = [&](const std::string& ref, const std::string& line) {
        auto c = notary.get(ref);
        if (!c) {
            return report(err, c.error());
        }
        if (json) {
            out << caseToJson(*c).dump(2) << "\n";
        } else {
            out << line << "\n";
        }
        return static_cast<int>(kExitOk);
    };

    if (sub == "open") {
        auto c = notary.open(nc);
        if (!c) {
            return report(err, c.error());
        }
        if (json) {
            out << caseToJson(*c).dump(2) << "\n";
        } else {
            out << "Opened case " << c->number << " (" << c->uid << "), model " << c->model << ", "
                << desk::actKindLabel(c->actKind) << ". Add its parties with `da06 case party " << c->number
                << " --role ROLE --check REF`.\n";
        }
        return kExitOk;
    }
    const std::string caseRef = rest.empty() ? std::string() : rest.front();
    if (sub == "party") {
        auto p = check ? notary.addParty(caseRef, *role, *check) : notary.addPartyByName(caseRef, *role, *name);
        if (!p) {
            return report(err, p.error());
        }
        if (json) {
            return showCase(caseRef, "");
        }
        out << "Added party " << p->uid << " (" << desk::partyRoleLabel(p->role) << ") to case " << caseRef << ": "
            << (p->passing ? "verified by " + optText(p->checkReference)
                           : p->checkReference ? "check " + *p->checkReference + " DOES NOT PASS: record a new check or an exception"
                                               : "not verified yet (give it a check or an exception before completion)")
            << ".\n";
        return kExitOk;
    }
    if (sub == "verify") {
        if (auto st = notary.verifyParty(caseRef, *party, *check); !st) {
            return report(err, st.error());
        }
        return showCase(caseRef, "Party " + *party + " of case " + caseRef + " is verified by " + *check + ".");
    }
    if (sub == "exception") {
        if (auto st = notary.setException(caseRef, *party, *reason); !st) {
            return report(err, st.error());
        }
        return showCase(caseRef, "Recorded the exception for party " + *party + " of case " + caseRef + ".");
    }
    if (sub == "complete") {
        auto c = notary.complete(caseRef);
        if (!c) {
            return report(err, c.error());   // names the parties that block it
        }
        if (json) {
            out << caseToJson(*c).dump(2) << "\n";
        } else {
            out << "Completed case " << c->number << ": " << c->parties.size() << " parties.\n";
        }
        return kExitOk;
    }
    if (sub == "cancel") {
        if (auto st = notary.cancel(caseRef, *reason); !st) {
            return report(err, st.error());
        }
        return showCase(caseRef, "Cancelled case " + caseRef + ".");
    }
    if (sub == "show") {
        auto c = notary.get(caseRef);
        if (!c) {
            return report(err, c.error());
        }
        if (json) {
            out << caseToJson(*c).dump(2) << "\n";
        } else {
            printCase(out, *c);
        }
        return kExitOk;
    }
    if (sub == "list") {
        auto list = notary.list(search, status);
        if (!list) {
            return report(err, list.error());
        }
        if (json) {
            json::Value arr = json::Array{};
            for (const auto& c : *list) {
                arr.push(caseToJson(c));
            }
            out << arr.dump(2) << "\n";
            return kExitOk;
        }
        for (const auto& c : *list) {
            out << padded(c.number, 22) << " M" << padded(std::to_string(c.model), 2) << " " << padded(desk::caseStatusName(c.status), 10)
                << " " << padded(desk::actKindLabel(c.actKind), 26) << " " << c.parties.size() << " parties  " << c.title << "\n";
        }
        out << counted(list->size(), "case") << "\n";
        return kExitOk;
    }
    if (sub == "attach") {
        const std::filesystem::path file(rest[1]);
        auto d = notary.attachDocument(caseRef, file.filename().string(), mediaTypeOf(file), fileData);
        if (!d) {
            return report(err, d.error());
        }
        if (json) {
            json::Value x;
            x.set("uid", d->uid);
            x.set("file_name", d->fileName);
            x.set("media_type", d->mediaType);
            x.set("size", static_cast<long long>(d->size));
            x.set("sha256", d->sha256);
            out << x.dump(2) << "\n";
        } else {
            out << "Attached " << d->fileName << " (" << d->size << " bytes, document " << d->uid << ", sha256 " << d->sha256
                << ") to case " << caseRef << ", kept encrypted in the store.\n";
        }
        return kExitOk;
    }
    if (sub == "certify" || sub == "certificate") {
        auto c = sub == "certify" ? notary.certify(caseRef) : notary.certification(caseRef);
        if (!c) {
            return report(err, c.error());
        }
        if (pdf) {
            if (auto w = writeCertificate(*s, g, *c, *pdf); !w) {
                if (sub == "certify") {
                    err << "da06: the document was certified as " << c->reference << ", but its certificate could not be written "
                        << "(print it again with `da06 case certificate " << c->reference << " --pdf FILE`)\n";
                }
                return report(err, w.error());
            }
        }
        if (json) {
            out << certificationToJson(*c).dump(2) << "\n";
        } else {
            out << (sub == "certify" ? "Certified " : "Certification ") << c->fileName << " of case " << c->caseNumber << ": "
                << c->reference << "\nSHA-256 " << c->sha256 << "\nQR " << c->qrPayload() << "\n";
            if (pdf) {
                out << "wrote " << *pdf << "\n";
            }
        }
        return kExitOk;
    }
    return usageError(err, kCaseUsage);
}

// ---- Pawnshop ---------------------------------------------------------------------------------------

json::Value pawnToJson(const desk::PawnContract& c)
{
    json::Value o;
    o.set("uid", c.uid);
    o.set("number", c.number);
    o.set("check_uid", c.checkUid);
    o.set("check_reference", c.checkReference);
    if (c.customer) {
        json::Value cu;
        cu.set("full_name", c.customer->fullName);
        cu.set("id_number", c.customer->idNumber);
        cu.set("date_of_birth", optDate(c.customer->dateOfBirth));
        cu.set("address", c.customer->address);
        o.set("customer", cu);
    } else {
        o.set("customer", nullptr);
    }
    o.set("item", c.item);
    o.set("value", static_cast<long long>(c.value));
    o.set("loan", static_cast<long long>(c.loan));
    o.set("interest", c.interest);
    o.set("start", c.start.toIso());
    o.set("due", c.due.toIso());
    o.set("status", desk::pawnStatusName(c.status));
    o.set("closed", optDate(c.closed));
    o.set("alerts", stringArray(c.alerts));
    o.set("created_by", c.createdBy);
    o.set("created_at", c.createdAt);
    return o;
}

void printAlerts(std::ostream& out, const std::vector<std::string>& alerts)
{
    if (alerts.empty()) {
        return;
    }
    out << "!!! " << alerts.size() << " ALERT" << (alerts.size() == 1 ? "" : "S") << " FOR THE REGISTER:\n";
    for (const auto& a : alerts) {
        out << "!!!   " << upper(a) << ": " << desk::alertLabel(a) << "\n";
    }
}

void printPawnLine(std::ostream& out, const desk::PawnContract& c)
{
    out << padded(c.number, 14) << " " << c.start.toVietnamese() << "–" << c.due.toVietnamese() << "  "
        << padded(desk::pawnStatusName(c.status), 10) << " " << padded(reports::vndAmount(c.loan), 18) << " "
        << padded(c.customer ? c.customer->fullName : "(details deleted)", 26) << " " << c.item;
    for (const auto& a : c.alerts) {
        out << "  [!" << a << "]";
    }
    out << "\n";
}

int cmdPawnImpl(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto& rest = a.rest();
    if (rest.empty()) {
        return usageError(err, kPawnUsage);
    }
    const std::string sub = rest.front();
    rest.erase(rest.begin());
    Options o(a, kPawnUsage);
    const bool json = o.flag("--json");
    int rc = kExitOk;

    if (sub == "create") {
        desk::NewPawn p;
        auto number = o.text("--number");
        auto check = o.text("--check");
        auto item = o.text("--item");
        auto value = o.amount("--value");
        auto loan = o.amount("--loan");
        auto interest = o.decimal("--interest");
        auto start = o.date("--start");
        auto due = o.date("--due");
        o.require(number && check && item && value && loan && interest && start && due,
                  "pawn create needs --number, --check, --item, --value, --loan, --interest, --start and --due");
        if (!o.done(0, rc, err)) {
            return rc;
        }
        p.number = *number;
        p.checkUid = *check;
        p.item = *item;
        p.value = *value;
        p.loan = *loan;
        p.interest = *interest;
        p.start = *start;
        p.due = *due;
        auto s = openSession(g);
        if (!s) {
            return report(err, s.error());
        }
        desk::PawnService pawns(s->store.db(), *g.clock, s->actor);
        auto c = pawns.create(p);
        if (!c) {
            return report(err, c.error());
        }
        if (json) {
            out << pawnToJson(*c).dump(2) << "\n";
            return kExitOk;
        }
        out << "Registered pawn contract " << c->number << " (" << c->uid << "): " << reports::vndAmount(c->loan) << " on "
            << c->item << ", due " << c->due.toVietnamese() << ".\n";
        printAlerts(out, c->alerts);
        return kExitOk;
    }

    if (sub == "close") {
        const bool redeemed = o.flag("--redeemed");
        const bool liquidated = o.flag("--liquidated");
        auto on = o.date("--on");
        o.require(redeemed != liquidated, "pawn close needs --redeemed or --liquidated");
        if (!o.done(1, rc, err)) {
            return rc;
        }
        auto s = openSession(g);
        if (!s) {
            return report(err, s.error());
        }
        desk::PawnService pawns(s->store.db(), *g.clock, s->actor);
        auto c = pawns.close(rest.front(), redeemed ? desk::PawnStatus::Redeemed : desk::PawnStatus::Liquidated,
                             on.value_or(localToday(g)));
        if (!c) {
            return report(err, c.error());
        }
        if (json) {
            out << pawnToJson(*c).dump(2) << "\n";
        } else {
            out << "Contract " << c->number << ": " << desk::pawnStatusName(c->status) << " ("
                << desk::pawnStatusLabel(c->status) << ") on " << (c->closed ? c->closed->toVietnamese() : "") << ".\n";
        }
        return kExitOk;
    }

    if (sub == "list" || sub == "register") {
        auto from = o.date("--from");
        auto to = o.date("--to");
        auto search = o.text("--search").value_or("");
        auto pdf = o.text("--pdf");
        auto xlsx = o.text("--xlsx");
        auto business = o.text("--business");
        auto address = o.text("--address");
        if (sub == "register") {
            o.require(from && to, "pawn register needs --from DATE and --to DATE");
            o.require(pdf || xlsx, "pawn register needs --pdf FILE or --xlsx FILE");
        } else {
            o.require(!pdf && !xlsx && !business && !address, "--pdf, --xlsx, --business and --address belong to pawn register");
        }
        if (from && to && *to < *from) {
            o.problem("--to comes before --from");
        }
        if (!o.done(0, rc, err)) {
            return rc;
        }
        auto s = openSession(g);
        if (!s) {
            return report(err, s.error());
        }
        desk::PawnService pawns(s->store.db(), *g.clock, s->actor);
        auto list = pawns.list(from, to, search, sub == "register" ? 1000000 : 1000);
        if (!list) {
            return report(err, list.error());
        }
        if (sub == "register") {
            std::vector<desk::PawnContract> rows = *list;
            std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) {
                return x.start != y.start ? x.start < y.start : x.number < y.number;
            });
            const auto unit = receiptUnit(*s, g, "");
            const auto doc = reports::pawnRegisterDocument(
                ui::pawnRegister(rows, business.value_or(unit.name), address.value_or(""), *from, *to, localToday(g)));
            for (const auto& [path, isXlsx] : {std::pair{pdf, false}, std::pair{xlsx, true}}) {
                if (path) {
                    if (auto w = writeDocument(doc, *path, isXlsx, out, json); !w) {
                        return report(err, w.error());
                    }
                }
            }
            if (json) {
                json::Value r;
                r.set("from", from->toIso());
                r.set("to", to->toIso());
                r.set("contracts", static_cast<long long>(rows.size()));
                r.set("pdf", optJson(pdf));
                r.set("xlsx", optJson(xlsx));
                out << r.dump(2) << "\n";
            } else {
                out << counted(rows.size(), "contract") << " from " << from->toVietnamese() << " to " << to->toVietnamese() << ".\n";
            }
            return kExitOk;
        }
        if (json) {
            json::Value arr = json::Array{};
            for (const auto& c : *list) {
                arr.push(pawnToJson(c));
            }
            out << arr.dump(2) << "\n";
            return kExitOk;
        }
        for (const auto& c : *list) {
            printPawnLine(out, c);
        }
        out << counted(list->size(), "contract") << "\n";
        return kExitOk;
    }
    return usageError(err, "unknown pawn command \"" + sub + "\"\n" + kPawnUsage);
}

// ---- Welfare ----------------------------------------------------------------------------------------

json::Value beneficiaryToJson(const desk::Beneficiary& b)
{
    json::Value o;
    o.set("id", static_cast<long long>(b.id));
    o.set("list_uid", b.listUid);
    o.set("list_name", b.listName);
    o.set("id_number", b.idNumber);
    o.set("full_name", b.fullName);
    o.set("category", b.category);
    o.set("programme", b.programme);
    o.set("amount", static_cast<long long>(b.amount));
    o.set("period", b.period);
    return o;
}

json::Value payoutToJson(const desk::Payout& p)
{
    json::Value o;
    o.set("uid", p.uid);
    o.set("reference", p.reference);
    o.set("beneficiary", static_cast<long long>(p.beneficiaryId));
    o.set("id_number", p.idNumber);
    o.set("full_name", p.fullName);
    o.set("category", p.category);
    o.set("programme", p.programme);
    o.set("period", p.period);
    o.set("amount", static_cast<long long>(p.amount));
    o.set("check_uid", p.checkUid);
    o.set("check_reference", p.checkReference);
    o.set("paid_by", p.paidBy);
    o.set("paid_at", p.paidAt);
    return o;
}

json::Value loanToJson(const desk::LoanApplication& l)
{
    json::Value o;
    o.set("uid", l.uid);
    o.set("reference", l.reference);
    o.set("beneficiary", static_cast<long long>(l.beneficiaryId));
    o.set("full_name", l.fullName);
    o.set("programme", l.programme);
    o.set("amount", static_cast<long long>(l.amount));
    o.set("purpose", l.purpose);
    o.set("term_months", l.termMonths);
    o.set("status", l.status);
    o.set("check_uid", l.checkUid);
    o.set("created_by", l.createdBy);
    o.set("created_at", l.createdAt);
    return o;
}

void printBeneficiary(std::ostream& out, const desk::Beneficiary& b)
{
    out << "  #" << padded(std::to_string(b.id), 6) << " " << padded(b.period, 8) << " " << padded(b.fullName, 26) << " "
        << b.idNumber << "  " << padded(desk::categoryLabel(b.category), 22) << " " << padded(reports::vndAmount(b.amount), 16)
        << " " << b.programme << " (" << b.listName << ")\n";
}

Status writePayoutReceipt(access::Session& s, const Globals& g, const desk::Payout& p, const std::string& path)
{
    const auto unit = receiptUnit(s, g, "");
    return reports::writePdf(reports::receiptDocument(ui::payoutReceipt(p, unit.name, unit.code, localToday(g), unit.heading)),
                             path);
}

int cmdWelfareImpl(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    auto& rest = a.rest();
    if (rest.empty()) {
        return usageError(err, kWelfareUsage);
    }
    const std::string sub = rest.front();
    rest.erase(rest.begin());
    Options o(a, kWelfareUsage);
    const bool json = o.flag("--json");
    int rc = kExitOk;

    if (sub == "import") {
        auto name = o.text("--name");
        auto model = o.integer("--model", 1, 1000, "a model number");
        o.require(name && model, "welfare import needs --name NAME and --model 19|35");
        if (!o.done(1, rc, err)) {
            return rc;
        }
        auto csv = readInput(rest.front());
        if (!csv) {
            return report(err, csv.error());
        }
        auto s = openSession(g);
        if (!s) {
            return report(err, s.error());
        }
        desk::WelfareService welfare(s->store.db(), *g.clock, s->actor);
        auto r = welfare.importList(*name, static_cast<int>(*model), *csv);
        if (!r) {
            return report(err, r.error());
        }
        if (json) {
            json::Value x;
            x.set("list_uid", r->listUid);
            x.set("imported", r->imported);
            json::Value problems = json::Array{};
            for (const auto& p : r->problems) {
                json::Value y;
                y.set("line", p.line);
                y.set("message", p.message);
                problems.push(std::move(y));
            }
            x.set("problems", problems);
            out << x.dump(2) << "\n";
        } else {
            out << "Imported " << r->imported << " beneficiaries into the list \"" << *name << "\" (" << r->listUid << ")";
            out << (r->problems.empty() ? ".\n" : "; refused " + counted(r->problems.size(), "line") + ":\n");
            for (const auto& p : r->problems) {
                out << "  line " << p.line << ": " << p.message << "\n";
            }
        }
        return r->imported == 0 && !r->problems.empty() ? kExitInvalidInput : kExitOk;
    }

    // Options of the other commands.
    auto check = o.text("--check");
    auto period = o.period("--period");
    auto beneficiary = o.integer("--beneficiary", 1, 1'000'000'000'000LL, "a beneficiary id (the # of the list row)");
    auto receipt = o.text("--receipt");
    auto pdf = o.text("--pdf");
    auto xlsx = o.text("--xlsx");
    auto search = o.text("--search").value_or("");
    std::optional<std::int64_t> amount;
    std::optional<std::string> purpose;
    std::optional<long long> term;
    std::size_t words = 0;
    if (sub == "match") {
        o.require(check.has_value(), "welfare match needs --check REF");
    } else if (sub == "pay") {
        o.require(beneficiary && check, "welfare pay needs --beneficiary ID and --check REF");
    } else if (sub == "loan") {
        amount = o.amount("--amount");
        purpose = o.text("--purpose");
        term = o.integer("--term", 1, 600, "a number of months (1–600)");
        o.require(beneficiary && check && amount && purpose && term,
                  "welfare loan needs --beneficiary, --check, --amount, --purpose and --term");
    } else if (sub == "payouts" || sub == "reconcile") {
        o.require(period.has_value(), "welfare " + sub + " needs --period P");
    } else if (sub == "search" || sub == "receipt") {
        words = 1;
        if (sub == "receipt") {
            o.require(pdf.has_value(), "welfare receipt needs --pdf FILE");
        }
    } else if (sub != "lists" && sub != "loans") {
        return usageError(err, "unknown welfare command \"" + sub + "\"\n" + kWelfareUsage);
    }
    if (!o.done(words, rc, err)) {
        return rc;
    }
    auto s = openSession(g);
    if (!s) {
        return report(err, s.error());
    }
    desk::WelfareService welfare(s->store.db(), *g.clock, s->actor);

    if (sub == "lists") {
        auto lists = welfare.lists();
        if (!lists) {
            return report(err, lists.error());
        }
        if (json) {
            json::Value arr = json::Array{};
            for (const auto& l : *lists) {
                json::Value x;
                x.set("uid", l.uid);
                x.set("name", l.name);
                x.set("model", l.model);
                x.set("rows", l.rows);
                x.set("imported_by", l.importedBy);
                x.set("imported_at", l.importedAt);
                arr.push(std::move(x));
            }
            out << arr.dump(2) << "\n";
            return kExitOk;
        }
        for (const auto& l : *lists) {
            out << l.uid << "  M" << padded(std::to_string(l.model), 3) << " " << padded(counted(static_cast<std::size_t>(l.rows), "row"), 10) << " "
                << padded(l.name, 40) << " imported by " << l.importedBy << " at " << ui::localTimeText(l.importedAt) << "\n";
        }
        return kExitOk;
    }
    if (sub == "search") {
        auto list = welfare.beneficiaries(rest.front(), period.value_or(""));
        if (!list) {
            return report(err, list.error());
        }
        if (json) {
            json::Value arr = json::Array{};
            for (const auto& b : *list) {
                arr.push(beneficiaryToJson(b));
            }
            out << arr.dump(2) << "\n";
            return kExitOk;
        }
        for (const auto& b : *list) {
            printBeneficiary(out, b);
        }
        out << counted(list->size(), "row") << "\n";
        return kExitOk;
    }
    if (sub == "match") {
        auto m = welfare.match(*check, period.value_or(""));
        if (!m) {
            return report(err, m.error());
        }
        if (json) {
            json::Value x;
            x.set("eligibility", desk::eligibilityName(m->eligibility));
            json::Value entries = json::Array{};
            for (const auto& b : m->entries) {
                entries.push(beneficiaryToJson(b));
            }
            x.set("entries", entries);
            x.set("name_differs", m->nameDiffers);
            x.set("paid_references", stringArray(m->paidReferences));
            out << x.dump(2) << "\n";
            return kExitOk;
        }
        switch (m->eligibility) {
        case desk::Eligibility::Eligible: out << "ELIGIBLE"; break;
        case desk::Eligibility::NotListed: out << "NOT LISTED"; break;
        case desk::Eligibility::AlreadyPaid: out << "ALREADY PAID"; break;
        }
        out << (period ? " for " + *period : "") << "\n";
        if (m->nameDiffers) {
            out << "! The name on the list differs from the card's (diacritics ignored): compare before paying.\n";
        }
        for (const auto& b : m->entries) {
            printBeneficiary(out, b);
        }
        for (const auto& r : m->paidReferences) {
            out << "  paid: " << r << "\n";
        }
        return kExitOk;
    }
    if (sub == "pay" || sub == "receipt") {
        auto p = sub == "pay" ? welfare.pay(*beneficiary, *check) : welfare.payout(rest.front());
        if (!p) {
            if (sub == "pay" && p.error().code != ErrorCode::PermissionDenied && p.error().code != ErrorCode::NotFound) {
                err << "da06: payout refused: " << p.error().message << "\n";
                return exitCodeFor(p.error());
            }
            return report(err, p.error());
        }
        const auto path = sub == "pay" ? receipt : pdf;
        if (path) {
            if (auto w = writePayoutReceipt(*s, g, *p, *path); !w) {
                if (sub == "pay") {
                    err << "da06: the payout " << p->reference << " was recorded, but its receipt could not be written "
                        << "(print it again with `da06 welfare receipt " << p->reference << " --pdf FILE`)\n";
                }
                return report(err, w.error());
            }
        }
        if (json) {
            out << payoutToJson(*p).dump(2) << "\n";
            return kExitOk;
        }
        if (sub == "pay") {
            out << "Paid " << reports::vndAmount(p->amount) << " (" << p->programme << ", " << p->period << ") to " << p->fullName
                << ": payout " << p->reference << ".\n";
        }
        if (path) {
            out << "wrote " << *path << "\n";
        }
        return kExitOk;
    }
    if (sub == "loan") {
        auto l = welfare.applyForLoan(*beneficiary, *check, *amount, *purpose, static_cast<int>(*term));
        if (!l) {
            return report(err, l.error());
        }
        if (json) {
            out << loanToJson(*l).dump(2) << "\n";
        } else {
            out << "Recorded the loan application " << l->reference << ": " << reports::vndAmount(l->amount) << " over "
                << l->termMonths << " months for " << l->fullName << " (" << l->status << ").\n";
        }
        return kExitOk;
    }
    if (sub == "loans") {
        auto list = welfare.loans(search);
        if (!list) {
            return report(err, list.error());
        }
        if (json) {
            json::Value arr = json::Array{};
            for (const auto& l : *list) {
                arr.push(loanToJson(l));
            }
            out << arr.dump(2) << "\n";
            return kExitOk;
        }
        for (const auto& l : *list) {
            out << padded(l.reference, 19) << " " << padded(l.status, 10) << " " << padded(reports::vndAmount(l.amount), 18) << " "
                << l.termMonths << " months  " << padded(l.fullName, 26) << " " << l.purpose << "\n";
        }
        return kExitOk;
    }
    if (sub == "payouts") {
        auto list = welfare.payouts(*period, search);
        if (!list) {
            return report(err, list.error());
        }
        if (json) {
            json::Value arr = json::Array{};
            for (const auto& p : *list) {
                arr.push(payoutToJson(p));
            }
            out << arr.dump(2) << "\n";
            return kExitOk;
        }
        std::int64_t total = 0;
        for (const auto& p : *list) {
            total += p.amount;
            out << padded(p.reference, 19) << " " << padded(ui::localTimeText(p.paidAt), 22) << " " << padded(p.fullName, 26)
                << " " << padded(reports::vndAmount(p.amount), 16) << " " << p.programme << "\n";
        }
        out << counted(list->size(), "payout") << ", " << reports::vndAmount(total) << "\n";
        return kExitOk;
    }
    if (sub == "reconcile") {
        auto r = welfare.reconcile(*period);
        if (!r) {
            return report(err, r.error());
        }
        if (pdf || xlsx) {
            const auto unit = receiptUnit(*s, g, "");
            const auto doc = reports::reconciliationDocument(ui::reconciliation(*r, unit.name, localToday(g), unit.heading));
            for (const auto& [path, isXlsx] : {std::pair{pdf, false}, std::pair{xlsx, true}}) {
                if (path) {
                    if (auto w = writeDocument(doc, *path, isXlsx, out, json); !w) {
                        return report(err, w.error());
                    }
                }
            }
        }
        if (json) {
            json::Value x;
            x.set("period", r->period);
            json::Value lines = json::Array{};
            for (const auto& l : r->lines) {
                json::Value y;
                y.set("programme", l.programme);
                y.set("category", l.category);
                y.set("period", l.period);
                y.set("listed", l.listed);
                y.set("paid", l.paid);
                y.set("listed_amount", static_cast<long long>(l.listedAmount));
                y.set("paid_amount", static_cast<long long>(l.paidAmount));
                lines.push(std::move(y));
            }
            x.set("lines", lines);
            json::Value unpaid = json::Array{};
            for (const auto& b : r->unpaid) {
                unpaid.push(beneficiaryToJson(b));
            }
            x.set("unpaid", unpaid);
            out << x.dump(2) << "\n";
            return kExitOk;
        }
        out << "Reconciliation of " << r->period << ":\n";
        for (const auto& l : r->lines) {
            out << "  " << padded(l.programme, 30) << " " << padded(desk::categoryLabel(l.category), 22) << " " << padded(l.period, 8)
                << " paid " << l.paid << "/" << l.listed << "  " << reports::vndAmount(l.paidAmount) << " of "
                << reports::vndAmount(l.listedAmount) << "\n";
        }
        out << r->unpaid.size() << " listed people not paid yet\n";
        for (const auto& b : r->unpaid) {
            printBeneficiary(out, b);
        }
        return kExitOk;
    }
    return usageError(err, kWelfareUsage);
}

} // namespace

int cmdCheck(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    return cmdCheckImpl(g, a, out, err);
}

int cmdChecks(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    return cmdChecksImpl(g, a, out, err);
}

int cmdCase(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    return cmdCaseImpl(g, a, out, err);
}

int cmdPawn(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    return cmdPawnImpl(g, a, out, err);
}

int cmdWelfare(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    return cmdWelfareImpl(g, a, out, err);
}

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
