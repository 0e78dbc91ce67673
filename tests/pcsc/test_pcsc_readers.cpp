// da06::pcsc against pcscd with the vsmartcard-vpcd driver (started by the fixture) and an
// in-process virtual card on its slots.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <signal.h>

#include "client/readers/pcsc/PcscCardChannel.h"
#include "client/readers/pcsc/PcscContext.h"
#include "client/readers/pcsc/ReaderManager.h"
#include "tests/pcsc/PcscdFixture.h"
#include "tests/support/TestSupport.h"

using namespace da06;
using namespace da06::pcsc;
using da06::readers::Bytes;
using da06::test::Pcscd;
using da06::test::VpcdCard;

namespace {

using Clock = std::chrono::steady_clock;

// A card that answers SELECT with 9000 and echoes everything else with 9000.
Bytes echoCard(const Bytes& cmd)
{
    Bytes r(cmd.begin(), cmd.end());
    r.push_back(0x90);
    r.push_back(0x00);
    return r;
}

// Waits until pred() holds, up to ms.
template <typename Pred> bool waitFor(Pred pred, int ms)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(ms);
    while (!pred()) {
        if (Clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

// Collects the manager's events (they come from the watcher thread).
struct EventLog {
    std::mutex mutex;
    std::vector<ReaderEvent> events;

    ReaderManager::Callback callback()
    {
        return [this](const ReaderEvent& e) {
            std::lock_guard lock(mutex);
            events.push_back(e);
        };
    }
    bool has(ReaderEventKind kind, const std::string& reader = {})
    {
        std::lock_guard lock(mutex);
        return std::any_of(events.begin(), events.end(), [&](const ReaderEvent& e) {
            return e.kind == kind && (reader.empty() || e.reader == reader);
        });
    }
    std::size_t count(ReaderEventKind kind)
    {
        std::lock_guard lock(mutex);
        return static_cast<std::size_t>(
            std::count_if(events.begin(), events.end(), [&](const ReaderEvent& e) { return e.kind == kind; }));
    }
    void clear()
    {
        std::lock_guard lock(mutex);
        events.clear();
    }
    std::vector<ReaderEvent> copy()
    {
        std::lock_guard lock(mutex);
        return events;
    }
};

bool cardPresent(const ReaderManager& m, const std::string& reader)
{
    const auto s = m.snapshot();
    return std::any_of(s.readers.begin(), s.readers.end(),
                       [&](const ReaderInfo& r) { return r.name == reader && r.cardPresent; });
}

} // namespace

BOOST_AUTO_TEST_SUITE(pcsc_readers)

BOOST_AUTO_TEST_CASE(fixture_lists_the_vpcd_readers)
{
    Pcscd& pcscd = Pcscd::instance();
    BOOST_TEST(pcscd.readerName(0) == "Virtual PCD 00 00");
    BOOST_TEST(pcscd.readerName(1) == "Virtual PCD 00 01");
    BOOST_TEST(pcscd.vpcdPort(0) == 35963);
    BOOST_TEST(pcscd.vpcdPort(1) == 35964);
    auto context = PcscContext::establish();
    BOOST_REQUIRE_MESSAGE(context.has_value(), (context ? std::string() : context.error().message));
    auto readers = context->listReaders();
    BOOST_REQUIRE(readers);
    BOOST_TEST(std::count(readers->begin(), readers->end(), pcscd.readerName(0)) == 1);
    BOOST_TEST(std::count(readers->begin(), readers->end(), pcscd.readerName(1)) == 1);
    BOOST_TEST_MESSAGE("fixture owns pcscd: " << pcscd.ownsDaemon());
}

BOOST_AUTO_TEST_CASE(transmit_through_a_virtual_card)
{
    Pcscd& pcscd = Pcscd::instance();
    VpcdCard card(pcscd.vpcdPort(0), echoCard);
    BOOST_REQUIRE(card.insert());
    auto channel = PcscCardChannel::connect(pcscd.readerName(0));
    if (!channel) {
        // the reader may need a moment to notice the card
        BOOST_REQUIRE(
            waitFor([&] { return (channel = PcscCardChannel::connect(pcscd.readerName(0))).has_value(); }, 3000));
    }
    BOOST_TEST((*channel)->atr() == VpcdCard::defaultAtr());
    const Bytes select = {0x00, 0xA4, 0x04, 0x0C, 0x02, 0x3F, 0x00};
    auto r = (*channel)->transmit(select);
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
    BOOST_TEST(r->sw == 0x9000);
    BOOST_TEST(r->data == select);
    BOOST_TEST((*channel)->commandCount() == 1u);
}

// A card for the 61xx / 6Cxx tests: READ BINARY (B0) wants Le = 0x10 (else 6C10) and then gives
// 16 bytes with "8 more" (6108), fetched by GET RESPONSE. INS 0x2A (case 4) wants Le = 0x20.
Bytes fussyCard(const Bytes& cmd, std::vector<Bytes>& seen)
{
    seen.push_back(cmd);
    const std::uint8_t ins = cmd[1];
    if (ins == 0xB0) {
        if (cmd.size() != 5 || cmd[4] != 0x10) {
            return {0x6C, 0x10};
        }
        Bytes r(16, 0xAA);
        r.push_back(0x61);
        r.push_back(0x08);
        return r;
    }
    if (ins == 0xC0) {
        Bytes r(cmd[4], 0xBB);
        r.push_back(0x90);
        r.push_back(0x00);
        return r;
    }
    if (ins == 0x2A) {
        if (cmd.back() != 0x20) {
            return {0x6C, 0x20};
        }
        Bytes r(0x20, 0xCC);
        r.push_back(0x90);
        r.push_back(0x00);
        return r;
    }
    return {0x6D, 0x00};
}

Result<std::unique_ptr<PcscCardChannel>> connectWhenReady(const std::string& reader, ConnectOptions options = {})
{
    auto channel = PcscCardChannel::connect(reader, options);
    const auto deadline = Clock::now() + std::chrono::seconds(3);
    while (!channel && channel.error().code == ErrorCode::NoCard && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        channel = PcscCardChannel::connect(reader, options);
    }
    return channel;
}

// Waits until PC/SC sees no card on the reader any more.
bool waitNoCard(const std::string& reader)
{
    return waitFor(
        [&] {
            auto c = PcscCardChannel::connect(reader);
            return !c && c.error().code == ErrorCode::NoCard;
        },
        3000);
}

BOOST_AUTO_TEST_CASE(get_response_and_wrong_le_are_answered_by_the_channel)
{
    Pcscd& pcscd = Pcscd::instance();
    std::vector<Bytes> seen;
    VpcdCard card(pcscd.vpcdPort(0), [&](const Bytes& c) { return fussyCard(c, seen); });
    BOOST_REQUIRE(card.insert());
    auto channel = connectWhenReady(pcscd.readerName(0));
    BOOST_REQUIRE_MESSAGE(channel.has_value(), (channel ? std::string() : channel.error().message));
    auto& ch = **channel;

    // Case 2 with the wrong Le: 6C10 -> resend with Le 10 -> 16 bytes + 6108 -> GET RESPONSE 08.
    const Bytes readBinary = {0x00, 0xB0, 0x00, 0x00, 0x00};
    auto r = ch.transmit(readBinary);
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(r->sw == 0x9000);
    BOOST_TEST(r->data.size() == 24u);
    BOOST_TEST(std::count(r->data.begin(), r->data.end(), 0xAA) == 16);
    BOOST_TEST(std::count(r->data.begin(), r->data.end(), 0xBB) == 8);
    BOOST_TEST(ch.commandCount() == 3u);
    BOOST_REQUIRE(seen.size() == 3u);
    BOOST_TEST(seen[1] == (Bytes{0x00, 0xB0, 0x00, 0x00, 0x10}));
    BOOST_TEST(seen[2] == (Bytes{0x00, 0xC0, 0x00, 0x00, 0x08}));

    // Case 4 (data and Le): only the Le byte changes on the resend.
    seen.clear();
    const Bytes case4 = {0x00, 0x2A, 0x9E, 0x9A, 0x03, 0x01, 0x02, 0x03, 0x00};
    r = ch.transmit(case4);
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(r->sw == 0x9000);
    BOOST_TEST(r->data.size() == 0x20u);
    BOOST_REQUIRE(seen.size() == 2u);
    BOOST_TEST(seen[1] == (Bytes{0x00, 0x2A, 0x9E, 0x9A, 0x03, 0x01, 0x02, 0x03, 0x20}));
    BOOST_TEST(ch.commandCount() == 5u);

    // A status word other than 9000 is a value, not an error.
    r = ch.transmit(Bytes{0x00, 0x77, 0x00, 0x00});
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(r->sw == 0x6D00);

    // A malformed command is refused before it reaches the card.
    const std::size_t before = card.apduCount();
    r = ch.transmit(Bytes{0x00, 0xA4});
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().code == ErrorCode::Usage);
    BOOST_TEST(card.apduCount() == before);
}

BOOST_AUTO_TEST_CASE(card_removed_in_the_middle_of_a_sequence)
{
    Pcscd& pcscd = Pcscd::instance();
    VpcdCard* self = nullptr;
    int n = 0;
    VpcdCard card(pcscd.vpcdPort(0), [&](const Bytes& c) {
        if (++n == 3) {
            self->remove(); // the card leaves while answering the third command
        }
        return echoCard(c);
    });
    self = &card;
    BOOST_REQUIRE(card.insert());
    auto channel = connectWhenReady(pcscd.readerName(0));
    BOOST_REQUIRE(channel.has_value());
    auto transaction = CardTransaction::begin(**channel);
    BOOST_REQUIRE(transaction.has_value());
    const Bytes cmd = {0x00, 0xB0, 0x00, 0x00, 0x04};
    BOOST_TEST((*channel)->transmit(cmd).has_value());
    BOOST_TEST((*channel)->transmit(cmd).has_value());
    auto r = (*channel)->transmit(cmd);
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().code == ErrorCode::CardRemoved);
    BOOST_TEST_MESSAGE("third command: " << r.error().message);
    r = (*channel)->transmit(cmd);
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST((r.error().code == ErrorCode::CardRemoved || r.error().code == ErrorCode::NoCard));
}

BOOST_AUTO_TEST_CASE(no_card_unknown_reader_and_cancel)
{
    Pcscd& pcscd = Pcscd::instance();
    BOOST_REQUIRE(waitNoCard(pcscd.readerName(0)));
    auto c = PcscCardChannel::connect(pcscd.readerName(0));
    BOOST_REQUIRE(!c.has_value());
    BOOST_TEST(c.error().code == ErrorCode::NoCard);
    c = PcscCardChannel::connect("No Such Reader 00 00");
    BOOST_REQUIRE(!c.has_value());
    BOOST_TEST(c.error().code == ErrorCode::NoReader);

    VpcdCard card(pcscd.vpcdPort(0), echoCard);
    BOOST_REQUIRE(card.insert());
    std::atomic<bool> cancel{false};
    auto channel = connectWhenReady(pcscd.readerName(0), ConnectOptions{ShareMode::Exclusive, &cancel});
    BOOST_REQUIRE(channel.has_value());
    const Bytes cmd = {0x00, 0xB0, 0x00, 0x00, 0x04};
    BOOST_TEST((*channel)->transmit(cmd).has_value());
    cancel = true;
    const std::size_t before = card.apduCount();
    auto r = (*channel)->transmit(cmd);
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().code == ErrorCode::Cancelled);
    BOOST_TEST(card.apduCount() == before);

    // Exclusive: a second connection is refused while the first holds the card.
    auto second = PcscCardChannel::connect(pcscd.readerName(0));
    BOOST_TEST(!second.has_value());
}

BOOST_AUTO_TEST_CASE(card_reset_by_another_program_is_reported_and_the_retry_works)
{
    Pcscd& pcscd = Pcscd::instance();
    VpcdCard card(pcscd.vpcdPort(0), echoCard);
    BOOST_REQUIRE(card.insert());
    const ConnectOptions shared{ShareMode::Shared, nullptr};
    auto reader = connectWhenReady(pcscd.readerName(0), shared);
    BOOST_REQUIRE(reader.has_value());
    const Bytes cmd = {0x00, 0xB0, 0x00, 0x00, 0x04};
    BOOST_TEST((*reader)->transmit(cmd).has_value());
    {
        // Another program connects and leaves with a reset (our channel resets when it closes).
        auto other = PcscCardChannel::connect(pcscd.readerName(0), shared);
        BOOST_REQUIRE(other.has_value());
    }
    auto r = (*reader)->transmit(cmd);
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().code == ErrorCode::CardReset);
    // The channel reconnected: the retry of the transaction goes through.
    auto transaction = CardTransaction::begin(**reader);
    BOOST_REQUIRE(transaction.has_value());
    r = (*reader)->transmit(cmd);
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
    BOOST_TEST(r->sw == 0x9000);
}

BOOST_AUTO_TEST_CASE(open_card_chooses_the_reader)
{
    Pcscd& pcscd = Pcscd::instance();
    const std::string slot0 = pcscd.readerName(0);
    const std::string slot1 = pcscd.readerName(1);
    BOOST_REQUIRE(waitNoCard(slot0));
    BOOST_REQUIRE(waitNoCard(slot1));

    auto c = openCard("");
    BOOST_REQUIRE(!c.has_value());
    BOOST_TEST(c.error().code == ErrorCode::NoCard);
    c = openCard("Absent Reader");
    BOOST_REQUIRE(!c.has_value());
    BOOST_TEST(c.error().code == ErrorCode::NoReader);
    c = openCard(slot0);
    BOOST_REQUIRE(!c.has_value());
    BOOST_TEST(c.error().code == ErrorCode::NoCard);

    VpcdCard card1(pcscd.vpcdPort(1), echoCard);
    BOOST_REQUIRE(card1.insert());
    BOOST_REQUIRE(waitFor([&] { return openCard("").has_value(); }, 3000));
    c = openCard("");
    BOOST_REQUIRE(c.has_value());
    BOOST_TEST((*c)->readerName() == slot1);
    c = openCard(slot0);
    BOOST_REQUIRE(!c.has_value());
    BOOST_TEST(c.error().code == ErrorCode::NoCard);

    VpcdCard card0(pcscd.vpcdPort(0), echoCard);
    BOOST_REQUIRE(card0.insert());
    BOOST_REQUIRE(waitFor([&] { return openCard(slot0).has_value(); }, 3000));
    c = openCard("");
    BOOST_REQUIRE(!c.has_value());
    BOOST_TEST(c.error().code == ErrorCode::Usage);
    BOOST_TEST(c.error().message.find(slot0) != std::string::npos);
    c = openCard(slot1);
    BOOST_REQUIRE(c.has_value());
    BOOST_TEST((*c)->readerName() == slot1);
}

void checkInsertRemove(bool pnp)
{
    Pcscd& pcscd = Pcscd::instance();
    const std::string slot0 = pcscd.readerName(0);
    BOOST_REQUIRE(waitNoCard(slot0));
    EventLog log;
    ReaderManager::Options options;
    options.usePnpNotification = pnp;
    ReaderManager manager(log.callback(), options);
    manager.start();
    BOOST_REQUIRE(waitFor([&] { return manager.snapshot().scanned; }, 3000));
    BOOST_TEST(log.has(ReaderEventKind::ReaderAdded, slot0));
    BOOST_TEST(log.has(ReaderEventKind::ReaderAdded, pcscd.readerName(1)));
    BOOST_TEST(!log.has(ReaderEventKind::CardInserted));
    BOOST_TEST(manager.snapshot().serviceRunning);
    BOOST_TEST_MESSAGE("PnP notification: " << manager.snapshot().pnpNotification);
    if (pnp) {
        BOOST_TEST(manager.snapshot().pnpNotification);
    }

    VpcdCard card(pcscd.vpcdPort(0), echoCard);
    auto t0 = Clock::now();
    BOOST_REQUIRE(card.insert());
    BOOST_REQUIRE(waitFor([&] { return log.has(ReaderEventKind::CardInserted, slot0); }, 1000));
    const auto inserted = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    BOOST_TEST(cardPresent(manager, slot0));
    for (const auto& e : log.copy()) {
        if (e.kind == ReaderEventKind::CardInserted) {
            BOOST_TEST(e.atr == VpcdCard::defaultAtr());
        }
    }
    const auto snap = manager.snapshot();
    for (const auto& r : snap.readers) {
        if (r.name == slot0) {
            BOOST_TEST(r.atr == VpcdCard::defaultAtr());
        }
    }

    t0 = Clock::now();
    card.remove();
    BOOST_REQUIRE(waitFor([&] { return log.has(ReaderEventKind::CardRemoved, slot0); }, 1000));
    const auto removed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    BOOST_TEST(!cardPresent(manager, slot0));
    BOOST_TEST_MESSAGE((pnp ? "PnP" : "polling")
                       << ": card inserted seen after " << inserted << " ms, removed after " << removed << " ms");
    BOOST_TEST(log.count(ReaderEventKind::CardInserted) == 1u);
    BOOST_TEST(log.count(ReaderEventKind::CardRemoved) == 1u);

    t0 = Clock::now();
    manager.stop();
    const auto stopped = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    BOOST_TEST_MESSAGE("stop() took " << stopped << " ms");
    BOOST_TEST(stopped < 500);
}

BOOST_AUTO_TEST_CASE(manager_sees_card_insert_and_remove_with_pnp)
{
    checkInsertRemove(true);
}

BOOST_AUTO_TEST_CASE(manager_sees_card_insert_and_remove_when_polling)
{
    checkInsertRemove(false);
}

BOOST_AUTO_TEST_CASE(manager_reports_a_card_already_there_and_stops_promptly)
{
    Pcscd& pcscd = Pcscd::instance();
    VpcdCard card(pcscd.vpcdPort(1), echoCard);
    BOOST_REQUIRE(card.insert());
    BOOST_REQUIRE(waitFor([&] { return openCard(pcscd.readerName(1)).has_value(); }, 3000));
    for (int i = 0; i < 5; ++i) {
        EventLog log;
        ReaderManager manager(log.callback());
        manager.start();
        BOOST_REQUIRE(waitFor([&] { return log.has(ReaderEventKind::CardInserted, pcscd.readerName(1)); }, 2000));
        // Stop while the watcher waits in SCardGetStatusChange (no timeout with PnP).
        std::this_thread::sleep_for(std::chrono::milliseconds(i * 7));
        const auto t0 = Clock::now();
        manager.stop();
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
        BOOST_TEST(ms < 300);
        BOOST_TEST(!manager.running());
        if (i == 0) {
            BOOST_TEST_MESSAGE("stop() while waiting took " << ms << " ms");
        }
    }
    // Stop right after start (the watcher may be anywhere).
    for (int i = 0; i < 5; ++i) {
        ReaderManager manager([](const ReaderEvent&) {});
        manager.start();
        const auto t0 = Clock::now();
        manager.stop();
        BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count() < 300);
    }
}

BOOST_AUTO_TEST_CASE(service_stopped_and_started_again)
{
    Pcscd& pcscd = Pcscd::instance();
    if (!pcscd.ownsDaemon()) {
        BOOST_TEST_MESSAGE("SKIPPED: pcscd was already running when the tests started; the test of service loss "
                           "needs a daemon of its own (stop the other pcscd to run it)");
        return;
    }
    const std::string slot0 = pcscd.readerName(0);
    VpcdCard card(pcscd.vpcdPort(0), echoCard);
    BOOST_REQUIRE(card.insert());
    auto channel = connectWhenReady(slot0);
    BOOST_REQUIRE(channel.has_value());

    EventLog log;
    ReaderManager manager(log.callback());
    manager.start();
    BOOST_REQUIRE(waitFor([&] { return log.has(ReaderEventKind::CardInserted, slot0); }, 2000));
    log.clear();

    auto t0 = Clock::now();
    BOOST_REQUIRE(pcscd.stop());
    BOOST_REQUIRE(waitFor([&] { return log.has(ReaderEventKind::ServiceStopped); }, 3000));
    BOOST_TEST_MESSAGE("ServiceStopped after "
                       << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count() << " ms");
    BOOST_TEST(log.has(ReaderEventKind::CardRemoved, slot0));
    BOOST_TEST(log.has(ReaderEventKind::ReaderRemoved, slot0));
    BOOST_TEST(!manager.snapshot().serviceRunning);
    BOOST_TEST(manager.snapshot().readers.empty());

    auto fresh = PcscContext::establish();
    BOOST_REQUIRE(!fresh.has_value());
    BOOST_TEST(fresh.error().code == ErrorCode::ServiceUnavailable);
    BOOST_TEST(fresh.error().message.find("pcscd") != std::string::npos);
    auto r = (*channel)->transmit(Bytes{0x00, 0xB0, 0x00, 0x00, 0x04});
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST_MESSAGE("transmit on the old connection: " << r.error().message);
    BOOST_TEST(r.error().code == ErrorCode::ServiceUnavailable);
    auto opened = openCard("");
    BOOST_REQUIRE(!opened.has_value());
    BOOST_TEST(opened.error().code == ErrorCode::ServiceUnavailable);
    channel->reset();

    // A manager started while the service is down says so first.
    EventLog log2;
    ReaderManager late(log2.callback());
    late.start();
    BOOST_REQUIRE(waitFor([&] { return late.snapshot().scanned; }, 2000));
    BOOST_TEST(!late.snapshot().serviceRunning);
    {
        const auto events = log2.copy();
        BOOST_REQUIRE(events.size() == 1u);
        BOOST_TEST((events[0].kind == ReaderEventKind::ServiceStopped));
    }

    t0 = Clock::now();
    BOOST_REQUIRE(pcscd.start());
    BOOST_REQUIRE(waitFor([&] { return log.has(ReaderEventKind::ServiceStarted); }, 3000));
    BOOST_REQUIRE(waitFor([&] { return log.has(ReaderEventKind::ReaderAdded, slot0); }, 3000));
    BOOST_TEST_MESSAGE("ServiceStarted after "
                       << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count()
                       << " ms from start()");
    BOOST_TEST(manager.snapshot().serviceRunning);
    BOOST_REQUIRE(waitFor([&] { return log2.has(ReaderEventKind::ReaderAdded, slot0); }, 3000));
    BOOST_TEST(log2.has(ReaderEventKind::ServiceStarted));
    late.stop();
    // The emulator lost its connection with the old daemon: put the card back.
    card.remove();
    BOOST_REQUIRE(card.insert());
    BOOST_REQUIRE(waitFor([&] { return log.has(ReaderEventKind::CardInserted, slot0); }, 3000));
    auto again = connectWhenReady(slot0);
    BOOST_REQUIRE(again.has_value());
    BOOST_TEST((*again)->transmit(Bytes{0x00, 0xB0, 0x00, 0x00, 0x04}).has_value());
}

BOOST_AUTO_TEST_CASE(no_reader_connected)
{
    Pcscd& pcscd = Pcscd::instance();
    if (!pcscd.ownsDaemon()) {
        BOOST_TEST_MESSAGE("SKIPPED: pcscd was already running; the test without readers needs a daemon of its own");
        return;
    }
    da06::test::TempDir noReaders; // a reader.conf.d without the vpcd driver
    BOOST_REQUIRE(pcscd.stop());
    {
        da06::test::Child daemon("/usr/sbin/pcscd", {"-f", "-c", noReaders.path().string()});
        BOOST_REQUIRE(waitFor([] { return PcscContext::establish().has_value(); }, 5000));
        auto context = PcscContext::establish();
        BOOST_REQUIRE(context.has_value());
        auto readers = context->listReaders();
        BOOST_REQUIRE(readers.has_value()); // no reader is an empty list, not an error
        BOOST_TEST(readers->empty());

        auto c = openCard("");
        BOOST_REQUIRE(!c.has_value());
        BOOST_TEST(c.error().code == ErrorCode::NoReader);
        c = openCard(pcscd.readerName(0));
        BOOST_REQUIRE(!c.has_value());
        BOOST_TEST(c.error().code == ErrorCode::NoReader);
        c = PcscCardChannel::connect(pcscd.readerName(0));
        BOOST_REQUIRE(!c.has_value());
        BOOST_TEST(c.error().code == ErrorCode::NoReader);

        for (bool pnp : {true, false}) {
            EventLog log;
            ReaderManager::Options options;
            options.usePnpNotification = pnp;
            ReaderManager manager(log.callback(), options);
            manager.start();
            BOOST_REQUIRE(waitFor([&] { return manager.snapshot().scanned; }, 2000));
            const auto snap = manager.snapshot();
            BOOST_TEST(snap.serviceRunning);
            BOOST_TEST(snap.readers.empty());
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            BOOST_TEST(log.copy().empty());
            const auto t0 = Clock::now();
            manager.stop();
            BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count() < 1100);
        }
        ::kill(daemon.pid(), SIGTERM);
        daemon.wait();
    }
    BOOST_REQUIRE(pcscd.start());
}

BOOST_AUTO_TEST_SUITE_END()
