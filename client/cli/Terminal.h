#pragma once
// The passphrase of the command line: DA06_PASSPHRASE, or a prompt on the terminal without echo.
#include <optional>
#include <string>

#include "domain/store/SecretBuffer.h"

namespace da06::cli {

// Reads DA06_PASSPHRASE (then wipes and removes it from this process's environment, so that no
// child process inherits it), else prompts on /dev/tty without echo. confirm: ask twice.
// nullopt when there is neither (no terminal) or the two entries differ; why says which.
std::optional<store::SecretBuffer> readPassphrase(const std::string& prompt, bool confirm, std::string& why,
                                                  const char* envName = "DA06_PASSPHRASE");

} // namespace da06::cli
