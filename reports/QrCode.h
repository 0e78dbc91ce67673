#pragma once
// QR codes for printed documents (receipts): the module matrix of a text, encoded with ZXing-cpp in
// byte mode with the UTF-8 character set (an ECI header tells readers the bytes are UTF-8), error
// correction level M (about 15 % of the symbol may be damaged), one entry per module and no quiet
// zone: the writer adds the 4-module white border when it draws the code.
#include <cstdint>
#include <string_view>
#include <vector>

#include "domain/core/Error.h"

namespace da06::reports {

struct QrMatrix {
    int size = 0;                      // modules per side: 21 + 4 × (version − 1), 21..177
    std::vector<std::uint8_t> modules; // size × size, row by row from the top; 1 = dark
    bool dark(int x, int y) const;     // false outside the matrix
};

// The largest text encodeQr accepts, in UTF-8 bytes (version 40 at level M holds 2331 bytes).
inline constexpr std::size_t kQrMaxBytes = 2331;

// The QR code of a UTF-8 text (normalized to NFC first, so that the same Vietnamese text always
// gives the same code). InvalidInput when the text is empty, not UTF-8, or too long for a QR code.
Result<QrMatrix> encodeQr(std::string_view utf8);

} // namespace da06::reports
