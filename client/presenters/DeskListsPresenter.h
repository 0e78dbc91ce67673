#pragma once
// The front desk's lists (issue 8): notarial cases, the pawnshop register and welfare payouts, each
// with a search that matches with or without diacritics (the services fold the text), its columns
// and rows formatted for the page, the selected row's details, and the actions of each list:
// complete or cancel a case and record a party's exception; redeem or liquidate a contract and the
// register of a date range as a document (PDF/XLSX); import a beneficiary list (CSV) and the
// reconciliation of a period as a document. No wx; texts through tr() or the domain's Vietnamese
// labels.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/presenters/TaskLabels.h"
#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/desk/NotaryService.h"
#include "domain/desk/PawnService.h"
#include "domain/desk/WelfareService.h"
#include "domain/store/Database.h"
#include "reports/Document.h"

namespace da06::ui {

enum class DeskList { Cases, Contracts, Payouts };

struct DeskColumn {
    std::string title; // translated
    int width = 100;   // in DIPs at 100 %
    bool alignRight = false;
};

struct DeskRow {
    std::string key;                // the uid of the case, contract or payout
    std::vector<std::string> cells; // one per column
    Tone tone = Tone::Neutral;      // of the state column (named, never colour alone)
};

struct DeskDetailLine {
    std::string label;
    std::string value;
    Tone tone = Tone::Neutral;
};

struct DeskDetail {
    std::string heading; // empty: nothing selected
    std::vector<DeskDetailLine> lines;
};

class DeskListsView {
public:
    virtual ~DeskListsView() = default;
    virtual void showRows(DeskList list, const std::vector<DeskRow>& rows) = 0;
    virtual void showDetail(DeskList list, const DeskDetail& detail) = 0;
    virtual void showStatus(const std::string& text) = 0;
    virtual void showError(const std::string& text) = 0;
};

struct PartyChoice {
    std::string uid;
    std::string label; // "Bên B – Trần Văn Hùng (no passing check)"
};

class DeskListsPresenter {
public:
    DeskListsPresenter(DeskListsView& view, store::Database& db, const Clock& clock, access::Actor actor)
        : m_view(view), m_db(db), m_clock(clock), m_actor(std::move(actor))
    {
    }

    static std::vector<DeskColumn> columns(DeskList list);
    // The column drawn in the row's tone (the state word).
    static int toneColumn(DeskList list);

    void load(DeskList list);
    // Reloads the list with the text (number, name, item, … with or without diacritics).
    void setQuery(DeskList list, const std::string& text);
    void setCaseStatus(std::optional<desk::CaseStatus> status);
    // dd/MM/yyyy (or YYYY-MM-DD), either may be empty; false with the reason shown when unreadable.
    bool setContractRange(const std::string& from, const std::string& to);
    // "YYYY-MM", "YYYY-Qn", "YYYY" or empty (every period).
    bool setPayoutPeriod(const std::string& period);
    const std::vector<DeskRow>& rows(DeskList list) const;

    // Shows the details of the row with this key (empty: clears them).
    void select(DeskList list, const std::string& key);
    const std::string& selected(DeskList list) const;

    // Cases.
    bool completeCase(const std::string& key);
    bool cancelCase(const std::string& key, const std::string& reason);
    // The parties of the case without a passing check (and without an exception yet).
    std::vector<PartyChoice> blockingParties(const std::string& key);
    bool setPartyException(const std::string& key, const std::string& partyUid, const std::string& reason);

    // Contracts.
    bool closeContract(const std::string& key, desk::PawnStatus to, const std::string& day);
    // The register of the contracts starting in [from, to] (dd/MM/yyyy); nullopt with the reason shown.
    std::optional<reports::Document> registerDocument(const std::string& from, const std::string& to);
    // "so-cam-do-2024-11-01-2024-11-30"
    static std::string registerFileStem(const Date& from, const Date& to);
    // The first day of this month and today, dd/MM/yyyy (the export's default range).
    std::pair<std::string, std::string> defaultRegisterRange() const;

    // Payouts.
    // Imports a CSV list (model 35 payouts or 19 loans); the summary (and the refused lines) shown.
    bool importList(const std::string& name, int model, std::string_view csv);
    std::optional<reports::Document> reconciliationDocument(const std::string& period);
    static std::string reconciliationFileStem(const std::string& period);
    std::string currentMonth() const; // "2024-11"

private:
    void show(DeskList list);
    void loadCases();
    void loadContracts();
    void loadPayouts();
    void showCase(const std::string& key);
    void showContract(const std::string& key);
    void showPayout(const std::string& key);
    void failed(const Error& e);

    DeskListsView& m_view;
    store::Database& m_db;
    const Clock& m_clock;
    access::Actor m_actor;
    std::string m_query[3];
    std::string m_selected[3];
    std::vector<DeskRow> m_rows[3];
    std::optional<desk::CaseStatus> m_caseStatus;
    std::optional<Date> m_from, m_to;
    std::string m_period;
};

} // namespace da06::ui
