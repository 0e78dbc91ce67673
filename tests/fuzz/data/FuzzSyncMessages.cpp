// Fuzz target sync_messages: every message of the sync protocol (sync/PROTOCOL.md) that a desk or
// a hub decodes from the network: enroll request and answer, push request and answer, pull
// answer, status answer, error body. Each input goes through every decoder. A message that
// decodes must encode to a text that decodes again to the same message; a refusal is
// InvalidInput and its classification does not fail.
#include <cstdint>
#include <string>

#include "sync/protocol/Protocol.h"
#include "tests/fuzz/data/DataFuzz.h"

using namespace da06;
namespace proto = da06::sync::protocol;
using da06::fuzz::data::jsonEquivalent;
using da06::fuzz::data::require;

namespace {

template <typename T> bool refused(const Result<T>& r)
{
    if (r) {
        return false;
    }
    require(r.error().code == ErrorCode::InvalidInput);
    (void)proto::classify(r.error());
    return true;
}

bool sameChanges(const std::vector<proto::WireChange>& a, const std::vector<proto::WireChange>& b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!jsonEquivalent(proto::wireChangeToJson(a[i]), proto::wireChangeToJson(b[i]))) {
            return false;
        }
        if (a[i].record.hlc != b[i].record.hlc) {
            return false;
        }
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto body = da06::fuzz::data::textOf(data, size);

    if (auto m = proto::decodeEnrollRequest(body); !refused(m)) {
        auto again = proto::decodeEnrollRequest(proto::encode(*m));
        require(again && again->code == m->code && again->deviceName == m->deviceName && again->node == m->node);
    }
    if (auto m = proto::decodeEnrollResponse(body); !refused(m)) {
        auto again = proto::decodeEnrollResponse(proto::encode(*m));
        require(again && again->deviceId == m->deviceId && again->deviceSecret == m->deviceSecret &&
                again->unit == m->unit && again->hubId == m->hubId && again->serverTime == m->serverTime);
    }
    if (auto m = proto::decodePushRequest(body); !refused(m)) {
        require(m->changes.size() <= proto::kMaxPushChanges);
        auto again = proto::decodePushRequest(proto::encode(*m));
        require(again && sameChanges(m->changes, again->changes));
    }
    if (auto m = proto::decodePushResponse(body); !refused(m)) {
        auto again = proto::decodePushResponse(proto::encode(*m));
        require(again && again->serverTime == m->serverTime && again->results.size() == m->results.size());
        for (std::size_t i = 0; i < m->results.size(); ++i) {
            const auto& x = m->results[i];
            const auto& y = again->results[i];
            require(x.changeId == y.changeId && x.status == y.status && x.reason == y.reason && x.message == y.message);
        }
    }
    if (auto m = proto::decodePullResponse(body); !refused(m)) {
        require(m->cursor >= 0);
        auto again = proto::decodePullResponse(proto::encode(*m));
        require(again && again->cursor == m->cursor && again->more == m->more && again->serverTime == m->serverTime &&
                sameChanges(m->changes, again->changes));
    }
    if (auto m = proto::decodeStatusResponse(body); !refused(m)) {
        auto again = proto::decodeStatusResponse(proto::encode(*m));
        require(again && again->deviceId == m->deviceId && again->unit == m->unit && again->hubId == m->hubId &&
                again->revoked == m->revoked && again->serverTime == m->serverTime && again->changes == m->changes);
    }
    if (auto m = proto::decodeErrorBody(body); !refused(m)) {
        auto again = proto::decodeErrorBody(proto::encode(*m));
        require(again && again->error == m->error && again->message == m->message &&
                again->serverTime == m->serverTime);
    }
    return 0;
}
