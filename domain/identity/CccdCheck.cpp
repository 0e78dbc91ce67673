#include "domain/identity/CccdCheck.h"

#include <algorithm>

#include "domain/identity/KeyboardWedge.h"

namespace da06::identity {

namespace {

const char* sexWord(Sex s)
{
    return s == Sex::Female ? "Nữ" : "Nam";
}

constexpr Date kCccdIntroduced{2016, 1, 1}; // Law on Citizen Identification 2014 in force
constexpr int kImplausibleAge = 120;

} // namespace

const char* checkStatusName(CheckStatus s)
{
    switch (s) {
    case CheckStatus::Pass:
        return "pass";
    case CheckStatus::Warn:
        return "warn";
    case CheckStatus::Fail:
        return "fail";
    case CheckStatus::Skipped:
        return "skipped";
    }
    return "skipped";
}

int ageOn(const Date& birth, const Date& asOf)
{
    int age = asOf.year - birth.year;
    if (asOf.month < birth.month || (asOf.month == birth.month && asOf.day < birth.day)) {
        --age;
    }
    return age;
}

bool CccdReport::valid() const
{
    return isCccd && std::none_of(findings.begin(), findings.end(), [](const Finding& f) { return f.isError(); });
}

bool CccdReport::hasWarnings() const
{
    return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return !f.isError(); });
}

std::vector<Finding> CccdReport::errors() const
{
    std::vector<Finding> out;
    std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
                 [](const Finding& f) { return f.isError(); });
    return out;
}

std::vector<Finding> CccdReport::warnings() const
{
    std::vector<Finding> out;
    std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
                 [](const Finding& f) { return !f.isError(); });
    return out;
}

const CheckItem& CccdReport::check(CheckKind k) const
{
    return checks[static_cast<std::size_t>(k)];
}

CccdReport checkCccd(CccdParse parsed, const Date& asOf)
{
    CccdReport r;
    r.identity = std::move(parsed.identity);
    r.isCccd = parsed.isCccd;
    r.asOf = asOf;
    std::vector<Finding> found = std::move(parsed.findings);
    const CccdIdentity& id = r.identity;
    auto add = [&](Problem p, std::vector<std::string> args = {}) { found.push_back(Finding{p, std::move(args)}); };

    // Summaries of the checks that pass (or why they could not run), filled as we go.
    std::vector<Message> summary(kCheckKindCount);
    std::vector<bool> ran(kCheckKindCount, false);
    auto pass = [&](CheckKind k, Message m) {
        summary[static_cast<std::size_t>(k)] = std::move(m);
        ran[static_cast<std::size_t>(k)] = true;
    };
    auto skip = [&](CheckKind k, const char* why) { summary[static_cast<std::size_t>(k)] = Message{why, {}}; };

    if (r.isCccd) {
        pass(CheckKind::Payload,
             {DA06_N_("A citizen identity card QR code with %s fields."), {std::to_string(id.fieldCount)}});

        if (auto sample = lostDiacriticsSample(id)) {
            add(Problem::DiacriticsLost, {*sample});
            ran[static_cast<std::size_t>(CheckKind::Diacritics)] = true;
        } else if (auto word = brokenSyllable(id)) {
            add(Problem::SyllableBroken, {*word});
            ran[static_cast<std::size_t>(CheckKind::Diacritics)] = true;
        } else {
            // Say what was checked: a lost mark that leaves another real word cannot be seen.
            pass(CheckKind::Diacritics,
                 {DA06_N_("Checked: letters with diacritics arrived, no \"?\" stands in a word, and every word "
                          "can be Vietnamese. A lost mark that leaves another word cannot be detected."),
                  {}});
        }

        const auto number = decodeIdNumber(id.idNumber);
        if (number) {
            pass(CheckKind::IdNumber, {DA06_N_("The card number has 12 digits."), {}});
            r.provinceCode = number->provinceCode;
            r.province = findProvince(number->provinceCode);
            if (r.province) {
                pass(CheckKind::Province, {DA06_N_("Birth registered in %s (code %s)."),
                                           {std::string(r.province->name), std::string(r.province->code)}});
            } else {
                add(Problem::UnknownProvince, {number->provinceCode});
                ran[static_cast<std::size_t>(CheckKind::Province)] = true;
            }
            if (id.sex != Sex::Unknown) {
                if (id.sex != number->sex) {
                    add(Problem::SexMismatch,
                        {sexWord(number->sex), std::to_string(number->centurySexDigit), id.sexText});
                } else {
                    pass(CheckKind::Sex, {DA06_N_("The sex \"%s\" matches the card number."), {id.sexText}});
                }
            } else {
                skip(CheckKind::Sex, DA06_N_("Not compared: the sex could not be read."));
            }
            if (id.dateOfBirth) {
                if (id.dateOfBirth->year != number->birthYear) {
                    add(Problem::BirthYearMismatch,
                        {std::to_string(number->birthYear), std::to_string(id.dateOfBirth->year)});
                } else {
                    pass(CheckKind::BirthYear, {DA06_N_("The year of birth %s matches the card number."),
                                                {std::to_string(number->birthYear)}});
                }
            } else {
                skip(CheckKind::BirthYear, DA06_N_("Not compared: the date of birth could not be read."));
            }
        } else {
            for (CheckKind k : {CheckKind::Province, CheckKind::Sex, CheckKind::BirthYear}) {
                skip(k, DA06_N_("Not checked: the card number could not be read."));
            }
        }

        if (id.dateOfBirth) {
            const Date dob = *id.dateOfBirth;
            if (asOf < dob) {
                add(Problem::DobInFuture, {dob.toVietnamese(), asOf.toVietnamese()});
            } else if (const int age = ageOn(dob, asOf); age >= kImplausibleAge) {
                add(Problem::ImplausibleAge, {std::to_string(age)});
            } else {
                pass(CheckKind::DateOfBirth,
                     {DA06_N_("Born on %s, %s years old."), {dob.toVietnamese(), std::to_string(age)}});
            }
        }

        if (id.issueDate) {
            const Date issue = *id.issueDate;
            bool ok = true;
            if (id.dateOfBirth && issue < *id.dateOfBirth) {
                add(Problem::IssueBeforeBirth, {issue.toVietnamese(), id.dateOfBirth->toVietnamese()});
                ok = false;
            }
            if (asOf < issue) {
                add(Problem::IssueInFuture, {issue.toVietnamese(), asOf.toVietnamese()});
                ok = false;
            }
            if (issue < kCccdIntroduced) {
                add(Problem::IssuedBefore2016, {issue.toVietnamese()});
                ok = false;
            }
            if (id.dateOfBirth && !(issue < *id.dateOfBirth) && issue < birthdayAtAge(*id.dateOfBirth, 14) &&
                issue < kIdentificationLaw2023InForce) {
                add(Problem::IssuedUnder14, {issue.toVietnamese()});
                ok = false;
            }
            if (ok) {
                pass(CheckKind::IssueDate, {DA06_N_("Issued on %s."), {issue.toVietnamese()}});
            }
        }

        if (id.dateOfBirth && id.issueDate) {
            r.expiry = computeCardExpiry(*id.dateOfBirth, *id.issueDate);
            if (r.expiry) {
                r.expired = isExpired(*r.expiry, asOf);
                if (*r.expired) {
                    add(Problem::CardExpired, {r.expiry->date.toVietnamese(), std::to_string(r.expiry->milestoneAge)});
                } else if (r.expiry->expires) {
                    pass(CheckKind::Expiry, {DA06_N_("Valid until %s (renewal at the age of %s)."),
                                             {r.expiry->date.toVietnamese(), std::to_string(r.expiry->milestoneAge)}});
                } else {
                    pass(CheckKind::Expiry, {DA06_N_("Valid for life: issued at the age of 58 or later."), {}});
                }
            } else {
                skip(CheckKind::Expiry, DA06_N_("Not computed: the issue date is before the date of birth."));
            }
        } else {
            skip(CheckKind::Expiry, DA06_N_("Not computed: a date could not be read."));
        }

        if (id.oldIdNumber.empty()) {
            pass(CheckKind::OldIdNumber, {DA06_N_("No old ID number on the card."), {}});
        } else if (id.oldIdNumber.size() == 9 || id.oldIdNumber.size() == 12) {
            pass(CheckKind::OldIdNumber, {DA06_N_("Old ID number %s."), {id.oldIdNumber}});
        }
    } else {
        for (int k = 1; k < kCheckKindCount; ++k) {
            skip(static_cast<CheckKind>(k), DA06_N_("Not checked: this is not a citizen identity card code."));
        }
    }

    // One item per check, with its findings; then the findings in check order.
    for (int k = 0; k < kCheckKindCount; ++k) {
        CheckItem item;
        item.kind = static_cast<CheckKind>(k);
        item.summary = summary[static_cast<std::size_t>(k)];
        for (const Finding& f : found) {
            if (f.info().check == item.kind) {
                item.findings.push_back(f);
            }
        }
        const bool anyError =
            std::any_of(item.findings.begin(), item.findings.end(), [](const Finding& f) { return f.isError(); });
        if (anyError) {
            item.status = CheckStatus::Fail;
        } else if (!item.findings.empty()) {
            item.status = CheckStatus::Warn;
        } else if (ran[static_cast<std::size_t>(k)]) {
            item.status = CheckStatus::Pass;
        } else {
            item.status = CheckStatus::Skipped;
            if (item.summary.pattern[0] == '\0') {
                item.summary = Message{DA06_N_("Not checked."), {}};
            }
        }
        r.checks.push_back(std::move(item));
    }
    for (const CheckItem& item : r.checks) {
        r.findings.insert(r.findings.end(), item.findings.begin(), item.findings.end());
    }
    return r;
}

CccdReport checkCccdQr(std::string_view nfcText, const Date& asOf)
{
    return checkCccd(parseCccdQr(nfcText), asOf);
}

} // namespace da06::identity
