// Fuzz targets: the CCCD payload parser with its checks and JSON form, and the BMP decoder (both
// read untrusted input). With libFuzzer, DA06_FUZZ_TARGET=payload|bmp picks one; FuzzDriver.cpp
// calls them directly.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string_view>

#include "client/readers/BmpDecoder.h"
#include "domain/core/Json.h"
#include "domain/identity/CccdCheck.h"
#include "domain/identity/CccdJson.h"

namespace da06::fuzz {

namespace {

void require(bool ok)
{
    if (!ok) {
        std::abort();
    }
}

} // namespace

void fuzzPayload(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const Date asOf : {Date{2024, 6, 30}, Date{1999, 1, 1}, Date{2200, 12, 31}}) {
        const identity::CccdReport r = identity::checkCccdQr(text, asOf);
        require(r.checks.size() == static_cast<std::size_t>(identity::kCheckKindCount));
        require(!r.valid() || r.isCccd);
        require(!r.expired || r.expiry.has_value());
        for (const identity::Finding& f : r.findings) {
            require(f.message().text().find("%s") == std::string::npos);
        }
        // The JSON form is always valid JSON when the input was UTF-8 (it is escaped otherwise).
        const std::string dumped = identity::cccdReportToJson(r).dump();
        if (identity::isValidUtf8(text)) {
            require(json::parse(dumped).has_value());
        }
    }
}

void fuzzBmp(const std::uint8_t* data, std::size_t size)
{
    const auto img = readers::decodeBmp(std::span<const std::uint8_t>(data, size));
    if (img) {
        require(img->width > 0 && img->height > 0);
        require(img->pixels.size() == static_cast<std::size_t>(img->width) * static_cast<std::size_t>(img->height));
    }
}

} // namespace da06::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool bmp = [] {
        const char* t = std::getenv("DA06_FUZZ_TARGET");
        return t && std::strcmp(t, "bmp") == 0;
    }();
    if (bmp) {
        da06::fuzz::fuzzBmp(data, size);
    } else {
        da06::fuzz::fuzzPayload(data, size);
    }
    return 0;
}
