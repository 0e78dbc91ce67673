// Fuzz target welfare_csv: a welfare beneficiary list (models 19 and 35) as the desk imports it
// from a CSV file (WelfareService::importList: BOM, UTF-8, separator, header by Vietnamese or
// English names, then each line's number, name, category, programme, amount and period). It runs
// on a real encrypted store made once on tmpfs; after an import that stored lines, the lists and
// their audit entries are removed again, so that every input starts from the same store.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/access/Accounts.h"
#include "domain/desk/WelfareService.h"
#include "domain/schema/FullSchema.h"
#include "tests/fuzz/data/DataFuzz.h"

using namespace da06;
using da06::fuzz::data::require;

namespace {

struct Desk {
    FixedClock clock = FixedClock::at(Date{2024, 11, 5});
    std::optional<access::Session> session;
    std::int64_t auditSeq = 0;
    std::string auditHash;

    Desk()
    {
        auto st = access::createStore(da06::fuzz::data::scratchDir() / "store.da06", "admin", "mot hai ba bon nam sau",
                                      clock, schema::full());
        require(st.has_value());
        session.emplace(std::move(*st));
        auto head = db().prepare("SELECT seq, hash FROM audit_head WHERE id = 1");
        require(head.has_value());
        auto row = head->step();
        require(row.has_value() && *row);
        auditSeq = head->columnInt(0);
        auditHash = head->columnText(1);
    }

    store::Database& db() { return session->store.db(); }

    // Back to the store as it was made: no list, the audit chain as it was.
    void reset()
    {
        require(db().exec("DELETE FROM beneficiary; DELETE FROM welfare_list").has_value());
        auto del = db().prepare("DELETE FROM audit_log WHERE seq > ?");
        require(del.has_value());
        del->bind(1, auditSeq);
        require(del->run().has_value());
        auto head = db().prepare("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1");
        require(head.has_value());
        head->bind(1, auditSeq).bind(2, auditHash);
        require(head->run().has_value());
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static Desk desk;
    desk::WelfareService welfare(desk.db(), desk.clock, access::Actor{"mai", access::Role::Checker, {}});
    auto result = welfare.importList("Danh sách chi trả", 35, da06::fuzz::data::textOf(data, size));
    if (!result) {
        require(result.error().code == ErrorCode::InvalidInput);
        return 0;
    }
    require(result->imported >= 1 && !result->listUid.empty());
    int line = 0;
    for (const auto& p : result->problems) {
        require(p.line >= line && p.line >= 1 && !p.message.empty());
        line = p.line;
    }
    auto rows = desk.db().queryInt("SELECT count(*) FROM beneficiary");
    require(rows.has_value() && *rows == result->imported);
    desk.reset();
    return 0;
}
