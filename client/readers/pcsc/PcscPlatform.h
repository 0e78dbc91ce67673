#pragma once
// Internal to da06::pcsc: the PC/SC C API on both platforms (PCSC-lite here, WinSCard on
// Windows) and the mapping of its error codes to da06::Error. Never included by public headers,
// so no SCARD_* type or code leaks past this component.
#ifdef _WIN32
#include <windows.h>
#include <winscard.h>
#else
#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>
#endif

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "domain/core/Error.h"

namespace da06::pcsc::detail {

// The ANSI entry points and types (Windows builds may define UNICODE).
#ifdef _WIN32
using ReaderState = SCARD_READERSTATEA;
#else
using ReaderState = SCARD_READERSTATE;
#endif

inline LONG listReaders(SCARDCONTEXT ctx, char* buffer, DWORD* length)
{
#ifdef _WIN32
    return SCardListReadersA(ctx, nullptr, buffer, length);
#else
    return SCardListReaders(ctx, nullptr, buffer, length);
#endif
}

inline LONG getStatusChange(SCARDCONTEXT ctx, DWORD timeoutMs, ReaderState* states, DWORD count)
{
#ifdef _WIN32
    return SCardGetStatusChangeA(ctx, timeoutMs, states, count);
#else
    return SCardGetStatusChange(ctx, timeoutMs, states, count);
#endif
}

inline LONG connectCard(SCARDCONTEXT ctx, const char* reader, DWORD share, DWORD protocols, SCARDHANDLE* card,
                        DWORD* active)
{
#ifdef _WIN32
    return SCardConnectA(ctx, reader, share, protocols, card, active);
#else
    return SCardConnect(ctx, reader, share, protocols, card, active);
#endif
}

inline LONG cardStatus(SCARDHANDLE card, DWORD* state, DWORD* protocol, BYTE* atr, DWORD* atrLength)
{
    DWORD nameLength = 0;
#ifdef _WIN32
    return SCardStatusA(card, nullptr, &nameLength, state, protocol, atr, atrLength);
#else
    return SCardStatus(card, nullptr, &nameLength, state, protocol, atr, atrLength);
#endif
}

// The special reader name that reports readers being plugged in or out.
inline constexpr const char* kPnpNotification = "\\\\?PnP?\\Notification";

inline SCARDCONTEXT toContext(std::uintptr_t h)
{
    return static_cast<SCARDCONTEXT>(h);
}
inline SCARDHANDLE toCard(std::uintptr_t h)
{
    return static_cast<SCARDHANDLE>(h);
}

// Where a PC/SC call failed: the same code means different things while connecting and while
// talking to a card that was there.
enum class Stage { Context, Readers, Connect, Transmit };

// True for the codes that mean the service went away (stopped, restarted, or never ran).
bool isServiceLoss(LONG rc);
// The error a person can act on for a PC/SC return code.
Error toError(LONG rc, Stage stage, const std::string& reader = {});
// "0x8010001D" (for messages about unexpected codes).
std::string codeText(LONG rc);

// The command with its Le replaced (or added) by le, for a 6Cxx answer; empty when the command is
// not a well-formed short or extended APDU.
std::vector<std::uint8_t> commandWithLe(std::span<const std::uint8_t> command, std::uint8_t le);
// The length to send over T=0: a short case-4 command goes without its Le (the card answers
// 61xx and GET RESPONSE fetches the data).
std::size_t t0Length(std::span<const std::uint8_t> command);

} // namespace da06::pcsc::detail
