#pragma once
// Helpers shared by the tests: temporary folders, files, running the programs.
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "domain/core/Error.h"
#include "domain/plan/Plan.h"

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

// A child process whose standard output is read line by line while it runs.
class Child {
public:
    Child(const std::filesystem::path& program, const std::vector<std::string>& args,
          const std::map<std::string, std::string>& env = {});
    ~Child(); // kills the child with SIGKILL if it still runs
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    // Reads what is available within timeoutMs; returns complete lines read (appended to lines()).
    void pump(int timeoutMs);
    // Reads until a line equal to text appears or timeoutMs passes.
    bool waitForLine(const std::string& text, int timeoutMs);
    void kill9();
    // Waits for the exit (reading the rest of the output); returns the exit code or 128+signal.
    int wait();
    const std::vector<std::string>& lines() const { return m_lines; }
    int pid() const { return m_pid; }

private:
    int m_pid = -1;
    int m_out = -1;
    std::string m_partial;
    std::vector<std::string> m_lines;
    bool m_exited = false;
    int m_status = 0;
};

// Runs program with args and extra environment (NAME=value, added to a minimal environment),
// optional standard input; waits for it.
RunResult runProgram(const std::filesystem::path& program, const std::vector<std::string>& args,
                     const std::map<std::string, std::string>& env = {}, const std::string& stdinText = {});

} // namespace da06::test
