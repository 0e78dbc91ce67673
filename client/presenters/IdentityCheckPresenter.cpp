#include "client/presenters/IdentityCheckPresenter.h"

#include <algorithm>

#include "client/presenters/Translate.h"
#include "domain/identity/CccdNormalize.h"

namespace da06::ui {

namespace {

using identity::CheckKind;
using identity::CheckStatus;
using identity::Problem;

const char* checkLabel(CheckKind k)
{
    switch (k) {
    case CheckKind::Payload:
        return N_("QR code");
    case CheckKind::Diacritics:
        return N_("Diacritics");
    case CheckKind::IdNumber:
        return N_("Card number");
    case CheckKind::Province:
        return N_("Province code");
    case CheckKind::Sex:
        return N_("Sex");
    case CheckKind::BirthYear:
        return N_("Year of birth");
    case CheckKind::DateOfBirth:
        return N_("Date of birth");
    case CheckKind::IssueDate:
        return N_("Issue date");
    case CheckKind::Expiry:
        return N_("Validity");
    case CheckKind::OldIdNumber:
        return N_("Old ID number");
    }
    return "";
}

CheckMark markOf(CheckStatus s)
{
    switch (s) {
    case CheckStatus::Pass:
        return CheckMark::Pass;
    case CheckStatus::Warn:
        return CheckMark::Warn;
    case CheckStatus::Fail:
        return CheckMark::Fail;
    case CheckStatus::Skipped:
        return CheckMark::Skipped;
    }
    return CheckMark::Skipped;
}

std::string dateText(const std::optional<Date>& d, const std::string& raw)
{
    return d ? d->toVietnamese() : raw;
}

bool scannerLosesText(const identity::CccdReport& r)
{
    return std::any_of(r.findings.begin(), r.findings.end(), [](const identity::Finding& f) {
        return f.problem == Problem::DiacriticsLost || f.problem == Problem::SeparatorLost;
    });
}

void addOnce(std::vector<std::string>& steps, const std::string& s)
{
    if (!s.empty() && std::find(steps.begin(), steps.end(), s) == steps.end()) {
        steps.push_back(s);
    }
}

} // namespace

std::string IdentityCheckPresenter::verdictText(Verdict v)
{
    switch (v) {
    case Verdict::Valid:
        return tr("Valid");
    case Verdict::Warning:
        return tr("Warning");
    case Verdict::Invalid:
        return tr("Invalid");
    }
    return "";
}

Verdict IdentityCheckPresenter::verdictOf(const identity::CccdReport& r)
{
    if (!r.valid()) {
        return Verdict::Invalid;
    }
    return r.hasWarnings() ? Verdict::Warning : Verdict::Valid;
}

IdentityCheckCard IdentityCheckPresenter::cardFor(const identity::CccdReport& r, const std::string& source)
{
    IdentityCheckCard card;
    card.verdict = verdictOf(r);
    card.verdictText = verdictText(card.verdict);
    card.source = source;
    const identity::CccdIdentity& id = r.identity;

    auto field = [&](const char* label, const std::string& value) {
        if (!value.empty()) {
            card.fields.push_back({tr(label), value});
        }
    };
    if (r.isCccd) {
        field(N_("Card number"), id.idNumber);
        field(N_("Old ID number"), id.oldIdNumber);
        field(N_("Full name"), id.fullName);
        field(N_("Date of birth"), dateText(id.dateOfBirth, id.dateOfBirthText));
        field(N_("Sex"), id.sexText);
        field(N_("Permanent residence"), id.address);
        field(N_("Issue date"), dateText(id.issueDate, id.issueDateText));
        if (!r.provinceCode.empty()) {
            field(N_("Birth registered in"), r.province ? std::string(r.province->name) + " (" + r.provinceCode + ")"
                                                        : r.provinceCode + " (" + tr("unknown code") + ")");
        }
        for (std::size_t i = 0; i < id.extraFields.size(); ++i) {
            if (!id.extraFields[i].empty()) {
                card.fields.push_back({format1(tr("Extra field %s"), std::to_string(i + 1)), id.extraFields[i]});
            }
        }
    }

    for (const identity::CheckItem& item : r.checks) {
        if (!r.isCccd && item.kind != CheckKind::Payload) {
            continue; // nothing else was checked
        }
        IdentityCheckRow row;
        row.mark = markOf(item.status);
        row.label = tr(checkLabel(item.kind));
        if (item.findings.empty()) {
            row.message = item.summary.text(&tr);
        } else {
            for (const identity::Finding& f : item.findings) {
                row.message += (row.message.empty() ? "" : " ") + f.message().text(&tr);
            }
        }
        card.checks.push_back(std::move(row));
    }

    if (r.expiry && r.expiry->expires) {
        card.expiryText = format1(r.expired && *r.expired ? tr("Expired on %s") : tr("Valid until %s"),
                                  r.expiry->date.toVietnamese());
    } else if (r.expiry) {
        card.expiryText = tr("Valid for life (issued at 58 or later)");
    } else {
        card.expiryText = tr("Unknown");
    }

    // What to do: the advice of the errors first, then of the warnings, then the usual last look.
    for (const bool errors : {true, false}) {
        for (const identity::Finding& f : r.findings) {
            if (f.isError() == errors && f.info().advice[0] != '\0') {
                addOnce(card.nextSteps, tr(f.info().advice));
            }
        }
    }
    if (card.verdict != Verdict::Invalid) {
        addOnce(card.nextSteps, tr("Compare the photo on the card with the citizen before going on."));
    }
    return card;
}

void IdentityCheckPresenter::checkTexts(const std::vector<std::string>& texts, InputSource source,
                                        const std::string& label)
{
    const Date today = m_clock.today();
    m_reports.clear();
    m_cards.clear();
    bool advice = false;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        identity::CccdReport report = identity::checkQrText(texts[i], today);
        std::string where = label;
        if (source == InputSource::ImageFile && texts.size() > 1) {
            where = identity::fillPattern(tr("%s: code %s of %s"),
                                          {label, std::to_string(i + 1), std::to_string(texts.size())});
        }
        advice = advice || scannerLosesText(report);
        m_cards.push_back(cardFor(report, where));
        m_reports.push_back(std::move(report));
    }
    m_view.showCards(m_cards);
    if (advice) {
        m_view.showScannerAdvice(tr(identity::problemInfo(Problem::DiacriticsLost).advice));
    }
}

void IdentityCheckPresenter::checkSerialScan(std::string_view text)
{
    checkTexts({std::string(text)}, InputSource::SerialScanner, tr("Serial scanner"));
}

void IdentityCheckPresenter::checkPastedText(std::string_view text)
{
    // A paste may carry several lines (several codes copied from a report): one check each.
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find_first_of("\r\n", start);
        const std::string_view line =
            text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (line.find_first_not_of(" \t") != std::string_view::npos) {
            lines.emplace_back(line);
        }
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    if (lines.empty()) {
        m_view.showProblem(tr("There is nothing to check: paste the text of the QR code."));
        return;
    }
    checkTexts(lines, InputSource::Pasted, tr("Pasted text"));
}

void IdentityCheckPresenter::checkImageFile(const std::filesystem::path& path)
{
    if (!m_decoder) {
        m_view.showProblem(tr("Images cannot be read here."));
        return;
    }
    showImageResult(path, m_decoder(path));
}

void IdentityCheckPresenter::showImageResult(const std::filesystem::path& path,
                                             const Result<std::vector<std::string>>& codes)
{
    if (!codes) {
        m_view.showProblem(identity::fillPattern(tr("The image cannot be read (%s). Choose a PNG, JPEG or BMP file."),
                                                 {codes.error().message}));
        return;
    }
    if (codes->empty()) {
        m_reports.clear();
        m_cards.clear();
        m_view.showCards(m_cards);
        m_view.showProblem(tr("No QR code was found in the image. Take the picture again closer to the card, in good "
                              "light, with the whole QR code sharp and flat."));
        return;
    }
    checkTexts(*codes, InputSource::ImageFile, identity::fillPattern(tr("Image %s"), {path.filename().string()}));
}

void IdentityCheckPresenter::keyTyped(std::string_view utf8, ScanBurst::Clock::time_point t)
{
    m_burst.key(utf8, t);
}

void IdentityCheckPresenter::backspaceTyped(ScanBurst::Clock::time_point t)
{
    m_burst.backspace(t);
}

void IdentityCheckPresenter::enterPressed(ScanBurst::Clock::time_point t)
{
    const ScanBurst::Line line = m_burst.enter(t);
    if (line.text.find_first_not_of(" \t") == std::string::npos) {
        return;
    }
    if (line.fromScanner) {
        checkTexts({line.text}, InputSource::KeyboardScanner, tr("Keyboard scanner"));
    } else {
        checkTexts({line.text}, InputSource::Typed, tr("Typed text"));
    }
}

void IdentityCheckPresenter::clear()
{
    m_reports.clear();
    m_cards.clear();
    m_burst.reset();
    m_view.clearAll();
}

} // namespace da06::ui
