#pragma once
// A connection to the card on one PC/SC reader, as the CardChannel the eMRTD protocol talks
// through. It connects with T=1 or T=0 (exclusively by default: no other program talks to the
// card while it is read), answers 61xx with GET RESPONSE and 6Cxx by resending with Le = xx
// itself, and turns PC/SC failures into da06 errors:
//   card removed (SCARD_W_REMOVED_CARD, SCARD_E_NO_SMARTCARD, or the reader could not exchange
//       with it: SCARD_E_NOT_TRANSACTED, an answer without status word and the card gone)
//                                                              -> ErrorCode::CardRemoved
//   card reset by another program (SCARD_W_RESET_CARD)         -> ErrorCode::CardReset, after the
//       channel reconnected (SCardReconnect): the caller retries its transaction
//   service gone (SCARD_E_NO_SERVICE)                          -> ErrorCode::ServiceUnavailable
//   reader gone (SCARD_E_UNKNOWN_READER)                       -> ErrorCode::NoReader
//   no card when connecting                                     -> ErrorCode::NoCard
//   the cancel flag set                                        -> ErrorCode::Cancelled
//   the card held exclusively by another program               -> ErrorCode::Internal (message)
// APDU contents are never logged or put in error messages (they carry personal data).
//
// Whether the card is an identity card is NOT guessed from the ATR: the protocol decides it when
// the SELECT of the eMRTD application fails.
//
// One channel is used by one thread at a time (the reading thread); setCancelFlag's flag may be
// set from any thread.
#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "client/readers/CardChannel.h"
#include "client/readers/pcsc/PcscContext.h"

namespace da06::pcsc {

enum class ShareMode {
    Exclusive, // no other program may talk to the card while connected (the default)
    Shared,    // others may connect too (then a reset by another program is possible)
};

struct ConnectOptions {
    ShareMode share = ShareMode::Exclusive;
    // Checked before every command APDU: when it becomes true, transmit fails with Cancelled.
    const std::atomic<bool>* cancel = nullptr;
};

class PcscCardChannel final : public readers::CardChannel {
public:
    // Connects to the card on the reader named. NoReader when the reader is absent, NoCard when it
    // holds no card, ServiceUnavailable when the service does not run.
    static Result<std::unique_ptr<PcscCardChannel>> connect(const std::string& reader, ConnectOptions options = {});
    // The same on a context already established (openCard uses the one it listed with).
    static Result<std::unique_ptr<PcscCardChannel>> connect(PcscContext context, const std::string& reader,
                                                            ConnectOptions options = {});

    // Ends an open transaction and disconnects, resetting the card so that no authenticated
    // session (secure messaging keys on the chip) outlives the reading.
    ~PcscCardChannel() override;
    PcscCardChannel(const PcscCardChannel&) = delete;
    PcscCardChannel& operator=(const PcscCardChannel&) = delete;

    Result<readers::ResponseApdu> transmit(std::span<const std::uint8_t> command) override;
    // Every command APDU sent to the card, GET RESPONSE and resends included.
    std::size_t commandCount() const override { return m_commands; }

    // SCardBeginTransaction / SCardEndTransaction; prefer the CardTransaction scope below.
    Status beginTransaction();
    void endTransaction();
    bool inTransaction() const { return m_inTransaction; }
    // SCardReconnect after a reset (transmit does it itself before returning CardReset).
    Status reconnect();

    void setCancelFlag(const std::atomic<bool>* cancel) { m_cancel = cancel; }
    const std::string& readerName() const { return m_reader; }
    const readers::Bytes& atr() const { return m_atr; }
    // 0 for T=0, 1 for T=1.
    int protocol() const { return m_protocol; }

private:
    PcscCardChannel(PcscContext context, std::string reader, ConnectOptions options);
    Status open();
    Status refreshAtr();
    // After an empty answer: whether the service reports the card gone within waitMs.
    bool cardLeft(int waitMs) const;
    // One exchange with the card: no 61xx / 6Cxx handling.
    Result<readers::ResponseApdu> exchange(std::span<const std::uint8_t> command);
    // exchange() plus one resend with the Le the card asked for (6Cxx).
    Result<readers::ResponseApdu> exchangeWithLe(std::span<const std::uint8_t> command);

    PcscContext m_context;
    std::string m_reader;
    ConnectOptions m_options;
    const std::atomic<bool>* m_cancel = nullptr;
    std::uintptr_t m_card = 0;
    bool m_connected = false;
    bool m_inTransaction = false;
    int m_protocol = 1;
    readers::Bytes m_atr;
    std::size_t m_commands = 0;
    readers::Bytes m_buffer; // the receive buffer (65,538 bytes), wiped after each answer
};

// SCardBeginTransaction in the constructor, SCardEndTransaction in the destructor.
class CardTransaction {
public:
    static Result<CardTransaction> begin(PcscCardChannel& channel);
    ~CardTransaction();
    CardTransaction(CardTransaction&& other) noexcept : m_channel(std::exchange(other.m_channel, nullptr)) {}
    CardTransaction& operator=(CardTransaction&&) = delete;
    CardTransaction(const CardTransaction&) = delete;
    CardTransaction& operator=(const CardTransaction&) = delete;

private:
    explicit CardTransaction(PcscCardChannel& channel) : m_channel(&channel) {}
    PcscCardChannel* m_channel;
};

// Opens the card to read. With a reader name: that reader (NoReader when it is not connected,
// NoCard when it holds no card). With an empty name: the one reader that holds a card (NoReader
// when no reader is connected, NoCard when none holds a card, Usage when several do: the caller
// must name one).
Result<std::unique_ptr<PcscCardChannel>> openCard(const std::string& readerOrEmpty, ConnectOptions options = {});

} // namespace da06::pcsc
