// PACE (ICAO 9303-11 §4.4, §9.2 PACEInfo, §9.5 MSE:Set AT / GENERAL AUTHENTICATE), OpenPACE steps.
#include "client/readers/emrtd/Pace.h"

#include <memory>
#include <mutex>

#include <eac/eac.h>
#include <eac/pace.h>
#include <openssl/buffer.h>
#include <openssl/objects.h>

#include "domain/identity/chip/DataGroups.h"
#include "domain/identity/chip/Tlv.h"

namespace da06::emrtd {

namespace {

struct EacCtxFree {
    void operator()(EAC_CTX* c) const { EAC_CTX_clear_free(c); }
};
struct PaceSecFree {
    void operator()(PACE_SEC* s) const { PACE_SEC_clear_free(s); }
};
struct BufMemFree {
    void operator()(BUF_MEM* b) const
    {
        if (b) {
            OPENSSL_cleanse(b->data, b->max);
            BUF_MEM_free(b);
        }
    }
};
using BufPtr = std::unique_ptr<BUF_MEM, BufMemFree>;

void initEac()
{
    static std::once_flag once;
    std::call_once(once, [] { EAC_init(); });
}

BufPtr toBuf(ByteView b)
{
    BufPtr buf(BUF_MEM_new());
    if (buf && BUF_MEM_grow(buf.get(), b.size()) == b.size()) {
        std::copy(b.begin(), b.end(), reinterpret_cast<std::uint8_t*>(buf->data));
        buf->length = b.size();
        return buf;
    }
    return nullptr;
}

ByteView viewOf(const BUF_MEM* b)
{
    return b ? ByteView(reinterpret_cast<const std::uint8_t*>(b->data), b->length) : ByteView{};
}

// GENERAL AUTHENTICATE with 7C{tag data}; returns the value of the answer's object `answerTag`.
Result<Bytes> generalAuthenticate(CardSession& s, bool last, std::uint32_t tag, ByteView data, std::uint32_t answerTag,
                                  const char* step)
{
    const Bytes inner = data.empty() && tag == 0 ? Bytes{} : chip::encodeTlv(tag, data);
    CommandApdu c{static_cast<std::uint8_t>(last ? 0x00 : 0x10), 0x86, 0x00, 0x00, chip::encodeTlv(0x7C, inner), 256};
    DA06_TRY(r, s.send(c));
    if (r->sw == 0x6300 || (r->sw & 0xFFF0) == 0x63C0 || r->sw == 0x6982 || r->sw == 0x6983) {
        return fail(ErrorCode::AccessDenied, "the chip refused the access number (CAN): check the card number");
    }
    if (r->sw != 0x9000) {
        return fail(ErrorCode::Protocol, std::string("PACE ") + step + " answered " + swText(r->sw));
    }
    auto t = chip::parseTlv(r->data);
    if (!t || t->tag != 0x7C) {
        return fail(ErrorCode::Protocol, std::string("PACE ") + step + ": malformed answer");
    }
    const chip::Tlv* v = t->find(answerTag);
    if (!v) {
        return fail(ErrorCode::Protocol, std::string("PACE ") + step + ": the answer lacks its data");
    }
    return Bytes(v->value.begin(), v->value.end());
}

} // namespace

std::optional<PaceAnnouncement> findPace(ByteView efCardAccess)
{
    auto infos = chip::parseSecurityInfos(efCardAccess);
    if (!infos) {
        return std::nullopt;
    }
    for (const chip::SecurityInfo& i : *infos) {
        // PACEInfo: {protocol, version 2, parameterId?}; PACEDomainParameterInfo has no version.
        if (i.protocol.starts_with(chip::oid::kPacePrefix) && i.version && *i.version == 2) {
            return PaceAnnouncement{i.protocol, i.parameterId.value_or(-1)};
        }
    }
    return std::nullopt;
}

Result<SecureMessaging> performPace(CardSession& session, ByteView efCardAccess, std::string_view can)
{
    initEac();
    const auto announced = findPace(efCardAccess);
    if (!announced) {
        return fail(ErrorCode::Protocol, "EF.CardAccess announces no PACE");
    }
    std::unique_ptr<EAC_CTX, EacCtxFree> ctx(EAC_CTX_new());
    if (!ctx || EAC_CTX_init_ef_cardaccess(efCardAccess.data(), efCardAccess.size(), ctx.get()) != 1 ||
        !ctx->pace_ctx) {
        return fail(ErrorCode::Protocol, "OpenPACE cannot use the PACE parameters of EF.CardAccess: " + opensslError());
    }
    std::unique_ptr<PACE_SEC, PaceSecFree> secret(PACE_SEC_new(can.data(), can.size(), PACE_CAN));
    if (!secret) {
        return fail(ErrorCode::Internal, "PACE: cannot hold the CAN: " + opensslError());
    }
    // MSE:Set AT: 80 protocol OID, 83 password reference (02 = CAN), 84 domain parameters.
    DA06_TRY(oid, chip::oidFromString(announced->protocol));
    Bytes mse = chip::encodeTlv(0x80, *oid);
    const Bytes ref = chip::encodeTlv(0x83, Bytes{0x02});
    mse.insert(mse.end(), ref.begin(), ref.end());
    if (announced->parameterId >= 0 && announced->parameterId < 256) {
        const Bytes p = chip::encodeTlv(0x84, Bytes{static_cast<std::uint8_t>(announced->parameterId)});
        mse.insert(mse.end(), p.begin(), p.end());
    }
    DA06_TRY(set, session.send(CommandApdu{0x00, 0x22, 0xC1, 0xA4, mse, -1}));
    if (set->sw != 0x9000 && (set->sw >> 8) != 0x63) {
        return fail(ErrorCode::Protocol, "PACE MSE:Set AT answered " + swText(set->sw));
    }
    // 1: the encrypted nonce.
    DA06_TRY(encNonce, generalAuthenticate(session, false, 0, {}, 0x80, "step 1"));
    BufPtr encNonceBuf = toBuf(*encNonce);
    if (!encNonceBuf || PACE_STEP2_dec_nonce(ctx.get(), secret.get(), encNonceBuf.get()) != 1) {
        return fail(ErrorCode::Protocol, "PACE: cannot decrypt the chip's nonce: " + opensslError());
    }
    // 2: mapping (generic mapping: our public key, the chip's).
    BufPtr mapping(PACE_STEP3A_generate_mapping_data(ctx.get()));
    if (!mapping) {
        return fail(ErrorCode::Internal, "PACE: mapping data: " + opensslError());
    }
    DA06_TRY(chipMapping, generalAuthenticate(session, false, 0x81, viewOf(mapping.get()), 0x82, "step 2"));
    BufPtr chipMappingBuf = toBuf(*chipMapping);
    if (!chipMappingBuf || PACE_STEP3A_map_generator(ctx.get(), chipMappingBuf.get()) != 1) {
        return fail(ErrorCode::Protocol, "PACE: the chip's mapping data is not usable: " + opensslError());
    }
    // 3: key agreement.
    BufPtr ephemeral(PACE_STEP3B_generate_ephemeral_key(ctx.get()));
    if (!ephemeral) {
        return fail(ErrorCode::Internal, "PACE: ephemeral key: " + opensslError());
    }
    DA06_TRY(chipKey, generalAuthenticate(session, false, 0x83, viewOf(ephemeral.get()), 0x84, "step 3"));
    if (*chipKey == Bytes(viewOf(ephemeral.get()).begin(), viewOf(ephemeral.get()).end())) {
        return fail(ErrorCode::AuthenticationFailed, "PACE: the chip echoed our ephemeral key");
    }
    BufPtr chipKeyBuf = toBuf(*chipKey);
    if (!chipKeyBuf || PACE_STEP3B_compute_shared_secret(ctx.get(), chipKeyBuf.get()) != 1 ||
        PACE_STEP3C_derive_keys(ctx.get()) != 1) {
        return fail(ErrorCode::Protocol, "PACE: key agreement failed: " + opensslError());
    }
    // 4: mutual authentication tokens.
    BufPtr token(PACE_STEP3D_compute_authentication_token(ctx.get(), chipKeyBuf.get()));
    if (!token) {
        return fail(ErrorCode::Internal, "PACE: authentication token: " + opensslError());
    }
    DA06_TRY(chipToken, generalAuthenticate(session, true, 0x85, viewOf(token.get()), 0x86, "step 4"));
    BufPtr chipTokenBuf = toBuf(*chipToken);
    if (!chipTokenBuf || PACE_STEP3D_verify_authentication_token(ctx.get(), chipTokenBuf.get()) != 1) {
        return fail(ErrorCode::AuthenticationFailed, "PACE: the chip's authentication token is wrong");
    }
    const KA_CTX* ka = ctx->pace_ctx->ka_ctx;
    if (!ka || !ka->k_enc || !ka->k_mac) {
        return fail(ErrorCode::Internal, "PACE: no session keys");
    }
    // id-PACE-<mapping>-<cipher>: the last arc is 1 for 3DES, 2/3/4 for AES-128/192/256.
    const bool aes = !announced->protocol.ends_with(".1");
    const SmCipher cipher = aes ? SmCipher::Aes : SmCipher::Des3;
    return SecureMessaging(cipher, SecretBytes(viewOf(ka->k_enc)), SecretBytes(viewOf(ka->k_mac)),
                           Bytes(cipher == SmCipher::Aes ? 16 : 8, 0));
}

} // namespace da06::emrtd
