// The serial port on Windows: Win32 COM port, 8N1, ReadFile with COMMTIMEOUTS for the timeout.
// Compiled only when WIN32 (client/readers/CMakeLists.txt).
#include "client/readers/SerialPort.h"

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

#include <algorithm>

#include "client/readers/ScanLineSplitter.h"

namespace da06::readers {

namespace {

std::string lastErrorText(DWORD code)
{
    char* text = nullptr;
    const DWORD n =
        FormatMessageA(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                       nullptr, code, 0, reinterpret_cast<LPSTR>(&text), 0, nullptr);
    std::string s = n && text ? std::string(text, n) : "error " + std::to_string(code);
    if (text) {
        LocalFree(text);
    }
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ')) {
        s.pop_back();
    }
    return s;
}

class WindowsSerialPort final : public SerialPort {
public:
    WindowsSerialPort(HANDLE h, std::string device) : m_handle(h), m_device(std::move(device)) {}
    ~WindowsSerialPort() override { CloseHandle(m_handle); }

    const std::string& device() const override { return m_device; }

    Result<std::optional<std::string>> readScan(std::chrono::milliseconds timeout) override
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        char buf[4096];
        while (!m_lines.hasScan()) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                return std::optional<std::string>();
            }
            // Return as soon as a byte is there, or after the time left.
            COMMTIMEOUTS t{};
            t.ReadIntervalTimeout = MAXDWORD;
            t.ReadTotalTimeoutMultiplier = MAXDWORD;
            t.ReadTotalTimeoutConstant = static_cast<DWORD>(std::min<long long>(left.count(), 60'000));
            if (!SetCommTimeouts(m_handle, &t)) {
                return fail(ErrorCode::Io,
                            "reading the scanner on " + m_device + " failed: " + lastErrorText(GetLastError()));
            }
            DWORD got = 0;
            if (!ReadFile(m_handle, buf, sizeof buf, &got, nullptr)) {
                return fail(ErrorCode::Io,
                            "the scanner on " + m_device + " was disconnected (" + lastErrorText(GetLastError()) + ")");
            }
            if (got > 0) {
                m_lines.feed(std::string_view(buf, got));
            }
        }
        return std::optional<std::string>(m_lines.takeScan());
    }

private:
    HANDLE m_handle;
    std::string m_device;
    ScanLineSplitter m_lines;
};

} // namespace

Result<std::unique_ptr<SerialPort>> openSerialPort(const std::string& device, int baud)
{
    if (!isSupportedBaud(baud)) {
        return fail(ErrorCode::Usage,
                    "the baud rate " + std::to_string(baud) + " is not supported (use 9600, 115200, …)");
    }
    // "COM10" and above only open through the \\.\ prefix; it works for COM1–COM9 too.
    const std::string path = device.rfind("\\\\.\\", 0) == 0 ? device : "\\\\.\\" + device;
    HANDLE h = CreateFileA(path.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, 0, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        const DWORD e = GetLastError();
        if (e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND) {
            return fail(ErrorCode::NotFound,
                        "there is no serial port " + device + " (is the scanner plugged in and in USB-COM mode?)");
        }
        if (e == ERROR_ACCESS_DENIED) {
            return fail(ErrorCode::Io, device + " is in use by another program");
        }
        return fail(ErrorCode::Io, "cannot open " + device + ": " + lastErrorText(e));
    }
    DCB dcb{};
    dcb.DCBlength = sizeof dcb;
    if (!GetCommState(h, &dcb)) {
        const DWORD e = GetLastError();
        CloseHandle(h);
        return fail(ErrorCode::Io, device + " is not a serial port: " + lastErrorText(e));
    }
    dcb.BaudRate = static_cast<DWORD>(baud);
    dcb.ByteSize = 8;
    dcb.Parity = NOPARITY;
    dcb.StopBits = ONESTOPBIT;
    dcb.fBinary = TRUE;
    dcb.fParity = FALSE;
    dcb.fOutxCtsFlow = FALSE;
    dcb.fOutxDsrFlow = FALSE;
    dcb.fDtrControl = DTR_CONTROL_ENABLE; // many CDC-ACM scanners send nothing until DTR is set
    dcb.fRtsControl = RTS_CONTROL_ENABLE;
    dcb.fOutX = FALSE;
    dcb.fInX = FALSE;
    if (!SetCommState(h, &dcb)) {
        const DWORD e = GetLastError();
        CloseHandle(h);
        return fail(ErrorCode::Io, "cannot set up " + device + ": " + lastErrorText(e));
    }
    PurgeComm(h, PURGE_RXCLEAR | PURGE_RXABORT); // a scan made before the port was opened is not this check's
    return std::unique_ptr<SerialPort>(std::make_unique<WindowsSerialPort>(h, device));
}

std::vector<std::string> listSerialPorts()
{
    std::vector<std::string> out;
    char target[1024];
    for (int i = 1; i <= 255; ++i) {
        const std::string name = "COM" + std::to_string(i);
        if (QueryDosDeviceA(name.c_str(), target, sizeof target) != 0) {
            out.push_back(name);
        }
    }
    return out;
}

} // namespace da06::readers
