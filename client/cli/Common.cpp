#include "client/cli/Common.h"

#include <charconv>

#include "client/cli/Terminal.h"
#include "domain/schema/FullSchema.h"
#include "domain/work/UnitService.h"

namespace da06::cli {

bool Args::flag(const std::string& name)
{
    for (auto it = m_args.begin(); it != m_args.end(); ++it) {
        if (*it == name) {
            m_args.erase(it);
            return true;
        }
    }
    return false;
}

std::optional<std::string> Args::option(const std::string& name)
{
    for (std::size_t i = 0; i < m_args.size(); ++i) {
        if (m_args[i] == name) {
            if (i + 1 >= m_args.size()) {
                m_missingValue = name;
                m_args.erase(m_args.begin() + static_cast<long>(i));
                return std::nullopt;
            }
            std::string v = m_args[i + 1];
            m_args.erase(m_args.begin() + static_cast<long>(i), m_args.begin() + static_cast<long>(i) + 2);
            return v;
        }
        if (m_args[i].rfind(name + "=", 0) == 0) {
            std::string v = m_args[i].substr(name.size() + 1);
            m_args.erase(m_args.begin() + static_cast<long>(i));
            return v;
        }
    }
    return std::nullopt;
}

std::vector<std::string> Args::options(const std::string& name)
{
    std::vector<std::string> out;
    while (auto v = option(name)) {
        out.push_back(*v);
    }
    return out;
}

std::optional<std::string> Args::next()
{
    if (m_args.empty()) {
        return std::nullopt;
    }
    std::string v = m_args.front();
    m_args.erase(m_args.begin());
    return v;
}

std::optional<std::string> Args::leftoverProblem() const
{
    if (!m_missingValue.empty()) {
        return m_missingValue + " needs a value";
    }
    for (const auto& a : m_args) {
        if (a.rfind("--", 0) == 0) {
            return "unknown option " + a;
        }
    }
    return std::nullopt;
}

int exitCodeFor(const Error& e)
{
    switch (e.code) {
    case ErrorCode::Usage:
        return kExitUsage;
    case ErrorCode::WrongPassphrase:
    case ErrorCode::StoreMissing:
    case ErrorCode::StoreDamaged:
    case ErrorCode::StoreTooNew:
    case ErrorCode::LockedOut:
        return kExitStore;
    case ErrorCode::NotFound:
        return kExitNotFound;
    case ErrorCode::InvalidInput:
        return kExitInvalidInput;
    case ErrorCode::PermissionDenied:
        return kExitDenied;
    case ErrorCode::AccessDenied:
        return kExitChipDenied;
    case ErrorCode::AuthenticationFailed:
    case ErrorCode::Unauthorized:
        return kExitAuthFailed;
    case ErrorCode::ServiceUnavailable:
    case ErrorCode::NoReader:
    case ErrorCode::NoCard:
    case ErrorCode::CardRemoved:
        return kExitNoDevice;
    default:
        return kExitFailure;
    }
}

int report(std::ostream& err, const Error& e)
{
    err << "da06: " << e.message << "\n";
    return exitCodeFor(e);
}

int usageError(std::ostream& err, const std::string& what)
{
    err << "da06: " << what << "\nRun `da06 --help` for the commands.\n";
    return kExitUsage;
}

Result<access::Session> openSession(const Globals& g)
{
    // A missing store is reported before any passphrase is asked for.
    std::error_code ec;
    if (!std::filesystem::exists(g.store, ec)) {
        return fail(ErrorCode::StoreMissing,
                    "there is no store at " + g.store.string() + " (create one with `da06 init`)");
    }
    std::string why;
    auto pass = readPassphrase("Passphrase" + (g.user.empty() ? std::string() : " of " + g.user) + " for " +
                                   g.store.string() + ": ",
                               false, why);
    if (!pass) {
        return fail(ErrorCode::Usage, why);
    }
    return access::openSession(g.store, g.user, pass->view(), *g.clock, schema::full());
}

Result<std::string> unitOrDesk(access::Session& s, const Globals& g, const std::optional<std::string>& unit)
{
    if (unit) {
        return *unit;
    }
    work::UnitService units(s.store.db(), *g.clock, s.actor);
    DA06_TRY(desk, units.deskUnit());
    if (!*desk) {
        return fail(ErrorCode::Usage,
                    "name the unit with --unit (this desk has no unit yet: `da06 desk unit set UNIT`)");
    }
    return (*desk)->id;
}

std::string padded(std::string s, std::size_t width)
{
    std::size_t cps = 0;
    for (unsigned char c : s) {
        cps += (c & 0xC0) != 0x80;
    }
    if (cps < width) {
        s.append(width - cps, ' ');
    }
    return s;
}

std::optional<Date> parseDay(const std::string& s)
{
    if (auto d = Date::parseIso(s)) {
        return d;
    }
    if (s.size() == 10 && s[2] == '/' && s[5] == '/') {
        return Date::parseIso(s.substr(6, 4) + "-" + s.substr(3, 2) + "-" + s.substr(0, 2));
    }
    return std::nullopt;
}

std::optional<long long> parseInteger(const std::string& s, long long min, long long max)
{
    long long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < min || v > max) {
        return std::nullopt;
    }
    return v;
}

} // namespace da06::cli
