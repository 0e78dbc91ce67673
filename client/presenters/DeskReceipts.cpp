// The front desk's records as documents (issue 8); see DeskReceipts.h.
#include "client/presenters/DeskReceipts.h"

#include <cstdio>

namespace da06::ui {

namespace detail {

// "1.234.567 byte"
std::string sizeText(std::int64_t bytes)
{
    std::string amount = reports::vndAmount(bytes);
    const auto space = amount.find(' ');
    return amount.substr(0, space) + " byte";
}

// 0..99 as two digits.
std::string twoDigits(int v)
{
    return std::string(1, static_cast<char>('0' + v / 10 % 10)) + static_cast<char>('0' + v % 10);
}

const std::string kPurgedText = "(đã xóa theo thời hạn lưu trữ)";

// The header of a receipt: the unit, the place and day, the title and the reference with its QR.
reports::Receipt receiptHead(std::string title, std::string reference, std::string qrPayload,
                             const std::string& unitName, const Date& issued, const DeskHeading& heading)
{
    reports::Receipt out;
    out.parentBody = heading.parentBody;
    out.issuingBody = unitName;
    out.place = heading.place;
    out.date = issued;
    out.title = std::move(title);
    out.reference = std::move(reference);
    out.qrPayload = std::move(qrPayload);
    return out;
}

} // namespace detail

Result<DeskUnitInfo> loadDeskUnit(store::Database& db, const Clock& clock, const access::Actor& actor)
{
    DeskUnitInfo info;
    work::UnitService units(db, clock, actor);
    DA06_TRY(desk, units.deskUnit());
    if (!*desk) {
        return info;
    }
    info.code = (*desk)->id;
    info.name = (*desk)->name;
    if ((*desk)->parent) {
        if (auto parent = units.find(*(*desk)->parent)) {
            info.heading.parentBody = parent->name;
        }
    }
    plan::PlanRepository plans(db, clock);
    if (auto p = plans.currentPlan(); p && *p) {
        info.heading.place = (*p)->province;
    }
    return info;
}

std::string modelTitleOf(store::Database& db, const Clock& clock, int model)
{
    plan::PlanRepository plans(db, clock);
    auto m = plans.model(model);
    return m ? m->model.title : std::string();
}

std::string checkMethodLabel(desk::CheckMethod m)
{
    return reports::methodLabel(desk::methodName(m));
}

std::string checkOutcomeText(desk::CheckOutcome o)
{
    return reports::checkOutcomeLabel(desk::outcomeName(o));
}

std::string consentLabel(desk::Consent c)
{
    switch (c) {
    case desk::Consent::Given:
        return "Công dân đồng ý (Nghị định 13/2023/NĐ-CP)";
    case desk::Consent::LegalObligation:
        return "Theo quy định của pháp luật";
    }
    return "";
}

std::string attachedKindLabel(const std::string& kind)
{
    if (kind == "case") {
        return "Hồ sơ công chứng, chứng thực";
    }
    if (kind == "contract") {
        return "Hợp đồng cầm đồ";
    }
    if (kind == "payout") {
        return "Chi trả trợ cấp";
    }
    if (kind == "loan") {
        return "Hồ sơ vay vốn";
    }
    return kind;
}

std::string purposeLabel(int model, const std::string& modelTitle)
{
    std::string s = "Mô hình " + std::to_string(model);
    return modelTitle.empty() ? s : s + ": " + modelTitle;
}

std::string periodLabel(const std::string& p)
{
    const auto digits = [&](std::size_t from, std::size_t n) {
        for (std::size_t i = from; i < from + n; ++i) {
            if (i >= p.size() || p[i] < '0' || p[i] > '9') {
                return false;
            }
        }
        return true;
    };
    if (p.size() == 4 && digits(0, 4)) {
        return "năm " + p;
    }
    if (p.size() == 7 && digits(0, 4) && p[4] == '-' && digits(5, 2)) {
        return "tháng " + p.substr(5, 2) + "/" + p.substr(0, 4);
    }
    if (p.size() == 7 && digits(0, 4) && p[4] == '-' && p[5] == 'Q' && p[6] >= '1' && p[6] <= '4') {
        static const char* const roman[] = {"I", "II", "III", "IV"};
        return std::string("quý ") + roman[p[6] - '1'] + "/" + p.substr(0, 4);
    }
    return p;
}

std::optional<Date> localDayOf(const std::string& isoUtc)
{
    return vietnamDayOf(isoUtc);
}

std::string localTimeText(const std::string& isoUtc)
{
    const auto t = vietnamTimeOf(isoUtc);
    if (!t) {
        return isoUtc;
    }
    return detail::twoDigits(t->hour) + ":" + detail::twoDigits(t->minute) + " ngày " + t->day.toVietnamese();
}

reports::Receipt checkReceipt(const desk::CheckRecord& r, const std::string& unitName, const std::string& modelTitle,
                              const Date& issued, const DeskHeading& heading)
{
    reports::Receipt out = detail::receiptHead("BIÊN NHẬN KIỂM TRA DANH TÍNH", r.reference,
                                               "DA06-KT|" + r.reference + "|" + r.unitCode, unitName, issued, heading);

    std::string method = checkMethodLabel(r.method);
    if (r.method == desk::CheckMethod::Manual && !r.manualReason.empty()) {
        method += " (lý do: " + r.manualReason + ")";
    }
    out.lines.push_back({"Mục đích kiểm tra", purposeLabel(r.model, modelTitle)});
    out.lines.push_back({"Phương thức", method});
    out.lines.push_back({"Kết quả", checkOutcomeText(r.outcome)});
    if (r.identity) {
        out.lines.push_back({"Họ và tên", r.identity->fullName});
        out.lines.push_back({"Số CCCD", reports::maskIdNumber(r.identity->idNumber)});
    } else {
        out.lines.push_back({"Họ và tên", detail::kPurgedText});
        out.lines.push_back({"Số CCCD", detail::kPurgedText});
    }
    out.lines.push_back({"Người kiểm tra", r.operatorName});
    out.lines.push_back({"Thời điểm kiểm tra", localTimeText(r.checkedAt)});
    out.lines.push_back(
        {"Căn cứ xử lý", consentLabel(r.consent) + (r.consentNote.empty() ? std::string() : " — " + r.consentNote)});
    if (r.attachedKind) {
        out.lines.push_back({"Gắn với", attachedKindLabel(*r.attachedKind)});
    }
    if (r.purgedAt) {
        const auto day = localDayOf(*r.purgedAt);
        out.note = "Thông tin cá nhân đã được xóa" + (day ? " ngày " + day->toVietnamese() : std::string()) +
                   " khi hết thời hạn lưu trữ.";
    } else {
        out.note = "Thông tin cá nhân được lưu đến " + r.purgeAfter.toVietnamese() + " rồi tự động xóa.";
    }
    out.signerTitle = "CÁN BỘ KIỂM TRA";
    out.signerName = r.operatorName;
    return out;
}

reports::Receipt payoutReceipt(const desk::Payout& p, const std::string& unitName, const std::string& unitCode,
                               const Date& issued, const DeskHeading& heading)
{
    reports::Receipt out = detail::receiptHead("BIÊN NHẬN CHI TRẢ", p.reference,
                                               "DA06-TT|" + p.reference + "|" + unitCode, unitName, issued, heading);
    out.lines.push_back({"Chương trình", p.programme});
    out.lines.push_back({"Đối tượng", desk::categoryLabel(p.category)});
    out.lines.push_back({"Kỳ chi trả", periodLabel(p.period)});
    out.lines.push_back({"Người nhận", p.fullName});
    out.lines.push_back({"Số CCCD", reports::maskIdNumber(p.idNumber)});
    out.lines.push_back({"Số tiền", reports::vndAmount(p.amount)});
    out.lines.push_back({"Kiểm tra danh tính", p.checkReference});
    out.lines.push_back({"Người chi", p.paidBy});
    out.lines.push_back({"Thời điểm chi", localTimeText(p.paidAt)});
    out.amountInWords = reports::vndInWords(p.amount);
    out.note = "Mỗi đối tượng chỉ được nhận một lần cho mỗi chương trình trong một kỳ chi trả.";
    out.signerTitle = "CÁN BỘ CHI TRẢ";
    out.signerName = p.paidBy;
    return out;
}

reports::Receipt certificationReceipt(const desk::Certification& c, const std::string& unitName, const Date& issued,
                                      const DeskHeading& heading)
{
    reports::Receipt out =
        detail::receiptHead("CHỨNG THỰC BẢN ĐIỆN TỬ", c.reference, c.qrPayload(), unitName, issued, heading);
    out.lines.push_back({"Số hồ sơ", c.caseNumber});
    out.lines.push_back({"Tên tệp", c.fileName});
    out.lines.push_back({"Dung lượng", detail::sizeText(c.size)});
    out.lines.push_back({"Mã băm SHA-256", c.sha256});
    out.lines.push_back({"Người chứng thực", c.certifiedBy});
    out.lines.push_back({"Thời điểm chứng thực", localTimeText(c.certifiedAt)});
    out.note = "Bản điện tử có mã băm SHA-256 nêu trên được chứng thực từ bản chính. Quét mã QR để đối chiếu số "
               "tham chiếu và mã băm.";
    out.signerTitle = "NGƯỜI THỰC HIỆN CHỨNG THỰC";
    out.signerName = c.certifiedBy;
    return out;
}

reports::PawnRegister pawnRegister(const std::vector<desk::PawnContract>& contracts, const std::string& businessName,
                                   const std::string& address, const Date& from, const Date& to, const Date& issued)
{
    reports::PawnRegister out;
    out.businessName = businessName;
    out.address = address;
    out.from = from;
    out.to = to;
    out.issued = issued;
    for (const auto& c : contracts) {
        reports::PawnRegisterRow row;
        row.number = c.number;
        if (c.customer) {
            row.customerName = c.customer->fullName;
            row.idNumber = c.customer->idNumber;
            row.dateOfBirth = c.customer->dateOfBirth ? c.customer->dateOfBirth->toVietnamese() : "";
            row.address = c.customer->address;
        } else {
            row.customerName = detail::kPurgedText;
        }
        row.item = c.item;
        row.value = c.value;
        row.loan = c.loan;
        row.interestPercentPerMonth = c.interest;
        row.startDate = c.start.toVietnamese();
        row.dueDate = c.due.toVietnamese();
        row.status = desk::pawnStatusLabel(c.status);
        row.closedDate = c.closed ? c.closed->toVietnamese() : "";
        for (const auto& a : c.alerts) {
            row.alerts += (row.alerts.empty() ? "" : "; ") + desk::alertLabel(a);
        }
        out.rows.push_back(std::move(row));
    }
    return out;
}

reports::Reconciliation reconciliation(const desk::ReconciliationResult& r, const std::string& unitName,
                                       const Date& issued, const DeskHeading& heading)
{
    reports::Reconciliation out;
    out.parentBody = heading.parentBody;
    out.issuingBody = unitName;
    out.place = heading.place;
    out.issued = issued;
    out.period = periodLabel(r.period);
    for (const auto& l : r.lines) {
        reports::ReconciliationRow row;
        row.programme = l.programme;
        row.category = desk::categoryLabel(l.category);
        row.period = periodLabel(l.period);
        row.listed = l.listed;
        row.paid = l.paid;
        row.listedAmount = l.listedAmount;
        row.paidAmount = l.paidAmount;
        out.rows.push_back(std::move(row));
    }
    for (const auto& b : r.unpaid) {
        out.unpaid.emplace_back(b.fullName, reports::maskIdNumber(b.idNumber));
    }
    return out;
}

} // namespace da06::ui
