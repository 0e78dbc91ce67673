#pragma once
// The hub of the hub_request and hub_push fuzz targets: a real HubStore on the SQLite backend (an
// encrypted database on tmpfs, one connection), made once per process with a small province
// (tinh → huyen-a → xa-a1, xa-a2; tinh → huyen-b → xa-b1), a plan, a device enrolled for huyen-a
// and tasks stored by devices of both districts. reset() brings every table a request may write
// (nonces, changes, merged values, entity owners, the unit tree) back to that state, and only
// when the last request wrote something, so that every input meets the same hub.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sync/hub/HubStore.h"
#include "sync/protocol/Auth.h"
#include "tests/fuzz/data/DataFuzz.h"

namespace da06::fuzz::data {

class FuzzHub {
public:
    static constexpr std::int64_t kNow = 1764201600000; // the hub's clock, fixed

    static FuzzHub& instance()
    {
        static FuzzHub hub;
        return hub;
    }

    hub::HubStore& store() { return m_store; }
    const hub::Device& device() const { return m_device; }
    const std::vector<std::uint8_t>& secret() const { return m_secret; }
    std::int64_t baseSeq() const { return m_baseSeq; }

    void reset()
    {
        auto c = m_pool.acquire();
        require(c.has_value());
        const std::int64_t total = totalChanges(**c);
        if (total == m_changesSeen) {
            return;
        }
        require((*c)->script("BEGIN; DELETE FROM nonce; DELETE FROM hub_change WHERE seq > " +
                             std::to_string(m_baseSeq) +
                             "; DELETE FROM field_value; INSERT INTO field_value SELECT * FROM fuzz_base_field_value;"
                             " DELETE FROM entity_unit; INSERT INTO entity_unit SELECT * FROM fuzz_base_entity_unit;"
                             " DELETE FROM hub_unit; INSERT INTO hub_unit SELECT * FROM fuzz_base_hub_unit; COMMIT")
                    .has_value());
        m_changesSeen = totalChanges(**c);
    }

private:
    FuzzHub() : m_pool(hub::makeSqliteBackend(scratchDir() / "hub"), 1), m_store(m_pool)
    {
        namespace proto = da06::sync::protocol;
        require(m_store.migrate().has_value());
        std::vector<hub::HubStore::AdminChange> units;
        auto unit = [&](const std::string& id, const std::string& name, const std::string& kind,
                        std::optional<std::string> parent) {
            units.push_back(hub::HubStore::AdminChange{
                "unit",
                id,
                id,
                work::ChangeOp::Update,
                {{"name", json::Value(name)}, {"kind", json::Value(kind)}, {"parent", json::optText(parent)}}});
        };
        unit("tinh", "Tỉnh Thử", "province", std::nullopt);
        unit("huyen-a", "Huyện A", "district", "tinh");
        unit("huyen-b", "Huyện B", "district", "tinh");
        unit("xa-a1", "Xã A1", "commune", "huyen-a");
        unit("xa-a2", "Xã A2", "commune", "huyen-a");
        unit("xa-b1", "Xã B1", "commune", "huyen-b");
        json::Value plan = json::Object{};
        plan.set("format", "da06-plan");
        plan.set("id", "373/KH-TCTĐA06");
        units.push_back(
            hub::HubStore::AdminChange{"plan", "373/KH-TCTĐA06", "", work::ChangeOp::Update, {{"document", plan}}});
        require(m_store.adminChanges(units, kNow - 100000).has_value());

        m_device = enroll("huyen-a");
        const hub::Device other = enroll("huyen-b");
        m_secret = *sync::auth::base64Decode(m_device.secretBase64);

        auto task = [](const std::string& id, const std::string& unitCode, const hub::Device& by, int n) {
            json::Value c = json::Object{};
            c.set("change_id", std::string(31, '0') + std::to_string(n));
            c.set("entity", "task");
            c.set("entity_id", id);
            c.set("op", "insert");
            json::Value fields = json::Object{};
            fields.set("status", "doing");
            fields.set("progress", 40);
            c.set("fields", std::move(fields));
            c.set("hlc", work::HlcTimestamp{kNow - 50000, 0, by.node}.toString());
            c.set("device", by.id);
            c.set("user", "lan");
            c.set("unit", unitCode);
            return c;
        };
        auto pushed = m_store.push(&m_device, {task("task-a1", "xa-a1", m_device, 1)}, kNow - 40000);
        require(pushed.has_value() && pushed->front().status == "acked");
        pushed = m_store.push(&other, {task("task-b1", "xa-b1", other, 2)}, kNow - 40000);
        require(pushed.has_value() && pushed->front().status == "acked");

        auto c = m_pool.acquire();
        require(c.has_value());
        require((*c)->script("CREATE TABLE fuzz_base_field_value AS SELECT * FROM field_value;"
                             "CREATE TABLE fuzz_base_entity_unit AS SELECT * FROM entity_unit;"
                             "CREATE TABLE fuzz_base_hub_unit AS SELECT * FROM hub_unit;"
                             "DELETE FROM nonce")
                    .has_value());
        auto seq = (*c)->query("SELECT max(seq) FROM hub_change");
        require(seq.has_value() && !seq->empty());
        m_baseSeq = hub::toInt(seq->front()[0]);
        m_changesSeen = totalChanges(**c);
    }

    hub::Device enroll(const std::string& unitCode)
    {
        auto code = m_store.createCode(unitCode, 72, kNow - 90000);
        require(code.has_value());
        auto outcome = m_store.enroll(
            sync::protocol::EnrollRequest{*code, "Bàn thử " + unitCode, sync::auth::randomHex(8)}, kNow - 80000);
        require(outcome.has_value() && outcome->error.empty());
        auto d = m_store.findDevice(outcome->response.deviceId);
        require(d.has_value() && d->has_value());
        return **d;
    }

    static std::int64_t totalChanges(hub::SqlConnection& c)
    {
        auto rows = c.query("SELECT total_changes()");
        require(rows.has_value() && !rows->empty());
        return hub::toInt(rows->front()[0]);
    }

    hub::ConnectionPool m_pool;
    hub::HubStore m_store;
    hub::Device m_device;
    std::vector<std::uint8_t> m_secret;
    std::int64_t m_baseSeq = 0;
    std::int64_t m_changesSeen = 0;
};

} // namespace da06::fuzz::data
