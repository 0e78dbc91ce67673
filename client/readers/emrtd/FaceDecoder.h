#pragma once
// The face image of DG2 (ICAO 9303-10 §4.7.2: ISO/IEC 19794-5, JPEG or JPEG 2000) decoded for
// display: JPEG 2000 (codestream or JP2 file) with OpenJPEG, JPEG with libjpeg, to 8-bit RGB.
// A broken image is InvalidInput with a sentence, never a crash.
#include "client/readers/emrtd/Crypto.h"

namespace da06::emrtd {

struct RgbImage {
    int width = 0;
    int height = 0;
    Bytes pixels; // width × height × 3, rows top to bottom
};

Result<RgbImage> decodeFaceImage(ByteView data);
Result<RgbImage> decodeJpeg(ByteView data);
Result<RgbImage> decodeJpeg2000(ByteView data);

} // namespace da06::emrtd
