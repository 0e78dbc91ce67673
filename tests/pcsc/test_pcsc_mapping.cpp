// da06::pcsc without a daemon: PC/SC codes to errors, the APDU rewriting for 6Cxx and T=0.
#include <boost/test/unit_test.hpp>

#include "client/readers/pcsc/PcscContext.h"
#include "client/readers/pcsc/PcscPlatform.h"
#include "client/readers/pcsc/ReaderManager.h"
#include "tests/support/TestSupport.h"

using namespace da06;
using namespace da06::pcsc;
using namespace da06::pcsc::detail;
using Bytes = std::vector<std::uint8_t>;

namespace {
ErrorCode codeOf(LONG rc, Stage stage)
{
    return toError(rc, stage, "Reader X").code;
}
} // namespace

BOOST_AUTO_TEST_SUITE(pcsc_mapping)

BOOST_AUTO_TEST_CASE(pcsc_codes_become_errors_a_person_can_act_on)
{
    const auto service = toError(SCARD_E_NO_SERVICE, Stage::Context);
    BOOST_TEST(service.code == ErrorCode::ServiceUnavailable);
    BOOST_TEST(service.message.find("SCardSvr") != std::string::npos);
    BOOST_TEST(service.message.find("systemctl start pcscd") != std::string::npos);
    BOOST_TEST(codeOf(SCARD_E_SERVICE_STOPPED, Stage::Transmit) == ErrorCode::ServiceUnavailable);
    BOOST_TEST(codeOf(SCARD_E_INVALID_HANDLE, Stage::Transmit) == ErrorCode::ServiceUnavailable);

    BOOST_TEST(codeOf(SCARD_E_UNKNOWN_READER, Stage::Connect) == ErrorCode::NoReader);
    BOOST_TEST(codeOf(SCARD_E_READER_UNAVAILABLE, Stage::Transmit) == ErrorCode::NoReader);
    BOOST_TEST(codeOf(SCARD_E_NO_READERS_AVAILABLE, Stage::Readers) == ErrorCode::NoReader);

    // The same code is "no card" when connecting and "card removed" while reading.
    BOOST_TEST(codeOf(SCARD_E_NO_SMARTCARD, Stage::Connect) == ErrorCode::NoCard);
    BOOST_TEST(codeOf(SCARD_E_NO_SMARTCARD, Stage::Transmit) == ErrorCode::CardRemoved);
    BOOST_TEST(codeOf(SCARD_W_REMOVED_CARD, Stage::Transmit) == ErrorCode::CardRemoved);
    BOOST_TEST(codeOf(SCARD_E_NOT_TRANSACTED, Stage::Transmit) == ErrorCode::CardRemoved);
    BOOST_TEST(codeOf(SCARD_W_RESET_CARD, Stage::Transmit) == ErrorCode::CardReset);
    BOOST_TEST(codeOf(SCARD_E_CANCELLED, Stage::Readers) == ErrorCode::Cancelled);
    BOOST_TEST(codeOf(SCARD_E_TIMEOUT, Stage::Readers) == ErrorCode::Timeout);

    const auto other = toError(SCARD_E_INVALID_PARAMETER, Stage::Transmit, "Reader X");
    BOOST_TEST(other.code == ErrorCode::Internal);
    BOOST_TEST(other.message.find("0x80100004") != std::string::npos);
    BOOST_TEST(other.message.find("Reader X") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(le_is_rewritten_for_every_apdu_case)
{
    // case 1 -> case 2
    BOOST_TEST(commandWithLe(Bytes{0x00, 0xB0, 0x00, 0x00}, 0x20) == (Bytes{0x00, 0xB0, 0x00, 0x00, 0x20}));
    // case 2 short
    BOOST_TEST(commandWithLe(Bytes{0x00, 0xB0, 0x00, 0x00, 0x00}, 0x20) == (Bytes{0x00, 0xB0, 0x00, 0x00, 0x20}));
    // case 3 -> case 4, case 4
    BOOST_TEST(commandWithLe(Bytes{0x00, 0x2A, 0, 0, 0x02, 0xAA, 0xBB}, 0x10) ==
               (Bytes{0x00, 0x2A, 0, 0, 0x02, 0xAA, 0xBB, 0x10}));
    BOOST_TEST(commandWithLe(Bytes{0x00, 0x2A, 0, 0, 0x02, 0xAA, 0xBB, 0x00}, 0x10) ==
               (Bytes{0x00, 0x2A, 0, 0, 0x02, 0xAA, 0xBB, 0x10}));
    // extended: case 2E, 3E -> 4E, 4E
    BOOST_TEST(commandWithLe(Bytes{0x00, 0xB0, 0, 0, 0x00, 0x01, 0x00}, 0xE0) ==
               (Bytes{0x00, 0xB0, 0, 0, 0x00, 0x00, 0xE0}));
    BOOST_TEST(commandWithLe(Bytes{0x00, 0x2A, 0, 0, 0x00, 0x00, 0x01, 0xAA}, 0x10) ==
               (Bytes{0x00, 0x2A, 0, 0, 0x00, 0x00, 0x01, 0xAA, 0x00, 0x10}));
    BOOST_TEST(commandWithLe(Bytes{0x00, 0x2A, 0, 0, 0x00, 0x00, 0x01, 0xAA, 0x00, 0x00}, 0x10) ==
               (Bytes{0x00, 0x2A, 0, 0, 0x00, 0x00, 0x01, 0xAA, 0x00, 0x10}));
    // malformed (Lc says 5, 2 bytes follow): not resent
    BOOST_TEST(commandWithLe(Bytes{0x00, 0x2A, 0, 0, 0x05, 0xAA, 0xBB}, 0x10).empty());
}

BOOST_AUTO_TEST_CASE(t0_sends_case_4_without_le)
{
    BOOST_TEST(t0Length(Bytes{0x00, 0x2A, 0, 0, 0x02, 0xAA, 0xBB, 0x00}) == 7u);
    BOOST_TEST(t0Length(Bytes{0x00, 0x2A, 0, 0, 0x02, 0xAA, 0xBB}) == 7u);
    BOOST_TEST(t0Length(Bytes{0x00, 0xB0, 0, 0, 0x10}) == 5u);
    BOOST_TEST(t0Length(Bytes{0x00, 0xB0, 0, 0}) == 4u);
}

BOOST_AUTO_TEST_CASE(a_context_that_is_not_there)
{
    PcscContext none;
    BOOST_TEST(!none.valid());
    auto readers = none.listReaders();
    BOOST_REQUIRE(!readers.has_value());
    BOOST_TEST(readers.error().code == ErrorCode::ServiceUnavailable);
    BOOST_TEST(!none.stillValid());
    none.cancel(); // harmless
    BOOST_TEST(std::string(readerEventKindName(ReaderEventKind::CardInserted)) == "card_inserted");
    BOOST_TEST(std::string(readerEventKindName(ReaderEventKind::ServiceStopped)) == "service_stopped");
}

BOOST_AUTO_TEST_SUITE_END()
