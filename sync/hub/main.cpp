// da06-hub: the provincial synchronization hub (sync/PROTOCOL.md), and its admin commands.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <pthread.h>
#include <sstream>

#include "domain/core/Clock.h"
#include "domain/plan/PlanParser.h"
#include "domain/work/UnitFile.h"
#include "sync/hub/DevCert.h"
#include "sync/hub/HubServer.h"
#include "sync/hub/HubService.h"
#include "sync/hub/HubStore.h"

using namespace da06;
using namespace da06::hub;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

const char* const kUsage =
    "usage:\n"
    "  da06-hub (--data DIR | --postgres URL) [--listen HOST:PORT]\n"
    "           [--tls-cert FILE --tls-key FILE | --tls-dev | --plain] [--threads N] [--log FILE]\n"
    "  da06-hub admin (--data DIR | --postgres URL) COMMAND\n"
    "    import-plan FILE             the plan (assets/plans/FORMAT.md) as one plan change\n"
    "    import-units FILE            units (assets/units/FORMAT.md) as unit changes of the hub\n"
    "    code create --unit CODE [--hours N]   a one-time enrollment code (printed once)\n"
    "    devices list [--json]\n"
    "    devices revoke ID\n"
    "    state --json                 the merged value of every field: {entity: {id: {field: value}}}\n"
    "    changes count\n";

// For tests only: DA06_HUB_TEST_CLOCK_OFFSET_MS shifts the hub's clock (expired codes, clock skew).
std::int64_t clockOffset()
{
    static const std::int64_t offset = [] {
        const char* v = std::getenv("DA06_HUB_TEST_CLOCK_OFFSET_MS");
        try {
            return v ? static_cast<std::int64_t>(std::stoll(v)) : std::int64_t{0};
        } catch (const std::exception&) {
            return std::int64_t{0};
        }
    }();
    return offset;
}

std::int64_t nowMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
               .count() +
           clockOffset();
}

std::string isoTime(std::int64_t millis)
{
    return Clock::iso8601(std::chrono::system_clock::time_point(std::chrono::milliseconds(millis)));
}

int failWith(const Error& e)
{
    std::cerr << "da06-hub: " << e.message << "\n";
    return e.code == ErrorCode::Usage ? kExitUsage : kExitError;
}

struct Common {
    std::filesystem::path data;
    std::string postgres;
};

Result<std::unique_ptr<SqlBackend>> backendOf(const Common& c)
{
    if (!c.postgres.empty()) {
        return makePostgresBackend(c.postgres);
    }
    if (c.data.empty()) {
        return fail(ErrorCode::Usage, "give --data DIR (SQLite) or --postgres URL");
    }
    return makeSqliteBackend(c.data);
}

Result<std::string> readText(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        return fail(ErrorCode::NotFound, "cannot read " + p.string());
    }
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int admin(const Common& common, const std::vector<std::string>& args)
{
    auto backend = backendOf(common);
    if (!backend) {
        return failWith(backend.error());
    }
    ConnectionPool pool(std::move(*backend), 2);
    HubStore store(pool);
    if (auto s = store.migrate(); !s) {
        return failWith(s.error());
    }
    auto is = [&](std::initializer_list<const char*> words) {
        if (args.size() < words.size()) {
            return false;
        }
        std::size_t i = 0;
        for (const char* w : words) {
            if (args[i++] != w) {
                return false;
            }
        }
        return true;
    };
    if (is({"import-plan"}) && args.size() == 2) {
        auto text = readText(args[1]);
        if (!text) {
            return failWith(text.error());
        }
        auto plan = plan::parsePlan(*text);
        if (!plan) {
            return failWith(plan.error());
        }
        auto document = json::parse(*text);
        if (!document) {
            return failWith(document.error());
        }
        HubStore::AdminChange c{"plan", plan->id, "", work::ChangeOp::Update, {{"document", *document}}};
        auto n = store.adminChanges({c}, nowMillis());
        if (!n) {
            return failWith(n.error());
        }
        std::vector<std::pair<std::string, std::optional<std::string>>> planUnits;
        for (const auto& u : plan->units) {
            planUnits.emplace_back(u.id, u.parent);
        }
        if (auto s = store.addPlanUnits(planUnits); !s) {
            return failWith(s.error());
        }
        std::cout << (*n ? "imported the plan " : "the plan is unchanged: ") << plan->id << "\n";
        return kExitOk;
    }
    if (is({"import-units"}) && args.size() == 2) {
        auto units = work::loadUnitsFile(args[1]);
        if (!units) {
            return failWith(units.error());
        }
        std::vector<HubStore::AdminChange> changes;
        for (const auto& u : *units) {
            json::Value aliases = json::Array{};
            for (const auto& a : u.aliases) {
                aliases.push(a);
            }
            changes.push_back(HubStore::AdminChange{"unit",
                                                    u.id,
                                                    u.id,
                                                    work::ChangeOp::Update,
                                                    {{"name", u.name},
                                                     {"kind", u.kind},
                                                     {"parent", json::optText(u.parent)},
                                                     {"member_of", json::optText(u.memberOf)},
                                                     {"site_kind", json::optText(u.siteKind)},
                                                     {"aliases", aliases}}});
        }
        auto n = store.adminChanges(changes, nowMillis());
        if (!n) {
            return failWith(n.error());
        }
        std::cout << "imported " << units->size() << " units (" << *n << " changes)\n";
        return kExitOk;
    }
    if (is({"code", "create"})) {
        std::string unit;
        int hours = 72;
        for (std::size_t i = 2; i < args.size(); ++i) {
            if (args[i] == "--unit" && i + 1 < args.size()) {
                unit = args[++i];
            } else if (args[i] == "--hours" && i + 1 < args.size()) {
                try {
                    hours = std::stoi(args[++i]);
                } catch (const std::exception&) {
                    return failWith(Error{ErrorCode::Usage, "--hours needs a whole number"});
                }
            } else {
                return failWith(Error{ErrorCode::Usage, std::string("unknown option ") + args[i] + "\n" + kUsage});
            }
        }
        auto scope = store.scopeOf(unit);
        if (scope && scope->down.size() == 1 && scope->up.size() == 1) {
            std::cerr << "da06-hub: warning: the unit \"" << unit << "\" has no units around it on this hub "
                      << "(import the units first?)\n";
        }
        auto code = store.createCode(unit, hours, nowMillis());
        if (!code) {
            return failWith(code.error());
        }
        std::cout << *code << "\n";
        return kExitOk;
    }
    if (is({"devices", "list"}) && args.size() <= 3) {
        const bool asJson = args.size() == 3 && args[2] == "--json";
        if (args.size() == 3 && !asJson) {
            return failWith(Error{ErrorCode::Usage, kUsage});
        }
        auto list = store.devices();
        if (!list) {
            return failWith(list.error());
        }
        if (asJson) {
            json::Value arr = json::Array{};
            for (const auto& d : *list) {
                json::Value o = json::Object{};
                o.set("id", d.id);
                o.set("unit", d.unit);
                o.set("name", d.name);
                o.set("node", d.node);
                o.set("enrolled_at", static_cast<long long>(d.enrolledAt));
                o.set("revoked", d.revokedAt.has_value());
                arr.push(std::move(o));
            }
            std::cout << arr.dump(2) << "\n";
        } else {
            for (const auto& d : *list) {
                std::cout << d.id << "  " << d.unit << "  " << isoTime(d.enrolledAt) << "  "
                          << (d.revokedAt ? "revoked " + isoTime(*d.revokedAt) : std::string("active")) << "  "
                          << d.name << "\n";
            }
        }
        return kExitOk;
    }
    if (is({"devices", "revoke"}) && args.size() == 3) {
        auto r = store.revoke(args[2], nowMillis());
        if (!r) {
            return failWith(r.error());
        }
        if (!*r) {
            return failWith(Error{ErrorCode::NotFound, "no device " + args[2]});
        }
        std::cout << "revoked " << args[2] << "\n";
        return kExitOk;
    }
    if (is({"state", "--json"}) && args.size() == 2) {
        auto s = store.state();
        if (!s) {
            return failWith(s.error());
        }
        std::cout << s->dump(2) << "\n";
        return kExitOk;
    }
    if (is({"changes", "count"}) && args.size() == 2) {
        auto n = store.changeCount();
        if (!n) {
            return failWith(n.error());
        }
        std::cout << *n << "\n";
        return kExitOk;
    }
    std::cerr << kUsage;
    return kExitUsage;
}

int serve(const Common& common, ServerOptions options, bool tlsDev)
{
    // Signals go to the main thread's sigwait only: block them before any thread starts.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    if (tlsDev) {
        if (common.data.empty()) {
            return failWith(Error{ErrorCode::Usage, "--tls-dev keeps its certificate in --data DIR"});
        }
        auto cert = ensureDevCertificate(common.data);
        if (!cert) {
            return failWith(cert.error());
        }
        options.certFile = cert->certFile;
        options.keyFile = cert->keyFile;
        std::cout << "da06-hub: development certificate " << cert->certFile.string() << "\n";
        std::cout << "da06-hub: public key pin " << cert->pin << std::endl;
    } else if (!options.plain) {
        if (options.certFile.empty() || options.keyFile.empty()) {
            return failWith(Error{ErrorCode::Usage,
                                  "give --tls-cert FILE --tls-key FILE, --tls-dev or --plain\n" + std::string(kUsage)});
        }
        if (auto pin = publicKeyPin(options.certFile); pin) {
            std::cout << "da06-hub: public key pin " << *pin << std::endl;
        }
    }
    auto backend = backendOf(common);
    if (!backend) {
        return failWith(backend.error());
    }
    const std::string where = (*backend)->describe();
    ConnectionPool pool(std::move(*backend), static_cast<std::size_t>(options.threads) + 2);
    HubStore store(pool);
    if (auto s = store.migrate(); !s) {
        return failWith(s.error());
    }
    HubService service(store, nowMillis);
    RequestLog log(options.logFile);
    HubServer server(service, log, options);
    if (auto s = server.start(); !s) {
        return failWith(s.error());
    }
    std::cout << "da06-hub: listening on " << (options.plain ? "http" : "https") << "://" << options.host << ":"
              << server.port() << " (" << where << ")\n";
    std::cout << "da06-hub: ready" << std::endl;
    int sig = 0;
    sigwait(&signals, &sig);
    std::cout << "da06-hub: stopping" << std::endl;
    server.stop();
    std::cout << "da06-hub: stopped" << std::endl;
    return kExitOk;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    Common common;
    const bool isAdmin = !args.empty() && args[0] == "admin";
    ServerOptions options;
    bool tlsDev = false;
    std::vector<std::string> rest;
    for (std::size_t i = isAdmin ? 1 : 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= args.size()) {
                return std::nullopt;
            }
            return args[++i];
        };
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return kExitOk;
        }
        if (a == "--data" || a == "--postgres" ||
            (!isAdmin &&
             (a == "--listen" || a == "--tls-cert" || a == "--tls-key" || a == "--threads" || a == "--log"))) {
            auto v = value();
            if (!v) {
                return failWith(Error{ErrorCode::Usage, a + " needs a value"});
            }
            if (a == "--data") {
                common.data = *v;
            } else if (a == "--postgres") {
                common.postgres = *v;
            } else if (a == "--listen") {
                const auto colon = v->rfind(':');
                if (colon == std::string::npos) {
                    return failWith(Error{ErrorCode::Usage, "--listen needs HOST:PORT"});
                }
                options.host = v->substr(0, colon);
                try {
                    const int port = std::stoi(v->substr(colon + 1));
                    if (port < 0 || port > 65535) {
                        throw std::out_of_range("port");
                    }
                    options.port = static_cast<std::uint16_t>(port);
                } catch (const std::exception&) {
                    return failWith(Error{ErrorCode::Usage, "--listen needs HOST:PORT with a port from 0 to 65535"});
                }
            } else if (a == "--tls-cert") {
                options.certFile = *v;
            } else if (a == "--tls-key") {
                options.keyFile = *v;
            } else if (a == "--log") {
                options.logFile = *v;
            } else {
                try {
                    options.threads = std::clamp(std::stoi(*v), 2, 256);
                } catch (const std::exception&) {
                    return failWith(Error{ErrorCode::Usage, "--threads needs a whole number"});
                }
            }
        } else if (!isAdmin && a == "--tls-dev") {
            tlsDev = true;
        } else if (!isAdmin && a == "--plain") {
            options.plain = true;
        } else if (isAdmin) {
            rest.push_back(a);
        } else {
            return failWith(Error{ErrorCode::Usage, "unknown option " + a + "\n" + kUsage});
        }
    }
    if (isAdmin) {
        return admin(common, rest);
    }
    if ((tlsDev ? 1 : 0) + (options.plain ? 1 : 0) + (options.certFile.empty() ? 0 : 1) > 1) {
        return failWith(Error{ErrorCode::Usage, "choose one of --tls-cert/--tls-key, --tls-dev and --plain"});
    }
    if (common.data.empty() && common.postgres.empty()) {
        return failWith(Error{ErrorCode::Usage, std::string("give --data DIR or --postgres URL\n") + kUsage});
    }
    return serve(common, options, tlsDev);
}
