#include "domain/identity/CardExpiry.h"

#include <array>

namespace da06::identity {

Date birthdayAtAge(const Date& birth, int age)
{
    const int year = birth.year + age;
    const int day = birth.month == 2 && birth.day == 29 && !Date::isLeapYear(year) ? 28 : birth.day;
    return Date{year, birth.month, day};
}

std::optional<CardExpiry> computeCardExpiry(const Date& birth, const Date& issue)
{
    if (issue < birth) {
        return std::nullopt;
    }
    constexpr std::array<int, 4> kMilestones{14, 25, 40, 60};
    for (const int age : kMilestones) {
        if (age == 14 && issue < kIdentificationLaw2023InForce) {
            continue; // no renewal at 14 under the 2014 law
        }
        const Date milestone = birthdayAtAge(birth, age);
        if (!(issue < milestone)) {
            continue; // issued at or after this age: the next one applies
        }
        if (!(issue < birthdayAtAge(birth, age - 2))) {
            continue; // issued within the two years before this age: valid until the next one
        }
        return CardExpiry{true, milestone, age};
    }
    return CardExpiry{false, Date{}, 0};
}

bool isExpired(const CardExpiry& expiry, const Date& asOf)
{
    return expiry.expires && expiry.date < asOf;
}

} // namespace da06::identity
