// EF.COM, DG1, DG2, DG13, DG14, DG15 (ICAO 9303-10 §4.6-4.7; DG13 as laid out on the CCCD chip).
#include "domain/identity/chip/DataGroups.h"

#include <algorithm>

#include "domain/identity/CccdQr.h"
#include "domain/identity/IdNumber.h"

namespace da06::chip {

namespace {

Result<Tlv> fileTlv(ByteView file, std::uint32_t tag, const char* name)
{
    DA06_TRY(t, parseTlv(file));
    if (t->tag != tag) {
        return fail(ErrorCode::InvalidInput,
                    std::string(name) + " does not start with its tag " + toHex(encodeTag(tag)));
    }
    return t;
}

std::string asciiValue(ByteView v)
{
    return std::string(reinterpret_cast<const char*>(v.data()), v.size());
}

// The strings under t (t itself when a string, else its string children, depth-first).
void collectStrings(const Tlv& t, std::vector<std::string>& out, bool& bad, int depth = 0)
{
    if (depth > 4) {
        return;
    }
    if (!t.constructed) {
        auto s = derString(t);
        if (s) {
            out.push_back(std::move(*s));
        } else {
            bad = true;
        }
        return;
    }
    for (const Tlv& c : t.children) {
        collectStrings(c, out, bad, depth + 1);
    }
}

std::uint32_t be(ByteView b, std::size_t at, std::size_t n)
{
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        v = (v << 8) | b[at + i];
    }
    return v;
}

// ISO/IEC 19794-5 facial record: "FAC\0" "010\0" length(4) count(2), then the facial record
// header (20 bytes), feature points (8 each), the image information (12 bytes), the image.
std::optional<FaceImage> parseIso19794(ByteView b)
{
    if (b.size() < 14 + 20 + 12 || b[0] != 'F' || b[1] != 'A' || b[2] != 'C' || b[3] != 0) {
        return std::nullopt;
    }
    std::size_t at = 14;
    const std::uint32_t recordLength = be(b, at, 4);
    const std::uint32_t featurePoints = be(b, at + 4, 2);
    if (recordLength < 32 || recordLength > b.size() - at) {
        return std::nullopt;
    }
    const std::size_t imageInfo = at + 20 + static_cast<std::size_t>(featurePoints) * 8;
    if (imageInfo + 12 > at + recordLength) {
        return std::nullopt;
    }
    FaceImage f;
    f.declaredWidth = static_cast<int>(be(b, imageInfo + 2, 2));
    f.declaredHeight = static_cast<int>(be(b, imageInfo + 4, 2));
    const ByteView image = b.subspan(imageInfo + 12, at + recordLength - imageInfo - 12);
    f.format = sniffImageFormat(image);
    if (f.format == ImageFormat::Unknown) {
        return std::nullopt;
    }
    f.data.assign(image.begin(), image.end());
    return f;
}

std::optional<FaceImage> scanForImage(ByteView b)
{
    for (std::size_t i = 0; i + 4 <= b.size(); ++i) {
        const ImageFormat f = sniffImageFormat(b.subspan(i));
        if (f != ImageFormat::Unknown) {
            FaceImage img;
            img.format = f;
            img.data.assign(b.begin() + static_cast<long>(i), b.end());
            return img;
        }
    }
    return std::nullopt;
}

const Tlv* findDeep(const Tlv& t, std::uint32_t tag, int depth = 0)
{
    if (t.tag == tag) {
        return &t;
    }
    if (depth > 6) {
        return nullptr;
    }
    for (const Tlv& c : t.children) {
        if (const Tlv* f = findDeep(c, tag, depth + 1)) {
            return f;
        }
    }
    return nullptr;
}

} // namespace

int dataGroupNumberOfTag(std::uint32_t tag)
{
    static constexpr std::uint32_t tags[] = {0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68,
                                             0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70};
    for (int i = 0; i < 16; ++i) {
        if (tags[i] == tag) {
            return i + 1;
        }
    }
    return 0;
}

std::uint32_t tagOfDataGroup(int number)
{
    static constexpr std::uint32_t tags[] = {0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68,
                                             0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70};
    return number >= 1 && number <= 16 ? tags[number - 1] : 0;
}

std::uint16_t fileIdOfDataGroup(int number)
{
    return static_cast<std::uint16_t>(0x0100 + number);
}

bool EfCom::lists(int dg) const
{
    for (int d : dataGroups) {
        if (d == dg) {
            return true;
        }
    }
    return false;
}

Result<EfCom> parseEfCom(ByteView file)
{
    DA06_TRY(t, fileTlv(file, 0x60, "EF.COM"));
    EfCom com;
    if (const Tlv* v = t->find(0x5F01)) {
        com.ldsVersion = asciiValue(v->value);
    }
    if (const Tlv* v = t->find(0x5F36)) {
        com.unicodeVersion = asciiValue(v->value);
    }
    const Tlv* list = t->find(0x5C);
    if (!list) {
        return fail(ErrorCode::InvalidInput, "EF.COM has no list of data groups (5C)");
    }
    for (std::uint8_t tag : list->value) {
        const int dg = dataGroupNumberOfTag(tag);
        if (dg != 0) {
            com.dataGroups.push_back(dg);
        }
    }
    return com;
}

Result<Dg1> parseDg1(ByteView file)
{
    DA06_TRY(t, fileTlv(file, 0x61, "DG1"));
    const Tlv* mrz = t->find(0x5F1F);
    if (!mrz) {
        return fail(ErrorCode::InvalidInput, "DG1 has no MRZ (5F1F)");
    }
    if (mrz->value.size() != 90) {
        return fail(ErrorCode::InvalidInput, "DG1's MRZ is not a TD1 MRZ of 90 characters");
    }
    DA06_TRY(parsed, parseTd1(asciiValue(mrz->value)));
    return Dg1{std::move(*parsed)};
}

Result<Dg13> parseDg13(ByteView file)
{
    DA06_TRY(t, fileTlv(file, 0x6D, "DG13"));
    // The field SEQUENCEs {INTEGER n, value…}: inside the SET of the outer SEQUENCE, or (tolerated)
    // directly inside the outer SEQUENCE or the file.
    std::vector<const Tlv*> fields;
    auto gather = [&fields](const Tlv& container) {
        for (const Tlv& c : container.children) {
            if (c.tag == 0x30 && c.children.size() >= 2 && c.children[0].tag == 0x02) {
                fields.push_back(&c);
            }
        }
    };
    const Tlv* outer = t->find(0x30);
    if (outer) {
        for (const Tlv& c : outer->children) {
            if (c.tag == 0x31) {
                gather(c);
            }
        }
        if (fields.empty()) {
            gather(*outer);
        }
    }
    if (fields.empty()) {
        gather(*t);
    }
    Dg13 d;
    for (const Tlv* f : fields) {
        auto n = derSmallInteger(f->children[0]);
        if (!n) {
            continue;
        }
        d.present.push_back(*n);
        std::vector<std::string> strings;
        bool bad = false;
        for (std::size_t i = 1; i < f->children.size(); ++i) {
            collectStrings(f->children[i], strings, bad);
        }
        if (bad || strings.empty()) {
            d.invalid.push_back(*n);
            if (strings.empty()) {
                continue;
            }
        }
        const std::string& s = strings[0];
        switch (*n) {
        case 1:
            d.idNumber = s;
            break;
        case 2:
            d.fullName = s;
            break;
        case 3:
            d.dateOfBirth = s;
            break;
        case 4:
            d.sex = s;
            break;
        case 5:
            d.nationality = s;
            break;
        case 6:
            d.ethnicity = s;
            break;
        case 7:
            d.religion = s;
            break;
        case 8:
            d.placeOfOrigin = s;
            break;
        case 9:
            d.placeOfResidence = s;
            break;
        case 10:
            d.identifyingFeatures = s;
            break;
        case 11:
            d.issueDate = s;
            break;
        case 12:
            d.expiryDate = s;
            break;
        case 13:
            d.fatherName = s;
            if (strings.size() > 1) {
                d.motherName = strings[1];
            }
            break;
        case 14:
            d.spouseName = s;
            break;
        case 15:
        case 16:
            if (d.oldIdNumber.empty() && (s.size() == 9 || s.size() == 12) && identity::isAllDigits(s)) {
                d.oldIdNumber = s;
            } else {
                d.otherFields[*n] = s;
            }
            break;
        default:
            d.otherFields[*n] = s;
            break;
        }
    }
    if (d.present.empty()) {
        return fail(ErrorCode::InvalidInput, "DG13 holds no numbered field");
    }
    return d;
}

const char* imageFormatName(ImageFormat f)
{
    switch (f) {
    case ImageFormat::Jpeg:
        return "jpeg";
    case ImageFormat::Jpeg2000Codestream:
        return "jpeg2000";
    case ImageFormat::Jpeg2000Jp2:
        return "jp2";
    case ImageFormat::Unknown:
        break;
    }
    return "unknown";
}

ImageFormat sniffImageFormat(ByteView d)
{
    if (d.size() >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) {
        return ImageFormat::Jpeg;
    }
    if (d.size() >= 4 && d[0] == 0xFF && d[1] == 0x4F && d[2] == 0xFF && d[3] == 0x51) {
        return ImageFormat::Jpeg2000Codestream;
    }
    static constexpr std::uint8_t jp2[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A};
    if (d.size() >= sizeof jp2 && std::equal(std::begin(jp2), std::end(jp2), d.begin())) {
        return ImageFormat::Jpeg2000Jp2;
    }
    return ImageFormat::Unknown;
}

Result<FaceImage> parseDg2(ByteView file)
{
    DA06_TRY(t, fileTlv(file, 0x75, "DG2"));
    const Tlv* block = findDeep(*t, 0x5F2E);
    if (!block) {
        block = findDeep(*t, 0x7F2E);
    }
    if (!block) {
        return fail(ErrorCode::InvalidInput, "DG2 holds no biometric data block (5F2E)");
    }
    if (auto f = parseIso19794(block->value)) {
        return std::move(*f);
    }
    if (auto f = scanForImage(block->value)) {
        return std::move(*f);
    }
    return fail(ErrorCode::InvalidInput, "DG2's face image is neither JPEG nor JPEG 2000");
}

Result<std::vector<SecurityInfo>> parseSecurityInfos(ByteView file)
{
    DA06_TRY(t, parseTlv(file));
    const Tlv* set = &*t;
    if (t->tag == 0x6E) {
        set = t->find(0x31);
        if (!set) {
            return fail(ErrorCode::InvalidInput, "DG14 holds no SET of SecurityInfos");
        }
    }
    if (set->tag != 0x31) {
        return fail(ErrorCode::InvalidInput, "a SET of SecurityInfos was expected");
    }
    std::vector<SecurityInfo> out;
    for (const Tlv& s : set->children) {
        if (s.tag != 0x30 || s.children.empty() || s.children[0].tag != 0x06) {
            continue;
        }
        auto protocol = oidToString(s.children[0].value);
        if (!protocol) {
            continue;
        }
        SecurityInfo info;
        info.protocol = *protocol;
        info.der.assign(s.whole.begin(), s.whole.end());
        if (s.children.size() > 1) {
            const Tlv& second = s.children[1];
            if (second.tag == 0x02) {
                if (auto v = derSmallInteger(second)) {
                    info.version = *v;
                }
            } else if (second.tag == 0x30) {
                info.publicKeyDer.assign(second.whole.begin(), second.whole.end());
            }
        }
        if (s.children.size() > 2 && s.children[2].tag == 0x02) {
            if (auto v = derSmallInteger(s.children[2])) {
                if (info.publicKeyDer.empty()) {
                    info.parameterId = *v;
                } else {
                    info.keyId = *v;
                }
            }
        }
        out.push_back(std::move(info));
    }
    return out;
}

Result<Bytes> parseDg15(ByteView file)
{
    DA06_TRY(t, fileTlv(file, 0x6F, "DG15"));
    const Tlv* spki = t->find(0x30);
    if (!spki) {
        return fail(ErrorCode::InvalidInput, "DG15 holds no public key");
    }
    return Bytes(spki->whole.begin(), spki->whole.end());
}

} // namespace da06::chip
