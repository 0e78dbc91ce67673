// Front-desk benchmark (issue 8): a desk's check records at volume in the encrypted store —
// recording, finding a citizen by name without diacritics, the monthly statistics, the report's
// counts and the retention purge. The search is measured against the baseline of reading every
// record and matching in C++ (what a list without the folded search column would do).
//   bench_desk [CHECKS]   (default 20000)
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "assets/Bundled.h"
#include "domain/access/Accounts.h"
#include "domain/desk/CheckService.h"
#include "domain/plan/PlanFile.h"
#include "domain/plan/PlanRepository.h"
#include "domain/schema/FullSchema.h"
#include "domain/text/Text.h"
#include "domain/work/BundledUnits.h"
#include "domain/work/UnitService.h"
#include "tests/bench/BenchSupport.h"

using namespace da06;
using namespace da06::desk;
using bench::msSince;
using bench::need;

namespace {

const char* const kSurnames[] = {"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng", "Huỳnh", "Phan",  "Vũ",
                                 "Võ",     "Đặng", "Bùi", "Đỗ",   "Hồ",    "Ngô",   "Dương", "Lý"};
const char* const kMiddle[] = {"Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Quốc"};
const char* const kGiven[] = {"An",  "Bảo", "Cường", "Dũng", "Hà",  "Hải", "Hạnh", "Hùng",  "Lan",  "Linh",
                              "Mai", "Nam", "Phúc",  "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến"};
const int kModels[] = {4, 8, 15, 19, 35, 6};

CheckInput makeCheck(unsigned i)
{
    CheckInput in;
    in.model = kModels[i % 6];
    in.method = i % 3 == 0 ? CheckMethod::Chip : CheckMethod::Qr;
    in.outcome = i % 17 == 0 ? CheckOutcome::Invalid : i % 5 == 0 ? CheckOutcome::Warning : CheckOutcome::Valid;
    in.consent = Consent::Given;
    const int year = 1950 + static_cast<int>(i % 55);
    const bool female = (i / 7) % 2 == 1;
    const int g = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
    char id[13];
    std::snprintf(id, sizeof id, "072%d%02d%06u", g, year % 100, (i * 7919u) % 1000000u);
    in.identity.idNumber = id;
    in.identity.fullName = std::string(kSurnames[i % 16]) + " " + kMiddle[(i / 16) % 8] + " " + kGiven[(i / 128) % 20] +
                           (i % 3 == 0 ? std::string(" ") + kGiven[(i / 7) % 20] : std::string());
    in.identity.dateOfBirth = Date{year, 1 + static_cast<int>(i % 12), 1 + static_cast<int>(i % 28)};
    in.identity.sex = female ? "female" : "male";
    in.identity.address = "Ấp " + std::to_string(i % 40) + ", Xã Trường Tây, Hòa Thành, Tây Ninh";
    in.verifications.push_back(Verification{in.method == CheckMethod::Chip ? "passive_authentication" : "qr_code",
                                            in.method == CheckMethod::Chip ? "verified" : "valid", ""});
    return in;
}

} // namespace

int main(int argc, char** argv)
{
    const unsigned n = argc > 1 ? static_cast<unsigned>(std::strtoul(argv[1], nullptr, 10)) : 20000u;
    char tmpl[] = "/tmp/da06-bench-desk-XXXXXX";
    if (!mkdtemp(tmpl)) {
        std::perror("mkdtemp");
        return 1;
    }
    const std::filesystem::path dir = tmpl;
    FixedClock clock = FixedClock::at(Date{2024, 1, 1});
    auto session =
        need(access::createStore(dir / "store.da06", "admin", "mot hai ba bon nam sau", clock, da06::schema::full()),
             "create");
    const access::Actor admin{"admin", access::Role::Admin, {}};
    auto plan = need(plan::loadPlanText(assets::bundledPlanJson()), "plan");
    need(plan::PlanRepository(session.store.db(), clock).importPlan(plan, admin), "import plan");
    work::UnitService units(session.store.db(), clock, admin);
    need(units.importUnits(need(work::bundledUnits(), "units")), "import units");
    need(units.setDeskUnit("tinh-tay-ninh"), "desk unit");
    const access::Actor checker{"mai", access::Role::Checker, {}};
    CheckService svc(session.store.db(), clock, checker);

    // Recording: one transaction per check (as at the desk), spread over 300 days.
    std::vector<double> each;
    const auto t0 = std::chrono::steady_clock::now();
    for (unsigned i = 0; i < n; ++i) {
        clock.set(std::chrono::sys_days(std::chrono::year(2024) / 1 / 1) +
                  std::chrono::minutes(i * 300ull * 24 * 60 / n));
        const auto t = std::chrono::steady_clock::now();
        need(svc.record(makeCheck(i)), "record");
        each.push_back(msSince(t));
    }
    const double recordMs = msSince(t0);
    std::printf("records: %u checks in %.0f ms (%.0f checks/s); one check p50 %.2f ms, p99 %.2f ms\n", n, recordMs,
                n * 1000.0 / recordMs, bench::median(each), [&] {
                    std::sort(each.begin(), each.end());
                    return each[each.size() * 99 / 100];
                }());

    // Finding a citizen: SQL on the folded search column vs reading every record.
    const char* const queries[] = {"nguyen thi lan", "DANG QUOC", "bui huu tam", "072"};
    for (const char* q : queries) {
        std::vector<double> sql, scan;
        std::size_t foundSql = 0, foundScan = 0;
        for (int rep = 0; rep < 5; ++rep) {
            CheckQuery query;
            query.text = q;
            query.limit = 200;
            auto t = std::chrono::steady_clock::now();
            foundSql = need(svc.list(query), "list").size();
            sql.push_back(msSince(t));
            t = std::chrono::steady_clock::now();
            CheckQuery all;
            all.limit = 0;
            const std::string folded = text::fold(q);
            foundScan = 0;
            for (const CheckRecord& r : need(svc.list(all), "list all")) {
                if (r.identity && foundScan < 200 &&
                    text::matchesFolded(text::fold(r.identity->fullName) + " " + r.identity->idNumber, folded)) {
                    ++foundScan;
                }
            }
            scan.push_back(msSince(t));
        }
        const double a = bench::median(sql), b = bench::median(scan);
        std::printf("search \"%s\": %zu found; folded column %.2f ms, read-all baseline %.1f ms (%zu) — ratio %.3f\n",
                    q, foundSql, a, b, foundScan, a / b);
    }

    // Statistics of one month and of the year; the report's counts for a data range.
    std::vector<double> month, year, report;
    StoredCheckCounts counts(session.store.db());
    for (int rep = 0; rep < 5; ++rep) {
        auto t = std::chrono::steady_clock::now();
        need(svc.stats("2024-06", "2024-06"), "stats");
        month.push_back(msSince(t));
        t = std::chrono::steady_clock::now();
        need(svc.stats("2024-01", "2024-12"), "stats");
        year.push_back(msSince(t));
        t = std::chrono::steady_clock::now();
        need(counts.counts({"tinh-tay-ninh"}, {4, 8, 15, 19, 35, 6}, Date{2024, 5, 15}, Date{2024, 6, 14}), "counts");
        report.push_back(msSince(t));
    }
    std::printf("stats: one month %.2f ms, the year %.2f ms; report counts (15 May–14 Jun) %.2f ms\n",
                bench::median(month), bench::median(year), bench::median(report));

    // The purge: a year later the 90-day purposes (model 6) and, two years later, the 730-day ones.
    clock.set(std::chrono::sys_days(std::chrono::year(2025) / 1 / 15));
    auto t = std::chrono::steady_clock::now();
    auto p1 = need(svc.purge(false), "purge");
    const double purge1 = msSince(t);
    clock.set(std::chrono::sys_days(std::chrono::year(2027) / 1 / 15));
    t = std::chrono::steady_clock::now();
    auto p2 = need(svc.purge(false), "purge");
    const double purge2 = msSince(t);
    t = std::chrono::steady_clock::now();
    auto p3 = need(svc.purge(false), "purge");
    const double purge3 = msSince(t);
    std::printf("purge: %d checks in %.0f ms; then %d in %.0f ms; nothing left to purge: %.2f ms (%d)\n", p1.checks,
                purge1, p2.checks, purge2, purge3, p3.checks);
    std::error_code ec;
    std::printf("store file: %.1f MiB\n",
                static_cast<double>(std::filesystem::file_size(dir / "store.da06", ec)) / (1024.0 * 1024.0));
    std::filesystem::remove_all(dir, ec);
    return 0;
}
