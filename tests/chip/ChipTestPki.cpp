#include "tests/chip/ChipTestPki.h"

#include <cstring>
#include <stdexcept>

#include <jpeglib.h>
#include <openjpeg.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

using da06::chip::encodeTlv;
using da06::chip::oidFromString;

namespace chiptest {

namespace {

void require(bool ok, const char* what)
{
    if (!ok) {
        throw std::runtime_error(std::string("test PKI: ") + what);
    }
}

Bytes oidTlv(const char* dotted)
{
    return encodeTlv(0x06, *oidFromString(dotted));
}

Bytes integerTlv(int v)
{
    return encodeTlv(0x02, Bytes{static_cast<std::uint8_t>(v)});
}

void addExt(X509* cert, X509* issuer, int nid, const char* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    require(ext != nullptr, "extension");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

} // namespace

Pkey ecKey(const char* curve)
{
    Pkey k(EVP_EC_gen(curve));
    require(k != nullptr, "EC key");
    return k;
}

Cert makeCertificate(const std::string& subjectCn, EVP_PKEY* subjectKey, const std::string& issuerCn,
                     EVP_PKEY* issuerKey, bool ca)
{
    Cert x(X509_new());
    X509_set_version(x.get(), 2);
    static long serial = 1;
    ASN1_INTEGER_set(X509_get_serialNumber(x.get()), serial++);
    X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x.get()), 3600L * 24 * 365 * 10);
    X509_NAME* subject = X509_get_subject_name(x.get());
    X509_NAME_add_entry_by_txt(subject, "C", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("VN"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(subjectCn.c_str()),
                               -1, -1, 0);
    X509_NAME* issuer = X509_get_issuer_name(x.get());
    X509_NAME_add_entry_by_txt(issuer, "C", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("VN"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(issuer, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(issuerCn.c_str()), -1,
                               -1, 0);
    X509_set_pubkey(x.get(), subjectKey);
    if (ca) {
        addExt(x.get(), x.get(), NID_basic_constraints, "critical,CA:TRUE");
        addExt(x.get(), x.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        addExt(x.get(), nullptr, NID_key_usage, "critical,digitalSignature");
    }
    require(X509_sign(x.get(), issuerKey, EVP_sha256()) > 0, "sign certificate");
    return x;
}

Bytes certDer(X509* x)
{
    unsigned char* p = nullptr;
    const int n = i2d_X509(x, &p);
    Bytes out(p, p + n);
    OPENSSL_free(p);
    return out;
}

std::string certPem(X509* x)
{
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, x);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(n));
    BIO_free(bio);
    return out;
}

Bytes publicKeyDer(EVP_PKEY* key)
{
    unsigned char* p = nullptr;
    const int n = i2d_PUBKEY(key, &p);
    Bytes out(p, p + n);
    OPENSSL_free(p);
    return out;
}

Pki makePki(const std::string& country)
{
    Pki p;
    p.cscaKey = ecKey();
    p.csca = makeCertificate("CSCA " + country, p.cscaKey.get(), "CSCA " + country, p.cscaKey.get(), true);
    p.dsKey = ecKey();
    p.ds = makeCertificate("Document Signer " + country, p.dsKey.get(), "CSCA " + country, p.cscaKey.get(), false);
    return p;
}

Bytes makeSod(const std::map<int, Bytes>& dataGroups, const Pki& pki)
{
    std::vector<Bytes> hashes;
    for (const auto& [dg, bytes] : dataGroups) {
        unsigned char md[32];
        unsigned int n = 0;
        EVP_Digest(bytes.data(), bytes.size(), md, &n, EVP_sha256(), nullptr);
        hashes.push_back(encodeTlv(0x30, std::vector<Bytes>{integerTlv(dg), encodeTlv(0x04, Bytes(md, md + n))}));
    }
    const Bytes alg = encodeTlv(0x30, std::vector<Bytes>{oidTlv("2.16.840.1.101.3.4.2.1")});
    const Bytes lds = encodeTlv(0x30, std::vector<Bytes>{integerTlv(0), alg, encodeTlv(0x30, hashes)});
    BIO* in = BIO_new_mem_buf(lds.data(), static_cast<int>(lds.size()));
    CMS_ContentInfo* cms = CMS_sign(pki.ds.get(), pki.dsKey.get(), nullptr, nullptr, CMS_PARTIAL | CMS_BINARY);
    require(cms != nullptr, "CMS_sign");
    ASN1_OBJECT* type = OBJ_txt2obj("2.23.136.1.1.1", 1);
    require(CMS_set1_eContentType(cms, type) == 1, "eContentType");
    ASN1_OBJECT_free(type);
    require(CMS_final(cms, in, nullptr, CMS_BINARY) == 1, "CMS_final");
    unsigned char* p = nullptr;
    const int n = i2d_CMS_ContentInfo(cms, &p);
    Bytes der(p, p + n);
    OPENSSL_free(p);
    CMS_ContentInfo_free(cms);
    BIO_free(in);
    return encodeTlv(0x77, der);
}

Bytes makeDg14(EVP_PKEY* chipAuthKey)
{
    const Bytes caInfo = encodeTlv(0x30, std::vector<Bytes>{oidTlv("0.4.0.127.0.7.2.2.3.2.2"), integerTlv(1)});
    const Bytes caKey = encodeTlv(0x30, std::vector<Bytes>{oidTlv("0.4.0.127.0.7.2.2.1.2"), publicKeyDer(chipAuthKey)});
    const Bytes aaInfo =
        encodeTlv(0x30, std::vector<Bytes>{oidTlv("2.23.136.1.1.5"), integerTlv(1), oidTlv("0.4.0.127.0.7.1.1.4.1.3")});
    return encodeTlv(0x6E, encodeTlv(0x31, std::vector<Bytes>{caInfo, caKey, aaInfo}));
}

Bytes makeDg15(EVP_PKEY* activeAuthKey)
{
    return encodeTlv(0x6F, publicKeyDer(activeAuthKey));
}

namespace {

void jpegToMemory(int w, int h, Bytes& out)
{
    jpeg_compress_struct c{};
    jpeg_error_mgr err{};
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    unsigned char* buf = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&c, &buf, &size);
    c.image_width = static_cast<JDIMENSION>(w);
    c.image_height = static_cast<JDIMENSION>(h);
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, 80, TRUE);
    jpeg_start_compress(&c, TRUE);
    std::vector<unsigned char> row(static_cast<std::size_t>(w) * 3);
    while (c.next_scanline < c.image_height) {
        for (int x = 0; x < w; ++x) {
            row[static_cast<std::size_t>(x) * 3] = static_cast<unsigned char>(x * 255 / w);
            row[static_cast<std::size_t>(x) * 3 + 1] =
                static_cast<unsigned char>(c.next_scanline * 255 / c.image_height);
            row[static_cast<std::size_t>(x) * 3 + 2] = 128;
        }
        JSAMPROW r = row.data();
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    out.assign(buf, buf + size);
    free(buf);
}

struct WriteStream {
    Bytes data;
    std::size_t at = 0;
};

OPJ_SIZE_T writeMem(void* buffer, OPJ_SIZE_T n, void* user)
{
    auto* w = static_cast<WriteStream*>(user);
    if (w->data.size() < w->at + n) {
        w->data.resize(w->at + n);
    }
    std::memcpy(w->data.data() + w->at, buffer, n);
    w->at += n;
    return n;
}

OPJ_OFF_T skipWrite(OPJ_OFF_T n, void* user)
{
    auto* w = static_cast<WriteStream*>(user);
    w->at += static_cast<std::size_t>(n);
    if (w->data.size() < w->at) {
        w->data.resize(w->at);
    }
    return n;
}

OPJ_BOOL seekWrite(OPJ_OFF_T n, void* user)
{
    static_cast<WriteStream*>(user)->at = static_cast<std::size_t>(n);
    return OPJ_TRUE;
}

} // namespace

Bytes makeJpeg(int w, int h)
{
    Bytes out;
    jpegToMemory(w, h, out);
    return out;
}

Bytes makeJpeg2000(int w, int h, bool jp2)
{
    opj_cparameters_t params;
    opj_set_default_encoder_parameters(&params);
    params.tcp_numlayers = 1;
    params.tcp_rates[0] = 15;
    params.cp_disto_alloc = 1;
    params.numresolution = 3;
    opj_image_cmptparm_t comps[3];
    std::memset(comps, 0, sizeof comps);
    for (auto& c : comps) {
        c.dx = c.dy = 1;
        c.w = static_cast<OPJ_UINT32>(w);
        c.h = static_cast<OPJ_UINT32>(h);
        c.prec = 8;
        c.sgnd = 0;
    }
    opj_image_t* image = opj_image_create(3, comps, OPJ_CLRSPC_SRGB);
    require(image != nullptr, "opj image");
    image->x0 = image->y0 = 0;
    image->x1 = static_cast<OPJ_UINT32>(w);
    image->y1 = static_cast<OPJ_UINT32>(h);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const std::size_t i =
                static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x);
            image->comps[0].data[i] = x * 255 / w;
            image->comps[1].data[i] = y * 255 / h;
            image->comps[2].data[i] = 200;
        }
    }
    opj_codec_t* codec = opj_create_compress(jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K);
    require(opj_setup_encoder(codec, &params, image) == OPJ_TRUE, "opj setup");
    WriteStream ws;
    opj_stream_t* stream = opj_stream_create(64 * 1024, OPJ_FALSE);
    opj_stream_set_user_data(stream, &ws, nullptr);
    opj_stream_set_write_function(stream, writeMem);
    opj_stream_set_skip_function(stream, skipWrite);
    opj_stream_set_seek_function(stream, seekWrite);
    require(opj_start_compress(codec, image, stream) && opj_encode(codec, stream) && opj_end_compress(codec, stream),
            "opj encode");
    opj_stream_destroy(stream);
    opj_destroy_codec(codec);
    opj_image_destroy(image);
    return ws.data;
}

Bytes makeDg2(const Bytes& image, int w, int h)
{
    Bytes fac{'F', 'A', 'C', 0, '0', '1', '0', 0};
    const auto recordLength = static_cast<std::uint32_t>(20 + 12 + image.size());
    const auto total = static_cast<std::uint32_t>(14 + recordLength);
    for (int i = 3; i >= 0; --i) {
        fac.push_back(static_cast<std::uint8_t>(total >> (8 * i)));
    }
    fac.insert(fac.end(), {0x00, 0x01});
    for (int i = 3; i >= 0; --i) {
        fac.push_back(static_cast<std::uint8_t>(recordLength >> (8 * i)));
    }
    fac.insert(fac.end(), 16, 0x00);
    const std::uint8_t type = image.size() > 1 && image[0] == 0xFF && image[1] == 0xD8 ? 0 : 1;
    fac.insert(fac.end(), {0x01, type, static_cast<std::uint8_t>(w >> 8), static_cast<std::uint8_t>(w),
                           static_cast<std::uint8_t>(h >> 8), static_cast<std::uint8_t>(h), 0x01, 0x00, 0, 0, 0, 0});
    fac.insert(fac.end(), image.begin(), image.end());
    return encodeTlv(
        0x75, encodeTlv(0x7F61, std::vector<Bytes>{
                                    integerTlv(1),
                                    encodeTlv(0x7F60, std::vector<Bytes>{encodeTlv(0xA1, Bytes{0x80, 0x02, 0x01, 0x01}),
                                                                         encodeTlv(0x5F2E, fac)})}));
}

Bytes makeCardAccess()
{
    const Bytes pace =
        encodeTlv(0x30, std::vector<Bytes>{oidTlv("0.4.0.127.0.7.2.2.4.2.2"), integerTlv(2), integerTlv(13)});
    return encodeTlv(0x31, pace);
}

} // namespace chiptest
