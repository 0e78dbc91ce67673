#pragma once
// Where the identity-check counts of a report come from. The front-desk check records do not exist
// yet (a later issue adds them and implements this interface over them); until then
// NoCheckRecords answers zeros with a note, so that the reports keep their checks section.
#include <string>
#include <vector>

#include "domain/core/Date.h"
#include "domain/core/Error.h"
#include "domain/report/ReportTypes.h"

namespace da06::report {

class CheckCountSource {
public:
    virtual ~CheckCountSource() = default;
    // The counts of the desk models given, for the units given (codes) and the data range.
    virtual Result<CheckCounts> counts(const std::vector<std::string>& unitCodes, const std::vector<int>& models,
                                       const Date& from, const Date& to) const = 0;
};

class NoCheckRecords final : public CheckCountSource {
public:
    Result<CheckCounts> counts(const std::vector<std::string>& unitCodes, const std::vector<int>& models,
                               const Date& from, const Date& to) const override;
};

// A zero row for every (model, method, outcome).
CheckCounts zeroCheckCounts(const std::vector<int>& models, const std::string& note);

inline constexpr const char* kNoCheckRecordsNote =
    "Chưa có dữ liệu kiểm tra danh tính tại quầy (no check records yet).";

} // namespace da06::report
