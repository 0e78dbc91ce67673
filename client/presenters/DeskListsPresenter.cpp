#include "client/presenters/DeskListsPresenter.h"

#include "client/presenters/DeskReceipts.h"
#include "client/presenters/FrontDeskPresenter.h"
#include "client/presenters/Translate.h"
#include "domain/text/Text.h"

namespace da06::ui {

namespace {

std::size_t index(DeskList list)
{
    return static_cast<std::size_t>(list);
}

std::string format2(const std::string& pattern, const std::string& a, const std::string& b)
{
    return format1(format1(pattern, a), b);
}

std::string dayText(const std::string& isoUtc)
{
    const auto d = localDayOf(isoUtc);
    return d ? d->toVietnamese() : isoUtc;
}

std::string caseStatusText(desk::CaseStatus s)
{
    switch (s) {
    case desk::CaseStatus::Open:
        return tr("Open");
    case desk::CaseStatus::Completed:
        return tr("Completed");
    case desk::CaseStatus::Cancelled:
        return tr("Cancelled");
    }
    return "";
}

std::string percentText(double v)
{
    // "1,5 %/tháng" in Vietnamese style: a comma for the decimals.
    std::string s = std::to_string(static_cast<long long>(v * 100.0 + 0.5));
    while (s.size() < 3) {
        s.insert(s.begin(), '0');
    }
    std::string whole = s.substr(0, s.size() - 2);
    std::string dec = s.substr(s.size() - 2);
    while (!dec.empty() && dec.back() == '0') {
        dec.pop_back();
    }
    return whole + (dec.empty() ? "" : "," + dec) + " %";
}

std::string partyName(const desk::CaseParty& p)
{
    return p.name ? *p.name : tr("(details deleted at the end of the retention period)");
}

std::string partyState(const desk::CaseParty& p, Tone& tone)
{
    if (p.passing) {
        tone = Tone::Good;
        return format1(tr("verified by check %s"), p.checkReference.value_or(""));
    }
    if (p.exception) {
        tone = Tone::Warning;
        return format1(tr("exception: %s"), *p.exception);
    }
    tone = Tone::Danger;
    return p.checkReference ? format1(tr("check %s did not pass"), *p.checkReference) : tr("no check yet");
}

} // namespace

std::vector<DeskColumn> DeskListsPresenter::columns(DeskList list)
{
    switch (list) {
    case DeskList::Cases:
        return {{tr("Case number"), 120}, {tr("Kind of act"), 150}, {tr("Title"), 260},
                {tr("Parties"), 170},     {tr("Opened"), 95},       {tr("Status"), 170}};
    case DeskList::Contracts:
        return {{tr("Contract"), 150}, {tr("Customer"), 170}, {tr("Item"), 190},   {tr("Loan"), 115, true},
                {tr("From"), 88},      {tr("Until"), 88},     {tr("Alerts"), 130}, {tr("Status"), 100}};
    case DeskList::Payouts:
        return {{tr("Payout"), 160},     {tr("Beneficiary"), 180},  {tr("Programme"), 200}, {tr("Category"), 130},
                {tr("Pay period"), 110}, {tr("Amount"), 120, true}, {tr("Paid on"), 100}};
    }
    return {};
}

int DeskListsPresenter::toneColumn(DeskList list)
{
    switch (list) {
    case DeskList::Cases:
        return 5;
    case DeskList::Contracts:
        return 7;
    case DeskList::Payouts:
        return -1;
    }
    return -1;
}

const std::vector<DeskRow>& DeskListsPresenter::rows(DeskList list) const
{
    return m_rows[index(list)];
}

const std::string& DeskListsPresenter::selected(DeskList list) const
{
    return m_selected[index(list)];
}

void DeskListsPresenter::failed(const Error& e)
{
    m_view.showError(deskErrorMessage(e));
}

void DeskListsPresenter::load(DeskList list)
{
    switch (list) {
    case DeskList::Cases:
        loadCases();
        break;
    case DeskList::Contracts:
        loadContracts();
        break;
    case DeskList::Payouts:
        loadPayouts();
        break;
    }
    show(list);
}

void DeskListsPresenter::show(DeskList list)
{
    m_view.showRows(list, m_rows[index(list)]);
    // Keep the selection when the row is still there.
    std::string& sel = m_selected[index(list)];
    bool found = false;
    for (const auto& r : m_rows[index(list)]) {
        found = found || r.key == sel;
    }
    if (!found) {
        sel.clear();
    }
    select(list, sel);
}

void DeskListsPresenter::setQuery(DeskList list, const std::string& text)
{
    m_query[index(list)] = text;
    load(list);
}

void DeskListsPresenter::setCaseStatus(std::optional<desk::CaseStatus> status)
{
    m_caseStatus = status;
    load(DeskList::Cases);
}

bool DeskListsPresenter::setContractRange(const std::string& from, const std::string& to)
{
    std::optional<Date> f, t;
    if (!text::trim(from).empty()) {
        f = parseDateInput(from);
        if (!f) {
            m_view.showError(format1(tr("\"%s\" is not a date: type it as dd/mm/yyyy."), from));
            return false;
        }
    }
    if (!text::trim(to).empty()) {
        t = parseDateInput(to);
        if (!t) {
            m_view.showError(format1(tr("\"%s\" is not a date: type it as dd/mm/yyyy."), to));
            return false;
        }
    }
    if (f && t && *t < *f) {
        m_view.showError(tr("The end of the range is before its start."));
        return false;
    }
    m_from = f;
    m_to = t;
    load(DeskList::Contracts);
    return true;
}

bool DeskListsPresenter::setPayoutPeriod(const std::string& periodIn)
{
    const std::string period = text::trim(periodIn);
    if (!period.empty() && !desk::isPeriod(period)) {
        m_view.showError(format1(
            tr("\"%s\" is not a period: type a month (2024-11), a quarter (2024-Q4) or a year (2024)."), period));
        return false;
    }
    m_period = period;
    load(DeskList::Payouts);
    return true;
}

void DeskListsPresenter::loadCases()
{
    auto& rows = m_rows[index(DeskList::Cases)];
    rows.clear();
    desk::NotaryService notary(m_db, m_clock, m_actor);
    auto cases = notary.list(m_query[index(DeskList::Cases)], m_caseStatus);
    if (!cases) {
        failed(cases.error());
        return;
    }
    for (const auto& c : *cases) {
        DeskRow r;
        r.key = c.uid;
        const std::size_t blocking = c.blockingParties().size();
        std::string parties = std::to_string(c.parties.size());
        if (c.status == desk::CaseStatus::Open && blocking > 0) {
            parties += " (" + format1(tr("%s to verify"), std::to_string(blocking)) + ")";
        }
        r.cells = {c.number, desk::actKindLabel(c.actKind), c.title,
                   parties,  dayText(c.openedAt),           caseStatusText(c.status)};
        if (c.status == desk::CaseStatus::Completed) {
            r.tone = Tone::Good;
        } else if (c.status == desk::CaseStatus::Open) {
            r.tone = (blocking > 0 || c.parties.empty()) ? Tone::Warning : Tone::Neutral;
            if (blocking > 0 || c.parties.empty()) {
                r.cells[5] = tr("Open, parties to verify");
            }
        }
        rows.push_back(std::move(r));
    }
    m_view.showStatus(format1(tr("%s notarial case(s)."), std::to_string(rows.size())));
}

void DeskListsPresenter::loadContracts()
{
    auto& rows = m_rows[index(DeskList::Contracts)];
    rows.clear();
    desk::PawnService pawns(m_db, m_clock, m_actor);
    auto contracts = pawns.list(m_from, m_to, m_query[index(DeskList::Contracts)]);
    if (!contracts) {
        failed(contracts.error());
        return;
    }
    for (const auto& c : *contracts) {
        DeskRow r;
        r.key = c.uid;
        std::string alerts;
        for (const auto& a : c.alerts) {
            alerts += (alerts.empty() ? "" : ", ") + std::string(a == "under_18"       ? tr("under 18")
                                                                 : a == "card_expired" ? tr("card expired")
                                                                 : a == "frequent"     ? tr("frequent pawns")
                                                                                       : a);
        }
        r.cells = {c.number,
                   c.customer ? c.customer->fullName : tr("(details deleted)"),
                   c.item,
                   reports::vndAmount(c.loan),
                   c.start.toVietnamese(),
                   c.due.toVietnamese(),
                   alerts,
                   desk::pawnStatusLabel(c.status)};
        if (!c.alerts.empty()) {
            r.tone = Tone::Danger;
        } else if (c.status == desk::PawnStatus::Active) {
            r.tone = c.due < m_clock.today() ? Tone::Warning : Tone::Neutral;
        } else {
            r.tone = Tone::Good;
        }
        rows.push_back(std::move(r));
    }
    m_view.showStatus(format1(tr("%s pawn contract(s)."), std::to_string(rows.size())));
}

void DeskListsPresenter::loadPayouts()
{
    auto& rows = m_rows[index(DeskList::Payouts)];
    rows.clear();
    desk::WelfareService welfare(m_db, m_clock, m_actor);
    auto payouts = welfare.payouts(m_period, m_query[index(DeskList::Payouts)]);
    if (!payouts) {
        failed(payouts.error());
        return;
    }
    for (const auto& p : *payouts) {
        DeskRow r;
        r.key = p.uid;
        r.cells = {p.reference,           p.fullName,
                   p.programme,           desk::categoryLabel(p.category),
                   periodLabel(p.period), reports::vndAmount(p.amount),
                   dayText(p.paidAt)};
        rows.push_back(std::move(r));
    }
    m_view.showStatus(format1(tr("%s payout(s)."), std::to_string(rows.size())));
}

void DeskListsPresenter::select(DeskList list, const std::string& key)
{
    m_selected[index(list)] = key;
    if (key.empty()) {
        m_view.showDetail(list, DeskDetail{});
        return;
    }
    switch (list) {
    case DeskList::Cases:
        showCase(key);
        break;
    case DeskList::Contracts:
        showContract(key);
        break;
    case DeskList::Payouts:
        showPayout(key);
        break;
    }
}

void DeskListsPresenter::showCase(const std::string& key)
{
    desk::NotaryService notary(m_db, m_clock, m_actor);
    auto c = notary.get(key);
    if (!c) {
        failed(c.error());
        return;
    }
    DeskDetail d;
    d.heading = format1(tr("Case %s"), c->number) + " – " + desk::actKindLabel(c->actKind);
    d.lines.push_back({tr("Title"), c->title});
    d.lines.push_back({tr("Model"), std::to_string(c->model)});
    d.lines.push_back({tr("Opened"), localTimeText(c->openedAt) + " – " + c->openedBy});
    DeskDetailLine status{tr("Status"), caseStatusText(c->status)};
    status.tone = c->status == desk::CaseStatus::Completed ? Tone::Good : Tone::Neutral;
    if (c->closedAt) {
        status.value += " – " + localTimeText(*c->closedAt) + (c->closedBy ? " – " + *c->closedBy : "");
    }
    d.lines.push_back(status);
    for (const auto& p : c->parties) {
        DeskDetailLine line;
        line.label = desk::partyRoleLabel(p.role);
        line.value = partyName(p) + " – " + partyState(p, line.tone);
        d.lines.push_back(line);
    }
    if (c->parties.empty()) {
        d.lines.push_back(
            {tr("Parties"), tr("none yet: attach a check from the identity-check page (Ctrl+G)"), Tone::Warning});
    }
    for (const auto& doc : c->documents) {
        d.lines.push_back({tr("Document"), doc.fileName + (doc.certification ? " – " + *doc.certification : "")});
    }
    m_view.showDetail(DeskList::Cases, d);
}

void DeskListsPresenter::showContract(const std::string& key)
{
    desk::PawnService pawns(m_db, m_clock, m_actor);
    auto c = pawns.get(key);
    if (!c) {
        failed(c.error());
        return;
    }
    DeskDetail d;
    d.heading = format1(tr("Pawn contract %s"), c->number) + " – " + desk::pawnStatusLabel(c->status);
    if (c->customer) {
        d.lines.push_back({tr("Customer"), c->customer->fullName});
        d.lines.push_back({tr("Card number"), c->customer->idNumber});
        if (c->customer->dateOfBirth) {
            d.lines.push_back({tr("Date of birth"), c->customer->dateOfBirth->toVietnamese()});
        }
        d.lines.push_back({tr("Residence"), c->customer->address});
    } else {
        d.lines.push_back({tr("Customer"), tr("(details deleted at the end of the retention period)")});
    }
    d.lines.push_back({tr("Check"), c->checkReference});
    d.lines.push_back({tr("Item"), c->item});
    d.lines.push_back({tr("Value"), reports::vndAmount(c->value)});
    d.lines.push_back({tr("Loan"), reports::vndAmount(c->loan)});
    d.lines.push_back({tr("Interest"), percentText(c->interest) + tr(" per month")});
    d.lines.push_back({tr("From"), c->start.toVietnamese()});
    d.lines.push_back({tr("Until"), c->due.toVietnamese()});
    if (c->closed) {
        d.lines.push_back({tr("Closed on"), c->closed->toVietnamese()});
    }
    for (const auto& a : c->alerts) {
        d.lines.push_back({tr("Alert"), desk::alertLabel(a), Tone::Danger});
    }
    m_view.showDetail(DeskList::Contracts, d);
}

void DeskListsPresenter::showPayout(const std::string& key)
{
    desk::WelfareService welfare(m_db, m_clock, m_actor);
    auto p = welfare.payout(key);
    if (!p) {
        failed(p.error());
        return;
    }
    DeskDetail d;
    d.heading = format1(tr("Payout %s"), p->reference);
    d.lines.push_back({tr("Beneficiary"), p->fullName});
    d.lines.push_back({tr("Card number"), p->idNumber});
    d.lines.push_back({tr("Programme"), p->programme});
    d.lines.push_back({tr("Category"), desk::categoryLabel(p->category)});
    d.lines.push_back({tr("Pay period"), periodLabel(p->period)});
    d.lines.push_back({tr("Amount"), reports::vndAmount(p->amount) + " (" + reports::vndInWords(p->amount) + ")"});
    d.lines.push_back({tr("Check"), p->checkReference});
    d.lines.push_back({tr("Paid"), localTimeText(p->paidAt) + " – " + p->paidBy, Tone::Good});
    m_view.showDetail(DeskList::Payouts, d);
}

bool DeskListsPresenter::completeCase(const std::string& key)
{
    desk::NotaryService notary(m_db, m_clock, m_actor);
    auto done = notary.complete(key);
    if (!done) {
        failed(done.error());
        return false;
    }
    m_view.showStatus(format1(tr("Case %s completed."), done->number));
    load(DeskList::Cases);
    return true;
}

bool DeskListsPresenter::cancelCase(const std::string& key, const std::string& reason)
{
    desk::NotaryService notary(m_db, m_clock, m_actor);
    if (auto st = notary.cancel(key, text::trim(reason)); !st) {
        failed(st.error());
        return false;
    }
    m_view.showStatus(tr("The case was cancelled."));
    load(DeskList::Cases);
    return true;
}

std::vector<PartyChoice> DeskListsPresenter::blockingParties(const std::string& key)
{
    std::vector<PartyChoice> out;
    desk::NotaryService notary(m_db, m_clock, m_actor);
    auto c = notary.get(key);
    if (!c) {
        failed(c.error());
        return out;
    }
    for (const auto& p : c->parties) {
        if (!p.passing && !p.exception) {
            Tone tone = Tone::Neutral;
            out.push_back(
                {p.uid, desk::partyRoleLabel(p.role) + " – " + partyName(p) + " (" + partyState(p, tone) + ")"});
        }
    }
    return out;
}

bool DeskListsPresenter::setPartyException(const std::string& key, const std::string& partyUid,
                                           const std::string& reason)
{
    desk::NotaryService notary(m_db, m_clock, m_actor);
    if (auto st = notary.setException(key, partyUid, text::trim(reason)); !st) {
        failed(st.error());
        return false;
    }
    m_view.showStatus(tr("The exception was recorded for the party."));
    load(DeskList::Cases);
    return true;
}

bool DeskListsPresenter::closeContract(const std::string& key, desk::PawnStatus to, const std::string& day)
{
    const auto on = text::trim(day).empty() ? std::optional<Date>(m_clock.today()) : parseDateInput(day);
    if (!on) {
        m_view.showError(format1(tr("\"%s\" is not a date: type it as dd/mm/yyyy."), day));
        return false;
    }
    desk::PawnService pawns(m_db, m_clock, m_actor);
    auto c = pawns.close(key, to, *on);
    if (!c) {
        failed(c.error());
        return false;
    }
    m_view.showStatus(format2(tr("Contract %s: %s."), c->number, desk::pawnStatusLabel(c->status)));
    load(DeskList::Contracts);
    return true;
}

std::pair<std::string, std::string> DeskListsPresenter::defaultRegisterRange() const
{
    const Date today = m_clock.today();
    return {Date{today.year, today.month, 1}.toVietnamese(), today.toVietnamese()};
}

std::string DeskListsPresenter::registerFileStem(const Date& from, const Date& to)
{
    return "so-cam-do-" + from.toIso() + "-" + to.toIso();
}

std::optional<reports::Document> DeskListsPresenter::registerDocument(const std::string& fromText,
                                                                      const std::string& toText)
{
    const auto from = parseDateInput(fromText);
    const auto to = parseDateInput(toText);
    if (!from || !to) {
        m_view.showError(format1(tr("\"%s\" is not a date: type it as dd/mm/yyyy."), from ? toText : fromText));
        return std::nullopt;
    }
    if (*to < *from) {
        m_view.showError(tr("The end of the range is before its start."));
        return std::nullopt;
    }
    desk::PawnService pawns(m_db, m_clock, m_actor);
    auto contracts = pawns.list(from, to, "", 100000);
    if (!contracts) {
        failed(contracts.error());
        return std::nullopt;
    }
    DeskUnitInfo unit;
    if (auto u = loadDeskUnit(m_db, m_clock, m_actor)) {
        unit = std::move(*u);
    }
    return reports::pawnRegisterDocument(pawnRegister(*contracts, unit.name, "", *from, *to, m_clock.today()));
}

bool DeskListsPresenter::importList(const std::string& name, int model, std::string_view csv)
{
    desk::WelfareService welfare(m_db, m_clock, m_actor);
    auto r = welfare.importList(text::trim(name), model, csv);
    if (!r) {
        failed(r.error());
        return false;
    }
    load(DeskList::Payouts);
    std::string msg = format1(tr("%s beneficiaries imported."), std::to_string(r->imported));
    if (!r->problems.empty()) {
        msg += " " + format1(tr("%s line(s) refused:"), std::to_string(r->problems.size()));
        std::size_t shown = 0;
        for (const auto& p : r->problems) {
            if (++shown > 10) {
                msg += "\n…";
                break;
            }
            msg += "\n" + format2(tr("line %s: %s"), std::to_string(p.line), p.message);
        }
        m_view.showError(msg);
    } else {
        m_view.showStatus(msg);
    }
    return true;
}

std::string DeskListsPresenter::currentMonth() const
{
    return m_clock.today().toIso().substr(0, 7);
}

std::string DeskListsPresenter::reconciliationFileStem(const std::string& period)
{
    return "doi-chieu-chi-tra-" + period;
}

std::optional<reports::Document> DeskListsPresenter::reconciliationDocument(const std::string& periodIn)
{
    const std::string period = text::trim(periodIn);
    if (!desk::isPeriod(period)) {
        m_view.showError(format1(
            tr("\"%s\" is not a period: type a month (2024-11), a quarter (2024-Q4) or a year (2024)."), period));
        return std::nullopt;
    }
    desk::WelfareService welfare(m_db, m_clock, m_actor);
    auto r = welfare.reconcile(period);
    if (!r) {
        failed(r.error());
        return std::nullopt;
    }
    DeskUnitInfo unit;
    if (auto u = loadDeskUnit(m_db, m_clock, m_actor)) {
        unit = std::move(*u);
    }
    return reports::reconciliationDocument(reconciliation(*r, unit.name, m_clock.today(), unit.heading));
}

} // namespace da06::ui
