#include "client/cli/Terminal.h"

#include <cstdlib>
#include <cstring>

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#else
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>
#endif

namespace da06::cli {

namespace {

constexpr std::size_t kMaxPassphrase = 1024;

#ifdef _WIN32

// The console itself (CONIN$/CONOUT$), even when standard input is redirected. Input is read as
// UTF-16 and turned into UTF-8, so Vietnamese passphrases typed on a Windows console match the
// ones typed in the desktop.
class Console {
public:
    Console()
    {
        m_in = ::CreateFileW(L"CONIN$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                             OPEN_EXISTING, 0, nullptr);
        m_out = ::CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                              OPEN_EXISTING, 0, nullptr);
    }
    ~Console()
    {
        if (m_in != INVALID_HANDLE_VALUE) {
            ::CloseHandle(m_in);
        }
        if (m_out != INVALID_HANDLE_VALUE) {
            ::CloseHandle(m_out);
        }
    }
    Console(const Console&) = delete;
    Console& operator=(const Console&) = delete;
    bool ok() const { return m_in != INVALID_HANDLE_VALUE && m_out != INVALID_HANDLE_VALUE; }

    std::optional<store::SecretBuffer> prompt(const std::string& text)
    {
        write(text);
        DWORD oldMode = 0;
        const bool isConsole = ::GetConsoleMode(m_in, &oldMode) != 0;
        if (isConsole) {
            ::SetConsoleMode(m_in, oldMode & ~static_cast<DWORD>(ENABLE_ECHO_INPUT));
        }
        store::SecretBuffer wide(kMaxPassphrase * sizeof(wchar_t));
        auto* w = reinterpret_cast<wchar_t*>(wide.data());
        std::size_t n = 0;
        wchar_t c = 0;
        DWORD got = 0;
        while (n < kMaxPassphrase && ::ReadConsoleW(m_in, &c, 1, &got, nullptr) && got == 1 && c != L'\n') {
            if (c != L'\r') {
                w[n++] = c;
            }
        }
        c = 0;
        if (isConsole) {
            ::SetConsoleMode(m_in, oldMode);
            write("\n");
        }
        const int bytes = ::WideCharToMultiByte(CP_UTF8, 0, w, static_cast<int>(n), nullptr, 0, nullptr, nullptr);
        store::SecretBuffer out(static_cast<std::size_t>(bytes > 0 ? bytes : 0));
        if (bytes > 0) {
            ::WideCharToMultiByte(CP_UTF8, 0, w, static_cast<int>(n), reinterpret_cast<char*>(out.data()), bytes,
                                  nullptr, nullptr);
        }
        return out;
    }

private:
    void write(const std::string& utf8)
    {
        const int len = ::MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
        std::wstring w(static_cast<std::size_t>(len > 0 ? len : 0), L'\0');
        if (len > 0) {
            ::MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), w.data(), len);
        }
        DWORD written = 0;
        ::WriteConsoleW(m_out, w.data(), static_cast<DWORD>(w.size()), &written, nullptr);
    }

    HANDLE m_in = INVALID_HANDLE_VALUE;
    HANDLE m_out = INVALID_HANDLE_VALUE;
};

void removeFromEnvironment(const char* name)
{
    ::_putenv_s(name, "");
}

#else

// The controlling terminal (/dev/tty), even when standard input is redirected; echo off while
// the passphrase is typed.
class Console {
public:
    Console() : m_fd(::open("/dev/tty", O_RDWR | O_CLOEXEC)) {}
    ~Console()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Console(const Console&) = delete;
    Console& operator=(const Console&) = delete;
    bool ok() const { return m_fd >= 0; }

    std::optional<store::SecretBuffer> prompt(const std::string& text)
    {
        if (::write(m_fd, text.data(), text.size()) < 0) {
            return std::nullopt;
        }
        termios old{};
        const bool isTty = ::tcgetattr(m_fd, &old) == 0;
        if (isTty) {
            termios noEcho = old;
            noEcho.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(m_fd, TCSAFLUSH, &noEcho);
        }
        store::SecretBuffer buf(kMaxPassphrase);
        std::size_t n = 0;
        char c = 0;
        while (n < buf.size() && ::read(m_fd, &c, 1) == 1 && c != '\n') {
            if (c != '\r') {
                buf.data()[n++] = static_cast<unsigned char>(c);
            }
        }
        c = 0;
        if (isTty) {
            ::tcsetattr(m_fd, TCSAFLUSH, &old);
            (void)::write(m_fd, "\n", 1);
        }
        store::SecretBuffer out(n);
        std::memcpy(out.data(), buf.data(), n);
        return out;
    }

private:
    int m_fd = -1;
};

void removeFromEnvironment(const char* name)
{
    ::unsetenv(name);
}

#endif

} // namespace

std::optional<store::SecretBuffer> readPassphrase(const std::string& prompt, bool confirm, std::string& why,
                                                  const char* envName)
{
    if (char* env = std::getenv(envName)) {
        store::SecretBuffer out{std::string_view(env)};
        store::wipe(env, std::strlen(env));
        removeFromEnvironment(envName);
        return out;
    }
    Console console;
    if (!console.ok()) {
        why = std::string("no passphrase: set ") + envName + " or run on a terminal";
        return std::nullopt;
    }
    auto first = console.prompt(prompt);
    if (first && confirm) {
        auto second = console.prompt("Repeat the passphrase: ");
        if (!second || second->view() != first->view()) {
            why = "the two passphrases differ";
            return std::nullopt;
        }
    }
    if (!first) {
        why = "no passphrase was entered";
    }
    return first;
}

} // namespace da06::cli
