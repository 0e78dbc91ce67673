#pragma once
// Documents for the front desk (issue 8), as documents (Document.h) for the PDF, XLSX and CSV
// writers: the receipt given to a citizen (identity check, fee paid) with a QR code of its
// reference, the register of pawned goods kept by a pawnshop for police inspection, and the
// reconciliation of a payment list with what was paid out. The inputs are plain structs filled by
// the domain code; every text is UTF-8 (NFC) and already in Vietnamese.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/core/Date.h"
#include "reports/Document.h"

namespace da06::reports {

// ---- Receipt ------------------------------------------------------------------------------------

struct ReceiptLine {
    std::string label; // "Họ và tên"
    std::string value; // "Nguyễn Văn An"
};

struct Receipt {
    std::string parentBody;  // "Công an tỉnh Tây Ninh" (upper-cased in the header), may be empty
    std::string issuingBody; // "Công an xã Thạnh Tây"
    std::string place;       // "Tây Ninh"
    Date date;
    std::string time;      // "14:32", may be empty
    std::string title;     // "BIÊN NHẬN KIỂM TRA DANH TÍNH"
    std::string reference; // printed under the title and under the QR code: "KT-20241105-7F3A"
    std::string qrPayload; // what the QR code holds; no QR code when empty
    std::vector<ReceiptLine> lines;
    std::string amountInWords; // "Một triệu năm trăm nghìn đồng": a line "Bằng chữ: …" when set
    std::string note;          // printed in italics (the consent statement), may be empty
    std::string signerTitle;   // "CÁN BỘ TIẾP NHẬN"
    std::string signerName;
};

// Decree 30 header, the title and "Số tham chiếu: …", the lines as a two-column table, the amount
// in words, the QR code (28 mm) with the reference as its caption, the note, the signature block.
Document receiptDocument(const Receipt& r);

// "1.500.000 đồng" (thousands separated by '.'); "-1.500.000 đồng" below zero.
std::string vndAmount(std::int64_t dong);
// The amount in Vietnamese words, first letter capitalised: 1500000 → "Một triệu năm trăm nghìn
// đồng", 2005000 → "Hai triệu không trăm linh năm nghìn đồng", 21 → "Hai mươi mốt đồng",
// 0 → "Không đồng"; "Âm …" below zero. Exact to 999 tỷ and beyond ("Một nghìn tỷ đồng").
std::string vndInWords(std::int64_t dong);

// ---- Register of pawned goods -----------------------------------------------------------------

struct PawnRegisterRow {
    std::string number; // the contract number ("Số HĐ")
    std::string customerName;
    std::string idNumber;    // CCCD number, printed in full (the register is for the police)
    std::string dateOfBirth; // "dd/mm/yyyy"
    std::string address;     // place of residence
    std::string item;        // the pledged goods
    std::int64_t value = 0;  // valuation, đồng
    std::int64_t loan = 0;   // amount lent, đồng
    double interestPercentPerMonth = 0;
    std::string startDate;  // "dd/mm/yyyy"
    std::string dueDate;    // "dd/mm/yyyy"
    std::string status;     // Vietnamese label: "Đang cầm", "Đã chuộc", "Thanh lý"…
    std::string closedDate; // "dd/mm/yyyy" when redeemed or sold, else ""
    std::string alerts;     // Vietnamese text, "" when none
};

struct PawnRegister {
    std::string businessName; // "Tiệm cầm đồ Phúc Lộc"
    std::string address;
    Date from;
    Date to;
    Date issued;
    std::vector<PawnRegisterRow> rows;
};

// "SỔ THEO DÕI CẦM ĐỒ", A4 across: one table of 14 columns (totals of the values and the loans);
// its XLSX (writeXlsx) is the export for inspection.
Document pawnRegisterDocument(const PawnRegister& r);

// ---- Reconciliation of a payment list -----------------------------------------------------------

struct ReconciliationRow {
    std::string programme; // "Trợ cấp xã hội hằng tháng"
    std::string category;  // "Người cao tuổi"
    std::string period;    // "11/2024"
    int listed = 0;        // people on the list
    int paid = 0;          // people who received the payment
    std::int64_t listedAmount = 0;
    std::int64_t paidAmount = 0;
};

struct Reconciliation {
    std::string parentBody;
    std::string issuingBody;
    std::string place;
    Date issued;
    std::string period; // "tháng 11/2024"
    std::vector<ReconciliationRow> rows;
    std::vector<std::pair<std::string, std::string>> unpaid; // name, masked id (maskIdNumber)
};

// "BẢNG ĐỐI CHIẾU DANH SÁCH VÀ CHI TRẢ": the table by programme and category with totals, then the
// people not yet paid.
Document reconciliationDocument(const Reconciliation& r);

// "072******358": a 12-digit CCCD number with its first 3 and last 3 digits shown; anything else
// masked whole except its last 3 characters (all of it when it is 3 characters or fewer).
std::string maskIdNumber(const std::string& id12);

} // namespace da06::reports
