#include "client/cli/commands/WorkSupport.h"

#include <iomanip>

namespace da06::cli {

void dropWord(Args& a, const char* word)
{
    if (!a.rest().empty() && a.rest().front() == word) {
        a.rest().erase(a.rest().begin());
    }
}

bool dateOption(Args& a, const std::string& name, std::optional<Date>& outDate, std::ostream& err, int& rc)
{
    auto v = a.option(name);
    if (!v) {
        return true;
    }
    outDate = parseDay(*v);
    if (!outDate) {
        rc = usageError(err, name + ": \"" + *v + "\" is not a date that exists (write YYYY-MM-DD or dd/mm/yyyy)");
        return false;
    }
    return true;
}

std::string dateText(const std::optional<Date>& d)
{
    return d ? d->toVietnamese() : "—";
}

std::string stateLabel(work::DeadlineState s)
{
    switch (s) {
    case work::DeadlineState::NoDeadline:
        return "no deadline";
    case work::DeadlineState::OnTrack:
        return "on track";
    case work::DeadlineState::AtRisk:
        return "AT RISK";
    case work::DeadlineState::DueSoon:
        return "DUE SOON";
    case work::DeadlineState::Overdue:
        return "OVERDUE";
    case work::DeadlineState::DoneOnTime:
        return "done on time";
    case work::DeadlineState::DoneLate:
        return "done late";
    case work::DeadlineState::Cancelled:
        return "cancelled";
    }
    return "";
}

void printTaskLine(std::ostream& out, const work::Task& t, const std::optional<work::DeadlineEvaluation>& e)
{
    out << padded("#" + std::to_string(t.id), 6) << " " << padded(dateText(t.due), 10) << "  "
        << padded(work::taskStatusName(t.status), 11) << " " << std::setw(3) << t.percent << "%  ";
    if (e) {
        out << padded(stateLabel(e->state) + (e->behind && e->state == work::DeadlineState::DueSoon ? ", behind" : ""),
                      17)
            << " ";
    }
    out << "M" << padded(std::to_string(t.modelNumber), 3) << " " << padded(t.unitId, 22) << " " << t.title << "\n";
}

} // namespace da06::cli
