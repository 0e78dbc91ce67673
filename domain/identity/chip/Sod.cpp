// EF.SOD: CMS SignedData → LDSSecurityObject (ICAO 9303-10 §4.6.2, RFC 5652 §5).
#include "domain/identity/chip/Sod.h"

#include "domain/identity/chip/DataGroups.h"

namespace da06::chip {

namespace {

Status expect(bool ok, const char* what)
{
    if (!ok) {
        return fail(ErrorCode::InvalidInput, std::string("EF.SOD: ") + what);
    }
    return {};
}

Result<SecurityObject> parseLdsSecurityObject(ByteView der)
{
    DA06_TRY(t, parseTlv(der));
    DA06_CHECK(expect(t->tag == 0x30 && t->children.size() >= 3, "the LDSSecurityObject is not a SEQUENCE of 3"));
    SecurityObject so;
    DA06_TRY(version, derSmallInteger(t->children[0]));
    so.version = *version;
    const Tlv& alg = t->children[1];
    DA06_CHECK(expect(alg.tag == 0x30 && !alg.children.empty() && alg.children[0].tag == 0x06,
                      "the hash algorithm is not an AlgorithmIdentifier"));
    DA06_TRY(oidText, oidToString(alg.children[0].value));
    so.hashAlgorithm = *oidText;
    const Tlv& hashes = t->children[2];
    DA06_CHECK(expect(hashes.tag == 0x30, "the data group hashes are not a SEQUENCE"));
    for (const Tlv& h : hashes.children) {
        DA06_CHECK(expect(h.tag == 0x30 && h.children.size() == 2 && h.children[1].tag == 0x04,
                          "a data group hash is not {INTEGER, OCTET STRING}"));
        DA06_TRY(dg, derSmallInteger(h.children[0]));
        DA06_CHECK(expect(*dg >= 1 && *dg <= 16, "a data group number is outside 1-16"));
        DA06_CHECK(expect(!so.dataGroupHashes.contains(*dg), "a data group is hashed twice"));
        so.dataGroupHashes[*dg] = Bytes(h.children[1].value.begin(), h.children[1].value.end());
    }
    return so;
}

} // namespace

Result<SecurityObject> parseSod(ByteView file)
{
    DA06_TRY(t, parseTlv(file));
    DA06_CHECK(expect(t->tag == 0x77, "the file does not start with tag 77"));
    DA06_CHECK(expect(t->children.size() == 1 && t->children[0].tag == 0x30, "no CMS ContentInfo inside"));
    const Tlv& contentInfo = t->children[0];
    DA06_CHECK(expect(contentInfo.children.size() >= 2 && contentInfo.children[0].tag == 0x06 &&
                          contentInfo.children[1].tag == 0xA0 && contentInfo.children[1].children.size() == 1,
                      "the ContentInfo is not {OID, [0] content}"));
    DA06_TRY(type, oidToString(contentInfo.children[0].value));
    DA06_CHECK(expect(*type == oid::kSignedData, "the content is not a CMS SignedData"));
    const Tlv& signedData = contentInfo.children[1].children[0];
    DA06_CHECK(expect(signedData.tag == 0x30 && signedData.children.size() >= 4, "SignedData is malformed"));
    // version, digestAlgorithms (SET), encapContentInfo (SEQUENCE), [0] certificates?, [1] crls?, signerInfos
    DA06_CHECK(expect(signedData.children[0].tag == 0x02 && signedData.children[1].tag == 0x31 &&
                          signedData.children[2].tag == 0x30,
                      "SignedData does not start with version, digest algorithms, content"));
    const Tlv& encap = signedData.children[2];
    DA06_CHECK(expect(encap.children.size() == 2 && encap.children[0].tag == 0x06 && encap.children[1].tag == 0xA0 &&
                          encap.children[1].children.size() == 1 && encap.children[1].children[0].tag == 0x04,
                      "the encapsulated content is not {OID, [0] OCTET STRING}"));
    DA06_TRY(eType, oidToString(encap.children[0].value));
    DA06_CHECK(expect(*eType == oid::kLdsSecurityObject, "the signed content is not an LDSSecurityObject"));
    const ByteView eContent = encap.children[1].children[0].value;
    DA06_TRY(so, parseLdsSecurityObject(eContent));
    so->signedContent.assign(eContent.begin(), eContent.end());
    so->cms.assign(contentInfo.whole.begin(), contentInfo.whole.end());
    for (std::size_t i = 3; i < signedData.children.size(); ++i) {
        const Tlv& c = signedData.children[i];
        if (c.tag == 0xA0 && !c.children.empty() && c.children[0].tag == 0x30) {
            so->documentSigner.assign(c.children[0].whole.begin(), c.children[0].whole.end());
            break;
        }
    }
    DA06_CHECK(expect(signedData.children.back().tag == 0x31, "SignedData has no signer infos"));
    return std::move(*so);
}

std::string hashNameOfOid(const std::string& dotted)
{
    if (dotted == "1.3.14.3.2.26") {
        return "sha1";
    }
    if (dotted == "2.16.840.1.101.3.4.2.4") {
        return "sha224";
    }
    if (dotted == "2.16.840.1.101.3.4.2.1") {
        return "sha256";
    }
    if (dotted == "2.16.840.1.101.3.4.2.2") {
        return "sha384";
    }
    if (dotted == "2.16.840.1.101.3.4.2.3") {
        return "sha512";
    }
    return "";
}

} // namespace da06::chip
