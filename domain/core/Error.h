#pragma once
// Expected failures are values: std::expected<T, da06::Error>.
#include <expected>
#include <string>
#include <utility>

namespace da06 {

enum class ErrorCode {
    Usage,            // the caller asked for something malformed
    InvalidInput,     // a file or value that cannot be accepted (with the place of the error)
    NotFound,         // the thing named does not exist
    AlreadyExists,    // refusing to overwrite
    WrongPassphrase,  // the passphrase does not unlock the key slot
    StoreMissing,     // no store at the path
    StoreDamaged,     // the store or its key file is damaged
    StoreTooNew,      // written by a newer program
    PermissionDenied, // the user's role does not allow the action
    LockedOut,        // too many wrong passphrases: wait before the next attempt
    Io,               // the operating system refused a file operation
    Internal,         // a library failed in an unexpected way (details in the message)
    // Devices (PC/SC readers and the identity-card chip)
    ServiceUnavailable,   // the smart card service (pcscd / SCardSvr) is not running
    NoReader,             // no card reader is connected (or the one named is absent)
    NoCard,               // the reader has no card on it
    CardRemoved,          // the card left the reader during the operation
    CardReset,            // another program reset the card: retry the transaction
    NotIdentityCard,      // the card has no eMRTD application
    AccessDenied,         // the chip refused the access key (wrong CAN or MRZ data)
    AuthenticationFailed, // a cryptographic check failed (secure messaging, PA, CA, AA)
    Cancelled,            // the user cancelled the operation
    Timeout,              // a device or server did not answer in time
    // Network (synchronization with the hub)
    Network,      // the server is unreachable or the connection broke
    Unauthorized, // the server refused the credentials (unknown, wrong, revoked)
    Protocol,     // the other side answered something the protocol does not allow
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message; // a sentence a person can act on; never contains secrets

    Error() = default;
    Error(ErrorCode c, std::string m) : code(c), message(std::move(m)) {}
};

template <typename T> using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message)
{
    return std::unexpected<Error>(Error{code, std::move(message)});
}

// Stable machine name of a code (for JSON output and logs).
const char* errorCodeName(ErrorCode code);

} // namespace da06

// Early return of the error of an expected-valued expression: DA06_TRY(v, f()); use *v.
#define DA06_TRY(var, expr)                                                                                            \
    auto var = (expr);                                                                                                 \
    if (!var) {                                                                                                        \
        return std::unexpected(var.error());                                                                           \
    }
// Early return of the error of a Status-valued expression.
#define DA06_CHECK(expr)                                                                                               \
    if (auto da06_status_ = (expr); !da06_status_) {                                                                   \
        return std::unexpected(da06_status_.error());                                                                  \
    }
