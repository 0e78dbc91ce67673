#include "cli/Terminal.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace da06::cli {

namespace {

std::optional<store::SecretBuffer> promptOnce(int fd, const std::string& prompt)
{
    if (::write(fd, prompt.data(), prompt.size()) < 0) {
        return std::nullopt;
    }
    termios old{};
    const bool isTty = ::tcgetattr(fd, &old) == 0;
    if (isTty) {
        termios noEcho = old;
        noEcho.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(fd, TCSAFLUSH, &noEcho);
    }
    store::SecretBuffer buf(1024);
    std::size_t n = 0;
    char c = 0;
    while (n < buf.size() && ::read(fd, &c, 1) == 1 && c != '\n') {
        if (c != '\r') {
            buf.data()[n++] = static_cast<unsigned char>(c);
        }
    }
    c = 0;
    if (isTty) {
        ::tcsetattr(fd, TCSAFLUSH, &old);
        (void)::write(fd, "\n", 1);
    }
    store::SecretBuffer out(n);
    std::memcpy(out.data(), buf.data(), n);
    return out;
}

} // namespace

std::optional<store::SecretBuffer> readPassphrase(const std::string& prompt, bool confirm, std::string& why,
                                                  const char* envName)
{
    if (char* env = std::getenv(envName)) {
        store::SecretBuffer out{std::string_view(env)};
        store::wipe(env, std::strlen(env));
        ::unsetenv(envName);
        return out;
    }
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        why = std::string("no passphrase: set ") + envName + " or run on a terminal";
        return std::nullopt;
    }
    auto first = promptOnce(fd, prompt);
    if (first && confirm) {
        auto second = promptOnce(fd, "Repeat the passphrase: ");
        if (!second || second->view() != first->view()) {
            ::close(fd);
            why = "the two passphrases differ";
            return std::nullopt;
        }
    }
    ::close(fd);
    if (!first) {
        why = "no passphrase was entered";
    }
    return first;
}

} // namespace da06::cli
