// Basic Access Control (ICAO 9303-11 §4.3, §9.7.1-9.7.3).
#include "client/readers/emrtd/Bac.h"

#include <openssl/crypto.h>

namespace da06::emrtd {

Result<SecretBytes> bacKeySeed(std::string_view mrzInformation)
{
    const ByteView in(reinterpret_cast<const std::uint8_t*>(mrzInformation.data()), mrzInformation.size());
    DA06_TRY(h, hash(HashAlgorithm::Sha1, in));
    SecretBytes seed(ByteView(h->data(), 16));
    wipeVector(*h);
    return seed;
}

Result<BacKeys> deriveBacKeys(std::string_view mrzInformation)
{
    DA06_TRY(seed, bacKeySeed(mrzInformation));
    DA06_TRY(kEnc, deriveKey(seed->view(), 1, KeyKind::Des3));
    DA06_TRY(kMac, deriveKey(seed->view(), 2, KeyKind::Des3));
    return BacKeys{std::move(*kEnc), std::move(*kMac)};
}

Result<SecureMessaging> performBac(CardSession& session, std::string_view mrzInformation,
                                   const BacTerminalRandom* fixedRandom)
{
    DA06_TRY(keys, deriveBacKeys(mrzInformation));
    DA06_TRY(challenge, session.send(CommandApdu{0x00, 0x84, 0x00, 0x00, {}, 8}));
    if (challenge->sw != 0x9000 || challenge->data.size() != 8) {
        return fail(ErrorCode::Protocol, "GET CHALLENGE answered " + swText(challenge->sw));
    }
    const Bytes rndIc = challenge->data;
    Bytes rndIfd;
    SecretBytes kIfd;
    if (fixedRandom) {
        rndIfd = fixedRandom->rndIfd;
        kIfd = SecretBytes(fixedRandom->kIfd);
    } else {
        DA06_TRY(r, randomBytes(8));
        DA06_TRY(k, randomBytes(16));
        rndIfd = std::move(*r);
        kIfd = SecretBytes(*k);
        wipeVector(*k);
    }
    Bytes s = rndIfd;
    s.insert(s.end(), rndIc.begin(), rndIc.end());
    s.insert(s.end(), kIfd.data(), kIfd.data() + kIfd.size());
    DA06_TRY(eIfd, des3CbcEncrypt(keys->kEnc.view(), s));
    wipeVector(s);
    DA06_TRY(mIfd, retailMac(keys->kMac.view(), padIso9797(*eIfd, 8)));
    Bytes cmdData = *eIfd;
    cmdData.insert(cmdData.end(), mIfd->begin(), mIfd->end());
    DA06_TRY(resp, session.send(CommandApdu{0x00, 0x82, 0x00, 0x00, cmdData, 40}));
    if (resp->sw == 0x6300 || resp->sw == 0x6982 || (resp->sw & 0xFFF0) == 0x63C0) {
        return fail(ErrorCode::AccessDenied,
                    "the chip refused the MRZ data (BAC): check the card number, date of birth and date of expiry");
    }
    if (resp->sw != 0x9000 || resp->data.size() != 40) {
        return fail(ErrorCode::Protocol, "MUTUAL AUTHENTICATE answered " + swText(resp->sw));
    }
    const ByteView eIc(resp->data.data(), 32);
    const ByteView mIc(resp->data.data() + 32, 8);
    DA06_TRY(expectMac, retailMac(keys->kMac.view(), padIso9797(eIc, 8)));
    if (CRYPTO_memcmp(expectMac->data(), mIc.data(), 8) != 0) {
        return fail(ErrorCode::AuthenticationFailed, "BAC: the chip's answer has a wrong MAC");
    }
    DA06_TRY(r, des3CbcDecrypt(keys->kEnc.view(), eIc));
    if (!std::equal(r->begin(), r->begin() + 8, rndIc.begin()) ||
        !std::equal(r->begin() + 8, r->begin() + 16, rndIfd.begin())) {
        wipeVector(*r);
        return fail(ErrorCode::AuthenticationFailed, "BAC: the chip did not return the challenges");
    }
    SecretBytes seed(16);
    for (std::size_t i = 0; i < 16; ++i) {
        seed.data()[i] = static_cast<std::uint8_t>(kIfd.data()[i] ^ (*r)[16 + i]);
    }
    wipeVector(*r);
    DA06_TRY(ksEnc, deriveKey(seed.view(), 1, KeyKind::Des3));
    DA06_TRY(ksMac, deriveKey(seed.view(), 2, KeyKind::Des3));
    Bytes ssc(rndIc.begin() + 4, rndIc.end());
    ssc.insert(ssc.end(), rndIfd.begin() + 4, rndIfd.end());
    return SecureMessaging(SmCipher::Des3, std::move(*ksEnc), std::move(*ksMac), std::move(ssc));
}

} // namespace da06::emrtd
