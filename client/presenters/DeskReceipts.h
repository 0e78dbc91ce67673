#pragma once
// The front desk's records as documents (issue 8), shared by the command line and the desktop:
// the receipt of an identity check, of a welfare payout and the certificate of an electronically
// certified document (each with the QR code of its reference), the register of pawned goods for
// police inspection and the reconciliation of a welfare period. The documents are in Vietnamese.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/Access.h"
#include "domain/core/Clock.h"
#include "domain/core/Date.h"
#include "domain/core/Error.h"
#include "domain/desk/CheckService.h"
#include "domain/desk/NotaryService.h"
#include "domain/desk/PawnService.h"
#include "domain/desk/WelfareService.h"
#include "domain/plan/PlanRepository.h"
#include "domain/store/Database.h"
#include "domain/work/UnitService.h"
#include "reports/DeskDocuments.h"
#include "reports/ReportDocuments.h"

namespace da06::ui {

// The upper line of the Decree 30 header and the place of the date line (both may be empty).
struct DeskHeading {
    std::string parentBody; // "Công an huyện Châu Thành"
    std::string place;      // "Tây Ninh"
};

// The desk's unit as the documents name it.
struct DeskUnitInfo {
    std::string code; // the unit's id
    std::string name; // "Công an xã Thạnh Tây"; empty when the desk has no unit yet
    DeskHeading heading;
};

// The desk's unit, its parent's name and the plan's province. Needs Permission::ReadPlan (every
// role). An empty DeskUnitInfo when the desk has no unit yet.
Result<DeskUnitInfo> loadDeskUnit(store::Database& db, const Clock& clock, const access::Actor& actor);
// The title of a model of the current plan; "" when the plan does not have it.
std::string modelTitleOf(store::Database& db, const Clock& clock, int model);

// ---- Vietnamese labels ----------------------------------------------------------------------------

std::string checkMethodLabel(desk::CheckMethod m);  // "Chip CCCD", "Mã QR", "Nhập thủ công"
std::string checkOutcomeText(desk::CheckOutcome o); // "Hợp lệ", "Cảnh báo", "Không hợp lệ", …
// "Công dân đồng ý (Nghị định 13/2023/NĐ-CP)" / "Theo quy định của pháp luật"
std::string consentLabel(desk::Consent c);
// "Hồ sơ công chứng, chứng thực", "Hợp đồng cầm đồ", "Chi trả trợ cấp", "Hồ sơ vay vốn"
std::string attachedKindLabel(const std::string& kind);
// "Mô hình 4: <title>" ("Mô hình 4" without a title)
std::string purposeLabel(int model, const std::string& modelTitle);
// "2024-11" → "tháng 11/2024", "2024-Q3" → "quý III/2024", "2024" → "năm 2024"; others as given.
std::string periodLabel(const std::string& period);
// An ISO 8601 UTC timestamp in Vietnam's time (UTC+7): "14:32 ngày 05/11/2024"; the text as
// given when it is not a timestamp.
std::string localTimeText(const std::string& isoUtc);
// The local (UTC+7) day of an ISO 8601 UTC timestamp, nullopt when it is not one.
std::optional<Date> localDayOf(const std::string& isoUtc);

// ---- Documents ------------------------------------------------------------------------------------

// "BIÊN NHẬN KIỂM TRA DANH TÍNH": purpose, method, result, name, masked CCCD number, checker, time,
// legal ground; QR "DA06-KT|<reference>|<unit code>"; the retention note. A purged check shows
// that its details were deleted.
reports::Receipt checkReceipt(const desk::CheckRecord& r, const std::string& unitName, const std::string& modelTitle,
                              const Date& issued, const DeskHeading& heading = {});

// "BIÊN NHẬN CHI TRẢ": programme, category, period, name, masked number, amount (and in words),
// the check's reference; QR "DA06-TT|<reference>|<unit code>".
reports::Receipt payoutReceipt(const desk::Payout& p, const std::string& unitName, const std::string& unitCode,
                               const Date& issued, const DeskHeading& heading = {});

// "CHỨNG THỰC BẢN ĐIỆN TỬ": the case number, the file, its size and SHA-256 in full, who certified
// and when; QR Certification::qrPayload().
reports::Receipt certificationReceipt(const desk::Certification& c, const std::string& unitName, const Date& issued,
                                      const DeskHeading& heading = {});

// The register of pawned goods: one row per contract (full CCCD number: the register is for the
// police), the alerts in Vietnamese.
reports::PawnRegister pawnRegister(const std::vector<desk::PawnContract>& contracts, const std::string& businessName,
                                   const std::string& address, const Date& from, const Date& to, const Date& issued);

// The reconciliation of a period: rows by programme and category, the people not yet paid with
// masked numbers.
reports::Reconciliation reconciliation(const desk::ReconciliationResult& r, const std::string& unitName,
                                       const Date& issued, const DeskHeading& heading = {});

} // namespace da06::ui
