#pragma once
// The JSON forms printed by `da06 check|checks|case|pawn|welfare … --json` (ISO dates, stable
// machine names for methods, outcomes and statuses), beside work/WorkJson for the work types.
// Reading the JSON of `da06 idcheck` into a check is checkFromJson (CheckTypes.h).
#include "domain/core/Json.h"
#include "domain/desk/CheckService.h"
#include "domain/desk/NotaryService.h"
#include "domain/desk/PawnService.h"
#include "domain/desk/WelfareService.h"

namespace da06::desk {

json::Value identityToJson(const CheckedIdentity& id);
json::Value checkToJson(const CheckRecord& r);
json::Value purgeToJson(const PurgeResult& p);
json::Value retentionToJson(const RetentionPolicy& p); // "days" per purpose of checkPurposes(), "other_days"

json::Value caseToJson(const NotarialCase& c);
json::Value caseDocumentToJson(const CaseDocument& d); // the document just attached (no certification)
json::Value certificationToJson(const Certification& c);

json::Value pawnToJson(const PawnContract& c);

json::Value beneficiaryToJson(const Beneficiary& b);
json::Value payoutToJson(const Payout& p);
json::Value loanToJson(const LoanApplication& l);
json::Value welfareListToJson(const WelfareList& l);
json::Value importToJson(const ImportResult& r);
json::Value matchToJson(const Match& m);
json::Value reconciliationToJson(const ReconciliationResult& r);

} // namespace da06::desk
