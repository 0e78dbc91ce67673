#include "tests/support/TestSupport.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <random>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace da06::test {

TempDir::TempDir()
{
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto p = std::filesystem::temp_directory_path() / ("da06-test-" + std::to_string(rd()));
        std::error_code ec;
        if (std::filesystem::create_directory(p, ec)) {
            m_path = p;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir()
{
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::string readFile(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeFile(const std::filesystem::path& p, const std::string& content)
{
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << content;
}

std::filesystem::path sourceDir()
{
    return DA06_SOURCE_DIR;
}

std::filesystem::path binaryDir()
{
    return DA06_BINARY_DIR;
}

std::filesystem::path seedDocument()
{
    return std::filesystem::weakly_canonical(std::filesystem::path(DA06_SEED_DOCUMENT));
}

namespace {

// argv and envp for posix_spawn: the strings are owned by the Spawn object.
struct SpawnArgs {
    std::vector<std::string> argStore, envStore;
    std::vector<char*> argv, envp;

    SpawnArgs(const std::filesystem::path& program, const std::vector<std::string>& args,
              const std::map<std::string, std::string>& env, std::initializer_list<const char*> keep)
    {
        argStore.push_back(program.string());
        argStore.insert(argStore.end(), args.begin(), args.end());
        for (auto& a : argStore) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        for (const char* k : keep) {
            if (const char* v = std::getenv(k)) {
                envStore.push_back(std::string(k) + "=" + v);
            }
        }
        for (const auto& [k, v] : env) {
            envStore.push_back(k + "=" + v);
        }
        for (auto& e : envStore) {
            envp.push_back(e.data());
        }
        envp.push_back(nullptr);
    }
};

} // namespace

Child::Child(const std::filesystem::path& program, const std::vector<std::string>& args,
             const std::map<std::string, std::string>& env)
{
    int outPipe[2];
    if (pipe(outPipe) != 0) {
        throw std::runtime_error("pipe failed");
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, outPipe[1], 1);
    posix_spawn_file_actions_addclose(&fa, outPipe[0]);
    posix_spawn_file_actions_addclose(&fa, outPipe[1]);
    SpawnArgs spawn(program, args, env, {"PATH", "HOME", "TMPDIR"});
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, program.c_str(), &fa, nullptr, spawn.argv.data(), spawn.envp.data());
    posix_spawn_file_actions_destroy(&fa);
    close(outPipe[1]);
    if (rc != 0) {
        close(outPipe[0]);
        throw std::runtime_error("cannot start " + program.string());
    }
    m_pid = pid;
    m_out = outPipe[0];
}

Child::~Child()
{
    if (!m_exited && m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        waitpid(m_pid, &m_status, 0);
    }
    if (m_out >= 0) {
        close(m_out);
    }
}

void Child::pump(int timeoutMs)
{
    if (m_out < 0) {
        return;
    }
    pollfd fd{m_out, POLLIN, 0};
    if (poll(&fd, 1, timeoutMs) <= 0) {
        return;
    }
    char buf[8192];
    const ssize_t n = read(m_out, buf, sizeof buf);
    if (n <= 0) {
        close(m_out);
        m_out = -1;
        return;
    }
    m_partial.append(buf, static_cast<std::size_t>(n));
    std::size_t pos;
    while ((pos = m_partial.find('\n')) != std::string::npos) {
        m_lines.push_back(m_partial.substr(0, pos));
        m_partial.erase(0, pos + 1);
    }
}

bool Child::waitForLine(const std::string& text, int timeoutMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    std::size_t seen = 0;
    while (std::chrono::steady_clock::now() < deadline && m_out >= 0) {
        for (; seen < m_lines.size(); ++seen) {
            if (m_lines[seen] == text) {
                return true;
            }
        }
        pump(20);
    }
    for (; seen < m_lines.size(); ++seen) {
        if (m_lines[seen] == text) {
            return true;
        }
    }
    return false;
}

void Child::kill9()
{
    if (!m_exited && m_pid > 0) {
        ::kill(m_pid, SIGKILL);
    }
}

int Child::wait()
{
    while (m_out >= 0) {
        pump(100);
    }
    if (!m_exited) {
        waitpid(m_pid, &m_status, 0);
        m_exited = true;
    }
    return WIFEXITED(m_status) ? WEXITSTATUS(m_status) : 128 + WTERMSIG(m_status);
}

RunResult runProgram(const std::filesystem::path& program, const std::vector<std::string>& args,
                     const std::map<std::string, std::string>& env, const std::string& stdinText)
{
    int inPipe[2], outPipe[2], errPipe[2];
    if (pipe(inPipe) != 0 || pipe(outPipe) != 0 || pipe(errPipe) != 0) {
        throw std::runtime_error("pipe failed");
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, inPipe[0], 0);
    posix_spawn_file_actions_adddup2(&fa, outPipe[1], 1);
    posix_spawn_file_actions_adddup2(&fa, errPipe[1], 2);
    for (int fd : {inPipe[0], inPipe[1], outPipe[0], outPipe[1], errPipe[0], errPipe[1]}) {
        posix_spawn_file_actions_addclose(&fa, fd);
    }
    // setsid: no controlling terminal, so a passphrase prompt cannot reach the developer's tty.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);

    SpawnArgs spawn(program, args, env, {"PATH", "HOME", "LANG", "TMPDIR", "DISPLAY", "XAUTHORITY"});
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, program.c_str(), &fa, &attr, spawn.argv.data(), spawn.envp.data());
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close(inPipe[0]);
    close(outPipe[1]);
    close(errPipe[1]);
    if (rc != 0) {
        close(inPipe[1]);
        close(outPipe[0]);
        close(errPipe[0]);
        throw std::runtime_error("cannot start " + program.string() + ": " + std::strerror(rc));
    }
    if (!stdinText.empty()) {
        (void)!write(inPipe[1], stdinText.data(), stdinText.size());
    }
    close(inPipe[1]);

    RunResult r;
    pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
    int open = 2;
    char buf[65536];
    while (open > 0) {
        if (poll(fds, 2, -1) < 0) {
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP))) {
                const ssize_t n = read(fds[i].fd, buf, sizeof buf);
                if (n <= 0) {
                    close(fds[i].fd);
                    fds[i].fd = -1;
                    --open;
                } else {
                    (i == 0 ? r.out : r.err).append(buf, static_cast<std::size_t>(n));
                }
            }
        }
    }
    int status = 0;
    waitpid(pid, &status, 0);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

} // namespace da06::test
