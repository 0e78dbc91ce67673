// Fuzz target sm_unwrap: the secure-messaging response unwrap (ICAO 9303-11 §9.8) on what the chip
// answers. Input: one flags byte (bit 0: AES instead of 3DES; bit 1: seal, i.e. the target appends
// the DO8E MAC the session keys give over the data objects, so the fuzzer gets past the MAC check
// to the DO99 / DO87 handling, the decryption and the unpadding), two bytes of status word, then
// the response data.
#include <cstdint>

#include "client/readers/emrtd/SecureMessaging.h"
#include "domain/identity/chip/Tlv.h"
#include "tests/fuzz/FuzzSupport.h"

namespace da06::fuzz {
namespace {

const emrtd::Bytes& encKey()
{
    static const emrtd::Bytes k = *chip::fromHex("979EC13B1CBFE9DCD01AB0FED307EAE5");
    return k;
}

const emrtd::Bytes& macKey()
{
    static const emrtd::Bytes k = *chip::fromHex("F1CB1F1FB5ADF208806B89DC579DC1F8");
    return k;
}

// The MAC a chip with these keys puts in DO8E over the objects, with the SSC after its increment.
emrtd::Bytes sealMac(bool aes, emrtd::Bytes ssc, emrtd::ByteView objects)
{
    ssc.back() = static_cast<std::uint8_t>(ssc.back() + 1);
    ssc.insert(ssc.end(), objects.begin(), objects.end());
    if (!aes) {
        return emrtd::retailMac(macKey(), emrtd::padIso9797(ssc, 8)).value_or(emrtd::Bytes(8, 0));
    }
    emrtd::Bytes full = emrtd::aesCmac(macKey(), emrtd::padIso9797(ssc, 16)).value_or(emrtd::Bytes(16, 0));
    full.resize(8);
    return full;
}

} // namespace
} // namespace da06::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace da06;
    if (size < 3) {
        return 0;
    }
    const bool aes = (data[0] & 1) != 0;
    const bool seal = (data[0] & 2) != 0;
    const emrtd::Bytes ssc(aes ? 16 : 8, 0x11);
    emrtd::SecureMessaging sm(aes ? emrtd::SmCipher::Aes : emrtd::SmCipher::Des3, emrtd::SecretBytes(fuzz::encKey()),
                              emrtd::SecretBytes(fuzz::macKey()), ssc);
    readers::ResponseApdu r;
    r.sw = static_cast<std::uint16_t>((data[1] << 8) | data[2]);
    r.data.assign(data + 3, data + size);
    if (seal) {
        const emrtd::Bytes mac = fuzz::sealMac(aes, ssc, r.data);
        const emrtd::Bytes do8e = chip::encodeTlv(0x8E, mac);
        r.data.insert(r.data.end(), do8e.begin(), do8e.end());
    }
    auto out = sm.unwrap(r);
    // Unsealed fuzzed data never carries a MAC the keys produce: only data-less plain status words
    // come through.
    fuzz::require(seal || !out || out->data.empty());
    if (out) {
        fuzz::require(out->data.size() <= size);
    }
    return 0;
}
