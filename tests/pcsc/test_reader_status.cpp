// ReaderStatus: the status-bar text and the messages for failed chip readings (headless).
#include <boost/test/unit_test.hpp>

#include <set>

#include "client/presenters/ReaderStatus.h"
#include "client/presenters/Translate.h"
#include "tests/support/TestSupport.h"

namespace da06::ui {
inline std::ostream& operator<<(std::ostream& os, ReaderSeverity s)
{
    return os << static_cast<int>(s);
}
} // namespace da06::ui

using namespace da06;
using namespace da06::ui;

namespace {

std::string bracketed(const char* msgid)
{
    return std::string("[") + msgid + "]";
}

struct BracketTranslator {
    BracketTranslator() { setTranslator(&bracketed); }
    ~BracketTranslator() { setTranslator(nullptr); }
};

bool contains(const std::string& s, const std::string& part)
{
    return s.find(part) != std::string::npos;
}

} // namespace

BOOST_AUTO_TEST_SUITE(reader_status)

BOOST_AUTO_TEST_CASE(status_bar_texts)
{
    ReaderStatusInput input;
    input.readers = {};
    auto s = readerStatusBar(input);
    BOOST_TEST(s.text == "Reader: none");
    BOOST_TEST(s.severity == ReaderSeverity::Warning);

    input.readers = {{"ACS ACR1252 1S CL Reader PICC 0", false}};
    s = readerStatusBar(input);
    BOOST_TEST(s.text == "Reader: ACS ACR1252 1S CL Reader PICC 0 \u2014 no card");
    BOOST_TEST(s.severity == ReaderSeverity::Info);

    input.readers[0].cardPresent = true;
    s = readerStatusBar(input);
    BOOST_TEST(s.text == "Reader: ACS ACR1252 1S CL Reader PICC 0 \u2014 card present");
    BOOST_TEST(s.severity == ReaderSeverity::Ok);

    input.serviceRunning = false;
    s = readerStatusBar(input);
    BOOST_TEST(s.text == "Smart card service not running");
    BOOST_TEST(s.severity == ReaderSeverity::Error);

    input = ReaderStatusInput{};
    input.scanned = false;
    BOOST_TEST(readerStatusBar(input).text == "Reader: looking...");
}

BOOST_AUTO_TEST_CASE(status_bar_with_several_readers)
{
    ReaderStatusInput input;
    input.readers = {{"Contact Reader", false}, {"Contactless Reader", true}, {"Third", false}};
    // The reader holding a card is shown, the others counted.
    auto s = readerStatusBar(input);
    BOOST_TEST(s.text == "Reader: Contactless Reader \u2014 card present (+2 more)");
    // The reader chosen in the settings wins when it is connected.
    s = readerStatusBar(input, "Third");
    BOOST_TEST(s.text == "Reader: Third \u2014 no card (+2 more)");
    // A preferred reader that is not connected is ignored.
    s = readerStatusBar(input, "Unplugged");
    BOOST_TEST(s.text == "Reader: Contactless Reader \u2014 card present (+2 more)");
    // No card anywhere: the first reader.
    input.readers[1].cardPresent = false;
    BOOST_TEST(readerStatusBar(input).text == "Reader: Contact Reader \u2014 no card (+2 more)");
}

BOOST_AUTO_TEST_CASE(messages_a_clerk_can_follow)
{
    const auto service = readerErrorMessage(ErrorCode::ServiceUnavailable);
    BOOST_TEST(service.severity == ReaderSeverity::Error);
    BOOST_TEST(contains(service.advice, "Windows"));
    BOOST_TEST(contains(service.advice, "Smart Card"));
    BOOST_TEST(contains(service.advice, "Linux"));
    BOOST_TEST(contains(service.advice, "systemctl enable --now pcscd"));

    const auto noReader = readerErrorMessage(ErrorCode::NoReader);
    BOOST_TEST(contains(noReader.advice, "Plug the card reader"));
    BOOST_TEST(contains(noReader.advice, "driver"));

    const auto noCard = readerErrorMessage(ErrorCode::NoCard);
    BOOST_TEST(contains(noCard.advice, "flat on the reader"));

    const auto removed = readerErrorMessage(Error{ErrorCode::CardRemoved, "whatever the layer said"});
    BOOST_TEST(contains(removed.advice, "Put the card back"));
    BOOST_TEST(contains(removed.advice, "keep it still"));
    BOOST_TEST(!removed.retrying);

    const auto reset = readerErrorMessage(ErrorCode::CardReset);
    BOOST_TEST(reset.retrying);
    BOOST_TEST(contains(reset.advice, "Retrying"));

    const auto notId = readerErrorMessage(ErrorCode::NotIdentityCard);
    BOOST_TEST(contains(notId.title, "not an identity card"));

    const auto key = readerErrorMessage(ErrorCode::AccessDenied);
    BOOST_TEST(contains(key.advice, "12-digit"));
    BOOST_TEST(contains(key.advice, "MRZ"));

    // Each situation has its own title; an unexpected code still gets a sentence.
    std::set<std::string> titles;
    for (ErrorCode c : {ErrorCode::ServiceUnavailable, ErrorCode::NoReader, ErrorCode::NoCard, ErrorCode::CardRemoved,
                        ErrorCode::CardReset, ErrorCode::NotIdentityCard, ErrorCode::AccessDenied,
                        ErrorCode::AuthenticationFailed, ErrorCode::Cancelled, ErrorCode::Timeout}) {
        const auto m = readerErrorMessage(c);
        BOOST_TEST(!m.title.empty());
        BOOST_TEST(!m.advice.empty());
        titles.insert(m.title);
    }
    BOOST_TEST(titles.size() == 10u);
    const auto other = readerErrorMessage(ErrorCode::Internal);
    BOOST_TEST(!other.title.empty());
    BOOST_TEST(titles.count(other.title) == 0u);
}

BOOST_AUTO_TEST_CASE(every_text_goes_through_the_translator)
{
    BracketTranslator translator;
    ReaderStatusInput input;
    input.readers = {{"R", true}};
    BOOST_TEST(readerStatusBar(input).text == "[Reader: R] \u2014 [card present]");
    input.readers[0].cardPresent = false;
    input.readers.push_back({"S", false});
    // format1 fills the slot of the translated pattern.
    BOOST_TEST(readerStatusBar(input).text == "[Reader: R] \u2014 [no card] [(+1 more)]");
    input.readers.clear();
    BOOST_TEST(readerStatusBar(input).text == "[Reader: none]");
    for (ErrorCode c : {ErrorCode::ServiceUnavailable, ErrorCode::NoReader, ErrorCode::NoCard, ErrorCode::CardRemoved,
                        ErrorCode::CardReset, ErrorCode::NotIdentityCard, ErrorCode::AccessDenied, ErrorCode::Io}) {
        const auto m = readerErrorMessage(c);
        BOOST_TEST(m.title.front() == '[');
        BOOST_TEST(m.title.back() == ']');
        BOOST_TEST(m.advice.front() == '[');
        BOOST_TEST(m.advice.back() == ']');
    }
}

BOOST_AUTO_TEST_SUITE_END()
