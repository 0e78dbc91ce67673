// APDU session with optional secure messaging and cancellation (ICAO 9303-11 §9.8).
#include "client/readers/emrtd/CardSession.h"

#include "domain/identity/chip/Tlv.h"

namespace da06::emrtd {

CardSession::CardSession(readers::CardChannel& channel, const CancelToken* cancel)
    : m_channel(channel), m_cancel(cancel)
{
}

Status CardSession::checkCancelled() const
{
    if (m_cancel && m_cancel->isCancelled()) {
        return fail(ErrorCode::Cancelled, "reading the chip was cancelled");
    }
    return {};
}

Result<readers::ResponseApdu> CardSession::send(const CommandApdu& command)
{
    DA06_CHECK(checkCancelled());
    if (!m_sm) {
        return m_channel.transmit(command.encode());
    }
    DA06_TRY(wrapped, m_sm->wrap(command));
    DA06_TRY(response, m_channel.transmit(*wrapped));
    return m_sm->unwrap(*response);
}

std::string swText(std::uint16_t sw)
{
    const std::uint8_t b[2] = {static_cast<std::uint8_t>(sw >> 8), static_cast<std::uint8_t>(sw)};
    return chip::toHex(b);
}

} // namespace da06::emrtd
