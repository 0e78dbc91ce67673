#pragma once
// An established PC/SC context (SCARDCONTEXT), released in the destructor. PCSC-lite on Linux,
// WinSCard on Windows; no PC/SC header leaks from here.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/core/Error.h"

namespace da06::pcsc {

// What a clerk does when the smart card service is not running (part of the error message).
inline constexpr const char* kStartServiceHint =
    "On Windows start the \"Smart Card\" service (SCardSvr); on Linux run `sudo systemctl start pcscd`.";

class PcscContext {
public:
    // Connects to the smart card service. ErrorCode::ServiceUnavailable when pcscd / SCardSvr
    // does not run (with what to do), Internal for anything else.
    static Result<PcscContext> establish();

    PcscContext() = default; // no context
    ~PcscContext();
    PcscContext(PcscContext&& other) noexcept;
    PcscContext& operator=(PcscContext&& other) noexcept;
    PcscContext(const PcscContext&) = delete;
    PcscContext& operator=(const PcscContext&) = delete;

    bool valid() const { return m_valid; }
    // The reader names, in the order the service lists them. No reader is an empty list, not an
    // error; ServiceUnavailable when the service went away since establish().
    Result<std::vector<std::string>> listReaders() const;
    // Asks the service whether the context still works (false after a service restart).
    bool stillValid() const;
    // Makes a SCardGetStatusChange blocked on this context return (SCARD_E_CANCELLED). Safe to
    // call from another thread.
    void cancel() const;
    // The SCARDCONTEXT, for the other classes of this component.
    std::uintptr_t handle() const { return m_handle; }

private:
    explicit PcscContext(std::uintptr_t handle) : m_handle(handle), m_valid(true) {}
    void release();

    std::uintptr_t m_handle = 0;
    bool m_valid = false;
};

} // namespace da06::pcsc
