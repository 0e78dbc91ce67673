#include <exception>
#include <iostream>

#include "client/cli/Cli.h"
#include "client/platform/Hardening.h"

int main(int argc, char** argv)
{
    da06::platform::hardenProcess();
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        return da06::cli::run(args, std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "da06: internal error: " << e.what() << "\n";
        return da06::cli::kExitFailure;
    }
}
