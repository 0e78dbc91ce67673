#include "sync/protocol/Merge.h"

#include "sync/protocol/Protocol.h"

namespace da06::sync::protocol {

bool remoteWins(const FieldVersion& current, const FieldVersion& incoming)
{
    const bool currentHub = current.device == kHubDevice;
    const bool incomingHub = incoming.device == kHubDevice;
    if (incomingHub != currentHub) {
        return incomingHub;
    }
    return incoming.hlc > current.hlc;
}

bool isAppendOnly(std::string_view entity)
{
    return entity == "task_note" || entity == "task_evidence";
}

} // namespace da06::sync::protocol
