#pragma once
// The JSON form of a checked CCCD QR code (the `da06 idcheck qr --json` objects):
//   id_number, old_id_number (null when empty), full_name, date_of_birth (YYYY-MM-DD or null),
//   sex ("male"/"female"/null), address, issue_date, expiry_date (null when the card does not
//   expire or it cannot be computed), expired (null when unknown), province_of_registration
//   ({code, name}; name null for an unknown code; null when the number is unusable),
//   extra_fields, warnings and errors ([{code, message}]) and valid.
#include "domain/core/Json.h"
#include "domain/identity/CccdCheck.h"

namespace da06::identity {

// translate: applied to the messages (nullptr: English).
json::Value cccdReportToJson(const CccdReport& report, std::string (*translate)(const char*) = nullptr);

} // namespace da06::identity
