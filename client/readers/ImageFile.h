#pragma once
// Image files to grey: PNG (libpng), JPEG (libjpeg) and BMP (BmpDecoder.h), told apart by their
// first bytes rather than their names. No wx: the readers run in the command line too.
#include <cstdint>
#include <filesystem>
#include <span>

#include "client/readers/GrayImage.h"
#include "domain/core/Error.h"

namespace da06::readers {

enum class ImageKind { Unknown, Png, Jpeg, Bmp };

ImageKind sniffImageKind(std::span<const std::uint8_t> data);
Result<GrayImage> decodeImage(std::span<const std::uint8_t> data);
// Io when the file cannot be read, InvalidInput when it is not a readable PNG, JPEG or BMP image.
Result<GrayImage> loadImageFile(const std::filesystem::path& path);

} // namespace da06::readers
