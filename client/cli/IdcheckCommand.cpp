#include "client/cli/IdcheckCommand.h"

#include <charconv>
#include <chrono>
#include <iostream>
#include <iterator>
#include <optional>
#include <ostream>

#include "client/cli/ChipCommand.h"
#include "client/readers/QrImageReader.h"
#include "client/readers/SerialPort.h"
#include "domain/core/Clock.h"
#include "domain/core/Json.h"
#include "domain/identity/CccdJson.h"
#include "domain/identity/CccdNormalize.h"

namespace da06::cli {

const char* const kIdcheckUsage =
    "  idcheck qr (--image FILE | --text PAYLOAD | --text - | --serial DEVICE [--baud N] [--timeout S])\n"
    "             [--as-of DATE] [--json]\n"
    "                                   check the QR code of citizen identity cards (CCCD): every code in an\n"
    "                                   image (PNG, JPEG, BMP), a payload (\"-\": read from standard input,\n"
    "                                   which keeps it out of the process list), or one scan from a serial\n"
    "                                   scanner in USB-COM mode (default 9600 baud, 30 s); the card's expiry\n"
    "                                   on DATE (YYYY-MM-DD, default today). Needs no store. Exit codes: 0 a\n"
    "                                   valid identity, 5 none valid, 6 no QR code found.\n";

namespace {

constexpr int kExitFailure = 1, kExitUsage = 2, kExitNotFound = 4;

int usage(std::ostream& err, const std::string& why)
{
    err << "da06: " << why
        << "\nusage: da06 idcheck qr (--image FILE | --text PAYLOAD | --serial DEVICE [--baud N]) "
           "[--as-of DATE] [--json]\n";
    return kExitUsage;
}

int exitFor(const Error& e)
{
    switch (e.code) {
    case ErrorCode::Usage:
        return kExitUsage;
    case ErrorCode::NotFound:
        return kExitNotFound;
    case ErrorCode::InvalidInput:
        return kExitIdInvalid;
    default:
        return kExitFailure;
    }
}

std::optional<int> toInt(const std::string& s)
{
    int v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) {
        return std::nullopt;
    }
    return v;
}

std::optional<Date> parseAsOf(const std::string& s)
{
    if (auto d = Date::parseIso(s)) {
        return d;
    }
    return identity::parseCardDate(s); // dd/mm/yyyy or ddmmyyyy
}

const char* statusWord(identity::CheckStatus s)
{
    switch (s) {
    case identity::CheckStatus::Pass:
        return "[đạt]     ";
    case identity::CheckStatus::Warn:
        return "[cảnh báo]";
    case identity::CheckStatus::Fail:
        return "[lỗi]     ";
    case identity::CheckStatus::Skipped:
        return "[bỏ qua]  ";
    }
    return "";
}

const char* checkLabel(identity::CheckKind k)
{
    switch (k) {
    case identity::CheckKind::Payload:
        return "Mã QR";
    case identity::CheckKind::Diacritics:
        return "Dấu tiếng Việt";
    case identity::CheckKind::IdNumber:
        return "Số CCCD";
    case identity::CheckKind::Province:
        return "Mã tỉnh";
    case identity::CheckKind::Sex:
        return "Giới tính";
    case identity::CheckKind::BirthYear:
        return "Năm sinh";
    case identity::CheckKind::DateOfBirth:
        return "Ngày sinh";
    case identity::CheckKind::IssueDate:
        return "Ngày cấp";
    case identity::CheckKind::Expiry:
        return "Thời hạn";
    case identity::CheckKind::OldIdNumber:
        return "Số CMND cũ";
    }
    return "";
}

void printHuman(std::ostream& out, const identity::CccdReport& r, std::size_t index, std::size_t count)
{
    const identity::CccdIdentity& id = r.identity;
    const char* verdict = !r.valid()        ? "KHÔNG HỢP LỆ (invalid)"
                          : r.hasWarnings() ? "CẢNH BÁO (warning)"
                                            : "HỢP LỆ (valid)";
    out << "Mã QR " << index << "/" << count << ": " << verdict << "\n";
    auto line = [&](const char* label, const std::string& value) {
        if (!value.empty()) {
            out << "  " << label << ": " << value << "\n";
        }
    };
    if (r.isCccd) {
        line("Số CCCD", id.idNumber);
        line("Số CMND cũ", id.oldIdNumber);
        line("Họ và tên", id.fullName);
        line("Ngày sinh", id.dateOfBirth ? id.dateOfBirth->toVietnamese() : id.dateOfBirthText);
        line("Giới tính", id.sexText);
        line("Nơi thường trú", id.address);
        line("Ngày cấp", id.issueDate ? id.issueDate->toVietnamese() : id.issueDateText);
        if (r.expiry) {
            line("Có giá trị đến",
                 r.expiry->expires ? r.expiry->date.toVietnamese() + (r.expired && *r.expired ? " (đã hết hạn)" : "")
                                   : std::string("không thời hạn"));
        }
        if (!r.provinceCode.empty()) {
            line("Nơi đăng ký khai sinh", (r.province ? std::string(r.province->name) : std::string("mã không rõ")) +
                                              " (" + r.provinceCode + ")");
        }
        for (std::size_t i = 0; i < id.extraFields.size(); ++i) {
            if (!id.extraFields[i].empty()) {
                line(("Trường bổ sung " + std::to_string(i + 1)).c_str(), id.extraFields[i]);
            }
        }
    }
    out << "  Kiểm tra (ngày kiểm tra " << r.asOf.toVietnamese() << "):\n";
    for (const identity::CheckItem& c : r.checks) {
        if (!r.isCccd && c.kind != identity::CheckKind::Payload) {
            continue;
        }
        out << "    " << statusWord(c.status) << " " << checkLabel(c.kind) << ": ";
        if (c.findings.empty()) {
            out << c.summary.text();
        } else {
            for (std::size_t i = 0; i < c.findings.size(); ++i) {
                out << (i ? " " : "") << c.findings[i].message().text() << " [" << c.findings[i].code() << "]";
            }
        }
        out << "\n";
    }
}

// The options of `idcheck qr`, as given (the values are checked by checkQrOptions).
struct QrOptions {
    std::optional<std::string> image, text, serial, baudText, timeoutText, asOfText;
    bool json = false;
    Date asOf;                        // --as-of, else today
    int baud = readers::kDefaultBaud; // --baud, with --serial
    int timeout = 30;                 // --timeout in seconds, with --serial
};

// Reads the words of args into o; an exit code when one is unknown, given twice or without its value.
std::optional<int> readQrArgs(const std::vector<std::string>& args, std::ostream& err, QrOptions& o)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::optional<std::string>& into) -> bool {
            if (into) {
                return false; // given twice
            }
            if (i + 1 >= args.size()) {
                return false;
            }
            into = args[++i];
            return true;
        };
        bool ok = true;
        if (a == "--json") {
            o.json = true;
        } else if (a == "--image") {
            ok = value(o.image);
        } else if (a == "--text") {
            ok = value(o.text);
        } else if (a == "--serial") {
            ok = value(o.serial);
        } else if (a == "--baud") {
            ok = value(o.baudText);
        } else if (a == "--timeout") {
            ok = value(o.timeoutText);
        } else if (a == "--as-of") {
            ok = value(o.asOfText);
        } else {
            return usage(err, "unknown option \"" + a + "\"");
        }
        if (!ok) {
            return usage(err, a + " needs one value");
        }
    }
    return std::nullopt;
}

// Checks the options read by readQrArgs and fills in the date, the baud rate and the timeout;
// an exit code on the first problem.
std::optional<int> checkQrOptions(QrOptions& o, std::ostream& err, const Date& today)
{
    const int sources = (o.image ? 1 : 0) + (o.text ? 1 : 0) + (o.serial ? 1 : 0);
    if (sources != 1) {
        return usage(err, "give exactly one of --image, --text and --serial");
    }
    if ((o.baudText || o.timeoutText) && !o.serial) {
        return usage(err, "--baud and --timeout go with --serial");
    }
    o.asOf = today;
    if (o.asOfText) {
        auto d = parseAsOf(*o.asOfText);
        if (!d) {
            return usage(err, "--as-of needs a date like 2024-06-30");
        }
        o.asOf = *d;
    }
    if (o.baudText) {
        const auto b = toInt(*o.baudText);
        if (!b || !readers::isSupportedBaud(*b)) {
            return usage(err, "--baud needs a rate such as 9600 or 115200");
        }
        o.baud = *b;
    }
    if (o.timeoutText) {
        const auto t = toInt(*o.timeoutText);
        if (!t || *t <= 0 || *t > 3600) {
            return usage(err, "--timeout needs a number of seconds (1 to 3600)");
        }
        o.timeout = *t;
    }
    return std::nullopt;
}

// The payloads of every QR code in the image; an exit code when it cannot be read or has none.
std::optional<int> readImagePayloads(const QrOptions& o, std::ostream& out, std::ostream& err,
                                     std::vector<std::string>& payloads)
{
    auto codes = readers::readQrCodesFromFile(*o.image);
    if (!codes) {
        err << "da06: " << codes.error().message << "\n";
        return exitFor(codes.error());
    }
    for (auto& c : *codes) {
        payloads.push_back(std::move(c.text));
    }
    if (payloads.empty()) {
        if (o.json) {
            out << "[]\n";
        }
        err << "da06: no QR code was found in " << *o.image
            << " (take the picture closer to the card, in good light, with the whole code sharp)\n";
        return kExitNoQrCode;
    }
    return std::nullopt;
}

// The payload of one scan on the serial scanner; an exit code when the port fails or no scan arrives.
std::optional<int> readSerialPayload(const QrOptions& o, std::ostream& out, std::ostream& err,
                                     std::vector<std::string>& payloads)
{
    auto port = readers::openSerialPort(*o.serial, o.baud);
    if (!port) {
        err << "da06: " << port.error().message << "\n";
        return exitFor(port.error());
    }
    if (!o.json) {
        err << "Waiting " << o.timeout << " s for a scan on " << *o.serial << "…\n";
    }
    auto scan = (*port)->readScan(std::chrono::seconds(o.timeout));
    if (!scan) {
        err << "da06: " << scan.error().message << "\n";
        return exitFor(scan.error());
    }
    if (!*scan) {
        if (o.json) {
            out << "[]\n";
        }
        err << "da06: no scan arrived on " << *o.serial << " within " << o.timeout << " s\n";
        return kExitNoQrCode;
    }
    payloads.push_back(std::move(**scan));
    return std::nullopt;
}

// The payloads from the one source the options name; an exit code when there are none.
std::optional<int> readPayloads(const QrOptions& o, std::ostream& out, std::ostream& err,
                                std::vector<std::string>& payloads)
{
    if (o.image) {
        return readImagePayloads(o, out, err, payloads);
    }
    if (o.text) {
        payloads.push_back(*o.text == "-" ? readPayloadFromStdin() : *o.text);
        return std::nullopt;
    }
    return readSerialPayload(o, out, err, payloads);
}

// Checks every payload and prints the reports (a JSON array, or text); 0 when one is valid.
int checkPayloads(const std::vector<std::string>& payloads, const QrOptions& o, std::ostream& out)
{
    bool anyValid = false;
    json::Value arr = json::Array{};
    for (std::size_t i = 0; i < payloads.size(); ++i) {
        const identity::CccdReport report = identity::checkQrText(payloads[i], o.asOf);
        anyValid = anyValid || report.valid();
        if (o.json) {
            arr.push(identity::cccdReportToJson(report));
        } else {
            if (i > 0) {
                out << "\n";
            }
            printHuman(out, report, i + 1, payloads.size());
        }
    }
    if (o.json) {
        out << arr.dump(2) << "\n";
    }
    return anyValid ? 0 : kExitIdInvalid;
}

// `idcheck qr …`: args is what follows "qr".
int runIdcheckQr(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const Date& today)
{
    QrOptions o;
    if (auto code = readQrArgs(args, err, o)) {
        return *code;
    }
    if (auto code = checkQrOptions(o, err, today)) {
        return *code;
    }
    std::vector<std::string> payloads;
    if (auto code = readPayloads(o, out, err, payloads)) {
        return *code;
    }
    return checkPayloads(payloads, o, out);
}

} // namespace

std::string readPayloadFromStdin()
{
    std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    while (!all.empty() && (all.back() == '\n' || all.back() == '\r')) {
        all.pop_back();
    }
    return all;
}

int runIdcheck(std::vector<std::string> args, std::ostream& out, std::ostream& err, const Date& today)
{
    if (!args.empty() && args.front() == "chip") {
        args.erase(args.begin());
        return runIdcheckChip(std::move(args), out, err, today);
    }
    if (args.empty() || args.front() != "qr") {
        return usage(err, args.empty() ? "idcheck needs a subcommand"
                                       : "unknown idcheck subcommand \"" + args.front() + "\"");
    }
    args.erase(args.begin());
    return runIdcheckQr(args, out, err, today);
}

} // namespace da06::cli
