// Fuzz target hub_push: the hub storing a push (POST /v1/push) of an enrolled device of huyen-a, as
// HubService::push does after authentication: the body's JSON and protocol version, the changes
// array, then HubStore::push (each change decoded, the scope rules, one transaction, the merge of
// the fields). The hub's answer must be one result per change, and the desk must decode it; after
// a push that acked something, the device's pull answer must decode at the desk and the merged
// state must read back. A device never gets a change acked that claims to come from the hub (the
// device "hub" wins every merge: only the hub's own admin changes may carry it). See FuzzHub.h for the hub and its
// reset between inputs.
#include <cstdint>

#include "sync/protocol/Protocol.h"
#include "tests/fuzz/data/FuzzHub.h"

using namespace da06;
namespace proto = da06::sync::protocol;
using da06::fuzz::data::FuzzHub;
using da06::fuzz::data::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzHub& hub = FuzzHub::instance();
    auto body = json::parse(da06::fuzz::data::textOf(data, size));
    if (!body || !body->isObject() || !proto::checkProtocol(*body)) {
        return 0;
    }
    const json::Value* changes = body->find("changes");
    if (!changes || !changes->isArray() || changes->asArray().size() > proto::kMaxPushChanges) {
        return 0;
    }
    auto results = hub.store().push(&hub.device(), changes->asArray(), FuzzHub::kNow);
    require(results.has_value());
    require(results->size() == changes->asArray().size());
    bool acked = false;
    for (std::size_t i = 0; i < results->size(); ++i) {
        const auto& r = (*results)[i];
        require(r.status == "acked" || (r.status == "rejected" && !r.reason.empty()));
        if (r.status == "acked") {
            acked = true;
            const json::Value* device = changes->asArray()[i].find("device");
            require(device && device->isString() && device->asString() != proto::kHubDevice);
        }
    }
    auto answer = proto::decodePushResponse(proto::encode(proto::PushResponse{*results, FuzzHub::kNow}));
    require(answer.has_value() && answer->results.size() == results->size());
    if (acked) {
        auto page = hub.store().pull(hub.device(), hub.baseSeq(), proto::kMaxPullLimit, FuzzHub::kNow);
        require(page.has_value());
        auto pulled = proto::decodePullResponse(proto::encode(*page));
        require(pulled.has_value() && pulled->changes.size() == page->changes.size());
        auto state = hub.store().state();
        require(state.has_value());
    }
    hub.reset();
    return 0;
}
