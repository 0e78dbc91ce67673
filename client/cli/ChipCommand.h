#pragma once
// `da06 idcheck chip`: reads and verifies the chip of a CCCD on a PC/SC reader.
#include <iosfwd>
#include <string>
#include <vector>

#include "domain/core/Clock.h"

namespace da06::cli {

// args: what follows "idcheck chip".
int runIdcheckChip(std::vector<std::string> args, std::ostream& out, std::ostream& err,
                   const Date& today = SystemClock().today());

extern const char* const kIdcheckChipUsage;

} // namespace da06::cli
