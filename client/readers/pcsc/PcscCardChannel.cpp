#include "client/readers/pcsc/PcscCardChannel.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "client/readers/pcsc/PcscPlatform.h"

namespace da06::pcsc {

using namespace detail;
using readers::Bytes;
using readers::ResponseApdu;

namespace {

// Room for an extended response (65,536 bytes) and the status word.
constexpr std::size_t kMaxResponse = 65536 + 2;
// A card that keeps answering 61xx is broken: stop after this many GET RESPONSE.
constexpr int kMaxGetResponse = 512;

void wipe(std::uint8_t* p, std::size_t n)
{
    volatile std::uint8_t* v = p;
    for (std::size_t i = 0; i < n; ++i) {
        v[i] = 0;
    }
}

DWORD shareFlag(ShareMode mode)
{
    return mode == ShareMode::Exclusive ? SCARD_SHARE_EXCLUSIVE : SCARD_SHARE_SHARED;
}

} // namespace

namespace detail {

Bytes commandWithLe(std::span<const std::uint8_t> cmd, std::uint8_t le)
{
    Bytes out(cmd.begin(), cmd.end());
    const std::size_t n = cmd.size();
    if (n == 4) { // case 1 -> case 2 short
        out.push_back(le);
        return out;
    }
    if (n == 5) { // case 2 short
        out[4] = le;
        return out;
    }
    if (cmd[4] != 0) { // short Lc
        const std::size_t lc = cmd[4];
        if (n == 5 + lc) { // case 3 -> case 4
            out.push_back(le);
            return out;
        }
        if (n == 6 + lc) { // case 4
            out.back() = le;
            return out;
        }
        return {};
    }
    if (n == 7) { // case 2 extended
        out[5] = 0;
        out[6] = le;
        return out;
    }
    const std::size_t lc = (static_cast<std::size_t>(cmd[5]) << 8) | cmd[6];
    if (n == 7 + lc) { // case 3 extended -> case 4 extended
        out.push_back(0);
        out.push_back(le);
        return out;
    }
    if (n == 9 + lc) { // case 4 extended
        out[n - 2] = 0;
        out[n - 1] = le;
        return out;
    }
    return {};
}

std::size_t t0Length(std::span<const std::uint8_t> cmd)
{
    if (cmd.size() > 5 && cmd[4] != 0 && cmd.size() == 6u + cmd[4]) {
        return cmd.size() - 1; // short case 4: T=0 carries no Le, the card answers 61xx
    }
    return cmd.size();
}

} // namespace detail

PcscCardChannel::PcscCardChannel(PcscContext context, std::string reader, ConnectOptions options)
    : m_context(std::move(context)), m_reader(std::move(reader)), m_options(options), m_cancel(options.cancel)
{
}

Result<std::unique_ptr<PcscCardChannel>> PcscCardChannel::connect(const std::string& reader, ConnectOptions options)
{
    DA06_TRY(context, PcscContext::establish());
    return connect(std::move(*context), reader, options);
}

Result<std::unique_ptr<PcscCardChannel>> PcscCardChannel::connect(PcscContext context, const std::string& reader,
                                                                  ConnectOptions options)
{
    if (!context.valid()) {
        return fail(ErrorCode::ServiceUnavailable,
                    std::string("No connection to the smart card service. ") + kStartServiceHint);
    }
    std::unique_ptr<PcscCardChannel> channel(new PcscCardChannel(std::move(context), reader, options));
    DA06_CHECK(channel->open());
    return channel;
}

Status PcscCardChannel::open()
{
    if (m_cancel != nullptr && m_cancel->load()) {
        return fail(ErrorCode::Cancelled, "Cancelled.");
    }
    SCARDHANDLE card = 0;
    DWORD active = 0;
    const LONG rc = connectCard(toContext(m_context.handle()), m_reader.c_str(), shareFlag(m_options.share),
                                SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0, &card, &active);
    if (rc != SCARD_S_SUCCESS) {
        return std::unexpected(toError(rc, Stage::Connect, m_reader));
    }
    m_card = static_cast<std::uintptr_t>(card);
    m_connected = true;
    m_protocol = active == SCARD_PROTOCOL_T0 ? 0 : 1;
    return refreshAtr();
}

Status PcscCardChannel::refreshAtr()
{
    BYTE atr[64];
    DWORD atrLength = sizeof atr;
    DWORD state = 0;
    DWORD protocol = 0;
    const LONG rc = cardStatus(toCard(m_card), &state, &protocol, atr, &atrLength);
    if (rc != SCARD_S_SUCCESS) {
        return std::unexpected(toError(rc, Stage::Connect, m_reader));
    }
    m_atr.assign(atr, atr + std::min<DWORD>(atrLength, sizeof atr));
    return {};
}

PcscCardChannel::~PcscCardChannel()
{
    if (!m_buffer.empty()) {
        wipe(m_buffer.data(), m_buffer.size());
    }
    if (m_connected) {
        if (m_inTransaction) {
            SCardEndTransaction(toCard(m_card), SCARD_LEAVE_CARD);
        }
        SCardDisconnect(toCard(m_card), SCARD_RESET_CARD);
    }
}

Status PcscCardChannel::beginTransaction()
{
    if (!m_connected) {
        return fail(ErrorCode::NoCard, "Not connected to a card.");
    }
    if (m_inTransaction) {
        return {};
    }
    const LONG rc = SCardBeginTransaction(toCard(m_card));
    if (rc == static_cast<LONG>(SCARD_W_RESET_CARD)) {
        DA06_CHECK(reconnect());
        return std::unexpected(toError(rc, Stage::Transmit, m_reader));
    }
    if (rc != SCARD_S_SUCCESS) {
        return std::unexpected(toError(rc, Stage::Transmit, m_reader));
    }
    m_inTransaction = true;
    return {};
}

void PcscCardChannel::endTransaction()
{
    if (m_connected && m_inTransaction) {
        SCardEndTransaction(toCard(m_card), SCARD_LEAVE_CARD);
    }
    m_inTransaction = false;
}

Status PcscCardChannel::reconnect()
{
    if (!m_connected) {
        return open();
    }
    DWORD active = 0;
    const LONG rc = SCardReconnect(toCard(m_card), shareFlag(m_options.share), SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0,
                                   SCARD_LEAVE_CARD, &active);
    m_inTransaction = false; // a reset ends the transaction
    if (rc != SCARD_S_SUCCESS) {
        return std::unexpected(toError(rc, Stage::Transmit, m_reader));
    }
    m_protocol = active == SCARD_PROTOCOL_T0 ? 0 : 1;
    return refreshAtr();
}

Result<ResponseApdu> PcscCardChannel::exchange(std::span<const std::uint8_t> command)
{
    if (m_cancel != nullptr && m_cancel->load()) {
        return fail(ErrorCode::Cancelled, "Cancelled.");
    }
    if (!m_connected) {
        return fail(ErrorCode::NoCard, "Not connected to a card.");
    }
    ++m_commands;
    if (m_buffer.size() != kMaxResponse) {
        m_buffer.assign(kMaxResponse, 0);
    }
    auto& response = m_buffer;
    DWORD responseLength = static_cast<DWORD>(response.size());
    const SCARD_IO_REQUEST* pci = m_protocol == 0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
    const std::size_t length = m_protocol == 0 ? t0Length(command) : command.size();
    const LONG rc = SCardTransmit(toCard(m_card), pci, command.data(), static_cast<DWORD>(length), nullptr,
                                  response.data(), &responseLength);
    if (rc == static_cast<LONG>(SCARD_W_RESET_CARD)) {
        // Reconnect now so that the caller's retry of the transaction can go ahead.
        if (auto again = reconnect(); !again) {
            return std::unexpected(again.error());
        }
        return std::unexpected(toError(rc, Stage::Transmit, m_reader));
    }
    if (rc != SCARD_S_SUCCESS) {
        return std::unexpected(toError(rc, Stage::Transmit, m_reader));
    }
    if (responseLength < 2) {
        // Some readers (and vpcd) answer nothing when the card left during the command.
        if (cardLeft(1000)) {
            return fail(ErrorCode::CardRemoved, "The card left the reader during reading (reader \"" + m_reader +
                                                    "\"): put it back and keep it still.");
        }
        return fail(ErrorCode::Protocol, "The card answered without a status word.");
    }
    ResponseApdu out;
    out.data.assign(response.begin(), response.begin() + (responseLength - 2));
    out.sw = static_cast<std::uint16_t>((response[responseLength - 2] << 8) | response[responseLength - 1]);
    wipe(response.data(), responseLength); // the answer may carry personal data: no copy lingers here
    return out;
}

bool PcscCardChannel::cardLeft(int waitMs) const
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(waitMs);
    for (;;) {
        BYTE atr[64];
        DWORD atrLength = sizeof atr;
        DWORD state = 0;
        DWORD protocol = 0;
        const LONG rc = cardStatus(toCard(m_card), &state, &protocol, atr, &atrLength);
        if (rc == static_cast<LONG>(SCARD_W_REMOVED_CARD) || rc == static_cast<LONG>(SCARD_E_NO_SMARTCARD) ||
            (rc == SCARD_S_SUCCESS && (state & SCARD_ABSENT) != 0)) {
            return true;
        }
        if (rc != SCARD_S_SUCCESS || std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

Result<ResponseApdu> PcscCardChannel::exchangeWithLe(std::span<const std::uint8_t> command)
{
    DA06_TRY(response, exchange(command));
    if ((response->sw >> 8) == 0x6C) {
        const Bytes again = commandWithLe(command, static_cast<std::uint8_t>(response->sw & 0xFF));
        if (!again.empty()) {
            return exchange(again);
        }
    }
    return response;
}

Result<ResponseApdu> PcscCardChannel::transmit(std::span<const std::uint8_t> command)
{
    if (command.size() < 4) {
        return fail(ErrorCode::Usage, "A command APDU has at least 4 bytes.");
    }
    DA06_TRY(response, exchangeWithLe(command));
    ResponseApdu result = std::move(*response);
    // 61xx: xx more bytes (00: 256 or more) wait for GET RESPONSE, on the command's channel.
    for (int i = 0; (result.sw >> 8) == 0x61; ++i) {
        if (i == kMaxGetResponse) {
            return fail(ErrorCode::Protocol, "The card keeps announcing more response data.");
        }
        const std::uint8_t getResponse[5] = {static_cast<std::uint8_t>(command[0] & 0x03), 0xC0, 0x00, 0x00,
                                             static_cast<std::uint8_t>(result.sw & 0xFF)};
        DA06_TRY(more, exchangeWithLe(getResponse));
        result.data.insert(result.data.end(), more->data.begin(), more->data.end());
        result.sw = more->sw;
    }
    return result;
}

Result<CardTransaction> CardTransaction::begin(PcscCardChannel& channel)
{
    DA06_CHECK(channel.beginTransaction());
    return CardTransaction(channel);
}

CardTransaction::~CardTransaction()
{
    if (m_channel != nullptr) {
        m_channel->endTransaction();
    }
}

Result<std::unique_ptr<PcscCardChannel>> openCard(const std::string& readerOrEmpty, ConnectOptions options)
{
    DA06_TRY(context, PcscContext::establish());
    DA06_TRY(readers, context->listReaders());
    if (readers->empty()) {
        return fail(ErrorCode::NoReader, "No card reader is connected: plug the reader in (and install its driver).");
    }
    if (!readerOrEmpty.empty()) {
        if (std::find(readers->begin(), readers->end(), readerOrEmpty) == readers->end()) {
            return fail(ErrorCode::NoReader, "The card reader \"" + readerOrEmpty + "\" is not connected: plug it in.");
        }
        return PcscCardChannel::connect(std::move(*context), readerOrEmpty, options);
    }
    std::vector<ReaderState> states(readers->size());
    for (std::size_t i = 0; i < states.size(); ++i) {
        states[i] = ReaderState{};
        states[i].szReader = (*readers)[i].c_str();
        states[i].dwCurrentState = SCARD_STATE_UNAWARE;
    }
    const LONG rc = getStatusChange(toContext(context->handle()), 0, states.data(), static_cast<DWORD>(states.size()));
    if (rc != SCARD_S_SUCCESS && rc != static_cast<LONG>(SCARD_E_TIMEOUT)) {
        return std::unexpected(toError(rc, Stage::Readers));
    }
    std::vector<std::string> holding;
    for (std::size_t i = 0; i < states.size(); ++i) {
        if ((states[i].dwEventState & SCARD_STATE_PRESENT) != 0) {
            holding.push_back((*readers)[i]);
        }
    }
    if (holding.empty()) {
        return fail(ErrorCode::NoCard, "There is no card on any reader: place the card flat on the reader.");
    }
    if (holding.size() > 1) {
        std::string names;
        for (const auto& n : holding) {
            names += (names.empty() ? "\"" : ", \"") + n + "\"";
        }
        return fail(ErrorCode::Usage, "Cards lie on several readers (" + names + "): choose the reader to read.");
    }
    return PcscCardChannel::connect(std::move(*context), holding.front(), options);
}

} // namespace da06::pcsc
