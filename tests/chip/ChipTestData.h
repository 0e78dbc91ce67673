#pragma once
// Test data for the chip tests: a Vietnamese TD1 MRZ, DG1, DG13, EF.COM built with the TLV
// builder (the published check-digit examples are tested on their own in ChipDataTests).
#include <string>
#include <utility>
#include <vector>

#include "domain/identity/chip/Mrz.h"
#include "domain/identity/chip/Tlv.h"

namespace chiptest {

using da06::chip::Bytes;

inline std::string check(const std::string& field)
{
    return std::string(1, static_cast<char>('0' + da06::chip::mrzCheckDigit(field)));
}

inline std::string pad(std::string s, std::size_t n)
{
    while (s.size() < n) {
        s.push_back('<');
    }
    return s.substr(0, n);
}

// TD1 MRZ of a CCCD: IDVNM<doc9><check><id12><<<… / DOB check sex expiry check VNM … composite / name.
inline std::string vnMrz(const std::string& id12, const std::string& dob, char sex, const std::string& expiry,
                         const std::string& name)
{
    const std::string doc = id12.substr(3);
    const std::string l1 = "IDVNM" + doc + check(doc) + pad(id12, 15);
    std::string l2 = dob + check(dob) + std::string(1, sex) + expiry + check(expiry) + "VNM" + pad("", 11);
    const std::string composite = l1.substr(5, 25) + l2.substr(0, 7) + l2.substr(8, 7) + l2.substr(18, 11);
    l2 += check(composite);
    return l1 + "\n" + l2 + "\n" + pad(name, 30);
}

inline Bytes str(const std::string& s, std::uint8_t tag = 0x0C)
{
    return da06::chip::encodeTlv(tag, Bytes(s.begin(), s.end()));
}

inline Bytes integer(int v)
{
    return da06::chip::encodeTlv(0x02, Bytes{static_cast<std::uint8_t>(v)});
}

inline Bytes field(int n, const std::string& value)
{
    return da06::chip::encodeTlv(0x30, std::vector<Bytes>{integer(n), str(value)});
}

inline Bytes dg13(const std::vector<Bytes>& fields)
{
    const Bytes oid = da06::chip::encodeTlv(0x06, *da06::chip::oidFromString("2.16.704.1.1"));
    const Bytes set = da06::chip::encodeTlv(0x31, fields);
    return da06::chip::encodeTlv(
        0x6D, std::vector<Bytes>{da06::chip::encodeTlv(0x30, std::vector<Bytes>{integer(1), oid, set})});
}

struct Person {
    std::string id12 = "072190001234";
    std::string fullName = "Đặng Ngọc Ẩn Huỳnh Thị Tuyết Mỹ Lưu Ơn";
    std::string mrzName = "DANG<<NGOC<AN<HUYNH<THI<TUYET";
    std::string dobDg13 = "01/02/1990";
    std::string dobMrz = "900201";
    std::string sexDg13 = "Nữ";
    char sexMrz = 'F';
    std::string expiryDg13 = "01/02/2030";
    std::string expiryMrz = "300201";
};

inline Bytes dg13Of(const Person& p)
{
    std::vector<Bytes> f{field(1, p.id12),
                         field(2, p.fullName),
                         field(3, p.dobDg13),
                         field(4, p.sexDg13),
                         field(5, "Việt Nam"),
                         field(6, "Kinh"),
                         field(7, "Không"),
                         field(8, "Xã Thạnh Tây, Tân Biên, Tây Ninh"),
                         field(9, "Khu phố 3, Phường 2, Tây Ninh"),
                         field(10, "Nốt ruồi cách 2cm trên đuôi mắt trái"),
                         field(11, "10/05/2021"),
                         field(12, p.expiryDg13)};
    f.push_back(da06::chip::encodeTlv(
        0x30, std::vector<Bytes>{integer(13), da06::chip::encodeTlv(
                                                  0x30, std::vector<Bytes>{str("Đặng Văn Bình"), str("Lê Thị Hoà")})}));
    f.push_back(field(15, "280123456"));
    return dg13(f);
}

inline Bytes dg1(const std::string& mrz)
{
    std::string flat;
    for (char c : mrz) {
        if (c != '\n') {
            flat.push_back(c);
        }
    }
    const Bytes inner = da06::chip::encodeTlv(0x5F1F, Bytes(flat.begin(), flat.end()));
    return da06::chip::encodeTlv(0x61, inner);
}

inline std::string mrzOf(const Person& p)
{
    return vnMrz(p.id12, p.dobMrz, p.sexMrz, p.expiryMrz, p.mrzName);
}

inline Bytes efCom(const std::vector<std::uint8_t>& tags)
{
    return da06::chip::encodeTlv(0x60,
                                 std::vector<Bytes>{da06::chip::encodeTlv(0x5F01, Bytes{'0', '1', '0', '7'}),
                                                    da06::chip::encodeTlv(0x5F36, Bytes{'0', '4', '0', '0', '0', '0'}),
                                                    da06::chip::encodeTlv(0x5C, Bytes(tags.begin(), tags.end()))});
}

} // namespace chiptest
