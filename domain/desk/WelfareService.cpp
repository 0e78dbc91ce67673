#include "domain/desk/WelfareService.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "domain/audit/AuditLog.h"
#include "domain/text/Csv.h"
#include "domain/text/Text.h"
#include "domain/work/Ids.h"
#include "domain/work/WorkDb.h"

namespace da06::desk {

namespace {

constexpr int kLoanModel = 19;
constexpr int kPayoutModel = 35;
constexpr std::size_t kMaxName = 300;
constexpr std::size_t kMaxProgramme = 300;

bool isDigits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Folded, with '_' and '-' read as spaces: "Hộ_cận-nghèo" → "ho can ngheo".
std::string foldWords(std::string_view s)
{
    std::string t(s);
    std::replace(t.begin(), t.end(), '_', ' ');
    std::replace(t.begin(), t.end(), '-', ' ');
    return text::fold(t);
}

Status requirePeriodOrEmpty(const std::string& period)
{
    if (!period.empty() && !isPeriod(period)) {
        return fail(ErrorCode::InvalidInput, "the period \"" + period + "\" is not YYYY-MM, YYYY-Qn or YYYY");
    }
    return {};
}

// ---- CSV -------------------------------------------------------------------------------------

enum class Column { IdNumber, FullName, Category, Programme, Amount, Period };

std::optional<Column> columnFromHeader(const std::string& header)
{
    std::string h = text::fold(header);
    std::replace(h.begin(), h.end(), ' ', '_');
    std::replace(h.begin(), h.end(), '-', '_');
    static const std::map<std::string, Column> names = {
        {"so_cccd", Column::IdNumber},
        {"cccd", Column::IdNumber},
        {"so_can_cuoc", Column::IdNumber},
        {"so_dinh_danh", Column::IdNumber},
        {"so_dinh_danh_ca_nhan", Column::IdNumber},
        {"id_number", Column::IdNumber},
        {"ho_ten", Column::FullName},
        {"ho_va_ten", Column::FullName},
        {"full_name", Column::FullName},
        {"name", Column::FullName},
        {"doi_tuong", Column::Category},
        {"loai_doi_tuong", Column::Category},
        {"category", Column::Category},
        {"chuong_trinh", Column::Programme},
        {"programme", Column::Programme},
        {"program", Column::Programme},
        {"so_tien", Column::Amount},
        {"amount", Column::Amount},
        {"ky", Column::Period},
        {"ky_chi_tra", Column::Period},
        {"period", Column::Period},
    };
    if (auto it = names.find(h); it != names.end()) {
        return it->second;
    }
    return std::nullopt;
}

const char* columnName(Column c)
{
    switch (c) {
    case Column::IdNumber:
        return "so_cccd (id_number)";
    case Column::FullName:
        return "ho_ten (full_name)";
    case Column::Category:
        return "doi_tuong (category)";
    case Column::Programme:
        return "chuong_trinh (programme)";
    case Column::Amount:
        return "so_tien (amount)";
    case Column::Period:
        return "ky (period)";
    }
    return "";
}

// Whole đồng: digits, optionally grouped by thousands with '.' or ',' (one kind), spaces ignored.
std::optional<std::int64_t> parseAmount(std::string_view in)
{
    std::string s;
    for (char c : in) {
        if (c != ' ') {
            s += c;
        }
    }
    if (s.empty()) {
        return std::nullopt;
    }
    const bool dots = s.find('.') != std::string::npos;
    const bool commas = s.find(',') != std::string::npos;
    if (dots && commas) {
        return std::nullopt;
    }
    std::string digits;
    if (dots || commas) {
        const char sep = dots ? '.' : ',';
        std::size_t i = 0;
        bool first = true;
        while (i <= s.size()) {
            const std::size_t j = std::min(s.find(sep, i), s.size());
            const std::string group = s.substr(i, j - i);
            if (!isDigits(group) || (first ? group.size() > 3 : group.size() != 3)) {
                return std::nullopt;
            }
            digits += group;
            first = false;
            i = j + 1;
        }
    } else {
        digits = s;
    }
    if (!isDigits(digits) || digits.size() > 15) {
        return std::nullopt;
    }
    std::int64_t v = 0;
    for (char c : digits) {
        v = v * 10 + (c - '0');
    }
    return v;
}

// ---- checks and rows -------------------------------------------------------------------------

// A check a payout (model 35) or a loan application (model 19) may rely on.
Status requireUsableCheck(const CheckRecord& check, int model, const std::string& beneficiaryIdNumber, const char* what)
{
    if (check.model != model) {
        return fail(ErrorCode::InvalidInput, "the check " + check.reference + " was recorded for model " +
                                                 std::to_string(check.model) + ", not for model " +
                                                 std::to_string(model) + "; record a check for model " +
                                                 std::to_string(model));
    }
    if (!check.passing()) {
        return fail(ErrorCode::InvalidInput, "the check " + check.reference + " did not pass (outcome " +
                                                 std::string(outcomeName(check.outcome)) + "); " + what +
                                                 " needs a passing check");
    }
    if (!check.identity) {
        return fail(ErrorCode::InvalidInput, "the personal details of the check " + check.reference +
                                                 " were deleted (retention period ended); record a new check");
    }
    if (check.identity->idNumber != beneficiaryIdNumber) {
        return fail(ErrorCode::InvalidInput, "the check " + check.reference +
                                                 " is of another person than the beneficiary (the ID numbers differ)");
    }
    if (check.attachedKind) {
        return fail(ErrorCode::InvalidInput, "the check " + check.reference + " is already used for a " +
                                                 *check.attachedKind + "; record a new check");
    }
    return {};
}

const char* const kBeneficiaryColumns = "b.id, l.uid, l.name, b.id_number, b.full_name, b.category, b.programme, "
                                        "b.amount, b.period, l.model, b.name_fold, l.id";
const char* const kBeneficiaryFrom = " FROM beneficiary b JOIN welfare_list l ON l.id = b.list_id";

struct BeneficiaryRow {
    Beneficiary b;
    int model = 0;
    std::string nameFold;
    std::int64_t listRow = 0;
};

BeneficiaryRow readBeneficiary(const store::Statement& st)
{
    BeneficiaryRow r;
    r.b.id = st.columnInt(0);
    r.b.listUid = st.columnText(1);
    r.b.listName = st.columnText(2);
    r.b.idNumber = st.columnText(3);
    r.b.fullName = st.columnText(4);
    r.b.category = st.columnText(5);
    r.b.programme = st.columnText(6);
    r.b.amount = st.columnInt(7);
    r.b.period = st.columnText(8);
    r.model = static_cast<int>(st.columnInt(9));
    r.nameFold = st.columnText(10);
    r.listRow = st.columnInt(11);
    return r;
}

Result<BeneficiaryRow> loadBeneficiary(store::Database& db, std::int64_t id)
{
    DA06_TRY(st, db.prepare(std::string("SELECT ") + kBeneficiaryColumns + kBeneficiaryFrom + " WHERE b.id = ?"));
    st->bind(1, id);
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound, "there is no beneficiary " + std::to_string(id) + " in the welfare lists");
    }
    return readBeneficiary(*st);
}

// The reference of the payout already made for this number, programme and period, if any.
Result<std::optional<std::string>> paidReference(store::Database& db, const std::string& idNumber,
                                                 const std::string& programme, const std::string& period)
{
    DA06_TRY(st, db.prepare("SELECT reference FROM payout WHERE id_number = ? AND programme = ? AND period = ?"));
    st->bind(1, idNumber).bind(2, programme).bind(3, period);
    DA06_TRY(row, st->step());
    if (!*row) {
        return std::optional<std::string>();
    }
    return std::optional<std::string>(st->columnText(0));
}

const char* const kPayoutColumns =
    "p.uid, p.reference, p.beneficiary_id, p.id_number, b.full_name, b.category, p.programme, p.period, p.amount, "
    "p.check_uid, COALESCE(d.reference, ''), p.paid_by, p.paid_at, b.name_fold";
const char* const kPayoutFrom =
    " FROM payout p JOIN beneficiary b ON b.id = p.beneficiary_id LEFT JOIN desk_check d ON d.uid = p.check_uid";

Payout readPayout(const store::Statement& st)
{
    Payout p;
    p.uid = st.columnText(0);
    p.reference = st.columnText(1);
    p.beneficiaryId = st.columnInt(2);
    p.idNumber = st.columnText(3);
    p.fullName = st.columnText(4);
    p.category = st.columnText(5);
    p.programme = st.columnText(6);
    p.period = st.columnText(7);
    p.amount = st.columnInt(8);
    p.checkUid = st.columnText(9);
    p.checkReference = st.columnText(10);
    p.paidBy = st.columnText(11);
    p.paidAt = st.columnText(12);
    return p;
}

const char* const kLoanColumns =
    "a.uid, a.reference, a.beneficiary_id, b.full_name, b.programme, a.amount, a.purpose, a.term_months, a.status, "
    "a.check_uid, a.created_by, a.created_at, b.name_fold, b.id_number";
const char* const kLoanFrom = " FROM loan_application a JOIN beneficiary b ON b.id = a.beneficiary_id";

LoanApplication readLoan(const store::Statement& st)
{
    LoanApplication a;
    a.uid = st.columnText(0);
    a.reference = st.columnText(1);
    a.beneficiaryId = st.columnInt(2);
    a.fullName = st.columnText(3);
    a.programme = st.columnText(4);
    a.amount = st.columnInt(5);
    a.purpose = st.columnText(6);
    a.termMonths = static_cast<int>(st.columnInt(7));
    a.status = st.columnText(8);
    a.checkUid = st.columnText(9);
    a.createdBy = st.columnText(10);
    a.createdAt = st.columnText(11);
    return a;
}

} // namespace

// ---- names -----------------------------------------------------------------------------------

std::optional<std::string> categoryFromText(std::string_view s)
{
    const std::string f = foldWords(s);
    if (f == "poor household" || f == "ho ngheo") {
        return std::string("poor_household");
    }
    if (f == "near poor" || f == "ho can ngheo") {
        return std::string("near_poor");
    }
    if (f == "meritorious" || f == "nguoi co cong" || f == "nguoi co cong voi cach mang") {
        return std::string("meritorious");
    }
    if (f == "social protection" || f == "bao tro xa hoi" || f == "doi tuong bao tro xa hoi") {
        return std::string("social_protection");
    }
    if (f == "other" || f == "khac") {
        return std::string("other");
    }
    return std::nullopt;
}

std::string categoryLabel(const std::string& code)
{
    if (code == "poor_household")
        return "Hộ nghèo";
    if (code == "near_poor")
        return "Hộ cận nghèo";
    if (code == "meritorious")
        return "Người có công với cách mạng";
    if (code == "social_protection")
        return "Bảo trợ xã hội";
    if (code == "other")
        return "Khác";
    return code;
}

bool isPeriod(std::string_view s)
{
    if (s.size() < 4 || !isDigits(s.substr(0, 4)) || s.substr(0, 4) < "1900") {
        return false;
    }
    if (s.size() == 4) {
        return true;
    }
    if (s.size() == 7 && s[4] == '-') {
        if (s[5] == 'Q') {
            return s[6] >= '1' && s[6] <= '4';
        }
        if (!isDigits(s.substr(5, 2))) {
            return false;
        }
        const int month = (s[5] - '0') * 10 + (s[6] - '0');
        return month >= 1 && month <= 12;
    }
    return false;
}

const char* eligibilityName(Eligibility e)
{
    switch (e) {
    case Eligibility::Eligible:
        return "eligible";
    case Eligibility::NotListed:
        return "not_listed";
    case Eligibility::AlreadyPaid:
        return "already_paid";
    }
    return "not_listed";
}

// ---- the service -----------------------------------------------------------------------------

Result<ImportResult> WelfareService::importList(const std::string& nameIn, int model, std::string_view csvIn)
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "import welfare lists"));
    DA06_TRY(name, requiredText(nameIn, "list name", kMaxName));
    if (model != kLoanModel && model != kPayoutModel) {
        return fail(ErrorCode::InvalidInput,
                    "a welfare list is for model 19 (loans) or 35 (payouts), not " + std::to_string(model));
    }
    std::string_view csv = csvIn;
    if (csv.size() >= 3 && csv.substr(0, 3) == "\xEF\xBB\xBF") {
        csv.remove_prefix(3);
    }
    if (!text::isValidUtf8(csv)) {
        return fail(ErrorCode::InvalidInput, "the list is not UTF-8 text (save it as \"CSV UTF-8\")");
    }
    const text::CsvText parsed = text::readCsv(csv, text::detectCsvSeparator(csv));
    if (parsed.records.empty()) {
        return fail(ErrorCode::InvalidInput, "the list is empty (it needs a header line and one line per beneficiary)");
    }

    // The header: every column known at most once, the required ones present.
    const text::CsvRecord& header = parsed.records.front();
    std::map<Column, std::size_t> columns;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        auto c = columnFromHeader(header.fields[i]);
        if (!c) {
            continue;
        }
        if (columns.count(*c)) {
            return fail(ErrorCode::InvalidInput, std::string("the header has the column ") + columnName(*c) + " twice");
        }
        columns[*c] = i;
    }
    std::string missing;
    for (Column c :
         {Column::IdNumber, Column::FullName, Column::Category, Column::Programme, Column::Amount, Column::Period}) {
        if (!columns.count(c)) {
            missing += (missing.empty() ? "" : ", ") + std::string(columnName(c));
        }
    }
    if (!missing.empty()) {
        return fail(ErrorCode::InvalidInput,
                    "the header line lacks the columns " + missing +
                        " (a list starts with: Số CCCD;Họ và tên;Đối tượng;Chương trình;Số tiền;Kỳ)");
    }

    struct Row {
        int line = 0;
        std::string idNumber, fullName, category, programme, period;
        std::int64_t amount = 0;
    };
    ImportResult result;
    std::vector<Row> rows;
    std::map<std::tuple<std::string, std::string, std::string>, int> seen; // number, programme, period → line
    auto problem = [&](int line, std::string message) {
        result.problems.push_back(ImportProblem{line, std::move(message)});
    };
    for (std::size_t r = 1; r < parsed.records.size(); ++r) {
        const text::CsvRecord& rec = parsed.records[r];
        std::vector<std::string> f = rec.fields;
        while (f.size() > header.fields.size() && text::trim(f.back()).empty()) {
            f.pop_back(); // trailing separators, as spreadsheets write them
        }
        if (f.size() != header.fields.size()) {
            problem(rec.line, "the line has " + std::to_string(f.size()) + " fields, the header " +
                                  std::to_string(header.fields.size()));
            continue;
        }
        auto field = [&](Column c) { return text::trim(f[columns[c]]); };
        Row row;
        row.line = rec.line;
        row.idNumber = field(Column::IdNumber);
        if (row.idNumber.size() != 12 || !isDigits(row.idNumber)) {
            problem(rec.line, "the ID number is not 12 digits");
            continue;
        }
        auto fullName = text::toNfc(field(Column::FullName));
        if (!fullName || fullName->empty() || fullName->size() > kMaxName) {
            problem(rec.line, fullName && !fullName->empty() ? "the name is too long" : "the name is empty");
            continue;
        }
        row.fullName = *fullName;
        const std::string categoryText = field(Column::Category);
        auto category = categoryFromText(categoryText);
        if (!category) {
            problem(rec.line,
                    categoryText.empty()
                        ? "the category is empty"
                        : "the category is not one of Hộ nghèo, Hộ cận nghèo, Người có công, Bảo trợ xã hội, Khác");
            continue;
        }
        row.category = *category;
        auto programme = text::toNfc(field(Column::Programme));
        if (!programme || programme->empty() || programme->size() > kMaxProgramme) {
            problem(rec.line,
                    programme && !programme->empty() ? "the programme is too long" : "the programme is empty");
            continue;
        }
        row.programme = *programme;
        auto amount = parseAmount(field(Column::Amount));
        if (!amount) {
            problem(rec.line, "the amount is not a whole number of đồng");
            continue;
        }
        row.amount = *amount;
        row.period = field(Column::Period);
        if (!isPeriod(row.period)) {
            problem(rec.line, "the period is not YYYY-MM, YYYY-Qn or YYYY");
            continue;
        }
        auto [it, fresh] = seen.emplace(std::make_tuple(row.idNumber, row.programme, row.period), rec.line);
        if (!fresh) {
            problem(rec.line, "the line repeats line " + std::to_string(it->second) +
                                  " (the same ID number, programme and period)");
            continue;
        }
        rows.push_back(std::move(row));
    }
    if (parsed.unclosedQuoteLine) {
        problem(*parsed.unclosedQuoteLine, "a quoted field is not closed; the rest of the file was not read");
    }
    if (rows.empty()) {
        std::string why;
        for (std::size_t i = 0; i < result.problems.size() && i < 5; ++i) {
            why += (i ? "; " : " (") + std::string("line ") + std::to_string(result.problems[i].line) + ": " +
                   result.problems[i].message;
        }
        if (!why.empty()) {
            why += result.problems.size() > 5 ? "; …)" : ")";
        }
        return fail(ErrorCode::InvalidInput, "the list has no line that can be imported" + why);
    }

    result.listUid = work::randomId();
    store::Transaction tx(m_db);
    DA06_CHECK(tx.begin());
    DA06_TRY(insList,
             m_db.prepare("INSERT INTO welfare_list (uid, name, model, source_sha256, imported_by, imported_at) "
                          "VALUES (?,?,?,?,?,?)"));
    insList->bind(1, result.listUid).bind(2, *name).bind(3, model).bind(4, work::sha256Hex(csvIn.data(), csvIn.size()));
    insList->bind(5, m_actor.user).bind(6, m_clock.nowIso8601());
    DA06_CHECK(insList->run());
    const std::int64_t listRow = m_db.lastInsertId();
    DA06_TRY(ins,
             m_db.prepare("INSERT INTO beneficiary (list_id, id_number, full_name, name_fold, category, programme, "
                          "amount, period) VALUES (?,?,?,?,?,?,?,?)"));
    for (const Row& row : rows) {
        ins->reset();
        ins->bind(1, listRow).bind(2, row.idNumber).bind(3, row.fullName).bind(4, text::fold(row.fullName));
        ins->bind(5, row.category).bind(6, row.programme).bind(7, row.amount).bind(8, row.period);
        DA06_CHECK(ins->run());
        ++result.imported;
    }
    DA06_CHECK(audit::append(m_db, m_clock, m_actor, "welfare.import", "list:" + result.listUid));
    DA06_CHECK(tx.commit());
    std::sort(result.problems.begin(), result.problems.end(),
              [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
    return result;
}

Result<std::vector<WelfareList>> WelfareService::lists()
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "read welfare lists"));
    DA06_TRY(st,
             m_db.prepare("SELECT l.uid, l.name, l.model, (SELECT COUNT(*) FROM beneficiary b WHERE b.list_id = l.id), "
                          "l.imported_by, l.imported_at FROM welfare_list l ORDER BY l.imported_at DESC, l.id DESC"));
    std::vector<WelfareList> out;
    DA06_CHECK(work::detail::eachRow(*st, [&](const store::Statement& s) {
        WelfareList l;
        l.uid = s.columnText(0);
        l.name = s.columnText(1);
        l.model = static_cast<int>(s.columnInt(2));
        l.rows = static_cast<int>(s.columnInt(3));
        l.importedBy = s.columnText(4);
        l.importedAt = s.columnText(5);
        out.push_back(std::move(l));
    }));
    return out;
}

Result<Match> WelfareService::match(const std::string& checkUid, const std::string& period)
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "match checks against welfare lists"));
    DA06_CHECK(requirePeriodOrEmpty(period));
    DA06_TRY(check, findCheck(m_db, checkUid));
    if (!check->identity || check->identity->idNumber.empty()) {
        return fail(ErrorCode::InvalidInput, "the personal details of the check " + check->reference +
                                                 " were deleted (retention period ended); record a new check");
    }
    std::string sql = std::string("SELECT ") + kBeneficiaryColumns + kBeneficiaryFrom + " WHERE b.id_number = ?";
    if (!period.empty()) {
        sql += " AND b.period = ?";
    }
    sql += " ORDER BY b.period, b.programme, b.id";
    DA06_TRY(st, m_db.prepare(sql));
    st->bind(1, check->identity->idNumber);
    if (!period.empty()) {
        st->bind(2, period);
    }
    Match m;
    const std::string nameFold = text::fold(check->identity->fullName);
    DA06_CHECK(work::detail::eachRow(*st, [&](const store::Statement& s) {
        BeneficiaryRow r = readBeneficiary(s);
        if (r.nameFold != nameFold) {
            m.nameDiffers = true;
        }
        m.entries.push_back(std::move(r.b));
    }));
    if (m.entries.empty()) {
        m.eligibility = Eligibility::NotListed;
        return m;
    }
    bool unpaid = false;
    std::set<std::string> refs;
    for (const Beneficiary& b : m.entries) {
        DA06_TRY(ref, paidReference(m_db, b.idNumber, b.programme, b.period));
        if (*ref) {
            if (refs.insert(**ref).second) {
                m.paidReferences.push_back(**ref);
            }
        } else {
            unpaid = true;
        }
    }
    m.eligibility = unpaid ? Eligibility::Eligible : Eligibility::AlreadyPaid;
    return m;
}

Result<Payout> WelfareService::pay(std::int64_t beneficiaryId, const std::string& checkUid)
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "record welfare payouts"));
    std::string uid;
    {
        store::Transaction tx(m_db);
        DA06_CHECK(tx.begin());
        DA06_TRY(b, loadBeneficiary(m_db, beneficiaryId));
        if (b->model != kPayoutModel) {
            return fail(ErrorCode::InvalidInput,
                        "the list \"" + b->b.listName +
                            "\" is a model 19 list (loans); record a loan application instead");
        }
        DA06_TRY(check, findCheck(m_db, checkUid));
        DA06_CHECK(requireUsableCheck(*check, kPayoutModel, b->b.idNumber, "a payout"));
        DA06_TRY(paid, paidReference(m_db, b->b.idNumber, b->b.programme, b->b.period));
        if (*paid) {
            return fail(ErrorCode::AlreadyExists, "already paid in period " + b->b.period + " for the programme \"" +
                                                      b->b.programme + "\" (receipt " + **paid + ")");
        }
        uid = work::randomId();
        const std::string reference = newReference("TT", m_clock.today());
        DA06_TRY(ins, m_db.prepare(
                          "INSERT INTO payout (uid, reference, beneficiary_id, id_number, programme, period, amount, "
                          "check_uid, paid_by, paid_at) VALUES (?,?,?,?,?,?,?,?,?,?)"));
        ins->bind(1, uid).bind(2, reference).bind(3, b->b.id).bind(4, b->b.idNumber).bind(5, b->b.programme);
        ins->bind(6, b->b.period)
            .bind(7, b->b.amount)
            .bind(8, check->uid)
            .bind(9, m_actor.user)
            .bind(10, m_clock.nowIso8601());
        DA06_CHECK(ins->run());
        DA06_CHECK(CheckService(m_db, m_clock, m_actor).attach(check->uid, "payout", uid));
        DA06_CHECK(audit::append(m_db, m_clock, m_actor, "welfare.pay", "payout:" + reference));
        DA06_CHECK(tx.commit());
    }
    return payout(uid);
}

Result<Payout> WelfareService::payout(const std::string& uidOrReference)
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "read welfare payouts"));
    const std::string key = text::trim(uidOrReference);
    DA06_TRY(st, m_db.prepare(std::string("SELECT ") + kPayoutColumns + kPayoutFrom +
                              " WHERE p.uid = ? OR p.reference = ?"));
    st->bind(1, key).bind(2, key);
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::NotFound, "there is no payout \"" + key + "\"");
    }
    return readPayout(*st);
}

Result<std::vector<Payout>> WelfareService::payouts(const std::string& period, const std::string& textIn)
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "read welfare payouts"));
    DA06_CHECK(requirePeriodOrEmpty(period));
    std::string sql = std::string("SELECT ") + kPayoutColumns + kPayoutFrom;
    if (!period.empty()) {
        sql += " WHERE p.period = ?";
    }
    sql += " ORDER BY p.paid_at DESC, p.id DESC";
    DA06_TRY(st, m_db.prepare(sql));
    if (!period.empty()) {
        st->bind(1, period);
    }
    const std::string query = text::fold(textIn);
    std::vector<Payout> out;
    DA06_CHECK(work::detail::eachRow(*st, [&](const store::Statement& s) {
        Payout p = readPayout(s);
        const std::string hay = s.columnText(13) + " " + p.idNumber + " " + text::fold(p.reference + " " + p.programme);
        if (query.empty() || text::matchesFolded(hay, query)) {
            out.push_back(std::move(p));
        }
    }));
    return out;
}

Result<LoanApplication> WelfareService::applyForLoan(std::int64_t beneficiaryId, const std::string& checkUid,
                                                     std::int64_t amount, const std::string& purposeIn, int termMonths)
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "record loan applications"));
    if (amount <= 0) {
        return fail(ErrorCode::InvalidInput, "the amount of the loan must be more than 0 đồng");
    }
    if (termMonths < 1 || termMonths > 120) {
        return fail(ErrorCode::InvalidInput, "the term of the loan must be 1 to 120 months");
    }
    DA06_TRY(purpose, requiredText(purposeIn, "purpose of the loan", 2000));
    std::string uid;
    {
        store::Transaction tx(m_db);
        DA06_CHECK(tx.begin());
        DA06_TRY(b, loadBeneficiary(m_db, beneficiaryId));
        if (b->model != kLoanModel) {
            return fail(ErrorCode::InvalidInput, "the list \"" + b->b.listName + "\" is a model " +
                                                     std::to_string(b->model) +
                                                     " list; loan applications are made from model 19 lists");
        }
        DA06_TRY(check, findCheck(m_db, checkUid));
        DA06_CHECK(requireUsableCheck(*check, kLoanModel, b->b.idNumber, "a loan application"));
        uid = work::randomId();
        const std::string reference = newReference("VV", m_clock.today());
        DA06_TRY(ins, m_db.prepare(
                          "INSERT INTO loan_application (uid, reference, beneficiary_id, check_uid, amount, purpose, "
                          "term_months, status, created_by, created_at) VALUES (?,?,?,?,?,?,?,'submitted',?,?)"));
        ins->bind(1, uid).bind(2, reference).bind(3, b->b.id).bind(4, check->uid).bind(5, amount).bind(6, *purpose);
        ins->bind(7, termMonths).bind(8, m_actor.user).bind(9, m_clock.nowIso8601());
        DA06_CHECK(ins->run());
        DA06_CHECK(CheckService(m_db, m_clock, m_actor).attach(check->uid, "loan", uid));
        DA06_CHECK(audit::append(m_db, m_clock, m_actor, "welfare.loan", "loan:" + reference));
        DA06_CHECK(tx.commit());
    }
    DA06_TRY(st, m_db.prepare(std::string("SELECT ") + kLoanColumns + kLoanFrom + " WHERE a.uid = ?"));
    st->bind(1, uid);
    DA06_TRY(row, st->step());
    if (!*row) {
        return fail(ErrorCode::Internal, "the loan application just recorded cannot be read back");
    }
    return readLoan(*st);
}

Result<std::vector<LoanApplication>> WelfareService::loans(const std::string& textIn)
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "read loan applications"));
    DA06_TRY(
        st, m_db.prepare(std::string("SELECT ") + kLoanColumns + kLoanFrom + " ORDER BY a.created_at DESC, a.id DESC"));
    const std::string query = text::fold(textIn);
    std::vector<LoanApplication> out;
    DA06_CHECK(work::detail::eachRow(*st, [&](const store::Statement& s) {
        LoanApplication a = readLoan(s);
        const std::string hay =
            s.columnText(12) + " " + s.columnText(13) + " " + text::fold(a.reference + " " + a.programme);
        if (query.empty() || text::matchesFolded(hay, query)) {
            out.push_back(std::move(a));
        }
    }));
    return out;
}

Result<ReconciliationResult> WelfareService::reconcile(const std::string& period)
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "reconcile welfare payouts"));
    DA06_CHECK(requirePeriodOrEmpty(period));
    // The payout lists (model 35). A person listed again for the same programme and period (a list
    // imported anew) counts once, with the row of the latest list.
    std::string sql = std::string("SELECT ") + kBeneficiaryColumns + kBeneficiaryFrom + " WHERE l.model = 35";
    if (!period.empty()) {
        sql += " AND b.period = ?";
    }
    sql += " ORDER BY l.id, b.id";
    DA06_TRY(st, m_db.prepare(sql));
    if (!period.empty()) {
        st->bind(1, period);
    }
    using Key = std::tuple<std::string, std::string, std::string>; // number, programme, period
    std::map<Key, Beneficiary> latest;
    std::vector<Key> order;
    DA06_CHECK(work::detail::eachRow(*st, [&](const store::Statement& s) {
        BeneficiaryRow r = readBeneficiary(s);
        Key k{r.b.idNumber, r.b.programme, r.b.period};
        if (!latest.count(k)) {
            order.push_back(k);
        }
        latest[k] = std::move(r.b);
    }));

    // The payouts by key.
    std::string psql = "SELECT id_number, programme, period, amount FROM payout";
    if (!period.empty()) {
        psql += " WHERE period = ?";
    }
    DA06_TRY(pst, m_db.prepare(psql));
    if (!period.empty()) {
        pst->bind(1, period);
    }
    std::map<Key, std::int64_t> paid;
    DA06_CHECK(work::detail::eachRow(*pst, [&](const store::Statement& s) {
        paid[Key{s.columnText(0), s.columnText(1), s.columnText(2)}] = s.columnInt(3);
    }));

    ReconciliationResult res;
    res.period = period;
    std::map<std::tuple<std::string, std::string, std::string>, ReconciliationLine>
        lines; // programme, category, period
    for (const Key& k : order) {
        const Beneficiary& b = latest.at(k);
        ReconciliationLine& line = lines[std::make_tuple(b.programme, b.category, b.period)];
        line.programme = b.programme;
        line.category = b.category;
        line.period = b.period;
        ++line.listed;
        line.listedAmount += b.amount;
        if (auto it = paid.find(k); it != paid.end()) {
            ++line.paid;
            line.paidAmount += it->second;
        } else {
            res.unpaid.push_back(b);
        }
    }
    for (auto& [key, line] : lines) {
        res.lines.push_back(std::move(line));
    }
    std::sort(res.unpaid.begin(), res.unpaid.end(), [](const Beneficiary& a, const Beneficiary& b) {
        return std::tie(a.period, a.programme, a.fullName, a.id) < std::tie(b.period, b.programme, b.fullName, b.id);
    });
    return res;
}

Result<std::vector<Beneficiary>> WelfareService::beneficiaries(const std::string& textIn, const std::string& period,
                                                               int limit)
{
    DA06_CHECK(access::require(m_actor, access::Permission::MakeChecks, "search welfare lists"));
    DA06_CHECK(requirePeriodOrEmpty(period));
    std::string sql = std::string("SELECT ") + kBeneficiaryColumns + kBeneficiaryFrom;
    if (!period.empty()) {
        sql += " WHERE b.period = ?";
    }
    sql += " ORDER BY b.name_fold, b.period, b.id";
    DA06_TRY(st, m_db.prepare(sql));
    if (!period.empty()) {
        st->bind(1, period);
    }
    const std::string query = text::fold(textIn);
    std::vector<Beneficiary> out;
    DA06_CHECK(work::detail::eachRow(*st, [&](const store::Statement& s) {
        if (limit > 0 && out.size() >= static_cast<std::size_t>(limit)) {
            return;
        }
        BeneficiaryRow r = readBeneficiary(s);
        if (query.empty() || text::matchesFolded(r.nameFold + " " + r.b.idNumber, query)) {
            out.push_back(std::move(r.b));
        }
    }));
    return out;
}

} // namespace da06::desk
