#pragma once
// The pcscd test fixture: a PC/SC daemon with the vsmartcard-vpcd driver, shared by every test of
// a test process, and a small in-process virtual card for the tests that need a simple one.
//
// Pcscd::instance() starts `/usr/sbin/pcscd -f` when no daemon runs and keeps it until the test
// process exits (it is killed then, and also if the process dies: the daemon gets SIGTERM when its
// parent goes). A daemon that already runs (a developer's, the system's) is used as it is; then
// stop()/start() refuse (ownsDaemon() says which case holds). Tests that use a vpcd reader slot
// must set the CTest property RESOURCE_LOCK vpcd. Across test processes not run by one CTest
// (two runs at once on one machine) instance() waits (up to 90 s) for a lock file,
// /tmp/da06-vpcd.lock, held until the process exits. DA06_PCSCD_LOG=file sends the debug log of a
// daemon the fixture starts to that file.
//
// VpcdCard plays a card on one vpcd slot: it connects to the driver's TCP port (127.0.0.1:35963 +
// slot), answers the control messages (power on/off, reset, ATR) itself and gives every command
// APDU to a callback. insert() connects (the reader then sees a card), remove() disconnects.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace da06::test {

class Pcscd {
public:
    // The shared daemon; throws std::runtime_error with the reason when none can be had within
    // 10 s (pcscd missing, vpcd driver not installed, readers not listed).
    static Pcscd& instance();

    // The reader names as PC/SC lists them: "Virtual PCD 00 00" for slot 0, "… 00 01" for slot 1.
    std::string readerName(int slot) const;
    // The TCP port a card emulator connects to for the slot: 35963 + slot.
    int vpcdPort(int slot) const;

    // True when this fixture started the daemon (and so may stop and restart it).
    bool ownsDaemon() const { return m_pid > 0 || m_stopped; }
    // Stops the daemon (SIGTERM, then SIGKILL after 5 s). False when the fixture does not own it.
    bool stop();
    // Starts it again after stop() and waits (≤ 10 s) for the vpcd readers. False when the
    // fixture does not own the daemon or it did not come up. If another daemon came up meanwhile
    // (someone else ran pcscd), that one is used, no longer owned.
    bool start();
    bool running() const;

    ~Pcscd();
    Pcscd(const Pcscd&) = delete;
    Pcscd& operator=(const Pcscd&) = delete;

private:
    Pcscd();
    bool launch(std::string& why);
    bool waitForReaders(int timeoutMs, std::string& why);

    int m_pid = -1;         // the daemon this fixture started, -1 if none
    bool m_stopped = false; // stopped by stop(): start() may launch it again
    std::vector<std::string> m_readers;
    mutable std::mutex m_mutex;
};

// Waits until the reader has a card (present) or none (!present); false after timeoutMs.
// pcscd notices a card some hundred milliseconds after an emulator connects.
bool waitForCard(const std::string& reader, bool present, int timeoutMs);

class VpcdCard {
public:
    using Bytes = std::vector<std::uint8_t>;
    // Answers one command APDU with a response APDU (data + SW1 SW2). Called on the card's own
    // thread. An exception thrown here is answered with 6F 00.
    using ApduHandler = std::function<Bytes(const Bytes& command)>;

    // "3B 80 80 01 01": a contactless ISO 14443-4 card, T=1, no historical bytes.
    static Bytes defaultAtr();

    VpcdCard(int port, ApduHandler handler, Bytes atr = defaultAtr());
    ~VpcdCard();
    VpcdCard(const VpcdCard&) = delete;
    VpcdCard& operator=(const VpcdCard&) = delete;

    // Connects to the vpcd port (retrying for up to 3 s while the driver does not accept yet) and
    // waits (up to 3 s) until PC/SC shows the card on the reader. False when it could not connect
    // or the reader did not see the card. Inserting an inserted card does nothing.
    bool insert();
    // Disconnects and waits (up to 3 s) until PC/SC shows the reader empty, so that the next
    // insert() is seen as a new card. May be called from inside the APDU handler: then it only
    // cuts the connection (the response of that APDU is not sent: the card left in the middle).
    void remove();
    bool inserted() const { return m_connected.load(); }

    std::size_t apduCount() const { return m_apdus.load(); }
    std::size_t resetCount() const { return m_resets.load(); }
    std::size_t powerOnCount() const { return m_powerOns.load(); }

private:
    void serve(int fd);
    void joinIfFinished();
    void shutdownSocket();
    // Waits until PC/SC reports the card on this card's reader present (or absent).
    bool waitForReader(bool present, int timeoutMs) const;

    int m_port;
    ApduHandler m_handler;
    Bytes m_atr;
    int m_fd = -1; // guarded by m_fdMutex
    std::atomic<bool> m_connected{false};
    std::atomic<std::size_t> m_apdus{0};
    std::atomic<std::size_t> m_resets{0};
    std::atomic<std::size_t> m_powerOns{0};
    // When the connection ended other than by remove() from outside (cut inside the handler,
    // daemon gone): pcscd may not have polled the empty slot yet, so a new insert() waits a bit.
    std::atomic<bool> m_abruptEnd{false};
    std::chrono::steady_clock::time_point m_endedAt{};
    std::thread m_thread;
    std::mutex m_mutex;
    std::mutex m_fdMutex;
};

} // namespace da06::test
