#include "domain/core/DurableFile.h"

#include <string>
#include <system_error>

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace da06 {

namespace {

std::filesystem::path temporaryBeside(const std::filesystem::path& path)
{
    std::filesystem::path tmp = path;
    tmp += ".tmp";
    return tmp;
}

} // namespace

#ifdef _WIN32

Status writeFileDurably(const std::filesystem::path& path, std::string_view bytes)
{
    const std::filesystem::path tmp = temporaryBeside(path);
    HANDLE h = ::CreateFileW(tmp.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS,
                             FILE_ATTRIBUTE_NORMAL | FILE_FLAG_WRITE_THROUGH, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        return fail(ErrorCode::Io,
                    "cannot write " + tmp.string() + " (error " + std::to_string(::GetLastError()) + ")");
    }
    std::size_t off = 0;
    while (off < bytes.size()) {
        const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(bytes.size() - off, 1u << 30));
        DWORD written = 0;
        if (!::WriteFile(h, bytes.data() + off, chunk, &written, nullptr) || written == 0) {
            ::CloseHandle(h);
            ::DeleteFileW(tmp.c_str());
            return fail(ErrorCode::Io, "cannot write " + tmp.string() + " (disk full?)");
        }
        off += written;
    }
    const bool flushed = ::FlushFileBuffers(h) != 0;
    const bool closed = ::CloseHandle(h) != 0;
    if (!flushed || !closed) {
        ::DeleteFileW(tmp.c_str());
        return fail(ErrorCode::Io, "cannot flush " + tmp.string() + " to disk");
    }
    if (!::MoveFileExW(tmp.c_str(), path.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
        const DWORD e = ::GetLastError();
        ::DeleteFileW(tmp.c_str());
        return fail(ErrorCode::Io, "cannot replace " + path.string() + " (error " + std::to_string(e) + ")");
    }
    return {};
}

void restrictToOwner(const std::filesystem::path&)
{
}

#else

Status writeFileDurably(const std::filesystem::path& path, std::string_view bytes)
{
    const std::filesystem::path tmp = temporaryBeside(path);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return fail(ErrorCode::Io, "cannot write " + tmp.string() + ": " + std::generic_category().message(errno));
    }
    std::size_t off = 0;
    while (off < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) {
                continue;
            }
            ::close(fd);
            ::unlink(tmp.c_str());
            return fail(ErrorCode::Io, "cannot write " + tmp.string() + " (disk full?)");
        }
        off += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        ::close(fd);
        ::unlink(tmp.c_str());
        return fail(ErrorCode::Io, "cannot flush " + tmp.string() + " to disk");
    }
    if (::close(fd) != 0) {
        ::unlink(tmp.c_str());
        return fail(ErrorCode::Io, "cannot flush " + tmp.string() + " to disk");
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        ::unlink(tmp.c_str());
        return fail(ErrorCode::Io, "cannot replace " + path.string() + ": " + ec.message());
    }
    // Make the rename itself durable.
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

void restrictToOwner(const std::filesystem::path& path)
{
    ::chmod(path.c_str(), 0600);
}

#endif

} // namespace da06
