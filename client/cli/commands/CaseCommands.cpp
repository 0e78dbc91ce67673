// da06 case open|party|verify|exception|complete|cancel|show|list|attach|certify|certificate: the
// notarial cases of models 4 and 8, whose parties are verified by identity checks (issue 8).
#include "client/cli/Commands.h"
#include "client/cli/commands/DeskSupport.h"
#include "domain/desk/DeskJson.h"
#include "domain/desk/NotaryService.h"
#include "reports/PdfWriter.h"

namespace da06::cli {

namespace {

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

std::string partyState(const desk::CaseParty& p)
{
    if (p.passing) {
        return "verified by " + optText(p.checkReference) + " (" +
               (p.checkOutcome ? desk::outcomeName(*p.checkOutcome) : "") + ")";
    }
    if (p.exception) {
        return "EXCEPTION: " + *p.exception;
    }
    if (p.checkReference) {
        return "check " + *p.checkReference + " DOES NOT PASS (" +
               (p.checkOutcome ? desk::outcomeName(*p.checkOutcome) : "") + ")";
    }
    return "NOT VERIFIED";
}

void printCompletion(std::ostream& out, const desk::NotarialCase& c)
{
    const auto blocking = c.blockingParties();
    if (c.parties.empty()) {
        out << "Cannot be completed yet: the case has no party.\n";
    } else if (!blocking.empty()) {
        out << "Cannot be completed yet: " << blocking.size() << " part"
            << (blocking.size() == 1 ? "y lacks" : "ies lack") << " a passing check or an exception.\n";
    } else {
        out << "Ready to complete.\n";
    }
}

void printCase(std::ostream& out, const desk::NotarialCase& c)
{
    out << "Case " << c.number << " (" << c.uid << ") — model " << c.model << ", " << desk::actKindLabel(c.actKind)
        << "\n";
    out << c.title << "\n";
    out << "Status: " << desk::caseStatusName(c.status) << "; opened by " << c.openedBy << " at "
        << ui::localTimeText(c.openedAt);
    if (c.closedAt) {
        out << "; closed by " << optText(c.closedBy) << " at " << ui::localTimeText(*c.closedAt);
    }
    out << "\n";
    out << "Parties (" << c.parties.size() << "):\n";
    for (const auto& p : c.parties) {
        out << "  " << p.uid << "  " << padded(desk::partyRoleLabel(p.role), 18) << " "
            << padded(p.name ? *p.name : "(details deleted)", 28) << " " << partyState(p) << "\n";
    }
    if (!c.documents.empty()) {
        out << "Documents (" << c.documents.size() << "):\n";
        for (const auto& d : c.documents) {
            out << "  " << d.uid << "  " << d.fileName << " (" << d.size << " bytes) sha256 " << d.sha256
                << (d.certification ? "  certified " + *d.certification : "") << "\n";
        }
    }
    if (c.status == desk::CaseStatus::Open) {
        printCompletion(out, c);
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
    return reports::writePdf(
        reports::receiptDocument(ui::certificationReceipt(c, unit.name, localToday(g), unit.heading)), path);
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

// Every case command reads its options first (Options o), then opens the store (run).
struct CaseCommand {
    Context& c;
    Options o;
    bool json;

    explicit CaseCommand(Context& ctx) : c(ctx), o(ctx.a, kCaseUsage), json(o.flag("--json")) {}

    const std::string& word(std::size_t i) const { return c.a.rest()[i]; }

    // After the options: exactly `words` words, then the body with the notary service.
    int run(std::size_t words, const std::function<Result<int>(access::Session&, desk::NotaryService&)>& body)
    {
        return o.run(words, c, [&](access::Session& s) -> Result<int> {
            desk::NotaryService notary(s.store.db(), *c.g.clock, s.actor);
            return body(s, notary);
        });
    }

    // The case in JSON, or the line.
    Result<int> showCase(desk::NotaryService& notary, const std::string& ref, const std::string& line)
    {
        DA06_TRY(found, notary.get(ref));
        if (json) {
            c.print(desk::caseToJson(*found));
        } else {
            c.out << line << "\n";
        }
        return kExitOk;
    }
};

int caseOpen(Context& ctx)
{
    CaseCommand cmd(ctx);
    auto number = cmd.o.text("--number");
    auto model = cmd.o.integer("--model", 1, 1000, "a model number");
    auto kind = cmd.o.text("--kind");
    auto title = cmd.o.text("--title");
    cmd.o.require(number && model && kind && title, "case open needs --number, --model, --kind and --title");
    const desk::NewCase nc{number.value_or(""), static_cast<int>(model.value_or(4)), kind.value_or(""),
                           title.value_or("")};
    return cmd.run(0, [&](access::Session&, desk::NotaryService& notary) -> Result<int> {
        DA06_TRY(c, notary.open(nc));
        if (cmd.json) {
            ctx.print(desk::caseToJson(*c));
        } else {
            ctx.out << "Opened case " << c->number << " (" << c->uid << "), model " << c->model << ", "
                    << desk::actKindLabel(c->actKind) << ". Add its parties with `da06 case party " << c->number
                    << " --role ROLE --check REF`.\n";
        }
        return kExitOk;
    });
}

std::string addedPartyState(const desk::CaseParty& p)
{
    if (p.passing) {
        return "verified by " + optText(p.checkReference);
    }
    return p.checkReference ? "check " + *p.checkReference + " DOES NOT PASS: record a new check or an exception"
                            : "not verified yet (give it a check or an exception before completion)";
}

int caseParty(Context& ctx)
{
    CaseCommand cmd(ctx);
    auto role = cmd.o.text("--role");
    auto check = cmd.o.text("--check");
    auto name = cmd.o.text("--name");
    cmd.o.require(role.has_value(), "case party needs --role ROLE");
    cmd.o.require(check.has_value() != name.has_value(), "case party needs either --check REF or --name NAME");
    return cmd.run(1, [&](access::Session&, desk::NotaryService& notary) -> Result<int> {
        const std::string caseRef = cmd.word(0);
        DA06_TRY(p, check ? notary.addParty(caseRef, *role, *check) : notary.addPartyByName(caseRef, *role, *name));
        if (cmd.json) {
            return cmd.showCase(notary, caseRef, "");
        }
        ctx.out << "Added party " << p->uid << " (" << desk::partyRoleLabel(p->role) << ") to case " << caseRef << ": "
                << addedPartyState(*p) << ".\n";
        return kExitOk;
    });
}

int caseVerify(Context& ctx)
{
    CaseCommand cmd(ctx);
    auto party = cmd.o.text("--party");
    auto check = cmd.o.text("--check");
    cmd.o.require(party && check, "case verify needs --party PARTY and --check REF");
    return cmd.run(1, [&](access::Session&, desk::NotaryService& notary) -> Result<int> {
        const std::string caseRef = cmd.word(0);
        DA06_CHECK(notary.verifyParty(caseRef, *party, *check));
        return cmd.showCase(notary, caseRef,
                            "Party " + *party + " of case " + caseRef + " is verified by " + *check + ".");
    });
}

int caseException(Context& ctx)
{
    CaseCommand cmd(ctx);
    auto party = cmd.o.text("--party");
    auto reason = cmd.o.text("--reason");
    cmd.o.require(party && reason, "case exception needs --party PARTY and --reason TEXT");
    return cmd.run(1, [&](access::Session&, desk::NotaryService& notary) -> Result<int> {
        const std::string caseRef = cmd.word(0);
        DA06_CHECK(notary.setException(caseRef, *party, *reason));
        return cmd.showCase(notary, caseRef,
                            "Recorded the exception for party " + *party + " of case " + caseRef + ".");
    });
}

int caseComplete(Context& ctx)
{
    CaseCommand cmd(ctx);
    return cmd.run(1, [&](access::Session&, desk::NotaryService& notary) -> Result<int> {
        DA06_TRY(c, notary.complete(cmd.word(0))); // the error names the parties that block it
        if (cmd.json) {
            ctx.print(desk::caseToJson(*c));
        } else {
            ctx.out << "Completed case " << c->number << ": " << c->parties.size() << " parties.\n";
        }
        return kExitOk;
    });
}

int caseCancel(Context& ctx)
{
    CaseCommand cmd(ctx);
    auto reason = cmd.o.text("--reason");
    cmd.o.require(reason.has_value(), "case cancel needs --reason TEXT");
    return cmd.run(1, [&](access::Session&, desk::NotaryService& notary) -> Result<int> {
        const std::string caseRef = cmd.word(0);
        DA06_CHECK(notary.cancel(caseRef, *reason));
        return cmd.showCase(notary, caseRef, "Cancelled case " + caseRef + ".");
    });
}

int caseShow(Context& ctx)
{
    CaseCommand cmd(ctx);
    return cmd.run(1, [&](access::Session&, desk::NotaryService& notary) -> Result<int> {
        DA06_TRY(c, notary.get(cmd.word(0)));
        if (cmd.json) {
            ctx.print(desk::caseToJson(*c));
        } else {
            printCase(ctx.out, *c);
        }
        return kExitOk;
    });
}

int caseList(Context& ctx)
{
    CaseCommand cmd(ctx);
    const std::string search = cmd.o.text("--search").value_or("");
    std::optional<desk::CaseStatus> status;
    if (auto st = cmd.o.text("--status")) {
        status = caseStatusArg(*st);
        cmd.o.require(status.has_value(), "--status: \"" + *st + "\" is not open, completed or cancelled");
    }
    return cmd.run(0, [&](access::Session&, desk::NotaryService& notary) -> Result<int> {
        DA06_TRY(list, notary.list(search, status));
        if (cmd.json) {
            ctx.print(jsonArray(*list, desk::caseToJson));
            return kExitOk;
        }
        for (const auto& c : *list) {
            ctx.out << padded(c.number, 22) << " M" << padded(std::to_string(c.model), 2) << " "
                    << padded(desk::caseStatusName(c.status), 10) << " " << padded(desk::actKindLabel(c.actKind), 26)
                    << " " << c.parties.size() << " parties  " << c.title << "\n";
        }
        ctx.out << counted(list->size(), "case") << "\n";
        return kExitOk;
    });
}

int caseAttach(Context& ctx)
{
    CaseCommand cmd(ctx);
    int rc = kExitOk;
    if (!cmd.o.done(2, rc, ctx.err)) {
        return rc;
    }
    auto data = readInput(cmd.word(1)); // read before the store is opened
    if (!data) {
        return report(ctx.err, data.error());
    }
    const std::vector<unsigned char> fileData(data->begin(), data->end());
    return cmd.run(2, [&](access::Session&, desk::NotaryService& notary) -> Result<int> {
        const std::string caseRef = cmd.word(0);
        const std::filesystem::path file(cmd.word(1));
        DA06_TRY(d, notary.attachDocument(caseRef, file.filename().string(), mediaTypeOf(file), fileData));
        if (cmd.json) {
            ctx.print(desk::caseDocumentToJson(*d));
        } else {
            ctx.out << "Attached " << d->fileName << " (" << d->size << " bytes, document " << d->uid << ", sha256 "
                    << d->sha256 << ") to case " << caseRef << ", kept encrypted in the store.\n";
        }
        return kExitOk;
    });
}

// case certify DOCUMENT [--pdf FILE], case certificate CT-REF --pdf FILE
int caseCertifyOrCertificate(Context& ctx, bool certify)
{
    CaseCommand cmd(ctx);
    auto pdf = cmd.o.text("--pdf");
    if (!certify) {
        cmd.o.require(pdf.has_value(), "case certificate needs --pdf FILE");
    }
    return cmd.run(1, [&](access::Session& s, desk::NotaryService& notary) -> Result<int> {
        DA06_TRY(c, certify ? notary.certify(cmd.word(0)) : notary.certification(cmd.word(0)));
        if (pdf) {
            if (auto w = writeCertificate(s, ctx.g, *c, *pdf); !w) {
                if (certify) {
                    ctx.err << "da06: the document was certified as " << c->reference
                            << ", but its certificate could not be written "
                            << "(print it again with `da06 case certificate " << c->reference << " --pdf FILE`)\n";
                }
                return std::unexpected(w.error());
            }
        }
        if (cmd.json) {
            ctx.print(desk::certificationToJson(*c));
            return kExitOk;
        }
        ctx.out << (certify ? "Certified " : "Certification ") << c->fileName << " of case " << c->caseNumber << ": "
                << c->reference << "\nSHA-256 " << c->sha256 << "\nQR " << c->qrPayload() << "\n";
        if (pdf) {
            ctx.out << "wrote " << *pdf << "\n";
        }
        return kExitOk;
    });
}

int caseCertify(Context& c)
{
    return caseCertifyOrCertificate(c, true);
}

int caseCertificate(Context& c)
{
    return caseCertifyOrCertificate(c, false);
}

constexpr SubcommandEntry kCaseCommands[] = {
    {"open", caseOpen},
    {"party", caseParty},
    {"verify", caseVerify},
    {"exception", caseException},
    {"complete", caseComplete},
    {"cancel", caseCancel},
    {"show", caseShow},
    {"list", caseList},
    {"attach", caseAttach},
    {"certify", caseCertify},
    {"certificate", caseCertificate},
};

} // namespace

int cmdCase(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    Context c{g, a, out, err};
    return dispatch(c, kCaseCommands, "case", kCaseUsage);
}

} // namespace da06::cli
