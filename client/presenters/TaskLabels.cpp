#include "client/presenters/TaskLabels.h"

#include "client/presenters/StartupPresenter.h"
#include "client/presenters/Translate.h"
#include "domain/text/Text.h"

namespace da06::ui {

std::string taskStatusLabel(work::TaskStatus s)
{
    switch (s) {
    case work::TaskStatus::NotStarted:
        return tr("Not started");
    case work::TaskStatus::InProgress:
        return tr("In progress");
    case work::TaskStatus::Done:
        return tr("Done");
    case work::TaskStatus::Blocked:
        return tr("Blocked");
    case work::TaskStatus::Cancelled:
        return tr("Cancelled");
    }
    return "";
}

std::string deadlineStateLabel(work::DeadlineState s)
{
    switch (s) {
    case work::DeadlineState::NoDeadline:
        return tr("No deadline");
    case work::DeadlineState::OnTrack:
        return tr("On track");
    case work::DeadlineState::AtRisk:
        return tr("At risk");
    case work::DeadlineState::DueSoon:
        return tr("Due soon");
    case work::DeadlineState::Overdue:
        return tr("Overdue");
    case work::DeadlineState::DoneOnTime:
        return tr("Done on time");
    case work::DeadlineState::DoneLate:
        return tr("Done late");
    case work::DeadlineState::Cancelled:
        return tr("Cancelled");
    }
    return "";
}

Tone toneOf(work::DeadlineState s)
{
    switch (s) {
    case work::DeadlineState::Overdue:
        return Tone::Danger;
    case work::DeadlineState::DueSoon:
    case work::DeadlineState::AtRisk:
    case work::DeadlineState::DoneLate:
        return Tone::Warning;
    case work::DeadlineState::OnTrack:
    case work::DeadlineState::DoneOnTime:
        return Tone::Good;
    case work::DeadlineState::NoDeadline:
    case work::DeadlineState::Cancelled:
        return Tone::Neutral;
    }
    return Tone::Neutral;
}

std::string unitRoleLabel(plan::UnitRole r)
{
    return r == plan::UnitRole::Lead ? tr("Lead") : tr("Coordinating");
}

std::string daysLeftLabel(const std::optional<long>& daysLeft)
{
    if (!daysLeft) {
        return "";
    }
    if (*daysLeft < 0) {
        return format1(tr("Overdue by %s days"), std::to_string(-*daysLeft));
    }
    if (*daysLeft == 0) {
        return tr("Due today");
    }
    return format1(tr("%s days left"), std::to_string(*daysLeft));
}

std::string dateLabel(const std::optional<Date>& d)
{
    return d ? d->toVietnamese() : std::string();
}

std::string workErrorMessage(const Error& e)
{
    switch (e.code) {
    case ErrorCode::PermissionDenied:
        return tr("Your role or this desk's unit does not allow this.") + "\n\n" + e.message;
    case ErrorCode::NotFound:
    case ErrorCode::InvalidInput:
    case ErrorCode::Usage:
        return e.message;
    default:
        return StartupPresenter::messageFor(e);
    }
}

std::optional<Date> parseDateInput(const std::string& textIn)
{
    const std::string t = text::trim(textIn);
    if (auto iso = Date::parseIso(t)) {
        return iso;
    }
    // d/m/yyyy with '/', '-' or '.'
    int parts[3] = {0, 0, 0};
    int digits[3] = {0, 0, 0};
    int idx = 0;
    for (char c : t) {
        if (c >= '0' && c <= '9') {
            if (digits[idx] >= 4) {
                return std::nullopt;
            }
            parts[idx] = parts[idx] * 10 + (c - '0');
            ++digits[idx];
        } else if ((c == '/' || c == '-' || c == '.') && idx < 2 && digits[idx] > 0) {
            ++idx;
        } else {
            return std::nullopt;
        }
    }
    if (idx != 2 || digits[0] > 2 || digits[1] > 2 || digits[2] != 4 || !Date::isValid(parts[2], parts[1], parts[0])) {
        return std::nullopt;
    }
    return Date{parts[2], parts[1], parts[0]};
}

} // namespace da06::ui
