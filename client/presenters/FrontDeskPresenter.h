#pragma once
// The front desk (issue 8), the flow around an identity check without wx: the purpose (the model
// the check serves) remembered per desk, the legal ground of the processing (the citizen's consent
// or an obligation set by law, Decree 13/2023), the last result of a QR scan or a chip read (its
// `da06 idcheck … --json` form, turned into a check by desk::checkFromJson exactly as the command
// line does), "Save check", then attach the saved check to a notarial case (an open one or a new
// one, with the party's role), to a new pawn contract (the register's alerts shown before saving)
// or to a welfare payout (eligible / not listed / already paid, the name compared without
// diacritics), and the receipt as a PDF. Messages are translated with tr().
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "client/presenters/DeskReceipts.h"
#include "client/presenters/TaskLabels.h"
#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/core/Json.h"
#include "domain/desk/CheckService.h"
#include "domain/desk/NotaryService.h"
#include "domain/desk/PawnService.h"
#include "domain/desk/WelfareService.h"
#include "domain/store/Database.h"

namespace da06::ui {

// The purposes in the order of the front desk's chooser: 4, 8, 15, 19, 35, 6, 9–12, 16, 20.
const std::vector<int>& frontDeskPurposes();

// The purpose remembered for this desk (setting "desk.check_purpose"); nullopt when none was chosen
// or the stored value is not a check purpose.
Result<std::optional<int>> readDeskPurpose(store::Database& db);
// InvalidInput for a model that is not a check purpose.
Status writeDeskPurpose(store::Database& db, int model);
// The purpose a desk starts with: 15 for a pawnshop, 4 otherwise (a notary office and every other
// desk: the first purpose of the chooser).
int defaultDeskPurpose(const std::string& siteKind);

// The folder receipts are written to by default: the one chosen last on this desk (setting
// "desk.receipt_folder") when it still exists, else the documents folder when it exists, else the
// store's folder.
std::filesystem::path receiptFolder(store::Database& db, const std::filesystem::path& documentsDir,
                                    const std::filesystem::path& storeFolder);
Status rememberReceiptFolder(store::Database& db, const std::filesystem::path& folder);

enum class ConsentChoice { None, Given, LegalObligation };

// What a saved check can be attached to, by the purpose it was recorded for.
enum class AttachTarget { None, Case, Contract, Payout, Loan };

struct PurposeItem {
    int model = 0;
    std::string label; // "4 – Lưu trữ, chứng thực các giấy tờ…" (shortened for the chooser)
    std::string title; // the full title
};

// What the page shows around the result, and which actions are enabled.
struct FrontDeskState {
    bool hasResult = false; // a result a check can be made from
    bool saved = false;
    bool attached = false;
    bool canSave = false;   // a result, not saved yet (the consent is checked on save)
    bool canAttach = false; // saved, not attached, and the purpose has something to attach to
    bool canPrint = false;  // saved
    AttachTarget target = AttachTarget::None;
    std::string attachLabel; // "Attach to a notarial case..." (by target)
    std::string summary;     // one line: "Check KT-20241105-7F3A2C saved (Valid); attached to case 12/2024"
    Tone tone = Tone::Neutral;
    std::string hint; // the next step ("Choose the legal ground, then save (Ctrl+S).")
};

class FrontDeskView {
public:
    virtual ~FrontDeskView() = default;
    virtual void showDeskState(const FrontDeskState& state) = 0;
    // A short message for the status bar (references and counts only, never personal data).
    virtual void showStatus(const std::string& text) = 0;
    // What went wrong and what to do (shown in a message box or a banner).
    virtual void showError(const std::string& text) = 0;
};

struct CaseItem {
    std::string uid;
    std::string number;
    std::string label; // "125/2024/HĐ – Hợp đồng – <title> (2 parties)"
};

struct RoleItem {
    std::string code;  // "party_a"
    std::string label; // "Bên A"
};

// The welfare match of the saved check, as the payout dialog shows it.
struct PayoutMatchView {
    desk::Eligibility eligibility = desk::Eligibility::NotListed;
    std::string verdict; // "Eligible", "Not listed", "Already paid" (translated)
    Tone tone = Tone::Neutral;
    std::vector<std::string> warnings; // the name differs, paid references
    struct Entry {
        std::int64_t beneficiaryId = 0;
        std::string label; // "Trợ cấp … – Hộ nghèo – tháng 11/2024 – 1.500.000 đồng"
        bool paid = false;
    };
    std::vector<Entry> entries;
};

class FrontDeskPresenter {
public:
    FrontDeskPresenter(FrontDeskView& view, store::Database& db, const Clock& clock, access::Actor actor);

    // Reads the purposes (titles from the current plan) and the desk's remembered purpose.
    void load();
    const std::vector<PurposeItem>& purposes() const { return m_purposes; }
    int purpose() const { return m_purpose; }
    int purposeIndex() const;
    // Remembered for the desk at once. The purpose of a check already saved does not change.
    void setPurpose(int model);

    ConsentChoice consent() const { return m_consent; }
    void setConsent(ConsentChoice c);
    void setConsentNote(const std::string& note) { m_consentNote = note; }
    const std::string& consentNote() const { return m_consentNote; }

    // The result of a QR scan (identity::cccdReportToJson, or an array of them) or a chip read
    // (emrtd::chipResultToJson), untranslated. A result that is no check (not a CCCD, several
    // codes) disables saving and says why. A new citizen (a result after a saved check) starts with
    // the legal ground not chosen.
    void setResult(const json::Value& checkJson);
    // Forgets the result, the saved check and the legal ground (Esc, desk locked).
    void clear();
    bool hasResult() const { return m_input.has_value(); }

    // CheckService::record with the purpose and the legal ground. False (with the reason shown) when
    // there is nothing to save, no legal ground was chosen, or the service refuses.
    bool save();
    const std::optional<desk::CheckRecord>& saved() const { return m_saved; }
    AttachTarget attachTarget() const;

    // Notarial case (purposes 4 and 8).
    std::vector<CaseItem> openCases(const std::string& query = "");
    static std::vector<RoleItem> partyRoles();
    static std::vector<RoleItem> actKinds();
    bool attachToCase(const std::string& caseUidOrNumber, const std::string& role);
    bool attachToNewCase(const desk::NewCase& c, const std::string& role);

    // Pawn contract (purpose 15): the alerts (Vietnamese sentences) a contract with the saved check
    // starting that day would raise, shown before saving; a number proposed for a new contract.
    std::vector<std::string> contractAlerts(const Date& start);
    std::string proposedContractNumber() const;
    bool attachToNewContract(const desk::NewPawn& p);

    // Welfare (purpose 35 payouts, 19 loan applications).
    std::optional<PayoutMatchView> matchPayout(const std::string& period);
    bool pay(std::int64_t beneficiaryId);
    bool applyForLoan(std::int64_t beneficiaryId, std::int64_t amount, const std::string& purpose, int termMonths);

    // The receipt of the payout when the check was paid out, else of the check; nullopt before a
    // check was saved.
    std::optional<reports::Receipt> receipt();
    // "bien-nhan-KT-20241105-7F3A2C.pdf"
    std::string receiptFileName() const;
    // Writes the receipt as a PDF (reports::writePdf) on this thread; the folder is remembered for
    // the desk. A page that renders on a worker calls receipt() first and receiptWritten() after.
    Status writeReceipt(const std::filesystem::path& file);
    void receiptWritten(const std::filesystem::path& file, const Status& st);

    const FrontDeskState& state() const { return m_state; }

private:
    void publish();
    void showFailure(const Error& e);
    std::string modelTitle(int model) const;
    desk::CheckService checks() { return desk::CheckService(m_db, m_clock, m_actor); }

    FrontDeskView& m_view;
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
    std::vector<PurposeItem> m_purposes;
    int m_purpose = 4;
    ConsentChoice m_consent = ConsentChoice::None;
    std::string m_consentNote;
    std::optional<desk::CheckInput> m_input;
    std::string m_inputProblem;
    std::optional<desk::CheckRecord> m_saved;
    std::optional<std::string> m_attachedText; // "case 125/2024/HĐ"
    std::optional<desk::Payout> m_payout;
    std::size_t m_contractAlerts = 0; // alerts of the contract the check went to
    FrontDeskState m_state;
};

// The sentence for a front-desk failure (the service's message, prefixed for permissions).
std::string deskErrorMessage(const Error& e);

} // namespace da06::ui
