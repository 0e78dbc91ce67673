// The check records of the front desk (issue 8) on a real temporary encrypted store: recording from
// the idcheck JSON (QR and chip) and by hand, consent, permissions (a staff user is denied every
// personal detail), statistics, the report's counts, retention and the purge, the notarial case
// completion rule and the certification of documents.
#include "tests/desk/DeskTestSupport.h"

#include <set>

#include "domain/audit/AuditLog.h"
#include "domain/desk/NotaryService.h"
#include "domain/work/ChangeLog.h"
#include "domain/work/Ids.h"

using namespace da06;
using namespace da06::desk;
using da06::desk::test::DeskFixture;
namespace dt = da06::desk::test;

namespace da06::desk {
inline std::ostream& operator<<(std::ostream& os, CaseStatus s)
{
    return os << caseStatusName(s);
}
} // namespace da06::desk

namespace {

CheckQuery query(const std::string& text, bool includePurged = false)
{
    CheckQuery q;
    q.text = text;
    q.includePurged = includePurged;
    return q;
}

// The JSON `da06 idcheck chip --json` prints for person 1 of the virtual card (trimmed to what a
// check keeps), with the passive authentication result given.
json::Value chipJson(const std::string& pa, const std::string& crossCheckSeverity = "")
{
    const char* text = R"({
  "access": "PACE",
  "mrz": {"document_code": "ID", "issuing_state": "VNM", "document_number": "201003358",
          "id_number": "072201003358", "date_of_birth": "010315", "sex": "M", "date_of_expiry": "260315",
          "nationality": "VNM", "surname": "DANG", "given_names": "QUOC BAO"},
  "dg13": {"id_number": "072201003358", "full_name": "Đặng Quốc Bảo", "date_of_birth": "15/03/2001",
           "sex": "Nam", "nationality": "Việt Nam", "ethnicity": "Kinh", "religion": "Không",
           "place_of_origin": "Hòa Thành, Tây Ninh", "place_of_residence": "Ấp Trường Lưu, Xã Trường Tây, Hòa Thành, Tây Ninh",
           "identifying_features": null, "issue_date": "10/04/2021", "expiry_date": "15/03/2026",
           "father_name": null, "mother_name": null, "spouse_name": null, "old_id_number": "285123456"},
  "passive_authentication": {"result": "PA", "reason": null},
  "chip_authentication": {"result": "passed", "reason": null},
  "active_authentication": {"result": "not_supported", "reason": "dg15_not_found"},
  "photo": {"format": "jpeg2000", "width": 240, "height": 320, "bytes": 17930, "error": null},
  "cross_check": [], "apdu_count": 111, "le": 256, "timings_ms": {}, "notes": []
})";
    std::string s = text;
    s.replace(s.find("\"PA\""), 4, "\"" + pa + "\"");
    auto v = json::parse(s);
    BOOST_REQUIRE(v);
    if (!crossCheckSeverity.empty()) {
        json::Value f = json::Object{};
        f.set("code", "qr_name_differs");
        f.set("severity", crossCheckSeverity);
        f.set("message", "The name in the QR code differs from the chip's.");
        for (auto& [k, val] : v->asObject()) {
            if (k == "cross_check") {
                val.push(f);
            }
        }
    }
    return *v;
}

CheckInput fromChip(const json::Value& v, const Date& asOf, int model = 4)
{
    auto in = checkFromJson(v, asOf);
    BOOST_REQUIRE_MESSAGE(in, (in ? "" : in.error().message));
    in->model = model;
    in->consent = Consent::Given;
    return *in;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(desk_checks, DeskFixture)

BOOST_AUTO_TEST_CASE(qr_json_recorded_with_purpose_consent_and_operator)
{
    const CheckRecord r = recordQr(dt::kQrAdult, 15, Consent::LegalObligation);
    BOOST_TEST(r.method == CheckMethod::Qr);
    BOOST_TEST(r.outcome == CheckOutcome::Valid);
    BOOST_TEST(r.passing());
    BOOST_TEST(r.model == 15);
    BOOST_TEST(r.operatorName == "mai");
    BOOST_TEST(r.unitCode == "tinh-tay-ninh");
    BOOST_TEST(r.reference.rfind("KT-20241105-", 0) == 0u);
    BOOST_TEST(r.purgeAfter == (Date{2027, 11, 5})); // 1095 days for the pawnshop register
    auto back = checks().get(r.reference);
    BOOST_REQUIRE(back);
    BOOST_REQUIRE(back->identity);
    BOOST_TEST(back->identity->fullName == "Đặng Quốc Bảo");
    BOOST_TEST(back->identity->idNumber == "072201003358");
    BOOST_TEST(back->identity->dateOfBirth->toIso() == "2001-03-15");
    BOOST_TEST(back->identity->sex == "male");
    BOOST_TEST(back->identity->expired == std::optional<bool>(false));
    BOOST_TEST(back->consent == Consent::LegalObligation);
    BOOST_TEST(back->checkedAt == r.checkedAt);
    BOOST_REQUIRE(back->verifications.size() == 1u);
    BOOST_TEST(back->verifications[0].name == "qr_code");

    // Found by name without diacritics, by number, by reference.
    for (const char* q : {"dang quoc bao", "ĐẶNG BẢO", "072201003358", r.reference.c_str()}) {
        auto found = checks().list(query(q));
        BOOST_REQUIRE(found);
        BOOST_TEST(found->size() == 1u, q);
    }
    BOOST_TEST(checks().list(query("nguyen"))->empty());
}

BOOST_AUTO_TEST_CASE(qr_json_invalid_card_is_recorded_as_invalid)
{
    const CheckRecord r = recordQr(dt::kQrExpired, 35);
    BOOST_TEST(r.outcome == CheckOutcome::Invalid);
    BOOST_TEST(!r.passing());
    BOOST_TEST(r.identity->expired == std::optional<bool>(true));
    const std::set<std::string> codes(r.findingCodes.begin(), r.findingCodes.end());
    BOOST_TEST(codes.count("card_expired") == 1u);
}

BOOST_AUTO_TEST_CASE(chip_json_outcomes_follow_the_verifications)
{
    const Date today = clock.today();
    struct Case {
        std::string pa, cross;
        CheckOutcome outcome;
    };
    for (const Case& c : {Case{"verified", "", CheckOutcome::Valid}, Case{"unverified", "", CheckOutcome::Unverified},
                          Case{"failed", "", CheckOutcome::Invalid}, Case{"verified", "warning", CheckOutcome::Warning},
                          Case{"verified", "error", CheckOutcome::Invalid}}) {
        const CheckInput in = fromChip(chipJson(c.pa, c.cross), today);
        BOOST_TEST(in.method == CheckMethod::Chip);
        BOOST_TEST(in.outcome == c.outcome, c.pa + "/" + c.cross);
        BOOST_TEST(in.identity.fullName == "Đặng Quốc Bảo");
        BOOST_TEST(in.identity.address == "Ấp Trường Lưu, Xã Trường Tây, Hòa Thành, Tây Ninh");
        BOOST_TEST(in.identity.expiryDate->toIso() == "2026-03-15");
        BOOST_TEST(in.verifications.size() == 3u);
    }
    // A chip without a trust anchor on this desk still passes (the data was read under PACE).
    auto r = checks().record(fromChip(chipJson("unverified"), today));
    BOOST_REQUIRE(r);
    BOOST_TEST(r->passing());
    auto back = checks().get(r->uid);
    BOOST_REQUIRE(back);
    BOOST_TEST(back->verifications[0].result == "unverified");
    BOOST_TEST(back->verifications[2].detail == "dg15_not_found");
    // The card has expired by 2027: the same chip data is invalid then.
    const CheckInput later = fromChip(chipJson("verified"), Date{2027, 1, 1});
    BOOST_TEST(later.outcome == CheckOutcome::Invalid);
}

BOOST_AUTO_TEST_CASE(bad_json_is_refused_with_a_sentence)
{
    const Date today = clock.today();
    for (const char* bad :
         {"", "{", "[]", "42", "{\"foo\": 1}",
          "[{\"id_number\":\"1\",\"valid\":true},{\"id_number\":\"2\",\"valid\":true}]",
          "{\"id_number\": \"12345\", \"valid\": true}", "{\"dg13\": {\"id_number\": \"072201003358\"}}"}) {
        auto in = checkFromJsonText(bad, today);
        BOOST_TEST(!in, bad);
        if (!in) {
            BOOST_TEST(in.error().code == ErrorCode::InvalidInput);
            BOOST_TEST(!in.error().message.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(record_refuses_missing_consent_purpose_and_manual_reason)
{
    auto in =
        checkFromJson(identity::cccdReportToJson(identity::checkQrText(dt::kQrAdult, clock.today())), clock.today());
    BOOST_REQUIRE(in);
    in->model = 4;
    auto noConsent = checks().record(*in);
    BOOST_REQUIRE(!noConsent);
    BOOST_TEST(noConsent.error().message.find("consent") != std::string::npos);
    in->consent = Consent::Given;
    in->model = 13; // tourist sites: not a desk purpose
    BOOST_TEST(!checks().record(*in));
    in->model = 0;
    BOOST_TEST(!checks().record(*in));

    CheckedIdentity id;
    id.idNumber = "072201003358";
    id.fullName = "Đặng Quốc Bảo";
    id.dateOfBirth = Date{2001, 3, 15};
    id.sex = "male";
    CheckInput manual = manualCheck(id, "", clock.today());
    manual.model = 19;
    manual.consent = Consent::Given;
    auto noReason = checks().record(manual);
    BOOST_REQUIRE(!noReason);
    BOOST_TEST(noReason.error().message.find("reason") != std::string::npos);
    manual = manualCheck(id, "Thẻ bị gãy, chip không đọc được", clock.today());
    manual.model = 19;
    manual.consent = Consent::Given;
    auto ok = checks().record(manual);
    BOOST_REQUIRE_MESSAGE(ok, (ok ? "" : ok.error().message));
    BOOST_TEST(ok->method == CheckMethod::Manual);
    BOOST_TEST(ok->outcome == CheckOutcome::Unverified);
    BOOST_TEST(!ok->passing());
    // The number's rules still apply to a manual entry.
    id.sex = "female";
    CheckInput wrong = manualCheck(id, "Thẻ bị gãy, chip không đọc được", clock.today());
    BOOST_TEST(wrong.outcome == CheckOutcome::Invalid);
    BOOST_TEST(count("SELECT COUNT(*) FROM desk_check") == 1);
}

BOOST_AUTO_TEST_CASE(a_desk_without_a_unit_cannot_record)
{
    DeskFixture bare("");
    auto in = checkFromJson(identity::cccdReportToJson(identity::checkQrText(dt::kQrAdult, bare.clock.today())),
                            bare.clock.today());
    BOOST_REQUIRE(in);
    in->model = 4;
    in->consent = Consent::Given;
    auto r = bare.checks().record(*in);
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().message.find("unit") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(only_checkers_see_personal_details)
{
    const CheckRecord r = recordQr(dt::kQrAdult, 4);
    NotaryService notary(db(), clock, checker());
    auto c = notary.open(NewCase{"01/2024/CC", 4, "contract", "Hợp đồng mua bán xe"});
    BOOST_REQUIRE(c);
    BOOST_REQUIRE(notary.addParty(c->uid, "party_a", r.uid));
    auto doc = notary.attachDocument(c->uid, "hop-dong.pdf", "", std::vector<unsigned char>{'%', 'P', 'D', 'F'});
    BOOST_REQUIRE(doc);

    auto in =
        checkFromJson(identity::cccdReportToJson(identity::checkQrText(dt::kQrAdult, clock.today())), clock.today());
    BOOST_REQUIRE(in);
    in->model = 4;
    in->consent = Consent::Given;
    for (access::Role role : {access::Role::Staff, access::Role::Admin, access::Role::Coordinator}) {
        const access::Actor a = as(role);
        CheckService svc(db(), clock, a);
        NotaryService n(db(), clock, a);
        auto denied = [&](const auto& result, const char* what) {
            BOOST_TEST(!result, what);
            if (!result) {
                BOOST_TEST(result.error().code == ErrorCode::PermissionDenied, what);
            }
        };
        denied(svc.record(*in), "record");
        denied(svc.get(r.uid), "get");
        denied(svc.list(query("")), "list");
        denied(svc.attach(r.uid, "case", c->uid), "attach");
        denied(n.open(NewCase{"02/2024/CC", 4, "contract", "x"}), "open");
        denied(n.get(c->uid), "case get");
        denied(n.list(), "case list");
        denied(n.addParty(c->uid, "party_b", r.uid), "add party");
        denied(n.addPartyByName(c->uid, "party_b", "Ai đó"), "add party by name");
        denied(n.verifyParty(c->uid, "x", r.uid), "verify party");
        denied(n.setException(c->uid, "x", "một lý do đủ dài"), "exception");
        denied(n.complete(c->uid), "complete");
        denied(n.cancel(c->uid, "lý do"), "cancel");
        denied(n.attachDocument(c->uid, "a.pdf", "", {'x'}), "attach document");
        denied(n.documentData(doc->uid), "document data");
        denied(n.certify(doc->uid), "certify");
        denied(n.certification("CT-x"), "certification");
        // Counts are open to every role.
        auto stats = svc.stats("2024-11", "2024-11");
        BOOST_REQUIRE(stats);
        BOOST_TEST(stats->size() == 1u);
        BOOST_TEST(svc.purge(true).has_value());
    }
}

BOOST_AUTO_TEST_CASE(statistics_per_unit_model_month_method_outcome)
{
    recordQr(dt::kQrAdult, 4);
    recordQr(dt::kQrAdult, 4);
    recordQr(dt::kQrExpired, 4);
    recordQr(dt::kQrAdult, 15);
    clock.set(clock.now() + std::chrono::hours(24 * 30)); // December
    recordQr(dt::kQrAdult, 4);
    auto nov = checks(as(access::Role::Staff)).stats("2024-11", "2024-11");
    BOOST_REQUIRE(nov);
    const std::vector<CheckStat> expected = {
        {"tinh-tay-ninh", "2024-11", 4, "qr", "invalid", 1},
        {"tinh-tay-ninh", "2024-11", 4, "qr", "valid", 2},
        {"tinh-tay-ninh", "2024-11", 15, "qr", "valid", 1},
    };
    BOOST_TEST(*nov == expected, boost::test_tools::per_element());
    auto both = checks().stats("2024-11", "2024-12");
    BOOST_REQUIRE(both);
    BOOST_TEST(both->size() == 4u);
    BOOST_TEST(!checks().stats("2024-13", "2024-12"));
    BOOST_TEST(checks().stats("2024-11", "2024-12", "another-unit")->empty());

    // The synchronized counts: one check_count record per change, the last one carries the total.
    const std::string node = work::lastHlc(db())->node;
    auto changes = work::listChanges(
        db(), admin(),
        work::ChangeFilter{std::string("check_count"), "tinh-tay-ninh|2024-11-05|4|qr|valid|" + node, false, 0});
    BOOST_REQUIRE(changes);
    BOOST_REQUIRE(changes->size() == 2u);
    const json::Value* n = nullptr;
    for (const auto& [k, v] : changes->back().fields) {
        if (k == "count") {
            n = &v;
        }
    }
    BOOST_REQUIRE(n);
    BOOST_TEST(n->asInteger() == 2);

    // The monthly report reads the same counts (the data range of November: 15 Oct – 14 Nov).
    StoredCheckCounts source(db());
    auto counts = source.counts({"tinh-tay-ninh"}, {4, 15}, Date{2024, 10, 15}, Date{2024, 11, 14});
    BOOST_REQUIRE(counts);
    BOOST_TEST(counts->available);
    std::int64_t total = 0, valid4 = 0;
    for (const auto& row : counts->rows) {
        total += row.count;
        if (row.model == 4 && row.method == "qr" && row.outcome == "valid") {
            valid4 = row.count;
        }
    }
    BOOST_TEST(total == 4);
    BOOST_TEST(valid4 == 2);

    // Another desk of the same unit synchronized its counts: two records for one key (the latest
    // wins), one for a day outside the report's range. Both desks' checks are counted.
    auto remote = [&](const std::string& id, const std::string& day, int howMany, const std::string& hlc) {
        auto st =
            db().prepare("INSERT INTO change_log (change_id, entity, entity_id, op, fields, hlc, device, user, origin, "
                         "sync_state, recorded_at) VALUES (?, 'check_count', ?, 'update', ?, ?, 'dev2', 'lan', "
                         "'remote', 'applied', '2024-11-20T00:00:00Z')");
        BOOST_REQUIRE(st);
        st->bind(1, work::randomId()).bind(2, id);
        st->bind(
            3, std::string("{\"unit\":\"tinh-tay-ninh\",\"day\":\"") + day + "\",\"month\":\"" + day.substr(0, 7) +
                   "\",\"model\":4,\"method\":\"chip\",\"result\":\"valid\",\"desk\":\"00ff00ff00ff00ff\",\"count\":" +
                   std::to_string(howMany) + "}");
        st->bind(4, hlc);
        BOOST_REQUIRE(st->run());
    };
    remote("tinh-tay-ninh|2024-11-02|4|chip|valid|00ff00ff00ff00ff", "2024-11-02", 1,
           "0001730000000000-0000000001-00ff00ff00ff00ff");
    remote("tinh-tay-ninh|2024-11-02|4|chip|valid|00ff00ff00ff00ff", "2024-11-02", 3,
           "0001730000000001-0000000001-00ff00ff00ff00ff");
    remote("tinh-tay-ninh|2024-11-20|4|chip|valid|00ff00ff00ff00ff", "2024-11-20", 5,
           "0001730000000002-0000000001-00ff00ff00ff00ff");
    auto withRemote = source.counts({"tinh-tay-ninh"}, {4, 15}, Date{2024, 10, 15}, Date{2024, 11, 14});
    BOOST_REQUIRE(withRemote);
    std::int64_t chip4 = 0;
    for (const auto& row : withRemote->rows) {
        if (row.model == 4 && row.method == "chip" && row.outcome == "valid") {
            chip4 = row.count;
        }
    }
    BOOST_TEST(chip4 == 3);
    auto novAll = checks().stats("2024-11", "2024-11");
    BOOST_REQUIRE(novAll);
    BOOST_TEST(novAll->size() == 4u);
    BOOST_TEST(novAll->front() == (CheckStat{"tinh-tay-ninh", "2024-11", 4, "chip", "valid", 8}));
}

BOOST_AUTO_TEST_CASE(retention_deletes_details_and_keeps_counts)
{
    const CheckRecord pawn = recordQr(dt::kQrAdult, 15);    // 1095 days
    const CheckRecord hospital = recordQr(dt::kQrAdult, 6); // 90 days
    NotaryService notary(db(), clock, checker());
    auto c = notary.open(NewCase{"07/2024/CT", 8, "signature_certification", "Chứng thực chữ ký"});
    BOOST_REQUIRE(c);
    // A short retention for notarization, set by the admin, applies to the check already made.
    BOOST_TEST(!setRetention(db(), clock, checker(), 8, 30)); // not an admin
    BOOST_REQUIRE(setRetention(db(), clock, admin(), 8, 30));
    BOOST_TEST(!setRetention(db(), clock, admin(), 13, 30));
    BOOST_TEST(!setRetention(db(), clock, admin(), 8, 0));
    const CheckRecord notarial = recordQr(dt::kQrAdult, 8);
    BOOST_REQUIRE(notary.addParty(c->uid, "signer", notarial.uid));
    BOOST_TEST(notarial.purgeAfter == (Date{2024, 12, 5}));
    auto policy = readRetention(db());
    BOOST_REQUIRE(policy);
    BOOST_TEST(policy->daysFor(8) == 30);
    BOOST_TEST(policy->daysFor(4) == 1825);
    BOOST_TEST(policy->daysFor(16) == 90);

    auto before = checks().stats("2024-11", "2024-11");
    BOOST_REQUIRE(before);

    // 2025-02-10: the hospital (90 days) and notarization (30 days) details are due, the pawnshop's not.
    clock.set(std::chrono::sys_days(std::chrono::year(2025) / 2 / 10));
    auto dry = checks(as(access::Role::Staff)).purge(true);
    BOOST_REQUIRE(dry);
    BOOST_TEST(dry->checks == 2);
    BOOST_TEST(dry->parties == 1);
    BOOST_TEST(count("SELECT COUNT(*) FROM desk_check WHERE purged_at IS NULL") == 3); // dry run: nothing changed
    auto done = checks(as(access::Role::Staff)).purge(false);
    BOOST_REQUIRE(done);
    BOOST_TEST(done->checks == 2);
    BOOST_TEST(done->byModel.at(6) == 1);
    BOOST_TEST(done->byModel.at(8) == 1);
    BOOST_TEST(*checks().lastPurge() == std::optional<std::string>("2025-02-10"));

    auto h = checks().get(hospital.uid);
    BOOST_REQUIRE(h);
    BOOST_TEST(!h->identity.has_value());
    BOOST_TEST(h->findings.empty());
    BOOST_TEST(h->purgedAt.has_value());
    BOOST_TEST(h->model == 6); // the non-personal columns stay
    BOOST_TEST(h->outcome == CheckOutcome::Valid);
    BOOST_TEST(checks().get(pawn.uid)->identity.has_value());
    BOOST_TEST(
        count("SELECT COUNT(*) FROM desk_check WHERE purged_at IS NOT NULL AND (id_number IS NOT NULL OR "
              "full_name IS NOT NULL OR date_of_birth IS NOT NULL OR address IS NOT NULL OR findings IS NOT NULL "
              ")") == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM desk_check_search s JOIN desk_check c ON c.id = s.check_id "
                     "WHERE c.purged_at IS NOT NULL") == 0);
    // The party's name went with its check; the case keeps the party and its role.
    auto after = notary.get(c->uid);
    BOOST_REQUIRE(after);
    BOOST_REQUIRE(after->parties.size() == 1u);
    BOOST_TEST(!after->parties[0].name.has_value());
    BOOST_TEST(after->parties[0].role == "signer");
    // A purged person is no longer found by name.
    BOOST_TEST(checks().list(query("dang quoc bao"))->size() == 1u); // the pawnshop check only
    auto all = checks().list(query("", true));
    BOOST_TEST(all->size() == 3u);

    // The counts remain, for the reports.
    auto kept = checks().stats("2024-11", "2024-11");
    BOOST_REQUIRE(kept);
    BOOST_TEST(*kept == *before, boost::test_tools::per_element());
    // Idempotent: nothing more to purge the same day.
    BOOST_TEST(checks().purge(false)->checks == 0);
}

BOOST_AUTO_TEST_CASE(audit_and_change_log_hold_no_personal_data)
{
    const CheckRecord r = recordQr(dt::kQrAdult, 4);
    NotaryService notary(db(), clock, checker());
    auto c = notary.open(NewCase{"03/2024/CC", 4, "contract", "Hợp đồng tặng cho"});
    BOOST_REQUIRE(c);
    BOOST_REQUIRE(notary.addParty(c->uid, "party_a", r.uid));
    auto entries = audit::list(db(), admin(), std::nullopt);
    BOOST_REQUIRE(entries);
    bool sawRecord = false;
    for (const auto& e : *entries) {
        const std::string all = e.action + " " + e.object;
        BOOST_TEST(all.find("072201003358") == std::string::npos);
        BOOST_TEST(all.find("Bảo") == std::string::npos);
        BOOST_TEST(all.find("Trường") == std::string::npos);
        sawRecord = sawRecord || (e.action == "check.record" && e.object.find(r.reference) != std::string::npos);
    }
    BOOST_TEST(sawRecord);
    auto changes = work::listChanges(db(), admin(), work::ChangeFilter{});
    BOOST_REQUIRE(changes);
    for (const auto& ch : *changes) {
        BOOST_TEST(ch.entity != "check");
        for (const auto& [k, v] : ch.fields) {
            const std::string s = v.dump();
            BOOST_TEST(s.find("072201003358") == std::string::npos);
            BOOST_TEST(s.find("Bảo") == std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(notarial_case_completes_only_when_every_party_passes_or_has_an_exception)
{
    NotaryService notary(db(), clock, checker());
    auto c = notary.open(NewCase{"125/2024/HĐ", 8, "contract", "Hợp đồng chuyển nhượng quyền sử dụng đất"});
    BOOST_REQUIRE_MESSAGE(c, (c ? "" : c.error().message));
    BOOST_TEST(!notary.open(NewCase{"125/2024/HĐ", 8, "contract", "again"}));
    BOOST_TEST(!notary.open(NewCase{"126/2024/HĐ", 15, "contract", "wrong model"}));
    BOOST_TEST(!notary.open(NewCase{"126/2024/HĐ", 8, "lease", "wrong kind"}));

    // No party yet: refused.
    auto empty = notary.complete(c->uid);
    BOOST_REQUIRE(!empty);
    BOOST_TEST(empty.error().code == ErrorCode::InvalidInput);

    const CheckRecord seller = recordQr(dt::kQrAdult, 8);
    const CheckRecord expired = recordQr(dt::kQrExpired, 8);
    BOOST_REQUIRE(notary.addParty(c->number, "party_a", seller.uid));
    auto buyer = notary.addParty(c->number, "party_b", expired.uid);
    BOOST_REQUIRE(buyer);
    BOOST_TEST(!buyer->passing);
    auto witness = notary.addPartyByName(c->number, "witness", "Lê Thị Hồng");
    BOOST_REQUIRE(witness);
    // A check made for another purpose (the pawnshop register) does not verify a party.
    const CheckRecord pawnCheck = recordQr(dt::kQrAdult, 15);
    auto wrongPurpose = notary.addParty(c->number, "witness", pawnCheck.uid);
    BOOST_REQUIRE(!wrongPurpose);
    BOOST_TEST(wrongPurpose.error().message.find("model 15") != std::string::npos);
    // A check serves one case only.
    auto other = notary.open(NewCase{"127/2024/HĐ", 8, "contract", "Hợp đồng khác"});
    BOOST_REQUIRE(other);
    BOOST_TEST(!notary.addParty(other->uid, "party_a", seller.uid));

    auto loaded = notary.get(c->uid);
    BOOST_REQUIRE(loaded);
    BOOST_TEST(loaded->blockingParties().size() == 2u);
    auto refused = notary.complete(c->uid);
    BOOST_REQUIRE(!refused);
    BOOST_TEST(refused.error().message.find("2 party") != std::string::npos);
    BOOST_TEST(refused.error().message.find("Bên B") != std::string::npos);
    BOOST_TEST(notary.get(c->uid)->status == CaseStatus::Open);

    // The witness is verified later by a passing chip check; the buyer gets an exception.
    auto in = checkFromJson(chipJson("verified"), clock.today());
    BOOST_REQUIRE(in);
    in->model = 8;
    in->consent = Consent::Given;
    auto witnessCheck = checks().record(*in);
    BOOST_REQUIRE(witnessCheck);
    BOOST_REQUIRE(notary.verifyParty(c->uid, witness->uid, witnessCheck->uid));
    BOOST_TEST(!notary.setException(c->uid, buyer->uid, "ngắn"));
    auto stillRefused = notary.complete(c->uid);
    BOOST_TEST(!stillRefused);
    BOOST_REQUIRE(notary.setException(c->uid, buyer->uid, "Thẻ hết hạn, đã đối chiếu hộ chiếu số C1234567"));
    auto done = notary.complete(c->uid);
    BOOST_REQUIRE_MESSAGE(done, (done ? "" : done.error().message));
    BOOST_TEST(done->status == CaseStatus::Completed);
    BOOST_TEST(done->closedBy == std::optional<std::string>("mai"));
    // A completed case takes no more parties.
    BOOST_TEST(!notary.addPartyByName(c->uid, "other", "Người khác"));
    BOOST_TEST(!notary.complete(c->uid));

    // Search with or without diacritics, by a party's name too.
    for (const char* q : {"chuyen nhuong", "CHUYỂN NHƯỢNG", "dang quoc bao", "125/2024"}) {
        auto found = notary.list(q);
        BOOST_REQUIRE(found);
        BOOST_TEST(found->size() == 1u, q);
    }
    BOOST_TEST(notary.list("", CaseStatus::Open)->size() == 1u);
}

BOOST_AUTO_TEST_CASE(documents_are_kept_encrypted_and_certified_with_their_hash)
{
    NotaryService notary(db(), clock, checker());
    auto c =
        notary.open(NewCase{"88/2024/CT-ĐT", 4, "copy_certification", "Chứng thực bản sao điện tử giấy khai sinh"});
    BOOST_REQUIRE(c);
    const std::string marker = "BAN-SAO-GIAY-KHAI-SINH-0123456789";
    std::vector<unsigned char> pdf(marker.begin(), marker.end());
    pdf.resize(4096, 0x20);
    auto d = notary.attachDocument(c->uid, "khai-sinh.pdf", "", pdf);
    BOOST_REQUIRE_MESSAGE(d, (d ? "" : d.error().message));
    BOOST_TEST(d->mediaType == "application/pdf");
    BOOST_TEST(d->sha256 == work::sha256Hex(pdf.data(), pdf.size()));
    BOOST_TEST(*notary.documentData(d->uid) == pdf);
    BOOST_TEST(!notary.attachDocument(c->uid, "empty.pdf", "", {}));

    auto cert = notary.certify(d->uid);
    BOOST_REQUIRE_MESSAGE(cert, (cert ? "" : cert.error().message));
    BOOST_TEST(cert->reference.rfind("CT-20241105-", 0) == 0u);
    BOOST_TEST(cert->sha256 == d->sha256);
    BOOST_TEST(cert->caseNumber == "88/2024/CT-ĐT");
    BOOST_TEST(cert->qrPayload() == "DA06-CT|" + cert->reference + "|" + d->sha256);
    BOOST_TEST(!notary.certify(d->uid)); // once
    BOOST_TEST(notary.certification(cert->reference)->fileName == "khai-sinh.pdf");

    // Model 8 cases take no documents for electronic certification.
    auto c8 = notary.open(NewCase{"89/2024/CC", 8, "contract", "Hợp đồng"});
    BOOST_REQUIRE(c8);
    BOOST_TEST(!notary.attachDocument(c8->uid, "a.pdf", "", pdf));

    // The bytes are inside the encrypted store: not in the file in the clear.
    session.reset();
    std::ifstream f(dir / "store.da06", std::ios::binary);
    const std::string raw((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    BOOST_TEST(raw.size() > 4096u);
    BOOST_TEST(raw.find(marker) == std::string::npos);
    BOOST_TEST(raw.find("Đặng") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
