#include "client/presenters/FrontDeskPresenter.h"

#include <algorithm>

#include "client/presenters/StartupPresenter.h"
#include "client/presenters/Translate.h"
#include "domain/plan/PlanRepository.h"
#include "domain/store/Settings.h"
#include "domain/text/Text.h"
#include "domain/work/UnitService.h"
#include "reports/PdfWriter.h"

namespace da06::ui {

namespace {

constexpr const char* kPurposeKey = "desk.check_purpose";
constexpr const char* kReceiptFolderKey = "desk.receipt_folder";
constexpr std::size_t kPurposeLabelChars = 64;

// The first `chars` code points of a UTF-8 text, with "…" when it was longer.
std::string shorten(const std::string& s, std::size_t chars)
{
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (count == chars) {
                std::string out = s.substr(0, i);
                while (!out.empty() && out.back() == ' ') {
                    out.pop_back();
                }
                return out + "…";
            }
            ++count;
        }
    }
    return s;
}

std::string outcomeWord(desk::CheckOutcome o)
{
    switch (o) {
    case desk::CheckOutcome::Valid:
        return tr("Valid");
    case desk::CheckOutcome::Warning:
        return tr("Warning");
    case desk::CheckOutcome::Invalid:
        return tr("Invalid");
    case desk::CheckOutcome::Unverified:
        return tr("Could not be verified");
    }
    return "";
}

Tone outcomeTone(desk::CheckOutcome o)
{
    switch (o) {
    case desk::CheckOutcome::Valid:
        return Tone::Good;
    case desk::CheckOutcome::Warning:
    case desk::CheckOutcome::Unverified:
        return Tone::Warning;
    case desk::CheckOutcome::Invalid:
        return Tone::Danger;
    }
    return Tone::Neutral;
}

std::string format2(const std::string& pattern, const std::string& a, const std::string& b)
{
    return format1(format1(pattern, a), b);
}

} // namespace

const std::vector<int>& frontDeskPurposes()
{
    static const std::vector<int> order = {4, 8, 15, 19, 35, 6, 9, 10, 11, 12, 16, 20};
    return order;
}

Result<std::optional<int>> readDeskPurpose(store::Database& db)
{
    DA06_TRY(v, store::Settings(db).get(kPurposeKey));
    if (!*v) {
        return std::optional<int>();
    }
    int model = 0;
    for (char c : **v) {
        if (c < '0' || c > '9' || model > 1000) {
            return std::optional<int>();
        }
        model = model * 10 + (c - '0');
    }
    if (!desk::isCheckPurpose(model)) {
        return std::optional<int>();
    }
    return std::optional<int>(model);
}

Status writeDeskPurpose(store::Database& db, int model)
{
    if (!desk::isCheckPurpose(model)) {
        return fail(ErrorCode::InvalidInput, "model " + std::to_string(model) + " is not a purpose of identity checks");
    }
    return store::Settings(db).set(kPurposeKey, std::to_string(model));
}

int defaultDeskPurpose(const std::string& siteKind)
{
    if (siteKind == "pawnshop") {
        return 15;
    }
    return frontDeskPurposes().front(); // 4: a notary office, and every other desk
}

std::filesystem::path receiptFolder(store::Database& db, const std::filesystem::path& documentsDir,
                                    const std::filesystem::path& storeFolder)
{
    std::error_code ec;
    if (auto v = store::Settings(db).get(kReceiptFolderKey); v && *v && !(*v)->empty()) {
        const std::filesystem::path remembered(**v);
        if (std::filesystem::is_directory(remembered, ec)) {
            return remembered;
        }
    }
    if (!documentsDir.empty() && std::filesystem::is_directory(documentsDir, ec)) {
        return documentsDir;
    }
    return storeFolder;
}

Status rememberReceiptFolder(store::Database& db, const std::filesystem::path& folder)
{
    return store::Settings(db).set(kReceiptFolderKey, folder.string());
}

std::string deskErrorMessage(const Error& e)
{
    switch (e.code) {
    case ErrorCode::PermissionDenied:
        return tr("Your role does not allow this: only a checker makes and reads identity checks.") + "\n\n" +
               e.message;
    case ErrorCode::NotFound:
    case ErrorCode::InvalidInput:
    case ErrorCode::AlreadyExists:
    case ErrorCode::Usage:
        return e.message;
    default:
        return StartupPresenter::messageFor(e);
    }
}

FrontDeskPresenter::FrontDeskPresenter(FrontDeskView& view, store::Database& db, const Clock& clock,
                                       access::Actor actor)
    : m_view(view), m_db(db), m_clock(clock), m_actor(std::move(actor))
{
}

void FrontDeskPresenter::load()
{
    plan::PlanRepository plans(m_db, m_clock);
    auto models = plans.models();
    m_purposes.clear();
    for (int number : frontDeskPurposes()) {
        PurposeItem item;
        item.model = number;
        if (models) {
            for (const auto& m : *models) {
                if (m.model.number == number) {
                    item.title = m.model.title;
                }
            }
        }
        item.label = item.title.empty() ? format1(tr("Model %s"), std::to_string(number))
                                        : std::to_string(number) + " – " + shorten(item.title, kPurposeLabelChars);
        m_purposes.push_back(std::move(item));
    }
    auto remembered = readDeskPurpose(m_db);
    if (remembered && *remembered) {
        m_purpose = **remembered;
    } else {
        std::string siteKind;
        work::UnitService units(m_db, m_clock, m_actor);
        if (auto desk = units.deskUnit(); desk && *desk && (*desk)->siteKind) {
            siteKind = *(*desk)->siteKind;
        }
        m_purpose = defaultDeskPurpose(siteKind);
    }
    publish();
}

int FrontDeskPresenter::purposeIndex() const
{
    for (std::size_t i = 0; i < m_purposes.size(); ++i) {
        if (m_purposes[i].model == m_purpose) {
            return static_cast<int>(i);
        }
    }
    return 0;
}

void FrontDeskPresenter::setPurpose(int model)
{
    if (!desk::isCheckPurpose(model)) {
        return;
    }
    m_purpose = model;
    if (auto st = writeDeskPurpose(m_db, model); !st) {
        m_view.showError(deskErrorMessage(st.error()));
    }
    publish();
}

void FrontDeskPresenter::setConsent(ConsentChoice c)
{
    m_consent = c;
    publish();
}

void FrontDeskPresenter::setResult(const json::Value& checkJson)
{
    if (m_saved) {
        // The next citizen: their own legal ground, their own check.
        m_saved.reset();
        m_attachedText.reset();
        m_payout.reset();
        m_contractAlerts = 0;
        m_consent = ConsentChoice::None;
        m_consentNote.clear();
    }
    auto input = desk::checkFromJson(checkJson, m_clock.today());
    if (input) {
        m_input = std::move(*input);
        m_inputProblem.clear();
    } else {
        m_input.reset();
        m_inputProblem = input.error().message;
    }
    publish();
}

void FrontDeskPresenter::clear()
{
    m_input.reset();
    m_inputProblem.clear();
    m_saved.reset();
    m_attachedText.reset();
    m_payout.reset();
    m_contractAlerts = 0;
    m_consent = ConsentChoice::None;
    m_consentNote.clear();
    publish();
}

bool FrontDeskPresenter::save()
{
    if (m_saved) {
        m_view.showStatus(format1(tr("This check is already saved as %s."), m_saved->reference));
        return false;
    }
    if (!m_input) {
        m_view.showError(m_inputProblem.empty()
                             ? tr("There is nothing to save yet: scan the QR code on the card or read its chip first.")
                             : tr("This result cannot be saved as a check:") + " " + m_inputProblem);
        return false;
    }
    if (m_consent == ConsentChoice::None) {
        m_view.showError(tr("Choose the legal ground first: the citizen's consent, or an obligation set by law "
                            "(Decree 13/2023/ND-CP). Then save the check."));
        return false;
    }
    desk::CheckInput in = *m_input;
    in.model = m_purpose;
    in.consent = m_consent == ConsentChoice::Given ? desk::Consent::Given : desk::Consent::LegalObligation;
    in.consentNote = text::trim(m_consentNote);
    auto rec = checks().record(in);
    if (!rec) {
        showFailure(rec.error());
        return false;
    }
    m_saved = std::move(*rec);
    m_view.showStatus(format1(tr("Check %s saved."), m_saved->reference));
    publish();
    return true;
}

AttachTarget FrontDeskPresenter::attachTarget() const
{
    const int model = m_saved ? m_saved->model : m_purpose;
    switch (model) {
    case 4:
    case 8:
        return AttachTarget::Case;
    case 15:
        return AttachTarget::Contract;
    case 35:
        return AttachTarget::Payout;
    case 19:
        return AttachTarget::Loan;
    default:
        return AttachTarget::None;
    }
}

std::vector<CaseItem> FrontDeskPresenter::openCases(const std::string& query)
{
    std::vector<CaseItem> out;
    desk::NotaryService notary(m_db, m_clock, m_actor);
    auto cases = notary.list(query, desk::CaseStatus::Open);
    if (!cases) {
        showFailure(cases.error());
        return out;
    }
    for (const auto& c : *cases) {
        CaseItem item;
        item.uid = c.uid;
        item.number = c.number;
        item.label = c.number + " – " + desk::actKindLabel(c.actKind) + (c.title.empty() ? "" : " – " + c.title) +
                     " (" + format1(tr("%s parties"), std::to_string(c.parties.size())) + ")";
        out.push_back(std::move(item));
    }
    return out;
}

std::vector<RoleItem> FrontDeskPresenter::partyRoles()
{
    std::vector<RoleItem> out;
    for (const auto& r : desk::partyRoles()) {
        out.push_back({r, desk::partyRoleLabel(r)});
    }
    return out;
}

std::vector<RoleItem> FrontDeskPresenter::actKinds()
{
    std::vector<RoleItem> out;
    for (const auto& k : desk::actKinds()) {
        out.push_back({k, desk::actKindLabel(k)});
    }
    return out;
}

bool FrontDeskPresenter::attachToCase(const std::string& caseUidOrNumber, const std::string& role)
{
    if (!m_saved) {
        m_view.showError(tr("Save the check first (Ctrl+S), then attach it."));
        return false;
    }
    desk::NotaryService notary(m_db, m_clock, m_actor);
    auto party = notary.addParty(caseUidOrNumber, role, m_saved->uid);
    if (!party) {
        showFailure(party.error());
        return false;
    }
    auto c = notary.get(caseUidOrNumber);
    const std::string number = c ? c->number : caseUidOrNumber;
    m_attachedText = format1(tr("notarial case %s"), number);
    if (auto fresh = checks().get(m_saved->uid)) {
        m_saved = std::move(*fresh);
    }
    m_view.showStatus(format2(tr("Check %s added to the notarial case %s."), m_saved->reference, number));
    publish();
    return true;
}

bool FrontDeskPresenter::attachToNewCase(const desk::NewCase& in, const std::string& role)
{
    if (!m_saved) {
        m_view.showError(tr("Save the check first (Ctrl+S), then attach it."));
        return false;
    }
    desk::NewCase c = in;
    c.number = text::trim(c.number);
    if (c.number.empty()) {
        m_view.showError(tr("Type the number of the new case (for example 125/2024/HD)."));
        return false;
    }
    if (c.model != 4 && c.model != 8) {
        c.model = (m_saved->model == 4 || m_saved->model == 8) ? m_saved->model : 8;
    }
    desk::NotaryService notary(m_db, m_clock, m_actor);
    auto opened = notary.open(c);
    if (!opened) {
        showFailure(opened.error());
        return false;
    }
    return attachToCase(opened->uid, role);
}

std::vector<std::string> FrontDeskPresenter::contractAlerts(const Date& start)
{
    std::vector<std::string> out;
    if (!m_saved) {
        return out;
    }
    desk::PawnService pawns(m_db, m_clock, m_actor);
    auto alerts = pawns.alertsFor(m_saved->uid, start);
    if (!alerts) {
        out.push_back(deskErrorMessage(alerts.error()));
        return out;
    }
    for (const auto& code : *alerts) {
        out.push_back(desk::alertLabel(code));
    }
    return out;
}

std::string FrontDeskPresenter::proposedContractNumber() const
{
    return desk::newReference("CD", m_clock.today());
}

bool FrontDeskPresenter::attachToNewContract(const desk::NewPawn& in)
{
    if (!m_saved) {
        m_view.showError(tr("Save the check first (Ctrl+S), then attach it."));
        return false;
    }
    desk::NewPawn p = in;
    p.checkUid = m_saved->uid;
    p.number = text::trim(p.number);
    p.item = text::trim(p.item);
    if (p.number.empty() || p.item.empty()) {
        m_view.showError(tr("Type the contract number and describe the pawned item."));
        return false;
    }
    desk::PawnService pawns(m_db, m_clock, m_actor);
    auto contract = pawns.create(p);
    if (!contract) {
        showFailure(contract.error());
        return false;
    }
    m_attachedText = format1(tr("pawn contract %s"), contract->number);
    m_contractAlerts = contract->alerts.size();
    if (auto fresh = checks().get(m_saved->uid)) {
        m_saved = std::move(*fresh);
    }
    m_view.showStatus(contract->alerts.empty() ? format1(tr("Pawn contract %s saved."), contract->number)
                                               : format2(tr("Pawn contract %s saved with %s alert(s) in the register."),
                                                         contract->number, std::to_string(contract->alerts.size())));
    publish();
    return true;
}

std::optional<PayoutMatchView> FrontDeskPresenter::matchPayout(const std::string& periodIn)
{
    if (!m_saved) {
        m_view.showError(tr("Save the check first (Ctrl+S), then attach it."));
        return std::nullopt;
    }
    const std::string period = text::trim(periodIn);
    desk::WelfareService welfare(m_db, m_clock, m_actor);
    auto m = welfare.match(m_saved->uid, period);
    if (!m) {
        showFailure(m.error());
        return std::nullopt;
    }
    PayoutMatchView v;
    v.eligibility = m->eligibility;
    switch (m->eligibility) {
    case desk::Eligibility::Eligible:
        v.verdict = tr("Eligible");
        v.tone = Tone::Good;
        break;
    case desk::Eligibility::NotListed:
        v.verdict = tr("Not listed");
        v.tone = Tone::Danger;
        break;
    case desk::Eligibility::AlreadyPaid:
        v.verdict = tr("Already paid");
        v.tone = Tone::Danger;
        break;
    }
    if (m->nameDiffers) {
        v.warnings.push_back(tr("The name on the list differs from the name on the card (diacritics ignored): "
                                "compare them with the citizen before paying."));
        if (v.tone == Tone::Good) {
            v.tone = Tone::Warning;
        }
    }
    for (const auto& ref : m->paidReferences) {
        v.warnings.push_back(format1(tr("Already paid: payout %s."), ref));
    }
    if (m->eligibility == desk::Eligibility::NotListed) {
        v.warnings.push_back(period.empty()
                                 ? tr("This card number is on no imported list.")
                                 : format1(tr("This card number is on no imported list for %s."), periodLabel(period)));
    }
    for (const auto& b : m->entries) {
        PayoutMatchView::Entry e;
        e.beneficiaryId = b.id;
        e.label = b.programme + " – " + desk::categoryLabel(b.category) + " – " + periodLabel(b.period) + " – " +
                  reports::vndAmount(b.amount) + " (" + b.listName + ")";
        v.entries.push_back(std::move(e));
    }
    return v;
}

bool FrontDeskPresenter::pay(std::int64_t beneficiaryId)
{
    if (!m_saved) {
        m_view.showError(tr("Save the check first (Ctrl+S), then attach it."));
        return false;
    }
    desk::WelfareService welfare(m_db, m_clock, m_actor);
    auto p = welfare.pay(beneficiaryId, m_saved->uid);
    if (!p) {
        if (p.error().code == ErrorCode::AlreadyExists) {
            m_view.showError(tr("Refused: this person was already paid for this programme and period.") + "\n\n" +
                             p.error().message);
        } else {
            showFailure(p.error());
        }
        return false;
    }
    m_payout = *p;
    m_attachedText = format1(tr("payout %s"), p->reference);
    if (auto fresh = checks().get(m_saved->uid)) {
        m_saved = std::move(*fresh);
    }
    m_view.showStatus(format1(tr("Payout %s recorded. Print the receipt (Ctrl+P)."), p->reference));
    publish();
    return true;
}

bool FrontDeskPresenter::applyForLoan(std::int64_t beneficiaryId, std::int64_t amount, const std::string& purpose,
                                      int termMonths)
{
    if (!m_saved) {
        m_view.showError(tr("Save the check first (Ctrl+S), then attach it."));
        return false;
    }
    desk::WelfareService welfare(m_db, m_clock, m_actor);
    auto loan = welfare.applyForLoan(beneficiaryId, m_saved->uid, amount, text::trim(purpose), termMonths);
    if (!loan) {
        showFailure(loan.error());
        return false;
    }
    m_attachedText = format1(tr("loan application %s"), loan->reference);
    if (auto fresh = checks().get(m_saved->uid)) {
        m_saved = std::move(*fresh);
    }
    m_view.showStatus(format1(tr("Loan application %s recorded."), loan->reference));
    publish();
    return true;
}

std::optional<reports::Receipt> FrontDeskPresenter::receipt()
{
    if (!m_saved) {
        m_view.showError(tr("Save the check first (Ctrl+S): the receipt names its reference."));
        return std::nullopt;
    }
    DeskUnitInfo unit;
    if (auto u = loadDeskUnit(m_db, m_clock, m_actor)) {
        unit = std::move(*u);
    }
    if (m_payout) {
        return payoutReceipt(*m_payout, unit.name, unit.code, m_clock.today(), unit.heading);
    }
    if (auto fresh = checks().get(m_saved->uid)) {
        m_saved = std::move(*fresh);
    }
    return checkReceipt(*m_saved, unit.name, modelTitle(m_saved->model), m_clock.today(), unit.heading);
}

std::string FrontDeskPresenter::receiptFileName() const
{
    const std::string ref = m_payout ? m_payout->reference : (m_saved ? m_saved->reference : std::string("kiem-tra"));
    return "bien-nhan-" + ref + ".pdf";
}

Status FrontDeskPresenter::writeReceipt(const std::filesystem::path& file)
{
    auto r = receipt();
    if (!r) {
        return fail(ErrorCode::Usage, "no check was saved");
    }
    Status st = reports::writePdf(reports::receiptDocument(*r), file);
    receiptWritten(file, st);
    return st;
}

void FrontDeskPresenter::receiptWritten(const std::filesystem::path& file, const Status& st)
{
    if (!st) {
        m_view.showError(tr("The receipt could not be written:") + " " + st.error().message);
        return;
    }
    (void)rememberReceiptFolder(m_db, file.parent_path());
    m_view.showStatus(format1(tr("Receipt saved: %s"), file.string()));
}

std::string FrontDeskPresenter::modelTitle(int model) const
{
    for (const auto& p : m_purposes) {
        if (p.model == model) {
            return p.title;
        }
    }
    return modelTitleOf(m_db, m_clock, model);
}

void FrontDeskPresenter::showFailure(const Error& e)
{
    m_view.showError(deskErrorMessage(e));
}

void FrontDeskPresenter::publish()
{
    FrontDeskState s;
    s.hasResult = m_input.has_value();
    s.saved = m_saved.has_value();
    s.attached = m_attachedText.has_value();
    s.target = attachTarget();
    switch (s.target) {
    case AttachTarget::Case:
        s.attachLabel = tr("Attach to a notarial case...");
        break;
    case AttachTarget::Contract:
        s.attachLabel = tr("Attach to a new pawn contract...");
        break;
    case AttachTarget::Payout:
        s.attachLabel = tr("Attach to a welfare payout...");
        break;
    case AttachTarget::Loan:
        s.attachLabel = tr("Attach to a loan application...");
        break;
    case AttachTarget::None:
        s.attachLabel = tr("Attach to a case, contract or payout...");
        break;
    }
    s.canSave = s.hasResult && !s.saved;
    s.canAttach = s.saved && !s.attached && s.target != AttachTarget::None;
    s.canPrint = s.saved;
    if (s.saved) {
        s.tone = outcomeTone(m_saved->outcome);
        s.summary = format2(tr("Check %s saved (%s)."), m_saved->reference, outcomeWord(m_saved->outcome));
        if (m_attachedText) {
            s.summary += " " + format1(tr("Attached to %s."), *m_attachedText);
            if (m_contractAlerts > 0) {
                s.summary += " " + format1(tr("The register raised %s alert(s): see the pawn register."),
                                           std::to_string(m_contractAlerts));
                s.tone = Tone::Warning;
            }
            s.hint = tr("Print the receipt (Ctrl+P), or scan the next card.");
        } else if (s.target == AttachTarget::None) {
            s.hint = tr("Print the receipt (Ctrl+P), or scan the next card.");
        } else {
            s.hint = format1(tr("Next: %s (Ctrl+G), or print the receipt (Ctrl+P)."), s.attachLabel);
        }
    } else if (s.hasResult) {
        s.tone = outcomeTone(m_input->outcome);
        s.summary = format1(tr("Result: %s. Not saved yet."), outcomeWord(m_input->outcome));
        s.hint = m_consent == ConsentChoice::None ? tr("Choose the legal ground (the citizen's consent or an "
                                                       "obligation set by law), then save the check (Ctrl+S).")
                                                  : tr("Save the check (Ctrl+S).");
    } else if (!m_inputProblem.empty()) {
        s.tone = Tone::Danger;
        s.summary = tr("This result cannot be saved as a check:") + " " + m_inputProblem;
        s.hint = tr("Scan the QR code on the card, or read its chip (F5).");
    } else {
        s.hint = tr("Scan the QR code on the card, or read its chip (F5).");
    }
    m_state = s;
    m_view.showDeskState(m_state);
}

} // namespace da06::ui
