#pragma once
// `da06 [--store PATH] COMMAND …`: the command line of the client.
#include <iosfwd>
#include <string>
#include <vector>

namespace da06::cli {

enum ExitCode {
    kExitOk = 0,
    kExitFailure = 1,      // anything else that went wrong (I/O, refusing to overwrite, …)
    kExitUsage = 2,
    kExitStore = 3,        // the store cannot be opened: wrong passphrase, damaged, newer, missing
    kExitNotFound = 4,
    kExitInvalidInput = 5,
    // 6–9 belong to the identity checks (no QR code found, access denied by the chip, …)
    kExitDenied = 10,      // the user's role does not allow the command
};

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace da06::cli
