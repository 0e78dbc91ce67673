// Fuzz target qr_payload: the CCCD QR payload as a scanner or an image hands it over (untrusted
// bytes): NFC normalization, the field split and parse, every check, and the JSON report.
#include <cstdint>
#include <string>

#include "domain/core/Json.h"
#include "domain/identity/CccdCheck.h"
#include "domain/identity/CccdJson.h"
#include "domain/identity/CccdNormalize.h"
#include "domain/identity/CccdQr.h"
#include "domain/identity/KeyboardWedge.h"
#include "tests/fuzz/FuzzSupport.h"

namespace da06::fuzz {
namespace {

void checkReport(const identity::CccdReport& r)
{
    require(r.checks.size() == static_cast<std::size_t>(identity::kCheckKindCount));
    require(!r.valid() || r.isCccd);
    require(!r.expired || r.expiry.has_value());
    for (const identity::Finding& f : r.findings) {
        require(placeholderCount(f.message().pattern) <= f.message().args.size());
    }
}

// The JSON form is valid JSON whenever the input was UTF-8 (it is escaped otherwise). Once per
// input: the JSON codec has its own target, and the round trip is most of the time spent here.
void checkJson(const identity::CccdReport& r, bool utf8)
{
    const std::string dumped = identity::cccdReportToJson(r).dump();
    if (utf8) {
        require(json::parse(dumped).has_value());
    }
}

} // namespace
} // namespace da06::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace da06;
    const std::string_view text = fuzz::textOf(data, size);
    const bool utf8 = identity::isValidUtf8(text);
    const identity::CccdReport nfc = identity::checkQrText(text, Date{2024, 6, 30});
    fuzz::checkReport(nfc);
    fuzz::checkJson(nfc, utf8);
    for (const Date asOf : {Date{1999, 1, 1}, Date{2200, 12, 31}}) {
        fuzz::checkReport(identity::checkCccdQr(text, asOf));
    }
    (void)identity::looksLikeSeparatorLoss(text);
    (void)identity::shortened(text);
    return 0;
}
