// da06_vcard_make: the card folder it writes is what ICAO 9303 asks for, checked here with OpenSSL
// and OpenJPEG directly (independently of the maker's own code).
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <fstream>
#include <map>

#include <openjpeg.h>
#include <openssl/cms.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include "tests/support/TestSupport.h"
#include "tests/vcard/Bytes.h"

using namespace da06;
using namespace da06::vcard;
using da06::test::TempDir;
namespace fs = std::filesystem;

namespace {

fs::path maker()
{
    return test::binaryDir() / "bin" / "da06_vcard_make";
}

Bytes readBytes(const fs::path& p)
{
    std::string s = test::readFile(p);
    return Bytes(s.begin(), s.end());
}

int checkDigit(const std::string& s)
{
    const int w[3] = {7, 3, 1};
    int sum = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        int v = (c >= '0' && c <= '9') ? c - '0' : (c >= 'A' && c <= 'Z') ? c - 'A' + 10 : 0;
        sum += v * w[i % 3];
    }
    return sum % 10;
}

// The eContent of EF.SOD after CMS_verify against the CSCA; empty when verification fails.
Bytes verifiedSodContent(const fs::path& sodFile, const fs::path& cscaFile, std::string& eContentType)
{
    Bytes sod = readBytes(sodFile);
    auto outer = readTlv(sod);
    BOOST_REQUIRE(outer && outer->tag == 0x77);
    const unsigned char* p = outer->value.data();
    CMS_ContentInfo* cms = d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(outer->value.size()));
    BOOST_REQUIRE(cms != nullptr);
    char oid[80] = {};
    OBJ_obj2txt(oid, sizeof oid, CMS_get0_eContentType(cms), 1);
    eContentType = oid;
    X509_STORE* store = X509_STORE_new();
    FILE* f = std::fopen(cscaFile.c_str(), "rb");
    BOOST_REQUIRE(f != nullptr);
    X509* csca = PEM_read_X509(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    BOOST_REQUIRE(csca != nullptr);
    X509_STORE_add_cert(store, csca);
    BIO* out = BIO_new(BIO_s_mem());
    int ok = CMS_verify(cms, nullptr, store, nullptr, out, CMS_BINARY);
    Bytes content;
    if (ok == 1) {
        char* data = nullptr;
        long n = BIO_get_mem_data(out, &data);
        content.assign(data, data + n);
    }
    BIO_free(out);
    X509_free(csca);
    X509_STORE_free(store);
    CMS_ContentInfo_free(cms);
    return content;
}

// LDSSecurityObject: SEQUENCE { INTEGER, AlgorithmIdentifier, SEQUENCE OF SEQUENCE { INTEGER dg, OCTET STRING } }
std::map<int, Bytes> dataGroupHashes(const Bytes& lds)
{
    std::map<int, Bytes> out;
    auto seq = readTlv(lds);
    BOOST_REQUIRE(seq && seq->tag == 0x30);
    auto items = readTlvList(seq->value);
    BOOST_REQUIRE(items && items->size() == 3);
    auto alg = readTlvList((*items)[1].value);
    BOOST_REQUIRE(alg && !alg->empty());
    BOOST_CHECK(toHex((*alg)[0].value) == "608648016503040201"); // SHA-256
    auto hashes = readTlvList((*items)[2].value);
    BOOST_REQUIRE(hashes);
    for (const auto& h : *hashes) {
        auto pair = readTlvList(h.value);
        BOOST_REQUIRE(pair && pair->size() == 2);
        out[(*pair)[0].value.at(0)] = (*pair)[1].value;
    }
    return out;
}

Bytes sha256Of(const Bytes& b)
{
    Bytes h(SHA256_DIGEST_LENGTH);
    SHA256(b.data(), b.size(), h.data());
    return h;
}

std::vector<int> mismatchedGroups(const fs::path& card, const std::map<int, Bytes>& hashes)
{
    std::vector<int> bad;
    for (const auto& [dg, hash] : hashes) {
        if (sha256Of(readBytes(card / ("dg" + std::to_string(dg) + ".bin"))) != hash) {
            bad.push_back(dg);
        }
    }
    return bad;
}

struct CodecFree {
    void operator()(opj_codec_t* p) const { opj_destroy_codec(p); }
};

} // namespace

BOOST_AUTO_TEST_CASE(vcard_make_writes_a_card_whose_sod_verifies_with_the_csca)
{
    TempDir tmp;
    auto r = test::runProgram(maker(), {"--make-pki", (tmp / "pki").string(), "--out", (tmp / "card").string()});
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    for (const char* f : {"csca.pem", "ds.pem", "ds.key"}) {
        BOOST_TEST(fs::exists(tmp / "pki" / f), f);
    }
    for (const char* f : {"com.bin", "cardaccess.bin", "dg1.bin", "dg2.bin", "dg13.bin", "dg14.bin", "dg15.bin",
                          "sod.bin", "ca-key.pem", "aa-key.pem"}) {
        BOOST_TEST(fs::exists(tmp / "card" / f), f);
    }
    std::string type;
    Bytes lds = verifiedSodContent(tmp / "card" / "sod.bin", tmp / "pki" / "csca.pem", type);
    BOOST_TEST_REQUIRE(!lds.empty(), "EF.SOD does not verify with csca.pem");
    BOOST_TEST(type == "2.23.136.1.1.1");
    auto hashes = dataGroupHashes(lds);
    BOOST_TEST(hashes.size() == 5u);
    for (int dg : {1, 2, 13, 14, 15}) {
        BOOST_TEST(hashes.contains(dg), "DG" << dg << " has no hash");
    }
    BOOST_TEST(mismatchedGroups(tmp / "card", hashes).empty());

    // A CSCA of another PKI does not verify it.
    TempDir other;
    BOOST_TEST_REQUIRE(test::runProgram(maker(), {"--make-pki", (other / "pki").string()}).exitCode == 0);
    BOOST_TEST(verifiedSodContent(tmp / "card" / "sod.bin", other / "pki" / "csca.pem", type).empty());
}

BOOST_AUTO_TEST_CASE(vcard_make_tamper_breaks_exactly_one_hash)
{
    TempDir tmp;
    BOOST_TEST_REQUIRE(test::runProgram(maker(), {"--make-pki", (tmp / "pki").string()}).exitCode == 0);
    for (const char* dg : {"DG13", "DG1", "DG2"}) {
        fs::path card = tmp / (std::string("card-") + dg);
        auto r = test::runProgram(
            maker(), {"--pki", (tmp / "pki").string(), "--out", card.string(), "--person", "2", "--tamper", dg});
        BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
        std::string type;
        Bytes lds = verifiedSodContent(card / "sod.bin", tmp / "pki" / "csca.pem", type);
        BOOST_TEST_REQUIRE(!lds.empty(), "the signature itself must still verify");
        auto bad = mismatchedGroups(card, dataGroupHashes(lds));
        BOOST_TEST_REQUIRE(bad.size() == 1u, dg);
        BOOST_TEST(("DG" + std::to_string(bad[0])) == std::string(dg));
    }
}

BOOST_AUTO_TEST_CASE(vcard_make_dg1_mrz_and_dg13_fields)
{
    TempDir tmp;
    auto r = test::runProgram(maker(), {"--out", (tmp / "card").string(), "--person", "1"});
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    BOOST_TEST(fs::exists(tmp / "card" / "pki" / "csca.pem")); // a PKI of its own when none is given
    Bytes dg1 = readBytes(tmp / "card" / "dg1.bin");
    auto outer = readTlv(dg1);
    BOOST_REQUIRE(outer && outer->tag == 0x61);
    auto mrzTlv = readTlv(outer->value);
    BOOST_REQUIRE(mrzTlv && mrzTlv->tag == 0x5F1F);
    std::string mrz(mrzTlv->value.begin(), mrzTlv->value.end());
    BOOST_TEST_REQUIRE(mrz.size() == 90u);
    std::string l1 = mrz.substr(0, 30), l2 = mrz.substr(30, 30), l3 = mrz.substr(60, 30);
    // Đặng Quốc Bảo, 072201003358, born 22/08/2001, male, expires 22/08/2026.
    BOOST_TEST(l1.substr(0, 5) == "IDVNM");
    BOOST_TEST(l1.substr(5, 9) == "201003358");
    BOOST_TEST(l1[14] - '0' == checkDigit("201003358"));
    BOOST_TEST(l1.substr(15, 12) == "072201003358");
    BOOST_TEST(l2.substr(0, 6) == "010822");
    BOOST_TEST(l2[6] - '0' == checkDigit("010822"));
    BOOST_TEST(l2[7] == 'M');
    BOOST_TEST(l2.substr(8, 6) == "260822");
    BOOST_TEST(l2[14] - '0' == checkDigit("260822"));
    BOOST_TEST(l2.substr(15, 3) == "VNM");
    BOOST_TEST(l2[29] - '0' == checkDigit(l1.substr(5) + l2.substr(0, 7) + l2.substr(8, 7) + l2.substr(18, 11)));
    BOOST_TEST(l3 == "DANG<<QUOC<BAO<<<<<<<<<<<<<<<<");

    Bytes dg13 = readBytes(tmp / "card" / "dg13.bin");
    BOOST_TEST(dg13.at(0) == 0x6D);
    std::string text(dg13.begin(), dg13.end());
    BOOST_TEST(text.find("Đặng Quốc Bảo") != std::string::npos);
    BOOST_TEST(text.find("072201003358") != std::string::npos);
    BOOST_TEST(text.find("22/08/2001") != std::string::npos);
    BOOST_TEST(text.find("Đặng Văn Lợi") != std::string::npos); // father, inside field 13
}

BOOST_AUTO_TEST_CASE(vcard_make_face_is_a_jpeg2000_of_15_to_20_kb_that_decodes)
{
    TempDir tmp;
    auto r = test::runProgram(maker(), {"--out", (tmp / "card").string(), "--person", "3"});
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    Bytes dg2 = readBytes(tmp / "card" / "dg2.bin");
    BOOST_TEST(dg2.at(0) == 0x75);
    const Bytes jp2Signature = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A};
    auto at = std::search(dg2.begin(), dg2.end(), jp2Signature.begin(), jp2Signature.end());
    BOOST_TEST_REQUIRE((at != dg2.end()), "no JP2 file inside DG2");
    Bytes jp2(at, dg2.end());
    BOOST_TEST(jp2.size() >= 15u * 1024);
    BOOST_TEST(jp2.size() <= 20u * 1024);
    BOOST_TEST(std::string(dg2.begin(), dg2.end())
                   .find(std::string("FAC\0"
                                     "010\0",
                                     8)) != std::string::npos);

    fs::path file = tmp / "face.jp2";
    test::writeFile(file, std::string(jp2.begin(), jp2.end()));
    std::unique_ptr<opj_codec_t, CodecFree> codec(opj_create_decompress(OPJ_CODEC_JP2));
    opj_dparameters_t params;
    opj_set_default_decoder_parameters(&params);
    BOOST_REQUIRE(opj_setup_decoder(codec.get(), &params));
    opj_stream_t* stream = opj_stream_create_default_file_stream(file.c_str(), OPJ_TRUE);
    BOOST_REQUIRE(stream != nullptr);
    opj_image_t* image = nullptr;
    bool ok = opj_read_header(stream, codec.get(), &image) && opj_decode(codec.get(), stream, image) &&
              opj_end_decompress(codec.get(), stream);
    BOOST_TEST(ok);
    BOOST_REQUIRE(image != nullptr);
    BOOST_TEST(image->numcomps == 3u);
    BOOST_TEST(image->x1 - image->x0 == 240u);
    BOOST_TEST(image->y1 - image->y0 == 320u);
    // Drawn, not noise: the middle of the face is skin (red above blue), the corner is background.
    auto px = [&](int c, unsigned x, unsigned y) { return image->comps[c].data[y * image->comps[c].w + x]; };
    BOOST_TEST(px(0, 120, 160) > px(2, 120, 160) + 30);
    BOOST_TEST(px(2, 5, 5) > 200);
    opj_image_destroy(image);
    opj_stream_destroy(stream);
}

BOOST_AUTO_TEST_CASE(vcard_make_refuses_bad_input_and_writes_nothing)
{
    TempDir tmp;
    fs::path out = tmp / "card";
    auto shortId = test::runProgram(maker(), {"--out", out.string(), "--id", "07219000421"});
    BOOST_TEST(shortId.exitCode == 5);
    BOOST_TEST(shortId.err.find("12 digits") != std::string::npos, shortId.err);
    // 072190… says a woman born in 1990; a man's sex does not match.
    auto sex = test::runProgram(maker(), {"--out", out.string(), "--sex", "Nam"});
    BOOST_TEST(sex.exitCode == 5);
    BOOST_TEST(sex.err.find("sex") != std::string::npos, sex.err);
    auto year = test::runProgram(maker(), {"--out", out.string(), "--dob", "14/03/1991"});
    BOOST_TEST(year.exitCode == 5);
    auto date = test::runProgram(maker(), {"--out", out.string(), "--issued", "31/02/2021"});
    BOOST_TEST(date.exitCode == 5);
    BOOST_TEST(!fs::exists(out));

    test::writeFile(tmp / "person.json", "{\"id\": 72190004217}");
    auto json = test::runProgram(maker(), {"--out", out.string(), "--json", (tmp / "person.json").string()});
    BOOST_TEST(json.exitCode == 5);
    BOOST_TEST(json.err.find("\"id\" must be a string") != std::string::npos, json.err);
    test::writeFile(tmp / "broken.json", "{\"id\": ");
    BOOST_TEST(test::runProgram(maker(), {"--out", out.string(), "--json", (tmp / "broken.json").string()}).exitCode ==
               5);
    BOOST_TEST(!fs::exists(out));

    auto noPki = test::runProgram(maker(), {"--out", out.string(), "--pki", (tmp / "nothing").string()});
    BOOST_TEST(noPki.exitCode != 0);
    BOOST_TEST(noPki.err.find("--make-pki") != std::string::npos, noPki.err);
    BOOST_TEST(test::runProgram(maker(), {"--out", out.string(), "--tamper", "DG7"}).exitCode == 2);
    BOOST_TEST(test::runProgram(maker(), {"--bogus", "1"}).exitCode == 2);
}

BOOST_AUTO_TEST_CASE(vcard_make_reads_a_json_person)
{
    TempDir tmp;
    test::writeFile(
        tmp / "person.json",
        "{\"id\": \"072303001234\", \"name\": \"Lê Thị Thu Hằng\", \"dob\": \"05/06/2003\", \"sex\": \"Nữ\","
        " \"origin\": \"Tây Ninh\", \"residence\": \"Gò Dầu, Tây Ninh\", \"features\": \"Không\","
        " \"issued\": \"01/07/2024\", \"expires\": \"05/06/2028\", \"father\": \"Lê Văn Tâm\","
        " \"mother\": \"Phan Thị Mai\"}");
    auto r = test::runProgram(maker(), {"--out", (tmp / "card").string(), "--json", (tmp / "person.json").string()});
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    std::string dg13 = test::readFile(tmp / "card" / "dg13.bin");
    BOOST_TEST(dg13.find("Lê Thị Thu Hằng") != std::string::npos);
    std::string dg1 = test::readFile(tmp / "card" / "dg1.bin");
    BOOST_TEST(dg1.find("LE<<THI<THU<HANG") != std::string::npos);
    BOOST_TEST(dg1.find("IDVNM303001234") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(vcard_refuses_bad_options_and_card_folders)
{
    fs::path vcard = test::binaryDir() / "bin" / "da06_vcard";
    TempDir tmp;
    BOOST_TEST(test::runProgram(vcard, {}).exitCode == 2);
    BOOST_TEST(test::runProgram(vcard, {"--card", tmp.path().string(), "--max-le", "x"}).exitCode == 2);
    BOOST_TEST(test::runProgram(vcard, {"--card", tmp.path().string(), "--select-mf", "6D"}).exitCode == 2);
    BOOST_TEST(test::runProgram(vcard, {"--card", tmp.path().string(), "--can", "12a456"}).exitCode == 2);
    BOOST_TEST(test::runProgram(vcard, {"--card", tmp.path().string(), "--bogus"}).exitCode == 2);
    auto empty = test::runProgram(vcard, {"--card", tmp.path().string()});
    BOOST_TEST(empty.exitCode == 1);
    BOOST_TEST(empty.err.find("has no com.bin") != std::string::npos, empty.err);

    auto made = test::runProgram(maker(), {"--out", (tmp / "card").string()});
    BOOST_TEST_REQUIRE(made.exitCode == 0, made.err);
    // Nobody listens on port 9 of the loopback: a clear message, exit 3, nothing personal.
    auto noDriver =
        test::runProgram(vcard, {"--card", (tmp / "card").string(), "--port", "9", "--connect-timeout", "0"});
    BOOST_TEST(noDriver.exitCode == 3);
    BOOST_TEST(noDriver.err.find("vpcd") != std::string::npos, noDriver.err);
    BOOST_TEST(noDriver.out.empty());
    BOOST_TEST(noDriver.err.find("072190004217") == std::string::npos);
}
