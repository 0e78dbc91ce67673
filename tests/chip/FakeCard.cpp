#include "tests/chip/FakeCard.h"

#include <cstring>

#include <eac/eac.h>
#include <eac/pace.h>
#include <openssl/buffer.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "domain/identity/chip/Tlv.h"

using namespace da06;
using namespace da06::emrtd;
using da06::chip::encodeTlv;

namespace chiptest {

namespace {

Bytes macOf(bool aes, ByteView key, const Bytes& ssc, ByteView data)
{
    Bytes in = ssc;
    in.insert(in.end(), data.begin(), data.end());
    if (!aes) {
        return *retailMac(key, padIso9797(in, 8));
    }
    Bytes m = *aesCmac(key, padIso9797(in, 16));
    m.resize(8);
    return m;
}

void inc(Bytes& ssc)
{
    for (std::size_t i = ssc.size(); i-- > 0;) {
        if (++ssc[i] != 0) {
            break;
        }
    }
}

BUF_MEM* buf(const Bytes& b)
{
    BUF_MEM* m = BUF_MEM_new();
    BUF_MEM_grow(m, b.size());
    std::memcpy(m->data, b.data(), b.size());
    m->length = b.size();
    return m;
}

Bytes bytesOf(const BUF_MEM* m)
{
    return m ? Bytes(reinterpret_cast<const std::uint8_t*>(m->data),
                     reinterpret_cast<const std::uint8_t*>(m->data) + m->length)
             : Bytes{};
}

} // namespace

struct FakeCard::Pace {
    EAC_CTX* ctx = nullptr;
    PACE_SEC* sec = nullptr;
    Bytes terminalEph;
    int step = 0;
    ~Pace()
    {
        EAC_CTX_clear_free(ctx);
        PACE_SEC_clear_free(sec);
    }
};

FakeCard::FakeCard(FakeCardConfig config) : m_config(std::move(config))
{
    static bool once = [] {
        EAC_init();
        return true;
    }();
    (void)once;
}

FakeCard::~FakeCard() = default;

Result<readers::ResponseApdu> FakeCard::transmit(std::span<const std::uint8_t> apdu)
{
    ++m_count;
    if (onCommand) {
        onCommand();
    }
    if (m_config.removeAfter >= 0 && static_cast<long>(m_count) > m_config.removeAfter) {
        return fail(ErrorCode::CardRemoved, "the card was removed");
    }
    if (apdu.size() < 4) {
        return readers::ResponseApdu{{}, 0x6700};
    }
    const std::uint8_t cla = apdu[0];
    const std::uint8_t ins = apdu[1];
    const std::uint8_t p1 = apdu[2];
    const std::uint8_t p2 = apdu[3];
    Bytes data;
    int le = -1;
    if (apdu.size() == 5) {
        le = apdu[4] == 0 ? 256 : apdu[4];
    } else if (apdu.size() > 5) {
        const std::size_t lc = apdu[4];
        if (apdu.size() < 5 + lc) {
            return readers::ResponseApdu{{}, 0x6700};
        }
        data.assign(apdu.begin() + 5, apdu.begin() + 5 + static_cast<long>(lc));
        if (apdu.size() == 6 + lc) {
            le = apdu[5 + lc] == 0 ? 256 : apdu[5 + lc];
        }
    }
    const bool secured = (cla & 0x0C) == 0x0C;
    if (!secured) {
        if (m_sm && ins != 0xA4) {
            m_sm = false; // a plain command ends secure messaging
        }
        Reply r = process(cla, ins, p1, p2, data, le);
        return readers::ResponseApdu{r.data, r.sw};
    }
    if (!m_sm) {
        return readers::ResponseApdu{{}, 0x6987};
    }
    // Unwrap the command.
    inc(m_ssc);
    auto objects = chip::parseTlvList(data, false);
    if (!objects) {
        m_sm = false;
        return readers::ResponseApdu{{}, 0x6988};
    }
    Bytes macInput = padIso9797(Bytes{static_cast<std::uint8_t>(cla), ins, p1, p2}, m_aes ? 16 : 8);
    Bytes plain;
    Bytes encrypted;
    int innerLe = -1;
    Bytes mac;
    for (const auto& t : *objects) {
        if (t.tag == 0x8E) {
            mac.assign(t.value.begin(), t.value.end());
            continue;
        }
        macInput.insert(macInput.end(), t.whole.begin(), t.whole.end());
        if (t.tag == 0x87) {
            encrypted.assign(t.value.begin() + 1, t.value.end());
        } else if (t.tag == 0x97) {
            innerLe = t.value[0] == 0 ? 256 : t.value[0];
        }
    }
    if (mac != macOf(m_aes, m_kMac.view(), m_ssc, macInput)) {
        m_sm = false;
        return readers::ResponseApdu{{}, 0x6988};
    }
    if (!encrypted.empty()) {
        Bytes iv;
        if (m_aes) {
            iv = *aesEcbEncrypt(m_kEnc.view(), m_ssc);
        }
        auto dec = m_aes ? aesCbcDecrypt(m_kEnc.view(), encrypted, iv) : des3CbcDecrypt(m_kEnc.view(), encrypted);
        auto unpadded = dec ? unpadIso9797(*dec) : Result<Bytes>(std::unexpected(dec.error()));
        if (!unpadded) {
            m_sm = false;
            return readers::ResponseApdu{{}, 0x6988};
        }
        plain = *unpadded;
    }
    Reply r = process(static_cast<std::uint8_t>(cla & ~0x0C), ins, p1, p2, plain, innerLe);
    if (!m_sm) {
        return readers::ResponseApdu{{}, r.sw};
    }
    // Wrap the answer.
    inc(m_ssc);
    Bytes body;
    if (!r.data.empty()) {
        Bytes padded = padIso9797(r.data, m_aes ? 16 : 8);
        Bytes iv;
        if (m_aes) {
            iv = *aesEcbEncrypt(m_kEnc.view(), m_ssc);
        }
        auto enc = m_aes ? aesCbcEncrypt(m_kEnc.view(), padded, iv) : des3CbcEncrypt(m_kEnc.view(), padded);
        Bytes v{0x01};
        v.insert(v.end(), enc->begin(), enc->end());
        body = encodeTlv(0x87, v);
    }
    const Bytes do99{0x99, 0x02, static_cast<std::uint8_t>(r.sw >> 8), static_cast<std::uint8_t>(r.sw)};
    body.insert(body.end(), do99.begin(), do99.end());
    Bytes m = macOf(m_aes, m_kMac.view(), m_ssc, body);
    if (m_config.corruptMacAt == static_cast<long>(m_count)) {
        m[0] ^= 0x01;
    }
    const Bytes do8e = encodeTlv(0x8E, m);
    body.insert(body.end(), do8e.begin(), do8e.end());
    if (m_pendingKeys) {
        m_kEnc = std::move(m_pendingKeys->first);
        m_kMac = std::move(m_pendingKeys->second);
        m_aes = true;
        m_ssc = Bytes(16, 0);
        m_pendingKeys.reset();
    }
    return readers::ResponseApdu{body, 0x9000};
}

FakeCard::Reply FakeCard::process(std::uint8_t, std::uint8_t ins, std::uint8_t p1, std::uint8_t p2, const Bytes& data,
                                  int le)
{
    switch (ins) {
    case 0xA4: {
        if (p1 == 0x04) {
            static const Bytes aid{0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};
            if (data != aid) {
                return {{}, 0x6A82};
            }
            m_appSelected = true;
            m_file.reset();
            return {};
        }
        if (p1 == 0x00) {
            if (!m_config.mfSelectable) {
                return {{}, 0x6D00};
            }
            m_appSelected = false;
            m_file.reset();
            return {};
        }
        if (p1 == 0x02 && data.size() == 2) {
            const auto fid = static_cast<std::uint16_t>((data[0] << 8) | data[1]);
            if (fid == 0x0103 || fid == 0x010B) {
                return {{}, 0x6982};
            }
            if (fid != 0x011C && !m_sm) {
                return {{}, 0x6982};
            }
            if (!m_config.files.contains(fid)) {
                return {{}, 0x6A82};
            }
            m_file = fid;
            return {};
        }
        return {{}, 0x6A86};
    }
    case 0xB0: {
        ++m_readBinaries;
        if (!m_file) {
            return {{}, 0x6986};
        }
        if (le > m_config.maxLe) {
            return {{}, 0x6700};
        }
        const Bytes& f = m_config.files.at(*m_file);
        const std::size_t offset = static_cast<std::size_t>((p1 << 8) | p2);
        if (offset > f.size()) {
            return {{}, 0x6B00};
        }
        const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(le < 0 ? 256 : le), f.size() - offset);
        return {Bytes(f.begin() + static_cast<long>(offset), f.begin() + static_cast<long>(offset + n)), 0x9000};
    }
    case 0x84: {
        m_rndIc = *randomBytes(8);
        return {m_rndIc, 0x9000};
    }
    case 0x82:
        return bacMutualAuthenticate(data);
    case 0x22: {
        if (p1 == 0xC1 && p2 == 0xA4) {
            if (m_config.can.empty() || !m_config.files.contains(0x011C)) {
                return {{}, 0x6A80};
            }
            m_pace = std::make_unique<Pace>();
            m_pace->ctx = EAC_CTX_new();
            const Bytes& ca = m_config.files.at(0x011C);
            EAC_CTX_init_ef_cardaccess(ca.data(), ca.size(), m_pace->ctx);
            m_pace->sec = PACE_SEC_new(m_config.can.data(), m_config.can.size(), PACE_CAN);
            return {};
        }
        if (p1 == 0x41 && p2 == 0xA4) {
            return m_config.chipAuthKey ? Reply{} : Reply{{}, 0x6A80};
        }
        return {{}, 0x6A86};
    }
    case 0x86:
        return m_pace && m_pace->step < 4 ? paceStep(data) : chipAuthenticate(data);
    case 0x88:
        return internalAuthenticate(data);
    default:
        return {{}, 0x6D00};
    }
}

FakeCard::Reply FakeCard::bacMutualAuthenticate(const Bytes& data)
{
    if (data.size() != 40 || m_rndIc.empty()) {
        return {{}, 0x6700};
    }
    auto seed =
        hash(HashAlgorithm::Sha1, ByteView(reinterpret_cast<const std::uint8_t*>(m_config.mrzInformation.data()),
                                           m_config.mrzInformation.size()));
    seed->resize(16);
    auto kEnc = deriveKey(*seed, 1, KeyKind::Des3);
    auto kMac = deriveKey(*seed, 2, KeyKind::Des3);
    const ByteView e(data.data(), 32);
    if (*retailMac(kMac->view(), padIso9797(e, 8)) != Bytes(data.begin() + 32, data.end())) {
        return {{}, 0x6300};
    }
    Bytes s = *des3CbcDecrypt(kEnc->view(), e);
    if (!std::equal(m_rndIc.begin(), m_rndIc.end(), s.begin() + 8)) {
        return {{}, 0x6300};
    }
    const Bytes kIc = *randomBytes(16);
    Bytes r(s.begin() + 8, s.begin() + 16);
    r.insert(r.end(), s.begin(), s.begin() + 8);
    r.insert(r.end(), kIc.begin(), kIc.end());
    Bytes eIc = *des3CbcEncrypt(kEnc->view(), r);
    const Bytes mIc = *retailMac(kMac->view(), padIso9797(eIc, 8));
    Bytes seed2(16);
    for (int i = 0; i < 16; ++i) {
        seed2[static_cast<std::size_t>(i)] =
            static_cast<std::uint8_t>(s[16 + static_cast<std::size_t>(i)] ^ kIc[static_cast<std::size_t>(i)]);
    }
    m_kEnc = std::move(*deriveKey(seed2, 1, KeyKind::Des3));
    m_kMac = std::move(*deriveKey(seed2, 2, KeyKind::Des3));
    m_ssc.assign(m_rndIc.begin() + 4, m_rndIc.end());
    m_ssc.insert(m_ssc.end(), s.begin() + 4, s.begin() + 8);
    m_aes = false;
    m_sm = true;
    eIc.insert(eIc.end(), mIc.begin(), mIc.end());
    return {eIc, 0x9000};
}

FakeCard::Reply FakeCard::paceStep(const Bytes& data)
{
    auto t = chip::parseTlv(data);
    if (!t || t->tag != 0x7C) {
        return {{}, 0x6A80};
    }
    Pace& p = *m_pace;
    auto answer = [](std::uint32_t tag, const Bytes& v) { return Reply{encodeTlv(0x7C, encodeTlv(tag, v)), 0x9000}; };
    switch (p.step++) {
    case 0: {
        BUF_MEM* enc = PACE_STEP1_enc_nonce(p.ctx, p.sec);
        Bytes e = bytesOf(enc);
        BUF_MEM_free(enc);
        return answer(0x80, e);
    }
    case 1: {
        const auto* m = t->find(0x81);
        BUF_MEM* mine = PACE_STEP3A_generate_mapping_data(p.ctx);
        BUF_MEM* theirs = buf(Bytes(m->value.begin(), m->value.end()));
        PACE_STEP3A_map_generator(p.ctx, theirs);
        Bytes out = bytesOf(mine);
        BUF_MEM_free(mine);
        BUF_MEM_free(theirs);
        return answer(0x82, out);
    }
    case 2: {
        const auto* k = t->find(0x83);
        p.terminalEph.assign(k->value.begin(), k->value.end());
        BUF_MEM* mine = PACE_STEP3B_generate_ephemeral_key(p.ctx);
        BUF_MEM* theirs = buf(p.terminalEph);
        PACE_STEP3B_compute_shared_secret(p.ctx, theirs);
        PACE_STEP3C_derive_keys(p.ctx);
        Bytes out = bytesOf(mine);
        BUF_MEM_free(mine);
        BUF_MEM_free(theirs);
        return answer(0x84, out);
    }
    default: {
        const auto* tok = t->find(0x85);
        BUF_MEM* token = buf(Bytes(tok->value.begin(), tok->value.end()));
        const int ok = PACE_STEP3D_verify_authentication_token(p.ctx, token);
        BUF_MEM_free(token);
        if (ok != 1) {
            m_pace.reset();
            return {{}, 0x6300};
        }
        BUF_MEM* theirs = buf(p.terminalEph);
        BUF_MEM* mine = PACE_STEP3D_compute_authentication_token(p.ctx, theirs);
        Bytes out = bytesOf(mine);
        BUF_MEM_free(mine);
        BUF_MEM_free(theirs);
        m_kEnc = SecretBytes(bytesOf(p.ctx->pace_ctx->ka_ctx->k_enc));
        m_kMac = SecretBytes(bytesOf(p.ctx->pace_ctx->ka_ctx->k_mac));
        m_ssc = Bytes(16, 0);
        m_aes = true;
        m_sm = true;
        return answer(0x86, out);
    }
    }
}

FakeCard::Reply FakeCard::chipAuthenticate(const Bytes& data)
{
    auto t = chip::parseTlv(data);
    if (!t || t->tag != 0x7C || !t->find(0x80) || !m_config.chipAuthKey) {
        return {{}, 0x6A80};
    }
    const auto* k = t->find(0x80);
    // The terminal's ephemeral point on the chip key's group.
    EVP_PKEY* peer = nullptr;
    {
        char group[] = "P-256";
        Bytes pub(k->value.begin(), k->value.end());
        OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
                               OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, pub.data(), pub.size()),
                               OSSL_PARAM_construct_end()};
        EVP_PKEY_CTX* f = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
        EVP_PKEY_fromdata_init(f);
        EVP_PKEY_fromdata(f, &peer, EVP_PKEY_PUBLIC_KEY, params);
        EVP_PKEY_CTX_free(f);
    }
    if (!peer) {
        return {{}, 0x6A80};
    }
    EVP_PKEY_CTX* d = EVP_PKEY_CTX_new(m_config.chipAuthKey, nullptr);
    std::size_t n = 0;
    EVP_PKEY_derive_init(d);
    EVP_PKEY_derive_set_peer(d, peer);
    EVP_PKEY_derive(d, nullptr, &n);
    Bytes secret(n);
    EVP_PKEY_derive(d, secret.data(), &n);
    EVP_PKEY_CTX_free(d);
    EVP_PKEY_free(peer);
    m_pendingKeys.emplace(std::move(*deriveKey(secret, 1, KeyKind::Aes128)),
                          std::move(*deriveKey(secret, 2, KeyKind::Aes128)));
    return {Bytes{0x7C, 0x00}, 0x9000};
}

FakeCard::Reply FakeCard::internalAuthenticate(const Bytes& data)
{
    if (!m_config.activeAuthKey) {
        return {{}, 0x6D00};
    }
    Bytes msg = data;
    if (m_config.signWrongly) {
        msg[0] ^= 0xFF;
    }
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    std::size_t n = 0;
    EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, m_config.activeAuthKey);
    EVP_DigestSign(md, nullptr, &n, msg.data(), msg.size());
    Bytes der(n);
    EVP_DigestSign(md, der.data(), &n, msg.data(), msg.size());
    der.resize(n);
    EVP_MD_CTX_free(md);
    const unsigned char* p = der.data();
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
    Bytes plain(64);
    BN_bn2binpad(ECDSA_SIG_get0_r(sig), plain.data(), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig), plain.data() + 32, 32);
    ECDSA_SIG_free(sig);
    return {plain, 0x9000};
}

} // namespace chiptest
