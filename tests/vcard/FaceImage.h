#pragma once
// A synthetic face picture (drawn, not noise) encoded as JPEG 2000 with OpenJPEG, for DG2.
#include <cstddef>
#include <filesystem>

#include "tests/vcard/Bytes.h"

namespace da06::vcard {

struct FaceImage {
    Bytes jp2; // the JP2 file
    int width = 0;
    int height = 0;
};

// Draws a face-like portrait (seed varies skin, hair and clothes) and encodes it with a rate chosen
// so that the JP2 file lands between minBytes and maxBytes. workFile is a scratch path.
// Throws std::runtime_error when OpenJPEG fails or the size cannot be reached.
FaceImage makeFaceJp2(unsigned seed, std::size_t minBytes, std::size_t maxBytes, const std::filesystem::path& workFile);

} // namespace da06::vcard
