// Cross-checks of the chip's data (DG13, DG1 MRZ) with the QR code and the number rules.
#include "domain/identity/chip/ChipCrossCheck.h"

#include <array>
#include <map>

#include "domain/identity/CardExpiry.h"
#include "domain/identity/IdNumber.h"
#include "domain/identity/Province.h"

namespace da06::chip {

namespace {

using S = identity::Severity;
using P = ChipProblem;

constexpr const char* kRefuse =
    DA06_N_("Do not accept this card as proof of identity: ask for another identity document, or send the "
            "citizen to the police (Công an) to have the card checked.");
constexpr const char* kCheckByEye =
    DA06_N_("Compare the data with the printed card and the citizen before accepting it.");

constexpr std::array<ChipProblemInfo, kChipProblemCount> kInfos{{
    {P::Dg13IdInvalid, "chip_id_invalid", S::Error,
     DA06_N_("The card number stored in the chip is not made of 12 digits."), kRefuse},
    {P::IdMismatchMrz, "id_mismatch_mrz", S::Error,
     DA06_N_("The card number in the chip's personal data differs from the one in the chip's MRZ."), kRefuse},
    {P::DocumentNumberMismatch, "document_number_mismatch", S::Error,
     DA06_N_("The document number of the MRZ is not the last 9 digits of the card number."), kRefuse},
    {P::IdMismatchQr, "id_mismatch_qr", S::Error,
     DA06_N_("The card number in the chip differs from the one in the QR code."), kRefuse},
    {P::NameMismatchMrz, "name_mismatch_mrz", S::Error,
     DA06_N_("The name in the chip's personal data differs from the name in the chip's MRZ."), kRefuse},
    {P::NameMismatchQr, "name_mismatch_qr", S::Error,
     DA06_N_("The name in the chip differs from the name in the QR code."), kRefuse},
    {P::DobMismatchMrz, "dob_mismatch_mrz", S::Error,
     DA06_N_("The date of birth in the chip's personal data differs from the one in the chip's MRZ."), kRefuse},
    {P::DobMismatchQr, "dob_mismatch_qr", S::Error,
     DA06_N_("The date of birth in the chip differs from the one in the QR code."), kRefuse},
    {P::SexMismatchMrz, "sex_mismatch_mrz", S::Error,
     DA06_N_("The sex in the chip's personal data differs from the one in the chip's MRZ."), kRefuse},
    {P::SexMismatchQr, "sex_mismatch_qr", S::Error, DA06_N_("The sex in the chip differs from the one in the QR code."),
     kRefuse},
    {P::SexNumberMismatch, "sex_number_mismatch", S::Error,
     DA06_N_("The card number says the sex is %s but the chip says otherwise."), kRefuse},
    {P::BirthYearNumberMismatch, "birth_year_number_mismatch", S::Error,
     DA06_N_("The card number says born in %s but the chip's date of birth is in %s."), kRefuse},
    {P::ExpiryMismatchMrz, "expiry_mismatch_mrz", S::Error,
     DA06_N_("The expiry date in the chip's personal data differs from the one in the chip's MRZ."), kRefuse},
    {P::CardExpired, "card_expired", S::Error, DA06_N_("The card expired on %s."),
     DA06_N_("The card is no longer valid: the citizen must have it renewed at the police (Công an); ask for "
             "another valid identity document meanwhile.")},
    {P::NameDiacriticsOnlyQr, "name_diacritics_differ_qr", S::Warning,
     DA06_N_("The name in the chip and the name in the QR code differ only in their diacritics."), kCheckByEye},
    {P::UnknownProvince, "unknown_province", S::Warning,
     DA06_N_("The province code %s at the start of the card number is not one of the 63 province codes."), kCheckByEye},
    {P::Dg13IdMissing, "chip_id_missing", S::Warning, DA06_N_("The chip's personal data has no card number."),
     kCheckByEye},
    {P::Dg13NameMissing, "chip_name_missing", S::Warning, DA06_N_("The chip's personal data has no full name."),
     kCheckByEye},
    {P::Dg13DobMissing, "chip_dob_missing", S::Warning, DA06_N_("The chip's personal data has no date of birth."),
     kCheckByEye},
    {P::Dg13SexMissing, "chip_sex_missing", S::Warning, DA06_N_("The chip's personal data has no sex."), kCheckByEye},
    {P::Dg13FieldInvalid, "chip_field_invalid", S::Warning,
     DA06_N_("Field %s of the chip's personal data could not be read as text."), kCheckByEye},
    {P::DobUnreadable, "chip_dob_unreadable", S::Warning,
     DA06_N_("The date of birth in the chip's personal data is not a date that can be read."), kCheckByEye},
}};

void decode(std::string_view s, std::vector<char32_t>& out)
{
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + static_cast<std::size_t>(n) > s.size()) {
            n = 1;
        }
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < n; ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        }
        out.push_back(cp);
        i += static_cast<std::size_t>(n);
    }
}

const std::map<char32_t, char>& foldTable()
{
    static const std::map<char32_t, char> table = [] {
        std::map<char32_t, char> t;
        const std::pair<char, const char*> groups[] = {{'A', "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"},
                                                       {'E', "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ"},
                                                       {'I', "ìíỉĩịÌÍỈĨỊ"},
                                                       {'O', "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"},
                                                       {'U', "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ"},
                                                       {'Y', "ỳýỷỹỵỲÝỶỸỴ"},
                                                       {'D', "đĐ"}};
        for (const auto& [base, letters] : groups) {
            std::vector<char32_t> cps;
            decode(letters, cps);
            for (char32_t cp : cps) {
                t[cp] = base;
            }
        }
        return t;
    }();
    return table;
}

std::string yearText(int y)
{
    return std::to_string(y);
}

void need(std::vector<ChipFinding>& out, const std::string& value, ChipProblem missing)
{
    if (value.empty()) {
        out.push_back({missing, {}});
    }
}

identity::Sex sexOfText(std::string_view s)
{
    if (s == "Nam" || s == "NAM" || s == "nam" || s == "M") {
        return identity::Sex::Male;
    }
    if (s == "Nữ" || s == "NỮ" || s == "nữ" || s == "F") {
        return identity::Sex::Female;
    }
    return identity::Sex::Unknown;
}

} // namespace

const ChipProblemInfo& chipProblemInfo(ChipProblem p)
{
    static_assert(kInfos.back().problem == ChipProblem::DobUnreadable, "kInfos follows the enum");
    const auto i = static_cast<std::size_t>(p);
    return kInfos[i < kInfos.size() ? i : 0];
}

std::string foldToMrzLetters(std::string_view utf8)
{
    std::vector<char32_t> cps;
    decode(utf8, cps);
    std::string out;
    for (char32_t cp : cps) {
        char c = ' ';
        if (cp >= 0x300 && cp <= 0x36F) {
            continue; // combining marks (text not in NFC)
        }
        if (cp < 0x80) {
            const char a = static_cast<char>(cp);
            if (a >= 'a' && a <= 'z') {
                c = static_cast<char>(a - 'a' + 'A');
            } else if ((a >= 'A' && a <= 'Z') || (a >= '0' && a <= '9')) {
                c = a;
            }
        } else if (auto it = foldTable().find(cp); it != foldTable().end()) {
            c = it->second;
        }
        if (c == ' ' && (out.empty() || out.back() == ' ')) {
            continue;
        }
        out.push_back(c);
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

std::optional<Date> parseDg13Date(std::string_view s)
{
    return identity::parseCardDate(s);
}

std::optional<Date> mrzBirthDate(std::string_view yymmdd, const Date& asOf)
{
    if (!isMrzDate(yymmdd)) {
        return std::nullopt;
    }
    const int yy = (yymmdd[0] - '0') * 10 + (yymmdd[1] - '0');
    const int mm = (yymmdd[2] - '0') * 10 + (yymmdd[3] - '0');
    const int dd = (yymmdd[4] - '0') * 10 + (yymmdd[5] - '0');
    int year = (asOf.year / 100) * 100 + yy;
    if (year > asOf.year) {
        year -= 100;
    }
    if (!Date::isValid(year, mm, dd)) {
        return std::nullopt;
    }
    return Date{year, mm, dd};
}

std::optional<Date> mrzExpiryDate(std::string_view yymmdd)
{
    if (!isMrzDate(yymmdd)) {
        return std::nullopt;
    }
    const int year = 2000 + (yymmdd[0] - '0') * 10 + (yymmdd[1] - '0');
    const int mm = (yymmdd[2] - '0') * 10 + (yymmdd[3] - '0');
    const int dd = (yymmdd[4] - '0') * 10 + (yymmdd[5] - '0');
    if (!Date::isValid(year, mm, dd)) {
        return std::nullopt;
    }
    return Date{year, mm, dd};
}

std::vector<ChipFinding> crossCheckChip(const ChipCrossCheckInput& in)
{
    std::vector<ChipFinding> out;
    const Dg13* d = in.dg13;
    const Td1Mrz* m = in.mrz;
    std::optional<Date> dob;
    identity::Sex sex = identity::Sex::Unknown;
    std::optional<identity::IdNumberInfo> number;
    if (d) {
        need(out, d->idNumber, P::Dg13IdMissing);
        need(out, d->fullName, P::Dg13NameMissing);
        need(out, d->dateOfBirth, P::Dg13DobMissing);
        need(out, d->sex, P::Dg13SexMissing);
        for (int f : d->invalid) {
            out.push_back({P::Dg13FieldInvalid, {std::to_string(f)}});
        }
        if (!d->idNumber.empty()) {
            number = identity::decodeIdNumber(d->idNumber);
            if (!number) {
                out.push_back({P::Dg13IdInvalid, {}});
            }
        }
        if (!d->dateOfBirth.empty()) {
            dob = parseDg13Date(d->dateOfBirth);
            if (!dob) {
                out.push_back({P::DobUnreadable, {}});
            }
        }
        sex = sexOfText(d->sex);
        if (number) {
            if (!identity::findProvince(number->provinceCode)) {
                out.push_back({P::UnknownProvince, {number->provinceCode}});
            }
            if (sex != identity::Sex::Unknown && sex != number->sex) {
                out.push_back({P::SexNumberMismatch, {number->sex == identity::Sex::Male ? "Nam" : "Nữ"}});
            }
            if (dob && dob->year != number->birthYear) {
                out.push_back({P::BirthYearNumberMismatch, {yearText(number->birthYear), yearText(dob->year)}});
            }
        }
    }
    if (m) {
        const std::string docNumber = m->documentNumber;
        if (!m->idNumber12.empty() && docNumber != m->idNumber12.substr(3)) {
            out.push_back({P::DocumentNumberMismatch, {}});
        }
        if (d && !d->idNumber.empty()) {
            if (!m->idNumber12.empty() && m->idNumber12 != d->idNumber) {
                out.push_back({P::IdMismatchMrz, {}});
            } else if (m->idNumber12.empty() && d->idNumber.size() == 12 && docNumber != d->idNumber.substr(3)) {
                out.push_back({P::DocumentNumberMismatch, {}});
            }
        }
        if (d && !d->fullName.empty()) {
            const std::string mrzName = foldToMrzLetters(m->surname + " " + m->givenNames);
            const std::string chipName = foldToMrzLetters(d->fullName);
            // A name longer than the 30 characters of line 3 is cut there (9303-3 §4.6): then the MRZ
            // name is a beginning of the chip's name, and the line is (nearly) full.
            std::string_view line3 = m->lines[2];
            while (!line3.empty() && line3.back() == '<') {
                line3.remove_suffix(1);
            }
            const bool full = line3.size() >= 28;
            const bool same = chipName == mrzName || (full && chipName.starts_with(mrzName));
            if (!same) {
                out.push_back({P::NameMismatchMrz, {}});
            }
        }
        if (dob) {
            const auto mrzDob = mrzBirthDate(m->dateOfBirth, in.asOf);
            if (!mrzDob || mrzDob->month != dob->month || mrzDob->day != dob->day ||
                mrzDob->year % 100 != dob->year % 100) {
                out.push_back({P::DobMismatchMrz, {}});
            }
        }
        const identity::Sex mrzSex = m->sex == 'M'   ? identity::Sex::Male
                                     : m->sex == 'F' ? identity::Sex::Female
                                                     : identity::Sex::Unknown;
        if (sex != identity::Sex::Unknown && mrzSex != identity::Sex::Unknown && sex != mrzSex) {
            out.push_back({P::SexMismatchMrz, {}});
        }
    }
    // Expiry: DG13 field 12 when it is a date, else the MRZ.
    std::optional<Date> expiry;
    if (d && !d->expiryDate.empty()) {
        expiry = parseDg13Date(d->expiryDate);
    }
    if (m) {
        const auto mrzExpiry = mrzExpiryDate(m->dateOfExpiry);
        if (expiry && mrzExpiry && *expiry != *mrzExpiry) {
            out.push_back({P::ExpiryMismatchMrz, {}});
        }
        if (!expiry && !(d && !d->expiryDate.empty())) {
            expiry = mrzExpiry;
        }
    }
    if (!expiry && d && d->expiryDate.empty() && dob) {
        // No expiry on the chip: the rule of the law on identification (CardExpiry.h) from the
        // date of birth and the issue date.
        if (const auto issue = parseDg13Date(d->issueDate)) {
            if (const auto rule = identity::computeCardExpiry(*dob, *issue); rule && rule->expires) {
                expiry = rule->date;
            }
        }
    }
    if (expiry && in.asOf > *expiry) {
        out.push_back({P::CardExpired, {expiry->toVietnamese()}});
    }
    if (in.qr && d) {
        const identity::CccdIdentity& q = *in.qr;
        if (!q.idNumber.empty() && !d->idNumber.empty() && q.idNumber != d->idNumber) {
            out.push_back({P::IdMismatchQr, {}});
        }
        if (!q.fullName.empty() && !d->fullName.empty() && q.fullName != d->fullName) {
            if (foldToMrzLetters(q.fullName) == foldToMrzLetters(d->fullName)) {
                out.push_back({P::NameDiacriticsOnlyQr, {}});
            } else {
                out.push_back({P::NameMismatchQr, {}});
            }
        }
        if (q.dateOfBirth && dob && *q.dateOfBirth != *dob) {
            out.push_back({P::DobMismatchQr, {}});
        }
        if (q.sex != identity::Sex::Unknown && sex != identity::Sex::Unknown && q.sex != sex) {
            out.push_back({P::SexMismatchQr, {}});
        }
    }
    return out;
}

} // namespace da06::chip
