#include "client/readers/pcsc/PcscContext.h"

#include <cstdio>
#include <cstring>
#include <utility>

#include "client/readers/pcsc/PcscPlatform.h"

namespace da06::pcsc {

namespace detail {

std::string codeText(LONG rc)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08lX", static_cast<unsigned long>(static_cast<std::uint32_t>(rc)));
    return buf;
}

bool isServiceLoss(LONG rc)
{
    return rc == static_cast<LONG>(SCARD_E_NO_SERVICE) || rc == static_cast<LONG>(SCARD_E_SERVICE_STOPPED) ||
           rc == static_cast<LONG>(SCARD_E_INVALID_HANDLE) || rc == static_cast<LONG>(SCARD_F_COMM_ERROR);
}

Error toError(LONG rc, Stage stage, const std::string& reader)
{
    const std::string onReader = reader.empty() ? std::string() : " (reader \"" + reader + "\")";
    const bool transmitting = stage == Stage::Transmit;
    if (isServiceLoss(rc) && (stage == Stage::Context || rc != static_cast<LONG>(SCARD_E_INVALID_HANDLE))) {
        return {ErrorCode::ServiceUnavailable,
                std::string("The smart card service is not running or was restarted. ") + kStartServiceHint};
    }
    if (rc == static_cast<LONG>(SCARD_E_INVALID_HANDLE)) {
        // A handle of a service that has restarted since.
        return {ErrorCode::ServiceUnavailable,
                "The smart card service was restarted during the operation; read again."};
    }
    if (rc == static_cast<LONG>(SCARD_E_NO_READERS_AVAILABLE)) {
        return {ErrorCode::NoReader, "No card reader is connected: plug the reader in (and install its driver)."};
    }
    if (rc == static_cast<LONG>(SCARD_E_UNKNOWN_READER) || rc == static_cast<LONG>(SCARD_E_READER_UNAVAILABLE)) {
        return {ErrorCode::NoReader, "The card reader" + onReader + " is not connected: plug it in."};
    }
    if (rc == static_cast<LONG>(SCARD_E_NO_SMARTCARD) || rc == static_cast<LONG>(SCARD_W_REMOVED_CARD) ||
        rc == static_cast<LONG>(SCARD_W_UNPOWERED_CARD) || rc == static_cast<LONG>(SCARD_W_UNRESPONSIVE_CARD)) {
        if (transmitting) {
            return {ErrorCode::CardRemoved,
                    "The card left the reader during reading" + onReader + ": put it back and keep it still."};
        }
        return {ErrorCode::NoCard, "There is no card on the reader" + onReader + ": place the card flat on it."};
    }
    if (transmitting &&
        (rc == static_cast<LONG>(SCARD_E_NOT_TRANSACTED) || rc == static_cast<LONG>(SCARD_F_UNKNOWN_ERROR))) {
        // The reader could not exchange with the card: with a contactless card that means it
        // moved out of the field (the service notices the removal a moment later).
        return {ErrorCode::CardRemoved, "The card stopped answering during reading" + onReader +
                                            " (moved or removed): put it back and keep it still."};
    }
    if (rc == static_cast<LONG>(SCARD_W_RESET_CARD)) {
        return {ErrorCode::CardReset, "Another program reset the card" + onReader + "; the reading is retried."};
    }
    if (rc == static_cast<LONG>(SCARD_E_CANCELLED)) {
        return {ErrorCode::Cancelled, "Cancelled."};
    }
    if (rc == static_cast<LONG>(SCARD_E_TIMEOUT)) {
        return {ErrorCode::Timeout, "The card reader did not answer in time" + onReader + "."};
    }
    if (rc == static_cast<LONG>(SCARD_E_SHARING_VIOLATION)) {
        return {ErrorCode::Internal, "Another program is using the card" + onReader + ": close it and try again."};
    }
    if (rc == static_cast<LONG>(SCARD_E_PROTO_MISMATCH) || rc == static_cast<LONG>(SCARD_W_UNSUPPORTED_CARD)) {
        return {ErrorCode::NotIdentityCard, "The card on the reader" + onReader + " does not speak T=0 or T=1."};
    }
    return {ErrorCode::Internal, "PC/SC error " + codeText(rc) + onReader + "."};
}

} // namespace detail

using namespace detail;

Result<PcscContext> PcscContext::establish()
{
    SCARDCONTEXT ctx = 0;
    const LONG rc = SCardEstablishContext(SCARD_SCOPE_USER, nullptr, nullptr, &ctx);
    if (rc != SCARD_S_SUCCESS) {
        return std::unexpected(toError(rc, Stage::Context));
    }
    return PcscContext(static_cast<std::uintptr_t>(ctx));
}

PcscContext::~PcscContext()
{
    release();
}

PcscContext::PcscContext(PcscContext&& other) noexcept
    : m_handle(std::exchange(other.m_handle, 0)), m_valid(std::exchange(other.m_valid, false))
{
}

PcscContext& PcscContext::operator=(PcscContext&& other) noexcept
{
    if (this != &other) {
        release();
        m_handle = std::exchange(other.m_handle, 0);
        m_valid = std::exchange(other.m_valid, false);
    }
    return *this;
}

void PcscContext::release()
{
    if (m_valid) {
        SCardReleaseContext(toContext(m_handle));
        m_valid = false;
        m_handle = 0;
    }
}

Result<std::vector<std::string>> PcscContext::listReaders() const
{
    if (!m_valid) {
        return fail(ErrorCode::ServiceUnavailable,
                    std::string("No connection to the smart card service. ") + kStartServiceHint);
    }
    // The list can change between the two calls: retry when the buffer turns out too small.
    for (int attempt = 0; attempt < 5; ++attempt) {
        DWORD length = 0;
        LONG rc = detail::listReaders(toContext(m_handle), nullptr, &length);
        if (rc == static_cast<LONG>(SCARD_E_NO_READERS_AVAILABLE)) {
            return std::vector<std::string>{};
        }
        if (rc != SCARD_S_SUCCESS) {
            return std::unexpected(toError(rc, Stage::Readers));
        }
        std::string buffer(length + 1, '\0');
        rc = detail::listReaders(toContext(m_handle), buffer.data(), &length);
        if (rc == static_cast<LONG>(SCARD_E_INSUFFICIENT_BUFFER)) {
            continue;
        }
        if (rc == static_cast<LONG>(SCARD_E_NO_READERS_AVAILABLE)) {
            return std::vector<std::string>{};
        }
        if (rc != SCARD_S_SUCCESS) {
            return std::unexpected(toError(rc, Stage::Readers));
        }
        std::vector<std::string> names;
        for (const char* p = buffer.c_str(); *p != '\0'; p += std::strlen(p) + 1) {
            names.emplace_back(p);
        }
        return names;
    }
    return fail(ErrorCode::Internal, "The list of card readers kept changing; try again.");
}

bool PcscContext::stillValid() const
{
    return m_valid && SCardIsValidContext(toContext(m_handle)) == SCARD_S_SUCCESS;
}

void PcscContext::cancel() const
{
    if (m_valid) {
        SCardCancel(toContext(m_handle));
    }
}

} // namespace da06::pcsc
