#include "tests/vcard/VirtualCard.h"

#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>

#include <eac/eac.h>
#include <eac/pace.h>
#include <openssl/buffer.h>
#include <openssl/crypto.h>

#include "tests/vcard/CardMaker.h"

namespace da06::vcard {
namespace {

namespace fs = std::filesystem;

const Bytes kAid = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};
constexpr std::uint16_t kFidMf = 0x3F00;
constexpr std::uint16_t kFidCardAccess = 0x011C;
constexpr std::uint16_t kFidDg3 = 0x0103;
constexpr std::uint16_t kFidDg11 = 0x010B;

std::optional<Bytes> readFileBytes(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct BufMemFree {
    void operator()(BUF_MEM* b) const { BUF_MEM_clear_free(b); }
};
using BufPtr = std::unique_ptr<BUF_MEM, BufMemFree>;

BufPtr toBuf(const Bytes& b)
{
    BufPtr m(BUF_MEM_new());
    if (m && BUF_MEM_grow(m.get(), b.size()) == b.size()) {
        if (!b.empty()) {
            std::memcpy(m->data, b.data(), b.size());
        }
        return m;
    }
    return nullptr;
}

Bytes fromBuf(const BUF_MEM* m)
{
    if (!m) {
        return {};
    }
    const auto* p = reinterpret_cast<const std::uint8_t*>(m->data);
    return Bytes(p, p + m->length);
}

Bytes oidContent(const char* dotted)
{
    Bytes der = derOid(dotted);
    return Bytes(der.begin() + 2, der.end());
}

const char* kOidPace = "0.4.0.127.0.7.2.2.4.2.2";
const char* kOidCa = "0.4.0.127.0.7.2.2.3.2.2";

} // namespace

struct VirtualCard::PaceState {
    EAC_CTX* ctx = nullptr;
    PACE_SEC* sec = nullptr;
    int stage = 0; // the next GENERAL AUTHENTICATE step expected (1–4)
    Bytes terminalKey;
    ~PaceState()
    {
        EAC_CTX_clear_free(ctx);
        PACE_SEC_clear_free(sec);
    }
};

VirtualCard::~VirtualCard()
{
    OPENSSL_cleanse(m_can.data(), m_can.size());
}

Result<std::unique_ptr<VirtualCard>> VirtualCard::load(const fs::path& dir, const CardOptions& options)
{
    static const bool eacReady = [] {
        EAC_init();
        return true;
    }();
    (void)eacReady;
    std::unique_ptr<VirtualCard> card(new VirtualCard());
    card->m_options = options;
    struct Entry {
        std::uint16_t fid;
        std::string name;
        bool required;
    };
    const Entry entries[] = {{0x011E, files::kCom, true},
                             {0x0101, files::dataGroup(1), true},
                             {0x0102, files::dataGroup(2), true},
                             {0x010D, files::dataGroup(13), true},
                             {0x010E, files::dataGroup(14), false},
                             {0x010F, files::dataGroup(15), false},
                             {0x011D, files::kSod, true}};
    for (const auto& e : entries) {
        auto b = readFileBytes(dir / e.name);
        if (!b) {
            if (e.required) {
                return fail(ErrorCode::NotFound, "the card folder " + dir.string() + " has no " + e.name);
            }
            continue;
        }
        card->m_appFiles[e.fid] = std::move(*b);
    }
    if (!options.noPace) {
        auto ca = readFileBytes(dir / files::kCardAccess);
        if (!ca) {
            return fail(ErrorCode::NotFound, "the card folder has no " + std::string(files::kCardAccess));
        }
        card->m_mfFiles[kFidCardAccess] = std::move(*ca);
    }
    // BAC keys and CAN from the MRZ in DG1 (ICAO 9303-11 §9.7.2, domain.md).
    auto dg1 = readTlv(card->m_appFiles[0x0101]);
    std::optional<Tlv> mrzTlv = dg1 ? readTlv(dg1->value) : std::nullopt;
    if (!mrzTlv || mrzTlv->tag != 0x5F1F || mrzTlv->value.size() != 90) {
        return fail(ErrorCode::InvalidInput, "DG1 does not hold a TD1 MRZ");
    }
    std::string mrz(mrzTlv->value.begin(), mrzTlv->value.end());
    std::string info = mrz.substr(5, 10) + mrz.substr(30, 7) + mrz.substr(38, 7);
    Bytes seed = sha1(fromString(info));
    seed.resize(16);
    card->m_bacKenc = SecretBytes(kdf(seed, 1, Cipher::Tdes));
    card->m_bacKmac = SecretBytes(kdf(seed, 2, Cipher::Tdes));
    OPENSSL_cleanse(seed.data(), seed.size());
    OPENSSL_cleanse(info.data(), info.size());
    card->m_can = options.canOverride.empty() ? mrz.substr(15 + 6, 6) : options.canOverride;
    if (card->m_appFiles.contains(0x010E)) {
        card->m_caKey = readPrivateKeyPem((dir / files::kCaKey).string());
    }
    if (card->m_appFiles.contains(0x010F)) {
        card->m_aaKey = readPrivateKeyPem((dir / files::kAaKey).string());
        if (!card->m_aaKey) {
            return fail(ErrorCode::NotFound, "DG15 is there but " + std::string(files::kAaKey) + " is not");
        }
    }
    OPENSSL_cleanse(mrz.data(), mrz.size());
    return card;
}

Bytes VirtualCard::atr() const
{
    // T=1 ISO 14443 style ATR with no historical content; TCK = XOR of T0..last.
    return {0x3B, 0x88, 0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09};
}

void VirtualCard::reset()
{
    endSession();
    m_appSelected = false;
    m_currentEf.reset();
}

void VirtualCard::endSession()
{
    m_sm.reset();
    m_nextSm.reset();
    m_rndIc.clear();
    m_caSelected = false;
    resetPace();
}

void VirtualCard::resetPace()
{
    m_pace.reset();
}

void VirtualCard::trace(const std::string& what) const
{
    if (m_options.verbose) {
        std::cerr << "vcard: " << what << "\n";
    }
}

Bytes VirtualCard::process(const Bytes& raw)
{
    m_lastProtected = false;
    auto parsed = parseApdu(raw);
    auto plain = [](const Response& r) {
        Bytes out = r.data;
        out.push_back(static_cast<std::uint8_t>(r.sw >> 8));
        out.push_back(static_cast<std::uint8_t>(r.sw));
        return out;
    };
    if (!parsed) {
        return plain(status(0x6700));
    }
    const Apdu& a = *parsed;
    if ((a.cla & 0x0C) == 0x0C) {
        if (!m_sm) {
            return plain(status(0x6882)); // secure messaging not established
        }
        auto inner = m_sm->unwrap(a);
        if (!inner) {
            trace("secure messaging error: session ended");
            std::uint16_t sw = inner.error();
            endSession();
            return plain(status(sw));
        }
        Response r = dispatch(*inner, true);
        if (!m_sm) { // the command ended the session (e.g. a failed authentication)
            return plain(r);
        }
        m_lastProtected = true;
        Bytes out = m_sm->wrap(r.data, r.sw);
        if (m_nextSm) {
            m_sm = std::move(m_nextSm);
            trace("chip authentication: new session keys");
        }
        return out;
    }
    if (m_sm) {
        trace("plain command in a secure session: session ended");
        endSession();
    }
    return plain(dispatch(a, false));
}

VirtualCard::Response VirtualCard::dispatch(const Apdu& a, bool secured)
{
    if ((a.cla & 0xE0) != 0) {
        return status(0x6E00);
    }
    if ((a.cla & 0x10) && a.ins != 0x86) {
        return status(0x6884); // command chaining not supported
    }
    switch (a.ins) {
    case 0xA4:
        return select(a, secured);
    case 0xB0:
        return readBinary(a, secured);
    case 0x84:
        return getChallenge(a);
    case 0x82:
        return mutualAuthenticate(a);
    case 0x22:
        return manageSecurityEnvironment(a, secured);
    case 0x86:
        return generalAuthenticate(a, secured);
    case 0x88:
        return internalAuthenticate(a, secured);
    default:
        return status(0x6D00);
    }
}

VirtualCard::Response VirtualCard::select(const Apdu& a, bool /*secured*/)
{
    if (a.p2 != 0x0C && a.p2 != 0x00 && a.p2 != 0x04) {
        return status(0x6A86);
    }
    if (a.p1 == 0x04) {
        if (a.data != kAid) {
            return status(0x6A82);
        }
        m_appSelected = true;
        m_currentEf.reset();
        trace("SELECT eMRTD application");
        if (a.p2 != 0x0C && a.ne) {
            return Response{tlv(0x6F, tlv(0x84, kAid)), kSwOk};
        }
        return status(kSwOk);
    }
    if (a.p1 == 0x00 && (a.data.empty() || a.data == Bytes{0x3F, 0x00})) {
        if (m_options.selectMfSw) {
            return status(*m_options.selectMfSw);
        }
        m_appSelected = false;
        m_currentEf.reset();
        return status(kSwOk);
    }
    if ((a.p1 != 0x00 && a.p1 != 0x02) || a.data.size() != 2) {
        return a.data.size() != 2 && (a.p1 == 0x00 || a.p1 == 0x02) ? status(0x6700) : status(0x6A86);
    }
    std::uint16_t fid = static_cast<std::uint16_t>((a.data[0] << 8) | a.data[1]);
    if (fid == kFidMf) {
        return status(0x6A82);
    }
    const auto& files = m_appSelected ? m_appFiles : m_mfFiles;
    if (!files.contains(fid) && !(m_appSelected && fid == kFidDg3)) {
        return status(0x6A82); // DG11 and every other absent file
    }
    m_currentEf = fid;
    if (a.p2 != 0x0C && a.ne && files.contains(fid)) {
        // A minimal FCP: the file size and identifier.
        std::size_t size = files.at(fid).size();
        Bytes fcp = concat(
            {tlv(0x80, {static_cast<std::uint8_t>(size >> 8), static_cast<std::uint8_t>(size)}), tlv(0x83, a.data)});
        return Response{tlv(0x62, fcp), kSwOk};
    }
    return status(kSwOk);
}

VirtualCard::Response VirtualCard::readBinary(const Apdu& a, bool secured)
{
    std::size_t offset = 0;
    if (a.p1 & 0x80) {
        if (a.p1 & 0x60) {
            return status(0x6A86);
        }
        std::uint16_t fid = static_cast<std::uint16_t>(0x0100 | (a.p1 & 0x1F));
        const auto& files = m_appSelected ? m_appFiles : m_mfFiles;
        if (fid == kFidDg11 || (!files.contains(fid) && !(m_appSelected && fid == kFidDg3))) {
            return status(0x6A82);
        }
        m_currentEf = fid;
        offset = a.p2;
    } else {
        offset = (std::size_t(a.p1 & 0x7F) << 8) | a.p2;
    }
    if (!m_currentEf) {
        return status(0x6986); // no current EF
    }
    if (!a.ne || !a.data.empty()) {
        return status(0x6700);
    }
    if (m_options.maxLe != 0 && *a.ne > m_options.maxLe) {
        return status(0x6700);
    }
    std::uint16_t fid = *m_currentEf;
    if (fid == kFidDg3) {
        return status(0x6982); // needs terminal authentication, which this card does not grant
    }
    const Bytes* content = nullptr;
    if (!m_appSelected) {
        content = &m_mfFiles.at(fid); // EF.CardAccess: free to read
    } else {
        if (!secured) {
            return status(0x6982);
        }
        content = &m_appFiles.at(fid);
    }
    if (offset >= content->size()) {
        return status(0x6B00);
    }
    std::size_t n = std::min(*a.ne, content->size() - offset);
    auto begin = content->begin() + static_cast<std::ptrdiff_t>(offset);
    return Response{Bytes(begin, begin + static_cast<std::ptrdiff_t>(n)), kSwOk};
}

VirtualCard::Response VirtualCard::getChallenge(const Apdu& a)
{
    if (a.p1 != 0 || a.p2 != 0) {
        return status(0x6A86);
    }
    if (!a.ne || *a.ne != 8 || !a.data.empty()) {
        return status(0x6700);
    }
    m_rndIc = randomBytes(8);
    return Response{m_rndIc, kSwOk};
}

VirtualCard::Response VirtualCard::mutualAuthenticate(const Apdu& a)
{
    if (a.p1 != 0 || a.p2 != 0) {
        return status(0x6A86);
    }
    if (a.data.size() != 40) {
        return status(0x6700);
    }
    if (m_rndIc.size() != 8) {
        return status(0x6985); // GET CHALLENGE first
    }
    Bytes rndIc = std::move(m_rndIc);
    m_rndIc.clear();
    Bytes eIfd(a.data.begin(), a.data.begin() + 32);
    Bytes mIfd(a.data.begin() + 32, a.data.end());
    Bytes expected = retailMac(m_bacKmac.bytes(), pad(eIfd, 8));
    if (CRYPTO_memcmp(expected.data(), mIfd.data(), 8) != 0) {
        ++m_wrongPasswords;
        trace("BAC: wrong MAC (try " + std::to_string(m_wrongPasswords) + ")");
        return status(0x6300);
    }
    SecretBytes s(tdesCbc(m_bacKenc.bytes(), Bytes(8, 0), eIfd, false));
    const Bytes& sb = s.bytes();
    if (!std::equal(rndIc.begin(), rndIc.end(), sb.begin() + 8)) {
        ++m_wrongPasswords;
        return status(0x6300);
    }
    Bytes rndIfd(sb.begin(), sb.begin() + 8);
    SecretBytes kIfd(Bytes(sb.begin() + 16, sb.end()));
    SecretBytes kIc(randomBytes(16));
    SecretBytes r(concat({rndIc, rndIfd, kIc.bytes()}));
    Bytes eIc = tdesCbc(m_bacKenc.bytes(), Bytes(8, 0), r.bytes(), true);
    Bytes mIc = retailMac(m_bacKmac.bytes(), pad(eIc, 8));
    Bytes seed(16);
    for (std::size_t i = 0; i < 16; ++i) {
        seed[i] = kIfd.bytes()[i] ^ kIc.bytes()[i];
    }
    SecretBytes seedS(std::move(seed));
    Bytes ssc = concat({Bytes(rndIc.begin() + 4, rndIc.end()), Bytes(rndIfd.begin() + 4, rndIfd.end())});
    endSession();
    m_sm = std::make_unique<SecureChannel>(Cipher::Tdes, SecretBytes(kdf(seedS.bytes(), 1, Cipher::Tdes)),
                                           SecretBytes(kdf(seedS.bytes(), 2, Cipher::Tdes)), ssc);
    trace("BAC: secure messaging (3DES) established");
    return Response{concat({eIc, mIc}), kSwOk};
}

VirtualCard::Response VirtualCard::manageSecurityEnvironment(const Apdu& a, bool secured)
{
    auto list = readTlvList(a.data);
    if (!list) {
        return status(0x6A80);
    }
    const Tlv* oid = findTag(*list, 0x80);
    if (a.p1 == 0xC1 && a.p2 == 0xA4) { // PACE: Set AT for mutual authentication
        const Tlv* ref = findTag(*list, 0x83);
        resetPace();
        if (m_options.noPace) {
            return status(0x6A80);
        }
        if (!oid || !ref) {
            return status(0x6A80);
        }
        if (oid->value != oidContent(kOidPace)) {
            return status(0x6A80);
        }
        if (ref->value != Bytes{0x02}) {
            return status(0x6A88); // only the CAN is a PACE password on this card
        }
        auto state = std::make_unique<PaceState>();
        state->ctx = EAC_CTX_new();
        const Bytes& ca = m_mfFiles.at(kFidCardAccess);
        if (!state->ctx || !EAC_CTX_init_ef_cardaccess(ca.data(), ca.size(), state->ctx) || !state->ctx->pace_ctx) {
            return status(0x6F00);
        }
        state->sec = PACE_SEC_new(m_can.data(), m_can.size(), PACE_CAN);
        if (!state->sec) {
            return status(0x6F00);
        }
        state->stage = 1;
        m_pace = std::move(state);
        trace("PACE: MSE:Set AT with the CAN");
        return status(kSwOk);
    }
    if (a.p1 == 0x41 && a.p2 == 0xA4) { // chip authentication: Set AT for internal authentication
        if (!secured) {
            return status(0x6982);
        }
        if (!m_caKey) {
            return status(0x6A88);
        }
        if (!oid || oid->value != oidContent(kOidCa)) {
            return status(0x6A80);
        }
        m_caSelected = true;
        return status(kSwOk);
    }
    return status(0x6A86);
}

VirtualCard::Response VirtualCard::generalAuthenticate(const Apdu& a, bool secured)
{
    if (a.p1 != 0 || a.p2 != 0) {
        return status(0x6A86);
    }
    if (m_caSelected) {
        return chipAuthenticate(a, secured);
    }
    if (m_pace) {
        return pace(a);
    }
    return status(0x6985);
}

VirtualCard::Response VirtualCard::pace(const Apdu& a)
{
    auto outer = readTlv(a.data);
    if (!outer || outer->tag != 0x7C || outer->totalSize() != a.data.size()) {
        resetPace();
        return status(0x6A80);
    }
    auto inner = readTlvList(outer->value);
    if (!inner) {
        resetPace();
        return status(0x6A80);
    }
    auto expect = [&](std::uint32_t tag) -> const Tlv* {
        if (inner->size() != 1 || inner->front().tag != tag) {
            return nullptr;
        }
        return &inner->front();
    };
    PaceState& st = *m_pace;
    auto reply = [](std::uint32_t tag, const Bytes& v) { return Response{tlv(0x7C, tlv(tag, v)), kSwOk}; };
    switch (st.stage) {
    case 1: {
        if (!inner->empty()) {
            resetPace();
            return status(0x6A80);
        }
        BufPtr enc(PACE_STEP1_enc_nonce(st.ctx, st.sec));
        if (!enc) {
            resetPace();
            return status(0x6F00);
        }
        st.stage = 2;
        return reply(0x80, fromBuf(enc.get()));
    }
    case 2: {
        const Tlv* t = expect(0x81);
        if (!t) {
            resetPace();
            return status(0x6A80);
        }
        BufPtr mine(PACE_STEP3A_generate_mapping_data(st.ctx));
        BufPtr theirs = toBuf(t->value);
        if (!mine || !theirs || !PACE_STEP3A_map_generator(st.ctx, theirs.get())) {
            resetPace();
            return status(0x6A80);
        }
        st.stage = 3;
        return reply(0x82, fromBuf(mine.get()));
    }
    case 3: {
        const Tlv* t = expect(0x83);
        if (!t) {
            resetPace();
            return status(0x6A80);
        }
        BufPtr mine(PACE_STEP3B_generate_ephemeral_key(st.ctx));
        BufPtr theirs = toBuf(t->value);
        if (!mine || !theirs || fromBuf(mine.get()) == t->value ||
            !PACE_STEP3B_compute_shared_secret(st.ctx, theirs.get())) {
            resetPace();
            return status(0x6A80);
        }
        st.terminalKey = t->value;
        st.stage = 4;
        return reply(0x84, fromBuf(mine.get()));
    }
    case 4: {
        const Tlv* t = expect(0x85);
        if (!t || (a.cla & 0x10)) {
            resetPace();
            return status(0x6A80);
        }
        BufPtr token = toBuf(t->value);
        if (!PACE_STEP3C_derive_keys(st.ctx) || PACE_STEP3D_verify_authentication_token(st.ctx, token.get()) != 1) {
            ++m_wrongPasswords;
            trace("PACE: the terminal's token is wrong (try " + std::to_string(m_wrongPasswords) + ")");
            resetPace();
            return status(0x6300);
        }
        BufPtr terminalKey = toBuf(st.terminalKey);
        BufPtr mine(PACE_STEP3D_compute_authentication_token(st.ctx, terminalKey.get()));
        KA_CTX* ka = st.ctx->pace_ctx->ka_ctx;
        if (!mine || !ka || !ka->k_enc || !ka->k_mac) {
            resetPace();
            return status(0x6F00);
        }
        SecretBytes kEnc(fromBuf(ka->k_enc));
        SecretBytes kMac(fromBuf(ka->k_mac));
        Response r = reply(0x86, fromBuf(mine.get()));
        endSession();
        m_sm = std::make_unique<SecureChannel>(Cipher::Aes128, std::move(kEnc), std::move(kMac), Bytes(16, 0));
        m_wrongPasswords = 0;
        trace("PACE: secure messaging (AES) established");
        return r;
    }
    default:
        resetPace();
        return status(0x6985);
    }
}

VirtualCard::Response VirtualCard::chipAuthenticate(const Apdu& a, bool secured)
{
    m_caSelected = false;
    if (!secured) {
        return status(0x6982);
    }
    auto outer = readTlv(a.data);
    std::optional<std::vector<Tlv>> inner = outer && outer->tag == 0x7C ? readTlvList(outer->value) : std::nullopt;
    const Tlv* key = inner ? findTag(*inner, 0x80) : nullptr;
    if (!key) {
        return status(0x6A80);
    }
    Bytes z = ecdhSharedX(m_caKey.get(), key->value);
    if (z.empty()) {
        return status(0x6A80);
    }
    SecretBytes secret(std::move(z));
    m_nextSm = std::make_unique<SecureChannel>(Cipher::Aes128, SecretBytes(kdf(secret.bytes(), 1, Cipher::Aes128)),
                                               SecretBytes(kdf(secret.bytes(), 2, Cipher::Aes128)), Bytes(16, 0));
    return Response{tlv(0x7C, {}), kSwOk};
}

VirtualCard::Response VirtualCard::internalAuthenticate(const Apdu& a, bool secured)
{
    if (!m_aaKey) {
        return status(0x6D00);
    }
    if (!secured) {
        return status(0x6982);
    }
    if (a.p1 != 0 || a.p2 != 0) {
        return status(0x6A86);
    }
    if (a.data.size() != 8 || !a.ne) {
        return status(0x6700);
    }
    return Response{ecdsaPlainSha256(m_aaKey.get(), a.data), kSwOk};
}

} // namespace da06::vcard
