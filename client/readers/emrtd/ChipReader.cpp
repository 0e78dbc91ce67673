#include "client/readers/emrtd/ChipReader.h"

#include "domain/identity/CardExpiry.h"

namespace da06::emrtd {

namespace {

std::string yymmdd(const Date& d)
{
    auto two = [](int v) {
        return std::string(1, static_cast<char>('0' + v / 10 % 10)) + static_cast<char>('0' + v % 10);
    };
    return two(d.year % 100) + two(d.month) + two(d.day);
}

KeyChoice rejected(Result<AccessKey> key)
{
    if (key) {
        return std::move(*key);
    }
    return std::unexpected(KeyProblem{KeyProblem::Kind::Rejected, key.error().message});
}

} // namespace

KeyChoice chooseAccessKey(const KeyRequest& r)
{
    const int keys = (r.id ? 1 : 0) + (r.can ? 1 : 0) + (r.mrz ? 1 : 0) + (r.document ? 1 : 0);
    if (keys > 1) {
        return std::unexpected(KeyProblem{KeyProblem::Kind::SeveralKeys, "give only one key"});
    }
    if (r.can) {
        return rejected(AccessKey::fromCan(*r.can));
    }
    if (r.mrz) {
        return rejected(AccessKey::fromMrz(*r.mrz));
    }
    if (r.document) {
        if (!r.dob || !r.expiry) {
            return std::unexpected(KeyProblem{KeyProblem::Kind::DocumentWithoutDates,
                                              "the document number needs the date of birth and the expiry"});
        }
        return rejected(AccessKey::fromDocument(*r.document, *r.dob, *r.expiry));
    }
    // The 12-digit number: typed, or from the QR code (the clerk never types what the QR gave).
    const auto& qr = r.qr;
    const std::string number = r.id.value_or(qr ? qr->idNumber : "");
    if (number.empty()) {
        return std::unexpected(KeyProblem{KeyProblem::Kind::NoKey, "no key for the chip"});
    }
    std::string dobText = r.dob.value_or(""), expiryText = r.expiry.value_or("");
    if (qr && qr->idNumber == number && qr->dateOfBirth) {
        if (dobText.empty()) {
            dobText = yymmdd(*qr->dateOfBirth);
        }
        if (expiryText.empty() && qr->issueDate) {
            if (auto e = identity::computeCardExpiry(*qr->dateOfBirth, *qr->issueDate); e && e->expires) {
                expiryText = yymmdd(e->date);
            }
        }
    }
    return rejected((!dobText.empty() && !expiryText.empty())
                        ? AccessKey::fromId12(number, dobText, expiryText)
                        : AccessKey::fromCan(number.size() >= 6 ? number.substr(number.size() - 6) : number));
}

Result<ChipReadResult> readChipWithRetry(const CardOpener& open, const AccessKey& key, const ReadOptions& options,
                                         const Progress& progress, const CancelToken& cancel, const OpenedHook& opened)
{
    // A card reset by another program: the transaction is retried once on a fresh connection.
    Result<ChipReadResult> result = fail(ErrorCode::Internal, "not read");
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto channel = open();
        if (!channel) {
            return std::unexpected(channel.error());
        }
        if (opened) {
            opened(attempt);
        }
        result = readChip(**channel, key, options, progress, cancel);
        if (result || result.error().code != ErrorCode::CardReset) {
            break;
        }
    }
    return result;
}

} // namespace da06::emrtd
