#include "client/presenters/FirstStartPresenter.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "client/presenters/StartupPresenter.h"
#include "client/presenters/Translate.h"
#include "domain/work/UnitService.h"

namespace da06::ui {

namespace {

std::string levelLabel(const std::string& level)
{
    if (level == "province") {
        return tr("province");
    }
    if (level == "district") {
        return tr("district");
    }
    if (level == "commune") {
        return tr("commune");
    }
    if (level == "site") {
        return tr("site");
    }
    return level;
}

std::string lower(std::string s)
{
    for (char& c : s) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return s;
}

} // namespace

std::string checkHubAddress(const std::string& urlIn)
{
    const std::string url = lower(urlIn);
    std::string rest;
    bool secure = false;
    if (url.rfind("https://", 0) == 0) {
        secure = true;
        rest = url.substr(8);
    } else if (url.rfind("http://", 0) == 0) {
        rest = url.substr(7);
    } else {
        return tr("The hub address must begin with https:// (for example https://hub.tayninh.gov.vn).");
    }
    const std::string host = rest.substr(0, rest.find_first_of(":/"));
    if (host.empty()) {
        return tr("The hub address has no server name.");
    }
    for (char c : host) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-')) {
            return tr("The server name of the hub address contains characters that are not allowed.");
        }
    }
    if (!secure && host != "localhost" && host != "127.0.0.1") {
        return tr("The hub must be reached with https://: an unencrypted connection is allowed only to this computer.");
    }
    return {};
}

std::optional<std::string> normalizeEnrollmentCode(const std::string& typed)
{
    static const std::string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    std::string code;
    for (char c : typed) {
        if (c == ' ' || c == '-') {
            continue;
        }
        const char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (alphabet.find(u) == std::string::npos) {
            return std::nullopt;
        }
        code += u;
    }
    if (code.size() != 12) {
        return std::nullopt;
    }
    return code.substr(0, 4) + "-" + code.substr(4, 4) + "-" + code.substr(8, 4);
}

FirstStartPresenter::FirstStartPresenter(access::Session& session, const Clock& clock, Enroller enroller,
                                         ReaderProbe probe)
    : m_session(session), m_clock(clock), m_enroller(std::move(enroller)), m_probe(std::move(probe))
{
    work::UnitService units(m_session.store.db(), m_clock, m_session.actor);
    if (auto desk = units.deskUnit(); desk && *desk) {
        m_unit = (*desk)->id;
        m_unitLabel = (*desk)->name;
    }
}

std::string FirstStartPresenter::next()
{
    switch (m_step) {
    case Step::Unit:
        if (!m_unit) {
            return tr("Choose the unit this desk belongs to.");
        }
        m_step = Step::Hub;
        return {};
    case Step::Hub:
        if (!decidedHub()) {
            return tr("Enroll with the hub, or choose to work alone for now.");
        }
        m_step = Step::Readers;
        if (!m_readers) {
            checkReaders();
        }
        return {};
    case Step::Readers:
        m_step = Step::Done; // readers are advice, never a condition: QR checks and reports work without them
        return {};
    case Step::Done:
        return {};
    }
    return {};
}

void FirstStartPresenter::back()
{
    switch (m_step) {
    case Step::Unit:
        break;
    case Step::Hub:
        m_step = Step::Unit;
        break;
    case Step::Readers:
        m_step = Step::Hub;
        break;
    case Step::Done:
        m_step = Step::Readers;
        break;
    }
}

std::vector<UnitChoice> FirstStartPresenter::units(const std::string& query) const
{
    work::UnitService service(m_session.store.db(), m_clock, m_session.actor);
    auto all = service.list();
    if (!all) {
        return {};
    }
    std::map<std::string, const work::WorkUnit*> byId;
    for (const auto& u : *all) {
        byId[u.id] = &u;
    }
    auto depthOf = [&](const work::WorkUnit& u) {
        int d = 0;
        const work::WorkUnit* cur = &u;
        while (cur->parent && d < 16) {
            auto it = byId.find(*cur->parent);
            if (it == byId.end()) {
                break;
            }
            cur = it->second;
            ++d;
        }
        return d;
    };
    std::vector<std::string> matching;
    if (!query.empty()) {
        work::UnitFilter f;
        f.query = query;
        if (auto found = service.list(f)) {
            for (const auto& u : *found) {
                matching.push_back(u.id);
            }
        }
    }
    // Tree order: each unit after its parent, siblings in the store's order.
    std::map<std::string, std::vector<const work::WorkUnit*>> children;
    std::vector<const work::WorkUnit*> roots;
    for (const auto& u : *all) {
        if (u.parent && byId.count(*u.parent)) {
            children[*u.parent].push_back(&u);
        } else {
            roots.push_back(&u);
        }
    }
    std::vector<UnitChoice> out;
    std::function<void(const work::WorkUnit*)> visit = [&](const work::WorkUnit* u) {
        const bool shown = query.empty() || std::find(matching.begin(), matching.end(), u->id) != matching.end();
        if (shown) {
            out.push_back({u->id, u->name + " (" + levelLabel(u->level) + ")", u->level, depthOf(*u)});
        }
        for (const auto* c : children[u->id]) {
            visit(c);
        }
    };
    for (const auto* r : roots) {
        visit(r);
    }
    return out;
}

std::string FirstStartPresenter::chooseUnit(const std::string& id)
{
    work::UnitService service(m_session.store.db(), m_clock, m_session.actor);
    if (auto s = service.setDeskUnit(id); !s) {
        return StartupPresenter::messageFor(s.error());
    }
    auto desk = service.deskUnit();
    if (!desk || !*desk) {
        return tr("The unit could not be saved. Try again.");
    }
    m_unit = (*desk)->id;
    m_unitLabel = (*desk)->name;
    return {};
}

std::string FirstStartPresenter::enroll(const HubEnrollment& requestIn)
{
    HubEnrollment request = requestIn;
    if (auto why = checkHubAddress(request.server); !why.empty()) {
        return why;
    }
    auto code = normalizeEnrollmentCode(request.code);
    if (!code) {
        return tr("An enrollment code has 12 letters and digits, like K7Q2-M9XD-4TWP. Check it with the hub's "
                  "administrator.");
    }
    request.code = *code;
    if (!m_unit) {
        return tr("Choose the unit this desk belongs to first.");
    }
    if (!m_enroller) {
        return tr("This build cannot enroll with a hub.");
    }
    if (auto s = m_enroller(request); !s) {
        switch (s.error().code) {
        case ErrorCode::Network:
            return tr("The hub cannot be reached. Check the address and the network, or work alone and enroll later.") +
                   "\n\n" + s.error().message;
        case ErrorCode::Unauthorized:
        case ErrorCode::AuthenticationFailed:
            return tr("The hub refused the enrollment code: it may be used already or expired. Ask the hub's "
                      "administrator for a new one.") +
                   "\n\n" + s.error().message;
        default:
            return StartupPresenter::messageFor(s.error());
        }
    }
    m_enrolled = true;
    m_alone = false;
    m_server = request.server;
    return {};
}

void FirstStartPresenter::workAlone()
{
    if (!m_enrolled) {
        m_alone = true;
    }
}

ReaderCheckResult FirstStartPresenter::checkReaders()
{
    ReaderCheckResult r;
    const ReaderStatusInput input = m_probe ? m_probe() : ReaderStatusInput{true, false, {}};
    if (!input.serviceRunning) {
        const ReaderMessage m = readerErrorMessage(ErrorCode::ServiceUnavailable);
        r.severity = ReaderSeverity::Error;
        r.summary = m.title;
        r.advice.push_back(m.advice);
        r.advice.push_back(tr("QR checks, tasks and reports work without a chip reader; the status bar always shows "
                              "the state of the readers."));
    } else if (input.readers.empty()) {
        const ReaderMessage m = readerErrorMessage(ErrorCode::NoReader);
        r.severity = ReaderSeverity::Warning;
        r.summary = m.title;
        r.advice.push_back(m.advice);
        r.advice.push_back(tr("QR checks, tasks and reports work without a chip reader; the status bar always shows "
                              "the state of the readers."));
    } else {
        const auto withCard = std::count_if(input.readers.begin(), input.readers.end(),
                                            [](const ReaderLine& l) { return l.cardPresent; });
        r.severity = ReaderSeverity::Ok;
        r.summary = input.readers.size() == 1 ? format1(tr("One reader found: %s."), input.readers.front().name)
                                              : format1(tr("%s readers found."), std::to_string(input.readers.size()));
        for (const auto& l : input.readers) {
            r.advice.push_back(l.name + (l.cardPresent ? " — " + tr("a card is on it") : " — " + tr("ready, no card")));
        }
        if (withCard == 0) {
            r.advice.push_back(
                tr("To try it, place an identity card flat on the reader and read it on the Identity check page."));
        }
    }
    m_readers = r;
    return r;
}

std::vector<std::string> FirstStartPresenter::summary() const
{
    std::vector<std::string> lines;
    lines.push_back(format1(tr("Unit of this desk: %s"), m_unit ? m_unitLabel : tr("not chosen")));
    if (m_enrolled) {
        lines.push_back(format1(tr("Enrolled with the hub %s; synchronization runs in the background."), m_server));
    } else {
        lines.push_back(tr("Working alone: enroll later with Administration > Set up this desk."));
    }
    if (m_readers) {
        lines.push_back(format1(tr("Card readers: %s"), m_readers->summary));
    }
    lines.push_back(
        tr("Add the other users of this desk (staff, checkers, coordinators) with Administration > Users."));
    return lines;
}

} // namespace da06::ui
