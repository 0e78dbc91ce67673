#pragma once
// When a CCCD card stops being valid, from the holder's date of birth and the card's issue date.
//
// Law on Citizen Identification 2014 (33/2014/QH13), art. 21: the card must be renewed when the
// holder reaches 25, 40 and 60 years of age; a card issued (or renewed, or re-issued) within the
// two years before one of those ages stays valid until the next one. So a card issued at 58 or
// later never expires. The Law on Identification 2023 (26/2023/QH15, in force 1 July 2024), art. 21,
// keeps these ages and the two-year rule and adds 14, for the cards it lets children hold: that age
// is applied only to cards issued from 1 July 2024 (before, no card was issued under 14).
//
// The expiry date is the holder's birthday in the year of the milestone age: the day the holder
// "reaches" that age, which is the date printed as "Có giá trị đến" on the cards. The card is valid
// up to and including that day, and expired from the next day. A holder born on 29 February
// reaches the age on 28 February of a common year: we take the earlier day (the card must not be
// taken as valid on a day it may already have expired).
#include <optional>

#include "domain/core/Date.h"

namespace da06::identity {

struct CardExpiry {
    bool expires = true;  // false: issued at 58 or later, valid for life
    Date date;            // when expires: the last day of validity
    int milestoneAge = 0; // when expires: 14, 25, 40 or 60
};

// The birthday at which the holder born on birth reaches age (29 February → 28 February in a
// common year).
Date birthdayAtAge(const Date& birth, int age);

// The day the Law on Identification 2023 came into force (cards for children under 14).
inline constexpr Date kIdentificationLaw2023InForce{2024, 7, 1};

// nullopt when issue is before birth (no rule applies).
std::optional<CardExpiry> computeCardExpiry(const Date& birth, const Date& issue);

// True when the card is no longer valid on asOf (asOf after the expiry date).
bool isExpired(const CardExpiry& expiry, const Date& asOf);

} // namespace da06::identity
