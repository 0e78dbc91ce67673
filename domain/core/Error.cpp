#include "domain/core/Error.h"

namespace da06 {

const char* errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Usage:
        return "usage";
    case ErrorCode::InvalidInput:
        return "invalid_input";
    case ErrorCode::NotFound:
        return "not_found";
    case ErrorCode::AlreadyExists:
        return "already_exists";
    case ErrorCode::WrongPassphrase:
        return "wrong_passphrase";
    case ErrorCode::StoreMissing:
        return "store_missing";
    case ErrorCode::StoreDamaged:
        return "store_damaged";
    case ErrorCode::StoreTooNew:
        return "store_too_new";
    case ErrorCode::PermissionDenied:
        return "permission_denied";
    case ErrorCode::LockedOut:
        return "locked_out";
    case ErrorCode::Io:
        return "io";
    case ErrorCode::Internal:
        return "internal";
    case ErrorCode::ServiceUnavailable:
        return "service_unavailable";
    case ErrorCode::NoReader:
        return "no_reader";
    case ErrorCode::NoCard:
        return "no_card";
    case ErrorCode::CardRemoved:
        return "card_removed";
    case ErrorCode::CardReset:
        return "card_reset";
    case ErrorCode::NotIdentityCard:
        return "not_identity_card";
    case ErrorCode::AccessDenied:
        return "access_denied";
    case ErrorCode::AuthenticationFailed:
        return "authentication_failed";
    case ErrorCode::Cancelled:
        return "cancelled";
    case ErrorCode::Timeout:
        return "timeout";
    case ErrorCode::Network:
        return "network";
    case ErrorCode::Unauthorized:
        return "unauthorized";
    case ErrorCode::Protocol:
        return "protocol";
    }
    return "internal";
}

} // namespace da06
