#pragma once
// A virtual CCCD (tests/vcard) on vpcd slot 0 for end-to-end tests (`da06 idcheck chip`, the front desk): a test
// PKI and a card image of one person made by da06_vcard_make, the PKI's CSCA in a trust folder, and
// da06_vcard playing the card into the real pcscd (tests/pcsc/PcscdFixture). Tests using it need
// RESOURCE_LOCK vpcd.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/pcsc/PcscdFixture.h"
#include "tests/support/TestSupport.h"

namespace da06::test {

struct VirtualCccd {
    TempDir dir;
    std::filesystem::path card;
    std::filesystem::path trust; // holds the CSCA of the test PKI
    std::unique_ptr<Child> emulator;

    static std::filesystem::path bin() { return std::filesystem::path(DA06_BINARY_DIR) / "bin"; }

    // makeArgs: more options of da06_vcard_make (e.g. {"--tamper", "DG13"}).
    explicit VirtualCccd(int person = 1, const std::vector<std::string>& makeArgs = {})
    {
        Pcscd::instance();
        BOOST_REQUIRE(runProgram(bin() / "da06_vcard_make", {"--make-pki", (dir / "pki").string()}).exitCode == 0);
        card = dir / "card";
        std::vector<std::string> args{"--pki",    (dir / "pki").string(), "--out", card.string(),
                                      "--person", std::to_string(person)};
        args.insert(args.end(), makeArgs.begin(), makeArgs.end());
        const auto made = runProgram(bin() / "da06_vcard_make", args);
        BOOST_REQUIRE_MESSAGE(made.exitCode == 0, made.err);
        trust = dir / "trust";
        std::filesystem::create_directories(trust);
        std::filesystem::copy_file(dir / "pki" / "csca.pem", trust / "csca.pem");
    }

    // Puts the card on the reader; cardArgs: fault options of da06_vcard (e.g. {"--max-le", "160"}).
    void insert(const std::vector<std::string>& cardArgs = {})
    {
        const int port = Pcscd::instance().vpcdPort(0);
        std::vector<std::string> args{"--card", card.string(), "--port", std::to_string(port)};
        args.insert(args.end(), cardArgs.begin(), cardArgs.end());
        // After a card left in the middle of a transaction, vpcd may take a while to accept the
        // next connection: a card that does not show up is plugged in again.
        for (int attempt = 0; attempt < 3; ++attempt) {
            emulator = std::make_unique<Child>(bin() / "da06_vcard", args);
            BOOST_REQUIRE(emulator->waitForLine("da06_vcard ready on port " + std::to_string(port), 15000));
            if (waitForCard(Pcscd::instance().readerName(0), true, 3000)) {
                return;
            }
            emulator.reset();
            std::this_thread::sleep_for(std::chrono::seconds(1));
        }
        BOOST_FAIL("the virtual card did not appear on the reader");
    }

    ~VirtualCccd()
    {
        if (emulator) {
            emulator.reset(); // SIGKILL: the card leaves the reader
            waitForCard(Pcscd::instance().readerName(0), false, 5000);
        }
    }
};

} // namespace da06::test
