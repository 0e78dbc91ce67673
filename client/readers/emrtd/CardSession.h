#pragma once
// The APDU layer between the eMRTD protocol and a CardChannel: secure messaging when established
// (ICAO 9303-11 §9.8), the cancellation token checked before every command, and the transport's
// errors passed on as they are (CardRemoved, CardReset, …).
#include <atomic>
#include <optional>

#include "client/readers/CardChannel.h"
#include "client/readers/emrtd/SecureMessaging.h"

namespace da06::emrtd {

// Set from any thread; the reading thread checks it between APDUs (→ ErrorCode::Cancelled).
class CancelToken {
public:
    void cancel() { m_cancelled.store(true); }
    bool isCancelled() const { return m_cancelled.load(); }

private:
    std::atomic<bool> m_cancelled{false};
};

class CardSession {
public:
    CardSession(readers::CardChannel& channel, const CancelToken* cancel = nullptr);

    // Sends one command, wrapped and unwrapped when secure messaging is on.
    Result<readers::ResponseApdu> send(const CommandApdu& command);
    void startSecureMessaging(SecureMessaging sm) { m_sm.emplace(std::move(sm)); }
    void stopSecureMessaging() { m_sm.reset(); }
    bool secured() const { return m_sm.has_value(); }
    const SecureMessaging* secureMessaging() const { return m_sm ? &*m_sm : nullptr; }
    readers::CardChannel& channel() { return m_channel; }
    std::size_t commandCount() const { return m_channel.commandCount(); }
    Status checkCancelled() const;

private:
    readers::CardChannel& m_channel;
    const CancelToken* m_cancel;
    std::optional<SecureMessaging> m_sm;
};

// "6A82" for messages.
std::string swText(std::uint16_t sw);

} // namespace da06::emrtd
