#pragma once
// A temporary encrypted store with the Tây Ninh plan and units, the desk's unit set to a notary
// office, and helpers that make check records as a checker (issue 8 tests).
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <optional>
#include <ostream>
#include <string>

#include "assets/Bundled.h"
#include "domain/access/Accounts.h"
#include "domain/desk/CheckService.h"
#include "domain/identity/CccdJson.h"
#include "domain/identity/CccdNormalize.h"
#include "domain/plan/PlanFile.h"
#include "domain/plan/PlanRepository.h"
#include "domain/schema/FullSchema.h"
#include "domain/work/BundledUnits.h"
#include "domain/work/UnitService.h"
#include "tests/support/TestSupport.h"

namespace da06 {
inline std::ostream& operator<<(std::ostream& os, const Date& d)
{
    return os << d.toIso();
}
} // namespace da06

namespace da06::desk {
inline std::ostream& operator<<(std::ostream& os, CheckOutcome o)
{
    return os << outcomeName(o);
}
inline std::ostream& operator<<(std::ostream& os, CheckMethod m)
{
    return os << methodName(m);
}
inline std::ostream& operator<<(std::ostream& os, Consent c)
{
    return os << consentName(c);
}
inline std::ostream& operator<<(std::ostream& os, const CheckStat& s)
{
    return os << s.unitCode << "|" << s.month << "|" << s.model << "|" << s.method << "|" << s.outcome << "="
              << s.count;
}
} // namespace da06::desk

namespace std {
template <typename T> inline std::ostream& operator<<(std::ostream& os, const std::optional<T>& v)
{
    if (v) {
        return os << *v;
    }
    return os << "(none)";
}
} // namespace std

namespace da06::desk::test {

inline const char* const kPass = "mot hai ba bon nam sau";

// A QR payload of a valid CCCD (Tây Ninh, male born 2001) and an under-18 one (female, 2010).
inline const char* const kQrAdult =
    "072201003358|285123456|Đặng Quốc Bảo|15032001|Nam|Ấp Trường Lưu, Xã Trường Tây, Hòa Thành, Tây Ninh|10042021";
inline const char* const kQrExpired =
    "072095001234||Trần Văn Hùng|20071995|Nam|Ấp Thạnh Trung, Xã Thạnh Tây, Tân Biên, Tây Ninh|12052016";
inline const char* const kQrMinor =
    "072310004321||Nguyễn Thị Ngọc Ánh|02092010|Nữ|Khu phố 1, Phường 3, Thành phố Tây Ninh, Tây Ninh|05102024";

struct DeskFixture {
    da06::test::TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 11, 5});
    std::optional<access::Session> session;

    explicit DeskFixture(const std::string& deskUnit = "tinh-tay-ninh")
    {
        auto st = access::createStore(dir / "store.da06", "admin", kPass, clock, da06::schema::full());
        BOOST_REQUIRE_MESSAGE(st, (st ? "" : st.error().message));
        session.emplace(std::move(*st));
        auto plan = plan::loadPlanText(assets::bundledPlanJson());
        BOOST_REQUIRE(plan);
        plan::PlanRepository repo(db(), clock);
        BOOST_REQUIRE(repo.importPlan(*plan, admin()));
        auto units = work::bundledUnits();
        BOOST_REQUIRE_MESSAGE(units, (units ? "" : units.error().message));
        work::UnitService us(db(), clock, admin());
        BOOST_REQUIRE(us.importUnits(*units));
        if (!deskUnit.empty()) {
            auto s = us.setDeskUnit(deskUnit);
            BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().message));
        }
    }

    store::Database& db() { return session->store.db(); }
    access::Actor admin() const { return access::Actor{"admin", access::Role::Admin, {}}; }
    access::Actor checker(const std::string& name = "mai") const
    {
        return access::Actor{name, access::Role::Checker, {}};
    }
    access::Actor as(access::Role role, const std::string& name = "lan") const { return access::Actor{name, role, {}}; }
    CheckService checks(access::Actor a) { return CheckService(db(), clock, std::move(a)); }
    CheckService checks() { return checks(checker()); }
    std::int64_t count(const std::string& sql) { return *db().queryInt(sql); }

    // A check recorded from a QR payload (through the idcheck JSON path) for a purpose.
    CheckRecord recordQr(const std::string& qr, int model, Consent consent = Consent::Given);
};

inline CheckRecord DeskFixture::recordQr(const std::string& qr, int model, Consent consent)
{
    const identity::CccdReport report = identity::checkQrText(qr, clock.today());
    auto input = checkFromJson(identity::cccdReportToJson(report), clock.today());
    BOOST_REQUIRE_MESSAGE(input, (input ? "" : input.error().message));
    input->model = model;
    input->consent = consent;
    auto rec = checks().record(*input);
    BOOST_REQUIRE_MESSAGE(rec, (rec ? "" : rec.error().message));
    return *rec;
}

} // namespace da06::desk::test
