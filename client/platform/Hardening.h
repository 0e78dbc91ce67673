#pragma once

namespace da06::platform {

// Disables core dumps and ptrace attach for this process: it holds keys and passphrases.
void hardenProcess();

} // namespace da06::platform
