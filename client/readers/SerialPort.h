#pragma once
// A QR scanner in USB-COM (virtual serial port) mode: /dev/ttyACM*, /dev/ttyUSB* on Linux, COMn on
// Windows. One small interface; SerialPortPosix.cpp (termios) and SerialPortWindows.cpp (Win32)
// implement it. Reading is blocking with a timeout, so a background thread can poll a stop flag
// between calls; the scans themselves are never logged.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/Error.h"

namespace da06::readers {

class SerialPort {
public:
    virtual ~SerialPort() = default;
    SerialPort() = default;
    SerialPort(const SerialPort&) = delete;
    SerialPort& operator=(const SerialPort&) = delete;

    // The next scan (one line, without its terminator), waiting at most timeout: nullopt when
    // none came. An error when the port fails (the scanner was unplugged).
    virtual Result<std::optional<std::string>> readScan(std::chrono::milliseconds timeout) = 0;
    virtual const std::string& device() const = 0;
};

inline constexpr int kDefaultBaud = 9600;
// 1200 … 921600 (the rates termios and Win32 both name).
bool isSupportedBaud(int baud);

// Opens the port 8N1, raw, at baud; pending input is discarded. NotFound when the device does not
// exist, Io when it cannot be opened (busy, no permission: the message says which), Usage for a
// rate that is not supported.
Result<std::unique_ptr<SerialPort>> openSerialPort(const std::string& device, int baud = kDefaultBaud);

// The serial ports present now, as names openSerialPort takes ("/dev/ttyACM0", "COM3").
std::vector<std::string> listSerialPorts();

} // namespace da06::readers
