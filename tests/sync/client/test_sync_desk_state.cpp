// The desk's sync state on real (temporary) encrypted stores, without a hub: migration 6, the
// outbox and its privacy filter, record states, applying remote changes with the merge rule
// (two desks exchanging their change logs directly), conflicts and their re-application, the
// hybrid clock, idempotence.
#include <boost/test/unit_test.hpp>

#include <chrono>

#include "assets/Bundled.h"
#include "domain/access/Accounts.h"
#include "domain/plan/PlanFile.h"
#include "domain/schema/FullSchema.h"
#include "domain/sync/SyncStore.h"
#include "domain/work/ChangeLog.h"
#include "domain/work/StoreSeed.h"
#include "domain/work/TaskService.h"
#include "domain/work/UnitService.h"
#include "tests/support/TestSupport.h"

using namespace da06;

namespace {

const char* const kPass = "mot hai ba bon nam sau";

struct Desk {
    test::TempDir dir;
    FixedClock clock = FixedClock::at(Date{2024, 3, 20});
    std::optional<access::Session> session;

    Desk()
    {
        auto st = access::createStore(dir / "store.da06", "admin", kPass, clock, da06::schema::full());
        BOOST_REQUIRE_MESSAGE(st, (st ? "" : st.error().message));
        session.emplace(std::move(*st));
        auto plan = plan::loadPlanText(assets::bundledPlanJson());
        BOOST_REQUIRE(plan);
        auto seeded = work::seedStore(*session, *plan, clock);
        BOOST_REQUIRE_MESSAGE(seeded, (seeded ? "" : seeded.error().message));
        BOOST_REQUIRE(work::UnitService(db(), clock, admin()).setDeskUnit("cong-an-tinh"));
    }
    store::Database& db() { return session->store.db(); }
    access::Actor admin() const { return access::Actor{"admin", access::Role::Admin, {}}; }
    access::Actor staff() const { return access::Actor{"lan", access::Role::Staff, {}}; }
    work::TaskService tasks() { return work::TaskService(db(), clock, staff()); }
    sync::SyncStore syncStore() { return sync::SyncStore(db(), clock); }
    std::int64_t count(const std::string& sql) { return *db().queryInt(sql); }
    std::string text(const std::string& sql)
    {
        auto st = db().prepare(sql);
        BOOST_REQUIRE(st);
        auto row = st->step();
        BOOST_REQUIRE(row && *row);
        return st->columnText(0);
    }
    // Every record of this desk's change log, as the hub would hand them to another desk.
    std::vector<sync::IncomingChange> allChanges()
    {
        auto list = work::listChanges(db(), admin(), {});
        BOOST_REQUIRE(list);
        std::vector<sync::IncomingChange> out;
        for (auto& r : *list) {
            out.push_back({r, "cong-an-tinh"});
        }
        return out;
    }
};

// Applies everything `from` has to `to`.
sync::ApplySummary exchange(Desk& from, Desk& to, std::optional<std::int64_t> cursor = std::nullopt)
{
    auto r = sync::applyRemoteChanges(to.db(), to.clock, from.allChanges(), cursor);
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
    return *r;
}

} // namespace

BOOST_AUTO_TEST_SUITE(sync_desk_state)

BOOST_AUTO_TEST_CASE(migration_six_starts_unenrolled_with_every_local_record_pending)
{
    Desk d;
    auto s = d.syncStore();
    auto en = s.enrollment();
    BOOST_REQUIRE(en);
    BOOST_TEST(!en->has_value());
    auto st = s.status();
    BOOST_REQUIRE(st);
    BOOST_TEST(st->cursor == 0);
    BOOST_TEST(!st->lastSuccess.has_value());
    BOOST_TEST(st->outbox.pending == d.count("SELECT COUNT(*) FROM change_log"));
    BOOST_TEST(st->outbox.pending > 0);
    BOOST_TEST(*s.checkDetailsPolicy() == "counts");
    auto secret = s.deviceSecret();
    BOOST_REQUIRE(!secret);
    BOOST_TEST(secret.error().code == ErrorCode::NotFound);
}

BOOST_AUTO_TEST_CASE(enrollment_needs_an_admin_and_resets_the_outbox)
{
    Desk d;
    auto s = d.syncStore();
    sync::Enrollment e{"https://hub.example", "d-1", "cong-an-tinh", "h1", "Desk 1", std::nullopt, std::nullopt, 0, ""};
    auto denied = s.saveEnrollment(d.staff(), e, "c2VjcmV0");
    BOOST_REQUIRE(!denied);
    BOOST_TEST(denied.error().code == ErrorCode::PermissionDenied);
    BOOST_REQUIRE(d.db().exec("UPDATE change_log SET sync_state = 'acked'"));
    BOOST_REQUIRE(s.saveEnrollment(d.admin(), e, "c2VjcmV0"));
    auto en = s.enrollment();
    BOOST_REQUIRE(en && *en);
    BOOST_TEST((*en)->deviceId == "d-1");
    BOOST_TEST((*en)->unit == "cong-an-tinh");
    auto secret = s.deviceSecret();
    BOOST_REQUIRE(secret);
    BOOST_TEST(std::string(secret->view()) == "c2VjcmV0");
    // A new hub must receive every local record.
    BOOST_TEST(d.count("SELECT COUNT(*) FROM change_log WHERE sync_state <> 'pending'") == 0);
    BOOST_TEST(d.count("SELECT COUNT(*) FROM audit_log WHERE action = 'sync.enroll'") == 1);
}

BOOST_AUTO_TEST_CASE(unit_records_of_other_units_stay_on_the_desk_once_enrolled)
{
    Desk d;
    auto s = d.syncStore();
    const auto units = d.count("SELECT COUNT(*) FROM change_log WHERE entity = 'unit'");
    BOOST_REQUIRE(units > 2);
    sync::Enrollment e{"https://hub.example", "d-1", "huyen-tan-bien", "h1", "", std::nullopt, std::nullopt, 0, ""};
    BOOST_REQUIRE(s.saveEnrollment(d.admin(), e, "c2VjcmV0"));
    auto scope = s.unitsInScope();
    BOOST_REQUIRE(scope && *scope);
    BOOST_TEST((*scope)->contains("huyen-tan-bien"));
    BOOST_TEST(!(*scope)->contains("tinh-tay-ninh"));
    auto box = s.outbox(1000);
    BOOST_REQUIRE(box);
    for (const auto& oc : *box) {
        if (oc.record.entity == "unit") {
            BOOST_TEST(oc.record.entityId == "huyen-tan-bien");
        }
    }
    auto st = s.status();
    BOOST_REQUIRE(st);
    BOOST_TEST(st->outbox.held == units - 1);
    BOOST_TEST(st->outbox.pending == d.count("SELECT COUNT(*) FROM change_log") - (units - 1));
}

BOOST_AUTO_TEST_CASE(outbox_is_oldest_first_with_units_and_record_states_move)
{
    Desk d;
    auto t = d.tasks().add({15, "cong-an-tinh", "Trang bị đầu đọc", "", std::nullopt, std::nullopt});
    BOOST_REQUIRE_MESSAGE(t, (t ? "" : t.error().message));
    auto s = d.syncStore();
    auto box = s.outbox(1000);
    BOOST_REQUIRE(box);
    BOOST_REQUIRE(!box->empty());
    BOOST_TEST(box->back().record.entity == "task");
    BOOST_TEST(box->back().unit == "cong-an-tinh");
    for (const auto& oc : *box) {
        if (oc.record.entity == "unit") {
            BOOST_TEST(oc.unit == oc.record.entityId);
        }
    }
    auto small = s.outbox(2);
    BOOST_REQUIRE(small);
    BOOST_TEST(small->size() == 2u);
    BOOST_TEST(small->front().record.changeId == box->front().record.changeId);

    std::vector<std::string> ids;
    for (const auto& oc : *box) {
        ids.push_back(oc.record.changeId);
    }
    BOOST_REQUIRE(s.markSent(ids));
    BOOST_TEST(s.status()->outbox.sent == static_cast<std::int64_t>(ids.size()));
    // Sent without an answer: still in the outbox (pushed again; the hub acks duplicates).
    BOOST_TEST(s.outbox(1000)->size() == ids.size());
    std::vector<sync::PushOutcome> outcomes;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        outcomes.push_back({ids[i], i != 0, i == 0 ? "not_authorized" : "", i == 0 ? "outside the unit" : ""});
    }
    BOOST_REQUIRE(s.markOutcomes(outcomes));
    auto st = s.status();
    BOOST_TEST(st->outbox.acked == static_cast<std::int64_t>(ids.size() - 1));
    BOOST_TEST(st->outbox.rejected == 1);
    BOOST_TEST(st->outbox.pending == 0);
    BOOST_TEST(s.outbox(1000)->empty());
    auto rej = s.rejected();
    BOOST_REQUIRE(rej && rej->size() == 1u);
    BOOST_TEST(rej->front().reason == "not_authorized");
    BOOST_TEST(rej->front().message == "outside the unit");
}

BOOST_AUTO_TEST_CASE(identity_check_details_never_leave_the_desk_by_default)
{
    BOOST_TEST(sync::mayLeaveDesk("check_count", "counts"));
    BOOST_TEST(sync::mayLeaveDesk("task", "counts"));
    BOOST_TEST(!sync::mayLeaveDesk("identity_check", "counts"));
    BOOST_TEST(!sync::mayLeaveDesk("check_record", "counts"));
    BOOST_TEST(sync::mayLeaveDesk("identity_check", "details"));
    BOOST_TEST(!sync::mayLeaveDesk("something_new", "details"));
    BOOST_TEST(!sync::mayLeaveDesk("plan", "details")); // only the hub writes the plan

    Desk d;
    BOOST_REQUIRE(d.db().exec("UPDATE change_log SET sync_state = 'acked'"));
    BOOST_REQUIRE(d.db().exec(
        "INSERT INTO change_log (change_id, entity, entity_id, op, fields, hlc, device, user, origin, sync_state, "
        "recorded_at) VALUES "
        "('aa000000000000000000000000000001','identity_check','c1','insert','{\"id_number\":\"079123456789\"}',"
        "'0001710892800000-0000000001-00','n','lan','local','pending','2024-03-20T00:00:00Z'),"
        "('aa000000000000000000000000000002','check_count','cong-an-tinh|2024-03|15|qr|valid','update','{\"count\":3}',"
        "'0001710892800000-0000000002-00','n','lan','local','pending','2024-03-20T00:00:00Z')"));
    auto s = d.syncStore();
    auto box = s.outbox(1000);
    BOOST_REQUIRE(box);
    BOOST_REQUIRE(box->size() == 1u);
    BOOST_TEST(box->front().record.entity == "check_count");
    BOOST_TEST(s.status()->outbox.held == 1);
    auto denied = s.setCheckDetailsPolicy(d.staff(), "details");
    BOOST_REQUIRE(!denied);
    BOOST_TEST(denied.error().code == ErrorCode::PermissionDenied);
    BOOST_TEST(!s.setCheckDetailsPolicy(d.admin(), "everything"));
    BOOST_REQUIRE(s.setCheckDetailsPolicy(d.admin(), "details"));
    BOOST_TEST(s.outbox(1000)->size() == 2u);
    BOOST_TEST(s.status()->outbox.held == 0);
}

BOOST_AUTO_TEST_CASE(two_desks_converge_field_by_field_and_keep_the_losing_values)
{
    Desk a;
    Desk b;
    auto t = a.tasks().add({15, "cong-an-tinh", "Trang bị đầu đọc CCCD", "Anh", std::nullopt, std::nullopt});
    BOOST_REQUIRE(t);
    auto first = exchange(a, b);
    BOOST_TEST(first.applied > 0);
    BOOST_TEST(first.conflicts == 0); // the seeded units carry the same values on both desks
    BOOST_TEST(b.count("SELECT COUNT(*) FROM task WHERE uid = '" + t->uid + "'") == 1);
    BOOST_TEST(b.text("SELECT title FROM task WHERE uid = '" + t->uid + "'") == "Trang bị đầu đọc CCCD");
    const std::string ref = "#" + std::to_string(*b.db().queryInt("SELECT id FROM task WHERE uid = '" + t->uid + "'"));

    // Offline: both edit the status; A also the percent, B the responsible person; both add a note.
    work::TaskChange ca;
    ca.status = work::TaskStatus::Blocked;
    ca.percent = 30;
    ca.note = "Ghi chú của A";
    BOOST_REQUIRE(a.tasks().update("#" + std::to_string(t->id), ca));
    work::TaskChange cb;
    cb.status = work::TaskStatus::InProgress;
    cb.responsible = "Bình";
    cb.note = "Ghi chú của B";
    BOOST_REQUIRE(b.tasks().update(ref, cb));

    exchange(a, b);
    exchange(b, a);
    for (Desk* d : {&a, &b}) {
        BOOST_TEST(d->count("SELECT COUNT(*) FROM task_note n JOIN task t ON t.id = n.task_id WHERE t.uid = '" +
                            t->uid + "'") == 2);
    }
    const std::string q =
        "SELECT status || '|' || percent || '|' || responsible FROM task WHERE uid = '" + t->uid + "'";
    BOOST_TEST(a.text(q) == b.text(q));
    BOOST_TEST(a.text(q).find("|30|Bình") != std::string::npos);
    // The status conflicted: each desk kept the value that lost. (A also keeps its first
    // responsible person, which B's change overwrote: PROTOCOL.md counts every overwritten value
    // of another device.)
    auto statusConflicts = [&](Desk& d) {
        auto all = d.syncStore().conflicts(true);
        BOOST_REQUIRE(all);
        std::vector<sync::Conflict> out;
        for (auto& c : *all) {
            if (c.field == "status") {
                out.push_back(c);
            } else {
                BOOST_TEST(c.field == "responsible");
                BOOST_TEST(c.losingValue.asString() == "Anh");
            }
        }
        return out;
    };
    auto ac = statusConflicts(a);
    auto bc = statusConflicts(b);
    BOOST_REQUIRE(ac.size() == 1u);
    BOOST_REQUIRE(bc.size() == 1u);
    BOOST_TEST(ac.front().losingValue.dump() == bc.front().losingValue.dump());
    BOOST_TEST(ac.front().winningValue.asString() == a.text("SELECT status FROM task WHERE uid = '" + t->uid + "'"));
    BOOST_TEST(ac.front().losingHlc < ac.front().winningHlc);

    // Idempotent: the same records again change nothing.
    const auto before = a.count("SELECT COUNT(*) FROM change_log");
    auto again = exchange(b, a);
    BOOST_TEST(again.applied == 0);
    BOOST_TEST(again.duplicates > 0);
    BOOST_TEST(a.count("SELECT COUNT(*) FROM change_log") == before);

    // Re-applying the losing value is a new local change that wins everywhere.
    const std::string lost = ac.front().losingValue.asString();
    auto rec = a.syncStore().resolveConflict(a.staff(), ac.front().id);
    BOOST_REQUIRE_MESSAGE(rec, (rec ? "" : rec.error().message));
    BOOST_TEST(rec->syncState == "pending");
    BOOST_TEST(a.text("SELECT status FROM task WHERE uid = '" + t->uid + "'") == lost);
    BOOST_TEST(statusConflicts(a).empty());
    BOOST_TEST(!a.syncStore().resolveConflict(a.staff(), ac.front().id));
    exchange(a, b);
    BOOST_TEST(b.text("SELECT status FROM task WHERE uid = '" + t->uid + "'") == lost);
}

BOOST_AUTO_TEST_CASE(a_change_from_the_future_advances_the_clock_and_the_cursor_moves_with_the_page)
{
    Desk a;
    Desk b;
    auto t = a.tasks().add({15, "cong-an-tinh", "Việc", "", std::nullopt, std::nullopt});
    BOOST_REQUIRE(t);
    auto changes = a.allChanges();
    // A desk whose clock is a day ahead wrote the last change.
    work::ChangeRecord future = changes.back().record;
    future.changeId = "bb000000000000000000000000000001";
    future.op = work::ChangeOp::Update;
    future.fields = {{"percent", 40}};
    future.hlc.wall += 24LL * 3600 * 1000;
    changes.push_back({future, "cong-an-tinh"});
    auto r = sync::applyRemoteChanges(b.db(), b.clock, changes, 77);
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
    BOOST_TEST(b.syncStore().status()->cursor == 77);
    BOOST_TEST(b.text("SELECT percent FROM task WHERE uid = '" + t->uid + "'") == "40");
    auto last = work::lastHlc(b.db());
    BOOST_REQUIRE(last);
    BOOST_TEST(last->wall >= future.hlc.wall);
    // B's next edit (its clock a day behind) is still ordered after the one it has seen.
    const std::string ref = "#" + std::to_string(*b.db().queryInt("SELECT id FROM task WHERE uid = '" + t->uid + "'"));
    work::TaskChange c;
    c.percent = 60;
    BOOST_REQUIRE(b.tasks().update(ref, c));
    auto mine = work::listChanges(b.db(), b.admin(), {std::string("task"), t->uid, false, 1});
    BOOST_REQUIRE(mine && mine->size() == 1u);
    BOOST_TEST((mine->front().hlc > future.hlc));
    BOOST_TEST(b.syncStore().status()->remoteRecords == static_cast<std::int64_t>(changes.size()));
}

BOOST_AUTO_TEST_CASE(hub_changes_win_for_units_whatever_their_clock)
{
    Desk a;
    auto units = work::listChanges(a.db(), a.admin(), {std::string("unit"), std::nullopt, false, 0});
    BOOST_REQUIRE(units && !units->empty());
    work::ChangeRecord hub = units->front();
    const std::string code = hub.entityId;
    hub.changeId = "cc000000000000000000000000000001";
    hub.device = "hub";
    hub.hlc.wall = 1000; // far in the past
    hub.fields = {{"name", "Công an tỉnh (hub)"}};
    auto r = sync::applyRemoteChanges(a.db(), a.clock, {{hub, code}}, std::nullopt);
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
    BOOST_TEST(a.text("SELECT name FROM unit WHERE code = '" + code + "'") == "Công an tỉnh (hub)");
    BOOST_TEST(r->conflicts == 1);
    BOOST_TEST(sync::incomingWins("unit", {5, 0, "a"}, "d1", {1, 0, "b"}, "hub"));
    BOOST_TEST(!sync::incomingWins("task", {5, 0, "a"}, "d1", {1, 0, "b"}, "d2"));
    BOOST_TEST(sync::incomingWins("task", {5, 0, "a"}, "d1", {5, 0, "b"}, "d2")); // the node breaks ties
}

BOOST_AUTO_TEST_CASE(a_damaged_page_stores_nothing)
{
    Desk a;
    Desk b;
    auto t = a.tasks().add({15, "cong-an-tinh", "Việc", "", std::nullopt, std::nullopt});
    BOOST_REQUIRE(t);
    auto changes = a.allChanges();
    const auto before = b.count("SELECT COUNT(*) FROM change_log");
    // A plan change whose document is not a plan fails the page before anything is written.
    work::ChangeRecord bad = changes.back().record;
    bad.changeId = "dd000000000000000000000000000001";
    bad.entity = "plan";
    bad.fields = {{"document", "{not a plan"}};
    changes.insert(changes.begin(), {bad, ""});
    auto r = sync::applyRemoteChanges(b.db(), b.clock, changes, 5);
    BOOST_REQUIRE(!r);
    BOOST_TEST(b.count("SELECT COUNT(*) FROM change_log") == before);
    BOOST_TEST(b.syncStore().status()->cursor == 0);
}

BOOST_AUTO_TEST_SUITE_END()
