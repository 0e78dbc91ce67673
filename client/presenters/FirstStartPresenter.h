#pragma once
// The first start on a new machine, after the admin's passphrase has created the store: choose
// the unit the desk belongs to, enroll with the provincial hub or work alone, and check the card
// readers (the PC/SC service, the readers found) with advice a clerk can follow. No wx and no
// PC/SC or network here: the enrollment and the reader probe are injected, so the whole flow is
// driven headless by the tests (tests/unit/test_first_start.cpp).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "client/presenters/ReaderStatus.h"
#include "domain/access/Accounts.h"
#include "domain/core/Clock.h"
#include "domain/core/Error.h"

namespace da06::ui {

struct UnitChoice {
    std::string id;    // the unit's code
    std::string label; // "Huyện Châu Thành (huyện)", indented by depth in the list
    std::string level; // province | district | commune | site
    int depth = 0;     // 0 for the province's own units
};

struct HubEnrollment {
    std::string server; // https://hub.example.vn:8443 (http only for localhost)
    std::string code;   // the one-time code the hub's administrator gave
    std::string caFile; // optional: the hub's certificate authority (self-signed hubs)
};

// Enrolls the desk (the real one is the sync client's enroll()); errors carry what to do.
using Enroller = std::function<Status(const HubEnrollment&)>;
// Looks at the smart card service and the readers (the real one asks PC/SC once).
using ReaderProbe = std::function<ReaderStatusInput()>;

struct ReaderCheckResult {
    ReaderSeverity severity = ReaderSeverity::Info;
    std::string summary;             // one line: "2 readers found; a card is on ACS ACR1252"
    std::vector<std::string> advice; // what to do, one sentence per line (may be empty)
};

class FirstStartPresenter {
public:
    enum class Step { Unit, Hub, Readers, Done };

    FirstStartPresenter(access::Session& session, const Clock& clock, Enroller enroller, ReaderProbe probe);

    Step step() const { return m_step; }
    // Back and Next of the dialog; next() refuses (returns the message) while the step is incomplete.
    std::string next();
    void back();

    // Step 1. The units of the store in tree order; query filters by name, alias or code, with or
    // without diacritics ("chau thanh" finds "Châu Thành").
    std::vector<UnitChoice> units(const std::string& query = {}) const;
    // "" when done, else the message to show. Saved at once (audited as desk.unit).
    std::string chooseUnit(const std::string& id);
    const std::optional<std::string>& chosenUnit() const { return m_unit; }

    // Step 2. Checks the address and the code before calling the enroller; "" when enrolled.
    std::string enroll(const HubEnrollment& request);
    void workAlone();
    bool enrolled() const { return m_enrolled; }
    bool decidedHub() const { return m_enrolled || m_alone; }

    // Step 3. May be run again ("Check again") after the clerk plugged a reader in.
    ReaderCheckResult checkReaders();
    const std::optional<ReaderCheckResult>& lastReaderCheck() const { return m_readers; }

    // The closing page: what was set up, and what can be done later from the menus.
    std::vector<std::string> summary() const;

private:
    access::Session& m_session;
    const Clock& m_clock;
    Enroller m_enroller;
    ReaderProbe m_probe;
    Step m_step = Step::Unit;
    std::optional<std::string> m_unit;
    std::string m_unitLabel;
    bool m_enrolled = false;
    bool m_alone = false;
    std::string m_server;
    std::optional<ReaderCheckResult> m_readers;
};

// Checks the form of a hub address: https://host[:port][/], or http:// only for localhost and
// 127.0.0.1. "" when acceptable, else the reason (translated).
std::string checkHubAddress(const std::string& url);
// Upper-cases and keeps the 12 code characters (spaces and dashes as typed are fine); nullopt when
// the code cannot be one (wrong length, letters the hub never uses).
std::optional<std::string> normalizeEnrollmentCode(const std::string& typed);

} // namespace da06::ui
