#pragma once
// Helpers shared by the tests: temporary folders, files, running the programs.
#include <filesystem>
#include <ostream>
#include <map>
#include <string>
#include <vector>

#include "core/Error.h"
#include "plan/Plan.h"

namespace da06 {
// Lets Boost.Test print error codes in failed comparisons.
inline std::ostream& operator<<(std::ostream& os, ErrorCode c)
{
    return os << errorCodeName(c);
}
namespace plan {
inline std::ostream& operator<<(std::ostream& os, DeadlineKind k)
{
    return os << deadlineKindName(k);
}
inline std::ostream& operator<<(std::ostream& os, FundingKind k)
{
    return os << fundingKindName(k);
}
} // namespace plan
} // namespace da06

namespace da06::test {

// A fresh folder under the system's temporary folder, removed when the object goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

std::string readFile(const std::filesystem::path& p);
void writeFile(const std::filesystem::path& p, const std::string& content);
std::filesystem::path sourceDir();
std::filesystem::path binaryDir();
std::filesystem::path seedDocument();

struct RunResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs program with args and extra environment (NAME=value, added to a minimal environment),
// optional standard input; waits for it.
RunResult runProgram(const std::filesystem::path& program, const std::vector<std::string>& args,
                     const std::map<std::string, std::string>& env = {}, const std::string& stdinText = {});

} // namespace da06::test
