#pragma once
// The one seam between the smart-card transport (PC/SC in client/readers/pcsc, a fake in unit
// tests) and the eMRTD protocol (client/readers/emrtd): send a command APDU, get the response.
#include <cstdint>
#include <span>
#include <vector>

#include "domain/core/Error.h"

namespace da06::readers {

using Bytes = std::vector<std::uint8_t>;

// A response APDU: the data field and the status word (SW1 SW2, e.g. 0x9000).
struct ResponseApdu {
    Bytes data;
    std::uint16_t sw = 0;
    bool ok() const { return sw == 0x9000; }
};

class CardChannel {
public:
    virtual ~CardChannel() = default;
    // Sends one command APDU (short or extended, as built by the caller) and returns the response.
    // Transport failures are errors: ErrorCode::CardRemoved, CardReset (the caller may retry the
    // whole transaction), NoCard, ServiceUnavailable, Cancelled, Timeout. A status word other than
    // 9000 is NOT an error here: it is in ResponseApdu::sw for the protocol layer to judge.
    // The implementation answers 61xx (GET RESPONSE) and 6Cxx (resend with Le = xx) itself.
    virtual Result<ResponseApdu> transmit(std::span<const std::uint8_t> command) = 0;
    // Number of command APDUs sent so far (for the `apdu_count` figure and the benchmark).
    virtual std::size_t commandCount() const = 0;
};

} // namespace da06::readers
