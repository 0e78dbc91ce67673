// da06 welfare import|lists|search|match|pay|receipt|loan|loans|payouts|reconcile: welfare lists of
// models 19 and 35, matched against identity checks before a payout or a loan application (issue 8).
#include "client/cli/Commands.h"
#include "client/cli/commands/DeskSupport.h"
#include "domain/desk/DeskJson.h"
#include "domain/desk/WelfareService.h"
#include "reports/PdfWriter.h"

namespace da06::cli {

namespace {

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

void printBeneficiary(std::ostream& out, const desk::Beneficiary& b)
{
    out << "  #" << padded(std::to_string(b.id), 6) << " " << padded(b.period, 8) << " " << padded(b.fullName, 26)
        << " " << b.idNumber << "  " << padded(desk::categoryLabel(b.category), 22) << " "
        << padded(reports::vndAmount(b.amount), 16) << " " << b.programme << " (" << b.listName << ")\n";
}

Status writePayoutReceipt(access::Session& s, const Globals& g, const desk::Payout& p, const std::string& path)
{
    const auto unit = receiptUnit(s, g, "");
    return reports::writePdf(
        reports::receiptDocument(ui::payoutReceipt(p, unit.name, unit.code, localToday(g), unit.heading)), path);
}

// welfare import FILE --name NAME --model 19|35: the file is read before the store is opened.
int welfareImport(Context& c)
{
    Options o(c.a, kWelfareUsage);
    const bool json = o.flag("--json");
    auto name = o.text("--name");
    auto model = o.integer("--model", 1, 1000, "a model number");
    o.require(name && model, "welfare import needs --name NAME and --model 19|35");
    int rc = kExitOk;
    if (!o.done(1, rc, c.err)) {
        return rc;
    }
    auto csv = readInput(c.a.rest().front());
    if (!csv) {
        return report(c.err, csv.error());
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        desk::WelfareService welfare(s.store.db(), *c.g.clock, s.actor);
        DA06_TRY(r, welfare.importList(*name, static_cast<int>(*model), *csv));
        if (json) {
            c.print(desk::importToJson(*r));
        } else {
            c.out << "Imported " << r->imported << " beneficiaries into the list \"" << *name << "\" (" << r->listUid
                  << ")";
            c.out << (r->problems.empty() ? ".\n" : "; refused " + counted(r->problems.size(), "line") + ":\n");
            for (const auto& p : r->problems) {
                c.out << "  line " << p.line << ": " << p.message << "\n";
            }
        }
        return r->imported == 0 && !r->problems.empty() ? kExitInvalidInput : kExitOk;
    });
}

// The options every welfare command but import reads (in this order), whether it uses them or not.
struct WelfareCommand {
    Context& c;
    Options o;
    bool json;
    std::optional<std::string> check, period;
    std::optional<long long> beneficiary;
    std::optional<std::string> receipt, pdf, xlsx;
    std::string search;

    explicit WelfareCommand(Context& ctx)
        : c(ctx), o(ctx.a, kWelfareUsage), json(o.flag("--json")), check(o.text("--check")),
          period(o.period("--period")),
          beneficiary(o.integer("--beneficiary", 1, 1'000'000'000'000LL, "a beneficiary id (the # of the list row)")),
          receipt(o.text("--receipt")), pdf(o.text("--pdf")), xlsx(o.text("--xlsx")),
          search(o.text("--search").value_or(""))
    {
    }

    const std::string& word() const { return c.a.rest().front(); }

    // After the options: exactly `words` words, then the body with the welfare service.
    int run(std::size_t words, const std::function<Result<int>(access::Session&, desk::WelfareService&)>& body)
    {
        return o.run(words, c, [&](access::Session& s) -> Result<int> {
            desk::WelfareService welfare(s.store.db(), *c.g.clock, s.actor);
            return body(s, welfare);
        });
    }
};

int welfareLists(Context& ctx)
{
    WelfareCommand cmd(ctx);
    return cmd.run(0, [&](access::Session&, desk::WelfareService& welfare) -> Result<int> {
        DA06_TRY(lists, welfare.lists());
        if (cmd.json) {
            ctx.print(jsonArray(*lists, desk::welfareListToJson));
            return kExitOk;
        }
        for (const auto& l : *lists) {
            ctx.out << l.uid << "  M" << padded(std::to_string(l.model), 3) << " "
                    << padded(counted(static_cast<std::size_t>(l.rows), "row"), 10) << " " << padded(l.name, 40)
                    << " imported by " << l.importedBy << " at " << ui::localTimeText(l.importedAt) << "\n";
        }
        return kExitOk;
    });
}

int welfareSearch(Context& ctx)
{
    WelfareCommand cmd(ctx);
    return cmd.run(1, [&](access::Session&, desk::WelfareService& welfare) -> Result<int> {
        DA06_TRY(list, welfare.beneficiaries(cmd.word(), cmd.period.value_or("")));
        if (cmd.json) {
            ctx.print(jsonArray(*list, desk::beneficiaryToJson));
            return kExitOk;
        }
        for (const auto& b : *list) {
            printBeneficiary(ctx.out, b);
        }
        ctx.out << counted(list->size(), "row") << "\n";
        return kExitOk;
    });
}

void printMatch(std::ostream& out, const desk::Match& m, const std::optional<std::string>& period)
{
    switch (m.eligibility) {
    case desk::Eligibility::Eligible:
        out << "ELIGIBLE";
        break;
    case desk::Eligibility::NotListed:
        out << "NOT LISTED";
        break;
    case desk::Eligibility::AlreadyPaid:
        out << "ALREADY PAID";
        break;
    }
    out << (period ? " for " + *period : "") << "\n";
    if (m.nameDiffers) {
        out << "! The name on the list differs from the card's (diacritics ignored): compare before paying.\n";
    }
    for (const auto& b : m.entries) {
        printBeneficiary(out, b);
    }
    for (const auto& r : m.paidReferences) {
        out << "  paid: " << r << "\n";
    }
}

int welfareMatch(Context& ctx)
{
    WelfareCommand cmd(ctx);
    cmd.o.require(cmd.check.has_value(), "welfare match needs --check REF");
    return cmd.run(0, [&](access::Session&, desk::WelfareService& welfare) -> Result<int> {
        DA06_TRY(m, welfare.match(*cmd.check, cmd.period.value_or("")));
        if (cmd.json) {
            ctx.print(desk::matchToJson(*m));
        } else {
            printMatch(ctx.out, *m, cmd.period);
        }
        return kExitOk;
    });
}

// The payout in JSON, or the lines of pay and receipt.
int printPayout(WelfareCommand& cmd, const desk::Payout& p, bool pay, const std::optional<std::string>& path)
{
    if (cmd.json) {
        cmd.c.print(desk::payoutToJson(p));
        return kExitOk;
    }
    if (pay) {
        cmd.c.out << "Paid " << reports::vndAmount(p.amount) << " (" << p.programme << ", " << p.period << ") to "
                  << p.fullName << ": payout " << p.reference << ".\n";
    }
    if (path) {
        cmd.c.out << "wrote " << *path << "\n";
    }
    return kExitOk;
}

int welfarePay(Context& ctx)
{
    WelfareCommand cmd(ctx);
    cmd.o.require(cmd.beneficiary && cmd.check, "welfare pay needs --beneficiary ID and --check REF");
    return cmd.run(0, [&](access::Session& s, desk::WelfareService& welfare) -> Result<int> {
        auto p = welfare.pay(*cmd.beneficiary, *cmd.check);
        if (!p) {
            if (p.error().code != ErrorCode::PermissionDenied && p.error().code != ErrorCode::NotFound) {
                ctx.err << "da06: payout refused: " << p.error().message << "\n";
                return exitCodeFor(p.error());
            }
            return std::unexpected(p.error());
        }
        if (cmd.receipt) {
            if (auto w = writePayoutReceipt(s, ctx.g, *p, *cmd.receipt); !w) {
                ctx.err << "da06: the payout " << p->reference << " was recorded, but its receipt could not be written "
                        << "(print it again with `da06 welfare receipt " << p->reference << " --pdf FILE`)\n";
                return std::unexpected(w.error());
            }
        }
        return printPayout(cmd, *p, true, cmd.receipt);
    });
}

int welfareReceipt(Context& ctx)
{
    WelfareCommand cmd(ctx);
    cmd.o.require(cmd.pdf.has_value(), "welfare receipt needs --pdf FILE");
    return cmd.run(1, [&](access::Session& s, desk::WelfareService& welfare) -> Result<int> {
        DA06_TRY(p, welfare.payout(cmd.word()));
        DA06_CHECK(writePayoutReceipt(s, ctx.g, *p, *cmd.pdf));
        return printPayout(cmd, *p, false, cmd.pdf);
    });
}

int welfareLoan(Context& ctx)
{
    WelfareCommand cmd(ctx);
    auto amount = cmd.o.amount("--amount");
    auto purpose = cmd.o.text("--purpose");
    auto term = cmd.o.integer("--term", 1, 600, "a number of months (1–600)");
    cmd.o.require(cmd.beneficiary && cmd.check && amount && purpose && term,
                  "welfare loan needs --beneficiary, --check, --amount, --purpose and --term");
    return cmd.run(0, [&](access::Session&, desk::WelfareService& welfare) -> Result<int> {
        DA06_TRY(l, welfare.applyForLoan(*cmd.beneficiary, *cmd.check, *amount, *purpose, static_cast<int>(*term)));
        if (cmd.json) {
            ctx.print(desk::loanToJson(*l));
        } else {
            ctx.out << "Recorded the loan application " << l->reference << ": " << reports::vndAmount(l->amount)
                    << " over " << l->termMonths << " months for " << l->fullName << " (" << l->status << ").\n";
        }
        return kExitOk;
    });
}

int welfareLoans(Context& ctx)
{
    WelfareCommand cmd(ctx);
    return cmd.run(0, [&](access::Session&, desk::WelfareService& welfare) -> Result<int> {
        DA06_TRY(list, welfare.loans(cmd.search));
        if (cmd.json) {
            ctx.print(jsonArray(*list, desk::loanToJson));
            return kExitOk;
        }
        for (const auto& l : *list) {
            ctx.out << padded(l.reference, 19) << " " << padded(l.status, 10) << " "
                    << padded(reports::vndAmount(l.amount), 18) << " " << l.termMonths << " months  "
                    << padded(l.fullName, 26) << " " << l.purpose << "\n";
        }
        return kExitOk;
    });
}

int welfarePayouts(Context& ctx)
{
    WelfareCommand cmd(ctx);
    cmd.o.require(cmd.period.has_value(), "welfare payouts needs --period P");
    return cmd.run(0, [&](access::Session&, desk::WelfareService& welfare) -> Result<int> {
        DA06_TRY(list, welfare.payouts(*cmd.period, cmd.search));
        if (cmd.json) {
            ctx.print(jsonArray(*list, desk::payoutToJson));
            return kExitOk;
        }
        std::int64_t total = 0;
        for (const auto& p : *list) {
            total += p.amount;
            ctx.out << padded(p.reference, 19) << " " << padded(ui::localTimeText(p.paidAt), 22) << " "
                    << padded(p.fullName, 26) << " " << padded(reports::vndAmount(p.amount), 16) << " " << p.programme
                    << "\n";
        }
        ctx.out << counted(list->size(), "payout") << ", " << reports::vndAmount(total) << "\n";
        return kExitOk;
    });
}

void printReconciliation(std::ostream& out, const desk::ReconciliationResult& r)
{
    out << "Reconciliation of " << r.period << ":\n";
    for (const auto& l : r.lines) {
        out << "  " << padded(l.programme, 30) << " " << padded(desk::categoryLabel(l.category), 22) << " "
            << padded(l.period, 8) << " paid " << l.paid << "/" << l.listed << "  " << reports::vndAmount(l.paidAmount)
            << " of " << reports::vndAmount(l.listedAmount) << "\n";
    }
    out << r.unpaid.size() << " listed people not paid yet\n";
    for (const auto& b : r.unpaid) {
        printBeneficiary(out, b);
    }
}

int welfareReconcile(Context& ctx)
{
    WelfareCommand cmd(ctx);
    cmd.o.require(cmd.period.has_value(), "welfare reconcile needs --period P");
    return cmd.run(0, [&](access::Session& s, desk::WelfareService& welfare) -> Result<int> {
        DA06_TRY(r, welfare.reconcile(*cmd.period));
        if (cmd.pdf || cmd.xlsx) {
            const auto unit = receiptUnit(s, ctx.g, "");
            const auto doc =
                reports::reconciliationDocument(ui::reconciliation(*r, unit.name, localToday(ctx.g), unit.heading));
            DA06_CHECK(writeDocuments(doc, cmd.pdf, cmd.xlsx, ctx.out, cmd.json));
        }
        if (cmd.json) {
            ctx.print(desk::reconciliationToJson(*r));
        } else {
            printReconciliation(ctx.out, *r);
        }
        return kExitOk;
    });
}

constexpr SubcommandEntry kWelfareCommands[] = {
    {"import", welfareImport},   {"lists", welfareLists},         {"search", welfareSearch}, {"match", welfareMatch},
    {"pay", welfarePay},         {"receipt", welfareReceipt},     {"loan", welfareLoan},     {"loans", welfareLoans},
    {"payouts", welfarePayouts}, {"reconcile", welfareReconcile},
};

} // namespace

int cmdWelfare(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    Context c{g, a, out, err};
    return dispatch(c, kWelfareCommands, "welfare", kWelfareUsage);
}

} // namespace da06::cli
