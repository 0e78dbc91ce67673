#pragma once
// `da06 idcheck qr (--image FILE | --text PAYLOAD | --serial DEVICE [--baud N] [--timeout S])
//                  [--as-of DATE] [--json]`: checks CCCD QR codes. Needs no store.
#include <iosfwd>
#include <string>
#include <vector>

#include "domain/core/Clock.h"

namespace da06::cli {

// Exit codes of idcheck besides those of Cli.h (0 ok, 1 failure, 2 usage, 4 not found).
inline constexpr int kExitIdInvalid = 5; // codes were read, none is a valid identity
inline constexpr int kExitNoQrCode = 6;  // no QR code in the image / no scan before the timeout

// args: what follows "idcheck" on the command line.
// today: the check date unless --as-of is given (the CLI passes its clock, which DA06_FAKE_TODAY fixes).
int runIdcheck(std::vector<std::string> args, std::ostream& out, std::ostream& err,
               const Date& today = SystemClock().today());

// All of standard input with its trailing newlines removed: a payload given as "-" (which keeps it
// out of the process list); idcheck qr --text - and idcheck chip --qr-text - read it so.
std::string readPayloadFromStdin();

// The lines of `da06 --help` for idcheck.
extern const char* const kIdcheckUsage;

} // namespace da06::cli
