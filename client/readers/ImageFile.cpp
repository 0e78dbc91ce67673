#include "client/readers/ImageFile.h"

#include <csetjmp>
#include <cstdio>
#include <fstream>
#include <memory>

#include <jpeglib.h>
#include <png.h>

#include "client/readers/BmpDecoder.h"

namespace da06::readers {

namespace {

constexpr std::uintmax_t kMaxFileBytes = 512ull * 1024 * 1024;

bool acceptableSize(long long w, long long h)
{
    return w > 0 && h > 0 && w <= kMaxImageSide && h <= kMaxImageSide && w * h <= kMaxImagePixels;
}

Result<GrayImage> decodePng(std::span<const std::uint8_t> data)
{
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data.data(), data.size())) {
        return fail(ErrorCode::InvalidInput, std::string("the PNG image cannot be read: ") + image.message);
    }
    if (!acceptableSize(image.width, image.height)) {
        png_image_free(&image);
        return fail(ErrorCode::InvalidInput, "the PNG image is too large");
    }
    image.format = PNG_FORMAT_GRAY; // colour to grey; transparency composed onto the background below
    GrayImage out(static_cast<int>(image.width), static_cast<int>(image.height));
    png_color white{255, 255, 255};
    if (!png_image_finish_read(&image, &white, out.pixels.data(), 0, nullptr)) {
        const std::string why = image.message;
        png_image_free(&image);
        return fail(ErrorCode::InvalidInput, "the PNG image cannot be read: " + why);
    }
    return out;
}

// libjpeg reports fatal errors through error_exit, which must not return: it jumps back to the
// setjmp in decodeJpeg. Only C frames (libjpeg's) are skipped by the jump.
struct JpegError {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

extern "C" void jpegErrorExit(j_common_ptr cinfo)
{
    auto* err = reinterpret_cast<JpegError*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, err->message);
    std::longjmp(err->jump, 1);
}

extern "C" void jpegSilence(j_common_ptr)
{
}

struct JpegState {
    jpeg_decompress_struct cinfo{};
    JpegError err{};
    GrayImage image;
    bool created = false;
    ~JpegState()
    {
        if (created) {
            jpeg_destroy_decompress(&cinfo);
        }
    }
};

Result<GrayImage> decodeJpeg(std::span<const std::uint8_t> data)
{
    // Everything the jump may come back to lives on the heap behind a pointer set before setjmp.
    const auto state = std::make_unique<JpegState>();
    state->cinfo.err = jpeg_std_error(&state->err.mgr);
    state->err.mgr.error_exit = jpegErrorExit;
    state->err.mgr.output_message = jpegSilence;
    if (setjmp(state->err.jump) != 0) {
        return fail(ErrorCode::InvalidInput, std::string("the JPEG image cannot be read: ") + state->err.message);
    }
    jpeg_create_decompress(&state->cinfo);
    state->created = true;
    jpeg_mem_src(&state->cinfo, data.data(), static_cast<unsigned long>(data.size()));
    jpeg_read_header(&state->cinfo, TRUE);
    if (!acceptableSize(state->cinfo.image_width, state->cinfo.image_height)) {
        return fail(ErrorCode::InvalidInput, "the JPEG image is too large");
    }
    state->cinfo.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&state->cinfo);
    state->image = GrayImage(static_cast<int>(state->cinfo.output_width), static_cast<int>(state->cinfo.output_height));
    while (state->cinfo.output_scanline < state->cinfo.output_height) {
        JSAMPROW row = state->image.pixels.data() + static_cast<std::size_t>(state->cinfo.output_scanline) *
                                                        static_cast<std::size_t>(state->image.width);
        jpeg_read_scanlines(&state->cinfo, &row, 1);
    }
    jpeg_finish_decompress(&state->cinfo);
    return std::move(state->image);
}

} // namespace

ImageKind sniffImageKind(std::span<const std::uint8_t> d)
{
    static constexpr std::uint8_t kPng[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (d.size() >= 8 && std::equal(std::begin(kPng), std::end(kPng), d.begin())) {
        return ImageKind::Png;
    }
    if (d.size() >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) {
        return ImageKind::Jpeg;
    }
    if (looksLikeBmp(d)) {
        return ImageKind::Bmp;
    }
    return ImageKind::Unknown;
}

Result<GrayImage> decodeImage(std::span<const std::uint8_t> data)
{
    switch (sniffImageKind(data)) {
    case ImageKind::Png:
        return decodePng(data);
    case ImageKind::Jpeg:
        return decodeJpeg(data);
    case ImageKind::Bmp:
        return decodeBmp(data);
    case ImageKind::Unknown:
        break;
    }
    return fail(ErrorCode::InvalidInput, "the file is not a PNG, JPEG or BMP image");
}

Result<GrayImage> loadImageFile(const std::filesystem::path& path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        return fail(ErrorCode::Io, "cannot read the image " + path.string() + ": " + ec.message());
    }
    if (size > kMaxFileBytes) {
        return fail(ErrorCode::InvalidInput, "the image " + path.string() + " is too large");
    }
    std::ifstream in(path, std::ios::binary);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    if (!in || !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()))) {
        return fail(ErrorCode::Io, "cannot read the image " + path.string());
    }
    auto image = decodeImage(bytes);
    if (!image) {
        return fail(image.error().code, path.filename().string() + ": " + image.error().message);
    }
    return image;
}

} // namespace da06::readers
