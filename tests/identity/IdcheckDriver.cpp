// Runs `idcheck …` as `da06 idcheck …` will once Cli.cpp dispatches to it (tests only).
#include <iostream>
#include <string>
#include <vector>

#include "client/cli/IdcheckCommand.h"

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args.front() == "idcheck") {
        args.erase(args.begin());
    }
    return da06::cli::runIdcheck(args, std::cout, std::cerr);
}
