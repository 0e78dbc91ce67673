#include "domain/report/CheckCountSource.h"

namespace da06::report {

CheckCounts zeroCheckCounts(const std::vector<int>& models, const std::string& note)
{
    CheckCounts c;
    c.note = note;
    for (int m : models) {
        for (const char* method : kCheckMethods) {
            for (const char* outcome : kCheckOutcomes) {
                c.rows.push_back({m, method, outcome, 0});
            }
        }
    }
    return c;
}

Result<CheckCounts> NoCheckRecords::counts(const std::vector<std::string>& /*unitCodes*/,
                                           const std::vector<int>& models, const Date& /*from*/,
                                           const Date& /*to*/) const
{
    return zeroCheckCounts(models, kNoCheckRecordsNote);
}

} // namespace da06::report
