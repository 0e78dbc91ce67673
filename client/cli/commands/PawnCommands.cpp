// da06 pawn create|close|list|register: the pawnshop register of model 15 (issue 8); each contract
// names the identity check of its customer.
#include <algorithm>

#include "client/cli/Commands.h"
#include "client/cli/commands/DeskSupport.h"
#include "domain/desk/DeskJson.h"
#include "domain/desk/PawnService.h"

namespace da06::cli {

namespace {

const char* const kPawnUsage =
    "usage: da06 pawn create --number N --check REF --item TEXT --value DONG --loan DONG --interest PERCENT\n"
    "                        --start DATE --due DATE [--json]\n"
    "       da06 pawn close N --redeemed|--liquidated [--on DATE] [--json]\n"
    "       da06 pawn list [--from DATE] [--to DATE] [--search TEXT] [--json]\n"
    "       da06 pawn register --from DATE --to DATE (--pdf FILE | --xlsx FILE) [--business NAME] [--address TEXT]";

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

int pawnCreate(Context& c)
{
    Options o(c.a, kPawnUsage);
    const bool json = o.flag("--json");
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
    return o.run(0, c, [&](access::Session& s) -> Result<int> {
        const desk::NewPawn p{*number, *check, *item, *value, *loan, *interest, *start, *due};
        DA06_TRY(contract, desk::PawnService(s.store.db(), *c.g.clock, s.actor).create(p));
        if (json) {
            c.print(desk::pawnToJson(*contract));
            return kExitOk;
        }
        c.out << "Registered pawn contract " << contract->number << " (" << contract->uid
              << "): " << reports::vndAmount(contract->loan) << " on " << contract->item << ", due "
              << contract->due.toVietnamese() << ".\n";
        printAlerts(c.out, contract->alerts);
        return kExitOk;
    });
}

int pawnClose(Context& c)
{
    Options o(c.a, kPawnUsage);
    const bool json = o.flag("--json");
    const bool redeemed = o.flag("--redeemed");
    const bool liquidated = o.flag("--liquidated");
    auto on = o.date("--on");
    o.require(redeemed != liquidated, "pawn close needs --redeemed or --liquidated");
    return o.run(1, c, [&](access::Session& s) -> Result<int> {
        desk::PawnService pawns(s.store.db(), *c.g.clock, s.actor);
        DA06_TRY(contract,
                 pawns.close(c.a.rest().front(), redeemed ? desk::PawnStatus::Redeemed : desk::PawnStatus::Liquidated,
                             on.value_or(localToday(c.g))));
        if (json) {
            c.print(desk::pawnToJson(*contract));
        } else {
            c.out << "Contract " << contract->number << ": " << desk::pawnStatusName(contract->status) << " ("
                  << desk::pawnStatusLabel(contract->status) << ") on "
                  << (contract->closed ? contract->closed->toVietnamese() : "") << ".\n";
        }
        return kExitOk;
    });
}

// The options of pawn list and pawn register (register needs the period and a file).
struct ListOptions {
    bool json = false;
    std::optional<Date> from, to;
    std::string search;
    std::optional<std::string> pdf, xlsx, business, address;
};

bool readListOptions(Context& c, bool reg, ListOptions& l, int& rc)
{
    Options o(c.a, kPawnUsage);
    l.json = o.flag("--json");
    l.from = o.date("--from");
    l.to = o.date("--to");
    l.search = o.text("--search").value_or("");
    l.pdf = o.text("--pdf");
    l.xlsx = o.text("--xlsx");
    l.business = o.text("--business");
    l.address = o.text("--address");
    if (reg) {
        o.require(l.from && l.to, "pawn register needs --from DATE and --to DATE");
        o.require(l.pdf || l.xlsx, "pawn register needs --pdf FILE or --xlsx FILE");
    } else {
        o.require(!l.pdf && !l.xlsx && !l.business && !l.address,
                  "--pdf, --xlsx, --business and --address belong to pawn register");
    }
    if (l.from && l.to && *l.to < *l.from) {
        o.problem("--to comes before --from");
    }
    return o.done(0, rc, c.err);
}

int pawnList(Context& c)
{
    ListOptions l;
    int rc = kExitOk;
    if (!readListOptions(c, false, l, rc)) {
        return rc;
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(list, desk::PawnService(s.store.db(), *c.g.clock, s.actor).list(l.from, l.to, l.search, 1000));
        if (l.json) {
            c.print(jsonArray(*list, desk::pawnToJson));
            return kExitOk;
        }
        for (const auto& contract : *list) {
            printPawnLine(c.out, contract);
        }
        c.out << counted(list->size(), "contract") << "\n";
        return kExitOk;
    });
}

Status writeRegister(access::Session& s, Context& c, const ListOptions& l, const std::vector<desk::PawnContract>& rows)
{
    const auto unit = receiptUnit(s, c.g, "");
    const auto doc = reports::pawnRegisterDocument(ui::pawnRegister(
        rows, l.business.value_or(unit.name), l.address.value_or(""), *l.from, *l.to, localToday(c.g)));
    return writeDocuments(doc, l.pdf, l.xlsx, c.out, l.json);
}

int pawnRegister(Context& c)
{
    ListOptions l;
    int rc = kExitOk;
    if (!readListOptions(c, true, l, rc)) {
        return rc;
    }
    return withSession(c, [&](access::Session& s) -> Result<int> {
        DA06_TRY(list, desk::PawnService(s.store.db(), *c.g.clock, s.actor).list(l.from, l.to, l.search, 1000000));
        std::vector<desk::PawnContract> rows = *list;
        std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) {
            return x.start != y.start ? x.start < y.start : x.number < y.number;
        });
        DA06_CHECK(writeRegister(s, c, l, rows));
        if (l.json) {
            json::Value r;
            r.set("from", l.from->toIso());
            r.set("to", l.to->toIso());
            r.set("contracts", static_cast<long long>(rows.size()));
            r.set("pdf", l.pdf ? json::Value(*l.pdf) : json::Value(nullptr));
            r.set("xlsx", l.xlsx ? json::Value(*l.xlsx) : json::Value(nullptr));
            c.print(r);
        } else {
            c.out << counted(rows.size(), "contract") << " from " << l.from->toVietnamese() << " to "
                  << l.to->toVietnamese() << ".\n";
        }
        return kExitOk;
    });
}

constexpr SubcommandEntry kPawnCommands[] = {
    {"create", pawnCreate},
    {"close", pawnClose},
    {"list", pawnList},
    {"register", pawnRegister},
};

} // namespace

int cmdPawn(const Globals& g, Args& a, std::ostream& out, std::ostream& err)
{
    Context c{g, a, out, err};
    return dispatch(c, kPawnCommands, "pawn", kPawnUsage);
}

} // namespace da06::cli
