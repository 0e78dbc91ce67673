// da06 check record|show|receipt: identity checks recorded with their purpose and consent (issue 8).
// Personal data is printed only on standard output, to the checker who asked for it.
#include "client/cli/Commands.h"
#include "client/cli/commands/DeskSupport.h"
#include "domain/desk/CheckService.h"
#include "domain/desk/DeskJson.h"
#include "reports/PdfWriter.h"

namespace da06::cli {

namespace {

const char* const kCheckUsage =
    "usage: da06 check record --purpose MODEL (--from-json FILE|- | --manual --id N --name NAME [--dob DATE]\n"
    "                         [--sex male|female] --reason TEXT) --consent given|legal [--consent-note TEXT]\n"
    "                         [--receipt FILE.pdf] [--json]\n"
    "       da06 check show REF [--json]\n"
    "       da06 check receipt REF --pdf FILE";

// What the outcome means for the desk, in one line.
std::string outcomeSentence(const desk::CheckRecord& r)
{
    switch (r.outcome) {
    case desk::CheckOutcome::Valid:
        return "VALID — every check passed";
    case desk::CheckOutcome::Warning:
        return "VALID WITH WARNINGS — read the findings below";
    case desk::CheckOutcome::Unverified:
        return r.method == desk::CheckMethod::Chip
                   ? "UNVERIFIED — the chip was read but not verified (no trust anchor on this desk)"
                   : "UNVERIFIED — typed by hand, nothing could be verified";
    case desk::CheckOutcome::Invalid:
        return "INVALID — do not rely on this identity";
    }
    return "";
}

void printFindings(std::ostream& out, const std::vector<desk::CheckFinding>& findings)
{
    for (const auto& f : findings) {
        out << "  " << (f.severity == "error" ? "✗ " : "! ") << f.code << (f.message.empty() ? "" : ": " + f.message)
            << "\n";
    }
}

void printIdentity(std::ostream& out, const desk::CheckRecord& r, const desk::CheckedIdentity& id)
{
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
        out << "Card valid until: " << id.expiryDate->toVietnamese() << (id.expired.value_or(false) ? " (EXPIRED)" : "")
            << "\n";
    }
    printFindings(out, r.findings);
    out << "Personal details kept until " << r.purgeAfter.toVietnamese() << ", then deleted.\n";
}

void printCheck(std::ostream& out, const desk::CheckRecord& r, const std::string& modelTitle)
{
    out << "Check " << r.reference << " (" << r.uid << ")\n";
    out << "Result: " << outcomeSentence(r) << (r.passing() ? "" : " [not usable for a case, contract or payout]")
        << "\n";
    out << "Purpose: " << ui::purposeLabel(r.model, modelTitle) << "\n";
    out << "Method: " << desk::methodName(r.method) << " (" << ui::checkMethodLabel(r.method) << ")"
        << (r.manualReason.empty() ? "" : ", reason: " + r.manualReason) << "\n";
    for (const auto& v : r.verifications) {
        out << "  " << padded(v.name, 24) << " " << v.result << (v.detail.empty() ? "" : " (" + v.detail + ")") << "\n";
    }
    out << "Checked by " << r.operatorName << " at " << ui::localTimeText(r.checkedAt) << " (unit " << r.unitCode
        << ")\n";
    out << "Legal ground: " << ui::consentLabel(r.consent) << (r.consentNote.empty() ? "" : " — " + r.consentNote)
        << "\n";
    if (r.attachedKind) {
        out << "Attached to: " << *r.attachedKind << " " << optText(r.attachedUid) << "\n";
    }
    if (r.identity) {
        printIdentity(out, r, *r.identity);
        return;
    }
    for (const auto& c : r.findingCodes) {
        out << "  finding " << c << "\n";
    }
    out << "Personal details deleted" << (r.purgedAt ? " on " + r.purgedAt->substr(0, 10) : std::string())
        << " (retention ended): no name or number is kept.\n";
}

Status writeCheckReceipt(access::Session& s, const Globals& g, const desk::CheckRecord& r, const std::string& path)
{
    const auto unit = receiptUnit(s, g, r.unitCode);
    const auto receipt =
        ui::checkReceipt(r, unit.name, ui::modelTitleOf(s.store.db(), *g.clock, r.model), localToday(g), unit.heading);
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

// The options of `check record`, read and checked before anything is opened.
struct RecordOptions {
    bool json = false;
    bool manual = false;
    std::optional<long long> purpose;
    std::optional<std::string> fromJson, id, name, sex, address, reason, consentNote, receipt;
    std::optional<Date> dob;
    std::optional<desk::Consent> consent;
};

void readConsent(Options& o, RecordOptions& r)
{
    auto consentText = o.text("--consent");
    r.consentNote = o.text("--consent-note");
    r.receipt = o.text("--receipt");
    o.require(r.purpose.has_value(), "--purpose MODEL is required (the model the check serves: 4, 8, 15, 19, 35, …)");
    o.require(r.fromJson.has_value() != r.manual, "give either --from-json FILE or --manual");
    if (!consentText) {
        o.problem(
            "--consent given|legal is required (Decree 13/2023: the citizen's consent, or an obligation set by law)");
    } else if (!(r.consent = consentArg(*consentText))) {
        o.problem("--consent: \"" + *consentText + "\" is neither given nor legal");
    }
}

void requireManual(Options& o, const RecordOptions& r)
{
    if (r.manual) {
        o.require(r.id.has_value() && r.name.has_value(), "a manual entry needs --id NUMBER and --name NAME");
        o.require(r.reason.has_value() && !r.reason->empty(),
                  "a manual entry needs --reason TEXT (why the card could not be read: no card, damaged chip, …)");
        if (r.sex && *r.sex != "male" && *r.sex != "female") {
            o.problem("--sex: \"" + *r.sex + "\" is neither male nor female");
        }
    } else {
        o.require(!r.id && !r.name && !r.dob && !r.sex && !r.address && !r.reason,
                  "--id, --name, --dob, --sex, --address and --reason belong to --manual");
    }
}

bool readRecordOptions(Context& c, RecordOptions& r, int& rc)
{
    Options o(c.a, kCheckUsage);
    r.json = o.flag("--json");
    r.manual = o.flag("--manual");
    r.purpose = o.integer("--purpose", 1, 1000, "a model number");
    r.fromJson = o.text("--from-json");
    r.id = o.text("--id");
    r.name = o.text("--name");
    r.dob = o.date("--dob");
    r.sex = o.text("--sex");
    r.address = o.text("--address");
    r.reason = o.text("--reason");
    readConsent(o, r);
    requireManual(o, r);
    return o.done(0, rc, c.err);
}

// The check to record: the JSON of `da06 idcheck`, or the identity typed by hand.
Result<desk::CheckInput> recordInput(const RecordOptions& r, const Date& today)
{
    desk::CheckInput input;
    if (r.fromJson) {
        DA06_TRY(text, readInput(*r.fromJson));
        DA06_TRY(parsed, desk::checkFromJsonText(*text, today));
        input = std::move(*parsed);
    } else {
        desk::CheckedIdentity identity;
        identity.idNumber = *r.id;
        identity.fullName = *r.name;
        identity.dateOfBirth = r.dob;
        identity.sex = r.sex.value_or("");
        identity.address = r.address.value_or("");
        input = desk::manualCheck(std::move(identity), *r.reason, today);
    }
    input.model = static_cast<int>(*r.purpose);
    input.consent = r.consent;
    input.consentNote = r.consentNote.value_or("");
    return input;
}

void printRecorded(std::ostream& out, const desk::CheckRecord& r, const std::optional<std::string>& receipt)
{
    out << "Recorded check " << r.reference << " for model " << r.model << " (" << desk::methodName(r.method) << ").\n";
    out << "Result: " << outcomeSentence(r) << "\n";
    if (!r.passing()) {
        out << "This check does not pass: it is kept in the records, but a case, contract or payout will refuse it.\n";
    }
    printFindings(out, r.findings);
    if (receipt) {
        out << "Receipt: " << *receipt << "\n";
    }
}

int checkRecord(Context& c)
{
    RecordOptions opts;
    int rc = kExitOk;
    if (!readRecordOptions(c, opts, rc)) {
        return rc;
    }
    auto input = recordInput(opts, c.g.clock->today());
    if (!input) {
        return report(c.err, input.error());
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        desk::CheckService checks(s.store.db(), *c.g.clock, s.actor);
        DA06_TRY(r, checks.record(*input));
        if (opts.receipt) {
            if (auto w = writeCheckReceipt(s, c.g, *r, *opts.receipt); !w) {
                c.err << "da06: the check " << r->reference
                      << " was recorded, but its receipt could not be written: " << w.error().message << "\n";
                return exitCodeFor(w.error());
            }
        }
        if (opts.json) {
            c.print(desk::checkToJson(*r));
        } else {
            printRecorded(c.out, *r, opts.receipt);
        }
        return kExitOk;
    });
}

// check show REF, check receipt REF --pdf FILE
int checkShowOrReceipt(Context& c, bool receipt)
{
    Options o(c.a, kCheckUsage);
    const bool json = o.flag("--json");
    auto pdf = o.text("--pdf");
    if (receipt) {
        o.require(pdf.has_value(), "check receipt needs --pdf FILE");
    }
    return o.run(1, c, [&](access::Session& s) -> Result<int> {
        desk::CheckService checks(s.store.db(), *c.g.clock, s.actor);
        DA06_TRY(r, checks.get(c.a.rest().front()));
        if (receipt) {
            DA06_CHECK(writeCheckReceipt(s, c.g, *r, *pdf));
            c.out << "wrote " << *pdf << " (receipt of " << r->reference << ")\n";
        } else if (json) {
            c.print(desk::checkToJson(*r));
        } else {
            printCheck(c.out, *r, ui::modelTitleOf(s.store.db(), *c.g.clock, r->model));
        }
        return kExitOk;
    });
}

int checkShow(Context& c)
{
    return checkShowOrReceipt(c, false);
}

int checkReceipt(Context& c)
{
    return checkShowOrReceipt(c, true);
}

constexpr SubcommandEntry kCheckCommands[] = {
    {"record", checkRecord},
    {"show", checkShow},
    {"receipt", checkReceipt},
};

} // namespace

int cmdCheck(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    Context c{g, a, out, err};
    return dispatch(c, kCheckCommands, "check", kCheckUsage);
}

} // namespace da06::cli
