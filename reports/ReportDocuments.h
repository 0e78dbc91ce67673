#pragma once
// Unit reports and compilations as documents (Document.h): the same content for PDF, XLSX and CSV.
#include <string>

#include "domain/report/ReportTypes.h"
#include "reports/Document.h"

namespace da06::reports {

Document unitReportDocument(const report::UnitReport& r, const Date& issued);
Document compilationDocument(const report::Compilation& c, const Date& issued);

// Vietnamese labels used in the documents.
std::string statusLabel(const std::optional<report::ReportStatus>& s); // "Đã gửi", … "Chưa gửi" for nullopt
std::string deadlineStateLabel(work::DeadlineState s);
std::string outcomeLabel(report::ModelOutcome o);
std::string methodLabel(const std::string& method);
std::string checkOutcomeLabel(const std::string& outcome);

} // namespace da06::reports
