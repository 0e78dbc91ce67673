#pragma once
// The JSON form of a chip read (the `da06 idcheck chip --json` object of issue 6):
//   access ("PACE"/"BAC"), mrz {document_code, issuing_state, document_number, id_number,
//   date_of_birth, sex, date_of_expiry, nationality, surname, given_names} (MRZ dates YYMMDD),
//   dg13 {id_number, full_name, date_of_birth, sex, nationality, ethnicity, religion,
//   place_of_origin, place_of_residence, identifying_features, issue_date, expiry_date,
//   father_name, mother_name, spouse_name, old_id_number} (texts as on the chip, null when absent),
//   passive_authentication {result, reason}, chip_authentication {result, reason},
//   active_authentication {result, reason}, photo {format, width, height} (null without DG2),
//   cross_check [{code, severity, message}], apdu_count, le (the READ BINARY length learned),
//   timings_ms {step: ms}, notes [...].
#include "client/readers/emrtd/ChipSession.h"
#include "domain/core/Json.h"

namespace da06::emrtd {

// translate: applied to the messages of the cross-check (nullptr: English).
json::Value chipResultToJson(const ChipReadResult& result, std::string (*translate)(const char*) = nullptr);

} // namespace da06::emrtd
