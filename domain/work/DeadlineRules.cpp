#include "domain/work/DeadlineRules.h"

#include <algorithm>
#include <cstdio>

namespace da06::work {

const char* deadlineStateName(DeadlineState s)
{
    switch (s) {
    case DeadlineState::NoDeadline:
        return "no_deadline";
    case DeadlineState::OnTrack:
        return "on_track";
    case DeadlineState::AtRisk:
        return "at_risk";
    case DeadlineState::DueSoon:
        return "due_soon";
    case DeadlineState::Overdue:
        return "overdue";
    case DeadlineState::DoneOnTime:
        return "done_on_time";
    case DeadlineState::DoneLate:
        return "done_late";
    case DeadlineState::Cancelled:
        return "cancelled";
    }
    return "no_deadline";
}

int severity(DeadlineState s)
{
    switch (s) {
    case DeadlineState::Overdue:
        return 0;
    case DeadlineState::DueSoon:
        return 1;
    case DeadlineState::AtRisk:
        return 2;
    case DeadlineState::OnTrack:
        return 3;
    case DeadlineState::NoDeadline:
        return 4;
    case DeadlineState::DoneLate:
        return 5;
    case DeadlineState::DoneOnTime:
        return 6;
    case DeadlineState::Cancelled:
        return 7;
    }
    return 8;
}

DeadlineEvaluation evaluateTask(const TaskTiming& task, const Date& today, const DeadlineThresholds& t)
{
    DeadlineEvaluation e;
    if (task.status == TaskStatus::Cancelled) {
        e.state = DeadlineState::Cancelled;
        return e;
    }
    if (task.status == TaskStatus::Done) {
        e.expectedPercent = 100;
        const Date finished = task.completedOn.value_or(today);
        e.state = task.due && finished > *task.due ? DeadlineState::DoneLate : DeadlineState::DoneOnTime;
        return e;
    }
    if (!task.due) {
        e.state = DeadlineState::NoDeadline;
        return e;
    }
    const long dueDay = task.due->daysSinceEpoch();
    const long todayDay = today.daysSinceEpoch();
    e.daysLeft = dueDay - todayDay;

    // Time elapsed between start and due, in percent (a start after the due date counts as due).
    const long startDay = std::min(task.start ? task.start->daysSinceEpoch() : dueDay, dueDay);
    if (todayDay >= dueDay) {
        e.expectedPercent = 100;
    } else if (todayDay <= startDay) {
        e.expectedPercent = 0;
    } else {
        // Whole days elapsed over the whole span, the due day included.
        const long span = dueDay - startDay + 1;
        e.expectedPercent = static_cast<int>((todayDay - startDay) * 100 / span);
    }
    const int percent = std::clamp(task.percent, 0, 100);
    e.behind = percent + t.riskTolerancePoints < e.expectedPercent;

    if (todayDay > dueDay) {
        e.state = DeadlineState::Overdue;
    } else if (dueDay - todayDay <= t.dueSoonDays) {
        e.state = DeadlineState::DueSoon;
    } else if (e.behind) {
        e.state = DeadlineState::AtRisk;
    } else {
        e.state = DeadlineState::OnTrack;
    }
    return e;
}

std::optional<Date> defaultDueDate(const plan::Deadline& d, const Date& today)
{
    switch (d.kind) {
    case plan::DeadlineKind::Month:
    case plan::DeadlineKind::Quarter:
        return d.due;
    case plan::DeadlineKind::Recurring:
        return Date::lastDayOfMonth(today.year, today.month);
    case plan::DeadlineKind::Completed:
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<Date> defaultStartDate(const plan::Deadline& d, const Date& today)
{
    switch (d.kind) {
    case plan::DeadlineKind::Month:
        if (d.due) {
            return Date{d.due->year, d.due->month, 1};
        }
        return std::nullopt;
    case plan::DeadlineKind::Quarter:
        if (d.due) {
            return Date{d.due->year, ((d.due->month - 1) / 3) * 3 + 1, 1};
        }
        return std::nullopt;
    case plan::DeadlineKind::Recurring:
        return Date{today.year, today.month, 1};
    case plan::DeadlineKind::Completed:
        return std::nullopt;
    }
    return std::nullopt;
}

std::string monthKey(int year, int month)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

std::optional<std::pair<int, int>> parseMonthKey(const std::string& key)
{
    if (key.size() != 7 || key[4] != '-') {
        return std::nullopt;
    }
    int y = 0;
    int m = 0;
    for (std::size_t i = 0; i < 7; ++i) {
        if (i == 4) {
            continue;
        }
        if (key[i] < '0' || key[i] > '9') {
            return std::nullopt;
        }
        (i < 4 ? y : m) = (i < 4 ? y : m) * 10 + (key[i] - '0');
    }
    if (y < 1 || m < 1 || m > 12) {
        return std::nullopt;
    }
    return std::pair{y, m};
}

std::vector<std::string> monthsBetween(const std::string& first, const std::string& last)
{
    std::vector<std::string> out;
    auto a = parseMonthKey(first);
    auto b = parseMonthKey(last);
    if (!a || !b) {
        return out;
    }
    int y = a->first;
    int m = a->second;
    while (y < b->first || (y == b->first && m <= b->second)) {
        out.push_back(monthKey(y, m));
        if (++m > 12) {
            m = 1;
            ++y;
        }
    }
    return out;
}

ModelTaskSummary summarizeModel(const plan::Deadline& modelDeadline, const std::vector<TaskTiming>& tasks,
                                const Date& today, const DeadlineThresholds& t)
{
    ModelTaskSummary s;
    long percentSum = 0;
    DeadlineState worst = DeadlineState::Cancelled;
    bool anyLate = false;
    for (const auto& task : tasks) {
        const auto e = evaluateTask(task, today, t);
        if (e.state == DeadlineState::Cancelled) {
            continue;
        }
        ++s.tasks;
        percentSum += task.status == TaskStatus::Done ? 100 : std::clamp(task.percent, 0, 100);
        switch (e.state) {
        case DeadlineState::DoneOnTime:
            ++s.done;
            break;
        case DeadlineState::DoneLate:
            ++s.done;
            anyLate = true;
            break;
        case DeadlineState::Overdue:
            ++s.overdue;
            break;
        case DeadlineState::DueSoon:
            ++s.dueSoon;
            break;
        case DeadlineState::AtRisk:
            ++s.atRisk;
            break;
        default:
            break;
        }
        if (severity(e.state) < severity(worst)) {
            worst = e.state;
        }
    }
    if (modelDeadline.kind == plan::DeadlineKind::Completed && s.tasks == 0) {
        s.percent = 100;
        s.state = DeadlineState::DoneOnTime;
        return s;
    }
    s.percent = s.tasks ? static_cast<int>(percentSum / s.tasks) : 0;
    if (s.tasks > 0 && s.done == s.tasks) {
        s.state = anyLate ? DeadlineState::DoneLate : DeadlineState::DoneOnTime;
        return s;
    }
    if (s.tasks > 0) {
        s.state = worst;
    }
    // The model's own due date (month and quarter forms) counts even when no task has one.
    if (modelDeadline.due &&
        (modelDeadline.kind == plan::DeadlineKind::Month || modelDeadline.kind == plan::DeadlineKind::Quarter)) {
        TaskTiming whole;
        whole.status = s.tasks == 0 ? TaskStatus::NotStarted : TaskStatus::InProgress;
        whole.percent = s.percent;
        whole.due = modelDeadline.due;
        whole.start = defaultStartDate(modelDeadline, today);
        const auto e = evaluateTask(whole, today, t);
        if (s.tasks == 0 || severity(e.state) < severity(s.state)) {
            s.state = e.state;
        }
    } else if (s.tasks == 0) {
        s.state = DeadlineState::NoDeadline;
    }
    return s;
}

} // namespace da06::work
