#include "client/presenters/ChipCheckPresenter.h"

#include "client/presenters/ReaderStatus.h"
#include "client/presenters/Translate.h"
#include "client/readers/emrtd/ChipResultJson.h"
#include "domain/identity/CccdNormalize.h"
#include "domain/text/Text.h"

namespace da06::ui {

namespace {

std::string str(const json::Value* o, const char* key)
{
    if (!o) {
        return {};
    }
    const json::Value* v = o->find(key);
    return v && v->isString() ? v->asString() : std::string();
}

std::string result(const json::Value& root, const char* key)
{
    return str(root.find(key), "result");
}

std::string reason(const json::Value& root, const char* key)
{
    return str(root.find(key), "reason");
}

// "Nguyễn Văn An" and "NGUYỄN VĂN AN" are the same name; so are extra spaces. A different tone
// mark is a difference.
std::string comparable(const std::string& s)
{
    return text::caseFold(s);
}

// QR dates are ddmmyyyy, chip dates dd/mm/yyyy: compare the digits.
std::string digits(const std::string& s)
{
    std::string d;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            d += c;
        }
    }
    return d;
}

IdentityCheckRow verification(const std::string& res, const std::string& why, const char* label, const char* passed,
                              const char* failed, const char* other)
{
    IdentityCheckRow row;
    row.label = tr(label);
    if (res == "verified" || res == "passed") {
        row.mark = CheckMark::Pass;
        row.message = tr(passed);
    } else if (res == "failed") {
        row.mark = CheckMark::Fail;
        row.message = tr(failed) + (why.empty() ? "" : " (" + why + ")");
    } else {
        row.mark = res == "unverified" ? CheckMark::Warn : CheckMark::Skipped;
        row.message = tr(other) + (why.empty() ? "" : " (" + why + ")");
    }
    return row;
}

} // namespace

std::string canFromQr(const identity::CccdIdentity& qr)
{
    const std::string d = digits(qr.idNumber);
    return d.size() == 12 ? d.substr(6) : std::string();
}

std::string chipStepText(const std::string& step, std::size_t done, std::size_t total)
{
    std::string label;
    if (step == "card_access" || step == "select") {
        label = tr("Opening the chip");
    } else if (step == "pace") {
        label = tr("Unlocking the chip with the card number (PACE)");
    } else if (step == "bac") {
        label = tr("Unlocking the chip with the MRZ data (BAC)");
    } else if (step == "dg1") {
        label = tr("Reading the MRZ (DG1)");
    } else if (step == "dg2") {
        label = tr("Reading the photo (DG2)");
    } else if (step == "dg13") {
        label = tr("Reading the personal data (DG13)");
    } else if (step == "dg14" || step == "dg15" || step == "com" || step == "ef_com") {
        label = tr("Reading the security data");
    } else if (step == "sod") {
        label = tr("Reading the signature of the data (SOD)");
    } else if (step == "chip_authentication" || step == "active_authentication") {
        label = tr("Checking that the chip is genuine");
    } else if (step == "passive_authentication") {
        label = tr("Checking the issuer's signature");
    } else {
        label = tr("Reading the chip");
    }
    if (total > 0) {
        return label + "… " + std::to_string(done * 100 / total) + "%";
    }
    return label + "…";
}

ChipCheckCard makeChipCard(const json::Value& root, const std::optional<identity::CccdIdentity>& qr)
{
    ChipCheckCard card;
    const json::Value* dg13 = root.find("dg13");
    auto field = [&](const char* label, const char* key) {
        const std::string v = str(dg13, key);
        if (!v.empty()) {
            card.fields.push_back({tr(label), v});
        }
    };
    field(N_("Card number"), "id_number");
    field(N_("Full name"), "full_name");
    field(N_("Date of birth"), "date_of_birth");
    field(N_("Sex"), "sex");
    field(N_("Nationality"), "nationality");
    field(N_("Ethnicity"), "ethnicity");
    field(N_("Religion"), "religion");
    field(N_("Place of origin"), "place_of_origin");
    field(N_("Place of residence"), "place_of_residence");
    field(N_("Identifying features"), "identifying_features");
    field(N_("Date of issue"), "issue_date");
    field(N_("Valid until"), "expiry_date");
    field(N_("Father"), "father_name");
    field(N_("Mother"), "mother_name");
    field(N_("Spouse"), "spouse_name");
    field(N_("Old ID number"), "old_id_number");

    const std::string pa = result(root, "passive_authentication");
    const std::string ca = result(root, "chip_authentication");
    const std::string aa = result(root, "active_authentication");
    card.verifications.push_back(
        verification(pa, reason(root, "passive_authentication"), N_("Issuer's signature"),
                     N_("The data was signed by the issuing authority and has not been changed."),
                     N_("The data on the chip does not match the issuer's signature: it may have been altered."),
                     N_("Not verified: no trusted certificate of the issuer is configured.")));
    card.verifications.push_back(verification(ca, reason(root, "chip_authentication"), N_("Genuine chip"),
                                              N_("The chip proved it holds its secret key: it is not a copy."),
                                              N_("The chip could not prove it holds its key: it may be a cloned chip."),
                                              N_("This chip does not offer chip authentication.")));
    card.verifications.push_back(
        verification(aa, reason(root, "active_authentication"), N_("Active authentication"),
                     N_("The chip signed a random challenge with its key."),
                     N_("The chip's signature of the challenge is wrong: it may be a cloned chip."),
                     N_("This chip does not offer active authentication.")));

    bool crossError = false;
    if (const json::Value* cc = root.find("cross_check"); cc && cc->isArray()) {
        for (const auto& f : cc->asArray()) {
            IdentityCheckRow row;
            const bool error = str(&f, "severity") == "error";
            crossError = crossError || error;
            row.mark = error ? CheckMark::Fail : CheckMark::Warn;
            row.label = tr("Cross-check");
            row.message = str(&f, "message");
            card.crossChecks.push_back(row);
        }
    }

    // The chip and the QR code side by side (when the QR code is of the same card).
    if (qr && digits(qr->idNumber) == digits(str(dg13, "id_number"))) {
        auto compare = [&](const char* label, const std::string& chip, const std::string& fromQr, bool dates) {
            const bool differs = dates ? digits(chip) != digits(fromQr) : comparable(chip) != comparable(fromQr);
            card.comparison.push_back({tr(label), chip, fromQr, differs});
        };
        compare(N_("Card number"), str(dg13, "id_number"), qr->idNumber, false);
        compare(N_("Full name"), str(dg13, "full_name"), qr->fullName, false);
        compare(N_("Date of birth"), str(dg13, "date_of_birth"), qr->dateOfBirthText, true);
        compare(N_("Sex"), str(dg13, "sex"), qr->sexText, false);
        compare(N_("Place of residence"), str(dg13, "place_of_residence"), qr->address, false);
        compare(N_("Date of issue"), str(dg13, "issue_date"), qr->issueDateText, true);
        compare(N_("Old ID number"), str(dg13, "old_id_number"), qr->oldIdNumber, false);
    }
    bool differs = false;
    for (const auto& c : card.comparison) {
        differs = differs || c.differs;
    }

    if (const json::Value* photo = root.find("photo"); photo && photo->isObject()) {
        const std::string format = str(photo, "format");
        const json::Value* w = photo->find("width");
        const json::Value* h = photo->find("height");
        card.photoText = (format == "jpeg" ? std::string("JPEG") : std::string("JPEG 2000"));
        if (w && h && w->isInteger() && h->isInteger()) {
            card.photoText += ", " + std::to_string(w->asInteger()) + " × " + std::to_string(h->asInteger());
        }
        if (const std::string err = str(photo, "error"); !err.empty()) {
            card.photoText = tr("The photo on the chip cannot be shown:") + " " + err;
        }
    } else {
        card.photoText = tr("The chip holds no photo.");
    }

    const json::Value* apdus = root.find("apdu_count");
    card.accessText =
        format1(tr("Read with %s"), str(&root, "access")) +
        (apdus && apdus->isInteger() ? ", " + format1(tr("%s commands"), std::to_string(apdus->asInteger())) : "");

    const bool failed = pa == "failed" || ca == "failed" || aa == "failed";
    if (failed || crossError) {
        card.verdict = Verdict::Invalid;
        card.verdictText = tr("Do not accept");
        card.nextSteps.push_back(tr("Do not accept the card. Keep it if the rules of your office say so, and report it "
                                    "to the police of the ward."));
    } else if (pa != "verified" || differs || !card.crossChecks.empty()) {
        card.verdict = Verdict::Warning;
        card.verdictText = tr("Check by eye");
        if (pa != "verified") {
            card.nextSteps.push_back(tr("The issuer's signature could not be verified here: compare the photo with the "
                                        "person and the printed card."));
        }
        if (differs) {
            card.nextSteps.push_back(tr("The chip and the QR code differ (marked below): the chip is authoritative; "
                                        "ask the citizen about the difference."));
        }
    } else {
        card.verdict = Verdict::Valid;
        card.verdictText = tr("Genuine card");
        card.nextSteps.push_back(tr("Compare the photo with the person in front of you."));
    }
    return card;
}

// ---- The reading ---------------------------------------------------------------------------------

struct ChipReadJob::State {
    std::shared_ptr<emrtd::ChipReaderPort> reader;
    std::shared_ptr<emrtd::CancelToken> cancel;
    emrtd::AccessKey key;
    emrtd::ReadOptions options;
    std::optional<identity::CccdIdentity> qr;
};

ChipReadOutcome ChipReadJob::run(const ProgressSink& sink) const
{
    const State& s = *m_state;
    // Progress: at most one update per step and per tenth of the step's bytes (the reader's pace).
    emrtd::Progress progress([&sink](const emrtd::ProgressEvent& e) {
        if (sink) {
            sink({e.total ? static_cast<int>(e.done * 100 / e.total) : 0, chipStepText(e.step, e.done, e.total)});
        }
    });
    ChipReadOutcome outcome;
    auto result = s.reader->read(s.key, s.options, progress, *s.cancel);
    if (!result) {
        const ReaderMessage m = readerErrorMessage(result.error());
        outcome.problem = m.title + "\n" + m.advice;
        return outcome;
    }
    outcome.ok = true;
    outcome.card = makeChipCard(emrtd::chipResultToJson(*result, &tr), s.qr);
    // The check is recorded from the JSON `da06 idcheck chip --json` prints (untranslated).
    outcome.record = emrtd::chipResultToJson(*result);
    if (result->facePixels && result->facePixels->width > 0) {
        outcome.photo = std::move(result->facePixels);
    }
    return outcome;
}

ChipCheckPresenter::ChipCheckPresenter(ChipCheckView& view, const Clock& clock,
                                       std::shared_ptr<emrtd::ChipReaderPort> reader, std::string trustFolder)
    : m_view(view), m_clock(clock), m_reader(std::move(reader)), m_trustFolder(std::move(trustFolder))
{
}

std::optional<ChipReadJob> ChipCheckPresenter::start(const std::string& typedText,
                                                     const std::vector<identity::CccdReport>& reports)
{
    if (m_busy) {
        return std::nullopt;
    }
    // The key: typed (12 digits or the 6-digit CAN), else from the last QR scan. With the QR's
    // date of birth and issue date, BAC is possible too (the clerk types nothing else).
    std::optional<identity::CccdIdentity> qr;
    for (const auto& r : reports) {
        if (r.isCccd) {
            qr = r.identity;
            break;
        }
    }
    std::string typed = typedText;
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!typed.empty() && space(typed.back())) {
        typed.pop_back();
    }
    std::size_t lead = 0;
    while (lead < typed.size() && space(typed[lead])) {
        ++lead;
    }
    typed.erase(0, lead);
    if (typed.empty() && qr) {
        typed = qr->idNumber;
        m_view.showChipKey(canFromQr(*qr));
    }
    emrtd::KeyRequest request;
    if (typed.size() == 12) {
        request.id = typed; // with the QR code of the same number: its dates for BAC
    } else {
        request.can = typed;
    }
    request.qr = qr;
    auto key = emrtd::chooseAccessKey(request);
    if (!key) {
        m_view.showChipKeyProblem(tr("Type the 12-digit card number or the 6-digit CAN (the last 6 digits of the "
                                     "number), or scan the QR code first."));
        return std::nullopt;
    }
    m_busy = true;
    m_cancel = std::make_shared<emrtd::CancelToken>();
    m_view.showChipStarted();
    m_view.showChipProgress({0, chipStepText("select", 0, 0)});

    ChipReadJob job;
    job.m_state = std::make_shared<ChipReadJob::State>(ChipReadJob::State{m_reader, m_cancel, std::move(*key), {}, qr});
    auto& options = job.m_state->options;
    options.trustFolder = m_trustFolder;
    options.qr = qr;
    options.asOf = m_clock.today();
    options.normalizeText = [](std::string_view s) { return identity::normalizeQrText(s); };
    return job;
}

void ChipCheckPresenter::progress(const ChipProgress& p)
{
    if (m_busy) {
        m_view.showChipProgress(p);
    }
}

void ChipCheckPresenter::finish(const ChipReadOutcome& outcome)
{
    m_busy = false;
    m_view.showChipFinished(outcome.ok, outcome.problem);
    if (outcome.ok) {
        m_view.showChipResult(outcome);
    }
}

void ChipCheckPresenter::cancel()
{
    if (m_cancel) {
        m_cancel->cancel();
    }
}

} // namespace da06::ui
