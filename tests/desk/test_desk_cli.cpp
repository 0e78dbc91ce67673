// `da06 check|checks|case|pawn|welfare` through the real program on a real store in a temporary
// folder: checks recorded from the JSON of `da06 idcheck qr --json` and by hand, what a staff user
// may see (counts only), retention deleting details and keeping counts, the completion rule of a
// notarial case, a duplicate payout refused, the pawn register as PDF and XLSX, the receipts.
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "domain/core/Json.h"
#include "tests/support/TestSupport.h"

using namespace da06;
namespace fs = std::filesystem;

namespace {

const std::string kAdminPass = "mot hai ba bon nam sau";
const std::string kCheckerPass = "bay tam chin muoi mot";
const std::string kStaffPass = "bon nam sau bay tam chin";
const std::string kToday = "2024-11-05";

// A valid CCCD (Tây Ninh, male born 2001), the same person again, a card expired in 2021 and a
// girl born in 2010.
const std::string kQrAdult =
    "072201003358|285123456|Đặng Quốc Bảo|15032001|Nam|Ấp Trường Lưu, Xã Trường Tây, Hòa Thành, Tây Ninh|10042021";
const std::string kQrExpired =
    "072095001234||Trần Văn Hùng|20071995|Nam|Ấp Thạnh Trung, Xã Thạnh Tây, Tân Biên, Tây Ninh|12052016";
const std::string kQrMinor =
    "072310004321||Nguyễn Thị Ngọc Ánh|02092010|Nữ|Khu phố 1, Phường 3, Thành phố Tây Ninh, Tây Ninh|05102024";

fs::path program()
{
    return DA06_DESK_PROGRAM;
}

std::string pdfText(const fs::path& pdf)
{
    const fs::path txt = pdf.string() + ".txt";
    const auto r = test::runProgram("/usr/bin/pdftotext", {"-layout", pdf.string(), txt.string()});
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    return test::readFile(txt);
}

bool contains(const std::string& s, const std::string& part)
{
    return s.find(part) != std::string::npos;
}

struct Fixture {
    test::TempDir dir;
    fs::path store = dir / "store.da06";

    // As the admin (the first user), unless user is given.
    test::RunResult da06(std::vector<std::string> args, const std::string& user = "",
                         const std::map<std::string, std::string>& extra = {}, const std::string& stdinText = {})
    {
        args.insert(args.begin(), {"--store", store.string()});
        std::string pass = kAdminPass;
        if (!user.empty()) {
            args.insert(args.begin(), {"--user", user});
            pass = user == "kiemtra" ? kCheckerPass : user == "lan" ? kStaffPass : kAdminPass;
        }
        std::map<std::string, std::string> env = {{"DA06_PASSPHRASE", pass}, {"DA06_FAKE_TODAY", kToday}};
        for (const auto& [k, v] : extra) {
            env[k] = v;
        }
        auto r = test::runProgram(program(), args, env, stdinText);
        BOOST_TEST(!contains(r.out, pass));
        BOOST_TEST(!contains(r.err, pass));
        return r;
    }
    test::RunResult checker(std::vector<std::string> args, const std::map<std::string, std::string>& extra = {},
                            const std::string& stdinText = {})
    {
        return da06(std::move(args), "kiemtra", extra, stdinText);
    }
    test::RunResult staff(std::vector<std::string> args) { return da06(std::move(args), "lan"); }

    json::Value jsonOf(const test::RunResult& r)
    {
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        auto v = json::parse(r.out);
        BOOST_REQUIRE_MESSAGE(v, r.out.substr(0, 300));
        return *v;
    }

    void init()
    {
        auto r = da06({"init"});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        r = da06({"units", "import", "--bundled"});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        r = da06({"desk", "unit", "set", "tinh-tay-ninh"});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        r = da06({"user", "add", "kiemtra", "--role", "checker"}, "", {{"DA06_NEW_PASSPHRASE", kCheckerPass}});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        r = da06({"user", "add", "lan", "--role", "staff"}, "", {{"DA06_NEW_PASSPHRASE", kStaffPass}});
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    }

    // The JSON `da06 idcheck qr --json` prints for payload, written to a file.
    fs::path qrJson(const std::string& payload, const std::string& name)
    {
        const auto r =
            test::runProgram(program(), {"idcheck", "qr", "--text", "-", "--as-of", kToday, "--json"}, {}, payload);
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0 || r.exitCode == 5, r.err);
        const fs::path file = dir / (name + ".json");
        test::writeFile(file, r.out);
        return file;
    }

    // Records a check from a QR payload as the checker; returns its JSON.
    json::Value record(const std::string& payload, int model, const std::string& consent = "given")
    {
        const auto file = qrJson(payload, "qr-" + std::to_string(model) + "-" + std::to_string(++m_files));
        return jsonOf(checker({"check", "record", "--purpose", std::to_string(model), "--from-json", file.string(),
                               "--consent", consent, "--json"}));
    }

private:
    int m_files = 0;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(desk_cli, Fixture)

BOOST_AUTO_TEST_CASE(checks_recorded_from_qr_json_and_by_hand)
{
    init();
    const auto file = qrJson(kQrAdult, "adult");
    // A human run: the reference and the outcome.
    const auto human =
        checker({"check", "record", "--purpose", "4", "--from-json", file.string(), "--consent", "given"});
    BOOST_REQUIRE_MESSAGE(human.exitCode == 0, human.err);
    BOOST_TEST(contains(human.out, "Recorded check KT-"));
    BOOST_TEST(contains(human.out, "VALID"));
    BOOST_TEST(!contains(human.err, "Bảo"));

    // From standard input, as JSON.
    const auto v = jsonOf(checker({"check", "record", "--purpose", "8", "--from-json", "-", "--consent", "given",
                                   "--consent-note", "phiếu đồng ý số 12", "--json"},
                                  {}, test::readFile(file)));
    const std::string ref = v.find("reference")->asString();
    BOOST_TEST(ref.rfind("KT-20241105-", 0) == 0u);
    BOOST_TEST(v.find("model")->asInteger() == 8);
    BOOST_TEST(v.find("method")->asString() == "qr");
    BOOST_TEST(v.find("outcome")->asString() == "valid");
    BOOST_TEST(v.find("consent")->asString() == "given");
    BOOST_TEST(v.find("identity")->find("full_name")->asString() == "Đặng Quốc Bảo");
    BOOST_TEST(v.find("identity")->find("id_number")->asString() == "072201003358");

    // An expired card: recorded (exit 0), the outcome said clearly.
    const auto expired = checker({"check", "record", "--purpose", "6", "--from-json",
                                  qrJson(kQrExpired, "expired").string(), "--consent", "given"});
    BOOST_REQUIRE_MESSAGE(expired.exitCode == 0, expired.err);
    BOOST_TEST(contains(expired.out, "INVALID"));
    BOOST_TEST(contains(expired.out, "does not pass"));

    // By hand: without a reason refused before anything is recorded; with one, unverified.
    const auto noReason = checker({"check", "record", "--purpose", "4", "--manual", "--id", "072201003358", "--name",
                                   "Đặng Quốc Bảo", "--consent", "given"});
    BOOST_TEST((noReason.exitCode == 2 || noReason.exitCode == 5));
    BOOST_TEST(contains(noReason.err, "--reason"));
    const auto manual = jsonOf(checker({"check", "record", "--purpose", "4", "--manual", "--id", "072201003358",
                                        "--name", "Đặng Quốc Bảo", "--dob", "15/03/2001", "--sex", "male", "--reason",
                                        "Thẻ bị gãy, không đọc được chip và mã QR", "--consent", "legal", "--json"}));
    BOOST_TEST(manual.find("method")->asString() == "manual");
    BOOST_TEST(manual.find("outcome")->asString() == "unverified");
    BOOST_TEST(manual.find("consent")->asString() == "legal_obligation");
    // Missing consent, an unknown purpose, a file that is not a check.
    BOOST_TEST(checker({"check", "record", "--purpose", "4", "--from-json", file.string()}).exitCode == 2);
    BOOST_TEST(
        checker({"check", "record", "--purpose", "7", "--from-json", file.string(), "--consent", "given"}).exitCode ==
        5);
    test::writeFile(dir / "junk.json", "{\"hello\": 1}");
    BOOST_TEST(checker({"check", "record", "--purpose", "4", "--from-json", (dir / "junk.json").string(), "--consent",
                        "given"})
                   .exitCode == 5);

    // Show and list, as the checker.
    const auto shown = checker({"check", "show", ref});
    BOOST_REQUIRE_MESSAGE(shown.exitCode == 0, shown.err);
    BOOST_TEST(contains(shown.out, "Đặng Quốc Bảo"));
    BOOST_TEST(contains(shown.out, "phiếu đồng ý số 12"));
    BOOST_TEST(checker({"check", "show", "KT-20241105-000000"}).exitCode == 4);
    const auto all = jsonOf(checker({"checks", "list", "--json"}));
    BOOST_TEST(all.asArray().size() == 4u);
    const auto found = jsonOf(checker({"checks", "list", "--search", "dang quoc bao", "--purpose", "8", "--json"}));
    BOOST_REQUIRE(found.asArray().size() == 1u);
    BOOST_TEST(found.asArray()[0].find("reference")->asString() == ref);
    BOOST_TEST(contains(checker({"checks", "list"}).out, "072******358"));

    // A staff user sees the counts, never a detail.
    const auto stats = jsonOf(staff({"checks", "stats", "--month", "2024-11", "--json"}));
    BOOST_TEST(stats.find("total")->asInteger() == 4);
    bool qrModel8 = false;
    for (const auto& row : stats.find("rows")->asArray()) {
        qrModel8 = qrModel8 || (row.find("model")->asInteger() == 8 && row.find("method")->asString() == "qr" &&
                                row.find("outcome")->asString() == "valid" && row.find("count")->asInteger() == 1 &&
                                row.find("unit")->asString() == "tinh-tay-ninh");
    }
    BOOST_TEST(qrModel8);
    const auto humanStats = staff({"checks", "stats", "--month", "2024-11"});
    BOOST_TEST(humanStats.exitCode == 0);
    BOOST_TEST(!contains(humanStats.out, "Bảo"));
    const auto denied = staff({"check", "show", ref});
    BOOST_TEST(denied.exitCode == 10);
    BOOST_TEST(!contains(denied.out + denied.err, "Bảo"));
    BOOST_TEST(staff({"checks", "list"}).exitCode == 10);
    BOOST_TEST(staff({"check", "receipt", ref, "--pdf", (dir / "staff.pdf").string()}).exitCode == 10);
    BOOST_TEST(!fs::exists(dir / "staff.pdf"));
    BOOST_TEST(
        staff({"check", "record", "--purpose", "4", "--from-json", file.string(), "--consent", "given"}).exitCode ==
        10);
    BOOST_TEST(staff({"checks", "stats", "--month", "11/2024"}).exitCode == 2);

    // The receipt: text, reference, masked number.
    const fs::path pdf = dir / "receipt.pdf";
    const auto rc = checker({"check", "receipt", ref, "--pdf", pdf.string()});
    BOOST_REQUIRE_MESSAGE(rc.exitCode == 0, rc.err);
    const std::string text = pdfText(pdf);
    BOOST_TEST(contains(text, ref));
    BOOST_TEST(contains(text, "BIÊN NHẬN KIỂM TRA DANH TÍNH"));
    BOOST_TEST(contains(text, "072******358"));
    BOOST_TEST(!contains(text, "072201003358"));
    BOOST_TEST(contains(text, "Mô hình 8"));
    BOOST_TEST(contains(text, "Nghị định 13/2023/NĐ-CP"));
}

BOOST_AUTO_TEST_CASE(retention_deletes_details_and_keeps_counts)
{
    init();
    const auto v = record(kQrAdult, 6); // model 6: 90 days by default
    const std::string ref = v.find("reference")->asString();
    const std::map<std::string, std::string> later = {{"DA06_FAKE_TODAY", "2030-01-01"}};

    // The retention: anyone reads it, only the admin sets it.
    BOOST_TEST(contains(checker({"checks", "retention"}).out, "M6   90"));
    BOOST_TEST(checker({"checks", "retention", "--set", "6=30"}).exitCode == 10);
    BOOST_TEST(da06({"checks", "retention", "--set", "six=30"}).exitCode == 2);
    const auto set = jsonOf(da06({"checks", "retention", "--set", "6=120", "--set", "other=60", "--json"}));
    BOOST_TEST(set.find("days")->find("6")->asInteger() == 120);
    BOOST_TEST(set.find("other_days")->asInteger() == 60);

    // A dry run deletes nothing.
    const auto dry = jsonOf(checker({"checks", "purge", "--dry-run", "--json"}, later));
    BOOST_TEST(dry.find("dry_run")->asBool());
    BOOST_TEST(dry.find("checks")->asInteger() == 1);
    BOOST_TEST(contains(checker({"check", "show", ref}, later).out, "Đặng Quốc Bảo"));
    // Nothing is due today.
    BOOST_TEST(jsonOf(checker({"checks", "purge", "--json"})).find("checks")->asInteger() == 0);

    // Years later: the details go (any role may run it), the counts stay.
    const auto purged = jsonOf(staff({"checks", "purge", "--json"})); // today: nothing yet
    BOOST_TEST(purged.find("checks")->asInteger() == 0);
    const auto run = jsonOf(da06({"checks", "purge", "--json"}, "lan", later));
    BOOST_TEST(run.find("checks")->asInteger() == 1);
    BOOST_TEST(run.find("by_model")->find("6")->asInteger() == 1);
    const auto shown = checker({"check", "show", ref}, later);
    BOOST_REQUIRE_MESSAGE(shown.exitCode == 0, shown.err);
    BOOST_TEST(!contains(shown.out, "Bảo"));
    BOOST_TEST(!contains(shown.out, "072201003358"));
    BOOST_TEST(contains(shown.out, "deleted"));
    const auto js = jsonOf(checker({"check", "show", ref, "--json"}, later));
    BOOST_TEST(js.find("identity")->isNull());
    BOOST_TEST(!js.find("purged_at")->isNull());
    BOOST_TEST(jsonOf(checker({"checks", "list", "--search", "dang quoc bao", "--json"}, later)).asArray().empty());
    const auto stats = jsonOf(staff({"checks", "stats", "--month", "2024-11", "--json"}));
    BOOST_TEST(stats.find("total")->asInteger() == 1);
    // The receipt of a purged check says so and names nobody.
    const fs::path pdf = dir / "purged.pdf";
    BOOST_REQUIRE(checker({"check", "receipt", ref, "--pdf", pdf.string()}, later).exitCode == 0);
    const std::string text = pdfText(pdf);
    BOOST_TEST(contains(text, ref));
    BOOST_TEST(!contains(text, "Bảo"));
}

BOOST_AUTO_TEST_CASE(a_case_completes_only_when_every_party_is_verified)
{
    init();
    const std::string ref = record(kQrAdult, 4).find("reference")->asString();
    const auto opened = jsonOf(checker({"case", "open", "--number", "125/2024/CT-VP", "--model", "4", "--kind",
                                        "contract", "--title", "Hợp đồng mua bán xe máy", "--json"}));
    BOOST_TEST(opened.find("status")->asString() == "open");
    BOOST_TEST(
        checker({"case", "open", "--number", "125/2024/CT-VP", "--model", "4", "--kind", "contract", "--title", "X"})
            .exitCode != 0);
    BOOST_TEST(checker({"case", "open", "--number", "1", "--model", "4", "--kind", "contract"}).exitCode == 2);

    // No party: refused.
    const auto empty = checker({"case", "complete", "125/2024/CT-VP"});
    BOOST_TEST(empty.exitCode == 5);
    BOOST_TEST(contains(empty.err, "no party"));

    const auto a = checker({"case", "party", "125/2024/CT-VP", "--role", "party_a", "--check", ref});
    BOOST_REQUIRE_MESSAGE(a.exitCode == 0, a.err);
    BOOST_TEST(contains(a.out, "verified by " + ref));
    // The same check cannot serve another case.
    BOOST_REQUIRE(checker({"case", "open", "--number", "126/2024/CT-VP", "--model", "8", "--kind", "copy_certification",
                           "--title", "Chứng thực bản sao"})
                      .exitCode == 0);
    BOOST_TEST(checker({"case", "party", "126/2024/CT-VP", "--role", "requester", "--check", ref}).exitCode != 0);
    const auto b =
        jsonOf(checker({"case", "party", "125/2024/CT-VP", "--role", "party_b", "--name", "Lê Văn Tư", "--json"}));
    std::string partyB;
    for (const auto& p : b.find("parties")->asArray()) {
        if (p.find("role")->asString() == "party_b") {
            partyB = p.find("uid")->asString();
        }
    }
    BOOST_REQUIRE(!partyB.empty());
    BOOST_TEST(b.find("blocking_parties")->asArray().size() == 1u);

    // A scanned document for electronic certification, kept encrypted in the store.
    test::writeFile(dir / "ban-chinh.pdf", "%PDF-1.4 bản quét giả lập\n");
    const auto attached =
        jsonOf(checker({"case", "attach", "125/2024/CT-VP", (dir / "ban-chinh.pdf").string(), "--json"}));
    const std::string docUid = attached.find("uid")->asString();
    const std::string sha = attached.find("sha256")->asString();
    BOOST_TEST(sha.size() == 64u);

    // A party without a passing check blocks completion.
    const auto refused = checker({"case", "complete", "125/2024/CT-VP"});
    BOOST_TEST(refused.exitCode == 5);
    BOOST_TEST(contains(refused.err, "cannot be completed"));
    BOOST_TEST(contains(checker({"case", "show", "125/2024/CT-VP"}).out, "NOT VERIFIED"));
    // A staff user sees no case.
    BOOST_TEST(staff({"case", "show", "125/2024/CT-VP"}).exitCode == 10);

    // An exception with its reason lets it complete.
    const auto ex = checker({"case", "exception", "125/2024/CT-VP", "--party", partyB, "--reason",
                             "Người bệnh nặng, đối chiếu giấy tờ tại nhà có người làm chứng"});
    BOOST_REQUIRE_MESSAGE(ex.exitCode == 0, ex.err);
    const auto done = jsonOf(checker({"case", "complete", "125/2024/CT-VP", "--json"}));
    BOOST_TEST(done.find("status")->asString() == "completed");
    const auto list = jsonOf(checker({"case", "list", "--search", "mua ban xe", "--status", "completed", "--json"}));
    BOOST_TEST(list.asArray().size() == 1u);
    BOOST_TEST(checker({"case", "list", "--status", "closed"}).exitCode == 2);

    // The check shows what it is attached to.
    const auto shown = jsonOf(checker({"check", "show", ref, "--json"}));
    BOOST_TEST(shown.find("attached")->find("kind")->asString() == "case");

    // Electronic certification of the scanned document (model 4), with its certificate.
    const fs::path cert = dir / "cert.pdf";
    const auto certified = jsonOf(checker({"case", "certify", docUid, "--pdf", cert.string(), "--json"}));
    const std::string ct = certified.find("reference")->asString();
    BOOST_TEST(ct.rfind("CT-", 0) == 0u);
    BOOST_TEST(certified.find("qr_payload")->asString() == "DA06-CT|" + ct + "|" + sha);
    const std::string text = pdfText(cert);
    BOOST_TEST(contains(text, "CHỨNG THỰC BẢN ĐIỆN TỬ"));
    BOOST_TEST(contains(text, ct));
    BOOST_TEST(contains(text, sha.substr(0, 16)));
    BOOST_TEST(checker({"case", "certify", docUid}).exitCode != 0); // once
    BOOST_TEST(checker({"case", "certificate", ct, "--pdf", (dir / "again.pdf").string()}).exitCode == 0);
}

BOOST_AUTO_TEST_CASE(welfare_payout_once_per_period)
{
    init();
    test::writeFile(dir / "ho-ngheo.csv",
                    "so_cccd,ho_ten,doi_tuong,chuong_trinh,so_tien,ky\n"
                    "072201003358,Đặng Quốc Bảo,Hộ nghèo,Hỗ trợ tiền điện,1500000,2024-11\n"
                    "072168002764,Huỳnh Thị Mỹ Dung,Hộ cận nghèo,Hỗ trợ tiền điện,1200000,2024-11\n"
                    "12345,Không Hợp Lệ,Hộ nghèo,Hỗ trợ tiền điện,100,2024-11\n");
    const auto imported =
        checker({"welfare", "import", (dir / "ho-ngheo.csv").string(), "--name", "Hộ nghèo tháng 11", "--model", "35"});
    BOOST_REQUIRE_MESSAGE(imported.exitCode == 0, imported.err);
    BOOST_TEST(contains(imported.out, "Imported 2"));
    BOOST_TEST(contains(imported.out, "line 4"));
    BOOST_TEST(contains(checker({"welfare", "lists"}).out, "Hộ nghèo tháng 11"));

    const std::string ref1 = record(kQrAdult, 35).find("reference")->asString();
    const auto match = jsonOf(checker({"welfare", "match", "--check", ref1, "--period", "2024-11", "--json"}));
    BOOST_TEST(match.find("eligibility")->asString() == "eligible");
    BOOST_REQUIRE(match.find("entries")->asArray().size() == 1u);
    const std::string id = std::to_string(match.find("entries")->asArray()[0].find("id")->asInteger());

    const fs::path receipt = dir / "payout.pdf";
    const auto paid = jsonOf(
        checker({"welfare", "pay", "--beneficiary", id, "--check", ref1, "--receipt", receipt.string(), "--json"}));
    const std::string payoutRef = paid.find("reference")->asString();
    BOOST_TEST(paid.find("amount")->asInteger() == 1500000);
    const std::string text = pdfText(receipt);
    BOOST_TEST(contains(text, "BIÊN NHẬN CHI TRẢ"));
    BOOST_TEST(contains(text, payoutRef));
    BOOST_TEST(contains(text, "Một triệu năm trăm nghìn đồng"));
    BOOST_TEST(contains(text, "072******358"));

    // The same person comes back with a new check: refused, clearly, nothing paid.
    const std::string ref2 = record(kQrAdult, 35).find("reference")->asString();
    BOOST_TEST(jsonOf(checker({"welfare", "match", "--check", ref2, "--period", "2024-11", "--json"}))
                   .find("eligibility")
                   ->asString() == "already_paid");
    const auto again = checker({"welfare", "pay", "--beneficiary", id, "--check", ref2});
    BOOST_TEST(again.exitCode != 0);
    BOOST_TEST(contains(again.err, "payout refused"));
    BOOST_TEST(jsonOf(checker({"welfare", "payouts", "--period", "2024-11", "--json"})).asArray().size() == 1u);

    // Someone not on the list.
    const std::string ref3 = record(kQrMinor, 35).find("reference")->asString();
    BOOST_TEST(contains(checker({"welfare", "match", "--check", ref3}).out, "NOT LISTED"));

    // A loan application on a model 19 list.
    BOOST_REQUIRE(
        checker({"welfare", "import", (dir / "ho-ngheo.csv").string(), "--name", "Vay vốn hộ nghèo", "--model", "19"})
            .exitCode == 0);
    const std::string ref4 = record(kQrAdult, 19).find("reference")->asString();
    const auto loanMatch = jsonOf(checker({"welfare", "match", "--check", ref4, "--json"}));
    std::string loanId;
    for (const auto& e : loanMatch.find("entries")->asArray()) {
        if (e.find("list_name")->asString() == "Vay vốn hộ nghèo") {
            loanId = std::to_string(e.find("id")->asInteger());
        }
    }
    BOOST_REQUIRE(!loanId.empty());
    const auto loan = jsonOf(checker({"welfare", "loan", "--beneficiary", loanId, "--check", ref4, "--amount",
                                      "20.000.000", "--purpose", "Chăn nuôi bò sinh sản", "--term", "24", "--json"}));
    BOOST_TEST(loan.find("amount")->asInteger() == 20000000);
    BOOST_TEST(loan.find("status")->asString() == "submitted");
    BOOST_TEST(contains(checker({"welfare", "loans"}).out, "Chăn nuôi bò sinh sản"));

    // The reconciliation of the period.
    const fs::path rec = dir / "doi-chieu.pdf";
    const auto r = jsonOf(checker({"welfare", "reconcile", "--period", "2024-11", "--pdf", rec.string(), "--json"}));
    int listed = 0;
    int paidCount = 0;
    for (const auto& l : r.find("lines")->asArray()) {
        listed += static_cast<int>(l.find("listed")->asInteger());
        paidCount += static_cast<int>(l.find("paid")->asInteger());
    }
    BOOST_TEST(listed == 2);
    BOOST_TEST(paidCount == 1);
    BOOST_TEST(r.find("unpaid")->asArray().size() == 1u);
    const std::string recText = pdfText(rec);
    BOOST_TEST(contains(recText, "BẢNG ĐỐI CHIẾU"));
    BOOST_TEST(contains(recText, "072******764"));
    BOOST_TEST(checker({"welfare", "payouts", "--period", "11/2024"}).exitCode == 2);
}

BOOST_AUTO_TEST_CASE(pawn_contracts_alerts_and_register)
{
    init();
    const std::string adult = record(kQrAdult, 15, "legal").find("reference")->asString();
    const auto created =
        jsonOf(checker({"pawn", "create", "--number", "CD-2024-001", "--check", adult, "--item",
                        "Xe máy Honda Wave biển 70B1-123.45", "--value", "15.000.000", "--loan", "10000000",
                        "--interest", "1,5", "--start", "2024-11-05", "--due", "05/12/2024", "--json"}));
    BOOST_TEST(created.find("loan")->asInteger() == 10000000);
    BOOST_TEST(created.find("alerts")->asArray().empty());
    BOOST_TEST(checker({"pawn", "create", "--number", "CD-X", "--check", adult, "--item", "X", "--value", "1", "--loan",
                        "1", "--interest", "abc", "--start", "2024-11-05", "--due", "2024-12-05"})
                   .exitCode == 2);

    // A customer under 18: the alert is printed prominently.
    const std::string minor = record(kQrMinor, 15, "legal").find("reference")->asString();
    const auto young =
        checker({"pawn", "create", "--number", "CD-2024-002", "--check", minor, "--item", "Điện thoại", "--value",
                 "3000000", "--loan", "2000000", "--interest", "2", "--start", "2024-11-05", "--due", "2024-12-05"});
    BOOST_REQUIRE_MESSAGE(young.exitCode == 0, young.err);
    BOOST_TEST(contains(young.out, "ALERT"));
    BOOST_TEST(contains(young.out, "UNDER_18"));

    const auto closed = checker({"pawn", "close", "CD-2024-001", "--redeemed", "--on", "2024-11-20"});
    BOOST_REQUIRE_MESSAGE(closed.exitCode == 0, closed.err);
    BOOST_TEST(contains(closed.out, "redeemed"));
    BOOST_TEST(checker({"pawn", "close", "CD-2024-002"}).exitCode == 2);
    const auto list = jsonOf(checker({"pawn", "list", "--search", "honda", "--json"}));
    BOOST_REQUIRE(list.asArray().size() == 1u);
    BOOST_TEST(list.asArray()[0].find("status")->asString() == "redeemed");
    BOOST_TEST(staff({"pawn", "list"}).exitCode == 10);

    const fs::path pdf = dir / "so-cam-do.pdf";
    const fs::path xlsx = dir / "so-cam-do.xlsx";
    const auto reg = checker({"pawn", "register", "--from", "2024-11-01", "--to", "2024-11-30", "--pdf", pdf.string(),
                              "--xlsx", xlsx.string(), "--business", "Tiệm cầm đồ Phúc Lộc"});
    BOOST_REQUIRE_MESSAGE(reg.exitCode == 0, reg.err);
    BOOST_TEST(contains(reg.out, "2 contracts"));
    const std::string text = pdfText(pdf);
    BOOST_TEST(contains(text, "SỔ THEO DÕI CẦM ĐỒ"));
    BOOST_TEST(contains(text, "CD-2024-001"));
    BOOST_TEST(contains(text, "CD-2024-002"));
    BOOST_TEST(contains(text, "Tiệm cầm đồ Phúc Lộc"));
    BOOST_REQUIRE(fs::exists(xlsx));
    BOOST_TEST(test::readFile(xlsx).substr(0, 2) == "PK");
    BOOST_TEST(checker({"pawn", "register", "--from", "2024-11-01", "--to", "2024-11-30"}).exitCode == 2);
}

BOOST_AUTO_TEST_CASE(help_lists_the_desk_commands)
{
    const auto r = test::runProgram(program(), {"--help"});
    BOOST_TEST(r.exitCode == 0);
    for (const char* c : {"check record", "checks stats", "case open", "pawn register", "welfare pay"}) {
        BOOST_TEST(contains(r.out, c), c);
    }
    BOOST_TEST(test::runProgram(program(), {"check"}).exitCode == 2);
    BOOST_TEST(test::runProgram(program(), {"welfare", "dance"}).exitCode == 2);
}

BOOST_AUTO_TEST_SUITE_END()
