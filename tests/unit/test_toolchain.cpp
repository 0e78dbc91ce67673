// Every library of the design card links and answers with its version: the dependency set is
// settled once, here, before the features that use each one.
#include <boost/test/unit_test.hpp>

#include <PCSC/winscard.h>
#include <Poco/Environment.h>
#include <Poco/JSON/Parser.h>
#include <ZXing/BarcodeFormat.h>
#include <ZXing/ZXVersion.h>
#include <cairo.h>
#include <curl/curl.h>
#include <eac/eac.h>
#include <libpq-fe.h>
#include <openjpeg.h>
#include <openssl/crypto.h>
#include <pango/pango.h>
#include <sqlcipher/sqlite3.h>
#include <utf8proc.h>
#include <wx/version.h>
#include <xlsxwriter.h>

BOOST_AUTO_TEST_SUITE(toolchain)

BOOST_AUTO_TEST_CASE(libraries_of_the_design_card)
{
    BOOST_TEST_MESSAGE("SQLCipher/SQLite " << sqlite3_libversion());
    BOOST_TEST(std::string(sqlite3_libversion()).rfind("3.", 0) == 0);
    BOOST_TEST_MESSAGE("libcurl " << curl_version_info(CURLVERSION_NOW)->version);
    BOOST_TEST(curl_version_info(CURLVERSION_NOW)->features & CURL_VERSION_SSL);
    BOOST_TEST_MESSAGE("Poco " << std::hex << Poco::Environment::libraryVersion() << std::dec);
    BOOST_TEST(Poco::Environment::libraryVersion() >= 0x01090000u);
    Poco::JSON::Parser parser;
    BOOST_TEST(parser.parse("{\"a\":1}").extract<Poco::JSON::Object::Ptr>()->getValue<int>("a") == 1);
    BOOST_TEST_MESSAGE("OpenJPEG " << opj_version());
    BOOST_TEST_MESSAGE("cairo " << cairo_version_string() << ", pango " << pango_version_string());
    BOOST_TEST_MESSAGE("libxlsxwriter " << lxw_version());
    BOOST_TEST_MESSAGE("libpq " << PQlibVersion());
    BOOST_TEST(PQlibVersion() > 0);
    BOOST_TEST_MESSAGE("OpenSSL " << OpenSSL_version(OPENSSL_VERSION));
    BOOST_TEST_MESSAGE("utf8proc " << utf8proc_version());
    BOOST_TEST_MESSAGE("wxWidgets " << wxMAJOR_VERSION << "." << wxMINOR_VERSION << "." << wxRELEASE_NUMBER);
    BOOST_TEST(wxCHECK_VERSION(3, 2, 0));
    BOOST_TEST_MESSAGE("ZXing-cpp " << ZXING_VERSION_MAJOR << "." << ZXING_VERSION_MINOR);
    BOOST_TEST(ZXING_VERSION_MAJOR >= 1);
    // OpenPACE initializes; PC/SC answers (with or without pcscd running).
    EAC_init();
    EAC_cleanup();
    SCARDCONTEXT ctx = 0;
    const LONG rc = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx);
    BOOST_TEST_MESSAGE("PC/SC SCardEstablishContext: " << pcsc_stringify_error(rc));
    if (rc == SCARD_S_SUCCESS) {
        SCardReleaseContext(ctx);
    }
}

BOOST_AUTO_TEST_SUITE_END()
