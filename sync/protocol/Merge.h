#pragma once
// The merge rule of sync/PROTOCOL.md ("Merging"), the same on the desk and in the hub.
#include <string>
#include <string_view>

#include "domain/work/Hlc.h"

namespace da06::sync::protocol {

// Who set a field's value, and when.
struct FieldVersion {
    work::HlcTimestamp hlc;
    std::string device;
};

// True when the incoming value replaces the current one: a change of the hub ("hub", the only
// writer of `plan` and the owner of `unit` data) wins over a desk's change whatever their hlc;
// otherwise (both from desks, or both from the hub) the greater hlc wins (node breaks ties).
bool remoteWins(const FieldVersion& current, const FieldVersion& incoming);

// task_note and task_evidence: inserts never conflict.
bool isAppendOnly(std::string_view entity);

} // namespace da06::sync::protocol
