// Fuzz targets of the chip's parsers (they read what an untrusted chip sends): BER-TLV, DG1 (TD1
// MRZ), DG13, EF.SOD, DG2/DG14 and the secure-messaging unwrapping. With libFuzzer,
// DA06_FUZZ_TARGET=tlv|dg1|dg13|sod|sm picks one; ChipFuzzDriver.cpp calls them directly.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "client/readers/emrtd/SecureMessaging.h"
#include "domain/identity/CccdQr.h"
#include "domain/identity/chip/ChipCrossCheck.h"
#include "domain/identity/chip/DataGroups.h"
#include "domain/identity/chip/Sod.h"
#include "domain/identity/chip/Tlv.h"

namespace da06::fuzz {

namespace {

void require(bool ok)
{
    if (!ok) {
        std::abort();
    }
}

chip::ByteView view(const std::uint8_t* data, std::size_t size)
{
    return chip::ByteView(data, size);
}

void walk(const chip::Tlv& t, std::size_t depth)
{
    require(depth <= chip::kMaxTlvDepth);
    require(t.value.size() <= t.whole.size());
    std::size_t sum = 0;
    for (const chip::Tlv& c : t.children) {
        walk(c, depth + 1);
        sum += c.whole.size();
    }
    require(!t.constructed || t.children.empty() || sum == t.value.size());
}

} // namespace

void fuzzTlv(const std::uint8_t* data, std::size_t size)
{
    auto list = chip::parseTlvList(view(data, size));
    if (list) {
        std::size_t total = 0;
        for (const auto& t : *list) {
            walk(t, 0);
            total += t.whole.size();
            // Re-encoding a primitive value gives a TLV that parses to the same tag and value.
            const chip::Bytes again = chip::encodeTlv(t.tag, t.value);
            auto back = chip::parseTlv(again, false);
            require(back.has_value() && back->tag == t.tag && back->value.size() == t.value.size());
        }
        require(total == size);
    }
    auto h = chip::parseTlvHeader(view(data, size));
    if (h) {
        require(h->headerLength <= size && h->headerLength >= 2);
    }
}

void fuzzDg1(const std::uint8_t* data, std::size_t size)
{
    auto d = chip::parseDg1(view(data, size));
    if (d) {
        require(d->mrz.lines[0].size() == 30 && d->mrz.lines[2].size() == 30);
        require(chip::isMrzDate(d->mrz.dateOfBirth) && chip::isMrzDate(d->mrz.dateOfExpiry));
        auto info = chip::bacMrzInformation(d->mrz);
        require(!info || info->size() >= 24);
    }
    // The MRZ parser on the raw text too.
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto m = chip::parseTd1(text);
    if (m) {
        require(m->idNumber12.empty() || m->idNumber12.size() == 12);
    }
}

void fuzzDg13(const std::uint8_t* data, std::size_t size)
{
    auto d = chip::parseDg13(view(data, size));
    if (d) {
        for (const std::string* s :
             {&d->idNumber, &d->fullName, &d->placeOfResidence, &d->fatherName, &d->motherName}) {
            require(identity::isValidUtf8(*s));
        }
        const auto findings = chip::crossCheckChip({&*d, nullptr, nullptr, Date{2024, 6, 30}});
        for (const auto& f : findings) {
            require(f.message().text().find("%s") == std::string::npos);
        }
        (void)chip::foldToMrzLetters(d->fullName);
    }
}

void fuzzSod(const std::uint8_t* data, std::size_t size)
{
    auto s = chip::parseSod(view(data, size));
    if (s) {
        for (const auto& [dg, h] : s->dataGroupHashes) {
            require(dg >= 1 && dg <= 16);
        }
        require(!s->cms.empty());
    }
    (void)chip::parseSecurityInfos(view(data, size));
    (void)chip::parseDg2(view(data, size));
    (void)chip::parseEfCom(view(data, size));
}

void fuzzSm(const std::uint8_t* data, std::size_t size)
{
    static const chip::Bytes kEnc = *chip::fromHex("979EC13B1CBFE9DCD01AB0FED307EAE5");
    static const chip::Bytes kMac = *chip::fromHex("F1CB1F1FB5ADF208806B89DC579DC1F8");
    if (size < 2) {
        return;
    }
    for (const bool aes : {false, true}) {
        emrtd::SecureMessaging sm(aes ? emrtd::SmCipher::Aes : emrtd::SmCipher::Des3, emrtd::SecretBytes(kEnc),
                                  emrtd::SecretBytes(kMac), chip::Bytes(aes ? 16 : 8, 0x11));
        readers::ResponseApdu r;
        r.sw = static_cast<std::uint16_t>((data[0] << 8) | data[1]);
        r.data.assign(data + 2, data + size);
        auto out = sm.unwrap(r);
        // Anything with data that unwraps must have carried a MAC the keys produce: fuzzed input
        // never does, so only data-less plain status words come through.
        require(!out || out->data.empty());
    }
}

} // namespace da06::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string target = [] {
        const char* t = std::getenv("DA06_FUZZ_TARGET");
        return std::string(t ? t : "tlv");
    }();
    if (target == "dg1") {
        da06::fuzz::fuzzDg1(data, size);
    } else if (target == "dg13") {
        da06::fuzz::fuzzDg13(data, size);
    } else if (target == "sod") {
        da06::fuzz::fuzzSod(data, size);
    } else if (target == "sm") {
        da06::fuzz::fuzzSm(data, size);
    } else {
        da06::fuzz::fuzzTlv(data, size);
    }
    return 0;
}
