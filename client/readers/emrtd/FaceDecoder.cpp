// Face image decoding (ICAO 9303-10 §4.7.2): OpenJPEG for JPEG 2000, libjpeg for JPEG.
#include "client/readers/emrtd/FaceDecoder.h"

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <memory>

#include <jpeglib.h>
#include <openjpeg.h>

#include "domain/identity/chip/DataGroups.h"

namespace da06::emrtd {

namespace {

constexpr int kMaxSide = 8192;

// --- OpenJPEG from memory
struct MemoryStream {
    ByteView data;
    std::size_t at = 0;
};

OPJ_SIZE_T readMem(void* buffer, OPJ_SIZE_T n, void* user)
{
    auto* m = static_cast<MemoryStream*>(user);
    if (m->at >= m->data.size()) {
        return static_cast<OPJ_SIZE_T>(-1);
    }
    const std::size_t k = std::min<std::size_t>(n, m->data.size() - m->at);
    std::memcpy(buffer, m->data.data() + m->at, k);
    m->at += k;
    return k;
}

OPJ_OFF_T skipMem(OPJ_OFF_T n, void* user)
{
    auto* m = static_cast<MemoryStream*>(user);
    if (n < 0) {
        const auto back = static_cast<std::size_t>(-n);
        m->at = back > m->at ? 0 : m->at - back;
        return n;
    }
    const std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(n), m->data.size() - m->at);
    m->at += k;
    return static_cast<OPJ_OFF_T>(k);
}

OPJ_BOOL seekMem(OPJ_OFF_T n, void* user)
{
    auto* m = static_cast<MemoryStream*>(user);
    if (n < 0 || static_cast<std::size_t>(n) > m->data.size()) {
        return OPJ_FALSE;
    }
    m->at = static_cast<std::size_t>(n);
    return OPJ_TRUE;
}

void quiet(const char*, void*)
{
}

struct CodecFree {
    void operator()(opj_codec_t* c) const { opj_destroy_codec(c); }
};
struct StreamFree {
    void operator()(opj_stream_t* s) const { opj_stream_destroy(s); }
};
struct ImageFree {
    void operator()(opj_image_t* i) const { opj_image_destroy(i); }
};

// --- libjpeg error handling without exit()
struct JpegError {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

void jpegErrorExit(j_common_ptr cinfo)
{
    auto* err = reinterpret_cast<JpegError*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, err->message);
    std::longjmp(err->jump, 1);
}

void jpegSilence(j_common_ptr, int)
{
}

} // namespace

Result<RgbImage> decodeJpeg2000(ByteView data)
{
    const chip::ImageFormat f = chip::sniffImageFormat(data);
    if (f != chip::ImageFormat::Jpeg2000Codestream && f != chip::ImageFormat::Jpeg2000Jp2) {
        return fail(ErrorCode::InvalidInput, "the photo is not a JPEG 2000 image");
    }
    std::unique_ptr<opj_codec_t, CodecFree> codec(
        opj_create_decompress(f == chip::ImageFormat::Jpeg2000Jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K));
    opj_set_error_handler(codec.get(), quiet, nullptr);
    opj_set_warning_handler(codec.get(), quiet, nullptr);
    opj_set_info_handler(codec.get(), quiet, nullptr);
    opj_dparameters_t params;
    opj_set_default_decoder_parameters(&params);
    if (!opj_setup_decoder(codec.get(), &params)) {
        return fail(ErrorCode::Internal, "OpenJPEG cannot be set up");
    }
    MemoryStream mem{data, 0};
    std::unique_ptr<opj_stream_t, StreamFree> stream(opj_stream_create(64 * 1024, OPJ_TRUE));
    opj_stream_set_user_data(stream.get(), &mem, nullptr);
    opj_stream_set_user_data_length(stream.get(), data.size());
    opj_stream_set_read_function(stream.get(), readMem);
    opj_stream_set_skip_function(stream.get(), skipMem);
    opj_stream_set_seek_function(stream.get(), seekMem);
    opj_image_t* raw = nullptr;
    if (!opj_read_header(stream.get(), codec.get(), &raw)) {
        opj_image_destroy(raw);
        return fail(ErrorCode::InvalidInput, "the JPEG 2000 photo has a broken header");
    }
    std::unique_ptr<opj_image_t, ImageFree> image(raw);
    if (image->numcomps == 0 || image->numcomps > 4) {
        return fail(ErrorCode::InvalidInput, "the JPEG 2000 photo has an unusual number of colour components");
    }
    if (!opj_decode(codec.get(), stream.get(), image.get()) || !opj_end_decompress(codec.get(), stream.get())) {
        return fail(ErrorCode::InvalidInput, "the JPEG 2000 photo is damaged and cannot be decoded");
    }
    const opj_image_comp_t& c0 = image->comps[0];
    const int w = static_cast<int>(c0.w);
    const int h = static_cast<int>(c0.h);
    if (w <= 0 || h <= 0 || w > kMaxSide || h > kMaxSide || !c0.data) {
        return fail(ErrorCode::InvalidInput, "the JPEG 2000 photo has impossible dimensions");
    }
    const bool colour = image->numcomps >= 3;
    for (OPJ_UINT32 i = 0; i < (colour ? 3u : 1u); ++i) {
        const opj_image_comp_t& c = image->comps[i];
        if (!c.data || c.w != c0.w || c.h != c0.h || c.prec == 0 || c.prec > 16) {
            return fail(ErrorCode::InvalidInput, "the JPEG 2000 photo uses subsampled or unusual components");
        }
    }
    RgbImage out;
    out.width = w;
    out.height = h;
    out.pixels.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
    auto sample = [&](int comp, std::size_t i) -> std::uint8_t {
        const opj_image_comp_t& c = image->comps[comp];
        int v = c.data[i];
        if (c.sgnd) {
            v += 1 << (c.prec - 1);
        }
        if (c.prec > 8) {
            v >>= (c.prec - 8);
        } else if (c.prec < 8) {
            v <<= (8 - c.prec);
        }
        return static_cast<std::uint8_t>(std::clamp(v, 0, 255));
    };
    const std::size_t n = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    for (std::size_t i = 0; i < n; ++i) {
        out.pixels[i * 3] = sample(0, i);
        out.pixels[i * 3 + 1] = sample(colour ? 1 : 0, i);
        out.pixels[i * 3 + 2] = sample(colour ? 2 : 0, i);
    }
    return out;
}

Result<RgbImage> decodeJpeg(ByteView data)
{
    if (chip::sniffImageFormat(data) != chip::ImageFormat::Jpeg) {
        return fail(ErrorCode::InvalidInput, "the photo is not a JPEG image");
    }
    // Everything libjpeg may jump over lives in plain C storage declared before setjmp.
    jpeg_decompress_struct cinfo{};
    JpegError err{};
    RgbImage* out = new RgbImage();
    std::unique_ptr<RgbImage> guard(out);
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpegErrorExit;
    err.mgr.emit_message = jpegSilence;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return fail(ErrorCode::InvalidInput, std::string("the JPEG photo is damaged: ") + err.message);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data.data(), static_cast<unsigned long>(data.size()));
    jpeg_read_header(&cinfo, TRUE);
    cinfo.out_color_space = JCS_RGB;
    jpeg_start_decompress(&cinfo);
    if (cinfo.output_width == 0 || cinfo.output_height == 0 || cinfo.output_width > kMaxSide ||
        cinfo.output_height > kMaxSide || cinfo.output_components != 3) {
        jpeg_destroy_decompress(&cinfo);
        return fail(ErrorCode::InvalidInput, "the JPEG photo has impossible dimensions");
    }
    out->width = static_cast<int>(cinfo.output_width);
    out->height = static_cast<int>(cinfo.output_height);
    out->pixels.resize(static_cast<std::size_t>(out->width) * static_cast<std::size_t>(out->height) * 3);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = out->pixels.data() +
                       static_cast<std::size_t>(cinfo.output_scanline) * static_cast<std::size_t>(out->width) * 3;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return std::move(*out);
}

Result<RgbImage> decodeFaceImage(ByteView data)
{
    switch (chip::sniffImageFormat(data)) {
    case chip::ImageFormat::Jpeg:
        return decodeJpeg(data);
    case chip::ImageFormat::Jpeg2000Codestream:
    case chip::ImageFormat::Jpeg2000Jp2:
        return decodeJpeg2000(data);
    case chip::ImageFormat::Unknown:
        break;
    }
    return fail(ErrorCode::InvalidInput, "the photo is neither JPEG nor JPEG 2000");
}

} // namespace da06::emrtd
