#pragma once
// `da06 [--store PATH] COMMAND …`: the command line of the client.
#include <iosfwd>
#include <string>
#include <vector>

namespace da06::cli {

enum ExitCode {
    kExitOk = 0,
    kExitFailure = 1, // anything else that went wrong (I/O, refusing to overwrite, …)
    kExitUsage = 2,
    kExitStore = 3, // the store cannot be opened: wrong passphrase, damaged, newer, missing
    kExitNotFound = 4,
    kExitInvalidInput = 5,
    // 6–9 belong to the identity checks (no QR code found, access denied by the chip, …)
    kExitChipDenied = 7, // the identity-card chip refused the access key (wrong CAN or MRZ data)
    kExitAuthFailed = 8, // a chip or server authentication failed (secure messaging, PA, CA, AA, credentials)
    kExitNoDevice = 9,   // no smart card service, no reader or no card
    kExitDenied = 10,    // the user's role does not allow the command
};

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace da06::cli
