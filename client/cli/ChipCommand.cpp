#include "client/cli/ChipCommand.h"

#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <ostream>

#include "client/cli/Cli.h"
#include "client/cli/Common.h"
#include "client/cli/IdcheckCommand.h"
#include "client/readers/emrtd/ChipReader.h"
#include "client/readers/emrtd/ChipResultJson.h"
#include "client/readers/emrtd/ChipSession.h"
#include "client/readers/emrtd/PcscChipReader.h"
#include "domain/core/Clock.h"
#include "domain/core/DurableFile.h"
#include "domain/core/Json.h"
#include "domain/identity/CccdCheck.h"
#include "domain/identity/CccdNormalize.h"

namespace da06::cli {

const char* const kIdcheckChipUsage =
    "  idcheck chip [--reader NAME] (--id ID12 [--dob YYMMDD --expiry YYMMDD] | --can CAN | --mrz MRZ |\n"
    "               --doc N --dob YYMMDD --expiry YYMMDD) [--qr-text PAYLOAD|-] [--csca DIR]\n"
    "               [--photo-out FILE] [--as-of DATE] [--json]\n"
    "                                   read the chip of a CCCD on a contactless PC/SC reader: PACE with the\n"
    "                                   CAN (last 6 digits of the number), else BAC; the data groups, the photo,\n"
    "                                   passive authentication against the CSCA certificates in DIR (without\n"
    "                                   DIR: unverified), chip and active authentication, and the cross-checks\n"
    "                                   with the QR code. With --qr-text alone the keys come from the QR code.\n"
    "                                   Needs no store. Exit codes: 0 read (verified or unverified), 7 the chip\n"
    "                                   refused the key, 8 an authentication failed, 9 no service, reader or card.\n";

namespace {

std::atomic<bool> g_interrupted{false};
emrtd::CancelToken* g_cancel = nullptr;

void onInterrupt(int)
{
    g_interrupted.store(true);
    if (g_cancel) {
        g_cancel->cancel();
    }
}

int usage(std::ostream& err, const std::string& why)
{
    err << "da06: " << why << "\nusage:\n" << kIdcheckChipUsage;
    return kExitUsage;
}

int fail(std::ostream& err, const Error& e)
{
    err << "da06: " << e.message << "\n";
    return exitCodeFor(e);
}

const char* stepLabel(const std::string& step)
{
    if (step == "select")
        return "Chọn ứng dụng eMRTD";
    if (step == "card_access")
        return "Đọc EF.CardAccess";
    if (step == "pace")
        return "Xác thực PACE";
    if (step == "bac")
        return "Xác thực BAC";
    if (step == "com")
        return "Đọc EF.COM";
    if (step == "dg1")
        return "Đọc DG1 (MRZ)";
    if (step == "dg2")
        return "Đọc DG2 (ảnh)";
    if (step == "dg13")
        return "Đọc DG13 (thông tin)";
    if (step == "dg14")
        return "Đọc DG14";
    if (step == "dg15")
        return "Đọc DG15";
    if (step == "sod")
        return "Đọc EF.SOD";
    if (step == "chip_authentication")
        return "Xác thực chip (CA)";
    if (step == "active_authentication")
        return "Xác thực chủ động (AA)";
    if (step == "passive_authentication")
        return "Xác thực thụ động (PA)";
    return nullptr;
}

void printHuman(std::ostream& out, const emrtd::ChipReadResult& r)
{
    auto line = [&](const char* label, const std::string& value) {
        if (!value.empty()) {
            out << "  " << label << ": " << value << "\n";
        }
    };
    out << "Chip CCCD: đọc bằng " << r.access << ", " << r.apduCount << " lệnh APDU\n";
    if (r.dg13) {
        const auto& d = *r.dg13;
        line("Số CCCD", d.idNumber);
        line("Họ và tên", d.fullName);
        line("Ngày sinh", d.dateOfBirth);
        line("Giới tính", d.sex);
        line("Quốc tịch", d.nationality);
        line("Dân tộc", d.ethnicity);
        line("Tôn giáo", d.religion);
        line("Quê quán", d.placeOfOrigin);
        line("Nơi thường trú", d.placeOfResidence);
        line("Đặc điểm nhận dạng", d.identifyingFeatures);
        line("Ngày cấp", d.issueDate);
        line("Có giá trị đến", d.expiryDate);
        line("Họ tên cha", d.fatherName);
        line("Họ tên mẹ", d.motherName);
        line("Vợ/chồng", d.spouseName);
        line("Số CMND cũ", d.oldIdNumber);
    }
    if (r.face) {
        std::string photo = chip::imageFormatName(r.face->format);
        if (r.facePixels) {
            photo += " " + std::to_string(r.facePixels->width) + "×" + std::to_string(r.facePixels->height);
        } else if (!r.faceError.empty()) {
            photo += " (không giải mã được: " + r.faceError + ")";
        }
        line("Ảnh", photo);
    }
    out << "  Xác thực:\n";
    const auto& pa = r.passiveAuthentication;
    const char* paWord = pa.result == emrtd::PaResult::Verified ? "[đạt]         "
                         : pa.result == emrtd::PaResult::Failed ? "[KHÔNG ĐẠT]    "
                                                                : "[chưa xác minh]";
    out << "    " << paWord << " Xác thực thụ động (dữ liệu do cơ quan cấp ký)"
        << (pa.reason.empty() ? "" : " — " + pa.reason) << "\n";
    auto auth = [&](const char* label, const emrtd::AuthResult& a) {
        const char* w = a.outcome == emrtd::AuthOutcome::Passed   ? "[đạt]         "
                        : a.outcome == emrtd::AuthOutcome::Failed ? "[KHÔNG ĐẠT]    "
                                                                  : "[không hỗ trợ] ";
        out << "    " << w << " " << label
            << (a.detail.empty() || a.outcome == emrtd::AuthOutcome::Passed ? "" : " — " + a.detail) << "\n";
    };
    auth("Xác thực chip (chống sao chép chip)", r.chipAuthentication);
    auth("Xác thực chủ động", r.activeAuthentication);
    if (r.crossCheck.empty()) {
        out << "  Đối chiếu chip, QR và quy tắc số CCCD: khớp\n";
    } else {
        out << "  Đối chiếu chip, QR và quy tắc số CCCD:\n";
        for (const auto& f : r.crossCheck) {
            out << "    " << (f.isError() ? "[lỗi]      " : "[cảnh báo] ") << f.message().text() << " [" << f.code()
                << "]\n";
        }
    }
    out << "  Thời gian:";
    for (const auto& t : r.timings) {
        out << " " << t.step << " " << static_cast<long>(t.milliseconds + 0.5) << " ms;";
    }
    out << "\n";
}

// The options of `idcheck chip`.
struct ChipOptions {
    bool json = false;
    std::optional<std::string> reader, id, can, mrz, doc, dob, expiry, qrText, csca, photoOut;
    Date asOf; // --as-of, else today
};

// Reads args into o; an exit code on the first problem (an option given twice, an unknown or
// leftover word, a bad --as-of).
std::optional<int> parseChipOptions(std::vector<std::string> args, std::ostream& err, const Date& today, ChipOptions& o)
{
    Args a(std::move(args));
    o.json = a.flag("--json");
    o.reader = a.option("--reader");
    o.id = a.option("--id");
    o.can = a.option("--can");
    o.mrz = a.option("--mrz");
    o.doc = a.option("--doc");
    o.dob = a.option("--dob");
    o.expiry = a.option("--expiry");
    o.qrText = a.option("--qr-text");
    o.csca = a.option("--csca");
    o.photoOut = a.option("--photo-out");
    const auto asOfText = a.option("--as-of");
    for (const std::string& left : a.rest()) { // each option is taken once: a second one stays behind
        for (const char* known : {"--json", "--reader", "--id", "--can", "--mrz", "--doc", "--dob", "--expiry",
                                  "--qr-text", "--csca", "--photo-out", "--as-of"}) {
            if (left == known || left.rfind(std::string(known) + "=", 0) == 0) {
                return usage(err, std::string(known) + " is given twice");
            }
        }
    }
    if (auto problem = a.leftoverProblem()) {
        return usage(err, *problem);
    }
    if (!a.rest().empty()) {
        return usage(err, "unexpected \"" + a.rest().front() + "\"");
    }
    o.asOf = today;
    if (asOfText) {
        auto d = Date::parseIso(*asOfText);
        if (!d) {
            return usage(err, "--as-of needs a date like 2024-06-30");
        }
        o.asOf = *d;
    }
    return std::nullopt;
}

// The identity in the QR code of --qr-text, when given: for the cross-checks, and for the keys
// when none is typed. An exit code when the payload is not a CCCD's.
std::optional<int> readQrIdentity(const ChipOptions& o, std::ostream& err, std::optional<identity::CccdIdentity>& qr)
{
    if (!o.qrText) {
        return std::nullopt;
    }
    const std::string payload = *o.qrText == "-" ? readPayloadFromStdin() : *o.qrText;
    const identity::CccdReport report = identity::checkQrText(payload, o.asOf);
    if (!report.isCccd) {
        return usage(err, "--qr-text is not the QR code of a CCCD");
    }
    qr = report.identity;
    return std::nullopt;
}

// The usage error for a key that cannot be chosen.
int keyProblem(std::ostream& err, const emrtd::KeyProblem& problem)
{
    switch (problem.kind) {
    case emrtd::KeyProblem::Kind::SeveralKeys:
        return usage(err, "give one of --id, --can, --mrz and --doc");
    case emrtd::KeyProblem::Kind::DocumentWithoutDates:
        return usage(err, "--doc needs --dob and --expiry (YYMMDD)");
    case emrtd::KeyProblem::Kind::NoKey:
        return usage(err, "give the card's key: --id, --can, --mrz, --doc … or the QR code with --qr-text");
    case emrtd::KeyProblem::Kind::Rejected:
        break;
    }
    return usage(err, problem.message);
}

// The progress lines on standard error (none with --json).
emrtd::Progress progressPrinter(bool json, std::ostream& err)
{
    return emrtd::Progress([json, &err](const emrtd::ProgressEvent& e) {
        if (json) {
            return;
        }
        if (const char* label = stepLabel(e.step)) {
            if (e.total > 0) {
                if (e.done == e.total) {
                    err << "  " << label << " … " << e.total << " byte\n";
                }
            } else {
                err << "  " << label << " …\n";
            }
        }
    });
}

// Reads the chip with key (again after a card reset), Ctrl+C cancelling the reading.
Result<emrtd::ChipReadResult> readChip(const ChipOptions& o, const emrtd::AccessKey& key,
                                       const std::optional<identity::CccdIdentity>& qr, std::ostream& err)
{
    emrtd::ReadOptions options;
    options.trustFolder = o.csca.value_or("");
    options.qr = qr;
    options.asOf = o.asOf;
    options.normalizeText = [](std::string_view s) { return identity::normalizeQrText(s); };

    emrtd::CancelToken cancel;
    g_cancel = &cancel;
    auto oldInt = std::signal(SIGINT, onInterrupt);
    emrtd::Progress progress = progressPrinter(o.json, err);

    // Opened (and once more after a card reset) through the one entry point the desk uses too.
    emrtd::CardChipReader chipReader(emrtd::pcscCardOpener(o.reader.value_or("")), [&](int attempt) {
        if (!o.json && attempt == 0) {
            err << "Đang đọc chip CCCD (Ctrl+C để hủy)…\n";
        }
    });
    Result<emrtd::ChipReadResult> result = chipReader.read(key, options, progress, cancel);
    std::signal(SIGINT, oldInt);
    g_cancel = nullptr;
    return result;
}

// Writes the photo to --photo-out when given (a note when the chip has none); an exit code when
// the file cannot be written.
std::optional<int> writePhoto(const ChipOptions& o, const emrtd::ChipReadResult& r, std::ostream& err)
{
    if (!o.photoOut) {
        return std::nullopt;
    }
    if (!r.face) {
        err << "da06: the chip has no photo (DG2) to write\n";
        return std::nullopt;
    }
    const auto& bytes = r.face->data;
    if (auto s =
            writeFileDurably(*o.photoOut, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
        !s) {
        return fail(err, s.error());
    }
    return std::nullopt;
}

// Prints the result (JSON or text); kExitAuthFailed when an authentication failed.
int printResult(const ChipOptions& o, const emrtd::ChipReadResult& r, std::ostream& out)
{
    if (o.json) {
        out << emrtd::chipResultToJson(r).dump(2) << "\n";
    } else {
        printHuman(out, r);
    }
    const bool failed = r.passiveAuthentication.result == emrtd::PaResult::Failed ||
                        r.chipAuthentication.outcome == emrtd::AuthOutcome::Failed ||
                        r.activeAuthentication.outcome == emrtd::AuthOutcome::Failed;
    return failed ? kExitAuthFailed : kExitOk;
}

} // namespace

int runIdcheckChip(std::vector<std::string> args, std::ostream& out, std::ostream& err, const Date& today)
{
    ChipOptions o;
    if (auto code = parseChipOptions(std::move(args), err, today, o)) {
        return *code;
    }
    std::optional<identity::CccdIdentity> qr;
    if (auto code = readQrIdentity(o, err, qr)) {
        return *code;
    }
    auto key = emrtd::chooseAccessKey(
        {.can = o.can, .id = o.id, .mrz = o.mrz, .document = o.doc, .dob = o.dob, .expiry = o.expiry, .qr = qr});
    if (!key) {
        return keyProblem(err, key.error());
    }
    Result<emrtd::ChipReadResult> result = readChip(o, *key, qr, err);
    if (!result) {
        if (result.error().code == ErrorCode::Cancelled) {
            err << "da06: the reading was cancelled\n";
            return kExitFailure;
        }
        return fail(err, result.error());
    }
    if (auto code = writePhoto(o, *result, err)) {
        return *code;
    }
    return printResult(o, *result, out);
}

} // namespace da06::cli
