#include "core/Error.h"

namespace da06 {

const char* errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Usage: return "usage";
    case ErrorCode::InvalidInput: return "invalid_input";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::AlreadyExists: return "already_exists";
    case ErrorCode::WrongPassphrase: return "wrong_passphrase";
    case ErrorCode::StoreMissing: return "store_missing";
    case ErrorCode::StoreDamaged: return "store_damaged";
    case ErrorCode::StoreTooNew: return "store_too_new";
    case ErrorCode::PermissionDenied: return "permission_denied";
    case ErrorCode::LockedOut: return "locked_out";
    case ErrorCode::Io: return "io";
    case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

} // namespace da06
