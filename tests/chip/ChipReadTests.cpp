// The read session (client/readers/emrtd) against a CCCD chip modelled in the test (FakeCard):
// PACE and BAC, the fall-back to BAC, wrong keys, the adaptive READ BINARY length, a card removed
// mid-read, a bad MAC, cancellation, passive / chip / active authentication, the photo, progress
// and the JSON form.
#include <boost/test/unit_test.hpp>

#include "client/readers/emrtd/ChipResultJson.h"
#include "client/readers/emrtd/ChipSession.h"
#include "client/readers/emrtd/FaceDecoder.h"
#include "client/readers/emrtd/FileReader.h"
#include "client/readers/emrtd/PassiveAuth.h"
#include "domain/identity/chip/Mrz.h"
#include "tests/chip/ChipTestData.h"
#include "tests/chip/ChipTestPki.h"
#include "tests/chip/FakeCard.h"
#include "tests/support/TestSupport.h"

#include <openssl/rsa.h>

using namespace da06;
using namespace da06::emrtd;
using namespace chiptest;
using namespace da06::test;

namespace {

constexpr int kPhotoW = 240;
constexpr int kPhotoH = 320;

struct Card {
    Person person;
    Pki pki = makePki();
    Pkey chipAuthKey = ecKey();
    Pkey activeAuthKey = ecKey();
    std::map<int, Bytes> dgs;
    Bytes sod;
    Bytes photo;

    Card()
    {
        photo = makeJpeg2000(kPhotoW, kPhotoH, false);
        dgs[1] = dg1(mrzOf(person));
        dgs[2] = makeDg2(photo, kPhotoW, kPhotoH);
        dgs[13] = dg13Of(person);
        dgs[14] = makeDg14(chipAuthKey.get());
        dgs[15] = makeDg15(activeAuthKey.get());
        sod = makeSod(dgs, pki);
    }

    FakeCardConfig config(bool pace = true) const
    {
        FakeCardConfig c;
        if (pace) {
            c.files[0x011C] = makeCardAccess();
            c.can = person.id12.substr(6);
        }
        c.files[0x011E] = efCom({0x61, 0x75, 0x6D, 0x6E, 0x6F});
        for (const auto& [dg, bytes] : dgs) {
            c.files[static_cast<std::uint16_t>(0x0100 + dg)] = bytes;
        }
        c.files[0x011D] = sod;
        c.mrzInformation = *chip::bacMrzInformationFromId12(person.id12, person.dobMrz, person.expiryMrz);
        c.activeAuthKey = activeAuthKey.get();
        c.chipAuthKey = chipAuthKey.get();
        return c;
    }

    AccessKey key() const { return *AccessKey::fromId12(person.id12, person.dobMrz, person.expiryMrz); }
};

ReadOptions options(const std::string& trust = "")
{
    ReadOptions o;
    o.trustFolder = trust;
    o.asOf = Date{2024, 6, 30};
    return o;
}

std::string trustFolderWith(const TempDir& dir, X509* csca, bool pem = true)
{
    if (pem) {
        writeFile(dir.path() / "csca.pem", certPem(csca));
    } else {
        const Bytes der = certDer(csca);
        writeFile(dir.path() / "csca.cer", std::string(der.begin(), der.end()));
    }
    writeFile(dir.path() / "readme.txt", "not a certificate");
    return dir.path().string();
}

Result<ChipReadResult> read(FakeCard& card, const AccessKey& key, const ReadOptions& o)
{
    CancelToken cancel;
    return readChip(card, key, o, Progress(), cancel);
}

int code(const Error& e)
{
    return static_cast<int>(e.code);
}

} // namespace

BOOST_AUTO_TEST_SUITE(chip_read)

BOOST_AUTO_TEST_CASE(pace_read_everything_verified)
{
    Card c;
    FakeCard card(c.config());
    TempDir trust;
    auto o = options(trustFolderWith(trust, c.pki.csca.get()));
    auto qr = identity::parseCccdQr(c.person.id12 + "|280123456|" + c.person.fullName + "|01021990|Nữ|x|10052021");
    o.qr = qr.identity;
    auto r = read(card, c.key(), o);
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
    BOOST_TEST(r->access == "PACE");
    BOOST_TEST(r->dg13->fullName == c.person.fullName);
    BOOST_TEST(r->mrz->idNumber12 == c.person.id12);
    BOOST_TEST(paResultName(r->passiveAuthentication.result) == std::string("verified"));
    BOOST_TEST(authOutcomeName(r->activeAuthentication.outcome) == std::string("passed"));
    BOOST_TEST(authOutcomeName(r->chipAuthentication.outcome) == std::string("passed"), r->chipAuthentication.detail);
    BOOST_REQUIRE(r->facePixels.has_value());
    BOOST_TEST(r->facePixels->width == kPhotoW);
    BOOST_TEST(r->facePixels->height == kPhotoH);
    BOOST_TEST(r->crossCheck.empty());
    BOOST_TEST(r->apduCount == card.commandCount());
    BOOST_TEST(r->dataGroups.size() == 5u);
    BOOST_TEST(!r->dataGroups.contains(3));
    BOOST_TEST_MESSAGE("PACE read: " << r->apduCount << " APDUs, photo " << c.photo.size() << " bytes, Le "
                                     << r->learnedLe);
}

BOOST_AUTO_TEST_CASE(bac_when_the_chip_has_no_pace)
{
    Card c;
    FakeCard card(c.config(false));
    auto key = AccessKey::fromMrz(mrzOf(c.person));
    BOOST_REQUIRE(key.has_value());
    auto r = read(card, *key, options());
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
    BOOST_TEST(r->access == "BAC");
    BOOST_TEST(r->dg13->placeOfResidence == "Khu phố 3, Phường 2, Tây Ninh");
    BOOST_TEST(paResultName(r->passiveAuthentication.result) == std::string("unverified"));
    BOOST_TEST(r->passiveAuthentication.reason == "no_trust_store");
    BOOST_TEST(authOutcomeName(r->chipAuthentication.outcome) == std::string("passed"), r->chipAuthentication.detail);
}

BOOST_AUTO_TEST_CASE(pace_failure_other_than_the_key_falls_back_to_bac)
{
    Card c;
    auto cfg = c.config();
    cfg.can.clear(); // announces PACE but refuses MSE:Set AT
    FakeCard card(cfg);
    auto r = read(card, c.key(), options());
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
    BOOST_TEST(r->access == "BAC");
    BOOST_TEST(r->notes.front() == "pace_failed_bac_used");
}

BOOST_AUTO_TEST_CASE(wrong_can_is_access_denied)
{
    Card c;
    FakeCard card(c.config());
    auto r = read(card, *AccessKey::fromCan("000000"), options());
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(code(r.error()) == static_cast<int>(ErrorCode::AccessDenied));
    // A wrong CAN does not fall back to BAC, even with BAC data at hand.
    Person other = c.person;
    other.id12 = "072190999999";
    FakeCard card2(c.config());
    auto r2 = read(card2, *AccessKey::fromId12(other.id12, c.person.dobMrz, c.person.expiryMrz), options());
    BOOST_REQUIRE(!r2.has_value());
    BOOST_TEST(code(r2.error()) == static_cast<int>(ErrorCode::AccessDenied));
}

BOOST_AUTO_TEST_CASE(wrong_bac_data_is_access_denied)
{
    Card c;
    FakeCard card(c.config(false));
    auto r = read(card, *AccessKey::fromId12(c.person.id12, "900202", c.person.expiryMrz), options());
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(code(r.error()) == static_cast<int>(ErrorCode::AccessDenied));
    // Only a CAN for a BAC-only chip: a clear refusal.
    FakeCard card2(c.config(false));
    auto r2 = read(card2, *AccessKey::fromCan("001234"), options());
    BOOST_REQUIRE(!r2.has_value());
    BOOST_TEST(code(r2.error()) == static_cast<int>(ErrorCode::AccessDenied));
}

BOOST_AUTO_TEST_CASE(select_mf_refused_reads_card_access_by_identifier)
{
    Card c;
    auto cfg = c.config();
    cfg.mfSelectable = false;
    FakeCard card(cfg);
    auto r = read(card, c.key(), options());
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
    BOOST_TEST(r->access == "PACE");
}

BOOST_AUTO_TEST_CASE(chip_refusing_le_above_160_is_read_with_fewer_commands_than_fixed_128)
{
    Card c;
    auto cfg = c.config();
    cfg.maxLe = 160;
    FakeCard adaptiveCard(cfg);
    auto adaptive = read(adaptiveCard, c.key(), options());
    BOOST_REQUIRE_MESSAGE(adaptive.has_value(), (adaptive ? "" : adaptive.error().message));
    BOOST_TEST(adaptive->learnedLe == 160);
    BOOST_TEST(adaptive->dataGroups.at(2) == c.dgs.at(2));
    FakeCard fixedCard(cfg);
    auto o = options();
    o.initialLe = 128;
    auto fixed = read(fixedCard, c.key(), o);
    BOOST_REQUIRE(fixed.has_value());
    BOOST_TEST(fixed->dataGroups.at(2) == c.dgs.at(2));
    BOOST_TEST(adaptive->apduCount < fixed->apduCount);
    BOOST_TEST_MESSAGE("Le 160 chip: adaptive " << adaptive->apduCount << " APDUs, fixed 128 " << fixed->apduCount);
}

BOOST_AUTO_TEST_CASE(card_removed_mid_read)
{
    Card c;
    auto cfg = c.config();
    cfg.removeAfter = 30; // during DG2
    FakeCard card(cfg);
    auto r = read(card, c.key(), options());
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(code(r.error()) == static_cast<int>(ErrorCode::CardRemoved));
}

BOOST_AUTO_TEST_CASE(bad_mac_in_a_response)
{
    Card c;
    auto cfg = c.config();
    cfg.corruptMacAt = 25;
    FakeCard card(cfg);
    auto r = read(card, c.key(), options());
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(code(r.error()) == static_cast<int>(ErrorCode::AuthenticationFailed));
    auto bacCfg = c.config(false);
    bacCfg.corruptMacAt = 12;
    FakeCard bacCard(bacCfg);
    auto r2 = read(bacCard, c.key(), options());
    BOOST_REQUIRE(!r2.has_value());
    BOOST_TEST(code(r2.error()) == static_cast<int>(ErrorCode::AuthenticationFailed));
}

BOOST_AUTO_TEST_CASE(cancellation_between_apdus)
{
    Card c;
    FakeCard card(c.config());
    CancelToken cancel;
    card.onCommand = [&] {
        if (card.commandCount() == 20) {
            cancel.cancel();
        }
    };
    auto r = readChip(card, c.key(), options(), Progress(), cancel);
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(code(r.error()) == static_cast<int>(ErrorCode::Cancelled));
    BOOST_TEST(card.commandCount() == 20u);
}

BOOST_AUTO_TEST_CASE(progress_and_timings)
{
    Card c;
    FakeCard card(c.config());
    std::vector<ProgressEvent> events;
    CancelToken cancel;
    auto r = readChip(card, c.key(), options(), Progress([&](const ProgressEvent& e) { events.push_back(e); }), cancel);
    BOOST_REQUIRE(r.has_value());
    bool dg2Done = false;
    for (const auto& e : events) {
        if (e.step == "dg2" && e.total == c.dgs.at(2).size() && e.done == e.total) {
            dg2Done = true;
        }
        BOOST_TEST(e.done <= e.total);
    }
    BOOST_TEST(dg2Done);
    BOOST_TEST(events.back().step == "done");
    std::vector<std::string> steps;
    for (const auto& t : r->timings) {
        steps.push_back(t.step);
        BOOST_TEST(t.milliseconds >= 0.0);
    }
    for (const char* s : {"card_access", "pace", "select", "ef_com", "dg1", "dg2", "dg13", "dg14", "dg15", "sod",
                          "passive_authentication", "chip_authentication", "active_authentication"}) {
        BOOST_TEST((std::find(steps.begin(), steps.end(), s) != steps.end()), s);
    }
}

BOOST_AUTO_TEST_CASE(json_form)
{
    Card c;
    FakeCard card(c.config());
    auto r = read(card, c.key(), options());
    BOOST_REQUIRE(r.has_value());
    const json::Value j = chipResultToJson(*r);
    auto back = json::parse(j.dump());
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(j.find("access")->asString() == "PACE");
    const json::Value* dg13 = j.find("dg13");
    for (const char* k : {"id_number", "full_name", "date_of_birth", "sex", "nationality", "ethnicity", "religion",
                          "place_of_origin", "place_of_residence", "identifying_features", "issue_date", "expiry_date",
                          "father_name", "mother_name", "spouse_name", "old_id_number"}) {
        BOOST_TEST((dg13->find(k) != nullptr), k);
    }
    BOOST_TEST(dg13->find("full_name")->asString() == c.person.fullName);
    BOOST_TEST(dg13->find("spouse_name")->isNull());
    BOOST_TEST(j.find("passive_authentication")->find("result")->asString() == "unverified");
    BOOST_TEST(j.find("chip_authentication")->find("result")->asString() == "passed");
    BOOST_TEST(j.find("active_authentication")->find("result")->asString() == "passed");
    BOOST_TEST(j.find("photo")->find("format")->asString() == "jpeg2000");
    BOOST_TEST(j.find("photo")->find("width")->asInteger() == kPhotoW);
    BOOST_TEST(j.find("apdu_count")->asInteger() == static_cast<long long>(r->apduCount));
    BOOST_TEST(j.find("timings_ms")->find("dg2") != nullptr);
    BOOST_TEST(j.find("cross_check")->isArray());
    BOOST_TEST(j.find("mrz")->find("id_number")->asString() == c.person.id12);
}

BOOST_AUTO_TEST_CASE(active_authentication_with_a_wrong_signature_fails)
{
    Card c;
    auto cfg = c.config();
    cfg.signWrongly = true;
    FakeCard card(cfg);
    auto r = read(card, c.key(), options());
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(authOutcomeName(r->activeAuthentication.outcome) == std::string("failed"));
}

BOOST_AUTO_TEST_CASE(chip_authentication_with_a_cloned_key_fails)
{
    Card c;
    auto cfg = c.config();
    Pkey other = ecKey();
    cfg.chipAuthKey = other.get(); // DG14 names a key the chip does not hold
    FakeCard card(cfg);
    auto r = read(card, c.key(), options());
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
    BOOST_TEST(authOutcomeName(r->chipAuthentication.outcome) == std::string("failed"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(passive_authentication)

BOOST_AUTO_TEST_CASE(verified_with_the_csca_in_pem_or_der)
{
    Card c;
    TempDir pemDir;
    auto pa = verifyPassive(c.dgs, c.sod, trustFolderWith(pemDir, c.pki.csca.get(), true));
    BOOST_TEST(paResultName(pa.result) == std::string("verified"), pa.detail);
    TempDir derDir;
    pa = verifyPassive(c.dgs, c.sod, trustFolderWith(derDir, c.pki.csca.get(), false));
    BOOST_TEST(paResultName(pa.result) == std::string("verified"), pa.detail);
    BOOST_TEST(pa.cscaSubject.find("CSCA VN") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_changed_data_group_fails_its_hash)
{
    Card c;
    TempDir dir;
    auto dgs = c.dgs;
    dgs[13] = dg13([] {
        Person p;
        p.fullName = "Nguyễn Văn Giả";
        return std::vector<Bytes>{field(1, p.id12), field(2, p.fullName)};
    }());
    auto pa = verifyPassive(dgs, c.sod, trustFolderWith(dir, c.pki.csca.get()));
    BOOST_TEST(paResultName(pa.result) == std::string("failed"));
    BOOST_TEST(pa.reason == "dg_hash:13");
    // A data group the SOD does not hash at all.
    dgs = c.dgs;
    dgs[3] = Bytes{0x63, 0x00};
    pa = verifyPassive(dgs, c.sod, "");
    BOOST_TEST(pa.reason == "dg_hash:3");
}

BOOST_AUTO_TEST_CASE(changed_data_group_on_the_card_fails_passive_authentication)
{
    Card c;
    auto cfg = c.config();
    Bytes& dg1File = cfg.files[0x0101];
    dg1File[dg1File.size() - 3] = '<' == dg1File[dg1File.size() - 3] ? 'X' : '<';
    FakeCard card(cfg);
    TempDir dir;
    auto r = read(card, c.key(), options(trustFolderWith(dir, c.pki.csca.get())));
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
    BOOST_TEST(paResultName(r->passiveAuthentication.result) == std::string("failed"));
    BOOST_TEST(r->passiveAuthentication.reason == "dg_hash:1");
}

BOOST_AUTO_TEST_CASE(no_trust_folder_or_no_matching_csca_is_unverified)
{
    Card c;
    auto pa = verifyPassive(c.dgs, c.sod, "");
    BOOST_TEST(paResultName(pa.result) == std::string("unverified"));
    BOOST_TEST(pa.reason == "no_trust_store");
    Pki other = makePki("XX");
    TempDir dir;
    pa = verifyPassive(c.dgs, c.sod, trustFolderWith(dir, other.csca.get()));
    BOOST_TEST(paResultName(pa.result) == std::string("unverified"));
    BOOST_TEST(pa.reason == "no_matching_csca");
    TempDir empty;
    pa = verifyPassive(c.dgs, c.sod, empty.path().string());
    BOOST_TEST(pa.reason == "no_matching_csca");
}

BOOST_AUTO_TEST_CASE(a_csca_of_the_same_name_with_another_key_fails_the_chain)
{
    Card c;
    Pki impostor = makePki("VN"); // "CSCA VN" again, other key
    TempDir dir;
    auto pa = verifyPassive(c.dgs, c.sod, trustFolderWith(dir, impostor.csca.get()));
    BOOST_TEST(paResultName(pa.result) == std::string("failed"));
    BOOST_TEST(pa.reason == "certificate_chain");
}

BOOST_AUTO_TEST_CASE(a_tampered_signature_fails)
{
    Card c;
    Bytes sod = c.sod;
    sod[sod.size() - 5] ^= 0x01; // inside the signature value at the end of the signer info
    auto pa = verifyPassive(c.dgs, sod, "");
    BOOST_TEST(paResultName(pa.result) == std::string("failed"));
    BOOST_TEST((pa.reason == "sod_signature" || pa.reason == "sod_parse"), pa.reason);
    auto garbage = verifyPassive(c.dgs, Bytes{0x77, 0x01, 0x00}, "");
    BOOST_TEST(garbage.reason == "sod_parse");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(face)

BOOST_AUTO_TEST_CASE(jpeg_jp2_and_codestream_decode)
{
    for (const Bytes& img : {makeJpeg(64, 80), makeJpeg2000(64, 80, true), makeJpeg2000(64, 80, false)}) {
        auto d = decodeFaceImage(img);
        BOOST_REQUIRE_MESSAGE(d.has_value(), (d ? "" : d.error().message));
        BOOST_TEST(d->width == 64);
        BOOST_TEST(d->height == 80);
        BOOST_TEST(d->pixels.size() == 64u * 80u * 3u);
        // The gradient survives: left darker than right in red.
        BOOST_TEST(d->pixels[0] < d->pixels[63 * 3]);
    }
}

BOOST_AUTO_TEST_CASE(broken_images_are_clear_errors)
{
    Bytes jpeg = makeJpeg(64, 80);
    jpeg.resize(jpeg.size() / 3);
    auto a = decodeFaceImage(jpeg);
    // libjpeg pads a cut stream with grey: either an error or a full-size picture, never a crash.
    BOOST_TEST((!a.has_value() || a->pixels.size() == 64u * 80u * 3u));
    Bytes j2k = makeJpeg2000(64, 80, false);
    j2k.resize(40);
    auto b = decodeFaceImage(j2k);
    BOOST_REQUIRE(!b.has_value());
    BOOST_TEST(code(b.error()) == static_cast<int>(ErrorCode::InvalidInput));
    auto c = decodeFaceImage(Bytes{0xFF, 0xD8, 0xFF, 0x00, 0x01});
    BOOST_REQUIRE(!c.has_value());
    BOOST_TEST(code(c.error()) == static_cast<int>(ErrorCode::InvalidInput));
    BOOST_TEST(!decodeFaceImage(Bytes{1, 2, 3, 4}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(active_authentication_rsa)

// ISO/IEC 9796-2 scheme 1 with SHA-1 (trailer BC), made here with the RSA private key.
Bytes sign9796(EVP_PKEY* key, const Bytes& challenge)
{
    const std::size_t k = static_cast<std::size_t>(EVP_PKEY_get_size(key));
    Bytes m1(k - 22, 0x5A);
    Bytes in = m1;
    in.insert(in.end(), challenge.begin(), challenge.end());
    unsigned char h[20];
    unsigned int n = 0;
    EVP_Digest(in.data(), in.size(), h, &n, EVP_sha1(), nullptr);
    Bytes msg(k, 0x5A);
    msg.front() = 0x6A;
    std::copy(h, h + 20, msg.end() - 21);
    msg.back() = 0xBC;
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key, nullptr);
    EVP_PKEY_sign_init(ctx);
    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_NO_PADDING);
    std::size_t sigLen = k;
    Bytes sig(k);
    EVP_PKEY_sign(ctx, sig.data(), &sigLen, msg.data(), msg.size());
    EVP_PKEY_CTX_free(ctx);
    sig.resize(sigLen);
    return sig;
}

BOOST_AUTO_TEST_CASE(iso9796_2_signature_verifies_and_a_wrong_one_fails)
{
    Pkey rsa(EVP_RSA_gen(1024));
    BOOST_REQUIRE(rsa != nullptr);
    const Bytes challenge{1, 2, 3, 4, 5, 6, 7, 8};
    const Bytes spki = publicKeyDer(rsa.get());
    const Bytes sig = sign9796(rsa.get(), challenge);
    BOOST_REQUIRE(sig.size() == 128u);
    auto ok = verifyActiveAuthentication(spki, challenge, sig, "sha256");
    BOOST_TEST(authOutcomeName(ok.outcome) == std::string("passed"), ok.detail);
    const Bytes other{8, 7, 6, 5, 4, 3, 2, 1};
    auto bad = verifyActiveAuthentication(spki, other, sig, "sha256");
    BOOST_TEST(authOutcomeName(bad.outcome) == std::string("failed"));
    Bytes broken = sig;
    broken[10] ^= 0x40;
    BOOST_TEST(authOutcomeName(verifyActiveAuthentication(spki, challenge, broken, "sha256").outcome) ==
               std::string("failed"));
    BOOST_TEST(authOutcomeName(verifyActiveAuthentication(Bytes{0x30, 0x00}, challenge, sig, "sha256").outcome) ==
               std::string("failed"));
}

BOOST_AUTO_TEST_CASE(no_dg14_no_dg15_is_not_supported)
{
    Card c;
    auto cfg = c.config();
    cfg.files[0x011E] = efCom({0x61, 0x75, 0x6D});
    FakeCard card(cfg);
    auto r = read(card, c.key(), options());
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(authOutcomeName(r->chipAuthentication.outcome) == std::string("not_supported"));
    BOOST_TEST(authOutcomeName(r->activeAuthentication.outcome) == std::string("not_supported"));
    BOOST_TEST(!r->dataGroups.contains(14));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(chip_read_edges)

BOOST_AUTO_TEST_CASE(listed_but_missing_dg15_fails_active_authentication)
{
    Card c;
    auto cfg = c.config();
    cfg.files.erase(0x010F);
    FakeCard card(cfg);
    auto r = read(card, c.key(), options());
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
    BOOST_TEST(authOutcomeName(r->activeAuthentication.outcome) == std::string("failed"));
    BOOST_TEST((std::find(r->notes.begin(), r->notes.end(), "dg15_not_found") != r->notes.end()));
}

BOOST_AUTO_TEST_CASE(dg13_texts_go_through_the_given_normalization)
{
    Card c;
    FakeCard card(c.config());
    auto o = options();
    int calls = 0;
    o.normalizeText = [&calls](std::string_view s) {
        ++calls;
        return std::string(s) + (s.empty() ? "" : "~");
    };
    auto r = read(card, c.key(), o);
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(calls >= 16);
    BOOST_TEST(r->dg13->fullName == c.person.fullName + "~");
    BOOST_TEST(r->dg13->spouseName.empty());
}

BOOST_AUTO_TEST_CASE(access_keys_are_checked)
{
    BOOST_TEST(!AccessKey::fromCan("12345").has_value());
    BOOST_TEST(!AccessKey::fromCan("12345a").has_value());
    BOOST_TEST(!AccessKey::fromId12("07219000123", "", "").has_value());
    BOOST_TEST(!AccessKey::fromId12("072190001234", "901301", "300201").has_value());
    auto canOnly = AccessKey::fromId12("072190001234", "", "");
    BOOST_REQUIRE(canOnly.has_value());
    BOOST_TEST(canOnly->hasCan());
    BOOST_TEST(!canOnly->hasBac());
    BOOST_TEST(canOnly->can() == "001234");
    auto doc = AccessKey::fromDocument("L898902C", "690806", "940623");
    BOOST_REQUIRE(doc.has_value());
    BOOST_TEST(doc->mrzInformation() == "L898902C<369080619406236");
    BOOST_TEST(!doc->hasCan());
    Person p;
    auto mrz = AccessKey::fromMrz(mrzOf(p));
    BOOST_REQUIRE(mrz.has_value());
    BOOST_TEST(mrz->hasCan());
    BOOST_TEST(mrz->can() == "001234");
    BOOST_TEST(!AccessKey::fromMrz("IDVNM").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(read_strategy)

// One plain file; READ BINARY answers at most `cap` bytes (silently shorter), or 6Cxx when asked.
class PlainFileChannel : public readers::CardChannel {
public:
    Bytes file;
    std::size_t cap = 256;
    bool answer6C = false;
    std::vector<int> les;
    std::size_t count = 0;

    Result<readers::ResponseApdu> transmit(std::span<const std::uint8_t> c) override
    {
        ++count;
        if (c[1] != 0xB0) {
            return readers::ResponseApdu{{}, 0x9000};
        }
        const int le = c[4] == 0 ? 256 : c[4];
        les.push_back(le);
        const std::size_t offset = static_cast<std::size_t>((c[2] << 8) | c[3]);
        if (answer6C && static_cast<std::size_t>(le) > cap) {
            return readers::ResponseApdu{{}, static_cast<std::uint16_t>(0x6C00 | cap)};
        }
        const std::size_t n = std::min({static_cast<std::size_t>(le), cap, file.size() - offset});
        return readers::ResponseApdu{
            Bytes(file.begin() + static_cast<long>(offset), file.begin() + static_cast<long>(offset + n)), 0x9000};
    }
    std::size_t commandCount() const override { return count; }
};

BOOST_AUTO_TEST_CASE(short_answers_teach_the_length)
{
    PlainFileChannel ch;
    ch.file = da06::chip::encodeTlv(0x75, Bytes(3000, 0x42));
    ch.cap = 200;
    CardSession s(ch);
    FileReader reader(s);
    auto f = reader.readFile(0x0102);
    BOOST_REQUIRE(f.has_value());
    BOOST_TEST(*f == ch.file);
    BOOST_TEST(reader.learnedLe() == 200);
    // header probe, one refused-short 256, then chunks of 200
    BOOST_TEST(ch.les[0] == 8);
    BOOST_TEST(ch.les[2] == 200);
}

BOOST_AUTO_TEST_CASE(wrong_length_6cxx_sets_the_length_and_a_probe_does_not_shrink_it)
{
    PlainFileChannel ch;
    ch.file = da06::chip::encodeTlv(0x6D, Bytes(1000, 0x41));
    ch.cap = 180;
    ch.answer6C = true;
    CardSession s(ch);
    FileReader reader(s);
    auto f = reader.readFile(0x010D);
    BOOST_REQUIRE(f.has_value());
    BOOST_TEST(*f == ch.file);
    BOOST_TEST(reader.learnedLe() == 180);
    // A tiny file: the 8-byte probe gets fewer bytes, the learned length stays.
    ch.file = Bytes{0x60, 0x02, 0x01, 0x02};
    ch.les.clear();
    auto tiny = reader.readFile(0x011E);
    BOOST_REQUIRE(tiny.has_value());
    BOOST_TEST(tiny->size() == 4u);
    BOOST_TEST(reader.learnedLe() == 180);
}

BOOST_AUTO_TEST_CASE(a_file_that_announces_too_much_is_refused)
{
    PlainFileChannel ch;
    ch.file = Bytes{0x75, 0x83, 0x10, 0x00, 0x00, 0x00};
    CardSession s(ch);
    FileReader reader(s);
    auto f = reader.readFile(0x0102);
    BOOST_REQUIRE(!f.has_value());
    BOOST_TEST(code(f.error()) == static_cast<int>(ErrorCode::InvalidInput));
}

BOOST_AUTO_TEST_SUITE_END()
