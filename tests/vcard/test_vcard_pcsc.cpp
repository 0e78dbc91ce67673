// da06_vcard through pcscd and the vpcd driver, driven with raw PC/SC calls. The terminal side of
// BAC and secure messaging is written here again from ICAO 9303-11 with OpenSSL; the PACE
// terminal steps are OpenPACE's, so the card is checked against code other than its own.
#include <boost/test/unit_test.hpp>

#include <signal.h>

#include <chrono>
#include <cstring>
#include <optional>
#include <thread>

#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>
#include <eac/eac.h>
#include <eac/pace.h>
#include <openssl/buffer.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include "tests/pcsc/PcscdFixture.h"
#include "tests/support/TestSupport.h"
#include "tests/vcard/Bytes.h"

using namespace da06;
using da06::test::Pcscd;
using da06::vcard::Bytes;
using da06::vcard::concat;
using da06::vcard::readTlv;
using da06::vcard::readTlvList;
using da06::vcard::toHex;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

const int kSlot = 0;

// ---- the card folder, made once --------------------------------------------------------------

struct CardFolder {
    test::TempDir tmp;
    fs::path dir;
    CardFolder()
    {
        dir = tmp / "card";
        auto r =
            test::runProgram(test::binaryDir() / "bin" / "da06_vcard_make", {"--out", dir.string(), "--person", "0"});
        if (r.exitCode != 0) {
            throw std::runtime_error("da06_vcard_make failed: " + r.err);
        }
    }
};

const fs::path& card()
{
    static CardFolder folder;
    return folder.dir;
}

Bytes fileBytes(const fs::path& p)
{
    std::string s = test::readFile(p);
    return Bytes(s.begin(), s.end());
}

// ---- PC/SC -----------------------------------------------------------------------------------

class PcscSession {
public:
    PcscSession()
    {
        LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &m_ctx);
        BOOST_TEST_REQUIRE(rv == SCARD_S_SUCCESS, "SCardEstablishContext: " << pcsc_stringify_error(rv));
        m_reader = Pcscd::instance().readerName(kSlot);
    }
    ~PcscSession()
    {
        disconnect();
        SCardReleaseContext(m_ctx);
    }
    // Waits until the reader's card is present (or absent); true when it happened within ms.
    bool waitForCard(bool present, int ms)
    {
        SCARD_READERSTATE st{};
        st.szReader = m_reader.c_str();
        st.dwCurrentState = SCARD_STATE_UNAWARE;
        auto deadline = Clock::now() + std::chrono::milliseconds(ms);
        while (Clock::now() < deadline) {
            LONG rv = SCardGetStatusChange(m_ctx, 200, &st, 1);
            if (rv == SCARD_S_SUCCESS || rv == SCARD_E_TIMEOUT) {
                bool isPresent = (st.dwEventState & SCARD_STATE_PRESENT) != 0;
                if (rv == SCARD_S_SUCCESS && isPresent == present) {
                    if (present) {
                        m_atr.assign(st.rgbAtr, st.rgbAtr + st.cbAtr);
                    }
                    return true;
                }
                st.dwCurrentState = st.dwEventState & ~SCARD_STATE_CHANGED;
            } else {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
        return false;
    }
    void connect()
    {
        DWORD protocol = 0;
        LONG rv = SCardConnect(m_ctx, m_reader.c_str(), SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
                               &m_card, &protocol);
        BOOST_TEST_REQUIRE(rv == SCARD_S_SUCCESS, "SCardConnect: " << pcsc_stringify_error(rv));
        m_pci = protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
        m_connected = true;
    }
    void disconnect()
    {
        if (m_connected) {
            SCardDisconnect(m_card, SCARD_LEAVE_CARD);
            m_connected = false;
        }
    }
    // The response APDU; nullopt when the transmission failed (the card left).
    std::optional<Bytes> tryTransmit(const Bytes& apdu)
    {
        Bytes resp(65538);
        DWORD len = static_cast<DWORD>(resp.size());
        LONG rv =
            SCardTransmit(m_card, m_pci, apdu.data(), static_cast<DWORD>(apdu.size()), nullptr, resp.data(), &len);
        if (rv != SCARD_S_SUCCESS) {
            return std::nullopt;
        }
        resp.resize(len);
        return resp;
    }
    Bytes transmit(const Bytes& apdu)
    {
        auto r = tryTransmit(apdu);
        BOOST_TEST_REQUIRE(r.has_value(), "SCardTransmit failed for " << toHex(apdu));
        BOOST_TEST_REQUIRE(r->size() >= 2u);
        return *r;
    }
    const Bytes& atr() const { return m_atr; }

private:
    SCARDCONTEXT m_ctx = 0;
    SCARDHANDLE m_card = 0;
    const SCARD_IO_REQUEST* m_pci = SCARD_PCI_T1;
    bool m_connected = false;
    std::string m_reader;
    Bytes m_atr;
};

std::uint16_t sw(const Bytes& r)
{
    return static_cast<std::uint16_t>((r[r.size() - 2] << 8) | r[r.size() - 1]);
}
Bytes body(const Bytes& r)
{
    return Bytes(r.begin(), r.end() - 2);
}

// A running da06_vcard on the slot's vpcd port; stopped with SIGTERM when the object goes.
class Vcard {
public:
    explicit Vcard(std::vector<std::string> extra = {})
    {
        std::vector<std::string> args = {"--card", card().string(), "--port",
                                         std::to_string(Pcscd::instance().vpcdPort(kSlot))};
        args.insert(args.end(), extra.begin(), extra.end());
        m_child = std::make_unique<test::Child>(test::binaryDir() / "bin" / "da06_vcard", args);
        std::string ready = "da06_vcard ready on port " + std::to_string(Pcscd::instance().vpcdPort(kSlot));
        BOOST_TEST_REQUIRE(m_child->waitForLine(ready, 15000), "da06_vcard did not connect to vpcd");
    }
    ~Vcard()
    {
        if (!m_stopped) {
            stop();
        }
        // Let the reader see the card go before the next test inserts one (no assertion here: a
        // destructor must not throw).
        try {
            SCARDCONTEXT ctx = 0;
            if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx) == SCARD_S_SUCCESS) {
                std::string reader = Pcscd::instance().readerName(kSlot);
                SCARD_READERSTATE st{};
                st.szReader = reader.c_str();
                st.dwCurrentState = SCARD_STATE_UNAWARE;
                auto deadline = Clock::now() + std::chrono::seconds(5);
                while (Clock::now() < deadline && SCardGetStatusChange(ctx, 200, &st, 1) != SCARD_E_NO_SERVICE &&
                       (st.dwEventState & SCARD_STATE_PRESENT)) {
                    st.dwCurrentState = st.dwEventState & ~SCARD_STATE_CHANGED;
                }
                SCardReleaseContext(ctx);
            }
        } catch (const std::exception&) {
        }
    }
    int stop()
    {
        m_stopped = true;
        ::kill(m_child->pid(), SIGTERM);
        return m_child->wait();
    }
    const std::vector<std::string>& lines() const { return m_child->lines(); }
    // Waits for the card to end by itself; its exit code.
    int waitForExit()
    {
        m_stopped = true;
        return m_child->wait();
    }

private:
    std::unique_ptr<test::Child> m_child;
    bool m_stopped = false;
};

// ---- symmetric crypto for the terminal (ICAO 9303-11 §9.7, §9.8), straight on OpenSSL ---------

Bytes evp(const EVP_CIPHER* c, const Bytes& key, const Bytes& iv, const Bytes& in, bool enc)
{
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    Bytes out(in.size() + 32);
    int n1 = 0, n2 = 0;
    EVP_CipherInit_ex(ctx, c, nullptr, key.data(), iv.empty() ? nullptr : iv.data(), enc ? 1 : 0);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    EVP_CipherUpdate(ctx, out.data(), &n1, in.data(), static_cast<int>(in.size()));
    EVP_CipherFinal_ex(ctx, out.data() + n1, &n2);
    EVP_CIPHER_CTX_free(ctx);
    out.resize(static_cast<std::size_t>(n1 + n2));
    return out;
}

Bytes padded(Bytes b, std::size_t block)
{
    b.push_back(0x80);
    while (b.size() % block) {
        b.push_back(0);
    }
    return b;
}

Bytes sha1Of(const Bytes& b)
{
    Bytes h(20);
    SHA1(b.data(), b.size(), h.data());
    return h;
}

Bytes derive(const Bytes& secret, std::uint8_t counter)
{
    Bytes h = sha1Of(concat({secret, Bytes{0, 0, 0, counter}}));
    h.resize(16);
    return h;
}

// ISO 9797-1 MAC algorithm 3: DES-CBC with Ka over every block, then decrypt Kb, encrypt Ka.
Bytes retailMac(const Bytes& key, const Bytes& data)
{
    Bytes ka(key.begin(), key.begin() + 8), kb(key.begin() + 8, key.end());
    Bytes h(8, 0);
    for (std::size_t i = 0; i < data.size(); i += 8) {
        Bytes blk(data.begin() + static_cast<std::ptrdiff_t>(i), data.begin() + static_cast<std::ptrdiff_t>(i + 8));
        for (int j = 0; j < 8; ++j) {
            blk[static_cast<std::size_t>(j)] ^= h[static_cast<std::size_t>(j)];
        }
        h = evp(EVP_des_ede_ecb(), concat({ka, ka}), {}, blk, true);
    }
    h = evp(EVP_des_ede_ecb(), concat({kb, kb}), {}, h, false);
    return evp(EVP_des_ede_ecb(), concat({ka, ka}), {}, h, true);
}

Bytes cmac8(const Bytes& key, const Bytes& data)
{
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "CMAC", nullptr);
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
    char cipher[] = "AES-128-CBC";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipher, 0),
                           OSSL_PARAM_construct_end()};
    Bytes out(16);
    std::size_t n = 0;
    EVP_MAC_init(ctx, key.data(), key.size(), params);
    EVP_MAC_update(ctx, data.data(), data.size());
    EVP_MAC_final(ctx, out.data(), &n, out.size());
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
    out.resize(8);
    return out;
}

// The terminal's half of a secure-messaging session.
struct TerminalSm {
    bool aes = false;
    Bytes kEnc, kMac, ssc;

    std::size_t block() const { return aes ? 16 : 8; }
    void next()
    {
        for (std::size_t i = ssc.size(); i-- > 0;) {
            if (++ssc[i] != 0) {
                break;
            }
        }
    }
    Bytes mac(const Bytes& in) const { return aes ? cmac8(kMac, padded(in, 16)) : retailMac(kMac, padded(in, 8)); }
    Bytes iv() const { return aes ? evp(EVP_aes_128_ecb(), kEnc, {}, ssc, true) : Bytes(8, 0); }
    Bytes crypt(const Bytes& in, bool enc) const
    {
        return aes ? evp(EVP_aes_128_cbc(), kEnc, iv(), in, enc) : evp(EVP_des_ede_cbc(), kEnc, Bytes(8, 0), in, enc);
    }
    Bytes protect(Bytes header, const Bytes& data, std::optional<std::uint8_t> le)
    {
        next();
        header[0] |= 0x0C;
        Bytes dos;
        if (!data.empty()) {
            Bytes c = concat({Bytes{0x01}, crypt(padded(data, block()), true)});
            dos = concat({Bytes{0x87, static_cast<std::uint8_t>(c.size())}, c});
        }
        if (le) {
            dos = concat({dos, Bytes{0x97, 0x01, *le}});
        }
        Bytes m = mac(concat({ssc, padded(header, block()), dos}));
        dos = concat({dos, Bytes{0x8E, 0x08}, m});
        return concat({header, Bytes{static_cast<std::uint8_t>(dos.size())}, dos, Bytes{0x00}});
    }
    // True when the response's DO8E is the MAC of what precedes it (spends one SSC value).
    bool macMatches(const Bytes& resp)
    {
        next();
        Bytes raw = body(resp);
        std::size_t at = 0;
        while (at < raw.size() && raw[at] != 0x8E) {
            auto t = readTlv(raw, at);
            if (!t) {
                return false;
            }
            at += t->totalSize();
        }
        if (at + 10 != raw.size()) {
            return false;
        }
        Bytes input = concat({ssc, Bytes(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(at))});
        return mac(input) == Bytes(raw.begin() + static_cast<std::ptrdiff_t>(at + 2), raw.end());
    }
    // The plain data and status word of a protected response; the MAC is checked.
    std::pair<Bytes, std::uint16_t> unprotect(const Bytes& resp)
    {
        next();
        auto list = readTlvList(body(resp));
        BOOST_TEST_REQUIRE(list.has_value(), "malformed protected response " << toHex(resp));
        Bytes macInput = ssc, data, mac8;
        std::uint16_t status = 0;
        for (const auto& t : *list) {
            if (t.tag == 0x87) {
                Bytes enc(t.value.begin() + 1, t.value.end());
                Bytes dec = crypt(enc, false);
                while (!dec.empty() && dec.back() == 0) {
                    dec.pop_back();
                }
                BOOST_TEST_REQUIRE((!dec.empty() && dec.back() == 0x80));
                dec.pop_back();
                data = dec;
            } else if (t.tag == 0x99) {
                status = static_cast<std::uint16_t>((t.value[0] << 8) | t.value[1]);
            } else if (t.tag == 0x8E) {
                mac8 = t.value;
                continue;
            }
        }
        // MAC over the DOs exactly as they were sent (everything before DO8E).
        Bytes raw = body(resp);
        std::size_t at = 0;
        while (at < raw.size() && raw[at] != 0x8E) {
            auto t = readTlv(raw, at);
            BOOST_TEST_REQUIRE(t.has_value());
            at += t->totalSize();
        }
        macInput = concat({macInput, Bytes(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(at))});
        BOOST_TEST(mac(macInput) == mac8, "response MAC");
        BOOST_TEST(status == sw(resp));
        return {data, status};
    }
};

int checkDigit(const std::string& s)
{
    const int w[3] = {7, 3, 1};
    int sum = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        sum += (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : 0) * w[i % 3];
    }
    return sum % 10;
}

// BAC (ICAO 9303-11 §4.3) for document number, birth and expiry dates (YYMMDD).
std::optional<TerminalSm> bac(PcscSession& s, const std::string& doc, const std::string& dob, const std::string& doe,
                              std::uint16_t& status)
{
    std::string info = doc + std::to_string(checkDigit(doc)) + dob + std::to_string(checkDigit(dob)) + doe +
                       std::to_string(checkDigit(doe));
    Bytes seed = sha1Of(Bytes(info.begin(), info.end()));
    seed.resize(16);
    Bytes kEnc = derive(seed, 1), kMac = derive(seed, 2);
    Bytes chal = s.transmit({0x00, 0x84, 0x00, 0x00, 0x08});
    BOOST_TEST_REQUIRE(sw(chal) == 0x9000);
    Bytes rndIc = body(chal);
    BOOST_TEST_REQUIRE(rndIc.size() == 8u);
    Bytes rndIfd(8), kIfd(16);
    RAND_bytes(rndIfd.data(), 8);
    RAND_bytes(kIfd.data(), 16);
    Bytes eIfd = evp(EVP_des_ede_cbc(), kEnc, Bytes(8, 0), concat({rndIfd, rndIc, kIfd}), true);
    Bytes mIfd = retailMac(kMac, padded(eIfd, 8));
    Bytes r = s.transmit(concat({Bytes{0x00, 0x82, 0x00, 0x00, 0x28}, eIfd, mIfd, Bytes{0x28}}));
    status = sw(r);
    if (status != 0x9000) {
        return std::nullopt;
    }
    Bytes resp = body(r);
    BOOST_TEST_REQUIRE(resp.size() == 40u);
    Bytes eIc(resp.begin(), resp.begin() + 32), mIc(resp.begin() + 32, resp.end());
    BOOST_TEST_REQUIRE(retailMac(kMac, padded(eIc, 8)) == mIc);
    Bytes plain = evp(EVP_des_ede_cbc(), kEnc, Bytes(8, 0), eIc, false);
    BOOST_TEST_REQUIRE(Bytes(plain.begin(), plain.begin() + 8) == rndIc);
    BOOST_TEST_REQUIRE(Bytes(plain.begin() + 8, plain.begin() + 16) == rndIfd);
    Bytes kseed(16);
    for (std::size_t i = 0; i < 16; ++i) {
        kseed[i] = kIfd[i] ^ plain[16 + i];
    }
    TerminalSm sm;
    sm.kEnc = derive(kseed, 1);
    sm.kMac = derive(kseed, 2);
    sm.ssc = concat({Bytes(rndIc.begin() + 4, rndIc.end()), Bytes(rndIfd.begin() + 4, rndIfd.end())});
    return sm;
}

// Person 0: Nguyễn Thị Ngọc Ánh, 072190004217, born 14/03/1990, card valid until 14/03/2030.
const char* kDoc = "190004217";
const char* kDob = "900314";
const char* kDoe = "300314";
const char* kCan = "004217";

// Reads a whole EF of the application through secure messaging, in chunks of `chunk` bytes.
Bytes readProtected(PcscSession& s, TerminalSm& sm, std::uint16_t fid, std::uint8_t chunk = 0xDF)
{
    auto sel = sm.unprotect(
        s.transmit(sm.protect({0x00, 0xA4, 0x02, 0x0C},
                              {static_cast<std::uint8_t>(fid >> 8), static_cast<std::uint8_t>(fid)}, std::nullopt)));
    BOOST_TEST_REQUIRE(sel.second == 0x9000);
    Bytes content;
    std::size_t total = 0;
    do {
        auto r = sm.unprotect(s.transmit(sm.protect(
            {0x00, 0xB0, static_cast<std::uint8_t>(content.size() >> 8), static_cast<std::uint8_t>(content.size())}, {},
            chunk)));
        BOOST_TEST_REQUIRE(r.second == 0x9000);
        BOOST_TEST_REQUIRE(!r.first.empty());
        content = concat({content, r.first});
        if (total == 0) {
            auto t = readTlv(content);
            if (t) {
                total = t->totalSize();
            } else {
                // Header longer than what was read: length from the first bytes.
                std::size_t lenBytes = content[1] < 0x80 ? 0 : content[1] & 0x7F;
                std::size_t len = content[1] < 0x80 ? content[1] : 0;
                for (std::size_t i = 0; i < lenBytes; ++i) {
                    len = (len << 8) | content[2 + i];
                }
                total = 2 + lenBytes + len;
            }
        }
    } while (content.size() < total);
    return content;
}

const Bytes kSelectAid = {0x00, 0xA4, 0x04, 0x0C, 0x07, 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};

Bytes selectEf(std::uint16_t fid)
{
    return {0x00, 0xA4, 0x02, 0x0C, 0x02, static_cast<std::uint8_t>(fid >> 8), static_cast<std::uint8_t>(fid)};
}

struct BufFree {
    void operator()(BUF_MEM* b) const { BUF_MEM_free(b); }
};
using Buf = std::unique_ptr<BUF_MEM, BufFree>;
Buf buf(const Bytes& b)
{
    Buf m(BUF_MEM_new());
    BUF_MEM_grow(m.get(), b.size());
    std::memcpy(m->data, b.data(), b.size());
    return m;
}
Bytes bytes(const BUF_MEM* m)
{
    return Bytes(reinterpret_cast<const std::uint8_t*>(m->data),
                 reinterpret_cast<const std::uint8_t*>(m->data) + m->length);
}

Bytes tagged(std::uint8_t tag, const Bytes& v)
{
    return concat({Bytes{tag, static_cast<std::uint8_t>(v.size())}, v});
}

// PACE with the CAN, terminal side by OpenPACE; the session when the card's token verifies.
std::optional<TerminalSm> pace(PcscSession& s, const std::string& can, std::uint16_t& status,
                               Bytes* openPaceSelect = nullptr)
{
    EAC_init();
    Bytes cardAccess = fileBytes(card() / "cardaccess.bin");
    EAC_CTX* ctx = EAC_CTX_new();
    BOOST_TEST_REQUIRE(EAC_CTX_init_ef_cardaccess(cardAccess.data(), cardAccess.size(), ctx) == 1);
    PACE_SEC* sec = PACE_SEC_new(can.data(), can.size(), PACE_CAN);
    std::optional<TerminalSm> result;
    auto cleanup = [&] {
        PACE_SEC_clear_free(sec);
        EAC_CTX_clear_free(ctx);
    };
    const Bytes oid = {0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04, 0x02, 0x02};
    Bytes mse = concat({tagged(0x80, oid), tagged(0x83, {0x02})});
    Bytes r = s.transmit(concat({Bytes{0x00, 0x22, 0xC1, 0xA4, static_cast<std::uint8_t>(mse.size())}, mse}));
    BOOST_TEST_REQUIRE(sw(r) == 0x9000);
    auto ga = [&](bool last, std::uint8_t tag, const Bytes& v) {
        Bytes dyn = v.empty() ? Bytes{0x7C, 0x00} : tagged(0x7C, tagged(tag, v));
        Bytes resp = s.transmit(concat({Bytes{static_cast<std::uint8_t>(last ? 0x00 : 0x10), 0x86, 0x00, 0x00,
                                              static_cast<std::uint8_t>(dyn.size())},
                                        dyn, Bytes{0x00}}));
        return resp;
    };
    auto inner = [](const Bytes& resp, std::uint8_t tag) {
        auto outer = readTlv(body(resp));
        BOOST_TEST_REQUIRE((outer && outer->tag == 0x7C));
        auto t = readTlv(outer->value);
        BOOST_TEST_REQUIRE((t && t->tag == tag));
        return t->value;
    };
    r = ga(false, 0, {});
    BOOST_TEST_REQUIRE(sw(r) == 0x9000);
    BOOST_TEST_REQUIRE(PACE_STEP2_dec_nonce(ctx, sec, buf(inner(r, 0x80)).get()) == 1);
    Buf mapping(PACE_STEP3A_generate_mapping_data(ctx));
    r = ga(false, 0x81, bytes(mapping.get()));
    BOOST_TEST_REQUIRE(sw(r) == 0x9000);
    BOOST_TEST_REQUIRE(PACE_STEP3A_map_generator(ctx, buf(inner(r, 0x82)).get()) == 1);
    Buf eph(PACE_STEP3B_generate_ephemeral_key(ctx));
    r = ga(false, 0x83, bytes(eph.get()));
    BOOST_TEST_REQUIRE(sw(r) == 0x9000);
    Buf cardEph = buf(inner(r, 0x84));
    BOOST_TEST_REQUIRE(PACE_STEP3B_compute_shared_secret(ctx, cardEph.get()) == 1);
    BOOST_TEST_REQUIRE(PACE_STEP3C_derive_keys(ctx) == 1);
    Buf token(PACE_STEP3D_compute_authentication_token(ctx, cardEph.get()));
    r = ga(true, 0x85, bytes(token.get()));
    status = sw(r);
    if (status == 0x9000) {
        BOOST_TEST(PACE_STEP3D_verify_authentication_token(ctx, buf(inner(r, 0x86)).get()) == 1);
        TerminalSm sm;
        sm.aes = true;
        sm.kEnc = bytes(ctx->pace_ctx->ka_ctx->k_enc);
        sm.kMac = bytes(ctx->pace_ctx->ka_ctx->k_mac);
        sm.ssc = Bytes(16, 0);
        if (openPaceSelect) {
            // The first protected command (SELECT of the eMRTD application, SSC 1) built with
            // OpenPACE's secure messaging, so that the AES session is not only checked against
            // this file's own implementation.
            BOOST_TEST_REQUIRE(EAC_CTX_set_encryption_ctx(ctx, EAC_ID_PACE) == 1);
            BOOST_TEST_REQUIRE(EAC_increment_ssc(ctx) == 1);
            Buf aid = buf(Bytes(kSelectAid.begin() + 5, kSelectAid.end()));
            Buf paddedAid(EAC_add_iso_pad(ctx, aid.get()));
            Buf enc(EAC_encrypt(ctx, paddedAid.get()));
            BOOST_TEST_REQUIRE(enc != nullptr);
            Bytes header = {0x0C, 0xA4, 0x04, 0x0C};
            Bytes do87 = tagged(0x87, concat({Bytes{0x01}, bytes(enc.get())}));
            Buf macInput = buf(concat({header, Bytes{0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, do87}));
            Buf paddedInput(EAC_add_iso_pad(ctx, macInput.get()));
            Buf mac(EAC_authenticate(ctx, paddedInput.get()));
            BOOST_TEST_REQUIRE(mac != nullptr);
            Bytes dos = concat({do87, tagged(0x8E, bytes(mac.get()))});
            *openPaceSelect = concat({header, Bytes{static_cast<std::uint8_t>(dos.size())}, dos, Bytes{0x00}});
            sm.next(); // SSC 1 is spent by that command
        }
        result = sm;
    }
    cleanup();
    return result;
}

// The SubjectPublicKeyInfo in a data group: DG14's id-PK-ECDH entry, or DG15's whole content.
EVP_PKEY* publicKeyOf(const Bytes& dg)
{
    auto outer = readTlv(dg);
    BOOST_TEST_REQUIRE(outer.has_value());
    Bytes spki;
    if (outer->tag == 0x6F) {
        spki = outer->value;
    } else {
        auto set = readTlv(outer->value);
        auto infos = readTlvList(set->value);
        for (const auto& info : *infos) {
            auto parts = readTlvList(info.value);
            if (toHex((*parts)[0].value) == "04007F000702020102") { // id-PK-ECDH
                auto t = readTlv(info.value, (*parts)[0].totalSize());
                std::size_t at = (*parts)[0].totalSize();
                spki.assign(info.value.begin() + static_cast<std::ptrdiff_t>(at),
                            info.value.begin() + static_cast<std::ptrdiff_t>(at + t->totalSize()));
            }
        }
    }
    const unsigned char* p = spki.data();
    return d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size()));
}

Bytes uncompressedPoint(EVP_PKEY* key)
{
    Bytes out(65);
    std::size_t n = 0;
    EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, out.data(), out.size(), &n);
    out.resize(n);
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(vcard_appears_in_the_reader_and_guards_its_files)
{
    Vcard vcard;
    PcscSession s;
    BOOST_TEST_REQUIRE(s.waitForCard(true, 10000), "no card in " << Pcscd::instance().readerName(kSlot));
    BOOST_TEST(toHex(s.atr()) == "3B888001000000000000000009");
    s.connect();
    // EF.CardAccess in the MF, readable in clear, announcing PACE-ECDH-GM-AES-128 on brainpoolP256r1.
    BOOST_TEST(sw(s.transmit(selectEf(0x011C))) == 0x9000);
    Bytes ca = s.transmit({0x00, 0xB0, 0x00, 0x00, 0x00});
    BOOST_TEST_REQUIRE(sw(ca) == 0x9000);
    const unsigned char* p = ca.data();
    ASN1_SEQUENCE_ANY* set = d2i_ASN1_SET_ANY(nullptr, &p, static_cast<long>(ca.size() - 2));
    BOOST_TEST_REQUIRE(set != nullptr, "EF.CardAccess does not parse");
    BOOST_TEST(sk_ASN1_TYPE_num(set) == 1);
    sk_ASN1_TYPE_pop_free(set, ASN1_TYPE_free);
    BOOST_TEST(toHex(body(ca)).find("04007F0007020204020202010202010D") != std::string::npos);
    // The eMRTD application; data groups only through secure messaging.
    BOOST_TEST(sw(s.transmit(kSelectAid)) == 0x9000);
    BOOST_TEST(sw(s.transmit(selectEf(0x0101))) == 0x9000);
    BOOST_TEST(sw(s.transmit({0x00, 0xB0, 0x00, 0x00, 0x00})) == 0x6982);
    BOOST_TEST(sw(s.transmit({0x00, 0xB0, 0x9D, 0x00, 0x04})) == 0x6982); // EF.SOD by short identifier
    BOOST_TEST(sw(s.transmit(selectEf(0x010B))) == 0x6A82);               // DG11
    BOOST_TEST(sw(s.transmit(selectEf(0x0103))) == 0x9000);               // DG3 exists ...
    BOOST_TEST(sw(s.transmit({0x00, 0xB0, 0x00, 0x00, 0x00})) == 0x6982); // ... but is not for us
    BOOST_TEST(sw(s.transmit({0x00, 0xA4, 0x04, 0x0C, 0x03, 0xA0, 0x00, 0x00})) == 0x6A82);
    BOOST_TEST(sw(s.transmit({0x00, 0x84, 0x00, 0x00, 0x08})) == 0x9000);
    BOOST_TEST(sw(s.transmit({0x00, 0x84, 0x00, 0x00, 0x09})) == 0x6700);
    BOOST_TEST(sw(s.transmit({0x00, 0xCA, 0x00, 0x00, 0x00})) == 0x6D00);
    BOOST_TEST(sw(s.transmit({0x0C, 0xB0, 0x00, 0x00, 0x00})) == 0x6882); // SM before any access control
    BOOST_TEST(vcard.stop() == 0);                                        // SIGTERM: a clean exit
    // Its only output is the ready line: no identity number, no name, no key.
    BOOST_TEST(vcard.lines().size() == 1u);
}

BOOST_AUTO_TEST_CASE(vcard_bac_opens_secure_messaging_with_the_mrz_keys_only)
{
    Vcard vcard;
    PcscSession s;
    BOOST_TEST_REQUIRE(s.waitForCard(true, 10000));
    s.connect();
    BOOST_TEST(sw(s.transmit(kSelectAid)) == 0x9000);
    std::uint16_t status = 0;
    BOOST_TEST(!bac(s, kDoc, kDob, "300315", status).has_value());
    BOOST_TEST(status == 0x6300);
    BOOST_TEST(!bac(s, "190004218", kDob, kDoe, status).has_value());
    BOOST_TEST(status == 0x6300);
    auto sm = bac(s, kDoc, kDob, kDoe, status);
    BOOST_TEST_REQUIRE(sm.has_value(), "BAC with the right keys: " << std::hex << status);
    BOOST_TEST(readProtected(s, *sm, 0x0101) == fileBytes(card() / "dg1.bin"));
    BOOST_TEST(readProtected(s, *sm, 0x011E) == fileBytes(card() / "com.bin"));
    BOOST_TEST(readProtected(s, *sm, 0x011D) == fileBytes(card() / "sod.bin"));
    // DG3 and DG11 stay closed under secure messaging too.
    auto dg11 = sm->unprotect(s.transmit(sm->protect({0x00, 0xA4, 0x02, 0x0C}, {0x01, 0x0B}, std::nullopt)));
    BOOST_TEST(dg11.second == 0x6A82);
    auto dg3 = sm->unprotect(s.transmit(sm->protect({0x00, 0xB0, 0x83, 0x00}, {}, 0x00)));
    BOOST_TEST(dg3.second == 0x6982);
    // A wrong MAC ends the session: 6988 in clear, then no more secure messaging.
    Bytes bad = sm->protect({0x00, 0xB0, 0x81, 0x00}, {}, 0x10);
    bad[bad.size() - 2] ^= 0x01;
    BOOST_TEST(toHex(s.transmit(bad)) == "6988");
    sm->next();
    BOOST_TEST(sw(s.transmit(sm->protect({0x00, 0xB0, 0x81, 0x00}, {}, 0x10))) == 0x6882);
}

BOOST_AUTO_TEST_CASE(vcard_pace_with_the_can_then_chip_and_active_authentication)
{
    Vcard vcard;
    PcscSession s;
    BOOST_TEST_REQUIRE(s.waitForCard(true, 10000));
    s.connect();
    std::uint16_t status = 0;
    BOOST_TEST(!pace(s, "123456", status).has_value());
    BOOST_TEST(status == 0x6300);
    Bytes openPaceSelect;
    auto sm = pace(s, kCan, status, &openPaceSelect);
    BOOST_TEST_REQUIRE(sm.has_value(), "PACE with the CAN: " << std::hex << status);
    auto sel = sm->unprotect(s.transmit(openPaceSelect));
    BOOST_TEST_REQUIRE(sel.second == 0x9000);
    BOOST_TEST(readProtected(s, *sm, 0x0101) == fileBytes(card() / "dg1.bin"));
    Bytes dg14 = readProtected(s, *sm, 0x010E);
    BOOST_TEST(dg14 == fileBytes(card() / "dg14.bin"));
    Bytes dg15 = readProtected(s, *sm, 0x010F, 0x40);

    // Active authentication: ECDSA-SHA256 over the challenge, plain r || s, checked with DG15's key.
    Bytes challenge = {1, 2, 3, 4, 5, 6, 7, 8};
    auto aa = sm->unprotect(s.transmit(sm->protect({0x00, 0x88, 0x00, 0x00}, challenge, 0x00)));
    BOOST_TEST_REQUIRE(aa.second == 0x9000);
    BOOST_TEST_REQUIRE(aa.first.size() == 64u);
    EVP_PKEY* aaKey = publicKeyOf(dg15);
    BOOST_TEST_REQUIRE(aaKey != nullptr);
    ECDSA_SIG* sig = ECDSA_SIG_new();
    ECDSA_SIG_set0(sig, BN_bin2bn(aa.first.data(), 32, nullptr), BN_bin2bn(aa.first.data() + 32, 32, nullptr));
    unsigned char* der = nullptr;
    int derLen = i2d_ECDSA_SIG(sig, &der);
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    BOOST_TEST(EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, aaKey) == 1);
    BOOST_TEST(EVP_DigestVerify(md, der, static_cast<std::size_t>(derLen), challenge.data(), challenge.size()) == 1);
    EVP_MD_CTX_free(md);
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
    EVP_PKEY_free(aaKey);

    // Chip authentication (ECDH with DG14's key, AES), then a new session from SSC 0.
    EVP_PKEY* chipKey = publicKeyOf(dg14);
    BOOST_TEST_REQUIRE(chipKey != nullptr);
    EVP_PKEY* eph = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "brainpoolP256r1");
    const Bytes caOid = {0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x03, 0x02, 0x02};
    auto mse = sm->unprotect(s.transmit(sm->protect({0x00, 0x22, 0x41, 0xA4}, tagged(0x80, caOid), std::nullopt)));
    BOOST_TEST_REQUIRE(mse.second == 0x9000);
    Bytes point = uncompressedPoint(eph);
    auto ga = sm->unprotect(s.transmit(sm->protect({0x00, 0x86, 0x00, 0x00}, tagged(0x7C, tagged(0x80, point)), 0x00)));
    BOOST_TEST_REQUIRE(ga.second == 0x9000);
    EVP_PKEY_CTX* dctx = EVP_PKEY_CTX_new(eph, nullptr);
    Bytes z(32);
    std::size_t zLen = z.size();
    BOOST_TEST(EVP_PKEY_derive_init(dctx) == 1);
    BOOST_TEST(EVP_PKEY_derive_set_peer(dctx, chipKey) == 1);
    BOOST_TEST(EVP_PKEY_derive(dctx, z.data(), &zLen) == 1);
    EVP_PKEY_CTX_free(dctx);
    EVP_PKEY_free(eph);
    EVP_PKEY_free(chipKey);
    TerminalSm caSm;
    caSm.aes = true;
    caSm.kEnc = derive(z, 1);
    caSm.kMac = derive(z, 2);
    caSm.ssc = Bytes(16, 0);
    BOOST_TEST(readProtected(s, caSm, 0x010D) == fileBytes(card() / "dg13.bin"));
    BOOST_TEST(readProtected(s, caSm, 0x0102) == fileBytes(card() / "dg2.bin"));
    // The old PACE keys no longer work.
    BOOST_TEST(toHex(s.transmit(sm->protect({0x00, 0xB0, 0x81, 0x00}, {}, 0x10))) == "6988");
}

BOOST_AUTO_TEST_CASE(vcard_max_le_select_mf_delay_no_pace_and_can_override)
{
    {
        Vcard vcard({"--max-le", "160", "--select-mf", "6D00", "--delay-ms", "150"});
        PcscSession s;
        BOOST_TEST_REQUIRE(s.waitForCard(true, 10000));
        s.connect();
        BOOST_TEST(sw(s.transmit({0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00})) == 0x6D00);
        auto start = Clock::now();
        BOOST_TEST(sw(s.transmit(selectEf(0x011C))) == 0x9000);
        BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count() >= 150);
        BOOST_TEST(sw(s.transmit({0x00, 0xB0, 0x00, 0x00, 0x00})) == 0x6700); // Le 256
        BOOST_TEST(sw(s.transmit({0x00, 0xB0, 0x00, 0x00, 0xA1})) == 0x6700); // 161
        Bytes ok = s.transmit({0x00, 0xB0, 0x00, 0x00, 0xA0});
        BOOST_TEST(sw(ok) == 0x9000);
        BOOST_TEST(body(ok) == fileBytes(card() / "cardaccess.bin"));
    }
    {
        Vcard vcard({"--no-pace"});
        PcscSession s;
        BOOST_TEST_REQUIRE(s.waitForCard(true, 10000));
        s.connect();
        BOOST_TEST(sw(s.transmit(selectEf(0x011C))) == 0x6A82);
        BOOST_TEST(sw(s.transmit(kSelectAid)) == 0x9000);
        std::uint16_t status = 0;
        BOOST_TEST(bac(s, kDoc, kDob, kDoe, status).has_value());
        BOOST_TEST(sw(s.transmit({0x00, 0x22, 0xC1, 0xA4, 0x0F, 0x80, 0x0A, 0x04, 0x00, 0x7F,
                                  0x00, 0x07, 0x02, 0x02, 0x04, 0x02, 0x02, 0x83, 0x01, 0x02})) == 0x6A80);
    }
    {
        Vcard vcard({"--can", "654321"});
        PcscSession s;
        BOOST_TEST_REQUIRE(s.waitForCard(true, 10000));
        s.connect();
        std::uint16_t status = 0;
        BOOST_TEST(!pace(s, kCan, status).has_value());
        BOOST_TEST(status == 0x6300);
        BOOST_TEST(pace(s, "654321", status).has_value());
    }
}

BOOST_AUTO_TEST_CASE(vcard_remove_after_and_malformed)
{
    {
        Vcard vcard({"--malformed", "2"});
        PcscSession s;
        BOOST_TEST_REQUIRE(s.waitForCard(true, 10000));
        s.connect();
        BOOST_TEST(sw(s.transmit(selectEf(0x011C))) == 0x9000);
        Bytes garbled = s.transmit({0x00, 0xB0, 0x00, 0x00, 0x00});
        BOOST_TEST(sw(garbled) == 0x9000);
        BOOST_TEST(!readTlv(body(garbled)).has_value(), "the second response should be a truncated TLV");
        Bytes whole = s.transmit({0x00, 0xB0, 0x00, 0x00, 0x00});
        BOOST_TEST(body(whole) == fileBytes(card() / "cardaccess.bin"));
    }
    {
        // Responses: 1 SELECT AID, 2 GET CHALLENGE, 3 MUTUAL AUTHENTICATE, 4 protected SELECT,
        // 5 protected READ BINARY: its MAC is broken, the session itself goes on.
        Vcard vcard({"--malformed", "5"});
        PcscSession s;
        BOOST_TEST_REQUIRE(s.waitForCard(true, 10000));
        s.connect();
        BOOST_TEST(sw(s.transmit(kSelectAid)) == 0x9000);
        std::uint16_t status = 0;
        auto sm = bac(s, kDoc, kDob, kDoe, status);
        BOOST_TEST_REQUIRE(sm.has_value());
        BOOST_TEST(sm->macMatches(s.transmit(sm->protect({0x00, 0xA4, 0x02, 0x0C}, {0x01, 0x1E}, std::nullopt))));
        BOOST_TEST(!sm->macMatches(s.transmit(sm->protect({0x00, 0xB0, 0x00, 0x00}, {}, 0x04))),
                   "the 5th response should carry a broken MAC");
        BOOST_TEST(sm->macMatches(s.transmit(sm->protect({0x00, 0xB0, 0x00, 0x00}, {}, 0x04))));
    }
    {
        Vcard vcard({"--remove-after", "3"});
        PcscSession s;
        BOOST_TEST_REQUIRE(s.waitForCard(true, 10000));
        s.connect();
        BOOST_TEST(sw(s.transmit(kSelectAid)) == 0x9000);
        BOOST_TEST(sw(s.transmit(selectEf(0x011E))) == 0x9000);
        BOOST_TEST(sw(s.transmit(selectEf(0x0101))) == 0x9000);
        BOOST_TEST(vcard.waitForExit() == 0); // the card went away on its own
        BOOST_TEST(!s.tryTransmit(kSelectAid).has_value());
        PcscSession watcher;
        BOOST_TEST(watcher.waitForCard(false, 5000), "the reader still shows a card");
    }
}
