#include "tests/vcard/CardMaker.h"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <memory>

#include <openssl/cms.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "domain/core/Date.h"
#include "domain/core/Json.h"
#include "domain/text/Text.h"
#include "tests/vcard/FaceImage.h"
#include "tests/vcard/VcCrypto.h"

namespace da06::vcard {
namespace {

namespace fs = std::filesystem;

struct Dmy {
    int d = 0, m = 0, y = 0;
};

std::optional<Dmy> parseDmy(const std::string& s)
{
    if (s.size() != 10 || s[2] != '/' || s[5] != '/') {
        return std::nullopt;
    }
    for (int i : {0, 1, 3, 4, 6, 7, 8, 9}) {
        if (s[static_cast<std::size_t>(i)] < '0' || s[static_cast<std::size_t>(i)] > '9') {
            return std::nullopt;
        }
    }
    Dmy r{std::stoi(s.substr(0, 2)), std::stoi(s.substr(3, 2)), std::stoi(s.substr(6, 4))};
    if (!Date::isValid(r.y, r.m, r.d)) {
        return std::nullopt;
    }
    return r;
}

std::string yymmdd(const std::string& dmy)
{
    return dmy.substr(8, 2) + dmy.substr(3, 2) + dmy.substr(0, 2);
}

Status writeBytes(const fs::path& p, const Bytes& b)
{
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    out.close();
    if (!out) {
        return fail(ErrorCode::Io, "cannot write " + p.string());
    }
    return {};
}

Result<Bytes> readBytes(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        return fail(ErrorCode::NotFound, "cannot read " + p.string());
    }
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// ---- test PKI ----------------------------------------------------------------------------------

struct NameFree {
    void operator()(X509_NAME* p) const { X509_NAME_free(p); }
};

X509_NAME* makeName(const char* cn)
{
    X509_NAME* n = X509_NAME_new();
    X509_NAME_add_entry_by_txt(n, "C", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("VN"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(n, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("DA06 Test"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
    return n;
}

bool addExt(X509* cert, X509* issuer, int nid, const char* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext) {
        return false;
    }
    bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

X509Ptr makeCert(EVP_PKEY* subjectKey, const char* cn, long serial, X509* issuer, EVP_PKEY* issuerKey, bool ca)
{
    X509Ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
    std::unique_ptr<X509_NAME, NameFree> name(makeName(cn));
    X509_set_subject_name(cert.get(), name.get());
    X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name.get());
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -86400L);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), (ca ? 15L : 10L) * 365 * 86400L);
    X509_set_pubkey(cert.get(), subjectKey);
    X509* iss = issuer ? issuer : cert.get();
    bool ok = addExt(cert.get(), iss, NID_subject_key_identifier, "hash") &&
              addExt(cert.get(), iss, NID_authority_key_identifier, "keyid:always");
    if (ca) {
        ok = ok && addExt(cert.get(), iss, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") &&
             addExt(cert.get(), iss, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        ok = ok && addExt(cert.get(), iss, NID_key_usage, "critical,digitalSignature");
    }
    if (!ok || X509_sign(cert.get(), issuerKey, EVP_sha256()) <= 0) {
        return nullptr;
    }
    return cert;
}

bool writeCertPem(X509* cert, const fs::path& p)
{
    FILE* f = std::fopen(p.c_str(), "wb");
    if (!f) {
        return false;
    }
    bool ok = PEM_write_X509(f, cert) == 1;
    return std::fclose(f) == 0 && ok;
}

X509Ptr readCertPem(const fs::path& p)
{
    FILE* f = std::fopen(p.c_str(), "rb");
    if (!f) {
        return nullptr;
    }
    X509* c = PEM_read_X509(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    return X509Ptr(c);
}

// ---- data groups -------------------------------------------------------------------------------

Bytes makeDg1(const Person& p)
{
    return tlv(0x61, tlv(0x5F1F, fromString(makeMrz(p))));
}

Bytes u16(unsigned v)
{
    return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}
Bytes u32(unsigned long v)
{
    return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8),
            static_cast<std::uint8_t>(v)};
}

Bytes makeDg2(const Person& p, const FaceImage& face)
{
    // ISO/IEC 19794-5 facial record with one JPEG 2000 image.
    Bytes info = concat(
        {u16(0), {static_cast<std::uint8_t>(p.sex == "Nữ" ? 2 : 1)}, {0, 0}, {0, 0, 0}, u16(0), {0, 0, 0}, {0, 0, 0}});
    Bytes image = concat({{1, 1},
                          u16(static_cast<unsigned>(face.width)),
                          u16(static_cast<unsigned>(face.height)),
                          {1, 2},
                          u16(0),
                          u16(0)});
    unsigned long block = 4 + info.size() + image.size() + face.jp2.size();
    Bytes record = concat({fromString(std::string("FAC\0", 4)), fromString(std::string("010\0", 4)), u32(14 + block),
                           u16(1), u32(block), info, image, face.jp2});
    Bytes header = tlv(0xA1, concat({tlv(0x80, {1, 1}), tlv(0x81, {2}), tlv(0x87, {1, 1}), tlv(0x88, {0, 8})}));
    Bytes bit = tlv(0x7F60, concat({header, tlv(0x5F2E, record)}));
    return tlv(0x75, tlv(0x7F61, concat({derInteger(1), bit})));
}

Bytes field(int n, const std::string& value)
{
    return derSequence({derInteger(n), derUtf8(value)});
}

Bytes makeDg13(const Person& p)
{
    std::vector<Bytes> fields = {field(1, p.id),        field(2, p.fullName),      field(3, p.dateOfBirth),
                                 field(4, p.sex),       field(5, p.nationality),   field(6, p.ethnicity),
                                 field(7, p.religion),  field(8, p.placeOfOrigin), field(9, p.residence),
                                 field(10, p.features), field(11, p.issueDate),    field(12, p.expiryDate)};
    fields.push_back(derSequence({derInteger(13), derSequence({derUtf8(p.father), derUtf8(p.mother)})}));
    if (!p.spouse.empty()) {
        fields.push_back(field(14, p.spouse));
    }
    if (!p.oldId.empty()) {
        fields.push_back(field(15, p.oldId));
    }
    Bytes set;
    for (const auto& f : fields) {
        append(set, f); // in field order (a BER SET; readers key on the INTEGER)
    }
    // 2.16.704 is Viet Nam's country arc; the real card's OID is not published: a placeholder.
    return tlv(0x6D, derSequence({derInteger(1), derOid("2.16.704.1.1.13"), tlv(0x31, set)}));
}

const char* kOidPaceEcdhGmAes128 = "0.4.0.127.0.7.2.2.4.2.2";
const char* kOidPkEcdh = "0.4.0.127.0.7.2.2.1.2";
const char* kOidCaEcdhAes128 = "0.4.0.127.0.7.2.2.3.2.2";
const char* kOidAaProtocol = "2.23.136.1.1.5";
const char* kOidEcdsaPlainSha256 = "0.4.0.127.0.7.1.1.4.1.3";
const char* kOidLdsSecurityObject = "2.23.136.1.1.1";
const char* kOidSha256 = "2.16.840.1.101.3.4.2.1";

Bytes makeCardAccess()
{
    // PACEInfo: PACE-ECDH-GM-AES-CBC-CMAC-128, version 2, standardized parameters 13 (brainpoolP256r1).
    return derSet({derSequence({derOid(kOidPaceEcdhGmAes128), derInteger(2), derInteger(13)})});
}

Bytes makeDg14(EVP_PKEY* caKey, bool withAa)
{
    std::vector<Bytes> infos;
    if (caKey) {
        infos.push_back(derSequence({derOid(kOidPkEcdh), publicKeyDer(caKey)}));
        infos.push_back(derSequence({derOid(kOidCaEcdhAes128), derInteger(1)}));
    }
    if (withAa) {
        infos.push_back(derSequence({derOid(kOidAaProtocol), derInteger(1), derOid(kOidEcdsaPlainSha256)}));
    }
    return tlv(0x6E, derSet(infos));
}

Bytes makeCom(const std::vector<std::uint8_t>& tags)
{
    return tlv(0x60, concat({tlv(0x5F01, fromString("0107")), tlv(0x5F36, fromString("040000")),
                             tlv(0x5C, Bytes(tags.begin(), tags.end()))}));
}

Result<Bytes> makeSod(const std::vector<std::pair<int, Bytes>>& dgs, X509* ds, EVP_PKEY* dsKey)
{
    std::vector<Bytes> hashes;
    for (const auto& [n, content] : dgs) {
        hashes.push_back(derSequence({derInteger(n), derOctets(sha256(content))}));
    }
    Bytes lds = derSequence({derInteger(0), derSequence({derOid(kOidSha256)}), derSequenceOf(hashes)});
    unsigned flags = CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP;
    CMS_ContentInfo* cms = CMS_sign(ds, dsKey, nullptr, nullptr, flags);
    if (!cms) {
        return fail(ErrorCode::Internal, "CMS signing set-up failed");
    }
    ASN1_OBJECT* type = OBJ_txt2obj(kOidLdsSecurityObject, 1);
    BIO* in = BIO_new_mem_buf(lds.data(), static_cast<int>(lds.size()));
    bool ok = CMS_set1_eContentType(cms, type) == 1 && CMS_final(cms, in, nullptr, flags) == 1;
    BIO_free(in);
    ASN1_OBJECT_free(type);
    unsigned char* der = nullptr;
    int n = ok ? i2d_CMS_ContentInfo(cms, &der) : 0;
    CMS_ContentInfo_free(cms);
    if (n <= 0) {
        return fail(ErrorCode::Internal, "CMS signing failed");
    }
    Bytes out(der, der + n);
    OPENSSL_free(der);
    return tlv(0x77, out);
}

std::string str(const json::Value& obj, const char* key, bool& ok, std::string& error)
{
    const json::Value* v = obj.find(key);
    if (!v) {
        return {};
    }
    if (!v->isString()) {
        ok = false;
        error = std::string("\"") + key + "\" must be a string";
        return {};
    }
    return v->asString();
}

} // namespace

const std::vector<Person>& defaultPeople()
{
    static const std::vector<Person> people = [] {
        std::vector<Person> v(4);
        v[0].id = "072190004217";
        v[0].fullName = "Nguyễn Thị Ngọc Ánh";
        v[0].dateOfBirth = "14/03/1990";
        v[0].sex = "Nữ";
        v[0].placeOfOrigin = "Xã Tân Hưng, Huyện Tân Châu, Tây Ninh";
        v[0].residence = "Số 12, Đường Cách Mạng Tháng Tám, Phường 3, Thành phố Tây Ninh, Tây Ninh";
        v[0].features = "Nốt ruồi C:1cm dưới sau mép trái";
        v[0].issueDate = "10/05/2021";
        v[0].expiryDate = "14/03/2030";
        v[0].father = "Nguyễn Văn Hùng";
        v[0].mother = "Lê Thị Hoa";
        v[0].spouse = "Phạm Minh Đức";
        v[0].oldId = "290812345";
        v[1].id = "072201003358";
        v[1].fullName = "Đặng Quốc Bảo";
        v[1].dateOfBirth = "22/08/2001";
        v[1].sex = "Nam";
        v[1].religion = "Phật giáo";
        v[1].placeOfOrigin = "Phường Long Hoa, Thị xã Hòa Thành, Tây Ninh";
        v[1].residence = "Ấp Trường Đông, Xã Trường Hòa, Thị xã Hòa Thành, Tây Ninh";
        v[1].features = "Sẹo chấm C:2cm trên trước đầu lông mày phải";
        v[1].issueDate = "15/07/2021";
        v[1].expiryDate = "22/08/2026";
        v[1].father = "Đặng Văn Lợi";
        v[1].mother = "Võ Thị Kiều";
        v[2].id = "072075009981";
        v[2].fullName = "Trần Hữu Phước";
        v[2].dateOfBirth = "02/11/1975";
        v[2].sex = "Nam";
        v[2].religion = "Cao Đài";
        v[2].placeOfOrigin = "Xã Phước Thạnh, Huyện Gò Dầu, Tây Ninh";
        v[2].residence = "Khu phố Lộc Du, Phường Trảng Bàng, Thị xã Trảng Bàng, Tây Ninh";
        v[2].features = "Nốt ruồi C:3cm trên sau cánh mũi phải";
        v[2].issueDate = "20/04/2021";
        v[2].expiryDate = "02/11/2035";
        v[2].father = "Trần Văn Thuận";
        v[2].mother = "Nguyễn Thị Tư";
        v[2].spouse = "Huỳnh Thị Kim Yến";
        v[2].oldId = "290345678";
        v[3].id = "072168002764";
        v[3].fullName = "Huỳnh Thị Mỹ Dung";
        v[3].dateOfBirth = "30/01/1968";
        v[3].sex = "Nữ";
        v[3].ethnicity = "Khơ-me";
        v[3].placeOfOrigin = "Xã Thạnh Đức, Huyện Gò Dầu, Tây Ninh";
        v[3].residence = "Tổ 5, Ấp Thạnh Hiệp, Xã Thạnh Đông, Huyện Tân Châu, Tây Ninh";
        v[3].features = "Sẹo C:2cm dưới trước cằm";
        v[3].issueDate = "12/12/2022";
        v[3].expiryDate = "30/01/2028";
        v[3].father = "Huỳnh Văn Sáu";
        v[3].mother = "Trương Thị Bảy";
        return v;
    }();
    return people;
}

Result<Person> loadPersonJson(const fs::path& file)
{
    DA06_TRY(bytes, readBytes(file));
    DA06_TRY(doc, json::parse(std::string(bytes->begin(), bytes->end())));
    if (!doc->isObject()) {
        return fail(ErrorCode::InvalidInput, file.string() + ": the person must be a JSON object");
    }
    Person p;
    bool ok = true;
    std::string error;
    auto take = [&](const char* key, std::string& to) {
        std::string v = str(*doc, key, ok, error);
        if (doc->find(key)) {
            auto nfc = text::toNfc(v);
            to = nfc ? *nfc : v;
        }
    };
    take("id", p.id);
    take("name", p.fullName);
    take("dob", p.dateOfBirth);
    take("sex", p.sex);
    take("nationality", p.nationality);
    take("ethnicity", p.ethnicity);
    take("religion", p.religion);
    take("origin", p.placeOfOrigin);
    take("residence", p.residence);
    take("features", p.features);
    take("issued", p.issueDate);
    take("expires", p.expiryDate);
    take("father", p.father);
    take("mother", p.mother);
    take("spouse", p.spouse);
    take("oldId", p.oldId);
    if (!ok) {
        return fail(ErrorCode::InvalidInput, file.string() + ": " + error);
    }
    return p;
}

Status validatePerson(const Person& p)
{
    if (p.id.size() != 12 || p.id.find_first_not_of("0123456789") != std::string::npos) {
        return fail(ErrorCode::InvalidInput, "the ID number must have 12 digits");
    }
    if (p.fullName.empty() || !text::isValidUtf8(p.fullName)) {
        return fail(ErrorCode::InvalidInput, "the full name is missing or not UTF-8");
    }
    if (p.sex != "Nam" && p.sex != "Nữ") {
        return fail(ErrorCode::InvalidInput, "the sex must be \"Nam\" or \"Nữ\"");
    }
    auto dob = parseDmy(p.dateOfBirth);
    auto issued = parseDmy(p.issueDate);
    auto expires = parseDmy(p.expiryDate);
    if (!dob || !issued || !expires) {
        return fail(ErrorCode::InvalidInput, "the dates of birth, issue and expiry must be dd/MM/yyyy");
    }
    int g = p.id[3] - '0';
    int year = (g / 2 + 19) * 100 + std::stoi(p.id.substr(4, 2));
    if (g > 5 || year != dob->y) {
        return fail(ErrorCode::InvalidInput, "the ID number's century digit and year do not match the date of birth");
    }
    if ((g % 2 == 1) != (p.sex == "Nữ")) {
        return fail(ErrorCode::InvalidInput, "the ID number's sex digit does not match the sex");
    }
    for (const auto* s : {&p.father, &p.mother, &p.residence, &p.placeOfOrigin, &p.features, &p.spouse}) {
        if (!text::isValidUtf8(*s)) {
            return fail(ErrorCode::InvalidInput, "a text field is not UTF-8");
        }
    }
    return {};
}

int mrzCheckDigit(std::string_view s)
{
    static const int weights[3] = {7, 3, 1};
    int sum = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        int v = 0;
        if (c >= '0' && c <= '9') {
            v = c - '0';
        } else if (c >= 'A' && c <= 'Z') {
            v = c - 'A' + 10;
        }
        sum += v * weights[i % 3];
    }
    return sum % 10;
}

std::string makeMrz(const Person& p)
{
    auto fit = [](std::string s, std::size_t n) {
        s.resize(n, '<');
        return s;
    };
    std::string doc = p.id.substr(3);
    std::string line1 = "IDVNM" + doc + std::to_string(mrzCheckDigit(doc)) + fit(p.id, 15);
    std::string dob = yymmdd(p.dateOfBirth);
    std::string doe = yymmdd(p.expiryDate);
    std::string line2 = dob + std::to_string(mrzCheckDigit(dob)) + (p.sex == "Nữ" ? "F" : "M") + doe +
                        std::to_string(mrzCheckDigit(doe)) + "VNM" + std::string(11, '<');
    std::string composite = line1.substr(5, 25) + line2.substr(0, 7) + line2.substr(8, 7) + line2.substr(18, 11);
    line2 += std::to_string(mrzCheckDigit(composite));
    // Name: no diacritics, upper case, surname << given names.
    std::string folded = text::fold(p.fullName);
    std::string name;
    bool first = true;
    std::size_t start = 0;
    while (start < folded.size()) {
        std::size_t sp = folded.find(' ', start);
        std::string word = folded.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
        for (auto& c : word) {
            c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : (c >= '0' && c <= '9') ? c : '<';
        }
        name += word;
        name += first ? "<<" : "<";
        first = false;
        if (sp == std::string::npos) {
            break;
        }
        start = sp + 1;
    }
    return line1 + line2 + fit(name, 30);
}

Status makePki(const fs::path& dir)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        return fail(ErrorCode::Io, "cannot create " + dir.string() + ": " + ec.message());
    }
    PkeyPtr cscaKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "prime256v1"));
    PkeyPtr dsKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "prime256v1"));
    if (!cscaKey || !dsKey) {
        return fail(ErrorCode::Internal, "key generation failed");
    }
    X509Ptr csca = makeCert(cscaKey.get(), "DA06 Test CSCA", 1, nullptr, cscaKey.get(), true);
    X509Ptr ds =
        csca ? makeCert(dsKey.get(), "DA06 Test Document Signer", 2, csca.get(), cscaKey.get(), false) : nullptr;
    if (!csca || !ds) {
        return fail(ErrorCode::Internal, "certificate creation failed");
    }
    if (!writeCertPem(csca.get(), dir / "csca.pem") || !writeCertPem(ds.get(), dir / "ds.pem") ||
        !writePrivateKeyPem(dsKey.get(), (dir / "ds.key").string())) {
        return fail(ErrorCode::Io, "cannot write the PKI into " + dir.string());
    }
    fs::permissions(dir / "ds.key", fs::perms::owner_read | fs::perms::owner_write, ec);
    return {};
}

Status makeCard(const Person& p, const fs::path& dir, const MakeOptions& options)
{
    DA06_CHECK(validatePerson(p));
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        return fail(ErrorCode::Io, "cannot create " + dir.string() + ": " + ec.message());
    }
    fs::path pki = options.pkiDir.empty() ? dir / "pki" : options.pkiDir;
    if (!fs::exists(pki / "ds.pem") || !fs::exists(pki / "ds.key")) {
        if (!options.pkiDir.empty()) {
            return fail(ErrorCode::NotFound,
                        "no ds.pem and ds.key in " + pki.string() + " (make them with --make-pki)");
        }
        DA06_CHECK(makePki(pki));
    }
    X509Ptr ds = readCertPem(pki / "ds.pem");
    PkeyPtr dsKey = readPrivateKeyPem((pki / "ds.key").string());
    if (!ds || !dsKey) {
        return fail(ErrorCode::InvalidInput, "ds.pem or ds.key in " + pki.string() + " cannot be read");
    }
    if (X509_check_private_key(ds.get(), dsKey.get()) != 1) {
        return fail(ErrorCode::InvalidInput, "ds.key does not belong to ds.pem");
    }

    FaceImage face;
    try {
        face = makeFaceJp2(options.seed, 15 * 1024, 20 * 1024, dir / "face.tmp.jp2");
    } catch (const std::exception& e) {
        return fail(ErrorCode::Internal, std::string("face image: ") + e.what());
    }
    PkeyPtr caKey = options.chipAuthentication ? generateEcKey() : nullptr;
    PkeyPtr aaKey = options.activeAuthentication ? generateEcKey() : nullptr;
    if ((options.chipAuthentication && !caKey) || (options.activeAuthentication && !aaKey)) {
        return fail(ErrorCode::Internal, "chip key generation failed");
    }

    std::vector<std::pair<int, Bytes>> dgs;
    dgs.emplace_back(1, makeDg1(p));
    dgs.emplace_back(2, makeDg2(p, face));
    dgs.emplace_back(13, makeDg13(p));
    if (caKey || aaKey) {
        dgs.emplace_back(14, makeDg14(caKey.get(), aaKey != nullptr));
    }
    if (aaKey) {
        dgs.emplace_back(15, tlv(0x6F, publicKeyDer(aaKey.get())));
    }
    std::vector<std::uint8_t> tags;
    for (const auto& [n, content] : dgs) {
        tags.push_back(content.front());
    }
    DA06_TRY(sod, makeSod(dgs, ds.get(), dsKey.get()));

    for (const char* stale : {files::kCaKey, files::kAaKey}) {
        fs::remove(dir / stale, ec);
    }
    for (int n : {14, 15}) {
        fs::remove(dir / files::dataGroup(n), ec);
    }
    for (const auto& [n, content] : dgs) {
        DA06_CHECK(writeBytes(dir / files::dataGroup(n), content));
    }
    DA06_CHECK(writeBytes(dir / files::kCom, makeCom(tags)));
    DA06_CHECK(writeBytes(dir / files::kCardAccess, makeCardAccess()));
    DA06_CHECK(writeBytes(dir / files::kSod, *sod));
    DA06_CHECK(writeBytes(dir / files::kFace, face.jp2));
    if (caKey && !writePrivateKeyPem(caKey.get(), (dir / files::kCaKey).string())) {
        return fail(ErrorCode::Io, "cannot write the chip-authentication key");
    }
    if (aaKey && !writePrivateKeyPem(aaKey.get(), (dir / files::kAaKey).string())) {
        return fail(ErrorCode::Io, "cannot write the active-authentication key");
    }
    for (const char* key : {files::kCaKey, files::kAaKey}) {
        if (fs::exists(dir / key)) {
            fs::permissions(dir / key, fs::perms::owner_read | fs::perms::owner_write, ec);
        }
    }
    if (options.tamperDataGroup != 0) {
        DA06_CHECK(tamperDataGroup(dir, options.tamperDataGroup));
    }
    return {};
}

Status tamperDataGroup(const fs::path& dir, int dg)
{
    fs::path file = dir / files::dataGroup(dg);
    DA06_TRY(bytes, readBytes(file));
    if (bytes->size() < 8) {
        return fail(ErrorCode::NotFound, "the card has no DG" + std::to_string(dg) + " to tamper with");
    }
    // DG1: one MRZ letter of the name line; DG2: a byte inside the image; others: the last byte.
    std::size_t at = dg == 2 ? bytes->size() / 2 : bytes->size() - 1;
    if (dg == 1) {
        (*bytes)[at] = static_cast<std::uint8_t>((*bytes)[at] == 'X' ? 'Y' : 'X');
    } else {
        (*bytes)[at] ^= 0x01;
    }
    return writeBytes(file, *bytes);
}

} // namespace da06::vcard
